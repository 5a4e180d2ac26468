import Decimal from 'decimal.js';
import { Money, roundToCents, ZERO } from '../../../shared/money';

export interface FundClearingInput {
  /** 筹集资金总额 of the year (Henan art. 20). */
  readonly raised: Decimal;
  /** Benefits of the year: claims discharged in the year, after adjustments. */
  readonly benefits: Decimal;
  readonly riskReserveRate: Decimal;
  readonly assessmentDepositRate: Decimal;
  readonly profitCapRate: Decimal;
  /** Share of the deposit the annual assessment returns (arts. 22, 36), 0 to 1. */
  readonly depositReturnRatio: Decimal;
  /** Whether a loss, if any, was caused by a policy change (art. 24). */
  readonly policyLoss: boolean;
}

export interface FundClearingValue {
  readonly raisedAmount: Decimal;
  readonly benefitsPaid: Decimal;
  readonly riskReserve: Decimal;
  readonly assessmentDeposit: Decimal;
  readonly depositReturned: Decimal;
  readonly availableToInsurer: Decimal;
  readonly surplus: Decimal;
  readonly insurerRetained: Decimal;
  readonly toTreasury: Decimal;
  readonly insurerBearsLoss: Decimal;
  readonly fromRiskReserve: Decimal;
  readonly carriedForward: Decimal;
}

/**
 * The insurer's margin cap (Henan art. 23: "控制在当年筹集大病保险资金总额的3%以内"; rules.md §4): `profitCapRate × raised`
 * rounded **down** to the fen — "以内" is a ceiling, so the cap never exceeds the exact share (raised 1 000 000.50 →
 * 30 000.015 → 30 000.01, never 30 000.02). Every other amount of the clearing is rounded half-up.
 */
export const profitCap = (raised: Decimal, profitCapRate: Decimal): Decimal =>
  new Money(raised).times(profitCapRate).toDecimalPlaces(2, Decimal.ROUND_DOWN);

/**
 * Year-end clearing (Henan arts. 22–24; rules.md §4), every flow counted once:
 * risk reserve and deposit held back (5% and 3% of the raised funds, rounded half-up); `depositReturned = deposit ×
 * ratio` (half-up);
 * `available = raised − reserve − deposit + depositReturned`; `surplus = available − benefits`.
 * - surplus ≥ 0: the insurer keeps `min(surplus, cap)`, the rest goes to the provincial treasury, where `cap` is
 *   {@link profitCap}: `profitCapRate × raised` rounded down to the fen (art. 23: a ceiling);
 * - a loss `L` caused by a policy change: the insurer bears `min(L, cap)` — the same cap —, the risk reserve covers what it
 *   can of the rest, the remainder is carried to next year's funding;
 * - a loss not caused by policy: the insurer bears all of it.
 * The parts always add back: retained + treasury = surplus ≥ 0; bears + reserve + carried = −surplus for a loss.
 */
export const clearFund = (i: FundClearingInput): FundClearingValue => {
  const riskReserve = roundToCents(i.raised.times(i.riskReserveRate));
  const assessmentDeposit = roundToCents(i.raised.times(i.assessmentDepositRate));
  const depositReturned = roundToCents(assessmentDeposit.times(i.depositReturnRatio));
  const availableToInsurer = i.raised
    .minus(riskReserve)
    .minus(assessmentDeposit)
    .plus(depositReturned);
  const surplus = availableToInsurer.minus(i.benefits);
  const cap = profitCap(i.raised, i.profitCapRate);
  const base = {
    raisedAmount: i.raised,
    benefitsPaid: i.benefits,
    riskReserve,
    assessmentDeposit,
    depositReturned,
    availableToInsurer,
    surplus,
  };
  if (!surplus.isNegative()) {
    const insurerRetained = Money.min(surplus, cap);
    return {
      ...base,
      insurerRetained,
      toTreasury: surplus.minus(insurerRetained),
      insurerBearsLoss: ZERO,
      fromRiskReserve: ZERO,
      carriedForward: ZERO,
    };
  }
  const loss = surplus.negated();
  if (!i.policyLoss) {
    return {
      ...base,
      insurerRetained: ZERO,
      toTreasury: ZERO,
      insurerBearsLoss: loss,
      fromRiskReserve: ZERO,
      carriedForward: ZERO,
    };
  }
  const insurerBearsLoss = Money.min(loss, cap);
  const fromRiskReserve = Money.min(loss.minus(insurerBearsLoss), riskReserve);
  return {
    ...base,
    insurerRetained: ZERO,
    toTreasury: ZERO,
    insurerBearsLoss,
    fromRiskReserve,
    carriedForward: loss.minus(insurerBearsLoss).minus(fromRiskReserve),
  };
};
