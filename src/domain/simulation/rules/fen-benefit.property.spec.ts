import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { Money, ZERO } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { validateSchedule } from '../../agreement/rules/terms-validation.rule';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import { roundedBenefitOf, type Schedule } from '../../claim/rules/benefit.rule';
import { adjustmentDelta, claimBenefit } from '../../claim/rules/claim-benefit.rule';
import {
  compileSchedule,
  FEN_BOUND,
  fenAdjustmentDelta,
  fenClaimBenefit,
  fenRoundedBenefit,
  type FenSchedule,
} from './fen-benefit.rule';

/**
 * The integer path of the what-if replay against the decimal rules it mirrors (rules.md §3.2–3.3): `round2(B(c))`,
 * `claimBenefit`'s benefit and `adjustmentDelta`, over band edges ±1 fen, the cap (the cumulative total where B reaches
 * it, benefits recorded at it ±1 fen), mid-year schedule changes and random years of many steps. Amounts are whole fen.
 */

const RUNS = { numRuns: 1000 };

const CI = DEFAULT_TERMS[AgreementKind.CRITICAL_ILLNESS];
const yuan = (fen: number): Decimal => new Money(fen).div(100);
const fenOf = (d: Decimal): number => d.times(100).toNumber();

/** A valid random schedule: 1–4 bands, rates with 0–4 decimals in [0, 1], an optional cap; amounts in whole fen. */
const scheduleArb: fc.Arbitrary<Schedule> = fc
  .record({
    deductible: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000_000 })),
    widths: fc.array(fc.integer({ min: 1, max: 20_000_000 }), { minLength: 0, maxLength: 3 }),
    rates: fc.array(
      fc.oneof(
        fc.integer({ min: 0, max: 100 }).map((r) => new Money(r).div(100)),
        fc.integer({ min: 0, max: 10_000 }).map((r) => new Money(r).div(10_000)),
        fc.constantFrom(new Money('0.333'), new Money('0.6667'), new Money(1), ZERO),
      ),
      { minLength: 4, maxLength: 4 },
    ),
    cap: fc.option(fc.integer({ min: 1, max: 50_000_000 }), { nil: null }),
  })
  .map(({ deductible, widths, rates, cap }): Schedule => {
    let upTo = yuan(deductible);
    const bands: { upTo: Decimal | null; rate: Decimal }[] = widths.map((w, i) => {
      upTo = upTo.plus(yuan(w));
      return { upTo, rate: rates[i]! };
    });
    bands.push({ upTo: null, rate: rates[widths.length]! });
    return { deductible: yuan(deductible), bands, annualCap: cap === null ? null : yuan(cap) };
  });

const anySchedule = fc.oneof(
  { arbitrary: fc.constantFrom(CI.general, CI.preferential), weight: 1 },
  { arbitrary: scheduleArb, weight: 2 },
);

const compiled = (s: Schedule): FenSchedule => {
  const f = compileSchedule(s);
  if (!f) {
    throw new Error('a valid schedule in whole fen compiles');
  }
  return f;
};

/** The schedule's edges in fen: 0, the deductible, every band's upTo and the cumulative total where B reaches the cap. */
const edgesOf = (s: Schedule): number[] => {
  const edges = [
    0,
    fenOf(s.deductible),
    ...s.bands.flatMap((b) => (b.upTo ? [fenOf(b.upTo)] : [])),
  ];
  if (s.annualCap !== null) {
    // the smallest c (whole fen) with round2(B(c)) = cap, by bisection on the decimal rule, when B reaches it
    let lo = 0;
    let hi = 10_000_000_000;
    if (roundedBenefitOf(s, yuan(hi)).equals(s.annualCap)) {
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (roundedBenefitOf(s, yuan(mid)).equals(s.annualCap)) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      edges.push(hi);
    }
  }
  return edges;
};

/** A point near one of the schedule's edges (±1 fen, ±0) or anywhere. */
const pointArb = (s: Schedule): fc.Arbitrary<number> =>
  fc.oneof(
    fc
      .tuple(fc.constantFrom(...edgesOf(s)), fc.integer({ min: -2, max: 2 }))
      .map(([e, d]) => Math.max(0, e + d)),
    fc.integer({ min: 0, max: 100_000_000 }),
  );

/** Benefits already recorded: 0, anywhere, or the cap ±1 fen. */
const recordedArb = (s: Schedule): fc.Arbitrary<number> => {
  const cap = s.annualCap === null ? 40_000_000 : fenOf(s.annualCap);
  return fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: cap + 100 }),
    fc.integer({ min: -1, max: 1 }).map((d) => Math.max(0, cap + d)),
  );
};

