import { Agreement } from '../../src/domain/agreement/agreement.entity';
import { agency, insurer, reporting, startTestApp, type TestApp } from '../helpers/test-app';

/**
 * Terms as data (rules.md §1): the seed values of a new agreement, terms inputs at creation, versioned revisions
 * (`reviseTerms`), the append-only versions table, and the agreement's standing with suspensions and termination.
 */

const CREATE_ORG = `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`;
const CREATE = `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id code kind } }`;

/** Every field of every terms type. */
const TERMS_FIELDS = `
  __typename
  ... on CriticalIllnessTerms {
    effectiveFrom
    general { deductible annualCap bands { upTo rate } }
    preferential { deductible annualCap bands { upTo rate } }
    riskReserveRate assessmentDepositRate profitCapRate
    directPaymentWorkingDays manualPaymentWorkingDays appropriationReceiptWorkingDays monthlyReportDueDay
    staffing { medicalShareMin cityStaffMin cityMedicalMin countyInsuredPerStaff colocatedStaffMin }
  }
  ... on HandlingTerms {
    effectiveFrom feePerPersonYear manualSettlementSampleRate manualReviewSampleRate
    auditThresholds { passRateBelow deductionRate reReview }
    breachDamagesRate savingsRewardRate
    staffing {
      cityStaffMin cityMedicalMin cityFinanceMin cityItMin
      countyStaffMin countyMedicalMin countyFinanceMin countyItMin
    }
  }
  ... on InstitutionTerms {
    effectiveFrom declarationDayOfMonth paymentWorkingDays penaltyDueWorkingDays overdueGraceWorkingDays
    nonFeeDamagesPerOccurrence damagesRanges { tier minMultiplier maxMultiplier } maxSuspensionMonths
  }`;

/** The seed values of rules.md as the API prints them: Money with two decimals, Decimal without trailing zeros. */
const SEED_CRITICAL_ILLNESS = {
  __typename: 'CriticalIllnessTerms',
  effectiveFrom: '2024-01-01',
  general: {
    deductible: '11000.00',
    annualCap: '400000.00',
    bands: [
      { upTo: '100000.00', rate: '0.6' },
      { upTo: null, rate: '0.7' },
    ],
  },
  preferential: {
    deductible: '5500.00',
    annualCap: null,
    bands: [
      { upTo: '100000.00', rate: '0.65' },
      { upTo: null, rate: '0.75' },
    ],
  },
  riskReserveRate: '0.05',
  assessmentDepositRate: '0.03',
  profitCapRate: '0.03',
  directPaymentWorkingDays: 15,
  manualPaymentWorkingDays: 20,
  appropriationReceiptWorkingDays: 2,
  monthlyReportDueDay: 5,
  staffing: {
    medicalShareMin: '0.5',
    cityStaffMin: 3,
    cityMedicalMin: 1,
    countyInsuredPerStaff: 200000,
    colocatedStaffMin: 3,
  },
};

const SEED_HANDLING = {
  __typename: 'HandlingTerms',
  effectiveFrom: '2024-01-01',
  feePerPersonYear: '1.50',
  manualSettlementSampleRate: '0.1',
  manualReviewSampleRate: '0.05',
  auditThresholds: [
    { passRateBelow: '0.9', deductionRate: '0.02', reReview: false },
    { passRateBelow: '0.8', deductionRate: '0.05', reReview: true },
  ],
  breachDamagesRate: '0.02',
  savingsRewardRate: '0',
  staffing: {
    cityStaffMin: 63,
    cityMedicalMin: 40,
    cityFinanceMin: 1,
    cityItMin: 1,
    countyStaffMin: 97,
    countyMedicalMin: 49,
    countyFinanceMin: 9,
    countyItMin: 9,
  },
};

const SEED_INSTITUTION = {
  __typename: 'InstitutionTerms',
  effectiveFrom: '2024-01-01',
  declarationDayOfMonth: 10,
  paymentWorkingDays: 30,
  penaltyDueWorkingDays: 30,
  overdueGraceWorkingDays: 10,
  nonFeeDamagesPerOccurrence: '1000.00',
  damagesRanges: [
    { tier: 'SERIOUS', minMultiplier: '1', maxMultiplier: '2' },
    { tier: 'SEVERE', minMultiplier: '3', maxMultiplier: '3' },
    { tier: 'GRAVE', minMultiplier: '3', maxMultiplier: '5' },
  ],
  maxSuspensionMonths: 6,
};

type Terms = Record<string, unknown> & { effectiveFrom: string };

