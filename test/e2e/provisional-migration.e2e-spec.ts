import { FixedClock } from '../../src/shared/clock';
import { freshIdNumber, violationInput } from '../helpers/claim-fixtures';
import { agency, startTestApp, type TestApp } from '../helpers/test-app';

/*
 * Migration ProvisionalDueDates on rows stored before it (rules.md §3.6): dates counted over 2027 before the provisional
 * calendar existed were counted weekends only; the migration counts every stored date that went over a year without a
 * schedule again, on the provisional calendar, and stores its mark. Dates inside loaded years are left alone.
 */
describe('migration ProvisionalDueDates on existing rows (e2e)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const must = <T>(r: { data?: T | null; errors?: unknown[] }): T => {
    if (r.errors?.length || !r.data) {
      throw new Error(`operation failed: ${JSON.stringify(r.errors)}`);
    }
    return r.data;
  };
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) =>
    must(await t.gql<T>(query, variables, agency()));
  const sql = (text: string, params: unknown[] = []) => t.db.dataSource.query(text, params);

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-12-28') });
    const org = async (code: string, kind: string, regionCode: string) =>
      (
        await gql<{ createOrganization: { id: string } }>(
          `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
          { i: { code, name: code, kind, regionCode } },
        )
      ).createOrganization.id;
    const agencyId = await org('PM-AG', 'AGENCY', '410000');
    const insurerId = await org('PM-INS', 'INSURER', '410000');
    const hospitalId = await org('PM-HOSP', 'MEDICAL_INSTITUTION', '410300');
    const agreement = async (code: string, kind: string, partyBId: string, regionCode: string) =>
      (
        await gql<{ createAgreement: { id: string } }>(
          `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`,
          {
            i: {
              code,
              kind,
              title: code,
              partyAId: agencyId,
              partyBId,
              regionCode,
              effectiveFrom: '2026-01-01',
              effectiveTo: '2027-12-31',
            },
          },
        )
      ).createAgreement.id;
    const ci = await agreement('PM-CI', 'CRITICAL_ILLNESS', insurerId, '410000');
    const dd = await agreement('PM-DD', 'DESIGNATED_INSTITUTION', hospitalId, '410300');
    const person = (
      await gql<{ registerInsuredPerson: { id: string } }>(
        `mutation($i: RegisterInsuredPersonInput!) { registerInsuredPerson(input: $i) { id } }`,
        {
          i: {
            idNumber: freshIdNumber(),
            name: '测试',
            regionCode: '410302',
            specialStatus: 'NONE',
            specialStatusFrom: '2026-01-01',
          },
        },
      )
    ).registerInsuredPerson.id;
    for (const [key, channel, dischargeDate, declaredOn] of [
      ['direct', 'DIRECT', '2026-12-20', '2026-12-25'],
      ['manual', 'MANUAL', '2026-12-01', '2026-12-07'],
      ['summer', 'DIRECT', '2026-06-01', '2026-06-05'],
    ] as const) {
      ids[key] = (
        await gql<{ submitClaim: { id: string } }>(
          `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { id } }`,
          {
            i: {
              agreementId: ci,
              institutionId: hospitalId,
              insuredPersonId: person,
              settlementNumber: `PM-${key}`,
              channel,
              admissionDate: dischargeDate,
              dischargeDate,
              declaredOn,
              totalCost: '51000.00',
              basicFundPaid: '1000.00',
            },
          },
        )
      ).submitClaim.id;
    }
    ids.penalty = (
      await gql<{ recordViolation: { id: string } }>(
        `mutation($i: RecordViolationInput!) { recordViolation(input: $i) { id } }`,
        { i: violationInput(dd, { occurredOn: '2026-11-20', noticeOn: '2026-11-27' }) },
      )
    ).recordViolation.id;

    // Back to the schema before the migration, with the dates the weekends-only fallback stored then.
    // (Migrations after it, if any, are undone first and run again below.)
    for (;;) {
      const [last] = await t.db.dataSource.query<[{ name: string }]>(
        `SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1`,
      );
      await t.db.dataSource.undoLastMigration({ transaction: 'each' });
      if (last.name === 'ProvisionalDueDates1763800000060') {
        break;
      }
    }
    await sql(`UPDATE claim SET payment_due_on = '2027-01-15' WHERE id = $1`, [ids.direct]);
    await sql(`UPDATE claim SET payment_due_on = '2027-01-04' WHERE id = $1`, [ids.manual]);
    await sql(`ALTER TABLE penalty DISABLE TRIGGER penalty_append_only`);
    await sql(
      `UPDATE penalty SET due_on = '2027-01-08', enforceable_from = '2027-01-25' WHERE id = $1`,
      [ids.penalty],
    );
    await sql(`ALTER TABLE penalty ENABLE TRIGGER penalty_append_only`);
    await t.db.dataSource.runMigrations({ transaction: 'each' });
  }, 120_000);
  afterAll(() => t.close());

  it('counts the dates that went over 2027 again on the provisional calendar, with their marks', async () => {
    const claims = await t.db.dataSource.query<{ id: string }[]>(
      `SELECT id, payment_due_on::text AS due, payment_due_provisional AS provisional FROM claim`,
    );
    expect(Object.fromEntries(claims.map((c) => [c.id, c]))).toEqual({
      [ids.direct!]: { id: ids.direct, due: '2027-01-18', provisional: true },
      [ids.manual!]: { id: ids.manual, due: '2027-01-05', provisional: true },
      [ids.summer!]: { id: ids.summer, due: '2026-06-29', provisional: false },
    });
    expect(
      await sql(
        `SELECT due_on::text AS due_on, enforceable_from::text AS enforceable_from, due_provisional
         FROM penalty WHERE id = $1`,
        [ids.penalty],
      ),
    ).toEqual([{ due_on: '2027-01-11', enforceable_from: '2027-01-26', due_provisional: true }]);
  });

  it('leaves the penalty table append-only except for its dates', async () => {
    await expect(
      sql(`UPDATE penalty SET tier = 'GRAVE' WHERE id = $1`, [ids.penalty]),
    ).rejects.toThrow(/append-only/);
  });
});
