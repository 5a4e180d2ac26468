import type Decimal from 'decimal.js';
import { maxOf, minOf, Money, roundToCents, ZERO } from '../../../shared/money';

/** A benefit schedule as the rules need it (terms.model.ts `ScheduleTerm`). */
export interface Schedule {
  readonly deductible: Decimal;
  /** Increasing; the last is open (`upTo: null`). */
  readonly bands: readonly { readonly upTo: Decimal | null; readonly rate: Decimal }[];
  readonly annualCap: Decimal | null;
}

/** One segment of the cumulative axis: `(from, upTo]` paid at `rate`; the first is the deductible at rate 0. */
export interface Segment {
  readonly from: Decimal;
  readonly upTo: Decimal | null;
  readonly rate: Decimal;
}

/** The schedule's segments: the deductible `(0, deductible]` at rate 0, then each band. */
export const segmentsOf = (s: Schedule): Segment[] => {
  const out: Segment[] = [];
  if (s.deductible.greaterThan(0)) {
    out.push({ from: ZERO, upTo: s.deductible, rate: ZERO });
  }
  let from = s.deductible;
  for (const b of s.bands) {
    out.push({ from, upTo: b.upTo, rate: b.rate });
    from = b.upTo ?? from;
  }
  return out;
};

/** The part of `(lo, hi]` inside a segment. */
export const overlap = (seg: Segment, lo: Decimal, hi: Decimal): Decimal => {
  const a = maxOf(lo, seg.from);
  const b = seg.upTo === null ? hi : minOf(hi, seg.upTo);
  return b.greaterThan(a) ? b.minus(a) : ZERO;
};

/** `B(C)` before the cap: the sum over bands of rate × the part of `C` inside the band. Exact, not rounded. */
export const uncappedBenefit = (s: Schedule, c: Decimal): Decimal =>
  segmentsOf(s).reduce((sum, seg) => sum.plus(seg.rate.times(overlap(seg, ZERO, c))), new Money(0));

/**
 * `B(C)` (rules.md §3.2): the benefit on a year's cumulative eligible self-pay `C`, capped at the annual cap when the
 * schedule has one. Continuous in `C`, so band edges never double-count. Exact, not rounded.
 */
export const benefitOf = (s: Schedule, c: Decimal): Decimal => {
  const b = uncappedBenefit(s, c);
  return s.annualCap === null ? b : minOf(b, s.annualCap);
};

/** `round2(B(C))`: the rounded benefit on a cumulative total, the only form claim benefits are built from. */
export const roundedBenefitOf = (s: Schedule, c: Decimal): Decimal => roundToCents(benefitOf(s, c));