const TERMS_ON = `query($id: ID!, $on: Date) { agreement(id: $id) { terms(on: $on) { ${TERMS_FIELDS} } } }`;
const TERMS_TODAY = `query($id: ID!) { agreement(id: $id) { terms { ${TERMS_FIELDS} } } }`;
const VERSIONS = `query($id: ID!) { agreement(id: $id) { termsVersions { ${TERMS_FIELDS} } } }`;
const REVISE = `mutation(
  $id: ID!, $from: Date!,
  $ci: CriticalIllnessTermsInput, $h: HandlingTermsInput, $inst: InstitutionTermsInput
) {
  reviseTerms(agreementId: $id, effectiveFrom: $from, criticalIllnessTerms: $ci, handlingTerms: $h, institutionTerms: $inst) {
    id code
  }
}`;

describe('agreement terms', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const org = async (code: string, kind: string, regionCode: string) => {
    const r = await t.gql<{ createOrganization: { id: string } }>(
      CREATE_ORG,
      { i: { code, name: code, kind, regionCode } },
      agency(),
    );
    expect(r.errors).toBeUndefined();
    ids[code] = r.data!.createOrganization.id;
  };

  const KIND_DEFAULTS: Record<string, Record<string, unknown>> = {
    CRITICAL_ILLNESS: { partyA: 'HA', partyB: 'INS', regionCode: '410000' },
    COMMISSIONED_HANDLING: {
      partyA: 'HA',
      partyB: 'INS',
      regionCode: '410300',
      effectiveTo: '2025-12-31',
    },
    DESIGNATED_INSTITUTION: { partyA: 'SNA', partyB: 'HOSP', regionCode: '510900' },
  };

  const input = (code: string, kind: string, over: Record<string, unknown> = {}) => {
    const { partyA, partyB, ...rest } = KIND_DEFAULTS[kind]!;
    return {
      code,
      kind,
      title: `${code} 协议`,
      partyAId: ids[partyA as string],
      partyBId: ids[partyB as string],
      effectiveFrom: '2024-01-01',
      effectiveTo: '2024-12-31',
      ...rest,
      ...over,
    };
  };

  /** Creates an agreement and answers its id. */
  const agreement = async (code: string, kind: string, over: Record<string, unknown> = {}) => {
    const r = await t.gql<{ createAgreement: { id: string } }>(
      CREATE,
      { i: input(code, kind, over) },
      agency(),
    );
    expect(r.errors).toBeUndefined();
    ids[code] = r.data!.createAgreement.id;
    return ids[code];
  };

  const termsOn = async (id: string, on?: string): Promise<Terms> => {
    const r = await t.gql<{ agreement: { terms: Terms } }>(
      on === undefined ? TERMS_TODAY : TERMS_ON,
      on === undefined ? { id } : { id, on },
      reporting(['41', '51']),
    );
    expect(r.errors).toBeUndefined();
    return r.data!.agreement.terms;
  };

  const versions = async (id: string): Promise<Terms[]> => {
    const r = await t.gql<{ agreement: { termsVersions: Terms[] } }>(VERSIONS, { id }, agency());
    expect(r.errors).toBeUndefined();
    return r.data!.agreement.termsVersions;
  };

  const revise = (
    id: string,
    from: string,
    terms: { ci?: unknown; h?: unknown; inst?: unknown },
    user = agency(),
  ) => t.gql<{ reviseTerms: { id: string; code: string } }>(REVISE, { id, from, ...terms }, user);

  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const rows: Array<{ n: string | number }> = await t.db.dataSource.query(sql, params);
    return Number(rows[0]!.n);
  };
  const agreementCount = () => count('SELECT count(*) AS n FROM agreement');
  const versionCount = () => count('SELECT count(*) AS n FROM agreement_terms');
  const auditCount = () => count('SELECT count(*) AS n FROM audit_trail');

  beforeAll(async () => {
    t = await startTestApp();
    await org('HA', 'AGENCY', '410000');
    await org('INS', 'INSURER', '410000');
    await org('HOSP', 'MEDICAL_INSTITUTION', '510900');
    await org('SNA', 'AGENCY', '510900');
    await agreement('HN-2024', 'CRITICAL_ILLNESS');
    await agreement('LY-2024', 'COMMISSIONED_HANDLING');
    await agreement('SN-2024', 'DESIGNATED_INSTITUTION');
  });
  afterAll(() => t.close());

  describe('a new agreement', () => {
    it.each([
      ['HN-2024', SEED_CRITICAL_ILLNESS],
      ['LY-2024', SEED_HANDLING],
      ['SN-2024', SEED_INSTITUTION],
    ])('%s without terms input has the seed terms of rules.md', async (code, seed) => {
      expect(await termsOn(ids[code]!, '2024-03-01')).toEqual(seed);
      // one version, from the agreement's first day, also before that day
      expect(await versions(ids[code]!)).toEqual([seed]);
      expect(await termsOn(ids[code]!, '2023-06-01')).toEqual(seed);
    });

    it('answers the brief’s query shape with the seed values', async () => {
      const r = await t.gql<{
        agreements: { nodes: Array<{ code: string; terms: Record<string, unknown> }> };
      }>(
        `{ agreements { nodes { code terms(on: "2024-03-01") {
          __typename
          ... on CriticalIllnessTerms {
            effectiveFrom
            general { deductible annualCap bands { upTo rate } }
            preferential { deductible annualCap bands { upTo rate } }
            riskReserveRate directPaymentWorkingDays
          }
          ... on HandlingTerms { feePerPersonYear auditThresholds { passRateBelow deductionRate reReview } }
          ... on InstitutionTerms {
            paymentWorkingDays nonFeeDamagesPerOccurrence damagesRanges { tier minMultiplier maxMultiplier }
          }
        } } } }`,
        {},
        agency(),
      );
      expect(r.errors).toBeUndefined();
      const byCode = Object.fromEntries(r.data!.agreements.nodes.map((n) => [n.code, n.terms]));
      expect(byCode['HN-2024']).toEqual({
        __typename: 'CriticalIllnessTerms',
        effectiveFrom: '2024-01-01',
        general: SEED_CRITICAL_ILLNESS.general,
        preferential: SEED_CRITICAL_ILLNESS.preferential,
        riskReserveRate: '0.05',
        directPaymentWorkingDays: 15,
      });
      expect(byCode['LY-2024']).toEqual({
        __typename: 'HandlingTerms',
        feePerPersonYear: '1.50',
        auditThresholds: SEED_HANDLING.auditThresholds,
      });
      expect(byCode['SN-2024']).toEqual({
        __typename: 'InstitutionTerms',
        paymentWorkingDays: 30,
        nonFeeDamagesPerOccurrence: '1000.00',
        damagesRanges: SEED_INSTITUTION.damagesRanges,
      });
    });

    it('stores the criticalIllnessTerms given and keeps the seed for the rest', async () => {
      const id = await agreement('HN-CUSTOM', 'CRITICAL_ILLNESS', {
        criticalIllnessTerms: {
          general: {
            deductible: '12000.00',
            bands: [{ upTo: '100000.00', rate: '0.6' }, { rate: '0.7' }],
            annualCap: '400000.00',
          },
          directPaymentWorkingDays: 10,
        },
      });
      const terms = await termsOn(id, '2024-03-01');
      expect(terms).toEqual({
        ...SEED_CRITICAL_ILLNESS,
        general: { ...SEED_CRITICAL_ILLNESS.general, deductible: '12000.00' },
        directPaymentWorkingDays: 10,
      });
      expect(terms.preferential).toEqual(SEED_CRITICAL_ILLNESS.preferential);
      const rows: Array<{ effective_from: string }> = await t.db.dataSource.query(
        'SELECT effective_from FROM agreement_terms WHERE agreement_id = $1',
        [id],
      );
      expect(rows).toEqual([{ effective_from: '2024-01-01' }]);
    });

    it('leaves a schedule without annualCap uncapped', async () => {
      const id = await agreement('HN-NOCAP', 'CRITICAL_ILLNESS', {
        criticalIllnessTerms: {
          general: { deductible: '11000.00', bands: [{ rate: '0.6' }] },
        },
      });
      const terms = await termsOn(id);
      expect(terms.general).toEqual({
        deductible: '11000.00',
        annualCap: null,
        bands: [{ upTo: null, rate: '0.6' }],
      });
    });

    it('stores handling and institution terms inputs', async () => {
      const h = await agreement('LY-CUSTOM', 'COMMISSIONED_HANDLING', {
        handlingTerms: {
          feePerPersonYear: '1.75',
          savingsRewardRate: '0.0500',
          auditThresholds: [{ passRateBelow: '0.95', deductionRate: '0.01', reReview: false }],
        },
      });
      expect(await termsOn(h)).toEqual({
        ...SEED_HANDLING,
        feePerPersonYear: '1.75',
        savingsRewardRate: '0.05', // Decimal prints without trailing zeros
        auditThresholds: [{ passRateBelow: '0.95', deductionRate: '0.01', reReview: false }],
      });
      const i = await agreement('SN-CUSTOM', 'DESIGNATED_INSTITUTION', {
        institutionTerms: { paymentWorkingDays: 20, nonFeeDamagesPerOccurrence: '1500.5' },
      });
      expect(await termsOn(i)).toEqual({
        ...SEED_INSTITUTION,
        paymentWorkingDays: 20,
        nonFeeDamagesPerOccurrence: '1500.50',
      });
    });

    it.each<[string, string, Record<string, unknown>, string]>([
      [
        'handlingTerms on a CRITICAL_ILLNESS agreement',
        'CRITICAL_ILLNESS',
        { handlingTerms: { feePerPersonYear: '2.00' } },
        'input.handlingTerms',
      ],
      [
        'institutionTerms on a CRITICAL_ILLNESS agreement',
        'CRITICAL_ILLNESS',
        { institutionTerms: { paymentWorkingDays: 20 } },
        'input.institutionTerms',
      ],
      [
        'criticalIllnessTerms on a COMMISSIONED_HANDLING agreement',
        'COMMISSIONED_HANDLING',
        { criticalIllnessTerms: { riskReserveRate: '0.05' } },
        'input.criticalIllnessTerms',
      ],
      [
        'a closed last band',
        'CRITICAL_ILLNESS',
        {
          criticalIllnessTerms: {
            general: {
              deductible: '11000.00',
              bands: [
                { upTo: '100000.00', rate: '0.6' },
                { upTo: '200000.00', rate: '0.7' },
              ],
            },
          },
        },
        'input.criticalIllnessTerms.general.bands[1].upTo',
      ],
      [
        'a band not above the previous one',
        'CRITICAL_ILLNESS',
        {
          criticalIllnessTerms: {
            preferential: {
              deductible: '5500.00',
              bands: [
                { upTo: '100000.00', rate: '0.65' },
                { upTo: '100000.00', rate: '0.7' },
                { rate: '0.75' },
              ],
            },
          },
        },
        'input.criticalIllnessTerms.preferential.bands[1].upTo',
      ],
      [
        'a first band not above the deductible',
        'CRITICAL_ILLNESS',
        {
          criticalIllnessTerms: {
            general: {
              deductible: '11000.00',
              bands: [{ upTo: '11000.00', rate: '0.6' }, { rate: '0.7' }],
            },
          },
        },
        'input.criticalIllnessTerms.general.bands[0].upTo',
      ],
      [
        'a rate above 1',
        'CRITICAL_ILLNESS',
        {
          criticalIllnessTerms: {
            general: { deductible: '11000.00', bands: [{ rate: '1.0001' }] },
          },
        },
        'input.criticalIllnessTerms.general.bands[0].rate',
      ],
      [
        'no bands',
        'CRITICAL_ILLNESS',
        { criticalIllnessTerms: { general: { deductible: '11000.00', bands: [] } } },
        'input.criticalIllnessTerms.general.bands',
      ],
      [
        'an annual cap of 0',
        'CRITICAL_ILLNESS',
        {
          criticalIllnessTerms: {
            general: { deductible: '11000.00', bands: [{ rate: '0.6' }], annualCap: '0.00' },
          },
        },
        'input.criticalIllnessTerms.general.annualCap',
      ],
      [
        '0 working days',
        'CRITICAL_ILLNESS',
        { criticalIllnessTerms: { manualPaymentWorkingDays: 0 } },
        'input.criticalIllnessTerms.manualPaymentWorkingDays',
      ],
      [
        'a duplicate audit threshold',
        'COMMISSIONED_HANDLING',
        {
          handlingTerms: {
            auditThresholds: [
              { passRateBelow: '0.9', deductionRate: '0.02', reReview: false },
              { passRateBelow: '0.90', deductionRate: '0.05', reReview: true },
            ],
          },
        },
        'input.handlingTerms.auditThresholds[1].passRateBelow',
      ],
      [
        'a negative fee',
        'COMMISSIONED_HANDLING',
        { handlingTerms: { feePerPersonYear: '-1.50' } },
        'input.handlingTerms.feePerPersonYear',
      ],
      [
        'a MINOR damages range',
        'DESIGNATED_INSTITUTION',
        {
          institutionTerms: {
            damagesRanges: [
              { tier: 'SERIOUS', minMultiplier: '1', maxMultiplier: '2' },
              { tier: 'SEVERE', minMultiplier: '3', maxMultiplier: '3' },
              { tier: 'GRAVE', minMultiplier: '3', maxMultiplier: '5' },
              { tier: 'MINOR', minMultiplier: '0', maxMultiplier: '0' },
            ],
          },
        },
        'input.institutionTerms.damagesRanges[3].tier',
      ],
      [
        'damages ranges missing GRAVE',
        'DESIGNATED_INSTITUTION',
        {
          institutionTerms: {
            damagesRanges: [
              { tier: 'SERIOUS', minMultiplier: '1', maxMultiplier: '2' },
              { tier: 'SEVERE', minMultiplier: '3', maxMultiplier: '3' },
            ],
          },
        },
        'input.institutionTerms.damagesRanges',
      ],
    ])('refuses %s, stores nothing, and leaves the code free', async (_name, kind, over, field) => {
      const code = `R ${field}`;
      const before = [await agreementCount(), await versionCount(), await auditCount()];
      const r = await t.gql(CREATE, { i: input(code, kind, over) }, agency());
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(r.data).toBeNull();
      expect([await agreementCount(), await versionCount(), await auditCount()]).toEqual(before);
      const ok = await t.gql<{ createAgreement: { code: string } }>(
        CREATE,
        { i: input(code, kind) },
        agency(),
      );
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.createAgreement.code).toBe(code);
    });

    it('refuses money with three decimals as bad input', async () => {
      const before = await agreementCount();
      const r = await t.gql(
        CREATE,
        {
          i: input('MONEY3', 'COMMISSIONED_HANDLING', {
            handlingTerms: { feePerPersonYear: '1.505' },
          }),
        },
        agency(),
      );
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await agreementCount()).toBe(before);
    });
  });

  describe('reviseTerms', () => {
    let id: string;
    beforeAll(async () => {
      id = (await agreement('LY-REV', 'COMMISSIONED_HANDLING', {
        handlingTerms: { savingsRewardRate: '0.1' },
      }))!;
    });

    it('adds a version from effectiveFrom, keeping the old one and the fields not given', async () => {
      const auditsBefore = await auditCount();
      const r = await revise(id, '2024-07-01', { h: { feePerPersonYear: '2.00' } });
      expect(r.errors).toBeUndefined();
      expect(r.data!.reviseTerms).toEqual({ id, code: 'LY-REV' });

      const old = { ...SEED_HANDLING, savingsRewardRate: '0.1' };
      const revised = { ...old, effectiveFrom: '2024-07-01', feePerPersonYear: '2.00' };
      expect(await termsOn(id, '2024-06-30')).toEqual(old);
      expect(await termsOn(id, '2024-07-01')).toEqual(revised);
      expect(await termsOn(id, '2025-12-31')).toEqual(revised);
      expect(await versions(id)).toEqual([old, revised]);
      // no `on`: the clock's day, 2024-06-15, before the revision
      expect(await termsOn(id)).toEqual(old);

      // the audit trail: one row for the revision, naming the agreement and the new version
      expect(await auditCount()).toBe(auditsBefore + 1);
      const [row] = await t.db.dataSource.query<
        Array<{
          operation: string;
          ids: string[];
          role: string;
          input: { handlingTerms: { feePerPersonYear: string } };
        }>
      >(
        `SELECT operation, ids, role, input FROM audit_trail WHERE $1 = ANY(ids) ORDER BY id DESC LIMIT 1`,
        [id],
      );
      expect(row!.operation).toBe('reviseTerms');
      expect(row!.role).toBe('AGENCY');
      expect(row!.input).toMatchObject({ agreementId: id, effectiveFrom: '2024-07-01' });
      expect(Number(row!.input.handlingTerms.feePerPersonYear)).toBe(2);
      const stored: Array<{ id: string }> = await t.db.dataSource.query(
        `SELECT id FROM agreement_terms WHERE agreement_id = $1 AND effective_from = '2024-07-01'`,
        [id],
      );
      expect(stored).toHaveLength(1);
      expect([...row!.ids].sort()).toEqual([id, stored[0]!.id].sort());
    });

    it('a revision on the last day of the agreement is accepted', async () => {
      const r = await revise(id, '2025-12-31', { h: { breachDamagesRate: '0.03' } });
      expect(r.errors).toBeUndefined();
      const last = await termsOn(id, '2025-12-31');
      expect(last).toMatchObject({
        effectiveFrom: '2025-12-31',
        feePerPersonYear: '2.00',
        breachDamagesRate: '0.03',
        savingsRewardRate: '0.1',
      });
      expect((await termsOn(id, '2025-12-30')).effectiveFrom).toBe('2024-07-01');
    });

    it.each<[string, () => Parameters<typeof revise>, string, string | undefined]>([
      [
        'a second revision on the same date',
        () => [id, '2024-07-01', { h: { feePerPersonYear: '3.00' } }],
        'CONFLICT',
        'effectiveFrom',
      ],
      [
        'effectiveFrom on the agreement’s first day',
        () => [id, '2024-01-01', { h: { feePerPersonYear: '3.00' } }],
        'BAD_USER_INPUT',
        'effectiveFrom',
      ],
      [
        'effectiveFrom before the agreement’s first day',
        () => [id, '2023-12-31', { h: { feePerPersonYear: '3.00' } }],
        'BAD_USER_INPUT',
        'effectiveFrom',
      ],
      [
        'effectiveFrom after effectiveTo',
        () => [id, '2026-01-01', { h: { feePerPersonYear: '3.00' } }],
        'BAD_USER_INPUT',
        'effectiveFrom',
      ],
      [
        'an impossible date',
        () => [id, '2024-02-30', { h: { feePerPersonYear: '3.00' } }],
        'BAD_USER_INPUT',
        undefined,
      ],
      ['no terms input', () => [id, '2024-08-01', {}], 'BAD_USER_INPUT', 'handlingTerms'],
      [
        'only the terms input of another kind',
        () => [id, '2024-08-01', { ci: { riskReserveRate: '0.04' } }],
        'BAD_USER_INPUT',
        'handlingTerms',
      ],
      [
        'a terms input of another kind besides its own',
        () => [
          id,
          '2024-08-01',
          { h: { feePerPersonYear: '3.00' }, inst: { paymentWorkingDays: 20 } },
        ],
        'BAD_USER_INPUT',
        'institutionTerms',
      ],
      [
        'an invalid value',
        () => [id, '2024-08-01', { h: { manualReviewSampleRate: '1.0001' } }],
        'BAD_USER_INPUT',
        'handlingTerms.manualReviewSampleRate',
      ],
      [
        'an unknown agreement',
        () => ['00000000-0000-0000-0000-000000000000', '2024-08-01', { h: {} }],
        'NOT_FOUND',
        'agreementId',
      ],
      [
        'a garbage agreement id',
        () => ["1' OR '1'='1", '2024-08-01', { h: { feePerPersonYear: '3.00' } }],
        'NOT_FOUND',
        'agreementId',
      ],
      [
        'an agency whose regions do not cover the agreement',
        () => [id, '2024-08-01', { h: { feePerPersonYear: '3.00' } }, agency(['51'])],
        'NOT_FOUND',
        'agreementId',
      ],
      [
        'an INSURER (even party B)',
        () => [id, '2024-08-01', { h: { feePerPersonYear: '3.00' } }, insurer(ids.INS!)],
        'FORBIDDEN',
        undefined,
      ],
      [
        'REPORTING',
        () => [id, '2024-08-01', { h: { feePerPersonYear: '3.00' } }, reporting(['41'])],
        'FORBIDDEN',
        undefined,
      ],
    ])('refuses %s and stores nothing', async (_name, args, code, field) => {
      const before = [await versionCount(), await auditCount()];
      const versionsBefore = await versions(id);
      const r = await revise(...args());
      expect(r.errors?.[0]?.extensions?.code).toBe(code);
      if (field !== undefined) {
        expect(r.errors?.[0]?.extensions?.field).toBe(field);
      }
      expect(r.data ?? null).toBeNull();
      expect([await versionCount(), await auditCount()]).toEqual(before);
      expect(await versions(id)).toEqual(versionsBefore);
    });

    it('revises critical-illness and institution terms', async () => {
      const ci = ids['HN-2024']!;
      const r = await revise(ci, '2024-04-01', {
        ci: {
          preferential: {
            deductible: '5000.00',
            bands: [{ upTo: '100000.00', rate: '0.7' }, { rate: '0.8' }],
          },
        },
      });
      expect(r.errors).toBeUndefined();
      expect(await termsOn(ci, '2024-03-31')).toEqual(SEED_CRITICAL_ILLNESS);
      expect(await termsOn(ci, '2024-04-01')).toEqual({
        ...SEED_CRITICAL_ILLNESS,
        effectiveFrom: '2024-04-01',
        preferential: {
          deductible: '5000.00',
          annualCap: null,
          bands: [
            { upTo: '100000.00', rate: '0.7' },
            { upTo: null, rate: '0.8' },
          ],
        },
      });
      const bad = await revise(ci, '2024-05-01', {
        ci: { general: { deductible: '11000.00', bands: [{ upTo: '50000.00', rate: '0.6' }] } },
      });
      expect(bad.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'criticalIllnessTerms.general.bands[0].upTo',
      });

      const sn = ids['SN-2024']!;
      const ri = await revise(sn, '2024-10-01', { inst: { maxSuspensionMonths: 3 } });
      expect(ri.errors).toBeUndefined();
      expect(await termsOn(sn, '2024-10-01')).toEqual({
        ...SEED_INSTITUTION,
        effectiveFrom: '2024-10-01',
        maxSuspensionMonths: 3,
      });
      expect(await termsOn(sn, '2024-09-30')).toEqual(SEED_INSTITUTION);
    });

    it('lets only one of two simultaneous revisions on the same date through', async () => {
      const race = await agreement('LY-RACE', 'COMMISSIONED_HANDLING');
      const before = await auditCount();
      const results = await Promise.all([
        revise(race, '2024-08-01', { h: { feePerPersonYear: '2.10' } }),
        revise(race, '2024-08-01', { h: { feePerPersonYear: '2.20' } }),
      ]);
      const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      const loser = results.find((r) => r.errors)!;
      expect(loser.errors![0]!.extensions!.field).toBe('effectiveFrom');
      const winner = results.indexOf(results.find((r) => !r.errors)!);
      const listed = await versions(race);
      expect(listed.map((v) => [v.effectiveFrom, v.feePerPersonYear])).toEqual([
        ['2024-01-01', '1.50'],
        ['2024-08-01', winner === 0 ? '2.10' : '2.20'],
      ]);
      expect(await auditCount()).toBe(before + 1);
    });

    it('inserts a revision between two versions, inheriting from the one before', async () => {
      const mid = await agreement('LY-MID', 'COMMISSIONED_HANDLING');
      const sept = await revise(mid, '2024-09-01', { h: { feePerPersonYear: '3.00' } });
      expect(sept.errors).toBeUndefined();
      const septTerms = await termsOn(mid, '2024-09-01');
      expect(septTerms).toEqual({
        ...SEED_HANDLING,
        effectiveFrom: '2024-09-01',
        feePerPersonYear: '3.00',
      });

      const may = await revise(mid, '2024-05-01', { h: { savingsRewardRate: '0.2' } });
      expect(may.errors).toBeUndefined();
      const mayTerms = { ...SEED_HANDLING, effectiveFrom: '2024-05-01', savingsRewardRate: '0.2' };
      // from the 2024-01-01 version (fee 1.50), not the 2024-09-01 one (fee 3.00)
      expect(await termsOn(mid, '2024-05-01')).toEqual(mayTerms);
      expect(await termsOn(mid, '2024-08-31')).toEqual(mayTerms);
      // the later version is unchanged (its savingsRewardRate stays 0)
      expect(await termsOn(mid, '2024-09-01')).toEqual(septTerms);
      expect(await versions(mid)).toEqual([SEED_HANDLING, mayTerms, septTerms]);
      expect(await termsOn(mid, '2024-04-30')).toEqual(SEED_HANDLING);
    });
  });

  describe('the versions table', () => {
    it.each([
      ['UPDATE', `UPDATE agreement_terms SET effective_from = '2024-02-01'`],
      ['UPDATE of the document', `UPDATE agreement_terms SET terms = '{}'::jsonb`],
      ['DELETE', 'DELETE FROM agreement_terms'],
      ['TRUNCATE', 'TRUNCATE agreement_terms CASCADE'],
    ])('is refused %s by the database', async (_op, sql) => {
      const before = await versionCount();
      expect(before).toBeGreaterThan(0);
      const snapshot = await t.db.dataSource.query(
        'SELECT id, effective_from, terms FROM agreement_terms ORDER BY id',
      );
      await expect(t.db.dataSource.query(sql)).rejects.toThrow(/append-only/);
      expect(await versionCount()).toBe(before);
      expect(
        await t.db.dataSource.query(
          'SELECT id, effective_from, terms FROM agreement_terms ORDER BY id',
        ),
      ).toEqual(snapshot);
    });
  });

  describe('status, suspensions and termination', () => {
    const STATUS = `query($id: ID!) { agreement(id: $id) {
      today: status
      feb29: status(asOf: "2024-02-29") mar01: status(asOf: "2024-03-01")
      mar31: status(asOf: "2024-03-31") apr01: status(asOf: "2024-04-01")
      jun09: status(asOf: "2024-06-09") jun10: status(asOf: "2024-06-10")
      jun20: status(asOf: "2024-06-20") jun21: status(asOf: "2024-06-21")
      sep30: status(asOf: "2024-09-30") oct01: status(asOf: "2024-10-01")
      dec31: status(asOf: "2024-12-31") jan01: status(asOf: "2025-01-01")
      suspensions { startsOn endsOn reason }
      terminatedOn terminationReason
    } }`;

    const services = () => t.app.services.agreements;
    const load = async (id: string): Promise<Agreement> => {
      const a = await services().byId(id);
      expect(a).toBeInstanceOf(Agreement);
      return a!;
    };
    const suspend = async (id: string, startsOn: string, endsOn: string, reason: string) => {
      const a = await load(id);
      await t.db.dataSource.transaction((em) =>
        services().suspend(em, a, startsOn, endsOn, reason),
      );
    };
    const terminate = async (id: string, on: string, reason: string) => {
      const a = await load(id);
      await t.db.dataSource.transaction((em) => services().terminate(em, a, on, reason));
    };
    const statuses = async (id: string) => {
      const r = await t.gql<{ agreement: Record<string, unknown> }>(STATUS, { id }, agency());
      expect(r.errors).toBeUndefined();
      return r.data!.agreement;
    };

    it('is ACTIVE through the term and EXPIRED after effectiveTo when nothing happened', async () => {
      const id = await agreement('SN-PLAIN', 'DESIGNATED_INSTITUTION');
      expect(await statuses(id)).toEqual({
        today: 'ACTIVE',
        feb29: 'ACTIVE',
        mar01: 'ACTIVE',
        mar31: 'ACTIVE',
        apr01: 'ACTIVE',
        jun09: 'ACTIVE',
        jun10: 'ACTIVE',
        jun20: 'ACTIVE',
        jun21: 'ACTIVE',
        sep30: 'ACTIVE',
        oct01: 'ACTIVE',
        dec31: 'ACTIVE',
        jan01: 'EXPIRED',
        suspensions: [],
        terminatedOn: null,
        terminationReason: null,
      });
    });

    it('is SUSPENDED from the first to the last day of each suspension, TERMINATED from termination', async () => {
      const id = await agreement('SN-STATUS', 'DESIGNATED_INSTITUTION');
      // the later one first: the list is earliest first whatever the order of creation
      await suspend(id, '2024-06-10', '2024-06-20', '第二次中止');
      await suspend(id, '2024-03-01', '2024-03-31', '违约中止一个月');
      const before = await statuses(id);
      expect(before).toEqual({
        today: 'SUSPENDED', // the clock: 2024-06-15
        feb29: 'ACTIVE',
        mar01: 'SUSPENDED',
        mar31: 'SUSPENDED',
        apr01: 'ACTIVE',
        jun09: 'ACTIVE',
        jun10: 'SUSPENDED',
        jun20: 'SUSPENDED',
        jun21: 'ACTIVE',
        sep30: 'ACTIVE',
        oct01: 'ACTIVE',
        dec31: 'ACTIVE',
        jan01: 'EXPIRED',
        suspensions: [
          { startsOn: '2024-03-01', endsOn: '2024-03-31', reason: '违约中止一个月' },
          { startsOn: '2024-06-10', endsOn: '2024-06-20', reason: '第二次中止' },
        ],
        terminatedOn: null,
        terminationReason: null,
      });

      await terminate(id, '2024-10-01', '特别严重违约解除');
      const after = await statuses(id);
      expect(after).toEqual({
        ...before,
        oct01: 'TERMINATED',
        dec31: 'TERMINATED',
        jan01: 'TERMINATED', // after effectiveTo too: termination comes first
        terminatedOn: '2024-10-01',
        terminationReason: '特别严重违约解除',
      });
      const far = await t.gql<{ agreement: { status: string } }>(
        `query($id: ID!) { agreement(id: $id) { status(asOf: "2030-01-01") } }`,
        { id },
        reporting(['51']),
      );
      expect(far.data!.agreement.status).toBe('TERMINATED');

      // a later termination keeps the first date
      await terminate(id, '2024-11-01', '再次解除');
      expect(await statuses(id)).toMatchObject({
        oct01: 'TERMINATED',
        sep30: 'ACTIVE',
        terminatedOn: '2024-10-01',
        terminationReason: '特别严重违约解除',
      });
    });

    it('is TERMINATED inside a suspension once terminated', async () => {
      const id = await agreement('SN-BOTH', 'DESIGNATED_INSTITUTION');
      await suspend(id, '2024-06-01', '2024-06-30', '中止');
      await terminate(id, '2024-06-15', '解除');
      const s = await statuses(id);
      expect(s).toMatchObject({
        jun10: 'SUSPENDED',
        today: 'TERMINATED',
        jun20: 'TERMINATED',
        jun09: 'SUSPENDED',
        apr01: 'ACTIVE',
      });
    });

    it('refuses UPDATE and DELETE of a suspension in the database', async () => {
      const n = () => count('SELECT count(*) AS n FROM agreement_suspension');
      const before = await n();
      expect(before).toBeGreaterThan(0);
      await expect(
        t.db.dataSource.query(`UPDATE agreement_suspension SET ends_on = starts_on`),
      ).rejects.toThrow(/append-only/);
      await expect(t.db.dataSource.query('DELETE FROM agreement_suspension')).rejects.toThrow(
        /append-only/,
      );
      expect(await n()).toBe(before);
    });
  });

  describe('report deadlines follow the terms (Henan arts. 25–26)', () => {
    const deadlines = async (id: string) => {
      const r = await t.gql<{ reportDeadlines: { period: string; dueOn: string }[] }>(
        `query($id: ID!) { reportDeadlines(agreementId: $id, year: 2024) { period dueOn } }`,
        { id },
        agency(),
      );
      expect(r.errors).toBeUndefined();
      return new Map(r.data!.reportDeadlines.map((d) => [d.period, d.dueOn]));
    };

    it('uses the seed days by default and the agreement’s own days when its terms set them', async () => {
      const seed = await deadlines(await agreement('RD-SEED', 'CRITICAL_ILLNESS'));
      expect(seed.get('2024-01')).toBe('2024-02-05');
      expect(seed.get('2024-H1')).toBe('2024-07-15');
      expect(seed.get('2024')).toBe('2025-01-20');
      const own = await deadlines(
        await agreement('RD-OWN', 'CRITICAL_ILLNESS', {
          criticalIllnessTerms: {
            monthlyReportDueDay: 10,
            halfYearReportDue: '07-31',
            annualReportDue: '01-31',
          },
        }),
      );
      // 10 February 2024 is Spring Festival (10–17 February off); Sunday 18 February is an adjusted working day.
      expect(own.get('2024-01')).toBe('2024-02-18');
      expect(own.get('2024-H1')).toBe('2024-07-31');
      expect(own.get('2024')).toBe('2025-02-05');
    });

    it('refuses a due day that is not a day of every year', async () => {
      const r = await t.gql(
        CREATE,
        {
          i: input('RD-BAD', 'CRITICAL_ILLNESS', {
            criticalIllnessTerms: { halfYearReportDue: '02-29' },
          }),
        },
        agency(),
      );
      expect(r.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.criticalIllnessTerms.halfYearReportDue',
      });
    });
  });
});
