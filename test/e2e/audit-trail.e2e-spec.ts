import { agency, reporting, startTestApp, type TestApp } from '../helpers/test-app';

/** The audit trail, readable by AGENCY per region with paging (runtime.md; docs/decisions.md, "Audit trail"). */
describe('auditTrail', () => {
  let t: TestApp;
  const TRAIL = `query($op: String, $first: Int, $after: String) { auditTrail(operation: $op, first: $first, after: $after) {
    totalCount nodes { id operation regionCodes ids input userSub } pageInfo { hasNextPage endCursor } } }`;
  type Trail = {
    auditTrail: {
      totalCount: number;
      nodes: {
        id: string;
        operation: string;
        regionCodes: string[];
        ids: string[];
        input: string;
      }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const [code, regionCode] of [
      ['AT-HN', '410300'],
      ['AT-SN', '510900'],
      ['AT-HN2', '410100'],
    ]) {
      await t.gql(
        `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
        { i: { code, name: code, kind: 'AGENCY', regionCode } },
        agency(),
      );
    }
    await t.gql(
      `mutation($i: RegisterInsuredPersonInput!) { registerInsuredPerson(input: $i) { id } }`,
      { i: { idNumber: '11010519491231002X', name: '留痕', regionCode: '410302' } },
      agency(),
    );
  });
  afterAll(() => t.close());

  it('shows an agency the mutations on objects in its regions, newest first, with their regions and input without ID numbers', async () => {
    const r = await t.gql<Trail>(TRAIL, {}, agency(['41']));
    expect(r.errors).toBeUndefined();
    const ops = r.data!.auditTrail.nodes.map((n) => [n.operation, n.regionCodes]);
    expect(ops).toEqual([
      ['registerInsuredPerson', ['410302']],
      ['createOrganization', ['410100']],
      ['createOrganization', ['410300']],
    ]);
    const person = r.data!.auditTrail.nodes[0]!;
    expect(person.input).not.toContain('110105');
    expect(person.input).toContain('insuredPersonId');
    const sichuan = await t.gql<Trail>(TRAIL, {}, agency(['51']));
    expect(sichuan.data!.auditTrail.nodes.map((n) => n.regionCodes)).toEqual([['510900']]);
  });

  it('filters by operation and pages', async () => {
    const first = await t.gql<Trail>(TRAIL, { op: 'createOrganization', first: 1 }, agency(['41']));
    expect(first.data!.auditTrail.totalCount).toBe(2);
    expect(first.data!.auditTrail.pageInfo.hasNextPage).toBe(true);
    const next = await t.gql<Trail>(
      TRAIL,
      { op: 'createOrganization', first: 1, after: first.data!.auditTrail.pageInfo.endCursor },
      agency(['41']),
    );
    expect(next.data!.auditTrail.nodes[0]!.regionCodes).toEqual(['410300']);
    expect(next.data!.auditTrail.pageInfo.hasNextPage).toBe(false);
  });

  it('is AGENCY only', async () => {
    const r = await t.gql(TRAIL, {}, reporting());
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
