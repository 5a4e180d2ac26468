import { agency, insurer, startTestApp, type TestApp } from '../helpers/test-app';

/**
 * The access log of full ID-number reads, readable by AGENCY per region (rules.md §2; docs/security.md, "What is
 * logged").
 */
describe('accessLog', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const LOG = `query($p: ID, $first: Int, $after: String) { accessLog(insuredPersonId: $p, first: $first, after: $after) {
    totalCount nodes { id insuredPersonId role userSub operation requestId } pageInfo { hasNextPage endCursor } } }`;
  type Log = {
    accessLog: {
      totalCount: number;
      nodes: { id: string; insuredPersonId: string; operation: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const [name, idNumber, regionCode] of [
      ['henan', '11010519491231002X', '410302'],
      ['sichuan', '440524188001010014', '510903'],
    ]) {
      const r = await t.gql<{ registerInsuredPerson: { id: string } }>(
        `mutation($i: RegisterInsuredPersonInput!) { registerInsuredPerson(input: $i) { id } }`,
        { i: { idNumber, name, regionCode } },
        agency(),
      );
      ids[name!] = r.data!.registerInsuredPerson.id;
    }
    // Three full reads of the Henan person, one of the Sichuan person.
    for (let i = 0; i < 3; i++) {
      await t.gql(
        `query($id: ID!) { insuredPerson(id: $id) { idNumber } }`,
        { id: ids.henan },
        agency(),
      );
    }
    await t.gql(
      `query($id: ID!) { insuredPerson(id: $id) { idNumber } }`,
      { id: ids.sichuan },
      agency(),
    );
  });
  afterAll(() => t.close());

  it('shows an agency the reads of persons in its regions only, newest first, in pages', async () => {
    const henan = await t.gql<Log>(LOG, { first: 2 }, agency(['41']));
    expect(henan.errors).toBeUndefined();
    expect(henan.data!.accessLog.totalCount).toBe(3);
    expect(henan.data!.accessLog.nodes.every((n) => n.insuredPersonId === ids.henan)).toBe(true);
    expect(henan.data!.accessLog.nodes.map((n) => n.operation)).toEqual([
      'insuredPerson',
      'insuredPerson',
    ]);
    expect(henan.data!.accessLog.pageInfo.hasNextPage).toBe(true);
    const next = await t.gql<Log>(
      LOG,
      { first: 2, after: henan.data!.accessLog.pageInfo.endCursor },
      agency(['41']),
    );
    expect(next.data!.accessLog.nodes).toHaveLength(1);
    expect(Number(next.data!.accessLog.nodes[0]!.id)).toBeLessThan(
      Number(henan.data!.accessLog.nodes[1]!.id),
    );
    const one = await t.gql<Log>(LOG, { p: ids.sichuan }, agency(['41']));
    expect(one.data!.accessLog.totalCount).toBe(0);
    const sichuan = await t.gql<Log>(LOG, { p: ids.sichuan }, agency(['51']));
    expect(sichuan.data!.accessLog.totalCount).toBe(1);
  });

  it('is AGENCY only', async () => {
    const r = await t.gql(LOG, {}, insurer('00000000-0000-4000-8000-000000000000'));
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
