import {
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import { In } from 'typeorm';
import { columnPropertiesOf, findByIds, findByUuids, hydratorOf } from '../../src/db/fast/hydrate';
import { AgreementTermsVersion } from '../../src/domain/agreement/terms/agreement-terms.entity';
import { isUuid } from '../../src/shared/uuid';
import { Agreement } from '../../src/domain/agreement/agreement.entity';
import { Claim } from '../../src/domain/claim/claim.entity';
import { CLAIM_FIELD_READS } from '../../src/graphql/plans/claim-page.plan';
import { InsuredPerson } from '../../src/domain/insured-person/insured-person.entity';
import { Organization } from '../../src/domain/organization/organization.entity';
import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import { agency, startTestApp, type TestApp } from '../helpers/test-app';

/*
 * The hot reads hydrate raw rows themselves (src/db/fast/hydrate.ts; src/db/fast/README.md): the entities must be
 * exactly what TypeORM's own find builds — same class, same properties, Decimals for numeric, strings for dates, Dates
 * for timestamps.
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

  /** A selection of a field: a leaf as is, an object with its leaf fields that need no argument. */
  const selectionOf = (field: GraphQLField<unknown, unknown>): string => {
    const type = getNamedType(field.type);
    if (isLeafType(type)) {
      return field.name;
    }
    const leaves = Object.values((type as GraphQLObjectType).getFields())
      .filter(
        (f) =>
          isLeafType(getNamedType(f.type)) &&
          f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined),
      )
      .map((f) => f.name);
    return `${field.name} { ${leaves.join(' ')} }`;
  };

  it('answers every Claim field from a page narrowed to it as from the whole claim', async () => {
    // claim-page.plan.ts narrows a page's SELECT to what the query selects: each field alone must still be right.
    const claimType = t.app.schema.getType('Claim');
    if (!isObjectType(claimType)) {
      throw new Error('no Claim type');
    }
    const fields = Object.values(claimType.getFields());
    expect(fields.length).toBeGreaterThan(30);
    // Every field is narrowed (none falls back to reading every column): a resolver's reads are listed.
    const columns = columnPropertiesOf(t.db.dataSource, Claim);
    expect(fields.filter((f) => !columns.has(f.name) && !CLAIM_FIELD_READS[f.name])).toEqual([]);
    for (const field of fields) {
      const selection = selectionOf(field);
      const page = await t.gql<{ claims: { nodes: Record<string, unknown>[] } }>(
        `{ claims(first: 5) { nodes { ${selection} } } }`,
        {},
        agency(),
      );
      const whole = await t.gql<{ claim: Record<string, unknown> }>(
        `query($id: ID!) { claim(id: $id) { ${selection} } }`,
        { id: claimId },
        agency(),
      );
      expect([field.name, page.errors, whole.errors]).toEqual([field.name, undefined, undefined]);
      expect([field.name, page.data!.claims.nodes]).toEqual([field.name, [whole.data!.claim]]);
    }
  });

  it.each([
    'insuredPerson { name } institution { name } agreement { code }',
    'id agreement { code partyA { name } partyB { code kind } } institution { __typename }',
    'insuredPerson { idNumber specialStatus name } benefit',
    '...F',
  ])(
    'answers a page reading its relations in its own statement as the whole claim: %s',
    async (selection) => {
      const fragment =
        'fragment F on Claim { insuredPerson { name regionCode } agreement { title } }';
      const page = await t.gql<{ claims: { nodes: Record<string, unknown>[] } }>(
        `{ claims(first: 5) { nodes { ${selection} } } } ${selection === '...F' ? fragment : ''}`,
        {},
        agency(),
      );
      const whole = await t.gql<{ claim: Record<string, unknown> }>(
        `query($id: ID!) { claim(id: $id) { ${selection} } } ${selection === '...F' ? fragment : ''}`,
        { id: claimId },
        agency(),
      );
      expect([page.errors, whole.errors]).toEqual([undefined, undefined]);
      expect(page.data!.claims.nodes).toEqual([whole.data!.claim]);
    },
  );

  it('reads an agreement with its parties in one join as findByIds reads each', async () => {
    const db = t.db.dataSource;
    const found = await t.app.services.agreements.byIdWithParties(w.agreementId);
    const [agreement] = await findByIds(db, Agreement, [w.agreementId]);
    expect(found?.agreement).toStrictEqual(agreement);
    const parties = await findByIds(db, Organization, [agreement!.partyAId, agreement!.partyBId]);
    const byId = new Map(parties.map((o) => [o.id, o]));
    expect([found?.partyA, found?.partyB]).toStrictEqual([
      byId.get(agreement!.partyAId),
      byId.get(agreement!.partyBId),
    ]);
    // Narrowed to what a selection needs: those properties only.
    const narrowed = await t.app.services.agreements.byIdWithParties(
      w.agreementId,
      ['id', 'code'],
      ['id', 'name'],
    );
    expect({ ...narrowed?.agreement }).toStrictEqual({ id: agreement!.id, code: agreement!.code });
    const partyA = byId.get(agreement!.partyAId)!;
    expect({ ...narrowed?.partyA }).toStrictEqual({ id: partyA.id, name: partyA.name });
    expect(await t.app.services.agreements.byIdWithParties('not-a-uuid')).toBeNull();
    // Only the parties asked for are joined.
    const onlyA = await t.app.services.agreements.withPartiesReader(
      ['id'],
      ['id'],
      ['partyA'],
    )(w.agreementId);
    expect([onlyA?.partyA?.id, onlyA?.partyB]).toEqual([agreement!.partyAId, undefined]);
  });

  it('answers a named (prepared) agreement read across a migration that adds a column, and past the cap of named texts', async () => {
    const agreements = t.app.services.agreements;
    const read = agreements.withPartiesReader(['id', 'code'], ['id', 'name'], ['partyA']);
    const many = () => Promise.all(Array.from({ length: 12 }, () => read(w.agreementId)));
    expect((await many()).every((r) => r?.agreement.code !== undefined)).toBe(true);
    const db = t.db.dataSource;
    await db.query('ALTER TABLE agreement ADD COLUMN bench_extra int');
    try {
      // The statement lists its columns: the prepared plan's result type is unchanged by the new column.
      expect((await many()).every((r) => r?.partyA?.name !== undefined)).toBe(true);
    } finally {
      await db.query('ALTER TABLE agreement DROP COLUMN bench_extra');
    }
    // 40 shapes of selection, more than are ever named: all answered, the later ones unnamed.
    const columns = [...columnPropertiesOf(t.db.dataSource, Agreement)];
    for (let i = 0; i < 40; i++) {
      const props = ['id', ...columns.filter((_, k) => (i >> k) % 2 === 1)];
      const r = await agreements.withPartiesReader(props, ['id'], ['partyB'])(w.agreementId);
      expect(r?.agreement.id).toBe(w.agreementId);
    }
  });

  it('reads inside a transaction on the transaction’s connection, outside it on the pool', async () => {
    const db = t.db.dataSource;
    const [agency] = await findByIds(db, Organization, [w.agencyId]);
    const id = '00000000-0000-4000-8000-00000000a11e';
    await expect(
      db.transaction(async (em) => {
        await em.query(
          `INSERT INTO organization (id, code, name, kind, region_code) VALUES ($1, 'HY-TX', 'tx', $2, $3)`,
          [id, agency!.kind, agency!.regionCode],
        );
        // Its own uncommitted row: read on the transaction's connection.
        expect((await findByIds(em, Organization, [id])).map((o) => o.code)).toEqual(['HY-TX']);
        // Not visible from the pool before the commit (PGlite has one connection, which the transaction holds).
        if (t.db.kind === 'postgres') {
          expect(await findByIds(db, Organization, [id])).toEqual([]);
        }
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await findByIds(db, Organization, [id])).toEqual([]);
  });

  it.each([
    ['AgreementTermsVersion', 'agreementId', AgreementTermsVersion, () => [w.agreementId, 'x']],
    ['Claim', 'insuredPersonId', Claim, () => [personId, personId]],
  ] as const)('%s by %s as TypeORM’s In() reads it', async (_name, property, entity, values) => {
    const db = t.db.dataSource;
    const ours = await findByUuids(db, entity as never, property, values());
    const theirs = await db
      .getRepository(entity)
      .findBy({ [property]: In(values().filter(isUuid)) });
    expect(ours.length).toBeGreaterThan(0);
    const byId = (xs: Array<{ id: string }>) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(ours as never)).toStrictEqual(byId(theirs as never));
    await expect(findByUuids(db, Claim, 'settlementNumber', ['x'])).rejects.toThrow(
      /not a uuid column/,
    );
  });

  it('matches nothing for an id of another form', async () => {
    expect(await findByIds(t.db.dataSource, Agreement, ['not-a-uuid'])).toEqual([]);
  });
});
