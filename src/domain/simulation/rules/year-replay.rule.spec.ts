import type Decimal from 'decimal.js';

import { formatMoney, Money } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import type { Schedule } from '../../claim/rules/benefit.rule';
import { claimBenefit } from '../../claim/rules/claim-benefit.rule';
import { moneyOfFen, type Fen } from './fen-amounts.rule';
import {
  YearReplay,
  type AdjustmentEntry,
  type ClaimEntry,
  type PersonReplay,
  type SchedulePair,
} from './year-replay.rule';

/**
 * The what-if replay of rules.md §12 on hand-worked years. Seed schedules (§3.2): general 11 000, 60% to 100 000, 70%
 * above, cap 400 000; preferential 5 500, 65%, 75%, no cap. B(c) below is the general benefit on a cumulative total c,
 * B′ the candidate's; every figure was worked by hand and the sum is in the comment beside it.
 */

const m = (s: string | number): Decimal => new Money(s);
const f = (x: Fen): string => formatMoney(moneyOfFen(x));

const CI = DEFAULT_TERMS[AgreementKind.CRITICAL_ILLNESS];
const IN_FORCE: SchedulePair = { general: CI.general, preferential: CI.preferential };

/** §12's candidate: the general deductible at 10 000.00, everything else as in force. */
const DEDUCTIBLE_10000: SchedulePair = {
  general: { ...CI.general, deductible: m('10000') },
  preferential: CI.preferential,
};

const X = 'agreement-x'; // the simulated agreement
const Y = 'agreement-y'; // another agreement of the province (a person who moved)
const TV_X = 'terms-x-2024';
const TV_Y = 'terms-y-2024';

const replayOf = (candidate: SchedulePair, recordedY: SchedulePair = IN_FORCE) =>
  new YearReplay({
    agreementId: X,
    candidate,
    recorded: new Map([
      [TV_X, IN_FORCE],
      [TV_Y, recordedY],
    ]),
  });

const claim = (
  claimId: string,
  eligible: string,
  benefit: string,
  over: Partial<ClaimEntry> = {},
): ClaimEntry => ({
  kind: 'CLAIM',
  claimId,
  eligibleDelta: eligible,
  benefitDelta: benefit,
  agreementId: X,
  termsVersionId: TV_X,
  schedule: 'GENERAL',
  regionCode: '410302',
  ...over,
});

const adjustment = (
  kind: AdjustmentEntry['kind'],
  claimId: string,
  x: string,
  delta: string,
): AdjustmentEntry => ({
  kind,
  claimId,
  eligibleDelta: m(x).negated().toFixed(2),
  benefitDelta: delta,
});

/** A replay's claims as rows: [id, baseline, baseline net, simulated, simulated net]. */
const rows = (p: PersonReplay): string[][] =>
  p.claims.map((c) => [
    c.claimId,
    f(c.baselineBenefit),
    f(c.baselineNet),
    f(c.simulatedBenefit),
    f(c.simulatedNet),
  ]);

