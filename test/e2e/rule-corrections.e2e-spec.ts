import { SuspensionsFromDayAfterNotice1763800000041 } from '../../migrations/1763800000041-SuspensionsFromDayAfterNotice';
import { FixedClock } from '../../src/shared/clock';
import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import { agency, startTestApp, type GqlResult, type TestApp } from '../helpers/test-app';

/**
 * The rule corrections of rules.md §§3.5, 7.2, 7.3 through the API: recovery at every tier, thresholds on the amount
 * involved, escalation that never lowers the money (Suining arts. 43, 51, 62–66); suspensions from the day after the
 * notice and the whole stay at the gate (annex 20; Civil Code arts. 201, 202); continuation (art. 82); suspensions at
 * the institution's request (arts. 76–78).
 */
describe('rule corrections (rules.md §§3.5, 7.2, 7.3)', () => {
  let t: TestApp;
  let w: ClaimWorld;
  /** A critical-illness agreement for 2025, for claims discharged after the designation's own term. */
  let ci2025: string;
  let serial = 0;

  const must = <T>(r: GqlResult<T>): T => {
    if (r.errors?.length || !r.data) {
      throw new Error(`operation failed: ${JSON.stringify(r.errors)}`);
    }
    return r.data;
  };

  const org = async (code: string, kind: string, publicInstitution = false): Promise<string> =>
    must(
      await t.gql<{ createOrganization: { id: string } }>(
        `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
        { i: { code, name: code, kind, regionCode: '410300', publicInstitution } },
        agency(),
      ),
    ).createOrganization.id;

  const agreement = async (
    code: string,
    kind: string,
    partyBId: string,
    effectiveFrom = '2024-01-01',
    effectiveTo = '2024-12-31',
  ): Promise<string> =>
    must(
      await t.gql<{ createAgreement: { id: string } }>(
        `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`,
        {
          i: {
            code,
            kind,
            title: code,
            partyAId: w.agencyId,
            partyBId,
            regionCode: '410300',
            effectiveFrom,
            effectiveTo,
          },
        },
        agency(),
      ),
    ).createAgreement.id;

  /** A new hospital with a designated-institution agreement for 2024: its own term, no earlier breaches. */
  const designation = async (
    publicInstitution = false,
  ): Promise<{ hospitalId: string; agreementId: string }> => {
    serial += 1;
    const hospitalId = await org(`RC-H${serial}`, 'MEDICAL_INSTITUTION', publicInstitution);
    const agreementId = await agreement(`RC-DD${serial}`, 'DESIGNATED_INSTITUTION', hospitalId);
    return { hospitalId, agreementId };
  };

  const count = async (table: string): Promise<number> =>
    Number(
      (await t.db.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]!.n,
    );

  /** Rows of the tables a refused change must leave alone. */
  const stored = async () => ({
    penalties: await count('penalty'),
    suspensions: await count('agreement_suspension'),
    continuations: await count('agreement_suspension_continuation'),
    audit: await count('audit_trail'),
    terminated: await count('agreement WHERE terminated_on IS NOT NULL'),
    continuing: await count('agreement WHERE continues'),
  });

  const claim = async (
    hospitalId: string,
    admissionDate: string,
    dischargeDate: string,
    agreementId = w.agreementId,
  ) => {
    serial += 1;
    const p = await w.person();
    return must(
      await t.gql<{ submitClaim: { status: string; rejectionReason: string | null } }>(
        `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { status rejectionReason } }`,
        {
          i: claimInput(w, p, `RC-${serial}`, '20000.00', {
            agreementId,
            institutionId: hospitalId,
            admissionDate,
            dischargeDate,
            declaredOn: dischargeDate,
          }),
        },
        agency(),
      ),
    ).submitClaim;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2025-06-15') });
    w = await claimWorld(t, 'RC');
    ci2025 = await agreement(
      'RC-CI-2025',
      'CRITICAL_ILLNESS',
      w.insurerId,
      '2025-01-01',
      '2025-12-31',
    );
  });
  afterAll(() => t.close());

  // ------------------------------------------------------------------ penalties (rules.md §7.2–7.3)

  describe('penalties: recovery, thresholds on the amount involved, escalation (rules.md §7.2–7.3)', () => {
    const VIOLATION = `mutation($i: RecordViolationInput!) { recordViolation(input: $i) {
      tier baseTier escalated article violatingAmount amountInvolved purchasesTotal recoveredAmount damages totalDue
      actions needsOfficerDecision suspensionFrom suspensionTo } }`;
    type Decided = Record<string, unknown>;
    const record = (agreementId: string, over: Record<string, unknown>) =>
      t.gql<{ recordViolation: Decided }>(
        VIOLATION,
        {
          i: {
            agreementId,
            violationCode: 'OUT_OF_SCOPE_BILLING',
            occurredOn: '2024-03-01',
            noticeOn: '2024-03-11',
            detectedBy: 'INSPECTION',
            ...over,
          },
        },
        agency(),
      );

    it.each<[string, Record<string, unknown>, Decided]>([
      [
        'a MINOR breach of 5 000.00 found by inspection recovers 5 000.00 (arts. 43, 51)',
        { violationCode: 'NO_PRICE_DISCLOSURE', violatingAmount: '5000.00' },
        {
          tier: 'MINOR',
          recoveredAmount: '5000.00',
          damages: '0.00',
          totalDue: '5000.00',
          actions: ['INTERVIEW', 'RECTIFICATION', 'RECOVER'],
        },
      ],
      [
        'the same breach self-reported refunds 5 000.00 (art. 72)',
        {
          violationCode: 'NO_PRICE_DISCLOSURE',
          violatingAmount: '5000.00',
          detectedBy: 'SELF_REPORT',
        },
        {
          tier: 'MINOR',
          recoveredAmount: '5000.00',
          damages: '0.00',
          actions: ['INTERVIEW', 'RECTIFICATION', 'REFUND'],
        },
      ],
      [
        'a MINOR breach with no amount recovers 0.00 and has no RECOVER action',
        { violationCode: 'NO_PRICE_DISCLOSURE' },
        { tier: 'MINOR', recoveredAmount: '0.00', actions: ['INTERVIEW', 'RECTIFICATION'] },
      ],
      [
        'offline purchases of 49 999.99: GENERAL (63(一)), the violating amount recovered, no damages',
        {
          violationCode: 'OFFLINE_PROCUREMENT',
          amountInvolved: '49999.99',
          violatingAmount: '2000.00',
        },
        {
          tier: 'GENERAL',
          article: '63(一)',
          amountInvolved: '49999.99',
          recoveredAmount: '2000.00',
          damages: '0.00',
          actions: ['INTERVIEW', 'RECTIFICATION', 'WITHHOLD', 'RECOVER'],
        },
      ],
      [
        'offline purchases of 60 000.00 with 0.00 charged: SERIOUS, recover 0.00, damages 1 000.00 (64(五))',
        {
          violationCode: 'OFFLINE_PROCUREMENT',
          amountInvolved: '60000.00',
          violatingAmount: '0.00',
        },
        {
          tier: 'SERIOUS',
          article: '64(五)',
          recoveredAmount: '0.00',
          damages: '1000.00',
          totalDue: '1000.00',
          actions: ['WITHHOLD'],
        },
      ],
      [
        'the same with no violating amount at all, two occurrences: 2 000.00',
        { violationCode: 'OFFLINE_PROCUREMENT', amountInvolved: '60000.00', occurrences: 2 },
        { tier: 'SERIOUS', violatingAmount: null, recoveredAmount: '0.00', damages: '2000.00' },
      ],
      [
        'offline purchases of exactly 50 000.00: SERIOUS ("达到5万元")',
        {
          violationCode: 'OFFLINE_PROCUREMENT',
          amountInvolved: '50000.00',
          violatingAmount: '300.00',
        },
        { tier: 'SERIOUS', recoveredAmount: '300.00', damages: '300.00', totalDue: '600.00' },
      ],
      [
        'the 15% branch: 15 000.00 of 100 000.00 purchases is SERIOUS',
        {
          violationCode: 'OFFLINE_PROCUREMENT',
          amountInvolved: '15000.00',
          purchasesTotal: '100000.00',
          violatingAmount: '1000.00',
        },
        {
          tier: 'SERIOUS',
          purchasesTotal: '100000.00',
          recoveredAmount: '1000.00',
          damages: '1000.00',
        },
      ],
      [
        'the 15% branch: 14 999.99 of 100 000.00 purchases is GENERAL',
        {
          violationCode: 'OFFLINE_PROCUREMENT',
          amountInvolved: '14999.99',
          purchasesTotal: '100000.00',
          violatingAmount: '1000.00',
        },
        { tier: 'GENERAL', recoveredAmount: '1000.00', damages: '0.00' },
      ],
      [
        'without amountInvolved the violating amount stands in for it: 60 000.00 is SERIOUS on itself',
        { violationCode: 'OFFLINE_PROCUREMENT', violatingAmount: '60000.00' },
        { tier: 'SERIOUS', amountInvolved: null, recoveredAmount: '60000.00', damages: '60000.00' },
      ],
      [
        'fictitious charges of 30 000.00 involved, 5 000.00 violating: GRAVE (66(三)), damages 3 × 5 000.00',
        {
          violationCode: 'FICTITIOUS_CHARGES',
          amountInvolved: '30000.00',
          violatingAmount: '5000.00',
        },
        {
          tier: 'GRAVE',
          article: '66(三)',
          recoveredAmount: '5000.00',
          damages: '15000.00',
          totalDue: '20000.00',
        },
      ],
      [
        'fictitious charges of 29 999.99 involved: SEVERE, flagged for an officer (the agreement is silent)',
        {
          violationCode: 'FICTITIOUS_CHARGES',
          amountInvolved: '29999.99',
          violatingAmount: '5000.00',
        },
        { tier: 'SEVERE', needsOfficerDecision: true, damages: '15000.00' },
      ],
      [
        'fictitious charges of 9 999.99: SEVERE (65(二)), not flagged',
        { violationCode: 'FICTITIOUS_CHARGES', violatingAmount: '9999.99' },
        { tier: 'SEVERE', needsOfficerDecision: false, damages: '29999.97' },
      ],
      [
        'items substituted for 100 000.00 involved: GRAVE (66(六)); the damages stay on the violating amount',
        {
          violationCode: 'ITEM_SUBSTITUTION',
          amountInvolved: '100000.00',
          violatingAmount: '800.00',
        },
        { tier: 'GRAVE', article: '66(六)', recoveredAmount: '800.00', damages: '2400.00' },
      ],
      [
        'a severe breach suspended 1 month from a notice on 2024-01-31: 2024-02-01 to 2024-02-29',
        {
          violationCode: 'IDENTITY_NOT_VERIFIED',
          violatingAmount: '100.00',
          occurredOn: '2024-01-15',
          noticeOn: '2024-01-31',
          suspensionMonths: 1,
        },
        { tier: 'SEVERE', suspensionFrom: '2024-02-01', suspensionTo: '2024-02-29' },
      ],
    ])('%s', async (_name, over, expected) => {
      const { agreementId } = await designation();
      const r = await record(agreementId, over);
      expect(r.errors).toBeUndefined();
      expect(r.data!.recordViolation).toMatchObject(expected);
    });

    it('a second no-amount SERIOUS breach, escalated to SEVERE (65(十六)), still pays 1 000.00, flagged', async () => {
      const { agreementId } = await designation();
      const first = await record(agreementId, { violationCode: 'SPLIT_ADMISSION' });
      expect(first.data!.recordViolation).toMatchObject({
        tier: 'SERIOUS',
        escalated: false,
        damages: '1000.00',
      });
      const second = await record(agreementId, {
        violationCode: 'SPLIT_ADMISSION',
        noticeOn: '2024-04-01',
      });
      expect(second.data!.recordViolation).toMatchObject({
        baseTier: 'SERIOUS',
        tier: 'SEVERE',
        escalated: true,
        recoveredAmount: '0.00',
        damages: '1000.00',
        totalDue: '1000.00',
        needsOfficerDecision: true,
      });
    });

    it('an escalated breach with an amount pays the higher tier’s damages (3 × amount ≥ 1 × amount)', async () => {
      const { agreementId } = await designation();
      await record(agreementId, { violationCode: 'SPLIT_ADMISSION', violatingAmount: '100.00' });
      const second = await record(agreementId, {
        violationCode: 'SPLIT_ADMISSION',
        violatingAmount: '100.00',
      });
      expect(second.data!.recordViolation).toMatchObject({
        tier: 'SEVERE',
        damages: '300.00',
        needsOfficerDecision: false,
      });
    });

    it('places the breach by the thresholds and counts of the terms in force on the notice date', async () => {
      const { agreementId } = await designation();
      const revised = await t.gql<{ reviseTerms: { terms: Record<string, unknown> } }>(
        `mutation($id: ID!, $inst: InstitutionTermsInput) {
           reviseTerms(agreementId: $id, effectiveFrom: "2024-06-01", institutionTerms: $inst) {
             terms(on: "2024-06-01") { ... on InstitutionTerms {
               offlineProcurementSeriousFrom offlineProcurementSeriousShare repeatedSeriousCount
               requestedSuspensionNoticeMonths fictitiousChargesGraveFrom } } } }`,
        {
          id: agreementId,
          inst: { offlineProcurementSeriousFrom: '40000.00', repeatedSeriousCount: 3 },
        },
        agency(),
      );
      expect(revised.errors).toBeUndefined();
      expect(revised.data!.reviseTerms.terms).toEqual({
        offlineProcurementSeriousFrom: '40000.00',
        offlineProcurementSeriousShare: '0.15',
        repeatedSeriousCount: 3,
        requestedSuspensionNoticeMonths: 3,
        fictitiousChargesGraveFrom: '30000.00',
      });
      const before = await record(agreementId, {
        violationCode: 'OFFLINE_PROCUREMENT',
        amountInvolved: '45000.00',
        noticeOn: '2024-05-31',
      });
      expect(before.data!.recordViolation.tier).toBe('GENERAL');
      const after = await record(agreementId, {
        violationCode: 'OFFLINE_PROCUREMENT',
        amountInvolved: '45000.00',
        noticeOn: '2024-06-01',
      });
      expect(after.data!.recordViolation.tier).toBe('SERIOUS');
      // 65(十六) at 3: the second serious breach of one type stays SERIOUS, the third is SEVERE.
      const second = await record(agreementId, {
        violationCode: 'OFFLINE_PROCUREMENT',
        amountInvolved: '45000.00',
        noticeOn: '2024-06-02',
      });
      expect(second.data!.recordViolation).toMatchObject({ tier: 'SERIOUS', escalated: false });
      const third = await record(agreementId, {
        violationCode: 'OFFLINE_PROCUREMENT',
        amountInvolved: '45000.00',
        noticeOn: '2024-06-03',
      });
      expect(third.data!.recordViolation).toMatchObject({ tier: 'SEVERE', escalated: true });
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a negative amount involved', { amountInvolved: '-0.01' }, 'input.amountInvolved'],
      ['a negative purchases total', { purchasesTotal: '-1.00' }, 'input.purchasesTotal'],
      [
        'an amount involved with three decimals',
        { amountInvolved: '1.001' },
        'input.amountInvolved',
      ],
    ])('refuses %s on its field, storing nothing', async (_name, over, field) => {
      const { agreementId } = await designation();
      const before = await stored();
      const r = await record(agreementId, { violationCode: 'OFFLINE_PROCUREMENT', ...over });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(r.errors?.[0]?.message).not.toContain(String(Object.values(over)[0]));
      expect(await stored()).toEqual(before);
    });

    it.each<[string, Record<string, unknown>, string]>([
      [
        'a share above 1',
        { offlineProcurementSeriousShare: '1.5' },
        'institutionTerms.offlineProcurementSeriousShare',
      ],
      [
        'a grave step below the flagged one',
        { fictitiousChargesFlaggedFrom: '40000.00' },
        'institutionTerms.fictitiousChargesGraveFrom',
      ],
      ['a count of 0', { escalationBreachCount: 0 }, 'institutionTerms.escalationBreachCount'],
      [
        'a suspension of 0 days',
        { requestedSuspensionMaxDays: 0 },
        'institutionTerms.requestedSuspensionMaxDays',
      ],
    ])('refuses terms with %s on the field', async (_name, inst, field) => {
      const { agreementId } = await designation();
      const r = await t.gql(
        `mutation($id: ID!, $inst: InstitutionTermsInput) {
           reviseTerms(agreementId: $id, effectiveFrom: "2024-07-01", institutionTerms: $inst) { id } }`,
        { id: agreementId, inst },
        agency(),
      );
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });
  });

  // ------------------------------------------------------------------ continuation (rules.md §3.5; art. 82)

  describe('continueAgreement (Suining art. 82; rules.md §3.5)', () => {
    const CONTINUE = `mutation($id: ID!) { continueAgreement(agreementId: $id) {
      id continues continuedUntil effectiveTo jan: status(asOf: "2025-01-05") jun: status(asOf: "2025-06-01") } }`;
    const read = async (id: string) =>
      must(
        await t.gql<{
          agreement: {
            continues: boolean;
            continuedUntil: string | null;
            feb: string;
            mar: string;
          };
        }>(
          `query($id: ID!) { agreement(id: $id) {
             continues continuedUntil feb: status(asOf: "2025-02-28") mar: status(asOf: "2025-03-01") } }`,
          { id },
          agency(),
        ),
      ).agreement;

    it('keeps the agreement in force past effectiveTo until the next one takes effect; claims in between settle', async () => {
      const { hospitalId, agreementId } = await designation();
      // Before: the agreement ends on effectiveTo.
      expect(await read(agreementId)).toMatchObject({
        continues: false,
        continuedUntil: null,
        feb: 'EXPIRED',
      });
      expect(await claim(hospitalId, '2025-01-02', '2025-01-05', ci2025)).toEqual({
        status: 'REJECTED',
        rejectionReason: 'NOT_DESIGNATED',
      });
      const audits = await count('audit_trail');
      const r = await t.gql<{ continueAgreement: Record<string, unknown> }>(
        CONTINUE,
        { id: agreementId },
        agency(),
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.continueAgreement).toEqual({
        id: agreementId,
        continues: true,
        continuedUntil: null,
        effectiveTo: '2024-12-31',
        jan: 'ACTIVE',
        jun: 'ACTIVE',
      });
      expect(await count('audit_trail')).toBe(audits + 1);
      const [row] = await t.db.dataSource.query<{ operation: string; ids: string[] }[]>(
        `SELECT operation, ids FROM audit_trail ORDER BY id DESC LIMIT 1`,
      );
      expect(row).toEqual({ operation: 'continueAgreement', ids: [agreementId] });
      // A claim of the continuation settles; the one rejected before stays as it was (history).
      expect(await claim(hospitalId, '2025-01-02', '2025-01-05', ci2025)).toEqual({
        status: 'ADJUDICATED',
        rejectionReason: null,
      });
      // The next agreement between the same parties ends the continuation the day before it takes effect.
      await agreement(
        `RC-NEXT${serial}`,
        'DESIGNATED_INSTITUTION',
        hospitalId,
        '2025-03-01',
        '2025-12-31',
      );
      expect(await read(agreementId)).toEqual({
        continues: true,
        continuedUntil: '2025-02-28',
        feb: 'ACTIVE',
        mar: 'EXPIRED',
      });
      // Recording it again changes nothing.
      const again = await t.gql<{ continueAgreement: { continues: boolean } }>(
        CONTINUE,
        { id: agreementId },
        agency(),
      );
      expect(again.data!.continueAgreement.continues).toBe(true);
    });

    it('refuses another kind or a terminated agreement (BAD_USER_INPUT), one outside the caller’s regions (NOT_FOUND), storing nothing', async () => {
      const { agreementId } = await designation();
      const terminated = await designation();
      await t.gql(
        `mutation($i: RecordViolationInput!) { recordViolation(input: $i) { id } }`,
        {
          i: {
            agreementId: terminated.agreementId,
            violationCode: 'FAKE_TREATMENT_FRAUD',
            occurredOn: '2024-03-01',
            noticeOn: '2024-03-10',
            detectedBy: 'INSPECTION',
            violatingAmount: '100.00',
          },
        },
        agency(),
      );
      const before = await stored();
      for (const [id, user, code] of [
        [w.agreementId, agency(), 'BAD_USER_INPUT'],
        [terminated.agreementId, agency(), 'BAD_USER_INPUT'],
        [agreementId, agency(['51']), 'NOT_FOUND'],
        ['00000000-0000-4000-8000-000000000000', agency(), 'NOT_FOUND'],
      ] as const) {
        const r = await t.gql(CONTINUE, { id }, user);
        expect(r.errors?.[0]?.extensions).toMatchObject({ code, field: 'agreementId' });
      }
      expect(await stored()).toEqual(before);
    });
  });

  // ------------------------------------------------------------------ requested suspensions (rules.md §7.3; 76–78)

  describe('requestSuspension and resumeAfterSuspension (Suining arts. 76–78; rules.md §7.3)', () => {
    const REQUEST = `mutation($id: ID!, $r: Date!, $s: Date!, $d: Int!) {
      requestSuspension(agreementId: $id, requestedOn: $r, startsOn: $s, days: $d) {
        id terminatedOn suspensions { startsOn endsOn requestedOn lapsesOn continuationRequestedOn } } }`;
    const RESUME = `mutation($id: ID!, $r: Date!) { resumeAfterSuspension(agreementId: $id, requestedOn: $r) {
      id suspensions { startsOn endsOn lapsesOn continuationRequestedOn } } }`;
    type Suspension = {
      startsOn: string;
      endsOn: string;
      requestedOn?: string | null;
      lapsesOn: string | null;
      continuationRequestedOn: string | null;
    };
    const request = (id: string, r: string, s: string, d: number, user = agency()) =>
      t.gql<{
        requestSuspension: { id: string; terminatedOn: string | null; suspensions: Suspension[] };
      }>(REQUEST, { id, r, s, d }, user);
    const resume = (id: string, r: string, user = agency()) =>
      t.gql<{ resumeAfterSuspension: { suspensions: Suspension[] } }>(RESUME, { id, r }, user);
    const statusOn = async (id: string, day: string) =>
      must(
        await t.gql<{ agreement: { status: string } }>(
          `query($id: ID!, $d: Date) { agreement(id: $id) { status(asOf: $d) } }`,
          { id, d: day },
          agency(),
        ),
      ).agreement.status;

    it('records a suspension asked 3 months ahead; claims with a day of their stay inside it are rejected', async () => {
      const { hospitalId, agreementId } = await designation();
      const audits = await count('audit_trail');
      const r = await request(agreementId, '2024-01-31', '2024-04-30', 30);
      expect(r.errors).toBeUndefined();
      expect(r.data!.requestSuspension).toMatchObject({
        id: agreementId,
        terminatedOn: null,
        suspensions: [
          {
            startsOn: '2024-04-30',
            endsOn: '2024-05-29',
            requestedOn: '2024-01-31',
            lapsesOn: null,
            continuationRequestedOn: null,
          },
        ],
      });
      expect(await count('audit_trail')).toBe(audits + 1);
      expect(
        await Promise.all(
          ['2024-04-29', '2024-04-30', '2024-05-29', '2024-05-30'].map((d) =>
            statusOn(agreementId, d),
          ),
        ),
      ).toEqual(['ACTIVE', 'SUSPENDED', 'SUSPENDED', 'ACTIVE']);
      expect(await claim(hospitalId, '2024-04-20', '2024-04-29')).toMatchObject({
        status: 'ADJUDICATED',
      });
      expect(await claim(hospitalId, '2024-05-29', '2024-06-03')).toEqual({
        status: 'REJECTED',
        rejectionReason: 'INSTITUTION_SUSPENDED',
      });
      expect(await claim(hospitalId, '2024-05-30', '2024-06-03')).toMatchObject({
        status: 'ADJUDICATED',
      });
    });

    it.each<[string, string, string, string, string, number]>([
      [
        'a first day before the 3 months (78)',
        'startsOn',
        'NOTICE_TOO_SHORT',
        '2024-01-31',
        '2024-04-29',
        30,
      ],
      ['a request after today', 'requestedOn', 'IN_THE_FUTURE', '2025-06-16', '2025-09-16', 30],
      ['a request before the term', 'requestedOn', 'OUTSIDE_TERM', '2023-12-31', '2024-04-01', 30],
      ['a first day after the term', 'startsOn', 'OUTSIDE_TERM', '2024-09-01', '2025-01-01', 30],
      ['0 days', 'days', 'DAYS_OUT_OF_RANGE', '2024-02-01', '2024-05-01', 0],
      ['181 days (76)', 'days', 'DAYS_OUT_OF_RANGE', '2024-02-01', '2024-05-01', 181],
    ])('refuses %s on %s (%s), storing nothing', async (_name, field, reason, r, s, d) => {
      const { agreementId } = await designation();
      const before = await stored();
      const res = await request(agreementId, r, s, d);
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, reason });
      expect(await stored()).toEqual(before);
    });

    it('refuses a public institution (78), another kind, another region, storing nothing', async () => {
      const pub = await designation(true);
      const plain = await designation();
      const before = await stored();
      const refused = await request(pub.agreementId, '2024-02-01', '2024-05-01', 30);
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'agreementId',
        reason: 'PUBLIC_INSTITUTION',
      });
      const kind = await request(w.agreementId, '2024-02-01', '2024-05-01', 30);
      expect(kind.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'agreementId',
      });
      const region = await request(
        plain.agreementId,
        '2024-02-01',
        '2024-05-01',
        30,
        agency(['51']),
      );
      expect(region.errors?.[0]?.extensions).toMatchObject({
        code: 'NOT_FOUND',
        field: 'agreementId',
      });
      const resumeRegion = await resume(plain.agreementId, '2024-02-01', agency(['51']));
      expect(resumeRegion.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      expect(await stored()).toEqual(before);
    });

    it('terminates the agreement from the first day of a second requested suspension, recording no suspension (77(四))', async () => {
      const { hospitalId, agreementId } = await designation();
      expect((await request(agreementId, '2024-01-15', '2024-04-15', 10)).errors).toBeUndefined();
      const suspensions = await count('agreement_suspension');
      const second = await request(agreementId, '2024-05-01', '2024-08-01', 20);
      expect(second.errors).toBeUndefined();
      expect(second.data!.requestSuspension.terminatedOn).toBe('2024-08-01');
      expect(second.data!.requestSuspension.suspensions).toHaveLength(1);
      expect(await count('agreement_suspension')).toBe(suspensions);
      expect(await statusOn(agreementId, '2024-07-31')).toBe('ACTIVE');
      expect(await statusOn(agreementId, '2024-08-01')).toBe('TERMINATED');
      expect(await claim(hospitalId, '2024-08-01', '2024-08-05')).toEqual({
        status: 'REJECTED',
        rejectionReason: 'AGREEMENT_TERMINATED',
      });
      // Terminated: no request is in force any more.
      const late = await request(agreementId, '2024-09-01', '2024-12-01', 10);
      expect(late.errors?.[0]?.extensions).toMatchObject({
        field: 'requestedOn',
        reason: 'OUTSIDE_TERM',
      });
    });

    it('a 180-day suspension ends the agreement the day after its last day unless the institution asks to continue by then (76)', async () => {
      const lapsing = await designation();
      const continued = await designation();
      for (const d of [lapsing, continued]) {
        const r = await request(d.agreementId, '2024-01-02', '2024-04-02', 180);
        expect(r.data!.requestSuspension.suspensions).toEqual([
          {
            startsOn: '2024-04-02',
            endsOn: '2024-09-28',
            requestedOn: '2024-01-02',
            lapsesOn: '2024-09-29',
            continuationRequestedOn: null,
          },
        ]);
      }
      // Too late after the last day; refused after today; nothing stored.
      const before = await stored();
      const tooLate = await resume(continued.agreementId, '2024-09-29');
      expect(tooLate.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'requestedOn',
        reason: 'TOO_LATE',
      });
      const early = await resume(continued.agreementId, '2024-01-01');
      expect(early.errors?.[0]?.extensions).toMatchObject({ field: 'requestedOn' });
      expect(await stored()).toEqual(before);
      // On the last day: in time.
      const ok = await resume(continued.agreementId, '2024-09-28');
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.resumeAfterSuspension.suspensions[0]!.continuationRequestedOn).toBe(
        '2024-09-28',
      );
      expect(await count('audit_trail')).toBe(before.audit + 1);
      // Asked again: the first request stands.
      const again = await resume(continued.agreementId, '2024-09-20');
      expect(again.data!.resumeAfterSuspension.suspensions[0]!.continuationRequestedOn).toBe(
        '2024-09-28',
      );

      expect(await statusOn(lapsing.agreementId, '2024-09-28')).toBe('SUSPENDED');
      expect(await statusOn(lapsing.agreementId, '2024-09-29')).toBe('TERMINATED');
      expect(await statusOn(continued.agreementId, '2024-09-29')).toBe('ACTIVE');
      expect(await claim(lapsing.hospitalId, '2024-10-01', '2024-10-05')).toEqual({
        status: 'REJECTED',
        rejectionReason: 'AGREEMENT_TERMINATED',
      });
      expect(await claim(continued.hospitalId, '2024-10-01', '2024-10-05')).toEqual({
        status: 'ADJUDICATED',
        rejectionReason: null,
      });
      // Ended by the lapse, the agreement does not continue (art. 82).
      const cont = await t.gql(
        `mutation($id: ID!) { continueAgreement(agreementId: $id) { id } }`,
        { id: lapsing.agreementId },
        agency(),
      );
      expect(cont.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'agreementId',
      });
    });

    it('refuses to continue where no suspension at the institution’s request exists (NO_SUSPENSION)', async () => {
      const { agreementId } = await designation();
      const r = await resume(agreementId, '2024-06-01');
      expect(r.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'agreementId',
        reason: 'NO_SUSPENSION',
      });
    });
  });

  // ------------------------------------------------------------------ the migration of stored suspensions

  describe('the migration of stored suspensions (SuspensionsFromDayAfterNotice)', () => {
    it('moves a penalty’s suspension to the day after its notice, leaves requested ones alone, and restores the triggers', async () => {
      const { agreementId } = await designation();
      const penalty = must(
        await t.gql<{ recordViolation: { id: string } }>(
          `mutation($i: RecordViolationInput!) { recordViolation(input: $i) { id } }`,
          {
            i: {
              agreementId,
              violationCode: 'IDENTITY_NOT_VERIFIED',
              occurredOn: '2024-02-01',
              noticeOn: '2024-02-10',
              detectedBy: 'INSPECTION',
              violatingAmount: '10.00',
              suspensionMonths: 2,
            },
          },
          agency(),
        ),
      ).recordViolation.id;
      must(
        await t.gql(
          `mutation($id: ID!) { requestSuspension(agreementId: $id, requestedOn: "2024-03-01",
             startsOn: "2024-06-11", days: 5) { id } }`,
          { id: agreementId },
          agency(),
        ),
      );
      const read = () =>
        t.db.dataSource.query<{ starts_on: string; ends_on: string; requested: boolean }[]>(
          `SELECT starts_on::text, ends_on::text, requested_on IS NOT NULL AS requested
             FROM agreement_suspension WHERE agreement_id = $1 ORDER BY starts_on`,
          [agreementId],
        );
      const fromOf = async () =>
        (
          await t.db.dataSource.query<{ f: string }[]>(
            `SELECT suspension_from::text AS f FROM penalty WHERE id = $1`,
            [penalty],
          )
        )[0]!.f;
      const now = [
        { starts_on: '2024-02-11', ends_on: '2024-04-10', requested: false },
        { starts_on: '2024-06-11', ends_on: '2024-06-15', requested: true },
      ];
      expect(await read()).toEqual(now);
      // The migration run in its own transaction, as runMigrations runs it.
      const run = async (step: 'up' | 'down') => {
        const runner = t.db.dataSource.createQueryRunner();
        await runner.startTransaction();
        await new SuspensionsFromDayAfterNotice1763800000041()[step](runner);
        await runner.commitTransaction();
        await runner.release();
      };
      // Undone, the penalty's suspension is as the old rule stored it: from the notice date.
      await run('down');
      expect(await read()).toEqual([{ ...now[0], starts_on: '2024-02-10' }, now[1]]);
      expect(await fromOf()).toBe('2024-02-10');
      // Run again: from the day after.
      await run('up');
      expect(await read()).toEqual(now);
      expect(await fromOf()).toBe('2024-02-11');
      // The append-only triggers are back.
      for (const sql of [
        `UPDATE agreement_suspension SET reason = 'x' WHERE agreement_id = $1`,
        `UPDATE penalty SET suspension_from = suspension_from WHERE agreement_id = $1`,
      ]) {
        await expect(t.db.dataSource.query(sql, [agreementId])).rejects.toThrow();
      }
    });
  });
});
