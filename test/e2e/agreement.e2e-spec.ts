import { Role, type Caller } from '../../src/shared/caller';
import { agency, insurer, reporting, startTestApp, type TestApp } from '../helpers/test-app';

const CREATE_ORG = `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`;
const CREATE = `mutation($i: CreateAgreementInput!) {
  createAgreement(input: $i) { id code kind status regionCode coveredRegions effectiveFrom effectiveTo partyA { code } partyB { code } }
}`;

describe('agreements', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const org = async (code: string, kind: string, regionCode: string) => {
    const r = await t.gql<{ createOrganization: { id: string } }>(
      CREATE_ORG,
      { i: { code, name: code, kind, regionCode } },
      agency(),
    );
    ids[code] = r.data!.createOrganization.id;
  };
  const input = (over: Record<string, unknown> = {}) => ({
    code: 'HN-2024',
    kind: 'CRITICAL_ILLNESS',
    title: '2024年河南省城乡居民大病保险承办服务合同',
    partyAId: ids.HA,
    partyBId: ids.INS,
    regionCode: '410000',
    effectiveFrom: '2024-01-01',
    effectiveTo: '2024-12-31',
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp();
    await org('HA', 'AGENCY', '410000');
    await org('INS', 'INSURER', '410000');
    await org('HOSP', 'MEDICAL_INSTITUTION', '510900');
    await org('SNA', 'AGENCY', '510900');
  });
  afterAll(() => t.close());

  it('creates an agreement with its parties, default covered region and status from the dates', async () => {
    const r = await t.gql<{ createAgreement: Record<string, unknown> }>(
      CREATE,
      { i: input() },
      agency(),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.createAgreement).toMatchObject({
      code: 'HN-2024',
      kind: 'CRITICAL_ILLNESS',
      status: 'ACTIVE',
      coveredRegions: ['410000'],
      effectiveFrom: '2024-01-01',
      partyA: { code: 'HA' },
      partyB: { code: 'INS' },
    });
    const expired = await t.gql<{ createAgreement: { status: string } }>(
      CREATE,
      {
        i: input({
          code: 'HN-2023',
          effectiveFrom: '2023-01-01',
          effectiveTo: '2023-12-31',
          coveredRegions: ['410100', '410300'],
        }),
      },
      agency(),
    );
    expect(expired.data!.createAgreement).toMatchObject({
      status: 'EXPIRED',
      coveredRegions: ['410100', '410300'],
    });
  });

  it.each([
    ['a duplicate code', { code: 'HN-2024' }, 'CONFLICT', 'input.code'],
    [
      'effectiveTo before effectiveFrom',
      { code: 'X1', effectiveTo: '2023-12-31' },
      'BAD_USER_INPUT',
      'input.effectiveTo',
    ],
    ['party A not an agency', { code: 'X2', partyAId: 'INS' }, 'BAD_USER_INPUT', 'input.partyAId'],
    [
      'party B not an insurer',
      { code: 'X3', partyBId: 'HOSP' },
      'BAD_USER_INPUT',
      'input.partyBId',
    ],
    [
      'an institution agreement with an insurer',
      { code: 'X4', kind: 'DESIGNATED_INSTITUTION' },
      'BAD_USER_INPUT',
      'input.partyBId',
    ],
    [
      'an unknown party',
      { code: 'X5', partyAId: '00000000-0000-0000-0000-000000000000' },
      'NOT_FOUND',
      'input.partyAId',
    ],
    ['a party id that is no id', { code: 'X8', partyBId: 'nope' }, 'NOT_FOUND', 'input.partyBId'],
    [
      'a bad covered region',
      { code: 'X6', coveredRegions: ['410000', '4101'] },
      'BAD_USER_INPUT',
      'input.coveredRegions[1]',
    ],
    [
      'a region outside the token',
      { code: 'X7', regionCode: '320000' },
      'BAD_USER_INPUT',
      'input.regionCode',
    ],
  ])('refuses %s and stores nothing', async (_name, over, code, field) => {
    const resolved = Object.fromEntries(
      Object.entries(over).map(([k, v]) => [k, typeof v === 'string' && ids[v] ? ids[v] : v]),
    );
    const before = await t.db.dataSource.query('SELECT count(*)::int AS n FROM agreement');
    const r = await t.gql(CREATE, { i: input(resolved) }, agency());
    expect(r.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(await t.db.dataSource.query('SELECT count(*)::int AS n FROM agreement')).toEqual(before);
  });

  it('creates a designated-institution agreement with a medical institution', async () => {
    const r = await t.gql(
      CREATE,
      {
        i: input({
          code: 'SN-1',
          kind: 'DESIGNATED_INSTITUTION',
          partyAId: ids.SNA,
          partyBId: ids.HOSP,
          regionCode: '510900',
        }),
      },
      agency(),
    );
    expect(r.errors).toBeUndefined();
  });

  it('lets only AGENCY create', async () => {
    for (const user of [insurer(ids.INS!), reporting()]) {
      const r = await t.gql(CREATE, { i: input({ code: 'Y' }) }, user);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('reads one agreement, null for an unknown or malformed id, and pages the list', async () => {
    const list = await t.gql<{
      agreements: {
        nodes: Array<{ code: string; id: string }>;
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      `{ agreements(first: 2) { nodes { id code } totalCount pageInfo { hasNextPage endCursor } } }`,
      {},
      reporting(),
    );
    expect(list.data!.agreements.totalCount).toBe(3);
    expect(list.data!.agreements.nodes.map((n) => n.code)).toEqual(['HN-2023', 'HN-2024']);
    expect(list.data!.agreements.pageInfo.hasNextPage).toBe(true);
    const next = await t.gql<{
      agreements: { nodes: Array<{ code: string }>; pageInfo: { hasNextPage: boolean } };
    }>(
      `query($a: String) { agreements(first: 2, after: $a) { nodes { code } pageInfo { hasNextPage } } }`,
      { a: list.data!.agreements.pageInfo.endCursor },
      reporting(),
    );
    expect(next.data!.agreements).toEqual({
      nodes: [{ code: 'SN-1' }],
      pageInfo: { hasNextPage: false },
    });
    const byKind = await t.gql<{ agreements: { totalCount: number } }>(
      `{ agreements(kind: DESIGNATED_INSTITUTION) { totalCount } }`,
      {},
      agency(),
    );
    expect(byKind.data!.agreements.totalCount).toBe(1);
    const one = await t.gql<{ agreement: { code: string } | null }>(
      `query($id: ID!) { agreement(id: $id) { code } }`,
      { id: list.data!.agreements.nodes[1]!.id },
      agency(),
    );
    expect(one.data!.agreement).toEqual({ code: 'HN-2024' });
    for (const id of ['00000000-0000-0000-0000-000000000000', 'not-an-id', "1' OR '1'='1"]) {
      const none = await t.gql(`query($id: ID!) { agreement(id: $id) { code } }`, { id }, agency());
      expect(none).toEqual({ data: { agreement: null } });
    }
  });

  it.each([
    [101, 'BAD_USER_INPUT'],
    [-1, 'BAD_USER_INPUT'],
  ])('refuses first: %d', async (first, code) => {
    const r = await t.gql(
      `query($f: Int) { agreements(first: $f) { totalCount } }`,
      { f: first },
      agency(),
    );
    expect(r.errors?.[0]?.extensions).toEqual({ code, field: 'first' });
  });

  it.each([
    [
      'fields',
      `query($id: ID!) { agreement(id: $id) { code partyA { code name } partyB { code } } }`,
    ],
    [
      'a fragment',
      `query($id: ID!) { agreement(id: $id) { code ...P } } fragment P on Agreement { partyA { code name } partyB { code } }`,
    ],
    ['no party', `query($id: ID!) { agreement(id: $id) { code } }`],
  ])('reads an agreement with its parties selected through %s', async (_how, query) => {
    // With a party selected, the agreement and both parties come in one join (docs/performance.md); the answer is the
    // same.
    const list = await t.gql<{ agreements: { nodes: Array<{ id: string; code: string }> } }>(
      `{ agreements(first: 5) { nodes { id code } } }`,
      {},
      reporting(),
    );
    const hn = list.data!.agreements.nodes.find((n) => n.code === 'HN-2024')!;
    const r = await t.gql<{ agreement: Record<string, unknown> }>(
      query,
      { id: hn.id },
      reporting(),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.agreement).toEqual(
      query.includes('partyA')
        ? { code: 'HN-2024', partyA: { code: 'HA', name: 'HA' }, partyB: { code: 'INS' } }
        : { code: 'HN-2024' },
    );
    const none = await t.gql<{ agreement: unknown }>(
      query,
      { id: '00000000-0000-4000-8000-000000000000' },
      reporting(),
    );
    expect(none).toEqual({ data: { agreement: null } });
  });

  it('refuses a forged cursor', async () => {
    const r = await t.gql(`{ agreements(after: "garbage") { totalCount } }`, {}, agency());
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  describe('reportDeadlines', () => {
    const Q = `query($id: ID!, $y: Int!) { reportDeadlines(agreementId: $id, year: $y) { kind period dueOn } }`;
    let id: string;
    beforeAll(async () => {
      const r = await t.gql<{ agreements: { nodes: Array<{ id: string; code: string }> } }>(
        `{ agreements { nodes { id code } } }`,
        {},
        agency(),
      );
      id = r.data!.agreements.nodes.find((n) => n.code === 'HN-2024')!.id;
    });

    it('lists 14 deadlines, moved past holidays (Henan arts. 25–26)', async () => {
      const r = await t.gql<{
        reportDeadlines: Array<{ kind: string; period: string; dueOn: string }>;
      }>(Q, { id, y: 2024 }, agency(['41']));
      const rows = r.data!.reportDeadlines;
      expect(rows).toHaveLength(14);
      expect(rows.filter((d) => d.kind === 'MONTHLY')).toHaveLength(12);
      const due = Object.fromEntries(rows.map((d) => [d.period, d.dueOn]));
      expect(due).toMatchObject({
        '2024-01': '2024-02-05',
        '2024-03': '2024-04-07', // 5 April is Qingming; 7 April, a Sunday, is a 调休 working day
        '2024-04': '2024-05-06', // Labour Day holiday 1–5 May
        '2024-09': '2024-10-08', // National Day 1–7 October
        '2024-12': '2025-01-06', // 5 January 2025 is a Sunday
        '2024-H1': '2024-07-15',
        '2024': '2025-01-20',
      });
    });

    it.each<[string, Caller | (() => Caller)]>([
      ['an agency of another region', agency(['51'])],
      ['an insurer that is not party B', () => insurer(ids.HA!)],
      [
        'an institution',
        () => ({ sub: 'h', role: Role.INSTITUTION, org: ids.HOSP!, regions: ['51'] }),
      ],
    ])('answers NOT_FOUND or FORBIDDEN to %s', async (_name, who) => {
      const user = typeof who === 'function' ? who() : who;
      const r = await t.gql(Q, { id, y: 2024 }, user);
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(r.errors?.[0]?.extensions?.code);
      expect(r.data).toBeNull();
    });

    it('lets party B and REPORTING in the region read it', async () => {
      for (const user of [insurer(ids.INS!), reporting(['4100'])]) {
        const r = await t.gql<{ reportDeadlines: unknown[] }>(Q, { id, y: 2024 }, user);
        expect(r.data!.reportDeadlines).toHaveLength(14);
      }
    });
  });
});
