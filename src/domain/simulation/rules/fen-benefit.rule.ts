import { segmentsOf, type Schedule } from '../../claim/rules/benefit.rule';

/**
 * The ledger arithmetic of rules.md §3.2–3.3 on integers, for the what-if replay (§12): `claimBenefit`'s benefit and
 * `adjustmentDelta` of src/domain/claim/rules step for step — the same segments (from `segmentsOf`), the same rounding
 * points (half-up to the fen), the same cap, mid-year cap reading and floors — with amounts in whole fen and each rate as
 * the integer `rate × 10^k` (`k` the most decimals of the schedule's rates), so `rate × base` is exact and `round2` is an
 * integer division. The band breakdown is not computed: the replay needs benefits only.
 *
 * Exact while every intermediate stays a safe integer: a schedule carries the largest cumulative total (`limit`, in fen)
 * for which that holds, and the caller takes the decimal rules beyond it; {@link compileSchedule} answers null for a
 * schedule it cannot represent (a negative rate, a bound or cap with parts of a fen or beyond the safe range, segments
 * that are not contiguous from 0 upwards as valid terms make them). The property spec proves the two equal over band
 * edges ±1 fen, the cap, mid-year cap readings and random years.
 */
export interface FenSchedule {
  /** Each segment's lower bound in fen: the deductible `(0, deductible]` at rate 0 first when there is one. */
  readonly from: Float64Array;
  /** Each segment's upper bound in fen, inclusive; `Infinity` for the open top band. */
  readonly upTo: Float64Array;
  /** Each segment's rate × {@link FenSchedule.scale}, an integer. */
  readonly rate: Float64Array;
  /** 10^k for the rate with most decimals. */
  readonly scale: number;
  /** The annual cap in fen; `Infinity` for none. */
  readonly cap: number;
  /** The largest cumulative total (fen, either sign) this schedule's arithmetic holds exactly. */
  readonly limit: number;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Bound of every amount in fen the integer path works with (cumulative totals, recorded benefits, the cap): a quarter of
 * the safe range, so that a difference or sum of two of them is still exact (about 22 trillion yuan).
 */
export const FEN_BOUND = Math.floor(MAX_SAFE / 4);

/** The most rate decimals a schedule may have for the integer path (a rate × 10^15 is still a safe integer). */
const MAX_RATE_DIGITS = 15;

const wholeFen = (yuan: { times(n: number): { isInteger(): boolean; toNumber(): number } }) => {
  const f = yuan.times(100);
  if (!f.isInteger()) {
    return null;
  }
  const n = f.toNumber();
  return Math.abs(n) <= FEN_BOUND ? n : null;
};

/** The schedule on integers, or null when it cannot be represented exactly (see the file comment). */
export const compileSchedule = (schedule: Schedule): FenSchedule | null => {
  const segments = segmentsOf(schedule);
  const digits = Math.max(0, ...segments.map((s) => s.rate.decimalPlaces()));
  if (digits > MAX_RATE_DIGITS) {
    return null;
  }
  const scale = 10 ** digits;
  const n = segments.length;
  const from = new Float64Array(n);
  const upTo = new Float64Array(n);
  const rate = new Float64Array(n);
  let maxRate = 0;
  for (let i = 0; i < n; i++) {
    const s = segments[i]!;
    if (s.rate.isNegative()) {
      return null;
    }
    const f = wholeFen(s.from);
    const u = s.upTo === null ? Infinity : wholeFen(s.upTo);
    // Valid terms (terms-validation.rule.ts) give contiguous segments from 0 upwards; anything else takes the decimals.
    if (f === null || u === null || f < 0 || !(u > f) || (i > 0 && f !== upTo[i - 1])) {
      return null;
    }
    from[i] = f;
    upTo[i] = u;
    rate[i] = s.rate.times(scale).toNumber();
    maxRate = Math.max(maxRate, rate[i]!);
  }
  const cap = schedule.annualCap === null ? Infinity : wholeFen(schedule.annualCap);
  if (cap === null) {
    return null;
  }
  // roundedUncapped adds rate × overlap over the segments (at most maxRate × |c| in all) and then adds `scale`.
  const limit =
    maxRate === 0 ? FEN_BOUND : Math.min(FEN_BOUND, Math.floor((MAX_SAFE - scale) / (2 * maxRate)));
  return limit >= 1 ? { from, upTo, rate, scale, cap, limit } : null;
};

/**
 * `round2(B₀(c))` in fen (`B₀` before the cap), half-up, for `|c| ≤ limit`: the segments' `rate × overlap` summed
 * exactly in scaled units, then divided by the scale with the remainder deciding the rounding.
 */
const roundedUncapped = (s: FenSchedule, c: number): number => {
  const { from, upTo, rate, scale } = s;
  let n = 0;
  for (let i = 0; i < from.length; i++) {
    const f = from[i]!;
    if (c <= f) {
      break; // segments are contiguous and increasing: none after this one overlaps (0, c]
    }
    const u = upTo[i]!;
    n += rate[i]! * ((c < u ? c : u) - f);
  }
  if (scale === 1) {
    return n;
  }
  let q = Math.floor(n / scale);
  // A quotient one off by the division's rounding is put right (n + scale is within the safe range: see `limit`).
  if (q * scale > n) {
    q -= 1;
  } else if ((q + 1) * scale <= n) {
    q += 1;
  }
  return 2 * (n - q * scale) >= scale ? q + 1 : q;
};

/** `round2(B(c))` in fen: capped (the cap has whole fen, so rounding and the cap commute). */
export const fenRoundedBenefit = (s: FenSchedule, c: number): number => {
  const b = roundedUncapped(s, c);
  return b > s.cap ? s.cap : b;
};

/**
 * A claim's benefit in fen (`claimBenefit` of rules.md §3.3): `round2(B(before + E)) − round2(B(before))`, under a
 * capped schedule at most `cap − recorded` (the mid-year reading), floored at 0. `before + eligible` must lie within
 * the schedule's `limit` and `recorded` within {@link FEN_BOUND}.
 */
export const fenClaimBenefit = (
  s: FenSchedule,
  before: number,
  eligible: number,
  recorded: number,
): number => {
  let b = fenRoundedBenefit(s, before + eligible) - fenRoundedBenefit(s, before);
  const room = s.cap - recorded;
  if (b > room) {
    b = room;
  }
  return b > 0 ? b : 0;
};

/**
 * An adjustment's benefit delta in fen (`adjustmentDelta` of rules.md §3.3): `X` taken off the top of the ledger,
 * `round2(B(C − X)) − round2(B(C))`, never taking the year's recorded benefits below 0. `C` and `C − X` must lie within
 * the schedule's `limit`.
 */
export const fenAdjustmentDelta = (
  s: FenSchedule,
  cumulative: number,
  nonCompliant: number,
  recorded: number,
): number => {
  const d = fenRoundedBenefit(s, cumulative - nonCompliant) - fenRoundedBenefit(s, cumulative);
  return d < -recorded ? -recorded : d;
};
