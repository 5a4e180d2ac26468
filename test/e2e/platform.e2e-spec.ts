import { signToken } from '../../src/graphql/auth/token';
import { agency, startTestApp, type TestApp } from '../helpers/test-app';

describe('platform over HTTP', () => {
  let t: TestApp;
  let base: string;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    base = await t.listen();
    token = await t.token(agency());
  });
  afterAll(() => t.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('answers /healthz and /readyz without a token', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('serves the Sandbox landing page on GET /graphql', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<!DOCTYPE html>');
    expect(html).toContain('embeddable-sandbox');
  });

  it.each([
    ['no token', {}, 'A bearer token is required'],
    ['a malformed header', { authorization: 'Token abc' }, 'Bearer'],
    [
      'a bad signature',
      { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' },
      'not valid',
    ],
  ])('refuses %s with UNAUTHENTICATED', async (_name, headers, message) => {
    const res = await post({ query: '{ organizations { code } }' }, headers);
    const body = (await res.json()) as {
      data: unknown;
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0]!.message).toContain(message);
    expect(body.data).toBeNull();
  });

  it('refuses an expired token with UNAUTHENTICATED', async () => {
    const expired = await signToken(
      { sub: 'x', role: agency().role, regions: ['41'], expiresIn: '-1m' },
      t.config.jwtSecret,
    );
    const body = (await (
      await post({ query: '{ organizations { code } }' }, { authorization: `Bearer ${expired}` })
    ).json()) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0]!.message).toBe('The token has expired');
  });

  it('returns the request id in a header, keeping a sane one the client sent', async () => {
    const own = await post(
      { query: '{ isWorkingDay(date: "2024-10-01") }' },
      {
        authorization: `Bearer ${token}`,
        'x-request-id': 'abc-123',
      },
    );
    expect(own.headers.get('x-request-id')).toBe('abc-123');
    expect(await own.json()).toEqual({ data: { isWorkingDay: false } });
    const minted = await post(
      { query: '{ isWorkingDay(date: "2024-10-01") }' },
      { authorization: `Bearer ${token}` },
    );
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a bad Date variable with BAD_USER_INPUT naming the argument, without echoing the value', async () => {
    const secret = '110105194912310021';
    const res = await post(
      { query: 'query Q($d: Date!) { isWorkingDay(date: $d) }', variables: { d: secret } },
      { authorization: `Bearer ${token}` },
    );
    const text = await res.text();
    expect(text).not.toContain(secret);
    const body = JSON.parse(text) as {
      errors: Array<{ extensions: { code: string; field: string } }>;
    };
    expect(body.errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'date' });
  });

  it('refuses a bad inline Date literal with BAD_USER_INPUT naming the argument', async () => {
    const res = await post(
      { query: '{ isWorkingDay(date: "2024-02-30") }' },
      { authorization: `Bearer ${token}` },
    );
    const text = await res.text();
    expect(text).not.toContain('2024-02-30');
    const body = JSON.parse(text) as {
      errors: Array<{ extensions: { code: string; field: string } }>;
    };
    expect(body.errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'date' });
  });

  it('names the nested input field of a bad inline literal and never shows a stack', async () => {
    const res = await post(
      {
        query:
          'mutation { createOrganization(input: {code: "X", name: "n", kind: AGENCY, regionCode: 410000}) { id } }',
      },
      { authorization: `Bearer ${token}` },
    );
    const text = await res.text();
    expect(text).not.toMatch(/stacktrace|at .*\.ts:\d+|node_modules/);
    const body = JSON.parse(text) as {
      errors: Array<{ message: string; extensions: { code: string; field: string } }>;
    };
    expect(body.errors[0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.regionCode',
    });
    expect(body.errors[0]!.message).not.toContain('410000');
  });

  it('names a missing field of an input variable', async () => {
    const res = await post(
      {
        query: 'mutation M($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
        variables: { i: { code: 'X', name: 'n', kind: 'AGENCY' } },
      },
      { authorization: `Bearer ${token}` },
    );
    const body = (await res.json()) as {
      errors: Array<{ extensions: { code: string; field: string } }>;
    };
    expect(body.errors[0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.regionCode',
    });
  });

  it('refuses batched HTTP requests', async () => {
    const res = await post(
      [
        { query: '{ isWorkingDay(date: "2024-10-01") }' },
        { query: '{ isWorkingDay(date: "2024-10-08") }' },
      ],
      {
        authorization: `Bearer ${token}`,
      },
    );
    expect(res.status).toBe(400);
  });
});
