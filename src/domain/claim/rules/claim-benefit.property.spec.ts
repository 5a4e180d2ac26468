import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { Money, roundToCents, ZERO } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { validateSchedule } from '../../agreement/rules/terms-validation.rule';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import { roundedBenefitOf, segmentsOf, uncappedBenefit, type Schedule } from './benefit.rule';
import { adjustmentDelta, claimBenefit, type ClaimBenefit } from './claim-benefit.rule';

/**
 * Properties of the annual ledger of rules.md §3.3 over random claim sequences: the sum rule, bounds, contiguity, the
 * cap, the band breakdowns and adjustments. Amounts are whole fen divided by 100, so they have exactly two decimals.
 */

const RUNS = { numRuns: 1000 };

const CI = DEFAULT_TERMS[AgreementKind.CRITICAL_ILLNESS];
const GENERAL: Schedule = CI.general;
const PREFERENTIAL: Schedule = CI.preferential;

const fen = (n: number): Decimal => new Money(n).div(100);
const fenArb = (min: number, max: number): fc.Arbitrary<Decimal> =>
  fc.integer({ min, max }).map(fen);
const sum = (xs: readonly Decimal[]): Decimal => xs.reduce((s, x) => s.plus(x), ZERO);

/** A claim's eligible amount: 0 to 300 000.00, mostly small, with the schedules' edges now and then. */
const eligibleArb: fc.Arbitrary<Decimal> = fc.oneof(
  { arbitrary: fenArb(0, 2_000_000), weight: 6 }, // up to 20 000.00
  { arbitrary: fenArb(0, 30_000_000), weight: 2 }, // up to 300 000.00
  { arbitrary: fenArb(0, 5), weight: 1 }, // a few fen
  {
    arbitrary: fc
      .constantFrom(0, 1, 2, 550_000, 1_100_000, 5_000_000, 10_000_000, 30_000_000)
      .map(fen),
    weight: 1,
  },
);

/** A valid random schedule: 1–4 bands with increasing `upTo`, rates in [0, 1] with two decimals, an optional cap. */
const randomScheduleArb: fc.Arbitrary<Schedule> = fc
  .record({
    deductible: fc.oneof(fc.constant(ZERO), fenArb(0, 2_000_000)),
    widths: fc.array(fc.integer({ min: 1, max: 20_000_000 }), { minLength: 0, maxLength: 3 }),
    rates: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }),
    cap: fc.option(fenArb(1, 50_000_000), { nil: null }),
  })
  .map(({ deductible, widths, rates, cap }) => {
    let upTo = deductible;
    const bands: { upTo: Decimal | null; rate: Decimal }[] = widths.map((w, i) => {
      upTo = upTo.plus(fen(w));
      return { upTo, rate: new Money(rates[i]!).div(100) };
    });
    bands.push({ upTo: null, rate: new Money(rates[widths.length]!).div(100) });
    return { deductible, bands, annualCap: cap };
  });

const scheduleArb: fc.Arbitrary<Schedule> = fc.oneof(
  fc.constant(GENERAL),
  fc.constant(PREFERENTIAL),
  randomScheduleArb,
);

const claimsArb = fc.array(eligibleArb, { minLength: 1, maxLength: 12 });

/** Adjudicates `eligibles` in order under `schedule`, chaining `before` and `benefitsRecorded` (rules.md §3.3). */
const runChain = (schedule: Schedule, eligibles: readonly Decimal[]): ClaimBenefit[] => {
  const out: ClaimBenefit[] = [];
  let cumulative = ZERO;
  let recorded = ZERO;
  for (const eligible of eligibles) {
    const c = claimBenefit({
      schedule,
      cumulativeBefore: cumulative,
      eligible,
      benefitsRecorded: recorded,
    });
    out.push(c);
    cumulative = c.cumulativeAfter;
    recorded = recorded.plus(c.benefit);
  }
  return out;
};

const maxRate = (s: Schedule): Decimal =>
  s.bands.reduce((mx, b) => (b.rate.greaterThan(mx) ? b.rate : mx), ZERO);

/** The step's uncapped rounded benefit: the "natural" benefit the breakdown adjusts to when nothing cuts it. */
const naturalOf = (s: Schedule, c: ClaimBenefit): Decimal =>
  roundToCents(uncappedBenefit(s, c.cumulativeAfter)).minus(
    roundToCents(uncappedBenefit(s, c.cumulativeBefore)),
  );

