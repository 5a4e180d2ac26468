import type Decimal from 'decimal.js';
import { segmentsOf, type Schedule } from '../src/domain/claim/rules/benefit.rule';
import {
  adjustmentDelta,
  claimBenefit,
  type BandAmount,
} from '../src/domain/claim/rules/claim-benefit.rule';
import { Money } from '../src/shared/money';

/**
 * The benefit rule of rules.md §3.2–3.3 in integer fen, for the bulk loader's hot path. It mirrors
 * `claimBenefit`/`bandBreakdown` of src/domain/claim/rules step by step — same segments (from the real `segmentsOf`),
 * same rounding points (half-up to the fen), same cap, floor and band-adjustment rules — but on integers: a rate with
 * `k` decimals is the integer `rate × 10^k`, so `rate × base` is exact and `round2` is an integer division. A schedule
 * this cannot represent exactly (rates with more than 6 decimals, amounts with sub-fen parts, totals beyond 2^53 / 10^6
 * fen) makes {@link fenSchedule} answer null, and the caller uses the real rule. {@link FenVerifier} compares the two
 * on samples; a difference stops the load.
 */
export interface FenSegment {
  readonly from: number;
  /** null: the open top band. */
  readonly upTo: number | null;
  /** rate × scale, an integer. */
  readonly rate: number;
  /** As stored in a claim's `bands`: `upTo.toFixed(2)` (or null) and `rate.toFixed()`. */
  readonly upToText: string | null;
  readonly rateText: string;
}

export interface FenSchedule {
  readonly schedule: Schedule;
  readonly segments: readonly FenSegment[];
  /** 10^k for the rate with most decimals. */
  readonly scale: number;
  readonly cap: number | null;
}

/** Amounts in fen up to this stay exact in doubles whatever the scale (≤ 10^6): 2^53 / 10^6 / 4. */
export const FEN_LIMIT = Math.floor(Number.MAX_SAFE_INTEGER / 4e6);

const toFen = (d: Decimal): number | null => {
  const f = d.times(100);
  return f.isInteger() && f.abs().lessThanOrEqualTo(FEN_LIMIT) ? f.toNumber() : null;
};

/** The schedule in integers, or null when it cannot be represented exactly. */
export const fenSchedule = (schedule: Schedule): FenSchedule | null => {
  const segs = segmentsOf(schedule);
  const digits = Math.max(0, ...segs.map((s) => s.rate.decimalPlaces()));
  if (digits > 6) {
    return null;
  }
  const scale = 10 ** digits;
  const segments: FenSegment[] = [];
  for (const s of segs) {
    const from = toFen(s.from);
    const upTo = s.upTo === null ? null : toFen(s.upTo);
    if (from === null || (s.upTo !== null && upTo === null)) {
      return null;
    }
    segments.push({
      from,
      upTo,
      rate: s.rate.times(scale).toNumber(),
      upToText: s.upTo === null ? null : s.upTo.toFixed(2),
      rateText: s.rate.toFixed(),
    });
  }
  const cap = schedule.annualCap === null ? null : toFen(schedule.annualCap);
  if (schedule.annualCap !== null && cap === null) {
    return null;
  }
  return { schedule, segments, scale, cap };
};

const overlap = (seg: FenSegment, lo: number, hi: number): number => {
  const a = lo > seg.from ? lo : seg.from;
  const b = seg.upTo === null || hi < seg.upTo ? hi : seg.upTo;
  return b > a ? b - a : 0;
};

/** round2 of `n / scale` fen, half-up (n ≥ 0). */
const roundScaled = (n: number, scale: number): number => Math.floor((2 * n + scale) / (2 * scale));

/** round2(B₀(c)) in fen: the uncapped benefit on a cumulative total. */
const roundedUncapped = (s: FenSchedule, c: number): number => {
  let n = 0;
  for (const seg of s.segments) {
    n += seg.rate * overlap(seg, 0, c);
  }
  return roundScaled(n, s.scale);
};

/** round2(B(c)) in fen: capped (the cap has whole fen, so rounding and the cap commute). */
const roundedBenefit = (s: FenSchedule, c: number): number => {
  const b = roundedUncapped(s, c);
  return s.cap !== null && b > s.cap ? s.cap : b;
};

/** One band of a claim's breakdown, in fen, with the texts the stored breakdown carries. */
export interface FenBand {
  readonly upToText: string | null;
  readonly rateText: string;
  readonly base: number;
  readonly amount: number;
}

export interface FenClaimBenefit {
  readonly after: number;
  readonly benefit: number;
  readonly bands: readonly FenBand[];
  /** Whether the cap or the floor cut the benefit (such claims are always checked against the real rule). */
  readonly cut: boolean;
}

/** `claimBenefit` in fen (see the file comment). All arguments are whole fen, ≥ 0, below {@link FEN_LIMIT}. */
export const fenClaimBenefit = (
  s: FenSchedule,
  before: number,
  eligible: number,
  recorded: number,
): FenClaimBenefit => {
  const after = before + eligible;
  const natural = roundedUncapped(s, after) - roundedUncapped(s, before);
  let benefit = roundedBenefit(s, after) - roundedBenefit(s, before);
  if (s.cap !== null && benefit > s.cap - recorded) {
    benefit = s.cap - recorded;
  }
  if (benefit < 0) {
    benefit = 0;
  }
  // bandBreakdown
  const crossed: { seg: FenSegment; base: number; rounded: number }[] = [];
  let roundedSum = 0;
  let target = -1;
  for (const seg of s.segments) {
    const base = overlap(seg, before, after);
    if (base > 0) {
      const rounded = roundScaled(seg.rate * base, s.scale);
      crossed.push({ seg, base, rounded });
      roundedSum += rounded;
      const i = crossed.length - 1;
      if (seg.rate > 0 && (target < 0 || base > crossed[target]!.base)) {
        target = i;
      }
    }
  }
  const amounts = crossed.map((x) => x.rounded);
  const diff = benefit - roundedSum;
  const cut = benefit !== natural;
  if (!cut && target >= 0 && amounts[target]! + diff >= 0) {
    amounts[target] = amounts[target]! + diff;
  } else {
    let left = benefit;
    for (let i = 0; i < amounts.length; i++) {
      const take = Math.max(Math.min(amounts[i]!, left), 0);
      left -= take;
      amounts[i] = take;
    }
    if (left > 0) {
      const i = target >= 0 ? target : amounts.length - 1;
      amounts[i] = amounts[i]! + left;
    }
  }
  return {
    after,
    benefit,
    bands: crossed.map((x, i) => ({
      upToText: x.seg.upToText,
      rateText: x.seg.rateText,
      base: x.base,
      amount: amounts[i]!,
    })),
    cut,
  };
};

