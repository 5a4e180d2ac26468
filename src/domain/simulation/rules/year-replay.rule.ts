import type Decimal from 'decimal.js';
import { formatMoney, Money, ZERO } from '../../../shared/money';
import type { Schedule } from '../../claim/rules/benefit.rule';
import { adjustmentDelta, claimBenefit } from '../../claim/rules/claim-benefit.rule';
import { fenOf, moneyOfFen, parseFen, type Fen } from './fen-amounts.rule';
import {
  compileSchedule,
  FEN_BOUND,
  fenAdjustmentDelta,
  fenClaimBenefit,
  type FenSchedule,
} from './fen-benefit.rule';

/** A critical-illness agreement's two schedules (rules.md §3.2; Henan arts. 13–14). */
export interface SchedulePair {
  readonly general: Schedule;
  readonly preferential: Schedule;
}

/** What the replay of a year needs of the terms (rules.md §12). */
export interface ReplayTerms {
  /** The simulated agreement: its claims take the candidate schedules, and only its claims are reported. */
  readonly agreementId: string;
  /** The candidate schedules, complete (the terms in force already filled in for what the bureau left out). */
  readonly candidate: SchedulePair;
  /**
   * The schedules of every terms version a claim of the year was adjudicated under, by `claim.terms_version_id` (all
   * agreements: a person's claims under other agreements keep their recorded schedule).
   */
  readonly recorded: ReadonlyMap<string, SchedulePair>;
}

/**
 * A `CLAIM` ledger entry with its claim's columns (`ledger_entry` joined to `claim` on person and claim id). Amounts are
 * `numeric` texts as PostgreSQL returns them.
 */
export interface ClaimEntry {
  readonly kind: 'CLAIM';
  /** `ledger_entry.claim_id`. */
  readonly claimId: string;
  /** `ledger_entry.eligible_delta`: the claim's eligible self-pay `E`. */
  readonly eligibleDelta: string;
  /** `ledger_entry.benefit_delta`: the benefit as adjudicated. */
  readonly benefitDelta: string;
  /** `ledger_entry.cumulative_before`, when given: checked against the replay's balance (order and completeness). */
  readonly cumulativeBefore?: string;
  /** `claim.agreement_id`. */
  readonly agreementId: string;
  /** `claim.terms_version_id`: the terms version in force for the claim (its discharge date). */
  readonly termsVersionId: string;
  /** `claim.schedule`: `GENERAL` or `PREFERENTIAL` (the special status on the discharge date). */
  readonly schedule: string;
  /** `claim.region_code`: the person's region at adjudication. */
  readonly regionCode: string;
}

/** A `REVIEW` or `REVERSAL` ledger entry; its claim's `CLAIM` entry comes earlier in the same person's year. */
export interface AdjustmentEntry {
  readonly kind: 'REVIEW' | 'REVERSAL';
  /** `ledger_entry.claim_id`: the claim it adjusts. */
  readonly claimId: string;
  /** `ledger_entry.eligible_delta`: `−X`, the non-compliant amount taken off the accumulator. */
  readonly eligibleDelta: string;
  /** `ledger_entry.benefit_delta`: the delta as recorded (≤ 0). */
  readonly benefitDelta: string;
  /** `ledger_entry.cumulative_before`, when given: checked as for a claim. */
  readonly cumulativeBefore?: string;
}

export type ReplayEntry = ClaimEntry | AdjustmentEntry;

/** The schedule kinds as a claim records them (`claim.schedule`). */
export type ScheduleKindName = 'GENERAL' | 'PREFERENTIAL';

/** One claim of the simulated agreement, replayed: benefits in fen. */
export interface ReplayedClaim {
  readonly claimId: string;
  readonly schedule: ScheduleKindName;
  readonly regionCode: string;
  /** Its benefit as adjudicated (its `CLAIM` entry), replayed under the terms in force. */
  readonly baselineBenefit: Fen;
  /** The same net of the deltas of its reviews and reversal (what the fund counts, rules.md §4). */
  readonly baselineNet: Fen;
  /** Its benefit under the candidate schedules. */
  readonly simulatedBenefit: Fen;
  readonly simulatedNet: Fen;
}

