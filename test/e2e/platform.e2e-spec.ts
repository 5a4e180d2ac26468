import { gzipSync } from 'node:zlib';
import { signToken } from '../../src/graphql/auth/token';
import { freshIdNumber } from '../helpers/claim-fixtures';
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

  it('serves the offline GraphiQL on a browser’s GET /graphql', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<!DOCTYPE html>');
    expect(html).toContain('id="jingban-ide-start"');
    expect(html).not.toContain('embeddable-sandbox');
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

  /*
   * POST /graphql goes from node's server straight to Apollo (src/http/graphql-handler.ts; docs/architecture.md); POST
   * /graphql/ still goes through express. The tests below pin what a client sees on the first, and that the second
   * answers the same, so that the two paths cannot drift apart.
   */

  // Not the ETag: express tags its answers, the lean path does not (a POST answer is never revalidated).
  const ERROR_HEADERS = ['content-type', 'content-length', 'x-request-id'];
  const answer = async (res: Response) => ({
    status: res.status,
    headers: Object.fromEntries(ERROR_HEADERS.map((h) => [h, res.headers.get(h)])),
    text: await res.text(),
  });
  const send = (path: string, init: RequestInit) =>
    fetch(`${base}${path}`, { method: 'POST', ...init });
  const BAD_REQUEST = { errors: [{ message: 'Bad request', extensions: { code: 'BAD_REQUEST' } }] };

  it('puts the request id it answers with into the context (the access log records it)', async () => {
    const registered = await t.gql<{ registerInsuredPerson: { id: string } }>(
      'mutation($i: RegisterInsuredPersonInput!) { registerInsuredPerson(input: $i) { id } }',
      { i: { idNumber: freshIdNumber(), name: '请求号', regionCode: '410302' } },
      agency(),
    );
    const id = registered.data!.registerInsuredPerson.id;
    const read = async (requestId: string) => {
      const res = await post(
        { query: 'query($id: ID!) { insuredPerson(id: $id) { idNumber } }', variables: { id } },
        { authorization: `Bearer ${token}`, 'x-request-id': requestId },
      );
      expect(res.status).toBe(200);
      const answered = res.headers.get('x-request-id')!;
      const rows: Array<{ request_id: string }> = await t.db.dataSource.query(
        'SELECT request_id FROM person_access_log WHERE request_id = $1',
        [answered],
      );
      return { answered, logged: rows.map((r) => r.request_id) };
    };
    expect(await read('trace-http-1')).toEqual({
      answered: 'trace-http-1',
      logged: ['trace-http-1'],
    });
    // Not a sane id (a space; over 64 characters): a fresh one, the same in the header and in the context.
    for (const insane of ['trace 2', 'x'.repeat(65)]) {
      const { answered, logged } = await read(insane);
      expect(answered).toMatch(/^[0-9a-f-]{36}$/);
      expect(logged).toEqual([answered]);
    }
  });

  it('answers a body over 2 MB with 413 and a fixed message', async () => {
    const res = await send('/graphql', {
      headers: { 'content-type': 'application/json', 'x-request-id': 'big-1' },
      body: JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('x-request-id')).toBe('big-1');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({
      errors: [{ message: 'The request body is too large', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it.each([
    [
      'malformed JSON',
      400,
      { 'content-type': 'application/json' },
      '{"query": SELECT * FROM claim',
    ],
    [
      'a JSON string (not an object)',
      400,
      { 'content-type': 'application/json' },
      '"{ __typename }"',
    ],
    ['an unsupported charset', 415, { 'content-type': 'application/json; charset=latin1' }, '{}'],
    [
      'an unknown content encoding',
      415,
      { 'content-type': 'application/json', 'content-encoding': 'compress' },
      '{}',
    ],
    [
      'a corrupt gzip body',
      400,
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      'not gzip',
    ],
  ])(
    'refuses %s with %d Bad request, echoing nothing of it',
    async (_name, status, headers, body) => {
      const res = await send('/graphql', { headers, body });
      expect(res.status).toBe(status);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual(BAD_REQUEST);
      expect(text).not.toMatch(/SELECT|latin1|compress|gzip|header|Unexpected/i);
    },
  );

  it('reads a gzip body and a query string as before', async () => {
    const query = JSON.stringify({ query: '{ isWorkingDay(date: "2024-10-01") }' });
    for (const [path, body, encoding] of [
      ['/graphql', gzipSync(query), { 'content-encoding': 'gzip' }],
      ['/graphql?from=test', query, {}],
    ] as const) {
      const res = await send(path, {
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...encoding,
        },
        body,
      });
      expect(await res.json()).toEqual({ data: { isWorkingDay: false } });
    }
  });

  it('leaves content types other than JSON to Apollo: CSRF refusal, or no body', async () => {
    const query = JSON.stringify({ query: '{ isWorkingDay(date: "2024-10-01") }' });
    const refuse = async (headers: Record<string, string>, message: RegExp) => {
      // A Uint8Array body: fetch adds no content type of its own.
      const res = await send('/graphql', { headers, body: new TextEncoder().encode(query) });
      expect(res.status).toBe(400);
      const body = (await res.json()) as {
        errors: Array<{ message: string; extensions: { code: string } }>;
      };
      expect(body.errors[0]!.message).toMatch(message);
      expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    };
    const csrf = /Cross-Site Request Forgery/;
    await refuse({}, csrf);
    await refuse({ 'content-type': 'text/plain' }, csrf);
    await refuse({ 'content-type': 'application/x-www-form-urlencoded' }, csrf);
    await refuse(
      { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' },
      /POST body missing/,
    );
    await refuse({ 'content-type': 'application/graphql' }, /POST body missing/);
  });

  it('answers a fault outside Apollo with 500 and a fixed message on both paths, showing none of it', async () => {
    // A fault where only the HTTP layer can catch it: Apollo's entry point itself throws.
    const apollo = t.app.apollo;
    const original = apollo.executeHTTPGraphQLRequest.bind(apollo);
    apollo.executeHTTPGraphQLRequest = () =>
      Promise.reject(
        new Error('relation "claim" does not exist: SELECT * FROM claim at /work/src/x.ts:1:1'),
      );
    try {
      for (const path of ['/graphql', '/graphql/']) {
        const res = await send(path, {
          headers: { 'content-type': 'application/json', 'x-request-id': 'fault-1' },
          body: '{"query":"{ __typename }"}',
        });
        expect(res.status).toBe(500);
        expect(res.headers.get('x-request-id')).toBe('fault-1');
        expect(await res.json()).toEqual({
          errors: [
            { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
          ],
        });
      }
    } finally {
      apollo.executeHTTPGraphQLRequest = original;
    }
  });

  it.each([
    ['an answer', { 'content-type': 'application/json' }, 'ok'],
    [
      'an answer in the GraphQL response type',
      { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      'ok',
    ],
    ['a GraphQL error', { 'content-type': 'application/json' }, '{"query":"{ nope }"}'],
    ['a CSRF refusal', { 'content-type': 'text/plain' }, 'ok'],
    ['malformed JSON', { 'content-type': 'application/json' }, '{'],
    ['a body over 2 MB', { 'content-type': 'application/json' }, 'big'],
  ])(
    'answers %s on POST /graphql exactly as express does on POST /graphql/',
    async (_name, headers, body) => {
      const bodies: Record<string, string> = {
        ok: JSON.stringify({ query: '{ isWorkingDay(date: "2024-10-01") }' }),
        big: JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(2 * 1024 * 1024 + 1) }),
      };
      const init = {
        headers: { ...headers, authorization: `Bearer ${token}`, 'x-request-id': 'same-1' },
        body: bodies[body] ?? body,
      };
      const leanResponse = await send('/graphql', init);
      expect(leanResponse.headers.get('etag')).toBeNull();
      const lean = await answer(leanResponse);
      const viaExpress = await answer(await send('/graphql/', init));
      expect(lean).toEqual(viaExpress);
      expect(lean.headers['x-request-id']).toBe('same-1');
      expect(Number(lean.headers['content-length'])).toBe(Buffer.byteLength(lean.text));
    },
  );
});
