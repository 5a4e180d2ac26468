import Decimal from 'decimal.js';
import { Agreement } from '../../src/domain/agreement/agreement.entity';
import { Role, type Caller } from '../../src/shared/caller';
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
 * Critical-illness claims end to end (rules.md §3, §9; runtime.md "Tokens and roles"; decisions.md "Claims"):
 * adjudication on the annual ledger, validation, batches, idempotency, the designation gate, deadlines and payment,
 * reviews and reversals, access by role, and the number of SQL statements a claim list issues.
 */

interface Band {
  upTo: string | null;
  rate: string;
  base: string;
  amount: string;
}
interface Adjustment {
  nonCompliantAmount: string;
  benefitDelta: string;
  reason: string;
  kind: string;
}
interface ClaimOut {
  id: string;
  settlementNumber: string;
  channel: string;
  schedule: string;
  status: string;
  rejectionReason: string | null;
  dischargeDate: string;
  totalCost: string;
  eligibleSelfPay: string;
  cumulativeBefore: string;
  cumulativeAfter: string;
  benefit: string;
  declaredOn: string;
  paymentDueOn: string;
  paidOn: string | null;
  overdue: boolean;
  bands: Band[];
  adjustments: Adjustment[];
  insuredPerson: { id: string };
  institution: { id: string };
  agreement: { id: string };
}
interface AccumulatorOut {
  year: number;
  eligibleTotal: string;
  benefitTotal: string;
  remainingCap: string | null;
  entryCount: number;
}
interface BatchOut {
  claims: ClaimOut[];
  errors: Array<{ index: number; code: string; field: string | null; message: string }>;
}
type Input = Record<string, unknown>;
interface Counts {
  claim: number;
  ledger_entry: number;
  claim_idempotency: number;
  audit_trail: number;
  accumulator: number;
}

const CLAIM = `id settlementNumber channel schedule status rejectionReason dischargeDate totalCost eligibleSelfPay
  cumulativeBefore cumulativeAfter benefit declaredOn paymentDueOn paidOn overdue
  bands { upTo rate base amount } adjustments { nonCompliantAmount benefitDelta reason kind }
  insuredPerson { id } institution { id } agreement { id }`;
const SUBMIT = `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { ${CLAIM} } }`;
const SUBMIT_MANY = `mutation($is: [SubmitClaimInput!]!) {
  submitClaims(inputs: $is) { claims { ${CLAIM} } errors { index code field message } }
}`;
const GET = `query($id: ID!) { claim(id: $id) { ${CLAIM} } }`;
const ACCUMULATOR = `query($id: ID!, $y: Int!) {
  insuredPerson(id: $id) { accumulator(year: $y) { year eligibleTotal benefitTotal remainingCap entryCount } }
}`;
const MARK_PAID = `mutation($id: ID!, $on: Date!) { markClaimPaid(claimId: $id, paidOn: $on) { ${CLAIM} } }`;
const REVIEW = `mutation($id: ID!, $x: Money!, $r: String!) {
  reviewClaim(claimId: $id, nonCompliantAmount: $x, reason: $r) { ${CLAIM} }
}`;
const REVERSE = `mutation($id: ID!, $r: String!) { reverseClaim(claimId: $id, reason: $r) { ${CLAIM} } }`;
const OVERDUE_ON = `query($id: ID!, $a: Date!) { claim(id: $id) { overdue(asOf: $a) } }`;
const OVERDUE_LIST = `query($a: Date!, $ag: ID, $f: Int, $after: ID) {
  overdueClaims(asOf: $a, agreementId: $ag, first: $f, after: $after) { id paymentDueOn benefit status }
}`;
const LIST = `query($f: ClaimFilter, $first: Int) {
  claims(filter: $f, first: $first) { totalCount nodes { id institution { id } } }
}`;
const STATS = `query($f: ClaimFilter, $g: [ClaimGroupBy!]!) {
  claimStats(filter: $f, groupBy: $g) { keys claimCount totalCost eligibleSelfPay benefit }
}`;
const QUOTE = `query($i: BenefitQuoteInput!) { benefitQuote(input: $i) { benefit } }`;
const SET_STATUS = `mutation($id: ID!, $s: SpecialStatus!, $from: Date!) {
  setSpecialStatus(insuredPersonId: $id, status: $s, from: $from) { id }
}`;
const CREATE_ORG = `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`;
const CREATE_AGREEMENT = `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`;

const institutionUser = (org: string, regions: string[] = ['41']): Caller => ({
  sub: 'inst',
  role: Role.INSTITUTION,
  org,
  regions,
});

const sum = (values: readonly string[]): string =>
  values.reduce((s, v) => s.plus(v), new Decimal(0)).toFixed(2);