/** The first entry whose replay under the terms in force differs from what was recorded. */
export interface ReplayMismatch {
  readonly claimId: string;
  readonly kind: ReplayEntry['kind'];
  /** The entry's place in the person's year (0 first). */
  readonly index: number;
  /** `benefitDelta`, or `cumulativeBefore` when the balance before the entry differs (an entry missing or misordered). */
  readonly field: 'benefitDelta' | 'cumulativeBefore';
  /** As recorded. */
  readonly expected: string;
  /** As replayed. */
  readonly got: string;
}

/** One person's year replayed twice: under the terms in force (baseline) and under the candidate schedules. */
export interface PersonReplay {
  /** The simulated agreement's claims, in ledger order. */
  readonly claims: readonly ReplayedClaim[];
  /** The year's benefits on the person's accumulator at the end (every agreement, net of adjustments). */
  readonly baselineYear: Fen;
  readonly simulatedYear: Fen;
  /** Whether the person's year reaches the annual cap (see {@link YearReplay.person}). */
  readonly baselineCapped: boolean;
  readonly simulatedCapped: boolean;
  /** The first entry the baseline does not reproduce, or null: the self-check of rules.md §12. */
  readonly mismatch: ReplayMismatch | null;
  /** Which arithmetic replayed the person: whole fen, or decimals (amounts beyond the integer path's range). */
  readonly arithmetic: 'fen' | 'decimal';
}

export interface YearReplayOptions {
  /** `decimal` replays every person with the decimal rules (for tests and measurement); default `auto`. */
  readonly arithmetic?: 'auto' | 'decimal';
}

/** `scheduleOf` of claim.service.ts: PREFERENTIAL names the preferential schedule, anything else the general one. */
const pick = (pair: SchedulePair, kind: string): Schedule =>
  kind === 'PREFERENTIAL' ? pair.preferential : pair.general;

/** One side of a replay: the per-entry results and the year's recorded benefits at the end. */
interface Side<T> {
  readonly out: T[];
  readonly year: T;
}

const money = (x: Fen | Decimal): string =>
  formatMoney(typeof x === 'number' || typeof x === 'bigint' ? moneyOfFen(x) : x);

/**
 * The what-if replay of one person's year (rules.md §12): the person's ledger entries in the order they were recorded —
 * every claim of any agreement, every review and reversal at its place — replayed from an empty accumulator with the
 * service's algorithm (rules.md §3.3, `claimBenefit` and `adjustmentDelta`):
 * - a claim: `round2(B(after)) − round2(B(before))` under its schedule, under a capped schedule at most `cap − benefits
 *   already recorded this year` (the mid-year reading), floored at 0;
 * - a review or reversal of `X`: `round2(B(C − X)) − round2(B(C))` at the top of the ledger with the schedule of the claim
 *   it adjusts (as `ClaimAdjustmentService` does: the claim's recorded kind under the claim's terms version), never
 *   taking the year's benefits below 0.
 * Twice: the baseline with every claim under its recorded schedule, and the simulation with the simulated agreement's
 * claims under the candidate schedule of the same kind (the other agreements' claims keep theirs; the eligible amounts,
 * the order and every `X` are the recorded ones). The baseline is checked entry by entry against the recorded benefit
 * deltas (and balances, when given): the first difference is the person's `mismatch`.
 *
 * Amounts are whole fen on the integer path of fen-benefit.rule.ts, proven equal to the decimal rules; a person whose
 * amounts go beyond that path's exact range, or whose schedules it cannot represent, is replayed with `claimBenefit`
 * and `adjustmentDelta` themselves.
 */
export class YearReplay {
  private readonly compiled = new WeakMap<Schedule, FenSchedule | null>();
  private readonly decimalOnly: boolean;