/** Whole fen as a money string with two decimals ("1234.50", "-0.05"). */
export const yuan = (fen: number): string => {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  const cents = a % 100;
  return `${sign}${(a - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
};

/** A claim's `bands` as stored (storedBands of claim-mappers.ts), as JSON text. */
export const bandsJson = (bands: readonly FenBand[]): string => {
  let out = '[';
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    out += `${i ? ',' : ''}{"upTo":${b.upToText === null ? 'null' : `"${b.upToText}"`},"rate":"${b.rateText}","base":"${yuan(b.base)}","amount":"${yuan(b.amount)}"}`;
  }
  return `${out}]`;
};

const storedOf = (bands: readonly BandAmount[]): string =>
  JSON.stringify(
    bands.map((b) => ({
      upTo: b.upTo === null ? null : b.upTo.toFixed(2),
      rate: b.rate.toFixed(),
      base: b.base.toFixed(2),
      amount: b.amount.toFixed(2),
    })),
  );

/** `adjustmentDelta` (a review's benefit delta) through the real rule, in fen. */
export const fenAdjustmentDelta = (
  s: FenSchedule,
  cumulative: number,
  nonCompliant: number,
  recorded: number,
): number =>
  adjustmentDelta(
    s.schedule,
    new Money(cumulative).div(100),
    new Money(nonCompliant).div(100),
    new Money(recorded).div(100),
  )
    .times(100)
    .toNumber();

/**
 * Checks the fen path against the real `claimBenefit`: one in `cutEvery` of the claims whose benefit the cap or floor
 * cut (the first one always), and one in `every` of the others. Throws on the first difference (correctness comes
 * before speed).
 */
export class FenVerifier {
  checked = 0;
  private seen = 0;
  private cutSeen = 0;

  constructor(
    private readonly every: number,
    private readonly cutEvery = 10,
  ) {}

  maybeCheck(
    s: FenSchedule,
    before: number,
    eligible: number,
    recorded: number,
    got: FenClaimBenefit,
  ): void {
    if (got.cut) {
      this.cutSeen += 1;
      if (this.cutSeen % this.cutEvery !== 1 % this.cutEvery) {
        return;
      }
    } else {
      this.seen += 1;
      if (this.every <= 0 || this.seen % this.every !== 0) {
        return;
      }
    }
    this.check(s, before, eligible, recorded, got);
  }

  check(
    s: FenSchedule,
    before: number,
    eligible: number,
    recorded: number,
    got: FenClaimBenefit,
  ): void {
    this.checked += 1;
    const real = claimBenefit({
      schedule: s.schedule,
      cumulativeBefore: new Money(before).div(100),
      eligible: new Money(eligible).div(100),
      benefitsRecorded: new Money(recorded).div(100),
    });
    const expected = `${real.cumulativeAfter.toFixed(2)}|${real.benefit.toFixed(2)}|${storedOf(real.bands)}`;
    const actual = `${yuan(got.after)}|${yuan(got.benefit)}|${bandsJson(got.bands)}`;
    if (expected !== actual) {
      throw new Error(
        `fen benefit differs from claimBenefit for before=${before} eligible=${eligible} recorded=${recorded}:\n  rule ${expected}\n  fen  ${actual}`,
      );
    }
  }
}

/**
 * A self-test before loading: band edges, the deductible, the cap, recorded benefits above and below the cap, and a
 * few thousand pseudo-random steps, each compared with the real rule. Returns the number of cases checked.
 */
export const selfTest = (schedules: readonly FenSchedule[]): number => {
  const verifier = new FenVerifier(1);
  let x = 12345;
  const rnd = (n: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x % n;
  };
  for (const s of schedules) {
    const edges = s.segments.flatMap((g) => [g.from, g.upTo ?? g.from]);
    const points = [...new Set([0, 1, ...edges.flatMap((e) => [e - 1, e, e + 1])])].filter(
      (p) => p >= 0,
    );
    const caps = s.cap === null ? [0] : [0, s.cap - 1, s.cap, s.cap + 100];
    for (const before of points) {
      for (const eligible of [0, 1, 99, 12345, ...points]) {
        for (const recorded of caps) {
          verifier.check(
            s,
            before,
            eligible,
            recorded,
            fenClaimBenefit(s, before, eligible, recorded),
          );
        }
      }
    }
    for (let i = 0; i < 3000; i++) {
      const before = rnd(4) === 0 ? 0 : rnd(90_000_000);
      const eligible = rnd(3) === 0 ? rnd(1_500_000) : rnd(60_000_000);
      const recorded = s.cap === null ? 0 : rnd(5) === 0 ? s.cap : rnd(s.cap);
      verifier.check(s, before, eligible, recorded, fenClaimBenefit(s, before, eligible, recorded));
    }
  }
  return verifier.checked;
};