describe('critical-illness claims', () => {
  let t: TestApp;
  let w: ClaimWorld;
  let serial = 0;
  /** A settlement number never used before in this file. */
  const sn = (prefix = 'S'): string => `${prefix}-${++serial}`;

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

  const submit = async (input: Input, user: Caller = agency()): Promise<ClaimOut> =>
    ok(await t.gql<{ submitClaim: ClaimOut }>(SUBMIT, { i: input }, user)).submitClaim;
  const submitMany = async (inputs: Input[], user: Caller = agency()): Promise<BatchOut> =>
    ok(await t.gql<{ submitClaims: BatchOut }>(SUBMIT_MANY, { is: inputs }, user)).submitClaims;
  const getClaim = async (id: string, user: Caller = agency()): Promise<ClaimOut | null> =>
    ok(await t.gql<{ claim: ClaimOut | null }>(GET, { id }, user)).claim;
  const accumulator = async (personId: string, year = 2024): Promise<AccumulatorOut> =>
    ok(
      await t.gql<{ insuredPerson: { accumulator: AccumulatorOut } }>(
        ACCUMULATOR,
        { id: personId, y: year },
        agency(),
      ),
    ).insuredPerson.accumulator;
  const overdueOn = async (id: string, asOf: string): Promise<boolean> =>
    ok(await t.gql<{ claim: { overdue: boolean } }>(OVERDUE_ON, { id, a: asOf }, agency())).claim
      .overdue;

  /** Row counts of every table a claim mutation writes (a refused mutation stores nothing). */
  const counts = async (): Promise<Counts> => {
    const rows: Counts[] = await t.db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM claim) AS claim,
              (SELECT count(*)::int FROM ledger_entry) AS ledger_entry,
              (SELECT count(*)::int FROM claim_idempotency) AS claim_idempotency,
              (SELECT count(*)::int FROM audit_trail) AS audit_trail,
              (SELECT count(*)::int FROM accumulator) AS accumulator`,
    );
    return rows[0]!;
  };
  /** The ledger of a person's year, summed from its entries (rules.md §3.3: the balance is the sum of the entries). */
  const ledgerSums = async (personId: string, year = 2024) => {
    const rows: Array<{ eligible: string | null; benefit: string | null; n: number }> =
      await t.db.dataSource.query(
        `SELECT sum(eligible_delta)::text AS eligible, sum(benefit_delta)::text AS benefit, count(*)::int AS n
           FROM ledger_entry WHERE insured_person_id = $1 AND year = $2`,
        [personId, year],
      );
    const r = rows[0]!;
    return {
      eligible: new Decimal(r.eligible ?? 0).toFixed(2),
      benefit: new Decimal(r.benefit ?? 0).toFixed(2),
      n: Number(r.n),
    };
  };

  const createOrg = async (code: string, kind: string, regionCode = '410300'): Promise<string> =>
    ok(
      await t.gql<{ createOrganization: { id: string } }>(
        CREATE_ORG,
        { i: { code, name: code, kind, regionCode } },
        agency(),
      ),
    ).createOrganization.id;
  const createAgreement = async (input: Input): Promise<string> =>
    ok(
      await t.gql<{ createAgreement: { id: string } }>(
        CREATE_AGREEMENT,
        { i: { title: String(input.code), ...input } },
        agency(),
      ),
    ).createAgreement.id;
  /** Another hospital of world `world` (410300), designated for 2024 unless told otherwise. */
  const hospital = async (
    world: ClaimWorld,
    code: string,
    designated = true,
  ): Promise<{ id: string; designationId: string | null }> => {
    const id = await createOrg(code, 'MEDICAL_INSTITUTION');
    const designationId = designated
      ? await createAgreement({
          code: `${code}-DD`,
          kind: 'DESIGNATED_INSTITUTION',
          partyAId: world.agencyId,
          partyBId: id,
          regionCode: '410300',
          effectiveFrom: '2024-01-01',
          effectiveTo: '2024-12-31',
        })
      : null;
    return { id, designationId };
  };
  const loadAgreement = (id: string): Promise<Agreement> =>
    t.db.dataSource.getRepository(Agreement).findOneByOrFail({ id });

  /** Today is 2024-06-15, except where a test submits a claim declared later (on a later day). */
  const clock = new MovableClock('2024-06-15');
  beforeAll(async () => {
    t = await startTestApp({ clock });
    w = await claimWorld(t, 'CL');
  });
  afterAll(() => t?.close());

  // ------------------------------------------------------------------ 1. worked examples (rules.md §3.3)

  describe('worked examples of rules.md §3.3 through submitClaim', () => {
    const D0 = (base: string, upTo = '11000.00'): Band => ({
      upTo,
      rate: '0',
      base,
      amount: '0.00',
    });
    const P0 = (base: string): Band => D0(base, '5500.00');
    it.each([
      {
        name: 'general: one claim of 50 000 → 23 400.00',
        special: 'NONE',
        claims: [
          {
            eligible: '50000.00',
            benefit: '23400.00',
            bands: [
              D0('11000.00'),
              { upTo: '100000.00', rate: '0.6', base: '39000.00', amount: '23400.00' },
            ],
          },
        ],
        schedule: 'GENERAL',
        remainingCap: '376600.00',
      },
      {
        name: 'general: one claim of 150 000 → 53 400 + 35 000 = 88 400.00',
        special: 'NONE',
        claims: [
          {
            eligible: '150000.00',
            benefit: '88400.00',
            bands: [
              D0('11000.00'),
              { upTo: '100000.00', rate: '0.6', base: '89000.00', amount: '53400.00' },
              { upTo: null, rate: '0.7', base: '50000.00', amount: '35000.00' },
            ],
          },
        ],
        schedule: 'GENERAL',
        remainingCap: '311600.00',
      },
      {
        name: 'general: 8 000 then 20 000 → 0.00 then 10 200.00',
        special: 'NONE',
        claims: [
          { eligible: '8000.00', benefit: '0.00', bands: [D0('8000.00')] },
          {
            eligible: '20000.00',
            benefit: '10200.00',
            bands: [
              D0('3000.00'),
              { upTo: '100000.00', rate: '0.6', base: '17000.00', amount: '10200.00' },
            ],
          },
        ],
        schedule: 'GENERAL',
        remainingCap: '389800.00',
      },
      {
        name: 'general: a year reaching 700 000 is capped at 400 000.00, later claims 0.00',
        special: 'NONE',
        claims: [
          {
            eligible: '300000.00',
            benefit: '193400.00',
            bands: [
              D0('11000.00'),
              { upTo: '100000.00', rate: '0.6', base: '89000.00', amount: '53400.00' },
              { upTo: null, rate: '0.7', base: '200000.00', amount: '140000.00' },
            ],
          },
          {
            eligible: '400000.00',
            benefit: '206600.00',
            bands: [{ upTo: null, rate: '0.7', base: '400000.00', amount: '206600.00' }],
          },
          {
            eligible: '10000.00',
            benefit: '0.00',
            bands: [{ upTo: null, rate: '0.7', base: '10000.00', amount: '0.00' }],
          },
        ],
        schedule: 'GENERAL',
        remainingCap: '0.00',
      },
      {
        name: 'general, cents at the deductible edge: rounding never drifts',
        special: 'NONE',
        claims: [
          {
            eligible: '11000.01',
            benefit: '0.01',
            bands: [
              D0('11000.00'),
              { upTo: '100000.00', rate: '0.6', base: '0.01', amount: '0.01' },
            ],
          },
          // round2(B(11 000.02)) − round2(B(11 000.01)) = 0.01 − 0.01: the band's 0.006 is adjusted to 0.00.
          {
            eligible: '0.01',
            benefit: '0.00',
            bands: [{ upTo: '100000.00', rate: '0.6', base: '0.01', amount: '0.00' }],
          },
          {
            eligible: '0.01',
            benefit: '0.01',
            bands: [{ upTo: '100000.00', rate: '0.6', base: '0.01', amount: '0.01' }],
          },
        ],
        schedule: 'GENERAL',
        remainingCap: '399999.98',
      },
      {
        name: 'preferential: one claim of 150 000 → 61 425 + 37 500 = 98 925.00',
        special: 'MINIMUM_LIVING',
        claims: [
          {
            eligible: '150000.00',
            benefit: '98925.00',
            bands: [
              P0('5500.00'),
              { upTo: '100000.00', rate: '0.65', base: '94500.00', amount: '61425.00' },
              { upTo: null, rate: '0.75', base: '50000.00', amount: '37500.00' },
            ],
          },
        ],
        schedule: 'PREFERENTIAL',
        remainingCap: null,
      },
      {
        name: 'preferential: 700 000 → 511 425.00 (no cap)',
        special: 'EXTREME_POVERTY',
        claims: [
          {
            eligible: '700000.00',
            benefit: '511425.00',
            bands: [
              P0('5500.00'),
              { upTo: '100000.00', rate: '0.65', base: '94500.00', amount: '61425.00' },
              { upTo: null, rate: '0.75', base: '600000.00', amount: '450000.00' },
            ],
          },
        ],
        schedule: 'PREFERENTIAL',
        remainingCap: null,
      },
    ])('$name', async ({ special, claims, schedule, remainingCap }) => {
      const person = await w.person(special, '2024-01-01');
      let cumulative = new Decimal(0);
      for (const expected of claims) {
        const c = await submit(claimInput(w, person, sn(), expected.eligible));
        expect(c).toMatchObject({
          status: 'ADJUDICATED',
          schedule,
          eligibleSelfPay: expected.eligible,
          benefit: expected.benefit,
          cumulativeBefore: cumulative.toFixed(2),
          cumulativeAfter: cumulative.plus(expected.eligible).toFixed(2),
          rejectionReason: null,
        });
        expect(c.bands).toEqual(expected.bands);
        // The bases sum to the claim's eligible amount, the amounts to its benefit (rules.md §3.3).
        expect(sum(c.bands.map((b) => b.base))).toBe(c.eligibleSelfPay);
        expect(sum(c.bands.map((b) => b.amount))).toBe(c.benefit);
        cumulative = cumulative.plus(expected.eligible);
      }
      const total = sum(claims.map((c) => c.benefit));
      expect(await accumulator(person)).toEqual({
        year: 2024,
        eligibleTotal: cumulative.toFixed(2),
        benefitTotal: total,
        remainingCap,
        entryCount: claims.length,
      });
      expect(await ledgerSums(person)).toEqual({
        eligible: cumulative.toFixed(2),
        benefit: total,
        n: claims.length,
      });
    });

    it('a year reaching 700 000 totals exactly 400 000.00', async () => {
      const person = await w.person();
      const benefits: string[] = [];
      for (const e of ['300000.00', '400000.00', '10000.00', '5000.00']) {
        benefits.push((await submit(claimInput(w, person, sn(), e))).benefit);
      }
      expect(benefits).toEqual(['193400.00', '206600.00', '0.00', '0.00']);
      expect((await accumulator(person)).benefitTotal).toBe('400000.00');
    });
  });

  describe('benefitQuote agrees with the worked examples and stores nothing', () => {
    it.each([
      { special: 'NONE', before: '0', eligible: '50000.00', benefit: '23400.00' },
      { special: 'NONE', before: '0', eligible: '150000.00', benefit: '88400.00' },
      { special: 'NONE', before: '8000.00', eligible: '20000.00', benefit: '10200.00' },
      { special: 'NONE', before: '300000.00', eligible: '400000.00', benefit: '206600.00' },
      { special: 'MINIMUM_LIVING', before: '0', eligible: '150000.00', benefit: '98925.00' },
      { special: 'EXTREME_POVERTY', before: '0', eligible: '700000.00', benefit: '511425.00' },
    ])(
      '$special: $eligible on top of $before → $benefit',
      async ({ special, before, eligible, benefit }) => {
        const rows = await counts();
        const r = ok(
          await t.gql<{ benefitQuote: { benefit: string } }>(
            QUOTE,
            {
              i: {
                agreementId: w.agreementId,
                specialStatus: special,
                cumulativeBefore: before,
                eligibleSelfPay: eligible,
              },
            },
            agency(),
          ),
        );
        expect(r.benefitQuote.benefit).toBe(benefit);
        expect(await counts()).toEqual(rows);
      },
    );
  });

  // ------------------------------------------------------------------ 2. status change and year boundary

  describe('schedule by the status on the discharge date; one accumulator per natural year', () => {
    it('uses GENERAL the day before a special status starts and PREFERENTIAL from that day', async () => {
      const person = await w.person();
      ok(
        await t.gql(SET_STATUS, { id: person, s: 'MINIMUM_LIVING', from: '2024-05-01' }, agency()),
      );
      const before = await submit(
        claimInput(w, person, sn(), '50000.00', {
          admissionDate: '2024-04-25',
          dischargeDate: '2024-04-30',
          declaredOn: '2024-05-06',
        }),
      );
      const on = await submit(
        claimInput(w, person, sn(), '20000.00', {
          admissionDate: '2024-04-25',
          dischargeDate: '2024-05-01',
          declaredOn: '2024-05-06',
        }),
      );
      expect(before).toMatchObject({ schedule: 'GENERAL', benefit: '23400.00' });
      // B_pref(70 000) − B_pref(50 000) = 41 925 − 28 925.
      expect(on).toMatchObject({
        schedule: 'PREFERENTIAL',
        cumulativeBefore: '50000.00',
        cumulativeAfter: '70000.00',
        benefit: '13000.00',
      });
      expect(await accumulator(person)).toEqual({
        year: 2024,
        eligibleTotal: '70000.00',
        benefitTotal: '36400.00',
        remainingCap: null,
        entryCount: 2,
      });
    });

    it('caps a GENERAL claim at 400 000 minus the benefits already recorded under PREFERENTIAL (mid-year reading)', async () => {
      const person = await w.person('MINIMUM_LIVING', '2024-01-01');
      ok(await t.gql(SET_STATUS, { id: person, s: 'NONE', from: '2024-06-01' }, agency()));
      const pref = await submit(claimInput(w, person, sn(), '300000.00'));
      const gen = await submit(
        claimInput(w, person, sn(), '400000.00', {
          admissionDate: '2024-06-01',
          dischargeDate: '2024-06-05',
          declaredOn: '2024-06-07',
        }),
      );
      // 5 500..100 000 at 65 % + 100 000..300 000 at 75 % = 61 425 + 150 000.
      expect(pref).toMatchObject({ schedule: 'PREFERENTIAL', benefit: '211425.00' });
      // B_gen(700 000) − B_gen(300 000) = 400 000 − 193 400 = 206 600, cut to 400 000 − 211 425 = 188 575
      // (rules.md §3.3, Reading for a schedule change in mid-year).
      expect(gen).toMatchObject({
        schedule: 'GENERAL',
        cumulativeBefore: '300000.00',
        benefit: '188575.00',
        bands: [{ upTo: null, rate: '0.7', base: '400000.00', amount: '188575.00' }],
      });
      expect(await accumulator(person)).toEqual({
        year: 2024,
        eligibleTotal: '700000.00',
        benefitTotal: '400000.00',
        remainingCap: '0.00',
        entryCount: 2,
      });
    });

    let agreement2025: string;
    beforeAll(async () => {
      agreement2025 = await createAgreement({
        code: 'CL-CI-2025',
        kind: 'CRITICAL_ILLNESS',
        partyAId: w.agencyId,
        partyBId: w.insurerId,
        regionCode: '410000',
        effectiveFrom: '2025-01-01',
        effectiveTo: '2025-12-31',
      });
      await createAgreement({
        code: 'CL-DD-2025',
        kind: 'DESIGNATED_INSTITUTION',
        partyAId: w.agencyId,
        partyBId: w.hospitalId,
        regionCode: '410300',
        effectiveFrom: '2025-01-01',
        effectiveTo: '2025-12-31',
      });
    });

    it('keeps a claim discharged on 2024-12-31 and one discharged in 2025 in separate accumulators', async () => {
      const person = await w.person();
      const [dec31, jan] = await clock.on('2025-01-13', async () => [
        await submit(
          claimInput(w, person, sn(), '50000.00', {
            admissionDate: '2024-12-20',
            dischargeDate: '2024-12-31',
            declaredOn: '2024-12-31',
          }),
        ),
        await submit(
          claimInput(w, person, sn(), '30000.00', {
            agreementId: agreement2025,
            admissionDate: '2024-12-31',
            dischargeDate: '2025-01-10',
            declaredOn: '2025-01-13',
          }),
        ),
      ]);
      expect(dec31).toMatchObject({ cumulativeBefore: '0.00', benefit: '23400.00' });
      // A new year starts from 0: 0.6 × (30 000 − 11 000).
      expect(jan).toMatchObject({
        cumulativeBefore: '0.00',
        cumulativeAfter: '30000.00',
        benefit: '11400.00',
        agreement: { id: agreement2025 },
      });
      expect(await accumulator(person, 2024)).toEqual({
        year: 2024,
        eligibleTotal: '50000.00',
        benefitTotal: '23400.00',
        remainingCap: '376600.00',
        entryCount: 1,
      });
      expect(await accumulator(person, 2025)).toEqual({
        year: 2025,
        eligibleTotal: '30000.00',
        benefitTotal: '11400.00',
        remainingCap: '388600.00',
        entryCount: 1,
      });
    });
    it('rejects a 2025 discharge at an institution designated for 2024 only as NOT_DESIGNATED', async () => {
      const only2024 = await hospital(w, 'CL-HOSP-2024');
      const person = await w.person();
      const c = await clock.on('2025-01-13', () =>
        submit(
          claimInput(w, person, sn(), '50000.00', {
            agreementId: agreement2025,
            institutionId: only2024.id,
            admissionDate: '2025-01-02',
            dischargeDate: '2025-01-10',
            declaredOn: '2025-01-13',
          }),
        ),
      );
      expect(c).toMatchObject({
        status: 'REJECTED',
        rejectionReason: 'NOT_DESIGNATED',
        benefit: '0.00',
      });
      expect(await ledgerSums(person, 2025)).toEqual({ eligible: '0.00', benefit: '0.00', n: 0 });
    });
  });

  // ------------------------------------------------------------------ 3. validation

  describe('validation: BAD_USER_INPUT or NOT_FOUND naming the field, nothing stored', () => {
    let person: string;
    let zhengzhouOnly: string;
    beforeAll(async () => {
      person = await w.person();
      zhengzhouOnly = await createAgreement({
        code: 'CL-CI-ZZ',
        kind: 'CRITICAL_ILLNESS',
        partyAId: w.agencyId,
        partyBId: w.insurerId,
        regionCode: '410100',
        coveredRegions: ['410100'],
        effectiveFrom: '2024-01-01',
        effectiveTo: '2024-12-31',
      });
    });

    const UNKNOWN = '00000000-0000-4000-8000-000000000000';
    it.each<{ name: string; over: () => Input; code: string; field: string }>([
      {
        name: 'a negative totalCost',
        over: () => ({ totalCost: '-5.00' }),
        code: 'BAD_USER_INPUT',
        field: 'input.totalCost',
      },
      {
        name: 'a negative basicFundPaid',
        over: () => ({ basicFundPaid: '-1.00' }),
        code: 'BAD_USER_INPUT',
        field: 'input.basicFundPaid',
      },
      {
        name: 'a negative outOfCatalogCost',
        over: () => ({ outOfCatalogCost: '-0.01' }),
        code: 'BAD_USER_INPUT',
        field: 'input.outOfCatalogCost',
      },
      {
        name: 'components above totalCost',
        over: () => ({ totalCost: '1000.00', basicFundPaid: '600.00', outOfCatalogCost: '400.01' }),
        code: 'BAD_USER_INPUT',
        field: 'input.totalCost',
      },
      {
        name: 'admission after discharge',
        over: () => ({ admissionDate: '2024-04-21', dischargeDate: '2024-04-20' }),
        code: 'BAD_USER_INPUT',
        field: 'input.dischargeDate',
      },
      {
        name: 'discharge after declaredOn',
        over: () => ({ declaredOn: '2024-04-19' }),
        code: 'BAD_USER_INPUT',
        field: 'input.declaredOn',
      },
      {
        name: 'discharge outside the agreement term',
        over: () => ({
          admissionDate: '2023-12-20',
          dischargeDate: '2023-12-30',
          declaredOn: '2024-01-02',
        }),
        code: 'BAD_USER_INPUT',
        field: 'input.dischargeDate',
      },
      {
        name: 'an agreement that is not CRITICAL_ILLNESS',
        over: () => ({ agreementId: w.designationId }),
        code: 'BAD_USER_INPUT',
        field: 'input.agreementId',
      },
      {
        name: 'an institution that is not a MEDICAL_INSTITUTION',
        over: () => ({ institutionId: w.insurerId }),
        code: 'BAD_USER_INPUT',
        field: 'input.institutionId',
      },
      {
        name: 'a person whose region the agreement does not cover',
        over: () => ({ agreementId: zhengzhouOnly }),
        code: 'BAD_USER_INPUT',
        field: 'input.insuredPersonId',
      },
      {
        name: 'a blank settlement number',
        over: () => ({ settlementNumber: '' }),
        code: 'BAD_USER_INPUT',
        field: 'input.settlementNumber',
      },
      {
        name: 'a settlement number of blanks',
        over: () => ({ settlementNumber: '   ' }),
        code: 'BAD_USER_INPUT',
        field: 'input.settlementNumber',
      },
      {
        name: 'a 65-character settlement number',
        over: () => ({ settlementNumber: 'N'.repeat(65) }),
        code: 'BAD_USER_INPUT',
        field: 'input.settlementNumber',
      },
      {
        name: 'a totalCost of 10^12',
        over: () => ({ totalCost: '1000000000000.00' }),
        code: 'BAD_USER_INPUT',
        field: 'input.totalCost',
      },
      {
        name: 'a basicFundPaid of 10^12',
        over: () => ({ totalCost: '999999999999.99', basicFundPaid: '1000000000000.00' }),
        code: 'BAD_USER_INPUT',
        field: 'input.basicFundPaid',
      },
      {
        name: 'an unknown agreement id',
        over: () => ({ agreementId: UNKNOWN }),
        code: 'NOT_FOUND',
        field: 'input.agreementId',
      },
      {
        name: 'a garbage agreement id',
        over: () => ({ agreementId: 'no-such-agreement' }),
        code: 'NOT_FOUND',
        field: 'input.agreementId',
      },
      {
        name: 'an unknown institution id',
        over: () => ({ institutionId: UNKNOWN }),
        code: 'NOT_FOUND',
        field: 'input.institutionId',
      },
      {
        name: 'a garbage institution id',
        over: () => ({ institutionId: '42' }),
        code: 'NOT_FOUND',
        field: 'input.institutionId',
      },
      {
        name: 'an unknown person id',
        over: () => ({ insuredPersonId: UNKNOWN }),
        code: 'NOT_FOUND',
        field: 'input.insuredPersonId',
      },
      {
        name: 'a garbage person id',
        over: () => ({ insuredPersonId: "x' OR 1=1 --" }),
        code: 'NOT_FOUND',
        field: 'input.insuredPersonId',
      },
    ])('refuses $name: $code on $field', async ({ over, code, field }) => {
      const before = await counts();
      const r = await t.gql(
        SUBMIT,
        { i: claimInput(w, person, sn(), '50000.00', over()) },
        agency(),
      );
      expect(refusal(r)).toEqual({ code, field });
      expect(r.data ?? null).toBeNull();
      expect(await counts()).toEqual(before);
    });

    it.each([
      {
        name: 'a 64-character settlement number',
        over: () => ({ settlementNumber: 'N'.repeat(64) }),
      },
      {
        name: 'the largest amount, 999 999 999 999.99',
        over: () => ({ totalCost: '999999999999.99', basicFundPaid: '0.00' }),
      },
      {
        name: 'admission, discharge and declaration on one day',
        over: () => ({
          admissionDate: '2024-04-20',
          declaredOn: '2024-04-20',
        }),
      },
    ])('accepts $name', async ({ over }) => {
      const p = await w.person();
      const input = claimInput(w, p, sn(), '50000.00', over());
      const c = await submit(input);
      expect(c.status).toBe('ADJUDICATED');
      expect(c.settlementNumber).toBe(input.settlementNumber);
      const eligible = new Decimal(String(input.totalCost)).minus(String(input.basicFundPaid));
      expect(c.eligibleSelfPay).toBe(eligible.toFixed(2));
      expect(c.totalCost).toBe(new Decimal(String(input.totalCost)).toFixed(2));
      const acc = await accumulator(p);
      expect(acc.eligibleTotal).toBe(eligible.toFixed(2));
      expect(acc.benefitTotal).toBe(c.benefit);
    });

    it('the largest amount is capped at 400 000.00 for a general person', async () => {
      const p = await w.person();
      const c = await submit(
        claimInput(w, p, sn(), '0', { totalCost: '999999999999.99', basicFundPaid: '0.00' }),
      );
      expect(c).toMatchObject({ eligibleSelfPay: '999999999999.99', benefit: '400000.00' });
      expect(await accumulator(p)).toMatchObject({
        remainingCap: '0.00',
        benefitTotal: '400000.00',
      });
    });

    it.each([
      { name: 'three decimals', value: '50000.001' },
      { name: 'a JSON number', value: 50000 },
      { name: 'an exponent', value: '5e4' },
    ])('refuses a Money of $name at coercion: the whole request', async ({ value }) => {
      const before = await counts();
      const r = await t.gql(
        SUBMIT,
        { i: claimInput(w, person, sn(), '50000.00', { totalCost: value }) },
        agency(),
      );
      expect(refusal(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.totalCost' });
      expect(r.data ?? null).toBeNull();
      expect(JSON.stringify(r.errors)).not.toContain('50000');
      expect(await counts()).toEqual(before);
    });

    it('refuses a whole batch when one input is not a Money string', async () => {
      const before = await counts();
      const r = await t.gql(
        SUBMIT_MANY,
        {
          is: [
            claimInput(w, person, sn(), '1000.00'),
            claimInput(w, person, sn(), '1000.00', { basicFundPaid: 1000 }),
          ],
        },
        agency(),
      );
      expect(refusal(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'inputs[1].basicFundPaid' });
      expect(await counts()).toEqual(before);
    });

    it('refuses an inline JSON-number literal as BAD_USER_INPUT', async () => {
      const before = await counts();
      const r = await t.gql(
        `mutation { submitClaim(input: {
          agreementId: "${w.agreementId}", institutionId: "${w.hospitalId}", insuredPersonId: "${person}",
          settlementNumber: "${sn()}", channel: DIRECT, admissionDate: "2024-04-10", dischargeDate: "2024-04-20",
          declaredOn: "2024-04-26", totalCost: 5000, basicFundPaid: "0.00"
        }) { id } }`,
        {},
        agency(),
      );
      expect(refusal(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.totalCost' });
      expect(await counts()).toEqual(before);
    });
  });

  // ------------------------------------------------------------------ 4. batches

  describe('submitClaims', () => {
    it('stores the valid inputs in list order and reports the others by index and field', async () => {
      const p = await w.person();
      const before = await counts();
      const batch = await submitMany([
        claimInput(w, p, sn(), '50000.00'),
        claimInput(w, p, sn(), '1.00', { totalCost: '100.00', basicFundPaid: '100.01' }),
        claimInput(w, p, sn(), '20000.00'),
        claimInput(w, '00000000-0000-4000-8000-000000000001', sn(), '20000.00'),
        claimInput(w, p, sn(), '1.00', { declaredOn: '2024-04-01' }),
      ]);
      expect(batch.claims.map((c) => [c.eligibleSelfPay, c.cumulativeBefore, c.benefit])).toEqual([
        ['50000.00', '0.00', '23400.00'],
        ['20000.00', '50000.00', '12000.00'],
      ]);
      expect(batch.errors.map(({ index, code, field }) => ({ index, code, field }))).toEqual([
        { index: 1, code: 'BAD_USER_INPUT', field: 'inputs[1].totalCost' },
        { index: 3, code: 'NOT_FOUND', field: 'inputs[3].insuredPersonId' },
        { index: 4, code: 'BAD_USER_INPUT', field: 'inputs[4].declaredOn' },
      ]);
      const after = await counts();
      expect(after.claim - before.claim).toBe(2);
      expect(after.ledger_entry - before.ledger_entry).toBe(2);
      expect(after.claim_idempotency - before.claim_idempotency).toBe(2);
      expect(await accumulator(p)).toMatchObject({
        eligibleTotal: '70000.00',
        benefitTotal: '35400.00',
        entryCount: 2,
      });
    });

    it('refuses 1 001 inputs on `inputs` and stores nothing', async () => {
      const p = await w.person();
      const before = await counts();
      const inputs = Array.from({ length: 1001 }, () => claimInput(w, p, sn('BIG'), '100.00'));
      const r = await t.gql(SUBMIT_MANY, { is: inputs }, agency());
      expect(refusal(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'inputs' });
      expect(await counts()).toEqual(before);
    });

    it('answers one claim twice for the same settlement number with the same payload', async () => {
      const p = await w.person();
      const input = claimInput(w, p, sn(), '50000.00');
      const batch = await submitMany([input, { ...input }]);
      expect(batch.errors).toEqual([]);
      expect(batch.claims).toHaveLength(2);
      expect(batch.claims[1]!.id).toBe(batch.claims[0]!.id);
      expect(batch.claims[1]!.benefit).toBe('23400.00');
      expect(await ledgerSums(p)).toEqual({ eligible: '50000.00', benefit: '23400.00', n: 1 });
    });

    it('answers CONFLICT at the index of the same settlement number with another payload', async () => {
      const p = await w.person();
      const number = sn();
      const batch = await submitMany([
        claimInput(w, p, number, '50000.00'),
        claimInput(w, p, number, '50000.01'),
      ]);
      expect(batch.claims).toHaveLength(1);
      expect(batch.errors.map(({ index, code, field }) => ({ index, code, field }))).toEqual([
        { index: 1, code: 'CONFLICT', field: 'inputs[1].settlementNumber' },
      ]);
      expect(await ledgerSums(p)).toEqual({ eligible: '50000.00', benefit: '23400.00', n: 1 });
    });
  });

  // ------------------------------------------------------------------ 5. idempotency

  describe('idempotency by (institution, settlement number)', () => {
    it('answers the first claim for the same input and changes nothing', async () => {
      const p = await w.person();
      const input = claimInput(w, p, sn(), '50000.00');
      const first = await submit(input);
      const acc = await accumulator(p);
      const before = await counts();
      // The same payload written differently (defaults spelled out, fewer decimals) is the same payload.
      const again = await submit(input);
      const respelled = await submit({
        ...input,
        totalCost: '51000',
        basicFundPaid: '1000.0',
        outOfCatalogCost: '0.00',
        otherExcludedCost: '0',
      });
      expect(again).toEqual(first);
      expect(respelled).toEqual(first);
      const after = await counts();
      expect(after).toEqual(before);
      expect(await accumulator(p)).toEqual(acc);
    });

    it.each([
      { name: 'another amount', over: { totalCost: '51000.01' } },
      { name: 'another discharge date', over: { dischargeDate: '2024-04-21' } },
      { name: 'another channel', over: { channel: 'MANUAL' } },
    ])('answers CONFLICT on input.settlementNumber for $name', async ({ over }) => {
      const p = await w.person();
      const input = claimInput(w, p, sn(), '50000.00');
      await submit(input);
      const acc = await accumulator(p);
      const before = await counts();
      const r = await t.gql(SUBMIT, { i: { ...input, ...over } }, agency());
      expect(refusal(r)).toEqual({ code: 'CONFLICT', field: 'input.settlementNumber' });
      expect(await counts()).toEqual(before);
      expect(await accumulator(p)).toEqual(acc);
    });

    it('treats the same settlement number at another institution as another claim', async () => {
      const other = await hospital(w, 'CL-HOSP-IDEM');
      const p = await w.person();
      const number = sn();
      const a = await submit(claimInput(w, p, number, '50000.00'));
      const b = await submit(claimInput(w, p, number, '50000.00', { institutionId: other.id }));
      expect(b.id).not.toBe(a.id);
      expect(b).toMatchObject({
        status: 'ADJUDICATED',
        cumulativeBefore: '50000.00',
        benefit: '30000.00',
        institution: { id: other.id },
      });
      expect(await ledgerSums(p)).toEqual({ eligible: '100000.00', benefit: '53400.00', n: 2 });
    });
  });

  describe('claims of one person at the same moment (rules.md §3.3, concurrency)', () => {
    it('adjudicates ten different claims as some serial order: a chain, and the sum rule', async () => {
      const p = await w.person();
      const claims = await Promise.all(
        Array.from({ length: 10 }, () => submit(claimInput(w, p, sn(), '12345.67'))),
      );
      const chain = [...claims].sort((a, b) =>
        new Decimal(a.cumulativeBefore).comparedTo(b.cumulativeBefore),
      );
      chain.forEach((c, k) => {
        expect(c.cumulativeBefore).toBe(new Decimal('12345.67').times(k).toFixed(2));
        expect(c.cumulativeAfter).toBe(new Decimal('12345.67').times(k + 1).toFixed(2));
      });
      // round2(B(123 456.70)) = 53 400 + 0.7 × 23 456.70 = 69 819.69.
      expect(sum(claims.map((c) => c.benefit))).toBe('69819.69');
      expect(await ledgerSums(p)).toEqual({ eligible: '123456.70', benefit: '69819.69', n: 10 });
    });

    it('settles two batches that claim each other’s settlement numbers in opposite orders', async () => {
      const [p1, p2, p3, p4] = await Promise.all([w.person(), w.person(), w.person(), w.person()]);
      const n1 = sn('RACE');
      const n2 = sn('RACE');
      const [a, b] = await Promise.all([
        submitMany([claimInput(w, p1, n1, '50000.00'), claimInput(w, p2, n2, '50000.00')]),
        submitMany([claimInput(w, p3, n2, '50000.00'), claimInput(w, p4, n1, '50000.00')]),
      ]);
      // Each number ends up with exactly one claim; the other submission of it is a CONFLICT.
      const stored: Array<{ settlement_number: string; n: number }> = await t.db.dataSource.query(
        `SELECT settlement_number, count(*)::int AS n FROM claim
          WHERE settlement_number = ANY($1) GROUP BY settlement_number ORDER BY settlement_number`,
        [[n1, n2]],
      );
      expect(stored).toEqual(
        [n1, n2].sort().map((settlement_number) => ({ settlement_number, n: 1 })),
      );
      expect(a.claims.length + b.claims.length).toBe(2);
      expect([...a.errors, ...b.errors].map((e) => e.code)).toEqual(['CONFLICT', 'CONFLICT']);
    });

    it('answers one claim to ten identical submissions racing', async () => {
      const p = await w.person();
      const input = claimInput(w, p, sn(), '50000.00');
      const claims = await Promise.all(Array.from({ length: 10 }, () => submit(input)));
      expect(new Set(claims.map((c) => c.id)).size).toBe(1);
      expect(await ledgerSums(p)).toEqual({ eligible: '50000.00', benefit: '23400.00', n: 1 });
    });
  });

  // ------------------------------------------------------------------ 6. designation gate (rules.md §3.5)

  describe('designation gate', () => {
    const expectRejected = async (
      institutionId: string,
      dischargeDate: string,
      reason: string,
      admissionDate = '2024-02-20',
    ): Promise<void> => {
      const p = await w.person();
      await submit(claimInput(w, p, sn(), '50000.00'));
      const acc = await accumulator(p);
      const ledger = await ledgerSums(p);
      const input = claimInput(w, p, sn(), '30000.00', {
        institutionId,
        admissionDate,
        dischargeDate,
        declaredOn: dischargeDate,
      });
      const c = await submit(input);
      expect(c).toMatchObject({
        status: 'REJECTED',
        rejectionReason: reason,
        benefit: '0.00',
        bands: [],
        cumulativeBefore: '50000.00',
        cumulativeAfter: '50000.00',
        overdue: false,
      });
      expect(await accumulator(p)).toEqual(acc);
      expect(await ledgerSums(p)).toEqual(ledger);
      // A rejected claim keeps its idempotency key: the same input answers it again.
      expect((await submit(input)).id).toBe(c.id);
    };
    const expectSettled = async (
      institutionId: string,
      dischargeDate: string,
      admissionDate = '2024-02-20',
    ): Promise<void> => {
      const p = await w.person();
      const c = await submit(
        claimInput(w, p, sn(), '50000.00', {
          institutionId,
          admissionDate,
          dischargeDate,
          declaredOn: dischargeDate,
        }),
      );
      expect(c).toMatchObject({
        status: 'ADJUDICATED',
        rejectionReason: null,
        benefit: '23400.00',
      });
      expect(await ledgerSums(p)).toEqual({ eligible: '50000.00', benefit: '23400.00', n: 1 });
    };

    it('rejects a claim of an institution with no designated agreement as NOT_DESIGNATED', async () => {
      const none = await hospital(w, 'CL-HOSP-NONE', false);
      await expectRejected(none.id, '2024-04-20', 'NOT_DESIGNATED');
    });

    describe('a suspension from 2024-03-01 to 2024-03-31', () => {
      let suspended: { id: string; designationId: string | null };
      beforeAll(async () => {
        suspended = await hospital(w, 'CL-HOSP-SUSP');
        const a = await loadAgreement(suspended.designationId!);
        await t.db.dataSource.transaction((em) =>
          t.app.services.agreements.suspend(em, a, '2024-03-01', '2024-03-31', '中止一个月'),
        );
      });
      it.each(['2024-03-01', '2024-03-15', '2024-03-31'])(
        'rejects a discharge on %s as INSTITUTION_SUSPENDED',
        async (day) => {
          await expectRejected(suspended.id, day, 'INSTITUTION_SUSPENDED');
        },
      );
      // rules.md §3.5 (annex 20): any day of the stay inside the suspension rejects the claim, not only the discharge day.
      it.each([
        ['admitted before, discharged inside', '2024-02-20', '2024-03-01'],
        ['admitted inside, discharged after', '2024-03-31', '2024-04-02'],
        ['spanning the whole suspension', '2024-02-20', '2024-04-01'],
      ])('rejects a stay %s as INSTITUTION_SUSPENDED', async (_name, admission, discharge) => {
        await expectRejected(suspended.id, discharge, 'INSTITUTION_SUSPENDED', admission);
      });
      it.each([
        ['2024-02-20', '2024-02-29'],
        ['2024-04-01', '2024-04-01'],
        ['2024-04-01', '2024-04-20'],
      ])('settles a stay from %s to %s, outside the suspension', async (admission, discharge) => {
        await expectSettled(suspended.id, discharge, admission);
      });
    });

    describe('a termination on 2024-05-01', () => {
      let terminated: { id: string; designationId: string | null };
      beforeAll(async () => {
        terminated = await hospital(w, 'CL-HOSP-TERM');
        const a = await loadAgreement(terminated.designationId!);
        await t.db.dataSource.transaction((em) =>
          t.app.services.agreements.terminate(em, a, '2024-05-01', '解除协议'),
        );
      });
      it.each(['2024-05-01', '2024-06-10'])(
        'rejects a discharge on %s as AGREEMENT_TERMINATED',
        async (day) => {
          await expectRejected(terminated.id, day, 'AGREEMENT_TERMINATED');
        },
      );
      it('settles a discharge the day before', async () => {
        await expectSettled(terminated.id, '2024-04-30');
      });
    });
  });

  // ------------------------------------------------------------------ 7. deadlines and payment (rules.md §3.4, §9)

  describe('deadlines, overdue and payment', () => {
    it('DIRECT declared 2024-04-26 is due 2024-05-20; overdue only after the due day', async () => {
      const p = await w.person();
      const c = await submit(claimInput(w, p, sn(), '50000.00', { declaredOn: '2024-04-26' }));
      expect(c.paymentDueOn).toBe('2024-05-20');
      expect(c.overdue).toBe(true); // today 2024-06-15, unpaid
      for (const [asOf, expected] of [
        ['2024-05-19', false],
        ['2024-05-20', false],
        ['2024-05-21', true],
      ] as const) {
        expect([asOf, await overdueOn(c.id, asOf)]).toEqual([asOf, expected]);
      }
    });

    it('MANUAL with materials received 2024-12-27 is due 2025-01-26 (an adjusted working Sunday)', async () => {
      const p = await w.person();
      const c = await clock.on('2024-12-27', () =>
        submit(
          claimInput(w, p, sn(), '50000.00', {
            channel: 'MANUAL',
            admissionDate: '2024-12-10',
            dischargeDate: '2024-12-20',
            declaredOn: '2024-12-27',
          }),
        ),
      );
      expect(c).toMatchObject({ channel: 'MANUAL', paymentDueOn: '2025-01-26' });
      expect(await overdueOn(c.id, '2025-01-26')).toBe(false);
      expect(await overdueOn(c.id, '2025-01-27')).toBe(true);
      // Paying it lies after today (the clock says 2024-06-15).
      const r = await t.gql(MARK_PAID, { id: c.id, on: '2024-12-30' }, agency());
      expect(refusal(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'paidOn' });
    });

    describe('markClaimPaid', () => {
      let claim: ClaimOut;
      beforeAll(async () => {
        const p = await w.person();
        claim = await submit(claimInput(w, p, sn(), '50000.00', { declaredOn: '2024-04-26' }));
      });

      it.each([
        { name: 'before declaredOn', on: '2024-04-25' },
        { name: 'after today', on: '2024-06-16' },
        { name: 'not a date', on: '2024-02-30' },
      ])('refuses a payment day $name on paidOn', async ({ on }) => {
        const before = await counts();
        const r = await t.gql(MARK_PAID, { id: claim.id, on }, agency());
        expect(refusal(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'paidOn' });
        expect(await counts()).toEqual(before);
        expect((await getClaim(claim.id))!).toMatchObject({ status: 'ADJUDICATED', paidOn: null });
      });

      it('marks it PAID; overdue then answers for the day asked about', async () => {
        const paid = ok(
          await t.gql<{ markClaimPaid: ClaimOut }>(
            MARK_PAID,
            { id: claim.id, on: '2024-06-01' },
            agency(),
          ),
        ).markClaimPaid;
        expect(paid).toMatchObject({
          id: claim.id,
          status: 'PAID',
          paidOn: '2024-06-01',
          overdue: false,
          benefit: '23400.00',
        });
        expect(await overdueOn(claim.id, '2024-05-25')).toBe(true);
        expect(await overdueOn(claim.id, '2024-06-01')).toBe(false);
        expect(await overdueOn(claim.id, '2024-05-20')).toBe(false);
      });

      it('answers the claim unchanged for the same day again, CONFLICT for another day', async () => {
        const before = await counts();
        const again = ok(
          await t.gql<{ markClaimPaid: ClaimOut }>(
            MARK_PAID,
            { id: claim.id, on: '2024-06-01' },
            agency(),
          ),
        ).markClaimPaid;
        expect(again).toMatchObject({ id: claim.id, status: 'PAID', paidOn: '2024-06-01' });
        expect(await counts()).toEqual(before);
        const r = await t.gql(MARK_PAID, { id: claim.id, on: '2024-06-02' }, agency());
        expect(refusal(r)).toEqual({ code: 'CONFLICT', field: 'paidOn' });
        expect((await getClaim(claim.id))!.paidOn).toBe('2024-06-01');
      });

      it.each([
        { name: 'on its declaration day', on: '2024-04-26' },
        { name: 'today', on: '2024-06-15' },
      ])('accepts a payment $name', async ({ on }) => {
        const p = await w.person();
        const c = await submit(claimInput(w, p, sn(), '50000.00', { declaredOn: '2024-04-26' }));
        const paid = ok(
          await t.gql<{ markClaimPaid: ClaimOut }>(MARK_PAID, { id: c.id, on }, agency()),
        ).markClaimPaid;
        expect(paid).toMatchObject({ status: 'PAID', paidOn: on });
      });

      it('refuses to pay a REJECTED claim or a claim without benefit', async () => {
        const none = await hospital(w, 'CL-HOSP-NOPAY', false);
        const p = await w.person();
        const rejected = await submit(
          claimInput(w, p, sn(), '50000.00', { institutionId: none.id }),
        );
        const zero = await submit(claimInput(w, p, sn(), '8000.00'));
        expect([rejected.status, zero.benefit]).toEqual(['REJECTED', '0.00']);
        for (const c of [rejected, zero]) {
          const before = await counts();
          const r = await t.gql(MARK_PAID, { id: c.id, on: '2024-06-01' }, agency());
          expect(refusal(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'claimId' });
          expect(await counts()).toEqual(before);
        }
      });
    });

    describe('overdueClaims', () => {
      let wo: ClaimWorld;
      type Key =
        | 'due0514'
        | 'due0520'
        | 'paidLate'
        | 'paidAfterDue'
        | 'notYetDue'
        | 'zero'
        | 'rejected'
        | 'reversed';
      const ids = {} as Record<Key, string>;
      const dues = {} as Record<Key, string>;
      beforeAll(async () => {
        wo = await claimWorld(t, 'OV');
        const none = await hospital(wo, 'OV-HOSP-NONE', false);
        const one = async (key: Key, eligible: string, over: Input = {}) => {
          const c = await submit(claimInput(wo, await wo.person(), sn('OV'), eligible, over));
          ids[key] = c.id;
          dues[key] = c.paymentDueOn;
          return c;
        };
        await one('due0520', '50000.00', { declaredOn: '2024-04-26' });
        await one('due0514', '50000.00', { declaredOn: '2024-04-22' });
        await one('paidLate', '50000.00', { declaredOn: '2024-05-06' });
        await one('paidAfterDue', '50000.00', { declaredOn: '2024-04-23' });
        await one('notYetDue', '50000.00', {
          admissionDate: '2024-05-20',
          dischargeDate: '2024-05-30',
          declaredOn: '2024-05-30',
        });
        await one('zero', '8000.00', { declaredOn: '2024-04-22' });
        await one('rejected', '50000.00', { declaredOn: '2024-04-22', institutionId: none.id });
        await one('reversed', '50000.00', { declaredOn: '2024-04-22' });
        ok(await t.gql(REVERSE, { id: ids.reversed, r: '冲正' }, agency()));
        ok(await t.gql(MARK_PAID, { id: ids.paidLate, on: '2024-06-14' }, agency()));
        ok(await t.gql(MARK_PAID, { id: ids.paidAfterDue, on: '2024-06-01' }, agency()));
      });
      const list = async (asOf: string, first?: number, after?: string) =>
        ok(
          await t.gql<{ overdueClaims: Array<{ id: string; paymentDueOn: string }> }>(
            OVERDUE_LIST,
            { a: asOf, ag: wo.agreementId, f: first, after },
            agency(),
          ),
        ).overdueClaims.map((c) => c.id);

      /** The claims `keys` in the list's order: earliest due first, then by id. */
      const byDue = (...keys: Key[]): string[] =>
        keys
          .map((k) => [dues[k], ids[k]] as const)
          .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]))
          .map(([, id]) => id);

      it('lists only claims with a benefit, not REJECTED, not reversed by asOf, unpaid on asOf, earliest due first', async () => {
        expect([dues.due0514, dues.paidAfterDue, dues.due0520, dues.reversed]).toEqual([
          '2024-05-14',
          '2024-05-15',
          '2024-05-20',
          '2024-05-14',
        ]);
        expect(dues.due0514 < dues.due0520 && dues.due0520 < dues.paidLate).toBe(true);
        expect(dues.notYetDue > '2024-06-10').toBe(true);
        // `reversed` was reversed on 2024-06-15 (the clock's day): before that it stood unpaid and overdue
        // (rules.md §3.4, "As of").
        expect(await list('2024-06-10')).toEqual(
          byDue('due0514', 'reversed', 'due0520', 'paidLate'),
        );
        // The due day itself is not overdue.
        expect(await list('2024-05-20')).toEqual(byDue('due0514', 'reversed', 'paidAfterDue'));
        expect(await list('2024-05-21')).toEqual(
          byDue('due0514', 'reversed', 'paidAfterDue', 'due0520'),
        );
        // On the day it is paid a claim is no longer overdue.
        expect(await list('2024-06-14')).toEqual(byDue('due0514', 'reversed', 'due0520'));
        // From the day of its reversal a claim is no longer overdue.
        expect(await list('2024-06-15')).toEqual(byDue('due0514', 'due0520'));
      });

      it.each([
        { name: 'first above 1 000', vars: { f: 1001 }, field: 'first' },
        { name: 'first below 0', vars: { f: -1 }, field: 'first' },
        { name: 'an after that is no claim', vars: { after: 'garbage' }, field: 'after' },
      ])('refuses $name', async ({ vars, field }) => {
        const r = await t.gql(
          OVERDUE_LIST,
          { a: '2024-06-10', ag: wo.agreementId, ...vars },
          agency(),
        );
        expect(refusal(r)).toEqual({ code: 'BAD_USER_INPUT', field });
      });

      it('pages with first and after', async () => {
        const all = byDue('due0514', 'reversed', 'due0520', 'paidLate');
        expect(await list('2024-06-10', 2)).toEqual(all.slice(0, 2));
        expect(await list('2024-06-10', 2, all[1])).toEqual(all.slice(2, 4));
        expect(await list('2024-06-10', 2, all[3])).toEqual([]);
        expect(await list('2024-06-10', 0)).toEqual([]);
      });
    });
  });

  // ------------------------------------------------------------------ 8. reviews and reversals (rules.md §3.3)

  describe('reviews and reversals', () => {
    const review = async (id: string, x: string, user: Caller = agency()): Promise<ClaimOut> =>
      ok(await t.gql<{ reviewClaim: ClaimOut }>(REVIEW, { id, x, r: '审核' }, user)).reviewClaim;

    it.each([
      {
        name: 'C = 50 000 after one claim of 50 000, X = 10 000',
        special: 'NONE',
        claims: ['50000.00'],
        reviewed: 0,
        x: '10000.00',
        delta: '-6000.00',
      },
      {
        name: 'X = 0 records a review that found nothing',
        special: 'NONE',
        claims: ['50000.00'],
        reviewed: 0,
        x: '0.00',
        delta: '0.00',
      },
      {
        name: 'a year at 700 000 (capped): X = 10 000 changes nothing',
        special: 'NONE',
        claims: ['300000.00', '400000.00'],
        reviewed: 1,
        x: '10000.00',
        delta: '0.00',
      },
      {
        name: 'taken at the top of the ledger: X = 300 000 of the first claim of a capped year',
        special: 'NONE',
        claims: ['300000.00', '400000.00'],
        reviewed: 0,
        x: '300000.00',
        // C = 700 000, C − X = 400 000: B(400 000) = 263 400, B(700 000) capped at 400 000.
        delta: '-136600.00',
      },
      {
        name: 'rounding: X = 0.01 of 12 345.67 leaves round2(B) unchanged',
        special: 'NONE',
        claims: ['12345.67'],
        reviewed: 0,
        x: '0.01',
        delta: '0.00',
      },
      {
        name: 'rounding: X = 0.03 of 12 345.67',
        special: 'NONE',
        claims: ['12345.67'],
        reviewed: 0,
        x: '0.03',
        delta: '-0.02',
      },
      {
        name: 'preferential: X = 60 000 of 150 000',
        special: 'POVERTY_RELAPSE',
        claims: ['150000.00'],
        reviewed: 0,
        x: '60000.00',
        delta: '-44000.00',
      },
    ])('$name → benefitDelta $delta', async ({ special, claims, reviewed, x, delta }) => {
      const p = await w.person(special, '2024-01-01');
      const made: ClaimOut[] = [];
      for (const e of claims) {
        made.push(await submit(claimInput(w, p, sn(), e)));
      }
      const acc = await accumulator(p);
      const target = made[reviewed]!;
      const after = await review(target.id, x);
      expect(after.adjustments).toEqual([
        { nonCompliantAmount: x, benefitDelta: delta, reason: '审核', kind: 'REVIEW' },
      ]);
      // The claim itself is not edited (append-only ledger).
      expect(after).toMatchObject({
        status: 'ADJUDICATED',
        benefit: target.benefit,
        eligibleSelfPay: target.eligibleSelfPay,
      });
      expect(await accumulator(p)).toEqual({
        ...acc,
        eligibleTotal: new Decimal(acc.eligibleTotal).minus(x).toFixed(2),
        benefitTotal: new Decimal(acc.benefitTotal).plus(delta).toFixed(2),
        remainingCap:
          acc.remainingCap === null ? null : new Decimal(acc.remainingCap).minus(delta).toFixed(2),
        entryCount: acc.entryCount + 1,
      });
      const ledger = await ledgerSums(p);
      expect(ledger).toEqual({
        eligible: new Decimal(acc.eligibleTotal).minus(x).toFixed(2),
        benefit: new Decimal(acc.benefitTotal).plus(delta).toFixed(2),
        n: claims.length + 1,
      });
    });

    describe('one claim of 50 000 reviewed, then reversed', () => {
      let person: string;
      let claim: ClaimOut;
      beforeAll(async () => {
        person = await w.person();
        claim = await submit(claimInput(w, person, sn(), '50000.00'));
      });

      it('reviews 10 000 and then 0', async () => {
        await review(claim.id, '10000.00');
        const c = await review(claim.id, '0.00');
        expect(c.adjustments.map((a) => [a.nonCompliantAmount, a.benefitDelta])).toEqual([
          ['10000.00', '-6000.00'],
          ['0.00', '0.00'],
        ]);
        expect(await accumulator(person)).toMatchObject({
          eligibleTotal: '40000.00',
          benefitTotal: '17400.00',
          entryCount: 3,
        });
      });

      it('refuses reviews beyond the claim’s eligible self-pay on nonCompliantAmount', async () => {
        const before = await counts();
        for (const x of ['40000.01', '50000.00']) {
          const r = await t.gql(REVIEW, { id: claim.id, x, r: '审核' }, agency());
          expect(refusal(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'nonCompliantAmount' });
        }
        const neg = await t.gql(REVIEW, { id: claim.id, x: '-1.00', r: '审核' }, agency());
        expect(refusal(neg)).toEqual({ code: 'BAD_USER_INPUT', field: 'nonCompliantAmount' });
        const cents = await t.gql(REVIEW, { id: claim.id, x: '1.001', r: '审核' }, agency());
        expect(refusal(cents)).toEqual({ code: 'BAD_USER_INPUT', field: 'nonCompliantAmount' });
        const blank = await t.gql(REVIEW, { id: claim.id, x: '1.00', r: '' }, agency());
        expect(refusal(blank)).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
        expect(await counts()).toEqual(before);
      });

      it('reverses what is left and marks the claim REVERSED', async () => {
        const c = ok(
          await t.gql<{ reverseClaim: ClaimOut }>(REVERSE, { id: claim.id, r: '冲正' }, agency()),
        ).reverseClaim;
        expect(c.status).toBe('REVERSED');
        expect(c.adjustments.at(-1)).toEqual({
          nonCompliantAmount: '40000.00',
          benefitDelta: '-17400.00',
          reason: '冲正',
          kind: 'REVERSAL',
        });
        expect(await accumulator(person)).toMatchObject({
          eligibleTotal: '0.00',
          benefitTotal: '0.00',
          entryCount: 4,
        });
        expect(c.overdue).toBe(false);
      });

      it('refuses to review or reverse a REVERSED claim', async () => {
        const before = await counts();
        const r1 = await t.gql(REVIEW, { id: claim.id, x: '0.00', r: '审核' }, agency());
        const r2 = await t.gql(REVERSE, { id: claim.id, r: '冲正' }, agency());
        expect([refusal(r1), refusal(r2)]).toEqual([
          { code: 'BAD_USER_INPUT', field: 'claimId' },
          { code: 'BAD_USER_INPUT', field: 'claimId' },
        ]);
        expect(await counts()).toEqual(before);
      });

      it('keeps the accumulator equal to the sums of its ledger entries', async () => {
        const acc = await accumulator(person);
        expect(await ledgerSums(person)).toEqual({
          eligible: acc.eligibleTotal,
          benefit: acc.benefitTotal,
          n: acc.entryCount,
        });
      });

      it('the database refuses UPDATE and DELETE on ledger_entry', async () => {
        const before = await ledgerSums(person);
        await expect(
          t.db.dataSource.query(
            `UPDATE ledger_entry SET reason = 'edited' WHERE insured_person_id = $1`,
            [person],
          ),
        ).rejects.toThrow();
        await expect(
          t.db.dataSource.query(`DELETE FROM ledger_entry WHERE insured_person_id = $1`, [person]),
        ).rejects.toThrow();
        expect(await ledgerSums(person)).toEqual(before);
      });
    });

    it('refuses to review or reverse a REJECTED claim', async () => {
      const none = await hospital(w, 'CL-HOSP-NOREV', false);
      const c = await submit(
        claimInput(w, await w.person(), sn(), '50000.00', { institutionId: none.id }),
      );
      expect(c.status).toBe('REJECTED');
      const before = await counts();
      const r1 = await t.gql(REVIEW, { id: c.id, x: '0.00', r: '审核' }, agency());
      const r2 = await t.gql(REVERSE, { id: c.id, r: '冲正' }, agency());
      expect([refusal(r1), refusal(r2)]).toEqual([
        { code: 'BAD_USER_INPUT', field: 'claimId' },
        { code: 'BAD_USER_INPUT', field: 'claimId' },
      ]);
      expect(await counts()).toEqual(before);
    });

    it('reviews a PAID claim (先支付后审核)', async () => {
      const c = await submit(claimInput(w, await w.person(), sn(), '50000.00'));
      ok(await t.gql(MARK_PAID, { id: c.id, on: '2024-06-01' }, agency()));
      const reviewed = await review(c.id, '10000.00');
      expect(reviewed.status).toBe('PAID');
      expect(reviewed.adjustments[0]!.benefitDelta).toBe('-6000.00');
    });
  });

  // ------------------------------------------------------------------ 9. access (runtime.md)

  describe('access by role', () => {
    let wa: ClaimWorld;
    let other: { id: string; designationId: string | null };
    let strangerInsurer: string;
    let person: string;
    let otherPerson: string;
    let ownClaim: ClaimOut;
    let otherClaim: ClaimOut;
    const inst = () => institutionUser(wa.hospitalId);
    beforeAll(async () => {
      wa = await claimWorld(t, 'AC');
      other = await hospital(wa, 'AC-HOSP-2');
      strangerInsurer = await createOrg('AC-INS-2', 'INSURER', '410000');
      // Party B of another critical-illness agreement, so its claim scope is not empty.
      await createAgreement({
        code: 'AC-CI-ZZ',
        kind: 'CRITICAL_ILLNESS',
        partyAId: wa.agencyId,
        partyBId: strangerInsurer,
        regionCode: '410100',
        coveredRegions: ['410100'],
        effectiveFrom: '2024-01-01',
        effectiveTo: '2024-12-31',
      });
      person = await wa.person();
      otherPerson = await wa.person();
      ownClaim = await submit(claimInput(wa, person, sn('AC'), '50000.00'));
      otherClaim = await submit(
        claimInput(wa, otherPerson, sn('AC'), '50000.00', { institutionId: other.id }),
      );
    });

    it.each([
      {
        name: 'submitClaim',
        run: () => t.gql(SUBMIT, { i: claimInput(wa, person, sn(), '1.00') }, reporting()),
      },
      { name: 'claim', run: () => t.gql(GET, { id: ownClaim.id }, reporting()) },
      { name: 'claims', run: () => t.gql(LIST, {}, reporting()) },
      {
        name: 'benefitQuote',
        run: () =>
          t.gql(
            QUOTE,
            { i: { agreementId: wa.agreementId, eligibleSelfPay: '50000.00' } },
            reporting(),
          ),
      },
      {
        name: 'markClaimPaid',
        run: () => t.gql(MARK_PAID, { id: ownClaim.id, on: '2024-06-01' }, reporting()),
      },
      {
        name: 'reviewClaim',
        run: () => t.gql(REVIEW, { id: ownClaim.id, x: '0.00', r: 'x' }, reporting()),
      },
      {
        name: 'overdueClaims',
        run: () => t.gql(OVERDUE_LIST, { a: '2024-06-15' }, reporting()),
      },
      {
        name: 'insuredPerson',
        run: () =>
          t.gql(`query($id: ID!) { insuredPerson(id: $id) { id } }`, { id: person }, reporting()),
      },
    ])('REPORTING is FORBIDDEN on $name', async ({ run }) => {
      const before = await counts();
      expect(refusal(await run()).code).toBe('FORBIDDEN');
      expect(await counts()).toEqual(before);
    });

    it('an INSURER that is not party B finds neither the agreement nor the claim', async () => {
      const user = insurer(strangerInsurer);
      const before = await counts();
      const r = await t.gql(SUBMIT, { i: claimInput(wa, person, sn(), '1000.00') }, user);
      expect(refusal(r)).toEqual({ code: 'NOT_FOUND', field: 'input.agreementId' });
      expect(await getClaim(ownClaim.id, user)).toBeNull();
      const paid = await t.gql(MARK_PAID, { id: ownClaim.id, on: '2024-06-01' }, user);
      expect(refusal(paid)).toEqual({ code: 'NOT_FOUND', field: 'claimId' });
      const reviewed = await t.gql(REVIEW, { id: ownClaim.id, x: '0.00', r: 'x' }, user);
      expect(refusal(reviewed)).toEqual({ code: 'NOT_FOUND', field: 'claimId' });
      expect(await counts()).toEqual(before);
    });

    it('the INSURER that is party B submits, reads, marks paid and reviews', async () => {
      const user = insurer(wa.insurerId);
      const p = await wa.person();
      const c = await submit(claimInput(wa, p, sn('AC'), '50000.00'), user);
      expect(c.benefit).toBe('23400.00');
      expect((await getClaim(c.id, user))?.id).toBe(c.id);
      const paid = ok(
        await t.gql<{ markClaimPaid: ClaimOut }>(MARK_PAID, { id: c.id, on: '2024-06-01' }, user),
      ).markClaimPaid;
      expect(paid.status).toBe('PAID');
      // Its review of a DIRECT claim is a proposal until the local agency confirms it (rules.md §10.2): nothing on
      // the ledger yet. Its review of a MANUAL claim applies at once.
      const proposed = ok(
        await t.gql<{ reviewClaim: ClaimOut }>(
          REVIEW,
          { id: c.id, x: '10000.00', r: '审核' },
          user,
        ),
      ).reviewClaim;
      expect(proposed.adjustments).toEqual([]);
      const manual = await submit(
        claimInput(wa, await wa.person(), sn('AC'), '50000.00', { channel: 'MANUAL' }),
        user,
      );
      const reviewed = ok(
        await t.gql<{ reviewClaim: ClaimOut }>(
          REVIEW,
          { id: manual.id, x: '10000.00', r: '审核' },
          user,
        ),
      ).reviewClaim;
      expect(reviewed.adjustments.map((a) => a.benefitDelta)).toEqual(['-6000.00']);
    });

    it('an INSTITUTION submits as the claim’s institution only', async () => {
      const p = await wa.person();
      const c = await submit(claimInput(wa, p, sn('AC'), '50000.00'), inst());
      expect(c).toMatchObject({ status: 'ADJUDICATED', institution: { id: wa.hospitalId } });
      const before = await counts();
      const r = await t.gql(
        SUBMIT,
        { i: claimInput(wa, p, sn('AC'), '50000.00', { institutionId: other.id }) },
        inst(),
      );
      expect(refusal(r)).toEqual({ code: 'NOT_FOUND', field: 'input.institutionId' });
      expect(await counts()).toEqual(before);
    });

    it('an INSTITUTION reads its own claims only', async () => {
      expect((await getClaim(ownClaim.id, inst()))?.id).toBe(ownClaim.id);
      expect(await getClaim(otherClaim.id, inst())).toBeNull();
      const page = ok(
        await t.gql<{
          claims: { totalCount: number; nodes: Array<{ institution: { id: string } }> };
        }>(LIST, { f: { agreementId: wa.agreementId }, first: 100 }, inst()),
      ).claims;
      expect(page.totalCount).toBeGreaterThan(0);
      expect(page.nodes.every((n) => n.institution.id === wa.hospitalId)).toBe(true);
      const all = ok(
        await t.gql<{ claims: { totalCount: number } }>(
          LIST,
          { f: { agreementId: wa.agreementId }, first: 100 },
          agency(),
        ),
      ).claims;
      expect(all.totalCount).toBeGreaterThan(page.totalCount);
    });

    it.each([
      {
        name: 'markClaimPaid',
        query: MARK_PAID,
        vars: () => ({ id: ownClaim.id, on: '2024-06-01' }),
      },
      { name: 'reviewClaim', query: REVIEW, vars: () => ({ id: ownClaim.id, x: '0.00', r: 'x' }) },
      { name: 'reverseClaim', query: REVERSE, vars: () => ({ id: ownClaim.id, r: 'x' }) },
    ])('an INSTITUTION is FORBIDDEN on $name', async ({ query, vars }) => {
      const before = await counts();
      expect(refusal(await t.gql(query, vars(), inst())).code).toBe('FORBIDDEN');
      expect(await counts()).toEqual(before);
    });

    it('an INSURER with a handling agreement reads the claims of its regions but may not change them', async () => {
      const handler = await createOrg('AC-INS-HANDLING', 'INSURER', '410300');
      await createAgreement({
        code: 'AC-HANDLING',
        kind: 'COMMISSIONED_HANDLING',
        partyAId: wa.agencyId,
        partyBId: handler,
        regionCode: '410300',
        effectiveFrom: '2024-01-01',
        effectiveTo: '2025-12-31',
      });
      const user = insurer(handler);
      expect((await getClaim(ownClaim.id, user))?.id).toBe(ownClaim.id);
      const before = await counts();
      const paid = await t.gql(MARK_PAID, { id: ownClaim.id, on: '2024-06-01' }, user);
      expect(refusal(paid)).toEqual({ code: 'NOT_FOUND', field: 'claimId' });
      const reviewed = await t.gql(REVIEW, { id: ownClaim.id, x: '0.00', r: 'x' }, user);
      expect(refusal(reviewed)).toEqual({ code: 'NOT_FOUND', field: 'claimId' });
      const submitted = await t.gql(SUBMIT, { i: claimInput(wa, person, sn(), '1.00') }, user);
      expect(refusal(submitted)).toEqual({ code: 'NOT_FOUND', field: 'input.agreementId' });
      expect(await counts()).toEqual(before);
    });

    it('an INSTITUTION sees only its own claims under a person and in claimStats', async () => {
      const shared = await wa.person();
      const mine = await submit(claimInput(wa, shared, sn('AC'), '50000.00'));
      await submit(claimInput(wa, shared, sn('AC'), '20000.00', { institutionId: other.id }));
      const r = ok(
        await t.gql<{
          insuredPerson: { claims: { totalCount: number; nodes: Array<{ id: string }> } };
        }>(
          `query($id: ID!) { insuredPerson(id: $id) { claims { totalCount nodes { id } } } }`,
          { id: shared },
          inst(),
        ),
      ).insuredPerson.claims;
      expect(r).toEqual({ totalCount: 1, nodes: [{ id: mine.id }] });
      const stats = async (user: Caller) =>
        ok(
          await t.gql<{ claimStats: Array<{ claimCount: number; eligibleSelfPay: string }> }>(
            `query($f: ClaimFilter, $g: [ClaimGroupBy!]!) {
              claimStats(filter: $f, groupBy: $g) { claimCount eligibleSelfPay }
            }`,
            { f: { insuredPersonId: shared }, g: [] },
            user,
          ),
        ).claimStats;
      expect(await stats(inst())).toEqual([{ claimCount: 1, eligibleSelfPay: '50000.00' }]);
      expect(await stats(agency())).toEqual([{ claimCount: 2, eligibleSelfPay: '70000.00' }]);
    });

    it('an AGENCY outside the person’s regions finds neither the person nor the claim', async () => {
      const user = agency(['51']);
      const before = await counts();
      const r = await t.gql(SUBMIT, { i: claimInput(wa, person, sn('AC'), '1000.00') }, user);
      expect(refusal(r)).toEqual({ code: 'NOT_FOUND', field: 'input.insuredPersonId' });
      expect(await getClaim(ownClaim.id, user)).toBeNull();
      const paid = await t.gql(MARK_PAID, { id: ownClaim.id, on: '2024-06-01' }, user);
      expect(refusal(paid)).toEqual({ code: 'NOT_FOUND', field: 'claimId' });
      expect(await counts()).toEqual(before);
    });

    it('an INSTITUTION reads the persons of its own claims, masked, and no others', async () => {
      const q = `query($id: ID!) { insuredPerson(id: $id) { id idNumber } }`;
      const own = ok(
        await t.gql<{ insuredPerson: { id: string; idNumber: string } | null }>(
          q,
          { id: person },
          inst(),
        ),
      ).insuredPerson;
      expect(own?.id).toBe(person);
      expect(own?.idNumber).toMatch(/^410302\*{11}[0-9X]$/);
      const others = ok(
        await t.gql<{ insuredPerson: unknown }>(q, { id: otherPerson }, inst()),
      ).insuredPerson;
      expect(others).toBeNull();
    });

    describe('claimStats', () => {
      let ws: ClaimWorld;
      beforeAll(async () => {
        ws = await claimWorld(t, 'ST');
        const luoyang = await ws.person('NONE', '2024-01-01', '410302');
        const yibin = await ws.person('NONE', '2024-01-01', '410311');
        const april = await submit(claimInput(ws, luoyang, sn('ST'), '50000.00'));
        await submit(
          claimInput(ws, luoyang, sn('ST'), '20000.00', {
            admissionDate: '2024-05-10',
            dischargeDate: '2024-05-20',
            declaredOn: '2024-05-24',
          }),
        );
        await submit(claimInput(ws, yibin, sn('ST'), '30000.00'));
        // C = 70 000: B(60 000) − B(70 000) = −6 000.
        ok(await t.gql(REVIEW, { id: april.id, x: '10000.00', r: '审核' }, agency()));
      });
      const stats = async (user: Caller) =>
        ok(
          await t.gql<{ claimStats: unknown[] }>(
            STATS,
            { f: { agreementId: ws.agreementId }, g: ['REGION', 'MONTH'] },
            user,
          ),
        ).claimStats;
      const expected = [
        {
          keys: ['410302', '2024-04'],
          claimCount: 1,
          totalCost: '51000.00',
          eligibleSelfPay: '50000.00',
          benefit: '17400.00',
        },
        {
          keys: ['410302', '2024-05'],
          claimCount: 1,
          totalCost: '21000.00',
          eligibleSelfPay: '20000.00',
          benefit: '12000.00',
        },
        {
          keys: ['410311', '2024-04'],
          claimCount: 1,
          totalCost: '31000.00',
          eligibleSelfPay: '30000.00',
          benefit: '11400.00',
        },
      ];
      it('groups by [REGION, MONTH] for REPORTING in its regions, benefit net of reviews', async () => {
        expect(await stats(reporting())).toEqual(expected);
        expect(await stats(agency())).toEqual(expected);
      });
      it('answers nothing outside the caller’s regions', async () => {
        expect(await stats(reporting(['51']))).toEqual([]);
        expect(await stats(reporting(['410311']))).toEqual([expected[2]]);
      });
    });
  });

  // ------------------------------------------------------------------ 10. chunks and SQL statement count

  describe('a large batch and the statements of a claim list', () => {
    let wb: ClaimWorld;
    const persons: string[] = [];
    const EACH = '1234.57';
    const PER_PERSON = 50;
    beforeAll(async () => {
      wb = await claimWorld(t, 'BG');
      for (let i = 0; i < 5; i++) {
        persons.push(await wb.person());
      }
    });

    it('adjudicates 250 inputs across transaction chunks in list order, with no rounding drift', async () => {
      const inputs = Array.from({ length: PER_PERSON * persons.length }, (_, i) =>
        claimInput(wb, persons[i % persons.length]!, sn('BG'), EACH),
      );
      const batch = await submitMany(inputs);
      expect(batch.errors).toEqual([]);
      expect(batch.claims.map((c) => c.settlementNumber)).toEqual(
        inputs.map((i) => i.settlementNumber),
      );
      // B(50 × 1 234.57 = 61 728.50) = 0.6 × 50 728.50 = 30 437.10 for every person.
      for (const p of persons) {
        const mine = batch.claims.filter((c) => c.insuredPerson.id === p);
        expect(mine).toHaveLength(PER_PERSON);
        mine.forEach((c, k) => {
          expect(c.cumulativeBefore).toBe(new Decimal(EACH).times(k).toFixed(2));
        });
        expect(sum(mine.map((c) => c.benefit))).toBe('30437.10');
        expect(await accumulator(p)).toMatchObject({
          eligibleTotal: '61728.50',
          benefitTotal: '30437.10',
          entryCount: PER_PERSON,
        });
      }
    });

    it('writes one audit row per transaction chunk of 200, naming its claims', async () => {
      const rows: Array<{ n: number }> = await t.db.dataSource.query(
        `SELECT cardinality(ids)::int AS n FROM audit_trail
          WHERE operation = 'submitClaims' AND ids && $1::text[] ORDER BY id`,
        [
          (
            await t.db.dataSource.query<Array<{ id: string }>>(
              `SELECT id::text AS id FROM claim WHERE agreement_id = $1`,
              [wb.agreementId],
            )
          ).map((r) => r.id),
        ],
      );
      expect(rows.map((r) => r.n)).toEqual([200, 50]);
    });

    /**
     * Counting statements: TypeORM's PostgresQueryRunner sends every statement through `query` of a node-postgres
     * client that it checks out with `driver.master.connect(callback)` (a pg Pool on PostgreSQL; a pg Pool over PGlite's
     * node-postgres adapter in embedded mode). We wrap `connect` so that every client it hands out has its `query`
     * wrapped once, and count the calls made while a request runs. Raw `dataSource.query` goes the same way, so nothing
     * can reach the database unseen.
     */
    const statementsOf = async (run: () => Promise<unknown>): Promise<string[]> => {
      type Query = (...args: unknown[]) => unknown;
      interface Client {
        query: Query;
      }
      type Callback = (err: unknown, client: Client | undefined, release: unknown) => void;
      interface Pool {
        connect(cb?: Callback): unknown;
      }
      const pool = (t.db.dataSource.driver as unknown as { master: Pool }).master;
      const seen: string[] = [];
      const wrapped = new WeakSet<Client>();
      const wrap = (client: Client | undefined) => {
        if (client && !wrapped.has(client)) {
          const hadOwn = Object.hasOwn(client, 'query');
          const previous = client.query;
          client.query = (...args: unknown[]) => {
            const first = args[0];
            seen.push(typeof first === 'string' ? first : JSON.stringify(first));
            return previous.apply(client, args);
          };
          wrapped.add(client);
          restore.push(() => {
            if (hadOwn) {
              client.query = previous;
            } else {
              delete (client as { query?: Query }).query;
            }
          });
        }
        return client;
      };
      const restore: Array<() => void> = [];
      const connect = pool.connect.bind(pool);
      pool.connect = (cb?: Callback) => {
        if (!cb) {
          return (connect() as Promise<Client>).then(wrap);
        }
        return connect((err, client, release) => cb(err, wrap(client), release));
      };
      try {
        await run();
      } finally {
        pool.connect = connect;
        restore.forEach((r) => r());
      }
      return seen;
    };

    it('claims(first: 1) and claims(first: 100) issue the same number of SQL statements', async () => {
      const q = `query($f: ClaimFilter, $first: Int) { claims(filter: $f, first: $first) {
        totalCount nodes { id insuredPerson { name } institution { name } agreement { code } }
      } }`;
      const page = async (first: number) => {
        let nodes = 0;
        const statements = await statementsOf(async () => {
          const r = ok(
            await t.gql<{
              claims: {
                totalCount: number;
                nodes: Array<{ insuredPerson: { name: string }; agreement: { code: string } }>;
              };
            }>(q, { f: { agreementId: wb.agreementId }, first }, agency()),
          ).claims;
          expect(r.totalCount).toBe(250);
          expect(
            r.nodes.every((n) => n.insuredPerson.name === '测试' && n.agreement.code === 'BG-CI'),
          ).toBe(true);
          nodes = r.nodes.length;
        });
        return { nodes, statements };
      };
      const one = await page(1);
      const hundred = await page(100);
      expect([one.nodes, hundred.nodes]).toEqual([1, 100]);
      expect(one.statements.length).toBeGreaterThan(0);
      expect(hundred.statements.length).toBe(one.statements.length);
      // The count, the page, and one batched load per relation (person, institution, agreement).
      expect(hundred.statements.length).toBeLessThanOrEqual(5);
    });
  });
});
