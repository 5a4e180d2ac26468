import { getIntrospectionQuery } from 'graphql';
import { QUERY_LIMITS } from '../../src/graphql/plugins/limits';
import { agency, startTestApp, type GqlResult, type TestApp } from '../helpers/test-app';

/**
 * Bounded queries (docs/security.md, "Query limits"): depth, aliases, cost counting list sizes and batch length,
 * suggestions.
 */
describe('query limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const refused = (r: GqlResult, pattern: RegExp) => {
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.errors?.[0]?.message).toMatch(pattern);
    expect(JSON.stringify(r)).not.toMatch(/\bat \w+ \(|node_modules|\.ts:\d+|SELECT /);
  };

  /** `levels` levels of selection: claims → nodes → insuredPerson → claims → … → id. */
  const nested = (levels: number): string => {
    const steps = ['claims', 'nodes', 'insuredPerson'];
    let open = '';
    let close = '';
    for (let i = 0; i < levels - 1; i++) {
      open += `${steps[i % 3]} { `;
      close += ' }';
    }
    return `{ ${open}id${close} }`;
  };

  it(`refuses a 12-level query and passes a ${QUERY_LIMITS.maxDepth}-level one`, async () => {
    refused(await t.gql(nested(12), {}, agency()), /depth/i);
    const ok = await t.gql(nested(QUERY_LIMITS.maxDepth), {}, agency());
    expect(ok.errors).toBeUndefined();
  });

  let base: string | undefined;
  it.each([
    ['a syntax error', '{ x', /Syntax Error/],
    [
      `${QUERY_LIMITS.maxTokens + 1} tokens`,
      `{ ${'__typename '.repeat(QUERY_LIMITS.maxTokens - 1)}}`,
      new RegExp(`more that ${QUERY_LIMITS.maxTokens} tokens`),
    ],
  ])(
    'answers %s over HTTP with 400 GRAPHQL_PARSE_FAILED, not a server error',
    async (_case, query, message) => {
      base ??= await t.listen();
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as GqlResult;
      expect([res.status, body.errors?.[0]?.extensions?.code]).toEqual([
        400,
        'GRAPHQL_PARSE_FAILED',
      ]);
      expect(body.errors?.[0]?.message).toMatch(message);
    },
  );

  it(`parses a query of exactly ${QUERY_LIMITS.maxTokens} tokens (whatever validation then says of it)`, async () => {
    const r = await t.gql(`{ ${'__typename '.repeat(QUERY_LIMITS.maxTokens - 2)}}`, {}, agency());
    expect(r.errors?.[0]?.extensions?.code).not.toBe('GRAPHQL_PARSE_FAILED');
    const over = await t.gql(
      `{ ${'__typename '.repeat(QUERY_LIMITS.maxTokens - 1)}}`,
      {},
      agency(),
    );
    expect(over.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses a 500-alias query and passes a few aliases', async () => {
    const many = `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: isWorkingDay(date: "2024-04-28")`).join(' ')} }`;
    refused(await t.gql(many, {}, agency()), /alias/i);
    const few = await t.gql(
      `{ a: isWorkingDay(date: "2024-04-28") b: isWorkingDay(date: "2024-05-01") }`,
      {},
      agency(),
    );
    expect(few.data).toEqual({ a: true, b: false });
  });

  it('counts page sizes: 100 persons × 100 claims is refused, 100 claims with their relations pass', async () => {
    refused(
      await t.gql(
        `{ insuredPersons(first: 100) { nodes { claims(first: 100) { nodes { id benefit institution { name } } } } } }`,
        {},
        agency(),
      ),
      /costly/,
    );
    const ok = await t.gql(
      `{ claims(first: 100) { nodes { id insuredPerson { name } institution { name } agreement { code } } } }`,
      {},
      agency(),
    );
    expect(ok.errors).toBeUndefined();
  });

  it('costs the same document again for other variables (the cost cache is keyed by them)', async () => {
    const q = `query($n: Int!) { insuredPersons(first: $n) { nodes { claims(first: 100) { nodes { id benefit institution { name } } } } } }`;
    expect((await t.gql(q, { n: 1 }, agency())).errors).toBeUndefined();
    refused(await t.gql(q, { n: 100 }, agency()), /costly/);
    expect((await t.gql(q, { n: 1 }, agency())).errors).toBeUndefined();
    refused(await t.gql(q, { n: 100 }, agency()), /costly/);
  });

  it('lets the IDE’s full introspection query through (it is exempt from the depth limit)', async () => {
    const r = await t.gql<{ __schema: { types: unknown[] } }>(
      getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
      {},
      agency(),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.__schema.types.length).toBeGreaterThan(50);
  });

  it('suggests field names outside production (the embedded default)', async () => {
    const typo = await t.gql(`{ organisations { code } }`, {}, agency());
    expect(typo.errors?.[0]?.message).toMatch(/Did you mean "organizations"/);
  });

  it('lets a 1 000-input submitClaims through the limits (each input is then judged on its own)', async () => {
    const inputs = Array.from({ length: 1000 }, (_, i) => ({
      agreementId: 'none',
      institutionId: 'none',
      insuredPersonId: 'none',
      settlementNumber: `L-${i}`,
      channel: 'DIRECT',
      admissionDate: '2024-04-01',
      dischargeDate: '2024-04-02',
      declaredOn: '2024-04-03',
      totalCost: '100.00',
      basicFundPaid: '0.00',
    }));
    const r = await t.gql<{ submitClaims: { errors: { code: string }[] } }>(
      `mutation($is: [SubmitClaimInput!]!) { submitClaims(inputs: $is) { claims { id } errors { index code field } } }`,
      { is: inputs },
      agency(),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.submitClaims.errors).toHaveLength(1000);
    expect(r.data!.submitClaims.errors.every((e) => e.code === 'NOT_FOUND')).toBe(true);
  });
});

describe('in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => t.close());

  it('hides field suggestions and refuses introspection', async () => {
    const typo = await t.gql(`{ organisations { code } }`, {}, agency());
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const intro = await t.gql(`{ __schema { types { name } } }`, {}, agency());
    expect(intro.data ?? null).toBeNull();
    expect(intro.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