  constructor(
    private readonly terms: ReplayTerms,
    options: YearReplayOptions = {},
  ) {
    this.decimalOnly = options.arithmetic === 'decimal';
  }

  /**
   * Replays one person's year. `entries` are the person's ledger entries of the year in recorded order
   * (`ORDER BY ledger_entry.id`). A person reaches the cap, on either side, when the year's benefits at the end
   * (`baselineYear` / `simulatedYear`: the accumulator's total, every agreement, net of adjustments) are at least the
   * annual cap of that side's schedule of the person's last claim of the simulated agreement whose schedule has a cap;
   * under the seed terms that is the general schedule's cap (§12's worked example: person C, 400 000.00, capped on
   * both sides). A person with no capped claim of the agreement never reaches the cap.
   * @throws Error when an adjustment's claim has no earlier `CLAIM` entry or a terms version is not in `recorded`.
   */
  person(entries: readonly ReplayEntry[]): PersonReplay {
    const n = entries.length;
    const claimOf = new Int32Array(n);
    const base: Schedule[] = new Array<Schedule>(n);
    const sim: Schedule[] = new Array<Schedule>(n);
    for (let i = 0; i < n; i++) {
      const e = entries[i]!;
      if (e.kind === 'CLAIM') {
        const pair = this.terms.recorded.get(e.termsVersionId);
        if (!pair) {
          throw new Error(`terms version ${e.termsVersionId} of claim ${e.claimId} is not loaded`);
        }
        const recorded = pick(pair, e.schedule);
        claimOf[i] = i;
        base[i] = recorded;
        sim[i] =
          e.agreementId === this.terms.agreementId
            ? pick(this.terms.candidate, e.schedule)
            : recorded;
      } else {
        const j = claimIndex(entries, i);
        claimOf[i] = j;
        base[i] = base[j]!;
        sim[i] = sim[j]!;
      }
    }
    return (
      (this.decimalOnly ? null : this.fenPerson(entries, claimOf, base, sim)) ??
      this.decimalPerson(entries, claimOf, base, sim)
    );
  }

  private fenScheduleOf(s: Schedule): FenSchedule | null {
    let f = this.compiled.get(s);
    if (f === undefined) {
      f = compileSchedule(s);
      this.compiled.set(s, f);
    }
    return f;
  }

  /** The person on the integer path, or null when an amount or schedule is beyond it. */
  private fenPerson(
    entries: readonly ReplayEntry[],
    claimOf: Int32Array,
    base: readonly Schedule[],
    sim: readonly Schedule[],
  ): PersonReplay | null {
    const n = entries.length;
    // `amount`: E for a claim, X for an adjustment; `recorded`: the recorded benefit delta.
    const amount = new Float64Array(n);
    const recorded = new Float64Array(n);
    const fenBase: FenSchedule[] = new Array<FenSchedule>(n);
    const fenSim: FenSchedule[] = new Array<FenSchedule>(n);
    for (let i = 0; i < n; i++) {
      const e = entries[i]!;
      const delta = parseFen(e.eligibleDelta);
      const benefit = parseFen(e.benefitDelta);
      const b = this.fenScheduleOf(base[i]!);
      const s = this.fenScheduleOf(sim[i]!);
      if (delta === null || benefit === null || b === null || s === null) {
        return null;
      }
      amount[i] = e.kind === 'CLAIM' ? delta : -delta;
      recorded[i] = benefit;
      fenBase[i] = b;
      fenSim[i] = s;
    }
    const baseline = fenSide(entries, amount, fenBase);
    const simulated = baseline && fenSide(entries, amount, fenSim);
    if (!baseline || !simulated) {
      return null;
    }
    let mismatch: ReplayMismatch | null = null;
    let c = 0;
    for (let i = 0; i < n && mismatch === null; i++) {
      const e = entries[i]!;
      if (e.cumulativeBefore !== undefined) {
        const before = parseFen(e.cumulativeBefore);
        if (before !== c) {
          mismatch = mismatchOf(e, i, 'cumulativeBefore', e.cumulativeBefore, money(c));
        }
      }
      if (mismatch === null && baseline.out[i] !== recorded[i]) {
        mismatch = mismatchOf(e, i, 'benefitDelta', e.benefitDelta, money(baseline.out[i]!));
      }
      c += e.kind === 'CLAIM' ? amount[i]! : -amount[i]!;
    }
    // Every partial sum of the deltas is within FEN_BOUND (fenSide checks), so the nets below are exact.
    const nets = (out: readonly number[]) => {
      const net = out.slice();
      for (let i = 0; i < n; i++) {
        const j = claimOf[i]!;
        if (j !== i) {
          net[j] = net[j]! + out[i]!;
        }
      }
      return net;
    };
    return this.assemble(
      entries,
      baseline,
      simulated,
      nets(baseline.out),
      nets(simulated.out),
      (i) => fenBase[i]!.cap,
      (i) => fenSim[i]!.cap,
      (year, cap) => cap !== null && year >= cap,
      (x) => x,
      mismatch,
      'fen',
    );
  }

