import { createHmac } from 'node:crypto';
import type Decimal from 'decimal.js';
import { Money } from '../../../shared/money';

/** `ceil(rate × population)` (rules.md §5): 27 × 10% → 3, 7 × 5% → 1, 0 → 0. Exact. */
export const sampleSize = (rate: Decimal, population: number): number =>
  new Money(rate).times(population).ceil().toNumber();

/**
 * A reproducible draw (rules.md §5: "same seed, same data → same sample"): the population ordered by
 * HMAC-SHA256(key = seed, message = claim id) and the first `n` taken. Neither the order the claims were stored in nor
 * the database's plan affects it; a different seed gives an unrelated order.
 */
export const drawSample = (seed: string, ids: readonly string[], n: number): string[] =>
  [...ids]
    .map((id) => ({ id, key: createHmac('sha256', seed).update(id).digest('hex') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1))
    .slice(0, Math.max(0, n))
    .map((x) => x.id);

export interface AuditThresholdValue {
  readonly passRateBelow: Decimal;
  readonly deductionRate: Decimal;
  readonly reReview: boolean;
}

export interface AuditOutcome {
  /** passed / sampled, exact; null for an empty sample. */
  readonly passRate: Decimal | null;
  /** The deduction rate of the applicable threshold; 0 when none applies. */
  readonly deductionRate: Decimal;
  readonly reReview: boolean;
}

/**
 * The outcome of a finalized audit (Luoyang 3(三); rules.md §5): of the thresholds the pass rate is strictly below
 * (`passed < passRateBelow × sampled`, exact — "低于90%(不含90%)"), the one with the lowest `passRateBelow` applies
 * (below 80% deducts 5% *instead of* 2%). Exactly 90% deducts nothing; exactly 80% deducts 2%. An empty sample has
 * no pass rate and no deduction.
 */
export const auditOutcome = (
  passed: number,
  sampled: number,
  thresholds: readonly AuditThresholdValue[],
): AuditOutcome => {
  if (sampled === 0) {
    return { passRate: null, deductionRate: new Money(0), reReview: false };
  }
  const applicable = thresholds
    .filter((t) => new Money(passed).lessThan(t.passRateBelow.times(sampled)))
    .sort((a, b) => a.passRateBelow.comparedTo(b.passRateBelow));
  const rule = applicable[0];
  return {
    passRate: new Money(passed).div(sampled),
    deductionRate: rule ? rule.deductionRate : new Money(0),
    reReview: rule?.reReview ?? false,
  };
};
