import type Decimal from 'decimal.js';
import { clearFund } from '../../src/domain/fund/rules/fund-clearing.rule';
import { drawSample } from '../../src/domain/handling/rules/quarterly-audit.rule';
import { Role, type Caller } from '../../src/shared/caller';
import { chinaDateOf } from '../../src/shared/clock';
import { Money } from '../../src/shared/money';
import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import {
  agency,
  insurer,
  MovableClock,
  reporting,
  startTestApp,
  type GqlResult,
  type TestApp,
} from '../helpers/test-app';

/*
 * Contract economics end to end (rules.md §4–§6, §9; runtime.md "Tokens and roles"): the handling fee statement, the
 * quarterly audit (populations, reproducible sample, verdicts, thresholds), breaches, the savings reward, staffing
 * compliance (Luoyang and Henan rule sets), the critical-illness fund (raised funds, year-end clearing, quarterly
 * appropriation), append-only history and the audit trail.
 *
 * Audit populations are claims of any agreement whose person lives in the handling agreement's covered regions, so
 * each scenario below owns its county (coveredRegions) and no other scenario puts claims there.
 */

interface Statement {
  year: number;
  quarter: number;
  insuredCountBasis: number;
  annualFee: string;
  quarterlyFee: string;
  auditDeduction: string;
  breachDamages: string;
  savingsReward: string;
  netPayable: string;
  breachCount: number;
  auditFinalized: boolean;
  agreement: { id: string };
}
interface Item {
  id: string;
  population: string;
  passed: boolean | null;
  note: string | null;
  claim: { id: string };
}
interface Audit {
  id: string;
  year: number;
  quarter: number;
  seed: string;
  sampledCount: number;
  passedCount: number;
  passRate: string | null;
  deductionRate: string | null;
  reReviewOrdered: boolean;
  finalized: boolean;
  agreement: { id: string };
  items: Item[];
}
interface Shortfall {
  rule: string;
  regionCode: string | null;
  required: number;
  actual: number;
  advisory: boolean;
}
interface Compliance {
  compliant: boolean;
  shortfalls: Shortfall[];
}
interface Clearing {
  year: number;
  provisional: boolean;
  clearedAt: string | null;
  policyLoss: boolean;
  depositReturnRatio: string;
  raisedAmount: string;
  benefitsPaid: string;
  availableToInsurer: string;
  surplus: string;
  insurerRetained: string;
  toTreasury: string;
  insurerBearsLoss: string;
  fromRiskReserve: string;
  carriedForward: string;
  riskReserve: string;
  assessmentDeposit: string;
  depositReturned: string;
  agreement: { id: string };
}
interface Appropriation {
  year: number;
  quarter: number;
  amount: string;
  dueOn: string;
  receiptDueOn: string;
  agreement: { id: string };
}
interface SubmittedClaim {
  id: string;
  settlementNumber: string;
  status: string;
  benefit: string;
  rejectionReason: string | null;
}
interface Reviewed {
  id: string;
  status: string;
  adjustments: Array<{ benefitDelta: string; createdAt: string; kind: string; appliedOn: string }>;
}

/** The tests' today: after every claim they declare (a declaration is never dated in the future, rules.md §3.4). */
const TODAY = '2024-08-01';
type Input = Record<string, unknown>;

const STATEMENT_FIELDS = `year quarter insuredCountBasis annualFee quarterlyFee auditDeduction breachDamages
  savingsReward netPayable breachCount auditFinalized agreement { id }`;
const STATEMENT = `query($a: ID!, $y: Int!, $q: Int!) {
  handlingFeeStatement(agreementId: $a, year: $y, quarter: $q) { ${STATEMENT_FIELDS} }
}`;
const RECORD_COUNT = `mutation($a: ID!, $y: Int!, $n: Int!) {
  recordInsuredCount(agreementId: $a, yearEnd: $y, count: $n) { id }
}`;
const BREACH = `mutation($a: ID!, $on: Date!, $d: String!) {
  recordHandlingBreach(agreementId: $a, occurredOn: $on, description: $d) { ${STATEMENT_FIELDS} }
}`;
const AUDIT_FIELDS = `id year quarter seed sampledCount passedCount passRate deductionRate reReviewOrdered finalized
  agreement { id } items { id population passed note claim { id } }`;
const START = `mutation($a: ID!, $y: Int!, $q: Int!, $s: String!) {
  startQuarterlyAudit(agreementId: $a, year: $y, quarter: $q, seed: $s) { ${AUDIT_FIELDS} }
}`;
const VERDICTS = `mutation($id: ID!, $v: [AuditVerdictInput!]!) {
  recordAuditVerdicts(auditId: $id, verdicts: $v) { ${AUDIT_FIELDS} }
}`;
const FINALIZE = `mutation($id: ID!) { finalizeQuarterlyAudit(auditId: $id) { ${AUDIT_FIELDS} } }`;
const GET_AUDIT = `query($id: ID!) { quarterlyAudit(id: $id) { ${AUDIT_FIELDS} } }`;
const COMPLIANCE_FIELDS = `compliant shortfalls { rule regionCode required actual advisory }`;
const STAFFING = `mutation($i: StaffingInput!) { recordStaffing(input: $i) { ${COMPLIANCE_FIELDS} } }`;
const COMPLIANCE = `query($a: ID!) { staffingCompliance(agreementId: $a) { ${COMPLIANCE_FIELDS} } }`;
const CLEARING_FIELDS = `year provisional clearedAt policyLoss depositReturnRatio raisedAmount benefitsPaid
  availableToInsurer surplus insurerRetained toTreasury insurerBearsLoss fromRiskReserve carriedForward riskReserve
  assessmentDeposit depositReturned agreement { id }`;
const RAISE = `mutation($a: ID!, $y: Int!, $m: Money!) {
  recordFundRaised(agreementId: $a, year: $y, amount: $m) { ${CLEARING_FIELDS} }
}`;
const CLEAR = `mutation($a: ID!, $y: Int!, $p: Boolean!, $r: Decimal!) {
  clearFundYear(agreementId: $a, year: $y, policyLoss: $p, depositReturnRatio: $r) { ${CLEARING_FIELDS} }
}`;
const CLEARING = `query($a: ID!, $y: Int!) { fundClearing(agreementId: $a, year: $y) { ${CLEARING_FIELDS} } }`;
const APPROPRIATION = `query($a: ID!, $y: Int!, $q: Int!, $on: Date) {
  fundAppropriation(agreementId: $a, year: $y, quarter: $q, arrivedOn: $on) {
    year quarter amount dueOn receiptDueOn agreement { id }
  }
}`;
const ADD_WORKING_DAYS = `query($d: Date!, $n: Int!) { addWorkingDays(date: $d, days: $n) }`;
const FUND_TERMS = `query($id: ID!) { agreement(id: $id) { terms(on: "2024-01-01") {
  ... on CriticalIllnessTerms { riskReserveRate assessmentDepositRate profitCapRate }
} } }`;
const SUBMIT_MANY = `mutation($is: [SubmitClaimInput!]!) {
  submitClaims(inputs: $is) {
    claims { id settlementNumber status benefit rejectionReason }
    errors { index code field message }
  }
}`;
const REVIEW = `mutation($id: ID!, $x: Money!, $r: String!, $on: Date) {
  reviewClaim(claimId: $id, nonCompliantAmount: $x, reason: $r, reviewedOn: $on) {
    id status adjustments { benefitDelta createdAt kind appliedOn }
  }
}`;
const REVERSE = `mutation($id: ID!, $r: String!) {
  reverseClaim(claimId: $id, reason: $r) { id status adjustments { benefitDelta createdAt kind } }
}`;
const CREATE_ORG = `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`;
const CREATE_AGREEMENT = `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`;
const CLAIM_BRIEF = `query($id: ID!) { claim(id: $id) { id settlementNumber benefit } }`;

const institutionUser = (org: string): Caller => ({
  sub: 'test-institution',
  role: Role.INSTITUTION,
  org,
  regions: ['41'],
});

const money = (x: Decimal.Value): string => new Money(x).toFixed(2);
const sumMoney = (values: readonly Decimal.Value[]): string =>
  money(values.reduce<Decimal>((s, v) => s.plus(v), new Money(0)));
const sorted = (xs: readonly string[]): string[] => [...xs].sort();

/** The quarter (year, 1–4) of an instant in China Standard Time. */
const chinaQuarterOf = (instant: Date): { year: number; quarter: number } => {
  const day = chinaDateOf(instant);
  return { year: Number(day.slice(0, 4)), quarter: Math.ceil(Number(day.slice(5, 7)) / 3) };
};

