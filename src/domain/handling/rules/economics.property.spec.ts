import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { Money, roundToCents, ZERO } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import { clearFund, type FundClearingInput, profitCap } from '../../fund/rules/fund-clearing.rule';
import { annualFee, feeStatement, quarterlyFee } from './handling-fee.rule';

/**
 * Properties of the money rules of rules.md §4 and §5 over random inputs: the quarterly fees add back to the annual
 * fee, the quarters differ by fen only, a statement's parts add to its net, and a year-end clearing's parts add back
 * to its result. Money is whole fen divided by 100 (exactly two decimals); rates are whole basis points.
 */

const RUNS = { numRuns: 1000 };

const H = DEFAULT_TERMS[AgreementKind.COMMISSIONED_HANDLING];
const CI = DEFAULT_TERMS[AgreementKind.CRITICAL_ILLNESS];

const fen = (n: number): Decimal => new Money(n).div(100);
const fenArb = (min: number, max: number): fc.Arbitrary<Decimal> =>
  fc.integer({ min, max }).map(fen);
const bpArb = (min: number, max: number): fc.Arbitrary<Decimal> =>
  fc.integer({ min, max }).map((n) => new Money(n).div(10_000));
const sum = (xs: readonly Decimal[]): Decimal => xs.reduce((s, x) => s.plus(x), ZERO);
const isCents = (x: Decimal): boolean => x.decimalPlaces() <= 2;

/** 0 to 10^8 insured, with the small counts and the edges now and then. */
const countArb = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 100_000_000 }), weight: 6 },
  { arbitrary: fc.integer({ min: 0, max: 20 }), weight: 2 },
  { arbitrary: fc.constantFrom(0, 1, 2, 3, 4_800_003, 100_000_000), weight: 1 },
);
/** 0.01 to 100.00 per person and year, two decimals; the contract's 1.50 now and then. */
const priceArb = fc.oneof(
  { arbitrary: fenArb(1, 10_000), weight: 4 },
  { arbitrary: fc.constant(H.feePerPersonYear), weight: 1 },
);