describe('YearReplay (rules.md §12)', () => {
  describe('§12 worked example: general deductible 11 000.00 → 10 000.00', () => {
    const replay = replayOf(DEDUCTIBLE_10000);

    it('person A: one claim of 50 000.00 → 23 400.00, simulated 24 000.00', () => {
      // B(50 000) = 0.6 × 39 000 = 23 400; B′(50 000) = 0.6 × 40 000 = 24 000
      const p = replay.person([claim('A1', '50000.00', '23400.00')]);
      expect(rows(p)).toEqual([['A1', '23400.00', '23400.00', '24000.00', '24000.00']]);
      expect(p.mismatch).toBeNull();
      expect([p.baselineCapped, p.simulatedCapped]).toEqual([false, false]);
      expect(p.arithmetic).toBe('fen');
    });

    it('person B: 8 000.00 then 20 000.00 → 0.00 then 10 200.00, simulated 0.00 then 10 800.00', () => {
      // B(8 000) = 0; B(28 000) = 0.6 × 17 000 = 10 200; B′(28 000) = 0.6 × 18 000 = 10 800
      const p = replay.person([
        claim('B1', '8000.00', '0.00'),
        claim('B2', '20000.00', '10200.00'),
      ]);
      expect(rows(p)).toEqual([
        ['B1', '0.00', '0.00', '0.00', '0.00'],
        ['B2', '10200.00', '10200.00', '10800.00', '10800.00'],
      ]);
      expect(p.mismatch).toBeNull();
      expect([f(p.baselineYear), f(p.simulatedYear)]).toEqual(['10200.00', '10800.00']);
    });

    it('person C: claims reaching 700 000.00 → capped, 400 000.00 in all on both sides', () => {
      // B(300 000) = 53 400 + 0.7 × 200 000 = 193 400; B(700 000) = 473 400 → cap 400 000: 206 600
      // B′(300 000) = 54 000 + 140 000 = 194 000; B′(700 000) = 474 000 → cap: 206 000
      const p = replay.person([
        claim('C1', '300000.00', '193400.00'),
        claim('C2', '400000.00', '206600.00'),
      ]);
      expect(rows(p)).toEqual([
        ['C1', '193400.00', '193400.00', '194000.00', '194000.00'],
        ['C2', '206600.00', '206600.00', '206000.00', '206000.00'],
      ]);
      expect([f(p.baselineYear), f(p.simulatedYear)]).toEqual(['400000.00', '400000.00']);
      expect([p.baselineCapped, p.simulatedCapped]).toEqual([true, true]);
    });

    it('a person just below the cap is not capped: 670 571.42 → 399 999.99', () => {
      // B(c) = 53 400 + 0.7 (c − 100 000) = 400 000 at c = 595 142.857…; 595 142.85 → 399 999.995 → 400 000.00 (half-up)
      // 595 142.84 → 399 999.988 → 399 999.99
      const below = replay.person([claim('D1', '595142.84', '399999.99')]);
      expect(f(below.baselineYear)).toBe('399999.99');
      expect(below.baselineCapped).toBe(false);
      const at = replay.person([claim('D1', '595142.85', '400000.00')]);
      expect(at.baselineCapped).toBe(true);
      expect(at.mismatch).toBeNull();
    });
  });

  it('a review and a reversal in mid-year: deltas at the top of the ledger, nets per claim', () => {
    // C: 50 000 → 80 000 → (review of claim 1, X 10 000) 70 000 → 110 000 → (reversal of claim 2, X 30 000) 80 000
    // baseline: B(50 000) 23 400; B(80 000) 41 400 → 18 000; B(70 000) 35 400 → −6 000;
    //           B(110 000) 53 400 + 7 000 = 60 400 → 25 000; B(80 000) 41 400 → −19 000; year 41 400 = B(80 000)
    // simulated: B′(50 000) 24 000; B′(80 000) 42 000 → 18 000; B′(70 000) 36 000 → −6 000;
    //            B′(110 000) 54 000 + 7 000 = 61 000 → 25 000; B′(80 000) 42 000 → −19 000; year 42 000
    const p = replayOf(DEDUCTIBLE_10000).person([
      claim('K1', '50000.00', '23400.00'),
      claim('K2', '30000.00', '18000.00'),
      adjustment('REVIEW', 'K1', '10000.00', '-6000.00'),
      claim('K3', '40000.00', '25000.00'),
      adjustment('REVERSAL', 'K2', '30000.00', '-19000.00'),
    ]);
    expect(p.mismatch).toBeNull();
    // K2's net is negative: its reversal took its X off the top of the ledger, where K3 sits (rules.md §3.3)
    expect(rows(p)).toEqual([
      ['K1', '23400.00', '17400.00', '24000.00', '18000.00'],
      ['K2', '18000.00', '-1000.00', '18000.00', '-1000.00'],
      ['K3', '25000.00', '25000.00', '25000.00', '25000.00'],
    ]);
    expect([f(p.baselineYear), f(p.simulatedYear)]).toEqual(['41400.00', '42000.00']);
  });

  it('a review of X = 0 records a zero delta and changes nothing', () => {
    const p = replayOf(DEDUCTIBLE_10000).person([
      claim('Z1', '50000.00', '23400.00'),
      adjustment('REVIEW', 'Z1', '0.00', '0.00'),
    ]);
    expect(p.mismatch).toBeNull();
    expect(rows(p)).toEqual([['Z1', '23400.00', '23400.00', '24000.00', '24000.00']]);
  });

  it('claims of two agreements: the other keeps its schedule, only the simulated one is reported', () => {
    // Y 8 000: B(8 000) = 0; X 20 000: B(28 000) − 0 = 10 200, B′(28 000) = 10 800;
    // Y 10 000 under Y's schedule on both sides: B(38 000) − B(28 000) = 16 200 − 10 200 = 6 000
    const y = { agreementId: Y, termsVersionId: TV_Y, regionCode: '411002' };
    const p = replayOf(DEDUCTIBLE_10000).person([
      claim('Y1', '8000.00', '0.00', y),
      claim('X1', '20000.00', '10200.00'),
      claim('Y2', '10000.00', '6000.00', y),
    ]);
    expect(p.mismatch).toBeNull();
    expect(rows(p)).toEqual([['X1', '10200.00', '10200.00', '10800.00', '10800.00']]);
    expect([f(p.baselineYear), f(p.simulatedYear)]).toEqual(['16200.00', '16800.00']);
  });

  it('two agreements and the cap: the other agreement’s claim meets the mid-year cap reading with the simulated benefits', () => {
    // candidate for X: band 2 at 80%. X 500 000: B(500 000) = 53 400 + 0.7 × 400 000 = 333 400;
    //   B′(500 000) = 53 400 + 0.8 × 400 000 = 373 400.
    // Y 100 000 under Y's general schedule: round2(B(600 000)) − round2(B(500 000)) = 400 000 − 333 400 = 66 600;
    //   baseline min(66 600, 400 000 − 333 400) = 66 600; simulated min(66 600, 400 000 − 373 400) = 26 600.
    const rate80: SchedulePair = {
      general: {
        ...CI.general,
        bands: [CI.general.bands[0]!, { upTo: null, rate: m('0.80') }],
      },
      preferential: CI.preferential,
    };
    const y = { agreementId: Y, termsVersionId: TV_Y, regionCode: '411002' };
    const p = replayOf(rate80).person([
      claim('X1', '500000.00', '333400.00'),
      claim('Y1', '100000.00', '66600.00', y),
    ]);
    expect(p.mismatch).toBeNull();
    expect(rows(p)).toEqual([['X1', '333400.00', '333400.00', '373400.00', '373400.00']]);
    expect([f(p.baselineYear), f(p.simulatedYear)]).toEqual(['400000.00', '400000.00']);
    expect([p.baselineCapped, p.simulatedCapped]).toEqual([true, true]);
  });

  it('a special status in mid-year: general, preferential, general again (the cap reading floors at 0)', () => {
    // G1 general 300 000: B(300 000) = 193 400.
    // G2 preferential 300 000: Bp(600 000) − Bp(300 000) = (61 425 + 375 000) − (61 425 + 150 000) = 225 000.
    // G3 general 10 000: round2(B(610 000)) − round2(B(600 000)) = 400 000 − 400 000 = 0; cap − recorded < 0 → 0.
    // Simulated (general deductible 10 000): B′(300 000) = 194 000; G2 unchanged 225 000; G3 0. Years 418 400 / 419 000.
    const p = replayOf(DEDUCTIBLE_10000).person([
      claim('G1', '300000.00', '193400.00'),
      claim('G2', '300000.00', '225000.00', { schedule: 'PREFERENTIAL' }),
      claim('G3', '10000.00', '0.00'),
    ]);
    expect(p.mismatch).toBeNull();
    expect(rows(p)).toEqual([
      ['G1', '193400.00', '193400.00', '194000.00', '194000.00'],
      ['G2', '225000.00', '225000.00', '225000.00', '225000.00'],
      ['G3', '0.00', '0.00', '0.00', '0.00'],
    ]);
    expect(p.claims.map((c) => c.schedule)).toEqual(['GENERAL', 'PREFERENTIAL', 'GENERAL']);
    // the year's benefits (418 400) are above the general cap of the last capped claim (G3)
    expect([p.baselineCapped, p.simulatedCapped]).toEqual([true, true]);
  });

  it('preferential only: no cap to reach, whatever the year', () => {
    // Bp(700 000) = 61 425 + 0.75 × 600 000 = 511 425 (rules.md §3.3)
    const p = replayOf(DEDUCTIBLE_10000).person([
      claim('P1', '700000.00', '511425.00', { schedule: 'PREFERENTIAL' }),
    ]);
    expect(p.mismatch).toBeNull();
    expect(f(p.baselineYear)).toBe('511425.00');
    expect([p.baselineCapped, p.simulatedCapped]).toEqual([false, false]);
  });

  it('a candidate without a cap: nobody reaches it', () => {
    const uncapped: SchedulePair = {
      general: { ...CI.general, annualCap: null },
      preferential: CI.preferential,
    };
    // B′(700 000) = 53 400 + 0.7 × 600 000 = 473 400
    const p = replayOf(uncapped).person([claim('C1', '700000.00', '400000.00')]);
    expect(rows(p)).toEqual([['C1', '400000.00', '400000.00', '473400.00', '473400.00']]);
    expect([p.baselineCapped, p.simulatedCapped]).toEqual([true, false]);
  });

  describe('the self-check', () => {
    const replay = replayOf(DEDUCTIBLE_10000);

    it('names the first entry whose recorded benefit differs (claim id, recorded, replayed)', () => {
      const p = replay.person([
        claim('B1', '8000.00', '0.00'),
        claim('B2', '20000.00', '10200.01'),
        claim('B3', '1000.00', '0.00'), // also wrong (600.00), but not the first
      ]);
      expect(p.mismatch).toEqual({
        claimId: 'B2',
        kind: 'CLAIM',
        index: 1,
        field: 'benefitDelta',
        expected: '10200.01',
        got: '10200.00',
      });
    });

    it('a wrong adjustment delta', () => {
      const p = replay.person([
        claim('K1', '50000.00', '23400.00'),
        adjustment('REVIEW', 'K1', '10000.00', '-6000.01'),
      ]);
      expect(p.mismatch).toMatchObject({
        claimId: 'K1',
        kind: 'REVIEW',
        expected: '-6000.01',
        got: '-6000.00',
      });
    });

    it('a missing entry shows in the balance before the next one, even where every benefit is 0', () => {
      // recorded: 3 000 (cumulative 0 → 3 000), 2 000 (3 000 → 5 000); the stream lost the first entry
      const p = replay.person([claim('S2', '2000.00', '0.00', { cumulativeBefore: '3000.00' })]);
      expect(p.mismatch).toEqual({
        claimId: 'S2',
        kind: 'CLAIM',
        index: 0,
        field: 'cumulativeBefore',
        expected: '3000.00',
        got: '0.00',
      });
      const whole = replay.person([
        claim('S1', '3000.00', '0.00', { cumulativeBefore: '0.00' }),
        claim('S2', '2000.00', '0.00', { cumulativeBefore: '3000.00' }),
      ]);
      expect(whole.mismatch).toBeNull();
    });

    it('the decimal path reports the same mismatch', () => {
      const entries = [claim('B1', '8000.00', '0.00'), claim('B2', '20000.00', '10200.01')];
      const decimal = replayOf(DEDUCTIBLE_10000, IN_FORCE);
      const forced = new YearReplay(
        { agreementId: X, candidate: DEDUCTIBLE_10000, recorded: new Map([[TV_X, IN_FORCE]]) },
        { arithmetic: 'decimal' },
      );
      expect(forced.person(entries).mismatch).toEqual(decimal.person(entries).mismatch);
      expect(forced.person(entries).arithmetic).toBe('decimal');
    });

    it('an adjustment before its claim, or a terms version not loaded, is an error', () => {
      expect(() => replay.person([adjustment('REVIEW', 'K1', '1.00', '0.00')])).toThrow(
        /REVIEW of claim K1 comes before any CLAIM entry/,
      );
      expect(() =>
        replay.person([claim('Q1', '1.00', '0.00', { termsVersionId: 'unknown' })]),
      ).toThrow(/terms version unknown/);
    });
  });

  describe('amounts beyond the integer path', () => {
    const replay = replayOf(DEDUCTIBLE_10000);

    it('numeric(18,2) extremes: replayed with the decimal rules, exact, in bigint fen', () => {
      const huge = '9999999999999999.99';
      const pref = (s: Schedule) =>
        claimBenefit({
          schedule: s,
          cumulativeBefore: m(0),
          eligible: m(huge),
          benefitsRecorded: m(0),
        }).benefit;
      // Bp(c) = 61 425 + 0.75 (c − 100 000) = 7 499 999 999 986 424.9925 → 7 499 999 999 986 424.99
      expect(formatMoney(pref(CI.preferential))).toBe('7499999999986424.99');
      const p = replay.person([
        claim('H1', huge, '7499999999986424.99', { schedule: 'PREFERENTIAL' }),
      ]);
      expect(p.arithmetic).toBe('decimal');
      expect(p.mismatch).toBeNull();
      expect(typeof p.claims[0]!.baselineBenefit).toBe('bigint');
      expect(f(p.claims[0]!.simulatedBenefit)).toBe('7499999999986424.99');
    });

    it('a year whose sum leaves the exact range part way through', () => {
      // two claims of 9 000 000 000 000.00 (each parses; the sum is beyond the general schedule's limit)
      const p = replay.person([
        claim('H1', '9000000000000.00', '400000.00'),
        claim('H2', '9000000000000.00', '0.00'),
      ]);
      expect(p.arithmetic).toBe('decimal');
      expect(p.mismatch).toBeNull();
      expect(p.baselineCapped).toBe(true);
    });

    it('rates with many decimals: the integer path with a range that shrinks as the scale grows', () => {
      const withRate = (rate: string): SchedulePair => ({
        general: {
          deductible: m('11000'),
          bands: [
            { upTo: m('100000'), rate: m(rate) },
            { upTo: null, rate: m('0.7') },
          ],
          annualCap: m('400000'),
        },
        preferential: CI.preferential,
      });
      // six decimals (scale 10^6, range ≈ 64 million yuan): B′(50 000) = 0.612345 × 39 000 = 23 881.455 → 23 881.46
      const six = replayOf(withRate('0.612345')).person([claim('F1', '50000.00', '23400.00')]);
      expect(six.arithmetic).toBe('fen');
      expect(f(six.claims[0]!.simulatedBenefit)).toBe('23881.46');
      // ten decimals (scale 10^10, range ≈ 6 433 yuan): 6 000 stays on it, 12 000 and 50 000 take the decimals
      // B′(12 000) = 0.6123456789 × 1 000 = 612.3456789 → 612.35; B′(50 000) = 0.6123456789 × 39 000 = 23 881.4814771
      const ten = replayOf(withRate('0.6123456789'));
      const small = ten.person([claim('F2', '6000.00', '0.00')]);
      expect(small.arithmetic).toBe('fen');
      const mid = ten.person([claim('F3', '12000.00', '0.00')]);
      expect(mid.arithmetic).toBe('decimal');
      expect(f(mid.claims[0]!.simulatedBenefit)).toBe('612.35');
      const large = ten.person([claim('F1', '50000.00', '23400.00')]);
      expect(large.arithmetic).toBe('decimal');
      expect(f(large.claims[0]!.simulatedBenefit)).toBe('23881.48');
    });
  });
});