describe('whole-fen ledger arithmetic = the decimal rules (rules.md §3.2–3.3)', () => {
  it('generates valid schedules, and every one compiles', () => {
    fc.assert(
      fc.property(scheduleArb, (s) => {
        validateSchedule(s, 'schedule');
        expect(compileSchedule(s)).not.toBeNull();
      }),
      RUNS,
    );
  });

  it('round2(B(c)) at band edges ±1 fen and where B reaches the cap', () => {
    fc.assert(
      fc.property(
        anySchedule.chain((s) => fc.tuple(fc.constant(s), pointArb(s))),
        ([s, c]) => {
          expect(fenRoundedBenefit(compiled(s), c)).toBe(fenOf(roundedBenefitOf(s, yuan(c))));
        },
      ),
      RUNS,
    );
  });

  it('a claim’s benefit: from and to band edges ±1 fen, with benefits recorded at the cap ±1 fen', () => {
    fc.assert(
      fc.property(
        anySchedule.chain((s) =>
          fc.tuple(fc.constant(s), pointArb(s), pointArb(s), recordedArb(s)),
        ),
        ([s, a, b, recorded]) => {
          const before = Math.min(a, b);
          const eligible = Math.max(a, b) - before;
          const real = claimBenefit({
            schedule: s,
            cumulativeBefore: yuan(before),
            eligible: yuan(eligible),
            benefitsRecorded: yuan(recorded),
          });
          expect(fenClaimBenefit(compiled(s), before, eligible, recorded)).toBe(
            fenOf(real.benefit),
          );
        },
      ),
      RUNS,
    );
  });

  it('an adjustment’s delta: X from a band edge to another, the floor at −recorded', () => {
    fc.assert(
      fc.property(
        anySchedule.chain((s) =>
          fc.tuple(fc.constant(s), pointArb(s), pointArb(s), recordedArb(s)),
        ),
        ([s, a, b, recorded]) => {
          const cumulative = Math.max(a, b);
          const x = cumulative - Math.min(a, b);
          expect(fenAdjustmentDelta(compiled(s), cumulative, x, recorded)).toBe(
            fenOf(adjustmentDelta(s, yuan(cumulative), yuan(x), yuan(recorded))),
          );
        },
      ),
      RUNS,
    );
  });

  it('random years of many steps, schedules changing in mid-year, reviews and reversals: every figure equal', () => {
    type Step =
      | { kind: 'claim'; schedule: number; eligible: number }
      | { kind: 'review'; pick: number; share: number | 'all' };
    const stepArb: fc.Arbitrary<Step> = fc.oneof(
      {
        arbitrary: fc.record({
          kind: fc.constant('claim' as const),
          schedule: fc.nat(),
          eligible: fc.oneof(
            fc.integer({ min: 0, max: 2_000_000 }),
            fc.integer({ min: 0, max: 30_000_000 }),
            fc.integer({ min: 0, max: 3 }),
          ),
        }),
        weight: 4,
      },
      {
        arbitrary: fc.record({
          kind: fc.constant('review' as const),
          pick: fc.nat(),
          share: fc.oneof(fc.constant('all' as const), fc.integer({ min: 0, max: 10_000 })),
        }),
        weight: 1,
      },
    );
    fc.assert(
      fc.property(
        fc.array(anySchedule, { minLength: 1, maxLength: 3 }),
        fc.array(stepArb, { minLength: 1, maxLength: 60 }),
        (schedules, steps) => {
          const fen = schedules.map(compiled);
          let c = 0;
          let r = 0;
          let cd: Decimal = ZERO;
          let rd: Decimal = ZERO;
          const claims: { schedule: number; left: number }[] = [];
          for (const step of steps) {
            if (step.kind === 'claim') {
              const k = step.schedule % schedules.length;
              const b = fenClaimBenefit(fen[k]!, c, step.eligible, r);
              const real = claimBenefit({
                schedule: schedules[k]!,
                cumulativeBefore: cd,
                eligible: yuan(step.eligible),
                benefitsRecorded: rd,
              });
              expect(b).toBe(fenOf(real.benefit));
              c += step.eligible;
              r += b;
              cd = real.cumulativeAfter;
              rd = rd.plus(real.benefit);
              claims.push({ schedule: k, left: step.eligible });
            } else if (claims.length > 0) {
              const claim = claims[step.pick % claims.length]!;
              const x =
                step.share === 'all' ? claim.left : Math.floor((claim.left * step.share) / 10_000);
              const d = fenAdjustmentDelta(fen[claim.schedule]!, c, x, r);
              const real = adjustmentDelta(schedules[claim.schedule]!, cd, yuan(x), rd);
              expect(d).toBe(fenOf(real));
              c -= x;
              r += d;
              cd = cd.minus(yuan(x));
              rd = rd.plus(real);
              claim.left -= x;
            }
            expect(yuan(c).equals(cd)).toBe(true);
            expect(yuan(r).equals(rd)).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });

  it('the exact range: a schedule’s limit keeps 2 × maxRate × limit + scale a safe integer', () => {
    fc.assert(
      fc.property(anySchedule, (s) => {
        const f = compiled(s);
        const maxRate = Math.max(...f.rate);
        expect(f.limit).toBeLessThanOrEqual(FEN_BOUND);
        expect(2 * maxRate * f.limit + f.scale).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
        // at the limit itself the integer path still agrees with the decimals
        expect(fenRoundedBenefit(f, f.limit)).toBe(fenOf(roundedBenefitOf(s, yuan(f.limit))));
      }),
      RUNS,
    );
  });

  it.each<[string, { rate?: string; cap?: string; upTo?: string }]>([
    ['a rate with 16 decimals', { rate: '0.6000000000000001' }],
    ['a cap with part of a fen', { cap: '400000.005' }],
    ['a band edge with part of a fen', { upTo: '100000.001' }],
    ['a cap beyond the exact range', { cap: '99999999999999.99' }],
  ])('%s: no integer form (the replay takes the decimals)', (_label, over) => {
    const s: Schedule = {
      deductible: new Money('11000'),
      bands: [
        { upTo: new Money(over.upTo ?? '100000'), rate: new Money(over.rate ?? '0.6') },
        { upTo: null, rate: new Money('0.7') },
      ],
      annualCap: new Money(over.cap ?? '400000'),
    };
    expect(compileSchedule(s)).toBeNull();
  });

  it('the seed schedules compile with scale 10 (0.60, 0.70) and a range of about 6.4 trillion yuan', () => {
    const g = compiled(CI.general);
    expect([g.scale, [...g.rate], g.cap]).toEqual([10, [0, 6, 7], 40_000_000]);
    expect(g.limit).toBe(Math.floor((Number.MAX_SAFE_INTEGER - 10) / 14));
    expect(compiled(CI.preferential).cap).toBe(Infinity);
  });
});
