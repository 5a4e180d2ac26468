import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { Money, ZERO } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import { roundedBenefitOf, type Schedule } from '../../claim/rules/benefit.rule';
import { adjustmentDelta, claimBenefit } from '../../claim/rules/claim-benefit.rule';
import { fenOf } from './fen-amounts.rule';
import {
  YearReplay,
  type PersonReplay,
  type ReplayEntry,
  type ReplayTerms,
  type SchedulePair,
} from './year-replay.rule';

/**
 * The replay of rules.md §12 on random years written by a model of the services (ClaimService adjudicates with
 * `claimBenefit` on the accumulator's balance and benefit total; ClaimAdjustmentService takes `adjustmentDelta` at the
 * top of the ledger with the adjusted claim's schedule): claims of two agreements, two terms versions of the simulated
 * one (a mid-year change of terms), general and preferential claims (a mid-year status change), reviews and reversals,
 * now and then amounts beyond the integer path.
 */

const RUNS = { numRuns: 400 };

const CI = DEFAULT_TERMS[AgreementKind.CRITICAL_ILLNESS];
const SEED: SchedulePair = { general: CI.general, preferential: CI.preferential };
const X = 'agreement-x';
const Y = 'agreement-y';
const yuan = (fen: number | bigint): Decimal => new Money(fen.toString()).div(100);

/** A valid schedule in whole fen (as the terms validation allows), rates with up to 4 decimals. */
const scheduleArb: fc.Arbitrary<Schedule> = fc
  .record({
    deductible: fc.integer({ min: 0, max: 2_000_000 }),
    widths: fc.array(fc.integer({ min: 1, max: 20_000_000 }), { minLength: 0, maxLength: 2 }),
    rates: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 3, maxLength: 3 }),
    cap: fc.option(fc.integer({ min: 1, max: 50_000_000 }), { nil: null }),
  })
  .map(({ deductible, widths, rates, cap }): Schedule => {
    let upTo = yuan(deductible);
    const bands: { upTo: Decimal | null; rate: Decimal }[] = widths.map((w, i) => {
      upTo = upTo.plus(yuan(w));
      return { upTo, rate: new Money(rates[i]!).div(10_000) };
    });
    bands.push({ upTo: null, rate: new Money(rates[widths.length]!).div(10_000) });
    return { deductible: yuan(deductible), bands, annualCap: cap === null ? null : yuan(cap) };
  });

const pairArb: fc.Arbitrary<SchedulePair> = fc.oneof(
  fc.constant(SEED),
  fc.record({ general: scheduleArb, preferential: fc.constant(CI.preferential) }),
  fc.record({ general: scheduleArb, preferential: scheduleArb }),
);

/** One line of a person's year, as the services met it. */
type Op =
  | {
      kind: 'claim';
      agreement: 'X1' | 'X2' | 'Y';
      schedule: 'GENERAL' | 'PREFERENTIAL';
      eligible: Decimal;
      region: string;
    }
  | { kind: 'adjust'; pick: number; share: number | 'all' };

const eligibleArb = (huge: boolean): fc.Arbitrary<Decimal> =>
  fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 2_000_000 }).map(yuan), weight: 6 },
    { arbitrary: fc.integer({ min: 0, max: 30_000_000 }).map(yuan), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 3 }).map(yuan), weight: 1 },
    ...(huge ? [{ arbitrary: fc.bigInt({ min: 0n, max: 10n ** 17n }).map(yuan), weight: 1 }] : []),
  );

const claimOpArb = (huge: boolean): fc.Arbitrary<Op> =>
  fc.record({
    kind: fc.constant('claim' as const),
    agreement: fc.constantFrom('X1' as const, 'X2' as const, 'Y' as const),
    schedule: fc.constantFrom('GENERAL' as const, 'PREFERENTIAL' as const),
    eligible: eligibleArb(huge),
    region: fc.constantFrom('410302', '410303', '411002'),
  });

