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

/** A schedule as the replay uses it: the decimal form, and the integer form when there is one. */
interface Slot {
  readonly schedule: Schedule;
  readonly fen: FenSchedule | null;
}

interface SlotPair {
  readonly general: Slot;
  readonly preferential: Slot;
}

/** `scheduleOf` of claim.service.ts: PREFERENTIAL names the preferential schedule, anything else the general one. */
const pick = (pair: SlotPair, kind: string): Slot =>
  kind === 'PREFERENTIAL' ? pair.preferential : pair.general;

const slotOf = (schedule: Schedule): Slot => ({ schedule, fen: compileSchedule(schedule) });

const slotsOf = (pair: SchedulePair): SlotPair => ({
  general: slotOf(pair.general),
  preferential: slotOf(pair.preferential),
});

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
 * and `adjustmentDelta` themselves. One instance serves a whole job: it compiles each schedule once and reuses its
 * working arrays from person to person (it is not for concurrent use).
 */
export class YearReplay {
  private readonly recorded = new Map<string, SlotPair>();
  private readonly candidate: SlotPair;
  private readonly decimalOnly: boolean;
  // Working arrays, grown as needed and reused from person to person.
  private claimOf = new Int32Array(64);
  private outBase = new Float64Array(64);
  private outSim = new Float64Array(64);
  private netBase = new Float64Array(64);
  private netSim = new Float64Array(64);
  private baseSlot: Slot[] = [];
  private simSlot: Slot[] = [];

  constructor(
    private readonly terms: ReplayTerms,
    options: YearReplayOptions = {},
  ) {
    this.candidate = slotsOf(terms.candidate);
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
    this.reserve(n);
    const { claimOf, baseSlot, simSlot } = this;
    const agreementId = this.terms.agreementId;
    // The last claim of the agreement with a capped schedule, on each side (its cap is the one a person reaches).
    let baseCapped: Slot | null = null;
    let simCapped: Slot | null = null;
    for (let i = 0; i < n; i++) {
      const e = entries[i]!;
      if (e.kind === 'CLAIM') {
        const b = pick(this.recordedSlots(e), e.schedule);
        claimOf[i] = i;
        baseSlot[i] = b;
        if (e.agreementId === agreementId) {
          const s = pick(this.candidate, e.schedule);
          simSlot[i] = s;
          baseCapped = b.schedule.annualCap === null ? baseCapped : b;
          simCapped = s.schedule.annualCap === null ? simCapped : s;
        } else {
          simSlot[i] = b;
        }
      } else {
        const j = claimIndex(entries, i);
        claimOf[i] = j;
        baseSlot[i] = baseSlot[j]!;
        simSlot[i] = simSlot[j]!;
      }
    }
    return (
      (this.decimalOnly ? null : this.fenPerson(entries, baseCapped, simCapped)) ??
      this.decimalPerson(entries, baseCapped, simCapped)
    );
  }

  private recordedSlots(e: ClaimEntry): SlotPair {
    let slots = this.recorded.get(e.termsVersionId);
    if (!slots) {
      const pair = this.terms.recorded.get(e.termsVersionId);
      if (!pair) {
        throw new Error(`terms version ${e.termsVersionId} of claim ${e.claimId} is not loaded`);
      }
      slots = slotsOf(pair);
      this.recorded.set(e.termsVersionId, slots);
    }
    return slots;
  }

  private reserve(n: number): void {
    if (n <= this.claimOf.length) {
      return;
    }
    const size = Math.max(n, this.claimOf.length * 2);
    this.claimOf = new Int32Array(size);
    this.outBase = new Float64Array(size);
    this.outSim = new Float64Array(size);
    this.netBase = new Float64Array(size);
    this.netSim = new Float64Array(size);
  }

  /**
   * The person on the integer path, both sides in one pass, or null when an amount or schedule is beyond it: a money
   * text {@link parseFen} does not take, a schedule without an integer form, the accumulator's balance beyond a
   * schedule's `limit`, or a side's deltas' absolute sum (which bounds its recorded benefits and every partial sum of
   * its deltas, the claims' nets included) beyond {@link FEN_BOUND}.
   */
  private fenPerson(
    entries: readonly ReplayEntry[],
    baseCapped: Slot | null,
    simCapped: Slot | null,
  ): PersonReplay | null {
    const n = entries.length;
    const { claimOf, outBase, outSim, netBase, netSim, baseSlot, simSlot } = this;
    let mismatch: ReplayMismatch | null = null;
    let c = 0;
    let rBase = 0;
    let rSim = 0;
    let absBase = 0;
    let absSim = 0;
    for (let i = 0; i < n; i++) {
      const e = entries[i]!;
      const b = baseSlot[i]!.fen;
      const s = simSlot[i]!.fen;
      const delta = parseFen(e.eligibleDelta);
      if (b === null || s === null || delta === null) {
        return null;
      }
      if (
        mismatch === null &&
        e.cumulativeBefore !== undefined &&
        parseFen(e.cumulativeBefore) !== c
      ) {
        mismatch = mismatchOf(e, i, 'cumulativeBefore', e.cumulativeBefore, money(c));
      }
      const after = c + delta;
      const limit = b.limit < s.limit ? b.limit : s.limit;
      if (after > limit || after < -limit || c > limit || c < -limit) {
        return null;
      }
      let db: number;
      let ds: number;
      if (e.kind === 'CLAIM') {
        db = fenClaimBenefit(b, c, delta, rBase);
        ds = fenClaimBenefit(s, c, delta, rSim);
      } else {
        db = fenAdjustmentDelta(b, c, -delta, rBase);
        ds = fenAdjustmentDelta(s, c, -delta, rSim);
      }
      c = after;
      outBase[i] = db;
      outSim[i] = ds;
      netBase[i] = db;
      netSim[i] = ds;
      rBase += db;
      rSim += ds;
      absBase += db < 0 ? -db : db;
      absSim += ds < 0 ? -ds : ds;
      if (absBase > FEN_BOUND || absSim > FEN_BOUND) {
        return null;
      }
      if (mismatch === null && db !== parseFen(e.benefitDelta)) {
        mismatch = mismatchOf(e, i, 'benefitDelta', e.benefitDelta, money(db));
      }
      const j = claimOf[i]!;
      if (j !== i) {
        netBase[j] = netBase[j]! + db;
        netSim[j] = netSim[j]! + ds;
      }
    }
    return this.assemble(entries, outBase, outSim, netBase, netSim, {
      baselineYear: rBase,
      simulatedYear: rSim,
      baselineCapped: baseCapped !== null && rBase >= baseCapped.fen!.cap,
      simulatedCapped: simCapped !== null && rSim >= simCapped.fen!.cap,
      mismatch,
      arithmetic: 'fen',
    });
  }