  /** The person with the decimal rules themselves. */
  private decimalPerson(
    entries: readonly ReplayEntry[],
    claimOf: Int32Array,
    base: readonly Schedule[],
    sim: readonly Schedule[],
  ): PersonReplay {
    const n = entries.length;
    const amount = entries.map((e) =>
      e.kind === 'CLAIM' ? new Money(e.eligibleDelta) : new Money(e.eligibleDelta).negated(),
    );
    const baseline = decimalSide(entries, amount, base);
    const simulated = decimalSide(entries, amount, sim);
    let mismatch: ReplayMismatch | null = null;
    let c: Decimal = ZERO;
    for (let i = 0; i < n && mismatch === null; i++) {
      const e = entries[i]!;
      if (e.cumulativeBefore !== undefined && !c.equals(new Money(e.cumulativeBefore))) {
        mismatch = mismatchOf(e, i, 'cumulativeBefore', e.cumulativeBefore, money(c));
      }
      if (mismatch === null && !baseline.out[i]!.equals(new Money(e.benefitDelta))) {
        mismatch = mismatchOf(e, i, 'benefitDelta', e.benefitDelta, money(baseline.out[i]!));
      }
      c = e.kind === 'CLAIM' ? c.plus(amount[i]!) : c.minus(amount[i]!);
    }
    const nets = (out: readonly Decimal[]) => {
      const net = out.slice();
      for (let i = 0; i < n; i++) {
        const j = claimOf[i]!;
        if (j !== i) {
          net[j] = net[j]!.plus(out[i]!);
        }
      }
      return net;
    };
    return this.assemble(
      entries,
      baseline,
      simulated,
      nets(baseline.out),
      nets(simulated.out),
      (i) => base[i]!.annualCap,
      (i) => sim[i]!.annualCap,
      (year, cap) => cap !== null && year.greaterThanOrEqualTo(cap),
      fenOf,
      mismatch,
      'decimal',
    );
  }

  /** The person's result from either path's figures. */
  private assemble<T, C>(
    entries: readonly ReplayEntry[],
    baseline: Side<T>,
    simulated: Side<T>,
    baselineNet: readonly T[],
    simulatedNet: readonly T[],
    baseCap: (i: number) => C,
    simCap: (i: number) => C,
    reaches: (year: T, cap: C | null) => boolean,
    fen: (x: T) => Fen,
    mismatch: ReplayMismatch | null,
    arithmetic: 'fen' | 'decimal',
  ): PersonReplay {
    const claims: ReplayedClaim[] = [];
    let lastBaseCap: C | null = null;
    let lastSimCap: C | null = null;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.kind !== 'CLAIM' || e.agreementId !== this.terms.agreementId) {
        continue;
      }
      claims.push({
        claimId: e.claimId,
        schedule: e.schedule === 'PREFERENTIAL' ? 'PREFERENTIAL' : 'GENERAL',
        regionCode: e.regionCode,
        baselineBenefit: fen(baseline.out[i]!),
        baselineNet: fen(baselineNet[i]!),
        simulatedBenefit: fen(simulated.out[i]!),
        simulatedNet: fen(simulatedNet[i]!),
      });
      lastBaseCap = capped(baseCap(i)) ?? lastBaseCap;
      lastSimCap = capped(simCap(i)) ?? lastSimCap;
    }
    return {
      claims,
      baselineYear: fen(baseline.year),
      simulatedYear: fen(simulated.year),
      baselineCapped: reaches(baseline.year, lastBaseCap),
      simulatedCapped: reaches(simulated.year, lastSimCap),
      mismatch,
      arithmetic,
    };
  }
}