describe('quarterly fees (rules.md §5)', () => {
  it('the four quarters sum to the annual fee, each has two decimals', () => {
    fc.assert(
      fc.property(countArb, priceArb, (count, price) => {
        const annual = annualFee(price, count);
        const quarters = [1, 2, 3, 4].map((q) => quarterlyFee(annual, q));
        expect(annual.equals(price.times(count))).toBe(true); // exact: two decimals × an integer
        expect(sum(quarters).equals(annual)).toBe(true);
        expect(quarters.every(isCents)).toBe(true);
      }),
      RUNS,
    );
  });

  it('Q1–Q3 are equal and each differs from Q4 by at most 0.03 (in fact by −0.02 to +0.01)', () => {
    fc.assert(
      fc.property(countArb, priceArb, (count, price) => {
        const annual = annualFee(price, count);
        const [q1, q2, q3, q4] = [1, 2, 3, 4].map((q) => quarterlyFee(annual, q)) as [
          Decimal,
          Decimal,
          Decimal,
          Decimal,
        ];
        expect(q1.equals(q2) && q2.equals(q3)).toBe(true);
        for (const q of [q1, q2, q3]) {
          expect(q.minus(q4).abs().lte('0.03')).toBe(true);
        }
        // Q4 − Q1 = annual − 4 × Q1 = 4 × (annual / 4 − Q1) ∈ {0, +0.01, −0.02, −0.01} by the annual's fen mod 4
        const r = annual.times(100).mod(4).toNumber();
        expect(q4.minus(q1).toFixed(2)).toBe(['0.00', '0.01', '-0.02', '-0.01'][r]);
        // Q1 is the quarter rounded half-up
        expect(q1.equals(roundToCents(annual.div(4)))).toBe(true);
      }),
      RUNS,
    );
  });

  it('a statement: every part has two decimals and net = fee − deduction − damages + reward', () => {
    fc.assert(
      fc.property(
        countArb,
        priceArb,
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.constantFrom('0', '0.02', '0.05'), { nil: null }),
        fc.boolean(),
        fenArb(0, 100_000_000_000),
        fc.oneof(fc.constant(H.savingsRewardRate), bpArb(0, 10_000)),
        (count, price, quarter, rate, breached, reductions, rewardRate) => {
          const annual = annualFee(price, count);
          const s = feeStatement({
            annual,
            quarter,
            auditDeductionRate: rate === null ? null : new Money(rate),
            breached,
            breachDamagesRate: H.breachDamagesRate,
            reviewReductions: reductions,
            savingsRewardRate: rewardRate,
          });
          const fee = quarterlyFee(annual, quarter);
          expect(s.quarterlyFee.equals(fee)).toBe(true);
          expect(
            s.auditDeduction.equals(rate === null ? ZERO : roundToCents(fee.times(rate))),
          ).toBe(true);
          expect(s.breachDamages.equals(breached ? roundToCents(fee.times('0.02')) : ZERO)).toBe(
            true,
          );
          expect(s.savingsReward.equals(roundToCents(reductions.times(rewardRate)))).toBe(true);
          expect(
            s.netPayable.equals(
              s.quarterlyFee.minus(s.auditDeduction).minus(s.breachDamages).plus(s.savingsReward),
            ),
          ).toBe(true);
          expect(
            [
              s.quarterlyFee,
              s.auditDeduction,
              s.breachDamages,
              s.savingsReward,
              s.netPayable,
            ].every(isCents),
          ).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

/** Raised 0 to 10^10 yuan; benefits around it (0 to 1.3 × raised, or anything up to 10^10). */
const clearingArb: fc.Arbitrary<FundClearingInput> = fc
  .record({
    raisedFen: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 1_000_000_000_000 }), weight: 5 },
      { arbitrary: fc.integer({ min: 0, max: 10_000 }), weight: 1 },
      { arbitrary: fc.constant(200_000_000), weight: 1 },
    ),
    benefitsShare: fc.integer({ min: 0, max: 13_000 }),
    benefitsFree: fc.option(fc.integer({ min: 0, max: 1_000_000_000_000 }), { nil: null }),
    rates: fc.oneof(
      fc.constant({
        riskReserveRate: CI.riskReserveRate,
        assessmentDepositRate: CI.assessmentDepositRate,
        profitCapRate: CI.profitCapRate,
      }),
      fc.record({
        riskReserveRate: bpArb(0, 2_000),
        assessmentDepositRate: bpArb(0, 2_000),
        profitCapRate: bpArb(0, 2_000),
      }),
    ),
    depositReturnRatio: fc.oneof(
      fc.constantFrom(new Money(1), new Money(0), new Money('0.5')),
      bpArb(0, 10_000),
    ),
    policyLoss: fc.boolean(),
  })
  .map(({ raisedFen, benefitsShare, benefitsFree, rates, depositReturnRatio, policyLoss }) => {
    const raised = fen(raisedFen);
    const benefits =
      benefitsFree === null
        ? roundToCents(raised.times(benefitsShare).div(10_000))
        : fen(benefitsFree);
    return { raised, benefits, ...rates, depositReturnRatio, policyLoss };
  });

describe('year-end clearing (rules.md §4)', () => {
  it('available = raised − reserve − deposit + returned; surplus = available − benefits; all in fen', () => {
    fc.assert(
      fc.property(clearingArb, (i) => {
        const v = clearFund(i);
        expect(v.riskReserve.equals(roundToCents(i.raised.times(i.riskReserveRate)))).toBe(true);
        expect(
          v.assessmentDeposit.equals(roundToCents(i.raised.times(i.assessmentDepositRate))),
        ).toBe(true);
        expect(
          v.depositReturned.equals(roundToCents(v.assessmentDeposit.times(i.depositReturnRatio))),
        ).toBe(true);
        expect(v.depositReturned.lte(v.assessmentDeposit)).toBe(true);
        expect(
          v.availableToInsurer.equals(
            i.raised.minus(v.riskReserve).minus(v.assessmentDeposit).plus(v.depositReturned),
          ),
        ).toBe(true);
        expect(v.surplus.equals(v.availableToInsurer.minus(i.benefits))).toBe(true);
        expect(Object.values(v).every((x: Decimal) => isCents(x))).toBe(true);
      }),
      RUNS,
    );
  });

  it('a surplus (≥ 0): retained + treasury = surplus, retained ≤ the 3% cap, no loss parts', () => {
    fc.assert(
      fc.property(clearingArb, (i) => {
        const v = clearFund(i);
        fc.pre(!v.surplus.isNegative());
        const cap = profitCap(i.raised, i.profitCapRate);
        expect(v.insurerRetained.plus(v.toTreasury).equals(v.surplus)).toBe(true);
        expect(v.insurerRetained.equals(minOf(v.surplus, cap))).toBe(true);
        // The cap is a ceiling (art. 23 "以内"; rules.md §4): 3% × raised rounded down, never above the exact share.
        expect(v.insurerRetained.lte(cap)).toBe(true);
        expect(v.insurerRetained.lte(i.raised.times(i.profitCapRate))).toBe(true);
        expect(v.insurerRetained.isNegative() || v.toTreasury.isNegative()).toBe(false);
        expect(
          [v.insurerBearsLoss, v.fromRiskReserve, v.carriedForward].every((x) => x.isZero()),
        ).toBe(true);
      }),
      RUNS,
    );
  });

  it('a loss: bears + reserve + carried = −surplus, each ≥ 0, reserve use ≤ reserve, nothing retained', () => {
    fc.assert(
      fc.property(clearingArb, (i) => {
        const v = clearFund(i);
        fc.pre(v.surplus.isNegative());
        const loss = v.surplus.negated();
        const cap = profitCap(i.raised, i.profitCapRate);
        expect(v.insurerBearsLoss.plus(v.fromRiskReserve).plus(v.carriedForward).equals(loss)).toBe(
          true,
        );
        expect(
          [v.insurerBearsLoss, v.fromRiskReserve, v.carriedForward].every((x) => !x.isNegative()),
        ).toBe(true);
        expect(v.fromRiskReserve.lte(v.riskReserve)).toBe(true);
        expect(v.insurerRetained.isZero() && v.toTreasury.isZero()).toBe(true);
        if (i.policyLoss) {
          // the insurer within its margin, then the reserve, then next year (art. 24)
          expect(v.insurerBearsLoss.equals(minOf(loss, cap))).toBe(true);
          expect(
            v.fromRiskReserve.equals(minOf(loss.minus(v.insurerBearsLoss), v.riskReserve)),
          ).toBe(true);
          expect(v.carriedForward.isZero() || v.fromRiskReserve.equals(v.riskReserve)).toBe(true);
        } else {
          // non-policy: the insurer bears all (art. 24)
          expect(v.insurerBearsLoss.equals(loss)).toBe(true);
          expect(v.fromRiskReserve.isZero() && v.carriedForward.isZero()).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('with the whole deposit returned, available = raised − risk reserve', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (raisedFen) => {
        const raised = fen(raisedFen);
        const v = clearFund({
          raised,
          benefits: ZERO,
          riskReserveRate: CI.riskReserveRate,
          assessmentDepositRate: CI.assessmentDepositRate,
          profitCapRate: CI.profitCapRate,
          depositReturnRatio: new Money(1),
          policyLoss: false,
        });
        expect(v.depositReturned.equals(v.assessmentDeposit)).toBe(true);
        expect(v.availableToInsurer.equals(raised.minus(v.riskReserve))).toBe(true);
      }),
      RUNS,
    );
  });
});

/** `min` on the project's constructor (keeps the comparisons in `Money`). */
function minOf(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}
