import { findByIds, hydratorOf } from '../../src/db/hydrate';
import { Agreement } from '../../src/domain/agreement/agreement.entity';
import { Claim } from '../../src/domain/claim/claim.entity';
import { InsuredPerson } from '../../src/domain/insured-person/insured-person.entity';
import { Organization } from '../../src/domain/organization/organization.entity';
import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import { agency, startTestApp, type TestApp } from '../helpers/test-app';

/*
 * The hot reads hydrate raw rows themselves (src/db/hydrate.ts, issue 8): the entities must be exactly what TypeORM's
 * own find builds — same class, same properties, Decimals for numeric, strings for dates, Dates for timestamps.
 */
describe('raw-row hydration equals TypeORM’s', () => {
  let t: TestApp;
  let w: ClaimWorld;
  let claimId: string;
  let personId: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await claimWorld(t, 'HY');
    personId = await w.person('MINIMUM_LIVING');
    const r = await t.gql<{ submitClaim: { id: string } }>(
      `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { id } }`,
      { i: claimInput(w, personId, 'HY-1', '123456.78') },
      agency(),
    );
    claimId = r.data!.submitClaim.id;
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['Organization', Organization, () => [w.agencyId, w.hospitalId]],
    ['Agreement', Agreement, () => [w.agreementId, w.designationId]],
    ['InsuredPerson', InsuredPerson, () => [personId]],
    ['Claim', Claim, () => [claimId]],
  ] as const)('%s by ids', async (_name, entity, ids) => {
    const db = t.db.dataSource;
    const ours = await findByIds(db, entity as never, ids());
    const theirs = await db.getRepository(entity).findBy(ids().map((id) => ({ id })));
    expect(ours.length).toBe(ids().length);
    const byId = (xs: Array<{ id: string }>) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(ours as never)).toStrictEqual(byId(theirs as never));
  });

  it('reads a claim list row with its alias prefix as TypeORM’s getMany does', async () => {
    const db = t.db.dataSource;
    const q = db.getRepository(Claim).createQueryBuilder('c').where('c.id = :id', { id: claimId });
    const [sql, params] = q.getQueryAndParameters();
    const raw = await db.query<Record<string, unknown>[]>(sql, params);
    expect(raw.map(hydratorOf(db, Claim, 'c_'))).toStrictEqual(await q.getMany());
  });

  it('matches nothing for an id of another form', async () => {
    expect(await findByIds(t.db.dataSource, Agreement, ['not-a-uuid'])).toEqual([]);
  });
});
