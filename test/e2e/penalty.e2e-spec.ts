import { Role } from '../../src/shared/caller';
import { FixedClock } from '../../src/shared/clock';
import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import { agency, insurer, reporting, startTestApp, type TestApp } from '../helpers/test-app';

/** Supervision and penalties through the API (rules.md §7). */
describe('penalties', () => {
  let t: TestApp;
  let w: ClaimWorld;
  const VIOLATION = `mutation($i: RecordViolationInput!) { recordViolation(input: $i) {
    id violationCode article tier escalated violatingAmount recoveredAmount damages totalDue noticeOn dueOn
    enforceableFrom actions needsOfficerDecision suspensionFrom suspensionTo multiplier status(asOf: "2024-03-29")
    agreement { code status(asOf: "2024-03-01") } } }`;
  type PenaltyView = Record<string, unknown> & { id: string };
  const violation = async (over: Record<string, unknown>, agreementId = w.designationId) => {
    const r = await t.gql<{ recordViolation: PenaltyView }>(
      VIOLATION,
      {
        i: {
          agreementId,
          violationCode: 'OUT_OF_SCOPE_BILLING',
          occurredOn: '2024-01-10',
          noticeOn: '2024-01-29',
          detectedBy: 'INSPECTION',
          ...over,
        },
      },
      agency(),
    );
    return r;
  };
  const institution = () => ({
    sub: 'h',
    role: Role.INSTITUTION,
    org: w.hospitalId,
    regions: ['41'],
  });

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2024-12-01') });
    w = await claimWorld(t, 'PEN');
  });
  afterAll(() => t.close());

  it('lists the catalogue with the codes of rules.md §7.5', async () => {
    const r = await t.gql<{
      violationTypes: { code: string; article: string; defaultTier: string; fraud: boolean }[];
    }>(`{ violationTypes { code article defaultTier fraud } }`, {}, reporting());
    const byCode = new Map(r.data!.violationTypes.map((v) => [v.code, v]));
    expect(byCode.get('NO_PRICE_DISCLOSURE')).toMatchObject({
      article: '62(七)',
      defaultTier: 'MINOR',
    });
    expect(byCode.get('OUT_OF_SCOPE_BILLING')).toMatchObject({
      article: '64(一)',
      defaultTier: 'SERIOUS',
    });
    expect(byCode.get('FAKE_TREATMENT_FRAUD')).toMatchObject({ defaultTier: 'GRAVE', fraud: true });
    // A tier lists the entries that can fall in it, by default or through an amount or ratio clause.
    const codesOf = async (tier: string) =>
      (
        await t.gql<{ violationTypes: { code: string }[] }>(
          `query($t: BreachTier) { violationTypes(tier: $t) { code } }`,
          { t: tier },
          agency(),
        )
      ).data!.violationTypes.map((v) => v.code);
    const grave = await codesOf('GRAVE');
    expect(grave).toEqual(
      expect.arrayContaining(['FAKE_TREATMENT_FRAUD', 'FICTITIOUS_CHARGES', 'ITEM_SUBSTITUTION']),
    );
    expect(grave).not.toContain('OUT_OF_SCOPE_BILLING');
    expect(await codesOf('SEVERE')).toEqual(
      expect.arrayContaining(['STOCK_RATIO', 'IDENTITY_NOT_VERIFIED']),
    );
    expect(await codesOf('MINOR')).not.toContain('OUT_OF_SCOPE_BILLING');
  });

  it('decides the §9 example: 8 000.00 at k = 2, due 2024-03-14, enforceable from 2024-03-29; partial payments add up', async () => {
    const r = await violation({ violatingAmount: '8000.00', multiplier: '2' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordViolation).toMatchObject({
      tier: 'SERIOUS',
      escalated: false,
      recoveredAmount: '8000.00',
      damages: '16000.00',
      totalDue: '24000.00',
      dueOn: '2024-03-14',
      enforceableFrom: '2024-03-29',
      status: 'ENFORCEABLE',
      needsOfficerDecision: false,
    });
    const id = r.data!.recordViolation.id;
    const pay = (paidOn: string, amount: string) =>
      t.gql<{ recordPenaltyPayment: { status: string } }>(
        `mutation($id: ID!, $d: Date!, $a: Money!) { recordPenaltyPayment(penaltyId: $id, paidOn: $d, amount: $a) {
           status(asOf: "2024-04-30") } }`,
        { id, d: paidOn, a: amount },
        agency(),
      );
    expect((await pay('2024-03-01', '20000.00')).data!.recordPenaltyPayment.status).toBe(
      'ENFORCEABLE',
    );
    const over = await pay('2024-03-02', '4000.01');
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect((await pay('2024-04-02', '4000.00')).data!.recordPenaltyPayment.status).toBe('PAID');
    const statusOn = await t.gql<{ penalty: { a: string; b: string; c: string } }>(
      `query($id: ID!) { penalty(id: $id) { a: status(asOf: "2024-03-28") b: status(asOf: "2024-03-29") c: status(asOf: "2024-04-02") } }`,
      { id },
      agency(),
    );
    expect(statusOn.data!.penalty).toEqual({ a: 'OPEN', b: 'ENFORCEABLE', c: 'PAID' });
  });

  it('refuses a multiplier outside the tier’s range and violations of other agreement kinds, storing nothing', async () => {
    const before = await t.db.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM penalty`,
    );
    const k = await violation({ violatingAmount: '100.00', multiplier: '2.5' });
    expect(k.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.multiplier',
    });
    const kind = await violation({ violatingAmount: '100.00' }, w.agreementId);
    expect(kind.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.agreementId',
    });
    const code = await violation({ violationCode: 'NO_SUCH_THING' });
    expect(code.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.violationCode',
    });
    const after = await t.db.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM penalty`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('records an inspection: findings at the band edges and one penalty for the worst', async () => {
    const r = await t.gql<{
      recordInspection: {
        findings: { itemCode: string; ratioKind: string; ratio: string | null; tier: string }[];
        penalty: { tier: string; violationCode: string; damages: string; actions: string[] } | null;
      };
    }>(
      `mutation($i: InspectionInput!) { recordInspection(input: $i) {
         findings { itemCode ratioKind ratio tier } penalty { tier violationCode damages actions } } }`,
      {
        i: {
          agreementId: w.designationId,
          inspectedOn: '2024-05-06',
          stockItems: [
            { itemCode: 'D-EDGE', opening: '100', purchased: '0', sold: '60', closing: '45' },
            { itemCode: 'D-MINOR', opening: '100', purchased: '0', sold: '60', closing: '45.01' },
          ],
          serviceItems: [{ itemCode: 'S-1', declared: '5000', standard: '1' }],
        },
      },
      agency(),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordInspection.findings).toEqual([
      { itemCode: 'D-MINOR', ratioKind: 'STOCK', ratio: '1.0501', tier: 'MINOR' },
      { itemCode: 'S-1', ratioKind: 'SERVICE_QUANTITY', ratio: '5000.0000', tier: 'SEVERE' },
    ]);
    expect(r.data!.recordInspection.penalty).toMatchObject({
      tier: 'SEVERE',
      violationCode: 'SERVICE_QUANTITY_RATIO',
    });
  });

  it('suspends the agreement for a severe breach, which the claims engine then rejects as INSTITUTION_SUSPENDED', async () => {
    const r = await violation({
      violationCode: 'IDENTITY_NOT_VERIFIED',
      violatingAmount: '2000.00',
      occurredOn: '2024-01-31',
      noticeOn: '2024-01-31',
      suspensionMonths: 1,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordViolation).toMatchObject({
      tier: 'SEVERE',
      damages: '6000.00',
      suspensionFrom: '2024-02-01',
      suspensionTo: '2024-02-29',
    });
    const p = await w.person();
    const submit = (sn: string, admission: string, discharge: string) =>
      t.gql<{ submitClaim: { status: string; rejectionReason: string | null } }>(
        `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { status rejectionReason } }`,
        {
          i: claimInput(w, p, sn, '20000.00', {
            admissionDate: admission,
            dischargeDate: discharge,
            declaredOn: '2024-03-05',
          }),
        },
        agency(),
      );
    expect((await submit('PEN-1', '2024-02-01', '2024-02-29')).data!.submitClaim).toEqual({
      status: 'REJECTED',
      rejectionReason: 'INSTITUTION_SUSPENDED',
    });
    // The notice day itself is not suspended (rules.md §7.3): a one-day stay on it settles.
    expect((await submit('PEN-0', '2024-01-31', '2024-01-31')).data!.submitClaim.status).toBe(
      'ADJUDICATED',
    );
    // A stay that began inside the suspension is rejected even when discharged after it (rules.md §3.5)…
    expect((await submit('PEN-3', '2024-02-29', '2024-03-01')).data!.submitClaim).toEqual({
      status: 'REJECTED',
      rejectionReason: 'INSTITUTION_SUSPENDED',
    });
    // …and one admitted after it settles.
    expect((await submit('PEN-2', '2024-03-01', '2024-03-01')).data!.submitClaim.status).toBe(
      'ADJUDICATED',
    );
  });

  it('lets the institution read its own penalties, refuses INSURER, and lists enforceable ones', async () => {
    const mine = await t.gql<{ agreement: { penalties: { id: string }[] } }>(
      `query($a: ID!) { agreement(id: $a) { penalties { id } } }`,
      { a: w.designationId },
      institution(),
    );
    expect(mine.data!.agreement.penalties.length).toBeGreaterThan(0);
    const theirs = await t.gql<{ agreement: { penalties: { id: string }[] } }>(
      `query($a: ID!) { agreement(id: $a) { penalties { id } } }`,
      { a: w.designationId },
      insurer(w.insurerId),
    );
    expect(theirs.data!.agreement.penalties).toEqual([]);
    const refused = await t.gql(
      `{ enforceablePenalties(asOf: "2024-12-01") { id } }`,
      {},
      insurer(w.insurerId),
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const enforceable = await t.gql<{ enforceablePenalties: { violationCode: string }[] }>(
      `{ enforceablePenalties(asOf: "2024-12-01") { violationCode } }`,
      {},
      agency(),
    );
    expect(enforceable.data!.enforceablePenalties.map((x) => x.violationCode)).toContain(
      'IDENTITY_NOT_VERIFIED',
    );
    expect(enforceable.data!.enforceablePenalties.map((x) => x.violationCode)).not.toContain(
      'OUT_OF_SCOPE_BILLING',
    );
  });

  it('terminates the agreement for a grave breach from the notice date', async () => {
    const r = await violation({
      violationCode: 'FAKE_TREATMENT_FRAUD',
      violatingAmount: '1000.00',
      occurredOn: '2024-06-01',
      noticeOn: '2024-06-10',
      detectedBy: 'SELF_REPORT',
    });
    expect(r.data!.recordViolation).toMatchObject({ tier: 'GRAVE', damages: '3000.00' });
    expect(r.data!.recordViolation.actions).toContain('TERMINATE');
    const a = await t.gql<{ agreement: { before: string; on: string } }>(
      `query($a: ID!) { agreement(id: $a) { before: status(asOf: "2024-06-09") on: status(asOf: "2024-06-10") } }`,
      { a: w.designationId },
      agency(),
    );
    expect(a.data!.agreement).toEqual({ before: 'ACTIVE', on: 'TERMINATED' });
    // The claims engine's gate sees the termination at once.
    const p = await w.person();
    const submit = (sn: string, discharge: string) =>
      t.gql<{ submitClaim: { status: string; rejectionReason: string | null } }>(
        `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { status rejectionReason } }`,
        {
          i: claimInput(w, p, sn, '20000.00', {
            admissionDate: '2024-06-01',
            dischargeDate: discharge,
            declaredOn: '2024-06-20',
          }),
        },
        agency(),
      );
    expect((await submit('PEN-T1', '2024-06-09')).data!.submitClaim.status).toBe('ADJUDICATED');
    expect((await submit('PEN-T2', '2024-06-10')).data!.submitClaim).toEqual({
      status: 'REJECTED',
      rejectionReason: 'AGREEMENT_TERMINATED',
    });
  });

  it('refuses ratio codes outside an inspection; an inspection takes its notice date and amount, and picks the finding heaviest after escalation', async () => {
    const w2 = await claimWorld(t, 'PEN2');
    const ratio = await violation(
      { violationCode: 'STOCK_RATIO', violatingAmount: '100.00' },
      w2.designationId,
    );
    expect(ratio.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.violationCode',
    });
    const inspect = (inspectedOn: string, extra: Record<string, unknown>, closing = '15') =>
      t.gql<{
        recordInspection: {
          penalty: {
            violationCode: string;
            tier: string;
            escalated: boolean;
            noticeOn: string;
            dueOn: string;
            recoveredAmount: string;
          };
        };
      }>(
        `mutation($i: InspectionInput!) { recordInspection(input: $i) { penalty { violationCode tier escalated noticeOn dueOn recoveredAmount } } }`,
        {
          i: {
            agreementId: w2.designationId,
            inspectedOn,
            // Stock (100 + closing) ÷ 100, and declared ÷ sold 1.10 (serious, 64(四)) on the same item.
            stockItems: [
              {
                itemCode: 'A',
                opening: '0',
                purchased: '100',
                sold: '100',
                closing,
                declared: '110',
              },
            ],
            ...extra,
          },
        },
        agency(),
      );
    // First: only declared ÷ sold is out of band (stock exactly 1.00).
    const first = await inspect(
      '2024-03-01',
      { noticeOn: '2024-03-15', violatingAmount: '2000.00' },
      '0',
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordInspection.penalty).toMatchObject({
      violationCode: 'DECLARED_OVER_SOLD',
      tier: 'SERIOUS',
      noticeOn: '2024-03-15',
      recoveredAmount: '2000.00',
    });
    // Then stock 1.15 and declared ÷ sold 1.10, both serious as measured; the second serious DECLARED_OVER_SOLD is
    // at least SEVERE (65(十六)), so it is the worst finding, not the stock ratio that comes first.
    const second = await inspect('2024-04-01', {});
    expect(second.data!.recordInspection.penalty).toMatchObject({
      violationCode: 'DECLARED_OVER_SOLD',
      tier: 'SEVERE',
      escalated: true,
    });
    const early = await inspect('2024-05-01', { noticeOn: '2024-04-30' });
    expect(early.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.noticeOn',
    });
  });

  describe('event days are never ahead of today (rules.md §3.4; today is 2024-12-01)', () => {
    let w3: ClaimWorld;
    /** Everything a refused violation or inspection could have written. */
    const stored = async () =>
      (
        await t.db.dataSource.query<Record<string, number>[]>(
          `SELECT (SELECT count(*)::int FROM penalty) AS penalties,
                  (SELECT count(*)::int FROM inspection) AS inspections,
                  (SELECT count(*)::int FROM agreement_suspension) AS suspensions,
                  (SELECT count(*)::int FROM agreement WHERE terminated_on IS NOT NULL) AS terminated,
                  (SELECT count(*)::int FROM audit_trail) AS audit`,
        )
      )[0];
    const INSPECTION = `mutation($i: InspectionInput!) { recordInspection(input: $i) { id inspectedOn } }`;
    const inspection = (over: Record<string, unknown>) =>
      t.gql<{ recordInspection: { id: string; inspectedOn: string } }>(
        INSPECTION,
        { i: { agreementId: w3.designationId, inspectedOn: '2024-11-20', ...over } },
        agency(),
      );
    beforeAll(async () => {
      w3 = await claimWorld(t, 'PEN3');
    });

    it.each<[string, Record<string, unknown>, string]>([
      // A SEVERE breach with a suspension, and a GRAVE one that terminates: neither may start from a notice ahead.
      [
        'a notice received tomorrow',
        { occurredOn: '2024-11-01', noticeOn: '2024-12-02' },
        'input.noticeOn',
      ],
      [
        'a breach and its notice tomorrow',
        { occurredOn: '2024-12-02', noticeOn: '2024-12-02' },
        'input.occurredOn',
      ],
      [
        'a SEVERE breach suspended from a notice received tomorrow',
        {
          violationCode: 'IDENTITY_NOT_VERIFIED',
          violatingAmount: '100.00',
          suspensionMonths: 1,
          occurredOn: '2024-11-01',
          noticeOn: '2024-12-02',
        },
        'input.noticeOn',
      ],
      [
        'a fraud noticed tomorrow (it would terminate the agreement)',
        {
          violationCode: 'FAKE_TREATMENT_FRAUD',
          violatingAmount: '1000.00',
          occurredOn: '2024-11-01',
          noticeOn: '2024-12-02',
        },
        'input.noticeOn',
      ],
    ])(
      'recordViolation with %s: BAD_USER_INPUT on the day, nothing stored',
      async (_n, over, field) => {
        const before = await stored();
        const r = await violation({ violatingAmount: '100.00', ...over }, w3.designationId);
        expect(r.data ?? null).toBeNull();
        expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
        expect(r.errors?.[0]?.message).not.toContain('2024-12-02');
        expect(await stored()).toEqual(before);
      },
    );

    it.each<[string, Record<string, unknown>, string]>([
      ['inspected tomorrow', { inspectedOn: '2024-12-02' }, 'input.inspectedOn'],
      ['its notice received tomorrow', { noticeOn: '2024-12-02' }, 'input.noticeOn'],
    ])(
      'recordInspection %s: BAD_USER_INPUT on the day, nothing stored',
      async (_n, over, field) => {
        const before = await stored();
        const r = await inspection(over);
        expect(r.data ?? null).toBeNull();
        expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
        expect(await stored()).toEqual(before);
      },
    );

    it('today is accepted: a breach and its notice today, an inspection and its notice today', async () => {
      const v = await violation(
        { violatingAmount: '100.00', occurredOn: '2024-12-01', noticeOn: '2024-12-01' },
        w3.designationId,
      );
      expect(v.errors).toBeUndefined();
      expect(v.data!.recordViolation).toMatchObject({ noticeOn: '2024-12-01' });
      const i = await inspection({ inspectedOn: '2024-12-01', noticeOn: '2024-12-01' });
      expect(i.errors).toBeUndefined();
      expect(i.data!.recordInspection.inspectedOn).toBe('2024-12-01');
    });
  });
});
