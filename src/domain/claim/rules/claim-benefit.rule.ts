import type Decimal from 'decimal.js';
import { maxOf, minOf, roundToCents, ZERO } from '../../../shared/money';
import {
  overlap,
  roundedBenefitOf,
  segmentsOf,
  uncappedBenefit,
  type Schedule,
} from './benefit.rule';

/** One band of a claim's breakdown (contract `BandAmount`). */
export interface BandAmount {
  /** Upper bound of the band; null for the open top band. The deductible shows as a band at rate 0. */
  readonly upTo: Decimal | null;
  readonly rate: Decimal;
  /** Part of the claim's eligible amount in the band. */
  readonly base: Decimal;
  readonly amount: Decimal;
}

export interface ClaimBenefitInput {
  readonly schedule: Schedule;
  /** The year's cumulative eligible self-pay before this claim (`C`, the accumulator's balance). */
  readonly cumulativeBefore: Decimal;
  /** This claim's eligible self-pay `E` ≥ 0. */
  readonly eligible: Decimal;
  /** Benefits already recorded for the person this year (claims and adjustments), for the mid-year cap rule. */
  readonly benefitsRecorded: Decimal;
}

export interface ClaimBenefit {
  readonly cumulativeBefore: Decimal;
  readonly cumulativeAfter: Decimal;
  readonly benefit: Decimal;
  /** The bands the claim crosses (base > 0); bases sum to `E`, amounts to `benefit`. */
  readonly bands: readonly BandAmount[];
}

/**
 * A claim's benefit on the annual ledger (rules.md §3.3): `before = C`, `after = C + E`,
 * `benefit = round2(B(after)) − round2(B(before))` with the claim's schedule, so one schedule's benefits over a year
 * sum to exactly `round2(B(total))`. Under a capped schedule the benefit never takes the year's recorded benefits above
 * the cap (`min(…, cap − benefitsRecorded)`, the reading for a mid-year schedule change), floored at 0.
 */
export const claimBenefit = (input: ClaimBenefitInput): ClaimBenefit => {
  const { schedule, cumulativeBefore: before, eligible } = input;
  const after = before.plus(eligible);
  let benefit = roundedBenefitOf(schedule, after).minus(roundedBenefitOf(schedule, before));
  if (schedule.annualCap !== null) {
    benefit = minOf(benefit, schedule.annualCap.minus(input.benefitsRecorded));
  }
  benefit = maxOf(benefit, ZERO);
  return {
    cumulativeBefore: before,
    cumulativeAfter: after,
    benefit,
    bands: bandBreakdown(schedule, before, after, benefit),
  };
};

/**
 * The per-band breakdown of a step from `before` to `after` paying `benefit` (rules.md §3.3): the step is split over
 * the segments it crosses (the deductible is a segment at rate 0), so the bases sum to `after − before`. Each amount
 * is `round2(rate × base)`; then
 * - when `benefit` is the step's uncapped benefit (`round2(B₀(after)) − round2(B₀(before))`, `B₀` without the cap), the
 *   rounding difference goes to the paid band (rate > 0) with the largest base — the first of equals;
 * - otherwise (the cap or the floor cut it) the benefit is paid to the bands in band order, each up to its rounded
 *   amount, so earlier bands are paid in full and later ones reduced; should the benefit still exceed the rounded
 *   amounts (by rounding), the rest goes to the paid band with the largest base.
 * Either way the amounts are ≥ 0 and sum exactly to `benefit`.
 */
export const bandBreakdown = (
  schedule: Schedule,
  before: Decimal,
  after: Decimal,
  benefit: Decimal,
): BandAmount[] => {
  const crossed = segmentsOf(schedule)
    .map((seg) => ({ seg, base: overlap(seg, before, after) }))
    .filter((x) => x.base.greaterThan(0));
  const rounded = crossed.map((x) => roundToCents(x.seg.rate.times(x.base)));
  const natural = roundToCents(uncappedBenefit(schedule, after)).minus(
    roundToCents(uncappedBenefit(schedule, before)),
  );
  let amounts: Decimal[];
  const diff = benefit.minus(rounded.reduce((s, a) => s.plus(a), ZERO));
  const target = largestPaidBand(crossed);
  if (
    benefit.equals(natural) &&
    target >= 0 &&
    rounded[target]!.plus(diff).greaterThanOrEqualTo(0)
  ) {
    amounts = rounded.map((a, i) => (i === target ? a.plus(diff) : a));
  } else {
    let left = benefit;
    amounts = rounded.map((a) => {
      const take = maxOf(minOf(a, left), ZERO);
      left = left.minus(take);
      return take;
    });
    // A benefit above the rounded amounts (rounding, not the cut, made the difference): the rest goes where a rounding
    // difference goes, the paid band with the largest base.
    if (left.greaterThan(0)) {
      const i = target >= 0 ? target : amounts.length - 1;
      amounts[i] = amounts[i]!.plus(left);
    }
  }
  return crossed.map((x, i) => ({
    upTo: x.seg.upTo,
    rate: x.seg.rate,
    base: x.base,
    amount: amounts[i]!,
  }));
};

/** Index of the crossed band with rate > 0 and the largest base (the first of equals), or -1. */
const largestPaidBand = (crossed: readonly { seg: { rate: Decimal }; base: Decimal }[]): number => {
  let best = -1;
  crossed.forEach((x, i) => {
    if (x.seg.rate.greaterThan(0) && (best < 0 || x.base.greaterThan(crossed[best]!.base))) {
      best = i;
    }
  });
  return best;
};

/**
 * The benefit delta of an adjustment (rules.md §3.3): a review finding `X` of a claim's eligible self-pay not
 * compliant, or a reversal of what is left of it, takes `X` off the top of the year's ledger:
 * `round2(B(C − X)) − round2(B(C))` with `C` the accumulator's current total and the claim's schedule. Never
 * positive; never takes the year's recorded benefits below 0.
 */
export const adjustmentDelta = (
  schedule: Schedule,
  cumulative: Decimal,
  nonCompliant: Decimal,
  benefitsRecorded: Decimal,
): Decimal => {
  const delta = roundedBenefitOf(schedule, cumulative.minus(nonCompliant)).minus(
    roundedBenefitOf(schedule, cumulative),
  );
  return maxOf(delta, benefitsRecorded.negated());
};
