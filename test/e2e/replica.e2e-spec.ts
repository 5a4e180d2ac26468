import { createApp, type App } from '../../src/app';
import { openPostgres, type Database } from '../../src/db/data-source';
import { FixedClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { claimInput, claimWorld } from '../helpers/claim-fixtures';
import { agency, reporting, testConfig, type GqlResult, type TestApp } from '../helpers/test-app';
import { createTestDatabase, onRealPostgres } from '../helpers/test-db';

/*
 * Read replicas (docs/scaling.md, "Read replicas"): with DATABASE_REPLICA_URLS, claim lists and claim statistics are
 * read from a replica on purpose, and everything else from the primary. The "replica" here is a second, migrated but
 * empty database, so where each read went shows in the answer. Real PostgreSQL only (PGlite has no replicas).
 */
const describeOnPostgres = onRealPostgres() ? describe : describe.skip;

describeOnPostgres('read replicas (DATABASE_REPLICA_URLS)', () => {
  const drops: Array<() => Promise<void>> = [];
  let db: Database;
  let app: App;
  let t: Pick<TestApp, 'gql'>;

  const freshDatabase = async (): Promise<string> => {
    const created = await createTestDatabase(process.env.DATABASE_URL!);
    drops.push(created.drop);
    const migrated = await openPostgres(created.url);
    await migrated.dataSource.runMigrations({ transaction: 'each' });
    await migrated.close();
    return created.url;
  };

  beforeAll(async () => {
    const primary = await freshDatabase();
    const replica = await freshDatabase();
    db = await openPostgres(primary, [replica]);
    app = await createApp({
      config: testConfig(),
      db,
      clock: new FixedClock('2024-06-15'),
      logger: createLogger('silent'),
    });
    t = {
      async gql<T>(query: string, variables?: Record<string, unknown>, user = agency()) {
        const res = await app.apollo.executeOperation(
          { query, variables },
          { contextValue: app.contextFor(user) },
        );
        if (res.body.kind !== 'single') {
          throw new Error('incremental delivery not expected');
        }
        return res.body.singleResult as GqlResult<T>;
      },
    };
  }, 60_000);

  afterAll(async () => {
    await app?.apollo.stop();
    await db?.close();
    for (const drop of drops) {
      await drop();
    }
  });

  it('writes and reads by id on the primary, lists and statistics on the replica', async () => {
    const w = await claimWorld(t as TestApp, 'RE');
    const person = await w.person();
    const submitted = await t.gql<{ submitClaim: { id: string; benefit: string } }>(
      `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { id benefit } }`,
      { i: claimInput(w, person, 'RE-1', '150000.00') },
    );
    const id = submitted.data!.submitClaim.id;
    const byId = await t.gql<{ claim: { id: string } | null }>(
      `query($id: ID!) { claim(id: $id) { id } }`,
      { id },
    );
    expect(byId.data?.claim?.id).toBe(id);
    const list = await t.gql<{ claims: { totalCount: number; nodes: unknown[] } }>(
      `{ claims(first: 10) { totalCount nodes { id } } }`,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.claims).toEqual({ totalCount: 0, nodes: [] });
    const stats = await t.gql<{ claimStats: unknown[] }>(
      `{ claimStats(groupBy: [REGION]) { keys claimCount } }`,
      {},
      reporting(['41']),
    );
    expect(stats.data?.claimStats).toEqual([]);
    // The primary has it: the same statistics through the monthly report, which reads the primary.
    const report = await t.gql<{ monthlyReport: { claimCount: number } }>(
      `query($a: ID!) { monthlyReport(agreementId: $a, year: 2024, month: 4) { claimCount } }`,
      { a: w.agreementId },
    );
    expect(report.data?.monthlyReport.claimCount).toBe(1);
  });
});