const opArb = (huge: boolean): fc.Arbitrary<Op> =>
  fc.oneof(
    { arbitrary: claimOpArb(huge), weight: 4 },
    {
      arbitrary: fc.record({
        kind: fc.constant('adjust' as const),
        pick: fc.nat(),
        share: fc.oneof(fc.constant('all' as const), fc.integer({ min: 0, max: 10_000 })),
      }),
      weight: 1,
    },
  );

/** A person's year: a first claim, then up to 29 more claims and adjustments. */
const yearArb = (huge = false): fc.Arbitrary<Op[]> =>
  fc
    .tuple(claimOpArb(huge), fc.array(opArb(huge), { maxLength: 29 }))
    .map(([first, rest]) => [first, ...rest]);

const VERSION = { X1: 'tv-x-jan', X2: 'tv-x-jul', Y: 'tv-y' } as const;

interface Terms {
  readonly x1: SchedulePair;
  readonly x2: SchedulePair;
  readonly y: SchedulePair;
  readonly candidate: SchedulePair;
}

const termsArb: fc.Arbitrary<Terms> = fc.record({
  x1: pairArb,
  x2: pairArb,
  y: pairArb,
  candidate: pairArb,
});

const replayTerms = (t: Terms): ReplayTerms => ({
  agreementId: X,
  candidate: t.candidate,
  recorded: new Map([
    [VERSION.X1, t.x1],
    [VERSION.X2, t.x2],
    [VERSION.Y, t.y],
  ]),
});

const pickOf = (pair: SchedulePair, kind: string): Schedule =>
  kind === 'PREFERENTIAL' ? pair.preferential : pair.general;

/**
 * The services' ledger for a person's year: each claim adjudicated with `claimBenefit` on the balance and the benefit
 * total, each review of a share of what is left of a claim (`all`: a reversal) with `adjustmentDelta` at the top with the
 * claim's schedule; a reversed claim is adjusted no more. `scheduleOf` gives a claim's schedule (the recorded one, or the
 * candidate's for a simulation).
 */
const ledgerOf = (
  ops: readonly Op[],
  scheduleOf: (agreement: 'X1' | 'X2' | 'Y', kind: string) => Schedule,
): { entries: ReplayEntry[]; year: Decimal } => {
  const entries: ReplayEntry[] = [];
  const claims: { id: string; schedule: Schedule; left: Decimal; reversed: boolean }[] = [];
  let c: Decimal = ZERO;
  let r: Decimal = ZERO;
  ops.forEach((op, i) => {
    if (op.kind === 'claim') {
      const schedule = scheduleOf(op.agreement, op.schedule);
      const result = claimBenefit({
        schedule,
        cumulativeBefore: c,
        eligible: op.eligible,
        benefitsRecorded: r,
      });
      const id = `claim-${i}`;
      entries.push({
        kind: 'CLAIM',
        claimId: id,
        eligibleDelta: op.eligible.toFixed(2),
        benefitDelta: result.benefit.toFixed(2),
        cumulativeBefore: c.toFixed(2),
        agreementId: op.agreement === 'Y' ? Y : X,
        termsVersionId: VERSION[op.agreement],
        schedule: op.schedule,
        regionCode: op.region,
      });
      claims.push({ id, schedule, left: op.eligible, reversed: false });
      c = result.cumulativeAfter;
      r = r.plus(result.benefit);
      return;
    }
    const open = claims.filter((k) => !k.reversed);
    if (open.length === 0) {
      return;
    }
    const claim = open[op.pick % open.length]!;
    const x =
      op.share === 'all'
        ? claim.left
        : claim.left.times(op.share).div(10_000).toDecimalPlaces(2, Money.ROUND_DOWN);
    const delta = adjustmentDelta(claim.schedule, c, x, r);
    entries.push({
      kind: op.share === 'all' ? 'REVERSAL' : 'REVIEW',
      claimId: claim.id,
      eligibleDelta: x.negated().toFixed(2),
      benefitDelta: delta.toFixed(2),
      cumulativeBefore: c.toFixed(2),
    });
    claim.left = claim.left.minus(x);
    claim.reversed = op.share === 'all';
    c = c.minus(x);
    r = r.plus(delta);
  });
  return { entries, year: r };
};

