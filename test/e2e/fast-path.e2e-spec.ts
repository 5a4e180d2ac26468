import { insertMany } from '../../src/db/fast/insert-many';
import { primaryPoolOf } from '../../src/db/fast/primary-pool';
import { preparedFamily, readRows } from '../../src/db/fast/read';
import { AgreementSuspension } from '../../src/domain/agreement/agreement-suspension.entity';
import { Organization } from '../../src/domain/organization/organization.entity';
import { OrganizationKind } from '../../src/domain/organization/organization-kind.enum';
import { claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import { statementsOf } from '../helpers/statements';
import { startTestApp, type TestApp } from '../helpers/test-app';

/*
 * The invariants of the fast path that are not about what it answers (those are test/e2e/hydrate.e2e-spec.ts):
 * src/db/fast/README.md lists each with its test.
 */
describe('the fast path', () => {
  let t: TestApp;
  let w: ClaimWorld;

  beforeAll(async () => {
    t = await startTestApp();
    w = await claimWorld(t, 'FP');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('finds TypeORM’s pool of the primary, the one its own statements go through', async () => {
    const db = t.db.dataSource;
    const pool = primaryPoolOf(db);
    // If TypeORM renames or moves `driver.master`, this fails: readRows would silently take the slow path.
    expect(pool).toBeDefined();
    expect(typeof pool!.query).toBe('function');
    const typeorm = await statementsOf(db, async () => {
      await db.getRepository(Organization).findOneBy({ id: w.agencyId });
      await db.query('SELECT 1');
    });
    // Both went through a client of that pool (statementsOf wraps the pool primaryPoolOf answers, and only it).
    expect(typeorm.length).toBeGreaterThanOrEqual(2);
    const ours = await statementsOf(db, () =>
      readRows(db, 'SELECT id FROM organization WHERE id = $1', [w.agencyId]),
    );
    expect(ours).toEqual(['SELECT id FROM organization WHERE id = $1']);
  });

  it('refuses to prepare a statement that selects every column, and reads it unnamed', async () => {
    const db = t.db.dataSource;
    const family = preparedFamily('fast-path spec', 1);
    await expect(
      readRows(db, 'SELECT * FROM organization WHERE id = $1', [w.agencyId], family),
    ).rejects.toThrow(/never SELECT \*/);
    await expect(
      readRows(db, 'SELECT o.* FROM organization o WHERE o.id = $1', [w.agencyId], family),
    ).rejects.toThrow(/never SELECT \*/);
    const rows = await readRows<{ id: string }>(db, 'SELECT * FROM organization WHERE id = $1', [
      w.agencyId,
    ]);
    expect(rows.map((r) => r.id)).toEqual([w.agencyId]);
  });

  it('insertMany writes the rows TypeORM’s insert writes', async () => {
    const db = t.db.dataSource;
    const orgs = (tag: string) =>
      ['A', 'B'].map((k) =>
        Object.assign(new Organization(), {
          code: `FP-${tag}-${k}`,
          name: `机构 ${k}`,
          kind: OrganizationKind.MEDICAL_INSTITUTION,
          regionCode: '410302',
        }),
      );
    const suspensions = (reason: string) => [
      { agreementId: w.designationId, startsOn: '2024-02-29', endsOn: '2024-03-01', reason },
      { agreementId: w.designationId, startsOn: '2024-12-31', endsOn: '2024-12-31', reason },
    ];
    const ours = orgs('OURS');
    const theirs = orgs('THEIRS');
    await db.transaction(async (em) => {
      await insertMany(em, Organization, ours);
      await em.insert(Organization, theirs);
      await insertMany(em, AgreementSuspension, suspensions('ours'));
      await em.insert(AgreementSuspension, suspensions('theirs'));
    });
    const read = async (orgs: Organization[]) =>
      (await db.getRepository(Organization).findBy(orgs.map(({ code }) => ({ code })))).map(
        ({ code, name, kind, regionCode }) => ({
          code: code.replace(/OURS|THEIRS/, '?'),
          name,
          kind,
          regionCode,
        }),
      );
    expect((await read(ours)).length).toBe(2);
    expect(await read(ours)).toEqual(await read(theirs));
    const byReason = async (reason: string) =>
      (await db.getRepository(AgreementSuspension).findBy({ reason })).map(
        ({ agreementId, startsOn, endsOn }) => ({ agreementId, startsOn, endsOn }),
      );
    expect(await byReason('ours')).toEqual(await byReason('theirs'));
    expect((await byReason('ours')).length).toBe(2);
  });
});