/** A cap as such, or null for none (`Infinity` on the integer path). */
const capped = <C>(cap: C): C | null => (cap === Infinity || cap === null ? null : cap);

/** The index of the `CLAIM` entry before `i` of the claim entry `i` adjusts. */
const claimIndex = (entries: readonly ReplayEntry[], i: number): number => {
  const id = entries[i]!.claimId;
  for (let j = i - 1; j >= 0; j--) {
    const e = entries[j]!;
    if (e.kind === 'CLAIM' && e.claimId === id) {
      return j;
    }
  }
  throw new Error(`the ${entries[i]!.kind} of claim ${id} comes before any CLAIM entry of it`);
};

const mismatchOf = (
  e: ReplayEntry,
  index: number,
  field: ReplayMismatch['field'],
  expected: string,
  got: string,
): ReplayMismatch => ({
  claimId: e.claimId,
  kind: e.kind,
  index,
  field,
  expected: formatMoney(new Money(expected)),
  got,
});

/**
 * One side on the integer path, or null when an amount leaves the exact range: the accumulator's balance beyond the
 * schedule's `limit`, or the deltas' absolute sum (which bounds the recorded benefits and every partial sum of the
 * deltas) beyond {@link FEN_BOUND}.
 */
const fenSide = (
  entries: readonly ReplayEntry[],
  amount: Float64Array,
  schedules: readonly FenSchedule[],
): Side<number> | null => {
  const n = entries.length;
  const out = new Array<number>(n);
  let c = 0;
  let r = 0;
  let abs = 0;
  for (let i = 0; i < n; i++) {
    const s = schedules[i]!;
    const a = amount[i]!;
    const limit = s.limit;
    let d: number;
    if (entries[i]!.kind === 'CLAIM') {
      const after = c + a;
      if (after > limit || after < -limit) {
        return null;
      }
      d = fenClaimBenefit(s, c, a, r);
      c = after;
    } else {
      const after = c - a;
      if (c > limit || c < -limit || after > limit || after < -limit) {
        return null;
      }
      d = fenAdjustmentDelta(s, c, a, r);
      c = after;
    }
    out[i] = d;
    r += d;
    abs += d < 0 ? -d : d;
    if (abs > FEN_BOUND) {
      return null;
    }
  }
  return { out, year: r };
};

/** One side with the decimal rules (`claimBenefit`, `adjustmentDelta`). */
const decimalSide = (
  entries: readonly ReplayEntry[],
  amount: readonly Decimal[],
  schedules: readonly Schedule[],
): Side<Decimal> => {
  const out: Decimal[] = [];
  let c: Decimal = ZERO;
  let r: Decimal = ZERO;
  entries.forEach((e, i) => {
    const schedule = schedules[i]!;
    let d: Decimal;
    if (e.kind === 'CLAIM') {
      const claim = claimBenefit({
        schedule,
        cumulativeBefore: c,
        eligible: amount[i]!,
        benefitsRecorded: r,
      });
      d = claim.benefit;
      c = claim.cumulativeAfter;
    } else {
      d = adjustmentDelta(schedule, c, amount[i]!, r);
      c = c.minus(amount[i]!);
    }
    out.push(d);
    r = r.plus(d);
  });
  return { out, year: r };
};