const recordedLedger = (t: Terms, ops: readonly Op[]) =>
  ledgerOf(ops, (a, kind) => pickOf(a === 'X1' ? t.x1 : a === 'X2' ? t.x2 : t.y, kind));

const simulatedLedger = (t: Terms, ops: readonly Op[]) =>
  ledgerOf(ops, (a, kind) => (a === 'Y' ? pickOf(t.y, kind) : pickOf(t.candidate, kind)));

/** The simulated agreement's figures of a ledger: [claim id, benefit, net] per claim. */
const claimFigures = (entries: readonly ReplayEntry[]): [string, string, string][] => {
  const out = new Map<string, [string, Decimal, Decimal]>();
  for (const e of entries) {
    if (e.kind === 'CLAIM') {
      if (e.agreementId === X) {
        const b = new Money(e.benefitDelta);
        out.set(e.claimId, [e.claimId, b, b]);
      }
    } else {
      const line = out.get(e.claimId);
      if (line) {
        line[2] = line[2].plus(e.benefitDelta);
      }
    }
  }
  return [...out.values()].map(([id, b, n]) => [id, b.toFixed(2), n.toFixed(2)]);
};

const replayFigures = (p: PersonReplay, side: 'baseline' | 'simulated') =>
  p.claims.map((c) => [
    c.claimId,
    yuan(side === 'baseline' ? c.baselineBenefit : c.simulatedBenefit).toFixed(2),
    yuan(side === 'baseline' ? c.baselineNet : c.simulatedNet).toFixed(2),
  ]);