describe('contract economics (rules.md §4–§6, §9)', () => {
  let t: TestApp;
  let w: ClaimWorld;
  let otherInsurerId: string;
  let undesignatedHospitalId: string;
  /** Today is TODAY, but for the few steps a test dates later (an event is never dated ahead, rules.md §3.4). */
  const clock = new MovableClock(TODAY);
  let serial = 0;
  /** A code or settlement number never used before in this file. */
  const sn = (prefix = 'E'): string => `${prefix}-${++serial}`;

  const ok = <T>(r: GqlResult<T>): T => {
    if (r.errors?.length || !r.data) {
      throw new Error(`operation failed: ${JSON.stringify(r.errors)}`);
    }
    return r.data;
  };
  /** The single error of a refused operation, as { code, field }. */
  const refusal = (r: GqlResult): { code: unknown; field: unknown } => {
    expect(r.errors).toHaveLength(1);
    const e = r.errors![0]!;
    return { code: e.extensions?.code, field: e.extensions?.field };
  };
  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const rows: Array<{ n: string | number }> = await t.db.dataSource.query(sql, params);
    return Number(rows[0]!.n);
  };
  const auditRows = (): Promise<number> => count('SELECT count(*) AS n FROM audit_trail');
  const lastAuditRow = async (): Promise<{ operation: string; ids: string[]; role: string }> => {
    const rows: Array<{ operation: string; ids: string[]; role: string }> =
      await t.db.dataSource.query(
        'SELECT operation, ids, role FROM audit_trail ORDER BY id DESC LIMIT 1',
      );
    return rows[0]!;
  };

  const createOrg = async (kind: string, regionCode = '410000'): Promise<string> => {
    const code = sn('ORG');
    return ok(
      await t.gql<{ createOrganization: { id: string } }>(
        CREATE_ORG,
        { i: { code, name: code, kind, regionCode } },
        agency(),
      ),
    ).createOrganization.id;
  };
  const createAgreement = async (input: Input): Promise<string> => {
    const code = sn('AGR');
    return ok(
      await t.gql<{ createAgreement: { id: string } }>(
        CREATE_AGREEMENT,
        {
          i: {
            code,
            title: code,
            partyAId: w.agencyId,
            partyBId: w.insurerId,
            ...input,
          },
        },
        agency(),
      ),
    ).createAgreement.id;
  };
  /** A COMMISSIONED_HANDLING agreement of Luoyang (410300), 2024-01-01..2025-12-31, unless told otherwise. */
  const handlingAgreement = (over: Input = {}): Promise<string> =>
    createAgreement({
      kind: 'COMMISSIONED_HANDLING',
      regionCode: '410300',
      effectiveFrom: '2024-01-01',
      effectiveTo: '2025-12-31',
      ...over,
    });
  /** A CRITICAL_ILLNESS agreement of Henan for 2024, unless told otherwise. */
  const criticalIllnessAgreement = (over: Input = {}): Promise<string> =>
    createAgreement({
      kind: 'CRITICAL_ILLNESS',
      regionCode: '410000',
      effectiveFrom: '2024-01-01',
      effectiveTo: '2024-12-31',
      ...over,
    });

  const recordCount = async (agreementId: string, yearEnd: number, n: number): Promise<void> => {
    ok(await t.gql(RECORD_COUNT, { a: agreementId, y: yearEnd, n }, agency()));
  };
  const statementResult = (agreementId: string, year: number, quarter: number, user = agency()) =>
    t.gql<{ handlingFeeStatement: Statement }>(
      STATEMENT,
      { a: agreementId, y: year, q: quarter },
      user,
    );
  const statement = async (agreementId: string, year: number, quarter: number, user = agency()) =>
    ok(await statementResult(agreementId, year, quarter, user)).handlingFeeStatement;

  const startAudit = async (agreementId: string, year: number, quarter: number, seed: string) =>
    ok(
      await t.gql<{ startQuarterlyAudit: Audit }>(
        START,
        { a: agreementId, y: year, q: quarter, s: seed },
        agency(),
      ),
    ).startQuarterlyAudit;
  const verdicts = (auditId: string, v: Input[], user = agency()) =>
    t.gql<{ recordAuditVerdicts: Audit }>(VERDICTS, { id: auditId, v }, user);
  const finalize = (auditId: string, user = agency()) =>
    t.gql<{ finalizeQuarterlyAudit: Audit }>(FINALIZE, { id: auditId }, user);
  const getAudit = (id: string, user?: Caller) =>
    t.gql<{ quarterlyAudit: Audit | null }>(GET_AUDIT, { id }, user);

  /** Submits a batch; every input must be accepted. Answers the claims in input order. */
  const submitAll = async (inputs: Input[]): Promise<SubmittedClaim[]> => {
    const res = ok(
      await t.gql<{ submitClaims: { claims: SubmittedClaim[]; errors: unknown[] } }>(
        SUBMIT_MANY,
        { is: inputs },
        agency(),
      ),
    ).submitClaims;
    expect(res.errors).toEqual([]);
    const bySn = new Map(res.claims.map((c) => [c.settlementNumber, c]));
    return inputs.map((i) => bySn.get(String(i.settlementNumber))!);
  };
  /** A claim discharged (and declared) on `day`, on the world's critical-illness agreement unless told otherwise. */
  const claimOn = (
    personId: string,
    day: string,
    channel: 'MANUAL' | 'DIRECT' = 'MANUAL',
    eligible = '1000.00',
    over: Input = {},
  ): Input =>
    claimInput(w, personId, sn('S'), eligible, {
      channel,
      admissionDate: day,
      dischargeDate: day,
      declaredOn: day,
      ...over,
    });
  const review = async (claimId: string, x: string, on?: string): Promise<Reviewed> =>
    ok(
      await t.gql<{ reviewClaim: Reviewed }>(
        REVIEW,
        { id: claimId, x, r: 'quarterly review', on },
        agency(),
      ),
    ).reviewClaim;
  const addWorkingDays = async (date: string, n: number): Promise<string> =>
    ok(await t.gql<{ addWorkingDays: string }>(ADD_WORKING_DAYS, { d: date, n }, agency()))
      .addWorkingDays;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    w = await claimWorld(t, 'EC');
    otherInsurerId = await createOrg('INSURER');
    undesignatedHospitalId = await createOrg('MEDICAL_INSTITUTION', '410300');
  });
  afterAll(() => t?.close());

  // ------------------------------------------------------------------ 1. handling fee (rules.md §5, §9)

  describe('handling fee statement', () => {
    let h: string;
    beforeAll(async () => {
      h = await handlingAgreement();
      await recordCount(h, 2023, 4_800_003);
    });

    it.each([
      [1, '1800001.13'],
      [2, '1800001.13'],
      [3, '1800001.13'],
      [4, '1800001.11'],
    ])(
      '4 800 003 insured at the end of 2023: 2024 Q%i fee %s of 7 200 004.50',
      async (quarter, fee) => {
        expect(await statement(h, 2024, quarter)).toEqual({
          year: 2024,
          quarter,
          insuredCountBasis: 4_800_003,
          annualFee: '7200004.50',
          quarterlyFee: fee,
          auditDeduction: '0.00',
          breachDamages: '0.00',
          savingsReward: '0.00',
          netPayable: fee,
          breachCount: 0,
          auditFinalized: false,
          agreement: { id: h },
        });
      },
    );

    it('the four quarterly fees sum to the annual fee', async () => {
      const quarters = await Promise.all([1, 2, 3, 4].map((q) => statement(h, 2024, q)));
      expect(sumMoney(quarters.map((s) => s.quarterlyFee))).toBe('7200004.50');
      expect(new Set(quarters.map((s) => s.annualFee))).toEqual(new Set(['7200004.50']));
    });

    it('without a count at the end of 2024, 2025 is BAD_USER_INPUT on year, saying so', async () => {
      const r = await statementResult(h, 2025, 1);
      expect(r.data).toBeNull();
      expect(refusal(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'year' });
      expect(r.errors![0]!.message).toMatch(/insured count/i);
      expect(r.errors![0]!.message).toContain('2024');
    });

    it('a later recordInsuredCount corrects the basis (the latest wins; each is kept)', async () => {
      const steps: Array<[number, string, string, string]> = [
        // count, annual, Q1–Q3, Q4
        [100, '150.00', '37.50', '37.50'],
        [1_000_001, '1500001.50', '375000.38', '375000.36'],
        [0, '0.00', '0.00', '0.00'],
      ];
      for (const [n, annual, q13, q4] of steps) {
        await recordCount(h, 2024, n);
        const quarters = await Promise.all([1, 2, 3, 4].map((q) => statement(h, 2025, q)));
        expect(quarters.map((s) => [s.insuredCountBasis, s.annualFee, s.quarterlyFee])).toEqual([
          [n, annual, q13],
          [n, annual, q13],
          [n, annual, q13],
          [n, annual, q4],
        ]);
        expect(sumMoney(quarters.map((s) => s.quarterlyFee))).toBe(annual);
      }
      expect(
        await count(
          'SELECT count(*) AS n FROM insured_count WHERE agreement_id = $1 AND year_end = 2024',
          [h],
        ),
      ).toBe(steps.length);
      // The 2024 statements still stand on the 2023 count.
      expect((await statement(h, 2024, 1)).insuredCountBasis).toBe(4_800_003);
    });

    it.each([
      ['quarter 0', 2024, 0, 'quarter'],
      ['quarter 5', 2024, 5, 'quarter'],
      ['quarter −1', 2024, -1, 'quarter'],
      ['2023 Q4, before the agreement’s term', 2023, 4, 'quarter'],
      ['2026 Q1, after the agreement’s term', 2026, 1, 'quarter'],
      ['a year of five digits', 20240, 1, 'year'],
    ])('%s → BAD_USER_INPUT', async (_name, year, quarter, field) => {
      const r = await statementResult(h, year, quarter);
      expect(r.data).toBeNull();
      expect(refusal(r)).toEqual({ code: 'BAD_USER_INPUT', field });
    });

    it('a CRITICAL_ILLNESS or DESIGNATED_INSTITUTION agreement → BAD_USER_INPUT on agreementId', async () => {
      for (const id of [w.agreementId, w.designationId]) {
        expect(refusal(await statementResult(id, 2024, 1))).toEqual({
          code: 'BAD_USER_INPUT',
          field: 'agreementId',
        });
      }
    });

    it('an unknown agreement → NOT_FOUND', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
        expect(refusal(await statementResult(id, 2024, 1)).code).toBe('NOT_FOUND');
      }
    });

    it.each([
      ['AGENCY in 4103', 'ok', () => agency(['4103'])],
      ['REPORTING in 41', 'ok', () => reporting(['41'])],
      ['the INSURER that is party B', 'ok', () => insurer(w.insurerId, ['41'])],
      ['AGENCY in 51', 'NOT_FOUND', () => agency(['51'])],
      ['REPORTING in 51', 'NOT_FOUND', () => reporting(['51'])],
      ['another INSURER', 'NOT_FOUND', () => insurer(otherInsurerId, ['41'])],
      ['an INSTITUTION', 'FORBIDDEN', () => institutionUser(w.hospitalId)],
      ['nobody', 'UNAUTHENTICATED', () => undefined],
    ])('the statement for %s: %s', async (_name, outcome, who) => {
      const r = await t.gql<{ handlingFeeStatement: Statement }>(
        STATEMENT,
        { a: h, y: 2024, q: 1 },
        who(),
      );
      if (outcome === 'ok') {
        expect(ok(r).handlingFeeStatement.quarterlyFee).toBe('1800001.13');
      } else {
        expect(r.data).toBeNull();
        expect(refusal(r).code).toBe(outcome);
      }
    });

    it.each([
      ['an INSURER', () => insurer(w.insurerId), 'H', 2023, 1, 'FORBIDDEN', undefined],
      ['REPORTING', () => reporting(), 'H', 2023, 1, 'FORBIDDEN', undefined],
      ['AGENCY in 51', () => agency(['51']), 'H', 2023, 1, 'NOT_FOUND', 'agreementId'],
      ['a negative count', () => agency(), 'H', 2023, -1, 'BAD_USER_INPUT', 'count'],
      ['a five-digit year', () => agency(), 'H', 20231, 1, 'BAD_USER_INPUT', 'yearEnd'],
      [
        'a CRITICAL_ILLNESS agreement',
        () => agency(),
        'CI',
        2023,
        1,
        'BAD_USER_INPUT',
        'agreementId',
      ],
    ])(
      'recordInsuredCount by/with %s is refused, nothing stored',
      async (_name, who, agreement, yearEnd, n, code, field) => {
        const id = agreement === 'CI' ? w.agreementId : h;
        const before = await count('SELECT count(*) AS n FROM insured_count');
        const audits = await auditRows();
        const r = await t.gql(RECORD_COUNT, { a: id, y: yearEnd, n }, who());
        expect(r.data).toBeNull();
        const e = refusal(r);
        expect(e.code).toBe(code);
        if (field) {
          expect(e.field).toBe(field);
        }
        expect(await count('SELECT count(*) AS n FROM insured_count')).toBe(before);
        expect(await auditRows()).toBe(audits);
        expect((await statement(h, 2024, 1)).insuredCountBasis).toBe(4_800_003);
      },
    );
  });

  // ------------------------------------------------------------------ 2. audit populations and the sample

  describe('quarterly audit: populations and a reproducible sample', () => {
    /** Covers 410302 with the contract's rates (10% of MANUAL, 5% of reviewed). */
    let hPop: string;
    const manual: string[] = [];
    const reviewed: string[] = [];
    const excluded: Record<string, string> = {};
    let audit: Audit;

    beforeAll(async () => {
      hPop = await handlingAgreement({ coveredRegions: ['410302'] });
      const persons = [
        await w.person('NONE', '2024-01-01', '410302'),
        await w.person('NONE', '2024-01-01', '410302'),
        await w.person('NONE', '2024-01-01', '410302'),
      ];
      const elsewhere = await w.person('NONE', '2024-01-01', '410303'); // Luoyang, not covered
      const zhengzhou = await w.person('NONE', '2024-01-01', '410102');
      const days = ['2024-04-01', '2024-04-15', '2024-05-10', '2024-05-31', '2024-06-12'];
      const q2Manual = Array.from({ length: 27 }, (_, i) =>
        claimOn(persons[i % 3]!, i === 26 ? '2024-06-30' : days[i % days.length]!),
      );
      const q2Direct = Array.from({ length: 4 }, (_, i) =>
        claimOn(persons[i % 3]!, days[i]!, 'DIRECT'),
      );
      const outside = {
        manualBeforeQuarter: claimOn(persons[0]!, '2024-03-31'),
        manualAfterQuarter: claimOn(persons[1]!, '2024-07-01'),
        reviewedBeforeQuarter: claimOn(persons[2]!, '2024-03-31', 'DIRECT'),
        rejectedManual: claimOn(persons[0]!, '2024-05-20', 'MANUAL', '1000.00', {
          institutionId: undesignatedHospitalId,
        }),
        manualOtherCounty: claimOn(elsewhere, '2024-05-20'),
        reviewedOtherCounty: claimOn(elsewhere, '2024-05-21', 'DIRECT'),
        manualOtherCity: claimOn(zhengzhou, '2024-05-20'),
        reviewedOtherCity: claimOn(zhengzhou, '2024-05-21', 'DIRECT'),
      };
      const keys = Object.keys(outside) as Array<keyof typeof outside>;
      const claims = await submitAll([...q2Manual, ...q2Direct, ...keys.map((k) => outside[k])]);
      const m = claims.slice(0, 27);
      const d = claims.slice(27, 31);
      const o = claims.slice(31);
      keys.forEach((k, i) => (excluded[k] = o[i]!.id));
      expect(o[keys.indexOf('rejectedManual')]).toMatchObject({
        status: 'REJECTED',
        rejectionReason: 'NOT_DESIGNATED',
      });
      manual.push(...m.map((c) => c.id));
      // Seven reviewed claims in the quarter: three MANUAL, four DIRECT; a review that found nothing counts.
      const toReview: Array<[string, string]> = [
        [m[0]!.id, '0'],
        [m[5]!.id, '100.00'],
        [m[26]!.id, '0'],
        [d[0]!.id, '0'],
        [d[1]!.id, '50.00'],
        [d[2]!.id, '0'],
        [d[3]!.id, '0'],
      ];
      for (const [id, x] of toReview) {
        await review(id, x);
        reviewed.push(id);
      }
      for (const k of [
        'reviewedBeforeQuarter',
        'reviewedOtherCounty',
        'reviewedOtherCity',
        'manualOtherCity',
      ] as const) {
        await review(excluded[k]!, '0');
      }
    });

    it('the populations in the database are as built (SQL, independent of the service)', async () => {
      const ids = async (sql: string): Promise<string[]> =>
        sorted(
          (
            await t.db.dataSource.query<Array<{ id: string }>>(
              `SELECT c.id FROM claim c
                WHERE c.discharge_date BETWEEN '2024-04-01' AND '2024-06-30'
                  AND c.region_code LIKE '410302%' AND ${sql}`,
            )
          ).map((r) => r.id),
        );
      expect(await ids(`c.channel = 'MANUAL' AND c.status <> 'REJECTED'`)).toEqual(sorted(manual));
      expect(
        await ids(
          `EXISTS (SELECT 1 FROM ledger_entry e WHERE e.claim_id = c.id AND e.kind = 'REVIEW')`,
        ),
      ).toEqual(sorted(reviewed));
    });

    it('27 MANUAL → 3 sampled, 7 reviewed → 1, drawn as HMAC(seed, claim id) orders them', async () => {
      const audits = await auditRows();
      audit = await startAudit(hPop, 2024, 2, 's');
      expect(audit).toMatchObject({
        year: 2024,
        quarter: 2,
        seed: 's',
        sampledCount: 4,
        passedCount: 0,
        passRate: null,
        deductionRate: null,
        reReviewOrdered: false,
        finalized: false,
        agreement: { id: hPop },
      });
      expect(audit.items.map((i) => [i.population, i.claim.id])).toEqual([
        ...drawSample('s', manual, 3).map((id) => ['MANUAL_SETTLEMENT', id]),
        ...drawSample('s', reviewed, 1).map((id) => ['REVIEWED', id]),
      ]);
      expect(audit.items.every((i) => i.passed === null && i.note === null)).toBe(true);
      expect(await auditRows()).toBe(audits + 1);
      expect(await lastAuditRow()).toMatchObject({ operation: 'startQuarterlyAudit' });
      expect((await lastAuditRow()).ids).toEqual(expect.arrayContaining([hPop, audit.id]));
    });

    it.each(['s', 'another seed'])(
      'starting the quarter again (seed %j) answers the same audit and items',
      async (seed) => {
        const audits = await auditRows();
        const itemRows = await count('SELECT count(*) AS n FROM audit_item');
        const again = await startAudit(hPop, 2024, 2, seed);
        expect(again).toEqual(audit);
        expect(await auditRows()).toBe(audits);
        expect(await count('SELECT count(*) AS n FROM audit_item')).toBe(itemRows);
        expect(
          await count(
            'SELECT count(*) AS n FROM quarterly_audit WHERE agreement_id = $1 AND year = 2024 AND quarter = 2',
            [hPop],
          ),
        ).toBe(1);
      },
    );

    it('the same seed over the same data draws the same claims; another seed draws as drawSample says', async () => {
      const twin = await startAudit(
        await handlingAgreement({ coveredRegions: ['410302'] }),
        2024,
        2,
        's',
      );
      expect(twin.id).not.toBe(audit.id);
      expect(twin.items.map((i) => [i.population, i.claim.id])).toEqual(
        audit.items.map((i) => [i.population, i.claim.id]),
      );
      expect(new Set(twin.items.map((i) => i.id)).size).toBe(4);
      expect(twin.items.some((i) => audit.items.some((a) => a.id === i.id))).toBe(false);

      const other = await startAudit(
        await handlingAgreement({ coveredRegions: ['410302'] }),
        2024,
        2,
        'quarterly-2024-Q2',
      );
      expect(other.items.map((i) => [i.population, i.claim.id])).toEqual([
        ...drawSample('quarterly-2024-Q2', manual, 3).map((id) => ['MANUAL_SETTLEMENT', id]),
        ...drawSample('quarterly-2024-Q2', reviewed, 1).map((id) => ['REVIEWED', id]),
      ]);
    });

    it('at rate 1 every claim of each population is sampled: other quarters, REJECTED claims and uncovered regions are not in it', async () => {
      const all = await startAudit(
        await handlingAgreement({
          coveredRegions: ['410302'],
          handlingTerms: { manualSettlementSampleRate: '1', manualReviewSampleRate: '1' },
        }),
        2024,
        2,
        's',
      );
      const of = (population: string) =>
        all.items.filter((i) => i.population === population).map((i) => i.claim.id);
      expect(all.sampledCount).toBe(27 + 7);
      expect(of('MANUAL_SETTLEMENT')).toEqual(drawSample('s', manual, 27));
      expect(of('REVIEWED')).toEqual(drawSample('s', reviewed, 7));
      const sampled = new Set(all.items.map((i) => i.claim.id));
      for (const [name, id] of Object.entries(excluded)) {
        expect([name, sampled.has(id)]).toEqual([name, false]);
      }
    });

    it('a quarter with no claims samples nothing', async () => {
      const empty = await startAudit(hPop, 2024, 4, 's');
      expect(empty).toMatchObject({ sampledCount: 0, items: [], passRate: null });
    });

    it.each([
      ['quarter 5', { q: 5 }, 'BAD_USER_INPUT', 'quarter'],
      ['quarter 0', { q: 0 }, 'BAD_USER_INPUT', 'quarter'],
      ['a quarter outside the term', { y: 2026, q: 1 }, 'BAD_USER_INPUT', 'quarter'],
      ['an empty seed', { s: '' }, 'BAD_USER_INPUT', 'seed'],
      ['a CRITICAL_ILLNESS agreement', { a: 'CI' }, 'BAD_USER_INPUT', 'agreementId'],
      ['an unknown agreement', { a: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', null],
      ['AGENCY in 51', { user: 'agency51' }, 'NOT_FOUND', null],
      ['an INSURER', { user: 'insurer' }, 'FORBIDDEN', null],
      ['REPORTING', { user: 'reporting' }, 'FORBIDDEN', null],
    ])(
      'startQuarterlyAudit with %s is refused, nothing stored',
      async (_name, over: Input, code, field) => {
        const audits = await count('SELECT count(*) AS n FROM quarterly_audit');
        const trail = await auditRows();
        const user =
          over.user === 'agency51'
            ? agency(['51'])
            : over.user === 'insurer'
              ? insurer(w.insurerId)
              : over.user === 'reporting'
                ? reporting()
                : agency();
        const fresh = await handlingAgreement({ coveredRegions: ['410302'] });
        const r = await t.gql(
          START,
          {
            a: over.a === 'CI' ? w.agreementId : (over.a ?? fresh),
            y: over.y ?? 2024,
            q: over.q ?? 2,
            s: over.s ?? 's',
          },
          user,
        );
        expect(r.data).toBeNull();
        const e = refusal(r);
        expect(e.code).toBe(code);
        if (field) {
          expect(e.field).toBe(field);
        }
        expect(await count('SELECT count(*) AS n FROM quarterly_audit')).toBe(audits);
        expect(await auditRows()).toBe(trail + 1); // the fresh agreement's creation only
      },
    );
  });

  // ------------------------------------------------------------------ 3. verdicts, finalizing, thresholds

  describe('quarterly audit: verdicts, finalizing and the fee deduction', () => {
    /** A handling agreement sampling every MANUAL claim of `region`, with `n` MANUAL claims there in 2024 Q2. */
    const everyManual = async (region: string, n: number): Promise<string> => {
      const id = await handlingAgreement({
        coveredRegions: [region],
        handlingTerms: { manualSettlementSampleRate: '1' },
      });
      await recordCount(id, 2023, 4_800_003);
      if (n > 0) {
        const person = await w.person('NONE', '2024-01-01', region);
        await submitAll(
          Array.from({ length: n }, (_, i) => claimOn(person, i % 2 ? '2024-05-15' : '2024-04-20')),
        );
      }
      return id;
    };
    let h12: string;
    let audit12: Audit;
    /** By "passed/sampled": an agreement whose Q2 sample is `sampled` MANUAL claims, and its started audit. */
    let threshold: Record<string, { agreementId: string; audit: Audit }>;
    let emptyAgreement: string;

    beforeAll(async () => {
      h12 = await everyManual('410305', 12);
      audit12 = await startAudit(h12, 2024, 2, 'worked-example');
      threshold = {};
      for (const [key, sampled, region] of [
        ['9/10', 10, '410304'],
        ['8/10', 10, '410324'],
        ['7/10', 10, '410307'],
        ['2/3', 3, '410308'],
      ] as const) {
        const agreementId = await everyManual(region, sampled);
        threshold[key] = { agreementId, audit: await startAudit(agreementId, 2024, 2, 'x') };
      }
      emptyAgreement = await everyManual('410329', 0);
    });

    it('samples all 12 MANUAL claims; nothing deducted before finalizing', async () => {
      expect(audit12.sampledCount).toBe(12);
      expect(audit12.items.map((i) => i.population)).toEqual(Array(12).fill('MANUAL_SETTLEMENT'));
      expect(await statement(h12, 2024, 2)).toMatchObject({
        auditDeduction: '0.00',
        netPayable: '1800001.13',
        auditFinalized: false,
      });
    });

    it.each([
      [
        'an item of another audit',
        () => [threshold['9/10']!.audit.items[0]!.id],
        'verdicts[0].itemId',
      ],
      ['an unknown item', () => ['00000000-0000-4000-8000-000000000000'], 'verdicts[0].itemId'],
      ['an item id that is not an id', () => ['nope'], 'verdicts[0].itemId'],
      [
        'the same item twice',
        () => [audit12.items[0]!.id, audit12.items[0]!.id],
        'verdicts[1].itemId',
      ],
      [
        'a valid item, then one of another audit',
        () => [audit12.items[0]!.id, threshold['8/10']!.audit.items[0]!.id],
        'verdicts[1].itemId',
      ],
    ])('refuses %s: BAD_USER_INPUT, nothing stored', async (_name, ids, field) => {
      const trail = await auditRows();
      const r = await verdicts(
        audit12.id,
        ids().map((itemId) => ({ itemId, passed: true })),
      );
      expect(r.data).toBeNull();
      expect(refusal(r)).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(await auditRows()).toBe(trail);
      expect(
        await count(
          'SELECT count(*) AS n FROM audit_item WHERE passed IS NOT NULL AND audit_id = $1',
          [audit12.id],
        ),
      ).toBe(0);
    });

    it('refuses verdicts from callers that may not record them', async () => {
      const v = [{ itemId: audit12.items[0]!.id, passed: true }];
      expect(refusal(await verdicts(audit12.id, v, insurer(w.insurerId))).code).toBe('FORBIDDEN');
      expect(refusal(await verdicts(audit12.id, v, reporting())).code).toBe('FORBIDDEN');
      expect(refusal(await verdicts(audit12.id, v, agency(['51']))).code).toBe('NOT_FOUND');
      expect(refusal(await verdicts('00000000-0000-4000-8000-000000000000', v)).code).toBe(
        'NOT_FOUND',
      );
    });

    it('refuses to finalize while items have no verdict (BAD_USER_INPUT), and records verdicts given', async () => {
      const first = audit12.items.slice(0, 5);
      const trail = await auditRows();
      const after = ok(
        await verdicts(
          audit12.id,
          first.map((i, k) => ({
            itemId: i.id,
            passed: k !== 0,
            note: k === 0 ? 'wrong band' : null,
          })),
        ),
      ).recordAuditVerdicts;
      expect(await auditRows()).toBe(trail + 1);
      expect(await lastAuditRow()).toMatchObject({ operation: 'recordAuditVerdicts' });
      expect(after.items.slice(0, 5).map((i) => [i.passed, i.note])).toEqual([
        [false, 'wrong band'],
        [true, null],
        [true, null],
        [true, null],
        [true, null],
      ]);
      expect(after.items.slice(5).every((i) => i.passed === null)).toBe(true);
      expect(after.finalized).toBe(false);

      const r = await finalize(audit12.id);
      expect(r.data).toBeNull();
      expect(refusal(r).code).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.message).toContain('7');
      expect(await auditRows()).toBe(trail + 1);
      expect(ok(await getAudit(audit12.id, agency())).quarterlyAudit).toMatchObject({
        finalized: false,
        passRate: null,
        deductionRate: null,
      });
    });

    it('a verdict may change before finalizing', async () => {
      const item = audit12.items[0]!;
      await verdicts(audit12.id, [{ itemId: item.id, passed: true }]);
      let a = ok(await getAudit(audit12.id, agency())).quarterlyAudit!;
      expect(a.items[0]).toMatchObject({ passed: true, note: null });
      await verdicts(audit12.id, [{ itemId: item.id, passed: false, note: 'second look' }]);
      a = ok(await getAudit(audit12.id, agency())).quarterlyAudit!;
      expect(a.items[0]).toMatchObject({ passed: false, note: 'second look' });
    });

    it('12 sampled, 10 passed: pass rate 0.8333 deducts 2% — 36 000.02 of Q2, net 1 764 001.11 (§9)', async () => {
      // Items 0 (failed) and 1..4 (passed) are judged; of the other seven, one fails.
      const rest = audit12.items.slice(5);
      ok(
        await verdicts(
          audit12.id,
          rest.map((i, k) => ({ itemId: i.id, passed: k !== 3 })),
        ),
      );
      const trail = await auditRows();
      const done = ok(await finalize(audit12.id)).finalizeQuarterlyAudit;
      expect(done).toMatchObject({
        sampledCount: 12,
        passedCount: 10,
        passRate: '0.8333',
        deductionRate: '0.02',
        reReviewOrdered: false,
        finalized: true,
      });
      expect(await auditRows()).toBe(trail + 1);
      expect(await lastAuditRow()).toMatchObject({ operation: 'finalizeQuarterlyAudit' });
      expect(await statement(h12, 2024, 2)).toMatchObject({
        quarterlyFee: '1800001.13',
        auditDeduction: '36000.02',
        breachDamages: '0.00',
        savingsReward: '0.00',
        netPayable: '1764001.11',
        auditFinalized: true,
      });
      // Another quarter is untouched.
      expect(await statement(h12, 2024, 3)).toMatchObject({
        auditDeduction: '0.00',
        netPayable: '1800001.13',
      });
    });

    it('after finalizing: verdicts are refused, finalizing again answers the audit unchanged', async () => {
      const before = ok(await getAudit(audit12.id, agency())).quarterlyAudit!;
      const trail = await auditRows();
      const r = await verdicts(audit12.id, [{ itemId: audit12.items[0]!.id, passed: true }]);
      expect(r.data).toBeNull();
      expect(refusal(r).code).toBe('BAD_USER_INPUT');
      const again = ok(await finalize(audit12.id)).finalizeQuarterlyAudit;
      expect(again).toEqual(before);
      expect(ok(await getAudit(audit12.id, agency())).quarterlyAudit).toEqual(before);
      expect((await statement(h12, 2024, 2)).netPayable).toBe('1764001.11');
      expect(await auditRows()).toBe(trail);
    });

    it.each([
      // passed, sampled, pass rate (4 decimals, half-up), deduction rate, re-review, deduction, net (Q2 fee 1 800 001.13)
      [9, 10, '0.9000', '0', false, '0.00', '1800001.13'], // exactly 90%: nothing
      [8, 10, '0.8000', '0.02', false, '36000.02', '1764001.11'], // exactly 80%: 2%
      [7, 10, '0.7000', '0.05', true, '90000.06', '1710001.07'], // 5% of 1 800 001.13 = 90 000.0565
      [2, 3, '0.6667', '0.05', true, '90000.06', '1710001.07'],
    ])(
      '%i of %i passed: pass rate %s, deduction rate %s, re-review %s; deduction %s, net %s',
      async (passed, sampled, passRate, deductionRate, reReview, deduction, net) => {
        const { agreementId, audit } = threshold[`${passed}/${sampled}`]!;
        expect(audit.sampledCount).toBe(sampled);
        ok(
          await verdicts(
            audit.id,
            audit.items.map((i, k) => ({ itemId: i.id, passed: k < passed })),
          ),
        );
        expect(ok(await finalize(audit.id)).finalizeQuarterlyAudit).toMatchObject({
          sampledCount: sampled,
          passedCount: passed,
          passRate,
          deductionRate,
          reReviewOrdered: reReview,
          finalized: true,
        });
        expect(await statement(agreementId, 2024, 2)).toMatchObject({
          auditDeduction: deduction,
          netPayable: net,
          auditFinalized: true,
        });
      },
    );

    it('an empty sample finalizes with no pass rate and no deduction', async () => {
      const audit = await startAudit(emptyAgreement, 2024, 2, 'x');
      expect(audit).toMatchObject({ sampledCount: 0, items: [] });
      const done = ok(await finalize(audit.id)).finalizeQuarterlyAudit;
      expect(done).toMatchObject({
        sampledCount: 0,
        passedCount: 0,
        passRate: null,
        reReviewOrdered: false,
        finalized: true,
      });
      expect([null, '0']).toContain(done.deductionRate);
      expect(await statement(emptyAgreement, 2024, 2)).toMatchObject({
        auditDeduction: '0.00',
        netPayable: '1800001.13',
        auditFinalized: true,
      });
    });

    it.each([
      ['AGENCY in 41', 'visible', () => agency(['41'])],
      ['AGENCY in 4103', 'visible', () => agency(['4103'])],
      ['REPORTING in 41', 'visible', () => reporting(['41'])],
      ['REPORTING in 4103', 'visible', () => reporting(['4103'])],
      ['the INSURER that is party B', 'visible', () => insurer(w.insurerId, ['41'])],
      ['AGENCY in 51', 'null', () => agency(['51'])],
      ['REPORTING in 51', 'null', () => reporting(['51'])],
      ['another INSURER', 'null', () => insurer(otherInsurerId, ['41'])],
      ['an INSTITUTION', 'FORBIDDEN', () => institutionUser(w.hospitalId)],
      ['nobody', 'UNAUTHENTICATED', () => undefined],
    ])('quarterlyAudit for %s: %s', async (_name, outcome, who) => {
      const r = await t.gql<{ quarterlyAudit: { id: string; passRate: string } | null }>(
        `query($id: ID!) { quarterlyAudit(id: $id) { id passRate } }`,
        { id: audit12.id },
        who(),
      );
      if (outcome === 'visible') {
        expect(ok(r).quarterlyAudit).toEqual({ id: audit12.id, passRate: '0.8333' });
      } else if (outcome === 'null') {
        expect(r.errors).toBeUndefined();
        expect(r.data).toEqual({ quarterlyAudit: null });
      } else {
        expect(r.data ?? { quarterlyAudit: null }).toEqual({ quarterlyAudit: null });
        expect(refusal(r).code).toBe(outcome);
      }
    });

    it.each(['00000000-0000-4000-8000-000000000000', 'nope', ''])(
      'quarterlyAudit(%j) answers null',
      async (id) => {
        expect(ok(await getAudit(id, agency())).quarterlyAudit).toBeNull();
      },
    );

    // Fixed after this test found it: runtime.md "A nested field never reveals what the top-level query would refuse" —
    // AuditItem.claim answers FORBIDDEN on the field to a caller who may not read the claim; claimId stays visible.
    it('REPORTING reads the audit but not the sampled claims’ data (nested field)', async () => {
      const claimId = audit12.items[0]!.claim.id;
      const direct = await t.gql(CLAIM_BRIEF, { id: claimId }, reporting(['41']));
      expect(refusal(direct).code).toBe('FORBIDDEN');
      const { settlementNumber } = ok(
        await t.gql<{ claim: { settlementNumber: string } }>(
          CLAIM_BRIEF,
          { id: claimId },
          agency(),
        ),
      ).claim;
      const r = await t.gql(
        `query($id: ID!) { quarterlyAudit(id: $id) { id items { claim { id settlementNumber benefit } } } }`,
        { id: audit12.id },
        reporting(['41']),
      );
      expect(JSON.stringify(r.data ?? null)).not.toContain(settlementNumber);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const ids = await t.gql<{ quarterlyAudit: { items: { claimId: string }[] } }>(
        `query($id: ID!) { quarterlyAudit(id: $id) { items { claimId } } }`,
        { id: audit12.id },
        reporting(['41']),
      );
      expect(ids.data!.quarterlyAudit.items.map((i) => i.claimId)).toContain(claimId);
    });

    // Fixed after this test found it, the same cause: an INSURER that is party B but whose token covers only 51 may read
    // the audit, not the sampled claims in 410305 or their persons.
    it('an INSURER outside the claims’ regions reads the audit but not the sampled claims (nested field)', async () => {
      const claimId = audit12.items[0]!.claim.id;
      const outsider = insurer(w.insurerId, ['51']);
      expect(ok(await t.gql(CLAIM_BRIEF, { id: claimId }, outsider))).toEqual({ claim: null });
      const r = await t.gql(
        `query($id: ID!) { quarterlyAudit(id: $id) { id items { claim { id settlementNumber insuredPerson { idNumber } } } } }`,
        { id: audit12.id },
        outsider,
      );
      expect(JSON.stringify(r.data ?? null)).not.toContain(claimId);
    });
  });

  // ------------------------------------------------------------------ 4. breaches (Luoyang 5(二))

  describe('handling breaches', () => {
    let h: string;
    beforeAll(async () => {
      h = await handlingAgreement();
      await recordCount(h, 2023, 4_800_003);
    });

    it('two breaches in Q2: damages 2% of the quarter’s fee once, both counted', async () => {
      const trail = await auditRows();
      const first = ok(
        await t.gql<{ recordHandlingBreach: Statement }>(
          BREACH,
          { a: h, on: '2024-04-01', d: 'monthly report late' },
          agency(),
        ),
      ).recordHandlingBreach;
      expect(first).toMatchObject({
        year: 2024,
        quarter: 2,
        breachDamages: '36000.02',
        breachCount: 1,
        netPayable: '1764001.11',
      });
      expect(await auditRows()).toBe(trail + 1);
      expect(await lastAuditRow()).toMatchObject({ operation: 'recordHandlingBreach' });
      const second = ok(
        await t.gql<{ recordHandlingBreach: Statement }>(
          BREACH,
          { a: h, on: '2024-06-30', d: 'staffing short' },
          agency(),
        ),
      ).recordHandlingBreach;
      expect(second).toMatchObject({
        quarter: 2,
        breachDamages: '36000.02',
        breachCount: 2,
        netPayable: '1764001.11',
      });
      expect(await statement(h, 2024, 2)).toEqual(second);
      expect(
        await count('SELECT count(*) AS n FROM handling_breach WHERE agreement_id = $1', [h]),
      ).toBe(2);
    });

    it('a breach in Q3 affects Q3 only; Q4’s damages are 2% of its own fee', async () => {
      await t.gql(BREACH, { a: h, on: '2024-07-01', d: 'obstructed supervision' }, agency());
      // A breach is never dated ahead (rules.md §3.4): Q4's is recorded once it has happened.
      await clock.on('2025-01-05', () =>
        t.gql(BREACH, { a: h, on: '2024-12-31', d: 'untrue report' }, agency()),
      );
      const quarters = await Promise.all([1, 2, 3, 4].map((q) => statement(h, 2024, q)));
      expect(quarters.map((s) => [s.breachCount, s.breachDamages, s.netPayable])).toEqual([
        [0, '0.00', '1800001.13'],
        [2, '36000.02', '1764001.11'],
        [1, '36000.02', '1764001.11'],
        [1, '36000.02', '1764001.09'], // 2% of 1 800 001.11 = 36 000.0222
      ]);
    });

    it.each([
      ['the day before the term', { on: '2023-12-31' }, 'BAD_USER_INPUT', 'occurredOn'],
      [
        'the day after the term (recorded in 2026)',
        { on: '2026-01-01', today: '2026-03-01' },
        'BAD_USER_INPUT',
        'occurredOn',
      ],
      ['tomorrow (today is 2024-08-01)', { on: '2024-08-02' }, 'BAD_USER_INPUT', 'occurredOn'],
      ['not a date', { on: '2024-02-30' }, 'BAD_USER_INPUT', null],
      ['an empty description', { d: '' }, 'BAD_USER_INPUT', 'description'],
      ['a CRITICAL_ILLNESS agreement', { a: 'CI' }, 'BAD_USER_INPUT', 'agreementId'],
      ['AGENCY in 51', { user: agency(['51']) }, 'NOT_FOUND', null],
      ['an INSURER', { user: 'insurer' }, 'FORBIDDEN', null],
    ])(
      'recordHandlingBreach with %s is refused, nothing stored',
      async (_name, over: Input, code, field) => {
        const before = await count('SELECT count(*) AS n FROM handling_breach');
        const trail = await auditRows();
        const user =
          over.user === 'insurer' ? insurer(w.insurerId) : ((over.user as Caller) ?? agency());
        const r = await clock.on((over.today as string | undefined) ?? TODAY, () =>
          t.gql(
            BREACH,
            {
              a: over.a === 'CI' ? w.agreementId : h,
              on: over.on ?? '2024-05-05',
              d: over.d ?? 'late',
            },
            user,
          ),
        );
        expect(r.data ?? null).toBeNull();
        expect(r.errors?.[0]?.extensions?.code).toBe(code);
        if (field) {
          expect(r.errors![0]!.extensions!.field).toBe(field);
        }
        expect(await count('SELECT count(*) AS n FROM handling_breach')).toBe(before);
        expect(await auditRows()).toBe(trail);
      },
    );

    it('a breach dated today is recorded (the day after is refused above)', async () => {
      const fresh = await handlingAgreement();
      await recordCount(fresh, 2023, 4_800_003);
      const s = ok(
        await t.gql<{ recordHandlingBreach: Statement }>(
          BREACH,
          { a: fresh, on: TODAY, d: 'staffing short' },
          agency(),
        ),
      ).recordHandlingBreach;
      expect(s).toMatchObject({
        year: 2024,
        quarter: 3,
        breachCount: 1,
        breachDamages: '36000.02',
      });
    });
  });

  // ------------------------------------------------------------------ 5. savings reward (Anhui 三(五))

  describe('savings reward', () => {
    it('10% of the benefit reductions by reviews applied in the quarter, for persons in the region', async () => {
      // Reviews count by the day they were applied (rules.md §3.4, §5), whenever they were recorded: the clock says
      // 2024-08-01 (Q3), the reviews below are dated in Q2.
      const { year, quarter } = { year: 2024, quarter: 2 };
      const h = await handlingAgreement({
        regionCode: '410200',
        effectiveTo: `${year + 1}-12-31`,
        handlingTerms: { savingsRewardRate: '0.1' },
      });
      const plain = await handlingAgreement({
        regionCode: '410200',
        effectiveTo: `${year + 1}-12-31`,
      });
      for (const id of [h, plain]) {
        await recordCount(id, 2023, 1000);
        await recordCount(id, year - 1, 1000);
      }
      const p1 = await w.person('NONE', '2024-01-01', '410202');
      const p2 = await w.person('NONE', '2024-01-01', '410203');
      const p3 = await w.person('NONE', '2024-01-01', '410204');
      const outside = await w.person('NONE', '2024-01-01', '410102');
      const [c1, c2, c3, c4] = await submitAll([
        claimOn(p1, '2024-05-10', 'DIRECT', '50000.00'),
        claimOn(p2, '2024-05-11', 'DIRECT', '50000.00'),
        claimOn(outside, '2024-05-12', 'DIRECT', '50000.00'),
        claimOn(p3, '2024-05-13', 'DIRECT', '50000.00'),
      ]);
      expect([c1, c2, c3, c4].map((c) => c!.benefit)).toEqual([
        '23400.00',
        '23400.00',
        '23400.00',
        '23400.00',
      ]);
      const adjustments = [
        await review(c1!.id, '1000.00', '2024-06-10'),
        await review(c1!.id, '2000.05', '2024-06-30'),
        await review(c2!.id, '0', '2024-05-31'),
      ].map((r) => r.adjustments.at(-1)!);
      await review(c3!.id, '5000.00', '2024-06-10'); // a person outside 4102: not counted
      const reduction = new Money(sumMoney(adjustments.map((a) => a.benefitDelta))).negated();
      expect(money(reduction)).toBe('1800.03'); // 60% of 1 000.00 and of 2 000.05, at the top of the ledger
      expect(adjustments.map((a) => a.appliedOn)).toEqual([
        '2024-06-10',
        '2024-06-30',
        '2024-05-31',
      ]);
      // Recorded on the clock's day (Q3), applied in Q2.
      expect(adjustments.map((a) => chinaQuarterOf(new Date(a.createdAt)))).toEqual([
        { year, quarter: 3 },
        { year, quarter: 3 },
        { year, quarter: 3 },
      ]);
      // The insurer's review of a DIRECT claim is a proposal: it counts once confirmed, on the confirmation day.
      const proposed = ok(
        await t.gql<{ reviewClaim: Reviewed }>(
          REVIEW,
          { id: c4!.id, x: '1000.00', r: 'insurer review', on: '2024-06-20' },
          insurer(w.insurerId),
        ),
      ).reviewClaim;
      expect(proposed.adjustments).toEqual([]);
      const reward = money(reduction.times('0.1')); // 180.003 → 180.00
      const now = await statement(h, year, quarter);
      expect(now).toMatchObject({
        annualFee: '1500.00',
        quarterlyFee: '375.00',
        savingsReward: reward,
        netPayable: money(new Money('375.00').plus(reward)),
      });
      expect(now.savingsReward).toBe('180.00');
      const [proposal] = (
        await t.db.dataSource.query<{ id: string }[]>(
          `SELECT id FROM claim_review_proposal WHERE claim_id = $1`,
          [c4!.id],
        )
      ).map((r) => r.id);
      ok(
        await t.gql(
          `mutation($p: ID!, $on: Date!) { confirmClaimReview(proposalId: $p, confirmedOn: $on) { id } }`,
          { p: proposal, on: '2024-07-02' },
          agency(),
        ),
      );
      // Confirmed in Q3: Q2 unchanged; Q3 gets 10% of its 600.00 reduction.
      expect((await statement(h, year, quarter)).savingsReward).toBe('180.00');
      expect((await statement(h, year, 3)).savingsReward).toBe('60.00');
      // Default rate 0: no reward; the quarter before: no review applied then.
      expect((await statement(plain, year, quarter)).savingsReward).toBe('0.00');
      expect((await statement(h, 2024, 1)).savingsReward).toBe('0.00');
    });
  });

  // ------------------------------------------------------------------ 6. staffing (Luoyang 4(一); Henan arts. 7–8)

  describe('staffing', () => {
    let h: string;
    const record = (input: Input, user = agency()) =>
      t.gql<{ recordStaffing: Compliance }>(STAFFING, { i: input }, user);
    const city = (over: Input = {}): Input => ({
      agreementId: h,
      level: 'CITY',
      regionCode: '410300',
      medical: 40,
      finance: 1,
      it: 1,
      other: 21,
      ...over,
    });
    const rulesOf = (c: Compliance, prefix: string) =>
      c.shortfalls.filter((s) => s.rule.startsWith(prefix));

    beforeAll(async () => {
      h = await handlingAgreement();
    });

    it('with no report every Luoyang rule is short (actual 0)', async () => {
      const c = ok(
        await t.gql<{ staffingCompliance: Compliance }>(COMPLIANCE, { a: h }, agency()),
      ).staffingCompliance;
      expect(c.compliant).toBe(false);
      expect(c.shortfalls.map((s) => [s.rule, s.required, s.actual, s.advisory])).toEqual([
        ['CITY_TOTAL', 63, 0, false],
        ['CITY_MEDICAL', 40, 0, false],
        ['CITY_FINANCE', 1, 0, false],
        ['CITY_IT', 1, 0, false],
        ['COUNTY_TOTAL', 97, 0, false],
        ['COUNTY_MEDICAL', 49, 0, false],
        ['COUNTY_FINANCE', 9, 0, false],
        ['COUNTY_IT', 9, 0, false],
      ]);
    });

    it.each([
      ['exactly 63 with 40 medical, 1 finance, 1 IT', {}, []],
      ['62 in all', { other: 20 }, [['CITY_TOTAL', 63, 62]]],
      ['39 medical', { medical: 39, other: 22 }, [['CITY_MEDICAL', 40, 39]]],
      ['no finance', { finance: 0, other: 22 }, [['CITY_FINANCE', 1, 0]]],
      ['no IT', { it: 0, other: 22 }, [['CITY_IT', 1, 0]]],
      [
        '40 medical and nothing else',
        { finance: 0, it: 0, other: 0 },
        [
          ['CITY_TOTAL', 63, 40],
          ['CITY_FINANCE', 1, 0],
          ['CITY_IT', 1, 0],
        ],
      ],
      ['back to 63', {}, []],
    ])('city level: %s', async (_name, over, expected) => {
      const c = ok(await record(city(over))).recordStaffing;
      expect(rulesOf(c, 'CITY_').map((s) => [s.rule, s.required, s.actual])).toEqual(expected);
      expect(rulesOf(c, 'CITY_').every((s) => s.regionCode === '410300' && !s.advisory)).toBe(true);
      expect(c.compliant).toBe(false); // the counties have not reported yet
    });

    it('counties are summed against 97 / 49 / 9 / 9; a later report replaces the earlier; history kept', async () => {
      const county = (
        regionCode: string,
        medical: number,
        fin: number,
        it: number,
        other: number,
      ) =>
        record({ agreementId: h, level: 'COUNTY', regionCode, medical, finance: fin, it, other });
      let c = ok(await county('410302', 25, 5, 5, 15)).recordStaffing; // 50
      expect(rulesOf(c, 'COUNTY_').map((s) => [s.rule, s.required, s.actual])).toEqual([
        ['COUNTY_TOTAL', 97, 50],
        ['COUNTY_MEDICAL', 49, 25],
        ['COUNTY_FINANCE', 9, 5],
        ['COUNTY_IT', 9, 5],
      ]);
      c = ok(await county('410311', 24, 4, 4, 15)).recordStaffing; // 47: together 97, 49, 9, 9
      expect(c).toEqual({ compliant: true, shortfalls: [] });
      c = ok(await county('410311', 24, 4, 3, 15)).recordStaffing; // replaces: 46, IT 8
      expect(c.compliant).toBe(false);
      expect(c.shortfalls.map((s) => [s.rule, s.regionCode, s.required, s.actual])).toEqual([
        ['COUNTY_TOTAL', null, 97, 96],
        ['COUNTY_IT', null, 9, 8],
      ]);
      c = ok(await county('410311', 24, 4, 4, 15)).recordStaffing;
      expect(c).toEqual({ compliant: true, shortfalls: [] });
      expect(
        await count('SELECT count(*) AS n FROM staffing_report WHERE agreement_id = $1', [h]),
      ).toBe(7 + 4);
      expect(
        await count(
          `SELECT count(*) AS n FROM staffing_report WHERE agreement_id = $1 AND level = 'COUNTY' AND region_code = '410311'`,
          [h],
        ),
      ).toBe(3);
    });

    it.each([
      [
        'a region outside the covered regions',
        { regionCode: '410102' },
        'BAD_USER_INPUT',
        'input.regionCode',
      ],
      [
        'a region code of five digits',
        { regionCode: '41030' },
        'BAD_USER_INPUT',
        'input.regionCode',
      ],
      ['insuredCount on a CITY', { insuredCount: 1000 }, 'BAD_USER_INPUT', 'input.insuredCount'],
      ['a negative count', { medical: -1 }, 'BAD_USER_INPUT', 'input.medical'],
      [
        'a DESIGNATED_INSTITUTION agreement',
        { agreementId: 'DD' },
        'BAD_USER_INPUT',
        'input.agreementId',
      ],
      [
        'an unknown agreement',
        { agreementId: '00000000-0000-4000-8000-000000000000' },
        'NOT_FOUND',
        null,
      ],
      ['AGENCY in 51', { user: agency(['51']) }, 'NOT_FOUND', null],
      ['an INSURER', { user: 'insurer' }, 'FORBIDDEN', null],
      ['REPORTING', { user: 'reporting' }, 'FORBIDDEN', null],
    ])(
      'recordStaffing with %s is refused, nothing stored',
      async (_name, over: Input, code, field) => {
        const before = await count('SELECT count(*) AS n FROM staffing_report');
        const trail = await auditRows();
        const { user, ...fields } = over;
        const who =
          user === 'insurer'
            ? insurer(w.insurerId)
            : user === 'reporting'
              ? reporting()
              : ((user as Caller | undefined) ?? agency());
        const input = city(fields);
        if (input.agreementId === 'DD') {
          input.agreementId = w.designationId;
        }
        const r = await record(input, who);
        expect(r.data).toBeNull();
        const e = refusal(r);
        expect(e.code).toBe(code);
        if (field) {
          expect(e.field).toBe(field);
        }
        expect(await count('SELECT count(*) AS n FROM staffing_report')).toBe(before);
        expect(await auditRows()).toBe(trail);
      },
    );

    it('Henan rules for a CRITICAL_ILLNESS agreement of two cities', async () => {
      const ci = await criticalIllnessAgreement({ coveredRegions: ['410100', '410300'] });
      const henan = (input: Input) =>
        record({ agreementId: ci, finance: 0, it: 0, other: 0, ...input });
      const view = (c: Compliance) =>
        c.shortfalls.map((s) => [s.rule, s.regionCode, s.required, s.actual, s.advisory]);

      const none = ok(
        await t.gql<{ staffingCompliance: Compliance }>(COMPLIANCE, { a: ci }, agency()),
      ).staffingCompliance;
      expect(none.compliant).toBe(false);
      expect(view(none)).toEqual([
        ['CITY_STAFF', '410100', 3, 0, false],
        ['CITY_MEDICAL', '410100', 1, 0, false],
        ['CITY_STAFF', '410300', 3, 0, false],
        ['CITY_MEDICAL', '410300', 1, 0, false],
        ['CO_LOCATED', null, 3, 0, false],
      ]);

      // Luoyang: 1 medical of 4, 2 co-located. Zhengzhou has not reported (actual 0).
      let c = ok(
        await henan({ level: 'CITY', regionCode: '410300', medical: 1, other: 3, coLocated: 2 }),
      ).recordStaffing;
      expect(c.compliant).toBe(false);
      expect(view(c)).toEqual([
        ['MEDICAL_SHARE', null, 2, 1, false],
        ['CITY_STAFF', '410100', 3, 0, false],
        ['CITY_MEDICAL', '410100', 1, 0, false],
        ['CO_LOCATED', null, 3, 2, false],
      ]);

      // Zhengzhou: 3 medical, 1 co-located → 7 staff, 4 medical (⌈3.5⌉ needed), 3 co-located.
      c = ok(
        await henan({ level: 'CITY', regionCode: '410100', medical: 3, coLocated: 1 }),
      ).recordStaffing;
      expect(c).toEqual({ compliant: true, shortfalls: [] });

      // A county of 400 001 insured needs ⌈400 001 / 200 000⌉ = 3 staff, in principle (advisory).
      c = ok(
        await henan({ level: 'COUNTY', regionCode: '410302', medical: 2, insuredCount: 400_001 }),
      ).recordStaffing;
      expect(c).toEqual({
        compliant: true,
        shortfalls: [
          { rule: 'COUNTY_STAFF', regionCode: '410302', required: 3, actual: 2, advisory: true },
        ],
      });
      // Exactly 400 000 needs 2.
      c = ok(
        await henan({ level: 'COUNTY', regionCode: '410302', medical: 2, insuredCount: 400_000 }),
      ).recordStaffing;
      expect(c).toEqual({ compliant: true, shortfalls: [] });
      // A region outside the two cities is refused.
      expect(refusal(await henan({ level: 'COUNTY', regionCode: '410202', medical: 1 }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.regionCode',
      });
    });

    it.each([
      ['AGENCY in 41', 'ok', () => agency(['41'])],
      ['REPORTING in 41', 'ok', () => reporting(['41'])],
      ['REPORTING in 4103', 'ok', () => reporting(['4103'])],
      ['the INSURER that is party B', 'ok', () => insurer(w.insurerId)],
      ['REPORTING in 51', 'NOT_FOUND', () => reporting(['51'])],
      ['AGENCY in 51', 'NOT_FOUND', () => agency(['51'])],
      ['another INSURER', 'NOT_FOUND', () => insurer(otherInsurerId)],
      ['an INSTITUTION', 'FORBIDDEN', () => institutionUser(w.hospitalId)],
      ['nobody', 'UNAUTHENTICATED', () => undefined],
    ])('staffingCompliance for %s: %s', async (_name, outcome, who) => {
      const r = await t.gql<{ staffingCompliance: Compliance }>(COMPLIANCE, { a: h }, who());
      if (outcome === 'ok') {
        expect(ok(r).staffingCompliance).toEqual({ compliant: true, shortfalls: [] });
      } else {
        expect(r.data).toBeNull();
        expect(refusal(r).code).toBe(outcome);
      }
    });
  });

  // ------------------------------------------------------------------ 7–8. the critical-illness fund (Henan arts. 20–24)

  describe('fund: raised, clearing, appropriation', () => {
    let f: string;
    /** Benefits of f's claims by quarter of 2024, net of adjustments, as built. */
    const byQuarter: Record<number, Decimal> = {};
    let terms: { riskReserveRate: string; assessmentDepositRate: string; profitCapRate: string };

    const raise = (amount: string, agreementId = f, year = 2024, user = agency()) =>
      t.gql<{ recordFundRaised: Clearing }>(RAISE, { a: agreementId, y: year, m: amount }, user);
    const clear = (
      policyLoss: boolean,
      ratio: string,
      agreementId = f,
      year = 2024,
      user = agency(),
    ) =>
      t.gql<{ clearFundYear: Clearing }>(
        CLEAR,
        { a: agreementId, y: year, p: policyLoss, r: ratio },
        user,
      );
    const clearing = (agreementId = f, year = 2024, user: Caller = agency()) =>
      t.gql<{ fundClearing: Clearing }>(CLEARING, { a: agreementId, y: year }, user);
    const appropriation = (quarter: number, arrivedOn?: string, user = agency(), year = 2024) =>
      t.gql<{ fundAppropriation: Appropriation }>(
        APPROPRIATION,
        { a: f, y: year, q: quarter, on: arrivedOn },
        user,
      );
    /** What the rule computes on the benefits the API reports (fund-clearing.rule.ts). */
    const expected = (raised: string, benefits: string, policyLoss: boolean, ratio: string) => {
      const v = clearFund({
        raised: new Money(raised),
        benefits: new Money(benefits),
        riskReserveRate: new Money(terms.riskReserveRate),
        assessmentDepositRate: new Money(terms.assessmentDepositRate),
        profitCapRate: new Money(terms.profitCapRate),
        depositReturnRatio: new Money(ratio),
        policyLoss,
      });
      return Object.fromEntries(
        Object.entries(v).map(([k, d]: [string, Decimal]) => [k, money(d)]),
      );
    };
    /** Σ benefit − Σ adjustments of f's claims discharged from..to, not REJECTED (SQL, independent of the service). */
    const benefitsBySql = async (from: string, to: string): Promise<string> => {
      const rows: Array<{ claims: string | null; adjustments: string | null }> =
        await t.db.dataSource.query(
          `SELECT (SELECT sum(benefit) FROM claim WHERE agreement_id = $1 AND status <> 'REJECTED'
                     AND discharge_date BETWEEN $2 AND $3)::text AS claims,
                  (SELECT sum(e.benefit_delta) FROM ledger_entry e JOIN claim c ON c.id = e.claim_id
                    WHERE c.agreement_id = $1 AND e.kind <> 'CLAIM' AND c.discharge_date BETWEEN $2 AND $3)::text
                    AS adjustments`,
          [f, from, to],
        );
      return money(new Money(rows[0]!.claims ?? 0).plus(rows[0]!.adjustments ?? 0));
    };

    beforeAll(async () => {
      f = await criticalIllnessAgreement();
      terms = ok(
        await t.gql<{ agreement: { terms: typeof terms } }>(FUND_TERMS, { id: f }, agency()),
      ).agreement.terms;
      const p = [
        await w.person('NONE', '2024-01-01', '410102'),
        await w.person('NONE', '2024-01-01', '410102'),
        await w.person('NONE', '2024-01-01', '410102'),
        await w.person('NONE', '2024-01-01', '410105'),
        await w.person('NONE', '2024-01-01', '410102'),
      ];
      const on = { agreementId: f };
      const [q1, q2a, q2b, q3, rejected, otherAgreement] = await submitAll([
        claimOn(p[0]!, '2024-02-20', 'DIRECT', '50000.00', on),
        claimOn(p[1]!, '2024-05-20', 'DIRECT', '150000.00', on),
        claimOn(p[2]!, '2024-06-30', 'MANUAL', '50000.00', on),
        claimOn(p[3]!, '2024-08-01', 'DIRECT', '20000.00', on),
        claimOn(p[3]!, '2024-05-21', 'DIRECT', '20000.00', {
          ...on,
          institutionId: undesignatedHospitalId,
        }),
        claimOn(p[4]!, '2024-05-22', 'DIRECT', '20000.00'), // the world's agreement, not f
      ]);
      expect(
        [q1, q2a, q2b, q3, rejected, otherAgreement].map((c) => [c!.status, c!.benefit]),
      ).toEqual([
        ['ADJUDICATED', '23400.00'],
        ['ADJUDICATED', '88400.00'],
        ['ADJUDICATED', '23400.00'],
        ['ADJUDICATED', '5400.00'],
        ['REJECTED', '0.00'],
        ['ADJUDICATED', '5400.00'],
      ]);
      const reviewedQ2 = await review(q2a!.id, '10000.00');
      const reversed = ok(
        await t.gql<{ reverseClaim: Reviewed }>(REVERSE, { id: q2b!.id, r: 'duplicate' }, agency()),
      ).reverseClaim;
      expect(reviewedQ2.adjustments.map((a) => a.benefitDelta)).toEqual(['-7000.00']);
      expect([reversed.status, reversed.adjustments.map((a) => a.benefitDelta)]).toEqual([
        'REVERSED',
        ['-23400.00'],
      ]);
      byQuarter[1] = new Money('23400.00');
      byQuarter[2] = new Money('88400.00').minus('7000.00').plus('23400.00').minus('23400.00');
      byQuarter[3] = new Money('5400.00');
      byQuarter[4] = new Money(0);
    });

    it('benefits as built agree with the database (SQL)', async () => {
      expect(await benefitsBySql('2024-04-01', '2024-06-30')).toBe('81400.00');
      expect(await benefitsBySql('2024-01-01', '2024-12-31')).toBe('110200.00');
      expect(money(Object.values(byQuarter).reduce((s, x) => s.plus(x)))).toBe('110200.00');
    });

    it('before any funds raised: BAD_USER_INPUT on year', async () => {
      const r = await clearing();
      expect(r.data).toBeNull();
      expect(refusal(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'year' });
      const trail = await auditRows();
      const c = await clear(false, '1');
      expect(refusal(c)).toEqual({ code: 'BAD_USER_INPUT', field: 'year' });
      expect(await auditRows()).toBe(trail);
      expect(await count('SELECT count(*) AS n FROM fund_clearing')).toBe(0);
    });

    it('recordFundRaised 2 000 000.00 answers a provisional clearing (whole deposit returned)', async () => {
      const trail = await auditRows();
      const c = ok(await raise('2000000.00')).recordFundRaised;
      expect(await auditRows()).toBe(trail + 1);
      expect(await lastAuditRow()).toMatchObject({ operation: 'recordFundRaised' });
      expect(c).toMatchObject({
        year: 2024,
        provisional: true,
        clearedAt: null,
        policyLoss: false,
        raisedAmount: '2000000.00',
        benefitsPaid: '110200.00',
        riskReserve: '100000.00',
        assessmentDeposit: '60000.00',
        depositReturned: '60000.00',
        availableToInsurer: '1900000.00',
        surplus: '1789800.00',
        insurerRetained: '60000.00',
        toTreasury: '1729800.00',
        agreement: { id: f },
      });
      expect(new Money(c.depositReturnRatio).equals(1)).toBe(true);
      expect(c.benefitsPaid).toBe(await benefitsBySql('2024-01-01', '2024-12-31'));
      expect(ok(await clearing()).fundClearing).toEqual(c);
      expect(await count('SELECT count(*) AS n FROM fund_clearing')).toBe(0);
    });

    // raised, policy loss, return ratio, hand-checked figures (benefits 110 200.00)
    it.each([
      [
        'a surplus above 3%: the insurer keeps 3%, the treasury the rest',
        '2000000.00',
        false,
        '0.5',
        {
          depositReturned: '30000.00',
          availableToInsurer: '1870000.00',
          surplus: '1759800.00',
          insurerRetained: '60000.00',
          toTreasury: '1699800.00',
          insurerBearsLoss: '0.00',
        },
      ],
      [
        'a surplus below 3%: the insurer keeps it all',
        '120000.00',
        true,
        '0.5',
        {
          riskReserve: '6000.00',
          assessmentDeposit: '3600.00',
          depositReturned: '1800.00',
          availableToInsurer: '112200.00',
          surplus: '2000.00',
          insurerRetained: '2000.00',
          toTreasury: '0.00',
          insurerBearsLoss: '0.00',
        },
      ],
      [
        'a policy loss: insurer 3%, the risk reserve, the rest carried forward',
        '100000.00',
        true,
        '0.5',
        {
          riskReserve: '5000.00',
          assessmentDeposit: '3000.00',
          depositReturned: '1500.00',
          availableToInsurer: '93500.00',
          surplus: '-16700.00',
          insurerRetained: '0.00',
          toTreasury: '0.00',
          insurerBearsLoss: '3000.00',
          fromRiskReserve: '5000.00',
          carriedForward: '8700.00',
        },
      ],
      [
        'a loss not caused by policy: the insurer bears all',
        '100000.00',
        false,
        '0',
        {
          depositReturned: '0.00',
          availableToInsurer: '92000.00',
          surplus: '-18200.00',
          insurerBearsLoss: '18200.00',
          fromRiskReserve: '0.00',
          carriedForward: '0.00',
        },
      ],
      [
        'a small policy loss within 3%: the insurer bears it, nothing from the reserve',
        '115000.00',
        true,
        '1',
        {
          availableToInsurer: '109250.00',
          surplus: '-950.00',
          insurerBearsLoss: '950.00',
          fromRiskReserve: '0.00',
          carriedForward: '0.00',
        },
      ],
    ])('%s', async (_name, raised, policyLoss, ratio, figures) => {
      ok(await raise(raised));
      const clearings = await count(
        'SELECT count(*) AS n FROM fund_clearing WHERE agreement_id = $1',
        [f],
      );
      const trail = await auditRows();
      const c = ok(await clear(policyLoss, ratio)).clearFundYear;
      expect(await auditRows()).toBe(trail + 1);
      expect(await lastAuditRow()).toMatchObject({ operation: 'clearFundYear' });
      expect(c).toMatchObject({
        provisional: false,
        policyLoss,
        raisedAmount: raised,
        benefitsPaid: '110200.00',
        ...figures,
      });
      expect(c.clearedAt).not.toBeNull();
      expect(new Money(c.depositReturnRatio).equals(ratio)).toBe(true);
      const {
        year: _y,
        provisional: _p,
        clearedAt: _c,
        policyLoss: _l,
        depositReturnRatio: _r,
        agreement: _a,
        ...values
      } = c;
      expect(values).toEqual(expected(raised, c.benefitsPaid, policyLoss, ratio));
      // The parts add back.
      const surplus = new Money(c.surplus);
      if (!surplus.isNegative()) {
        expect(sumMoney([c.insurerRetained, c.toTreasury])).toBe(c.surplus);
      } else {
        expect(sumMoney([c.insurerBearsLoss, c.fromRiskReserve, c.carriedForward])).toBe(
          money(surplus.negated()),
        );
      }
      // The latest is the current one; every clearing stays.
      expect(ok(await clearing()).fundClearing).toEqual(c);
      expect(
        await count('SELECT count(*) AS n FROM fund_clearing WHERE agreement_id = $1', [f]),
      ).toBe(clearings + 1);
    });

    it('a later recordFundRaised does not change a clearing already made until cleared again', async () => {
      const current = ok(await clearing()).fundClearing;
      ok(await raise('5000000.00'));
      expect(ok(await clearing()).fundClearing).toEqual(current);
      expect(
        await count(
          'SELECT count(*) AS n FROM fund_raised WHERE agreement_id = $1 AND year = 2024',
          [f],
        ),
      ).toBe(7);
      const c = ok(await clear(false, '1')).clearFundYear;
      expect(c).toMatchObject({ raisedAmount: '5000000.00', insurerRetained: '150000.00' });
    });

    it.each([
      ['depositReturnRatio 1.5', { r: '1.5' }, 'BAD_USER_INPUT', 'depositReturnRatio'],
      ['depositReturnRatio −0.1', { r: '-0.1' }, 'BAD_USER_INPUT', 'depositReturnRatio'],
      [
        'a year with no funds raised (the world’s agreement)',
        { a: 'WORLD' },
        'BAD_USER_INPUT',
        'year',
      ],
      ['a year outside the term', { y: 2025 }, 'BAD_USER_INPUT', 'year'],
      ['a HANDLING agreement', { a: 'H' }, 'BAD_USER_INPUT', 'agreementId'],
      ['an unknown agreement', { a: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', null],
      ['AGENCY in 51', { user: agency(['51']) }, 'NOT_FOUND', null],
      ['an INSURER', { user: 'insurer' }, 'FORBIDDEN', null],
      ['REPORTING', { user: 'reporting' }, 'FORBIDDEN', null],
    ])(
      'clearFundYear with %s is refused, nothing stored',
      async (_name, over: Input, code, field) => {
        const before = await count('SELECT count(*) AS n FROM fund_clearing');
        const trail = await auditRows();
        const agreementId =
          over.a === 'WORLD'
            ? w.agreementId
            : over.a === 'H'
              ? await handlingAgreement()
              : ((over.a as string | undefined) ?? f);
        const created = over.a === 'H' ? 1 : 0;
        const user =
          over.user === 'insurer'
            ? insurer(w.insurerId)
            : over.user === 'reporting'
              ? reporting()
              : ((over.user as Caller | undefined) ?? agency());
        const r = await clear(
          false,
          (over.r as string | undefined) ?? '1',
          agreementId,
          (over.y as number | undefined) ?? 2024,
          user,
        );
        expect(r.data).toBeNull();
        const e = refusal(r);
        expect(e.code).toBe(code);
        if (field) {
          expect(e.field).toBe(field);
        }
        expect(await count('SELECT count(*) AS n FROM fund_clearing')).toBe(before);
        expect(await auditRows()).toBe(trail + created);
      },
    );

    it.each([
      ['a negative amount', { m: '-1.00' }, 'BAD_USER_INPUT', 'amount'],
      ['a HANDLING agreement', { a: 'H' }, 'BAD_USER_INPUT', 'agreementId'],
      ['a year outside the term', { y: 2023 }, 'BAD_USER_INPUT', 'year'],
      ['an INSURER', { user: 'insurer' }, 'FORBIDDEN', null],
    ])(
      'recordFundRaised with %s is refused, nothing stored',
      async (_name, over: Input, code, field) => {
        const agreementId = over.a === 'H' ? await handlingAgreement() : f;
        const before = await count('SELECT count(*) AS n FROM fund_raised');
        const trail = await auditRows();
        const r = await raise(
          (over.m as string | undefined) ?? '1000.00',
          agreementId,
          (over.y as number | undefined) ?? 2024,
          over.user === 'insurer' ? insurer(w.insurerId) : agency(),
        );
        expect(r.data ?? null).toBeNull();
        expect(r.errors?.[0]?.extensions?.code).toBe(code);
        if (field) {
          expect(r.errors![0]!.extensions!.field).toBe(field);
        }
        expect(await count('SELECT count(*) AS n FROM fund_raised')).toBe(before);
        expect(await auditRows()).toBe(trail);
      },
    );

    it.each([
      ['AGENCY in 41', 'ok', () => agency(['41'])],
      ['REPORTING in 41', 'ok', () => reporting(['41'])],
      ['the INSURER that is party B', 'ok', () => insurer(w.insurerId, ['41'])],
      ['REPORTING in 51', 'NOT_FOUND', () => reporting(['51'])],
      ['AGENCY in 51', 'NOT_FOUND', () => agency(['51'])],
      ['another INSURER', 'NOT_FOUND', () => insurer(otherInsurerId, ['41'])],
      ['an INSTITUTION', 'FORBIDDEN', () => institutionUser(w.hospitalId)],
      ['nobody', 'UNAUTHENTICATED', () => undefined],
    ])('fundClearing and fundAppropriation for %s: %s', async (_name, outcome, who) => {
      const user = who();
      const c = await t.gql<{ fundClearing: Clearing }>(CLEARING, { a: f, y: 2024 }, user);
      const a = await t.gql<{ fundAppropriation: Appropriation }>(
        APPROPRIATION,
        { a: f, y: 2024, q: 3 },
        user,
      );
      if (outcome === 'ok') {
        expect(ok(c).fundClearing.raisedAmount).toBe('5000000.00');
        expect(ok(a).fundAppropriation.amount).toBe('81400.00');
      } else {
        for (const r of [c, a]) {
          expect(r.data).toBeNull();
          expect(refusal(r as GqlResult).code).toBe(outcome);
        }
      }
    });

    it.each([
      // quarter, previous quarter's benefits, payment due (the last day of the first month, not moved), receipt
      [1, '0.00', '2024-01-31', '2024-02-02'],
      [2, '23400.00', '2024-04-30', '2024-05-07'], // 1–5 May off, 6 and 7 May work
      [3, '81400.00', '2024-07-31', '2024-08-02'],
      [4, '5400.00', '2024-10-31', '2024-11-04'],
    ])(
      'appropriation of 2024 Q%i: %s, paid by %s, receipt due %s',
      async (quarter, amount, dueOn, receiptDueOn) => {
        const a = ok(await appropriation(quarter)).fundAppropriation;
        expect(a).toEqual({
          year: 2024,
          quarter,
          amount,
          dueOn,
          receiptDueOn,
          agreement: { id: f },
        });
        expect(a.receiptDueOn).toBe(await addWorkingDays(dueOn, 2));
        if (quarter > 1) {
          expect(amount).toBe(money(byQuarter[quarter - 1]!));
        }
      },
    );

    it('money that arrived on Friday 2024-09-27: receipt due 2 working days later (29 Sep is an adjusted working day)', async () => {
      const due = await addWorkingDays('2024-09-27', 2);
      expect(due).toBe('2024-09-30');
      const a = ok(await appropriation(3, '2024-09-27')).fundAppropriation;
      expect(a).toMatchObject({ amount: '81400.00', dueOn: '2024-07-31', receiptDueOn: due });
      // Arriving on the eve of National Day (1–7 October off, 12 October a working Saturday).
      const eve = ok(await appropriation(4, '2024-09-30')).fundAppropriation;
      expect(eve.receiptDueOn).toBe(await addWorkingDays('2024-09-30', 2));
      expect(eve.receiptDueOn).toBe('2024-10-09');
    });

    it.each([
      ['quarter 5', { q: 5 }, 'quarter'],
      ['a year outside the term', { y: 2025 }, 'year'],
      ['an impossible arrival date', { on: '2024-02-30' }, null],
    ])('fundAppropriation with %s → BAD_USER_INPUT', async (_name, over: Input, field) => {
      const r = await t.gql(
        APPROPRIATION,
        { a: f, y: over.y ?? 2024, q: over.q ?? 3, on: over.on },
        agency(),
      );
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      if (field) {
        expect(r.errors![0]!.extensions!.field).toBe(field);
      }
    });
  });

  // ------------------------------------------------------------------ 9. append-only history

  describe('append-only tables', () => {
    it.each([
      'insured_count',
      'handling_breach',
      'staffing_report',
      'fund_raised',
      'fund_clearing',
    ])('%s refuses UPDATE, DELETE and TRUNCATE', async (table) => {
      const n = await count(`SELECT count(*) AS n FROM ${table}`);
      expect(n).toBeGreaterThan(0);
      const snapshot = await t.db.dataSource.query(`SELECT * FROM ${table} ORDER BY 1`);
      await expect(
        t.db.dataSource.query(`UPDATE ${table} SET agreement_id = agreement_id`),
      ).rejects.toThrow(/append-only/);
      await expect(t.db.dataSource.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
      await expect(t.db.dataSource.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
      expect(await t.db.dataSource.query(`SELECT * FROM ${table} ORDER BY 1`)).toEqual(snapshot);
    });
  });

  // ------------------------------------------------------------------ 10. audit trail

  describe('audit trail', () => {
    let h: string;
    let ci: string;
    let auditId: string;
    beforeAll(async () => {
      h = await handlingAgreement({ coveredRegions: ['410325'] });
      ci = await criticalIllnessAgreement();
    });

    it.each<[string, () => Promise<GqlResult>, () => string]>([
      [
        'recordInsuredCount',
        () => t.gql(RECORD_COUNT, { a: h, y: 2023, n: 10 }, agency()),
        () => h,
      ],
      [
        'recordHandlingBreach',
        () => t.gql(BREACH, { a: h, on: '2024-02-02', d: 'late' }, agency()),
        () => h,
      ],
      [
        'startQuarterlyAudit',
        async () => {
          const r = await t.gql<{ startQuarterlyAudit: Audit }>(
            START,
            { a: h, y: 2024, q: 1, s: 'trail' },
            agency(),
          );
          auditId = ok(r).startQuarterlyAudit.id;
          return r;
        },
        () => h,
      ],
      ['recordAuditVerdicts', () => verdicts(auditId, []), () => auditId],
      ['finalizeQuarterlyAudit', () => finalize(auditId), () => auditId],
      [
        'recordStaffing',
        () =>
          t.gql(
            STAFFING,
            {
              i: {
                agreementId: h,
                level: 'COUNTY',
                regionCode: '410325',
                medical: 1,
                finance: 0,
                it: 0,
                other: 0,
              },
            },
            agency(),
          ),
        () => h,
      ],
      [
        'recordFundRaised',
        () => t.gql(RAISE, { a: ci, y: 2024, m: '1000.00' }, agency()),
        () => ci,
      ],
      [
        'clearFundYear',
        () => t.gql(CLEAR, { a: ci, y: 2024, p: false, r: '1' }, agency()),
        () => ci,
      ],
    ])('%s writes one audit_trail row naming what it touched', async (operation, run, id) => {
      const before = await auditRows();
      ok(await run());
      expect(await auditRows()).toBe(before + 1);
      const row = await lastAuditRow();
      expect(row).toMatchObject({ operation, role: 'AGENCY' });
      expect(row.ids).toContain(id());
    });

    it.each<[string, () => Promise<GqlResult>]>([
      [
        'recordInsuredCount by an INSURER',
        () => t.gql(RECORD_COUNT, { a: h, y: 2023, n: 1 }, insurer(w.insurerId)),
      ],
      [
        'startQuarterlyAudit of quarter 5',
        () => t.gql(START, { a: h, y: 2024, q: 5, s: 'x' }, agency()),
      ],
      ['recordAuditVerdicts after finalizing', () => verdicts(auditId, [])],
      [
        'recordHandlingBreach outside the term',
        () => t.gql(BREACH, { a: h, on: '2027-01-01', d: 'late' }, agency()),
      ],
      [
        'recordStaffing outside the covered regions',
        () =>
          t.gql(
            STAFFING,
            {
              i: {
                agreementId: h,
                level: 'COUNTY',
                regionCode: '410302',
                medical: 1,
                finance: 0,
                it: 0,
                other: 0,
              },
            },
            agency(),
          ),
      ],
      [
        'recordFundRaised for a HANDLING agreement',
        () => t.gql(RAISE, { a: h, y: 2024, m: '1.00' }, agency()),
      ],
      [
        'clearFundYear with ratio 1.5',
        () => t.gql(CLEAR, { a: ci, y: 2024, p: false, r: '1.5' }, agency()),
      ],
    ])('a refused %s writes none', async (_name, run) => {
      const before = await auditRows();
      const r = await run();
      expect(r.errors?.length).toBeGreaterThan(0);
      expect(await auditRows()).toBe(before);
    });
  });
});