  /** The person with the decimal rules themselves (`claimBenefit`, `adjustmentDelta`). */
  private decimalPerson(
    entries: readonly ReplayEntry[],
    baseCapped: Slot | null,
    simCapped: Slot | null,
  ): PersonReplay {
    const n = entries.length;
    const { claimOf, baseSlot, simSlot } = this;
    const outBase: Decimal[] = [];
    const outSim: Decimal[] = [];
    let mismatch: ReplayMismatch | null = null;
    let c: Decimal = ZERO;
    let rBase: Decimal = ZERO;
    let rSim: Decimal = ZERO;
    for (let i = 0; i < n; i++) {
      const e = entries[i]!;
      if (
        mismatch === null &&
        e.cumulativeBefore !== undefined &&
        !c.equals(new Money(e.cumulativeBefore))
      ) {
        mismatch = mismatchOf(e, i, 'cumulativeBefore', e.cumulativeBefore, money(c));
      }
      const delta = new Money(e.eligibleDelta);
      const b = baseSlot[i]!.schedule;
      const s = simSlot[i]!.schedule;
      let db: Decimal;
      let ds: Decimal;
      if (e.kind === 'CLAIM') {
        const input = { cumulativeBefore: c, eligible: delta };
        db = claimBenefit({ ...input, schedule: b, benefitsRecorded: rBase }).benefit;
        ds = claimBenefit({ ...input, schedule: s, benefitsRecorded: rSim }).benefit;
      } else {
        db = adjustmentDelta(b, c, delta.negated(), rBase);
        ds = adjustmentDelta(s, c, delta.negated(), rSim);
      }
      c = c.plus(delta);
      outBase.push(db);
      outSim.push(ds);
      rBase = rBase.plus(db);
      rSim = rSim.plus(ds);
      if (mismatch === null && !db.equals(new Money(e.benefitDelta))) {
        mismatch = mismatchOf(e, i, 'benefitDelta', e.benefitDelta, money(db));
      }
    }
    const netBase = outBase.slice();
    const netSim = outSim.slice();
    for (let i = 0; i < n; i++) {
      const j = claimOf[i]!;
      if (j !== i) {
        netBase[j] = netBase[j]!.plus(outBase[i]!);
        netSim[j] = netSim[j]!.plus(outSim[i]!);
      }
    }
    const fen = (xs: readonly Decimal[]) => xs.map(fenOf);
    return this.assemble(entries, fen(outBase), fen(outSim), fen(netBase), fen(netSim), {
      baselineYear: fenOf(rBase),
      simulatedYear: fenOf(rSim),
      baselineCapped:
        baseCapped !== null && rBase.greaterThanOrEqualTo(baseCapped.schedule.annualCap!),
      simulatedCapped:
        simCapped !== null && rSim.greaterThanOrEqualTo(simCapped.schedule.annualCap!),
      mismatch,
      arithmetic: 'decimal',
    });
  }

  /** The person's result: the simulated agreement's claims with their figures, and the year's. */
  private assemble(
    entries: readonly ReplayEntry[],
    outBase: ArrayLike<Fen>,
    outSim: ArrayLike<Fen>,
    netBase: ArrayLike<Fen>,
    netSim: ArrayLike<Fen>,
    year: Omit<PersonReplay, 'claims'>,
  ): PersonReplay {
    const claims: ReplayedClaim[] = [];
    const agreementId = this.terms.agreementId;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.kind === 'CLAIM' && e.agreementId === agreementId) {
        claims.push({
          claimId: e.claimId,
          schedule: e.schedule === 'PREFERENTIAL' ? 'PREFERENTIAL' : 'GENERAL',
          regionCode: e.regionCode,
          baselineBenefit: outBase[i]!,
          baselineNet: netBase[i]!,
          simulatedBenefit: outSim[i]!,
          simulatedNet: netSim[i]!,
        });
      }
    }
    return { claims, ...year };
  }
}

const money = (x: Fen | Decimal): string =>
  formatMoney(typeof x === 'number' || typeof x === 'bigint' ? moneyOfFen(x) : x);

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