describe('claim benefit properties (rules.md §3.3)', () => {
  it('generates valid schedules only', () => {
    fc.assert(
      fc.property(randomScheduleArb, (s) => {
        validateSchedule(s, 'schedule');
      }),
      RUNS,
    );
  });

  it('(a) under one schedule the benefits sum to exactly round2(B(total))', () => {
    fc.assert(
      fc.property(scheduleArb, claimsArb, (s, eligibles) => {
        const claims = runChain(s, eligibles);
        const total = sum(eligibles);
        expect(sum(claims.map((c) => c.benefit)).toFixed(2)).toBe(
          roundedBenefitOf(s, total).toFixed(2),
        );
      }),
      RUNS,
    );
  });

  it('(b) each benefit is ≥ 0, has two decimals, and is ≤ its eligible amount (rates ≤ 1)', () => {
    fc.assert(
      fc.property(scheduleArb, claimsArb, (s, eligibles) => {
        expect(maxRate(s).lessThanOrEqualTo(1)).toBe(true);
        runChain(s, eligibles).forEach((c, i) => {
          expect(c.benefit.greaterThanOrEqualTo(0)).toBe(true);
          expect(c.benefit.decimalPlaces()).toBeLessThanOrEqual(2);
          expect(c.benefit.lessThanOrEqualTo(eligibles[i]!)).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('(c) the chain is contiguous: the first starts at 0, each starts where the previous ended, after = before + E', () => {
    fc.assert(
      fc.property(scheduleArb, claimsArb, (s, eligibles) => {
        const claims = runChain(s, eligibles);
        claims.forEach((c, i) => {
          const expectedBefore = i === 0 ? ZERO : claims[i - 1]!.cumulativeAfter;
          expect(c.cumulativeBefore.equals(expectedBefore)).toBe(true);
          expect(c.cumulativeAfter.equals(c.cumulativeBefore.plus(eligibles[i]!))).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('(d) the cap holds: the year’s benefits never exceed the annual cap', () => {
    fc.assert(
      fc.property(scheduleArb, claimsArb, (s, eligibles) => {
        const claims = runChain(s, eligibles);
        let recorded = ZERO;
        for (const c of claims) {
          recorded = recorded.plus(c.benefit);
          if (s.annualCap !== null) {
            expect(recorded.lessThanOrEqualTo(s.annualCap)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('(e) each claim’s bands: bases > 0 sum to E, amounts ≥ 0 sum to the benefit, rate-0 bands pay 0', () => {
    fc.assert(
      fc.property(scheduleArb, claimsArb, (s, eligibles) => {
        const segments = segmentsOf(s);
        runChain(s, eligibles).forEach((c, i) => {
          expect(sum(c.bands.map((b) => b.base)).equals(eligibles[i]!)).toBe(true);
          expect(sum(c.bands.map((b) => b.amount)).equals(c.benefit)).toBe(true);
          for (const b of c.bands) {
            expect(b.base.greaterThan(0)).toBe(true);
            expect(b.amount.greaterThanOrEqualTo(0)).toBe(true);
            expect(b.amount.decimalPlaces()).toBeLessThanOrEqual(2);
            if (b.rate.isZero()) {
              expect(b.amount.isZero()).toBe(true);
            }
          }
          // the bands are the schedule's segments, in order
          const keys = segments.map((g) => `${g.upTo?.toFixed() ?? 'open'}@${g.rate.toFixed()}`);
          const idx = c.bands.map((b) =>
            keys.indexOf(`${b.upTo?.toFixed() ?? 'open'}@${b.rate.toFixed()}`),
          );
          expect(idx.every((k) => k >= 0)).toBe(true);
          expect([...idx].sort((x, y) => x - y)).toEqual(idx);
        });
      }),
      RUNS,
    );
  });

  it('(e′) uncut claims: each band amount is within a fen per crossed band of round2(rate × base)', () => {
    fc.assert(
      fc.property(scheduleArb, claimsArb, (s, eligibles) => {
        runChain(s, eligibles).forEach((c) => {
          if (!c.benefit.equals(naturalOf(s, c))) {
            return;
          }
          const slack = new Money(c.bands.length).div(100);
          for (const b of c.bands) {
            expect(
              b.amount
                .minus(roundToCents(b.rate.times(b.base)))
                .abs()
                .lessThanOrEqualTo(slack),
            ).toBe(true);
          }
        });
      }),
      RUNS,
    );
  });

  it('(e″) cut claims (cap or floor): bands paid in band order, none above round2(rate × base)', () => {
    fc.assert(
      fc.property(scheduleArb, claimsArb, (s, eligibles) => {
        runChain(s, eligibles).forEach((c) => {
          if (c.benefit.equals(naturalOf(s, c))) {
            return;
          }
          const rounded = c.bands.map((b) => roundToCents(b.rate.times(b.base)));
          // a prefix paid in full, then at most one band cut, then nothing
          let cut = false;
          c.bands.forEach((b, i) => {
            expect(b.amount.lessThanOrEqualTo(rounded[i]!)).toBe(true);
            if (cut) {
              expect(b.amount.isZero()).toBe(true);
            } else if (b.amount.lessThan(rounded[i]!)) {
              cut = true;
            }
          });
        });
      }),
      RUNS,
    );
  });

  /**
   * Cent-sized schedules, where three or more paid bands can each round down while the step's rounded benefit rounds
   * up, so that a cut benefit exceeds the sum of the bands' rounded amounts. Valid schedules (validateSchedule), toy
   * figures; a schedule in yuan with three or more paid bands and a cap can meet the same case.
   */
  const tinyScheduleArb: fc.Arbitrary<Schedule> = fc
    .record({
      deductible: fenArb(0, 2),
      widths: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 3, maxLength: 3 }),
      rates: fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(0, 45, 49)), {
        minLength: 4,
        maxLength: 4,
      }),
      cap: fenArb(1, 3),
    })
    .map(({ deductible, widths, rates, cap }) => {
      let upTo = deductible;
      const bands: { upTo: Decimal | null; rate: Decimal }[] = widths.map((w, i) => {
        upTo = upTo.plus(fen(w));
        return { upTo, rate: new Money(rates[i]!).div(100) };
      });
      bands.push({ upTo: null, rate: new Money(rates[3]!).div(100) });
      return { deductible, bands, annualCap: cap };
    });

  // Fixed after review (rules.md §3.3: "the rounding difference goes to the band with the largest base; after
  // a cap or floor, band amounts are scaled down in band order"): when a cut benefit is above the sum of the bands'
  // rounded amounts, bandBreakdown gives the remainder to the last crossed band, whatever its base or rate, so a rate-0
  // band can pay 0.01. Minimal case (also in claim-benefit.rule.spec.ts): deductible 0; bands 0.02 @ 0.49,
  // 0.03 @ 0.49, 0.04 @ 0.49, open @ 0; cap 0.01; before 0.01, E 0.04 → benefit 0.01, all on the open band at rate 0
  // (expected: 0.00 there; the fen on the paid band with the largest base, the first of equals).
  it('(e‴) cent-sized capped schedules: rate-0 bands pay 0; a cut claim’s extra fen only on the largest paid band', () => {
    fc.assert(
      fc.property(
        tinyScheduleArb,
        fc.array(fenArb(0, 10), { minLength: 1, maxLength: 6 }),
        (s, eligibles) => {
          runChain(s, eligibles).forEach((c) => {
            expect(sum(c.bands.map((b) => b.amount)).equals(c.benefit)).toBe(true);
            const cut = !c.benefit.equals(naturalOf(s, c));
            let largest = -1;
            c.bands.forEach((b, i) => {
              if (
                b.rate.greaterThan(0) &&
                (largest < 0 || b.base.greaterThan(c.bands[largest]!.base))
              ) {
                largest = i;
              }
            });
            c.bands.forEach((b, i) => {
              if (b.rate.isZero()) {
                expect(b.amount.isZero()).toBe(true);
              }
              if (cut && i !== largest) {
                expect(b.amount.lessThanOrEqualTo(roundToCents(b.rate.times(b.base)))).toBe(true);
              }
            });
          });
        },
      ),
      RUNS,
    );
  });

  it('(f) adjustments on one schedule: delta ≤ 0, never below 0 recorded, ledger stays round2(B(C))', () => {
    type Op =
      | { kind: 'claim'; eligible: Decimal }
      | { kind: 'review'; pick: number; share: number | 'all' };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      {
        arbitrary: eligibleArb.map((eligible) => ({ kind: 'claim' as const, eligible })),
        weight: 3,
      },
      {
        arbitrary: fc.record({
          kind: fc.constant('review' as const),
          pick: fc.nat(),
          share: fc.oneof(fc.constant('all' as const), fc.integer({ min: 0, max: 10_000 })),
        }),
        weight: 2,
      },
    );
    fc.assert(
      fc.property(scheduleArb, fc.array(opArb, { minLength: 1, maxLength: 20 }), (s, ops) => {
        let cumulative = ZERO;
        let recorded = ZERO;
        const left: Decimal[] = []; // what is left of each claim's eligible amount
        for (const op of ops) {
          if (op.kind === 'claim') {
            const c = claimBenefit({
              schedule: s,
              cumulativeBefore: cumulative,
              eligible: op.eligible,
              benefitsRecorded: recorded,
            });
            cumulative = c.cumulativeAfter;
            recorded = recorded.plus(c.benefit);
            left.push(op.eligible);
          } else {
            if (left.length === 0) {
              continue;
            }
            const i = op.pick % left.length;
            const rest = left[i]!;
            const x =
              op.share === 'all'
                ? rest
                : rest.times(op.share).div(10_000).toDecimalPlaces(2, Money.ROUND_DOWN);
            expect(x.lessThanOrEqualTo(rest)).toBe(true);
            const delta = adjustmentDelta(s, cumulative, x, recorded);
            expect(delta.lessThanOrEqualTo(0)).toBe(true);
            expect(recorded.plus(delta).greaterThanOrEqualTo(0)).toBe(true);
            // one schedule: the floor never bites, the delta is the plain difference at the top of the ledger
            expect(
              delta.equals(
                roundedBenefitOf(s, cumulative.minus(x)).minus(roundedBenefitOf(s, cumulative)),
              ),
            ).toBe(true);
            cumulative = cumulative.minus(x);
            recorded = recorded.plus(delta);
            left[i] = rest.minus(x);
          }
          expect(cumulative.equals(sum(left))).toBe(true);
          expect(recorded.toFixed(2)).toBe(roundedBenefitOf(s, cumulative).toFixed(2));
          if (s.annualCap !== null) {
            expect(recorded.lessThanOrEqualTo(s.annualCap)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('(g) a schedule change in mid-year: benefits ≥ 0, a capped claim never lifts the year above its cap', () => {
    const stepArb = fc.record({
      schedule: fc.constantFrom(GENERAL, PREFERENTIAL),
      eligible: eligibleArb,
      review: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 12 }), (steps) => {
        let cumulative = ZERO;
        let recorded = ZERO;
        for (const step of steps) {
          const c = claimBenefit({
            schedule: step.schedule,
            cumulativeBefore: cumulative,
            eligible: step.eligible,
            benefitsRecorded: recorded,
          });
          expect(c.benefit.greaterThanOrEqualTo(0)).toBe(true);
          expect(c.benefit.lessThanOrEqualTo(step.eligible)).toBe(true);
          expect(sum(c.bands.map((b) => b.base)).equals(step.eligible)).toBe(true);
          expect(sum(c.bands.map((b) => b.amount)).equals(c.benefit)).toBe(true);
          expect(c.bands.every((b) => b.amount.greaterThanOrEqualTo(0))).toBe(true);
          const cap = step.schedule.annualCap;
          if (cap !== null && c.benefit.greaterThan(0)) {
            expect(recorded.plus(c.benefit).lessThanOrEqualTo(cap)).toBe(true);
          }
          cumulative = c.cumulativeAfter;
          recorded = recorded.plus(c.benefit);
          if (step.review !== null) {
            // a review of this claim under its schedule, X ≤ its eligible amount
            const x = step.eligible
              .times(step.review)
              .div(10_000)
              .toDecimalPlaces(2, Money.ROUND_DOWN);
            const delta = adjustmentDelta(step.schedule, cumulative, x, recorded);
            expect(delta.lessThanOrEqualTo(0)).toBe(true);
            expect(recorded.plus(delta).greaterThanOrEqualTo(0)).toBe(true);
            cumulative = cumulative.minus(x);
            recorded = recorded.plus(delta);
          }
        }
      }),
      RUNS,
    );
  });
});