describe('YearReplay on random years (rules.md §12)', () => {
  it('replaying the terms in force reproduces every recorded benefit and delta (baselineMatches)', () => {
    fc.assert(
      fc.property(termsArb, yearArb(), (t, ops) => {
        const { entries, year } = recordedLedger(t, ops);
        const p = new YearReplay(replayTerms(t)).person(entries);
        expect(p.mismatch).toBeNull();
        expect(replayFigures(p, 'baseline')).toEqual(claimFigures(entries));
        expect(yuan(p.baselineYear).equals(year)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the simulation is the services’ algorithm with the candidate schedules on the agreement’s claims', () => {
    fc.assert(
      fc.property(termsArb, yearArb(), (t, ops) => {
        const { entries } = recordedLedger(t, ops);
        const expected = simulatedLedger(t, ops);
        const p = new YearReplay(replayTerms(t)).person(entries);
        expect(replayFigures(p, 'simulated')).toEqual(claimFigures(expected.entries));
        expect(yuan(p.simulatedYear).equals(expected.year)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the integer path gives what the decimal rules give, amounts beyond its range included', () => {
    fc.assert(
      fc.property(termsArb, yearArb(true), (t, ops) => {
        const { entries } = recordedLedger(t, ops);
        const fast = new YearReplay(replayTerms(t)).person(entries);
        const decimal = new YearReplay(replayTerms(t), { arithmetic: 'decimal' }).person(entries);
        expect(decimal.arithmetic).toBe('decimal');
        expect({ ...fast, arithmetic: null }).toEqual({ ...decimal, arithmetic: null });
      }),
      RUNS,
    );
  });

  it('a recorded delta off by one fen is the first mismatch, named', () => {
    fc.assert(
      fc.property(termsArb, yearArb(), fc.nat(), fc.constantFrom(-1, 1), (t, ops, at, d) => {
        const { entries } = recordedLedger(t, ops);
        const i = at % entries.length;
        const wrong = new Money(entries[i]!.benefitDelta).plus(yuan(d)).toFixed(2);
        const altered = entries.map((e, k) => (k === i ? { ...e, benefitDelta: wrong } : e));
        const p = new YearReplay(replayTerms(t)).person(altered);
        expect(p.mismatch).toEqual({
          claimId: entries[i]!.claimId,
          kind: entries[i]!.kind,
          index: i,
          field: 'benefitDelta',
          expected: wrong === '-0.00' ? '0.00' : wrong,
          got: new Money(entries[i]!.benefitDelta).toFixed(2),
        });
      }),
      RUNS,
    );
  });

  it('an entry left out of the stream is caught by the balances, or by a benefit, or changes nothing', () => {
    fc.assert(
      fc.property(termsArb, yearArb(), fc.nat(), (t, ops, at) => {
        const { entries } = recordedLedger(t, ops);
        const i = at % entries.length;
        const dropped = entries[i]!;
        // leaving out a claim that is adjusted later is an input error, not a silent result
        const adjustedLater =
          dropped.kind === 'CLAIM' &&
          entries.some((e, k) => k > i && e.kind !== 'CLAIM' && e.claimId === dropped.claimId);
        const rest = entries.filter((_, k) => k !== i);
        const replay = new YearReplay(replayTerms(t));
        if (adjustedLater) {
          expect(() => replay.person(rest)).toThrow(/comes before any CLAIM entry/);
          return;
        }
        const p = replay.person(rest);
        const moved = new Money(dropped.eligibleDelta);
        if (!moved.isZero() && i < rest.length) {
          expect(p.mismatch).not.toBeNull();
        }
      }),
      RUNS,
    );
  });

  it('candidate = the terms in force: the simulation is the baseline', () => {
    fc.assert(
      fc.property(pairArb, pairArb, yearArb(), (x, y, ops) => {
        const t: Terms = { x1: x, x2: x, y, candidate: x };
        const p = new YearReplay(replayTerms(t)).person(recordedLedger(t, ops).entries);
        for (const c of p.claims) {
          expect([c.simulatedBenefit, c.simulatedNet]).toEqual([c.baselineBenefit, c.baselineNet]);
        }
        expect(p.simulatedYear).toEqual(p.baselineYear);
        expect(p.simulatedCapped).toBe(p.baselineCapped);
      }),
      RUNS,
    );
  });

  it('one schedule all year: the year’s benefits are round2(B(total)) on both sides (no drift)', () => {
    fc.assert(
      fc.property(pairArb, pairArb, yearArb(), (x, candidate, ops) => {
        const general = ops.map((o) =>
          o.kind === 'claim' ? { ...o, agreement: 'X1' as const, schedule: 'GENERAL' as const } : o,
        );
        const t: Terms = { x1: x, x2: x, y: x, candidate };
        const { entries } = recordedLedger(t, general);
        const p = new YearReplay(replayTerms(t)).person(entries);
        const total = entries.reduce((s, e) => s.plus(e.eligibleDelta), ZERO);
        expect(yuan(p.baselineYear).equals(roundedBenefitOf(x.general, total))).toBe(true);
        expect(yuan(p.simulatedYear).equals(roundedBenefitOf(candidate.general, total))).toBe(true);
        // the claims' nets add up to the year
        const nets = p.claims.reduce((s, c) => s.plus(yuan(c.simulatedNet)), ZERO);
        expect(nets.equals(yuan(p.simulatedYear))).toBe(true);
      }),
      RUNS,
    );
  });

  it('reaching the cap: the year’s benefits at least the cap of the last capped claim of the agreement', () => {
    fc.assert(
      fc.property(termsArb, yearArb(), (t, ops) => {
        const { entries } = recordedLedger(t, ops);
        const p = new YearReplay(replayTerms(t)).person(entries);
        let cap: Decimal | null = null;
        for (const e of entries) {
          if (e.kind === 'CLAIM' && e.agreementId === X) {
            const pair = e.termsVersionId === VERSION.X1 ? t.x1 : t.x2;
            cap = pickOf(pair, e.schedule).annualCap ?? cap;
          }
        }
        expect(p.baselineCapped).toBe(
          cap !== null && yuan(p.baselineYear).greaterThanOrEqualTo(cap),
        );
        expect(fenOf(yuan(p.baselineYear))).toEqual(p.baselineYear);
      }),
      RUNS,
    );
  });
});
