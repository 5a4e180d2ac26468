import type Decimal from 'decimal.js';

import { formatMoney, Money, ZERO } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import {
  benefitOf,
  roundedBenefitOf,
  segmentsOf,
  uncappedBenefit,
  type Schedule,
} from './benefit.rule';
import {
  adjustmentDelta,
  bandBreakdown,
  claimBenefit,
  type ClaimBenefit,
} from './claim-benefit.rule';
import {
  eligibleSelfPay,
  EXCLUDED_COMPONENTS,
  type SettlementComponents,
} from './eligible-self-pay.rule';

/**
 * Worked examples and edges of rules.md §3.1–3.3 (Henan arts. 11–14 and 16). Every expected figure below was worked
 * by hand from the schedule of rules.md §3.2 (general: 11 000, 60% to 100 000, 70% above, cap 400 000; preferential:
 * 5 500, 65%, 75%, no cap); the comment on a row shows the sum.
 */

const m = (s: string | number): Decimal => new Money(s);
const f = (x: Decimal): string => formatMoney(x);

const CI = DEFAULT_TERMS[AgreementKind.CRITICAL_ILLNESS];
const GENERAL: Schedule = CI.general;
const PREFERENTIAL: Schedule = CI.preferential;
const SCHEDULES = { general: GENERAL, preferential: PREFERENTIAL } as const;
type ScheduleName = keyof typeof SCHEDULES;

/** A person's year as the pure rules see it: the accumulator's balance and the benefits recorded so far. */
interface Year {
  readonly cumulative: Decimal;
  readonly recorded: Decimal;
}

const NEW_YEAR: Year = { cumulative: ZERO, recorded: ZERO };

/** Adjudicates one claim on `year` (rules.md §3.3) and returns the result with the year after it. */
const adjudicate = (
  year: Year,
  schedule: Schedule,
  eligible: string,
): { claim: ClaimBenefit; year: Year } => {
  const claim = claimBenefit({
    schedule,
    cumulativeBefore: year.cumulative,
    eligible: m(eligible),
    benefitsRecorded: year.recorded,
  });
  return {
    claim,
    year: { cumulative: claim.cumulativeAfter, recorded: year.recorded.plus(claim.benefit) },
  };
};

/** Adjudicates claims in order (the step is `[schedule, E]`); returns each benefit and the year at the end. */
const runYear = (
  steps: readonly (readonly [ScheduleName, string])[],
  start: Year = NEW_YEAR,
): { benefits: string[]; claims: ClaimBenefit[]; year: Year } => {
  let year = start;
  const claims: ClaimBenefit[] = [];
  for (const [name, e] of steps) {
    const r = adjudicate(year, SCHEDULES[name], e);
    claims.push(r.claim);
    year = r.year;
  }
  return { benefits: claims.map((c) => f(c.benefit)), claims, year };
};

/** A band row as `[upTo, rate, base, amount]` strings (`upTo` null for the open band). */
type BandRow = readonly [string | null, string, string, string];
const rows = (c: { bands: ClaimBenefit['bands'] }): BandRow[] =>
  c.bands.map((b) => [
    b.upTo === null ? null : b.upTo.toFixed(),
    b.rate.toFixed(2),
    b.base.toFixed(2),
    f(b.amount),
  ]);

const sum = (xs: readonly Decimal[]): Decimal => xs.reduce((s, x) => s.plus(x), ZERO);

/** The §3.3 invariants of any claim's breakdown: bases sum to E, amounts to the benefit, none negative. */
const expectBreakdownSums = (c: ClaimBenefit): void => {
  expect(f(sum(c.bands.map((b) => b.base)))).toBe(f(c.cumulativeAfter.minus(c.cumulativeBefore)));
  expect(f(sum(c.bands.map((b) => b.amount)))).toBe(f(c.benefit));
  expect(c.bands.every((b) => b.amount.greaterThanOrEqualTo(0) && b.base.greaterThan(0))).toBe(
    true,
  );
};

describe('eligibleSelfPay (rules.md §3.1; Henan arts. 11–12)', () => {
  const components = (
    over: Partial<Record<keyof SettlementComponents, string>> = {},
  ): SettlementComponents => {
    const base: Record<keyof SettlementComponents, string> = {
      totalCost: '0',
      basicFundPaid: '0',
      outOfCatalogCost: '0',
      classBFirstPay: '0',
      belowBasicDeductible: '0',
      transferReduction: '0',
      overFixedRate: '0',
      medicalAssistancePaid: '0',
      otherExcludedCost: '0',
    };
    const all = { ...base, ...over };
    return Object.fromEntries(
      Object.entries(all).map(([k, v]) => [k, m(v)]),
    ) as unknown as SettlementComponents;
  };

  it('subtracts exactly the eight components of §3.1, each once', () => {
    expect([...EXCLUDED_COMPONENTS].sort()).toEqual(
      [
        'basicFundPaid',
        'belowBasicDeductible',
        'classBFirstPay',
        'medicalAssistancePaid',
        'otherExcludedCost',
        'outOfCatalogCost',
        'overFixedRate',
        'transferReduction',
      ].sort(),
    );
    expect(new Set(EXCLUDED_COMPONENTS).size).toBe(8);
  });

  it('subtracts all eight components together', () => {
    // 200 000.00 − (90 000.00 + 12 345.67 + 2 000.01 + 800.00 + 1 500.50 + 3 000.00 + 4 000.00 + 654.32) = 85 699.50
    const c = components({
      totalCost: '200000.00',
      basicFundPaid: '90000.00',
      outOfCatalogCost: '12345.67',
      classBFirstPay: '2000.01',
      belowBasicDeductible: '800.00',
      transferReduction: '1500.50',
      overFixedRate: '3000.00',
      medicalAssistancePaid: '4000.00',
      otherExcludedCost: '654.32',
    });
    expect(f(eligibleSelfPay(c))).toBe('85699.50');
  });

  it.each(EXCLUDED_COMPONENTS.map((k) => [k]))('subtracts %s', (k) => {
    expect(f(eligibleSelfPay(components({ totalCost: '1000.00', [k]: '123.45' })))).toBe('876.55');
  });

  it('is 0.00 when the components exactly equal totalCost', () => {
    const c = components({
      totalCost: '10000.00',
      basicFundPaid: '6000.00',
      outOfCatalogCost: '1000.00',
      classBFirstPay: '500.00',
      belowBasicDeductible: '500.00',
      transferReduction: '500.00',
      overFixedRate: '500.00',
      medicalAssistancePaid: '499.99',
      otherExcludedCost: '500.01',
    });
    expect(eligibleSelfPay(c).isZero()).toBe(true);
  });

  it('is negative when the components exceed totalCost (the caller rejects the claim)', () => {
    expect(f(eligibleSelfPay(components({ totalCost: '1000.00', basicFundPaid: '1000.01' })))).toBe(
      '-0.01',
    );
    expect(
      f(
        eligibleSelfPay(
          components({
            totalCost: '100.00',
            otherExcludedCost: '60.00',
            medicalAssistancePaid: '60.00',
          }),
        ),
      ),
    ).toBe('-20.00');
  });

  it('keeps totalCost whole when there is nothing to subtract', () => {
    expect(f(eligibleSelfPay(components({ totalCost: '50000.00' })))).toBe('50000.00');
  });
});

describe('B(C) and round2(B(C)) (rules.md §3.2)', () => {
  it.each<[ScheduleName, string, string, string]>([
    // [schedule, C, B(C) exact, round2(B(C))]
    ['general', '0', '0', '0.00'],
    ['general', '11000', '0', '0.00'],
    ['general', '11000.01', '0.006', '0.01'], // 0.006 rounds up
    ['general', '11000.02', '0.012', '0.01'],
    ['general', '50000', '23400', '23400.00'], // 39 000 × 60%
    ['general', '100000', '53400', '53400.00'], // 89 000 × 60%
    ['general', '100000.01', '53400.007', '53400.01'],
    ['general', '100000.15', '53400.105', '53400.11'], // half-up: 0.105 → 0.11 (half-even would give 0.10)
    ['general', '150000', '88400', '88400.00'], // 53 400 + 50 000 × 70%
    ['general', '595142.84', '399999.988', '399999.99'],
    ['general', '595142.85', '399999.995', '400000.00'], // half-up reaches the cap a fen before B does
    ['general', '700000', '400000', '400000.00'], // 53 400 + 420 000 = 473 400, capped
    ['preferential', '5500', '0', '0.00'],
    ['preferential', '5500.01', '0.0065', '0.01'],
    ['preferential', '5500.02', '0.013', '0.01'],
    ['preferential', '100000', '61425', '61425.00'], // 94 500 × 65%
    ['preferential', '100000.06', '61425.045', '61425.05'], // half-up: 0.045 → 0.05
    ['preferential', '150000', '98925', '98925.00'], // 61 425 + 37 500
    ['preferential', '700000', '511425', '511425.00'], // 61 425 + 450 000, no cap
  ])('%s: B(%s) = %s, rounded %s', (name, c, exact, rounded) => {
    const s = SCHEDULES[name];
    expect(benefitOf(s, m(c)).equals(m(exact))).toBe(true);
    expect(f(roundedBenefitOf(s, m(c)))).toBe(rounded);
  });

  it('is uncapped above the general cap only in uncappedBenefit', () => {
    expect(f(uncappedBenefit(GENERAL, m(700000)))).toBe('473400.00');
    expect(f(benefitOf(GENERAL, m(700000)))).toBe('400000.00');
  });

  it('has the deductible as the first segment, at rate 0', () => {
    expect(
      segmentsOf(GENERAL).map((s) => [
        s.from.toFixed(),
        s.upTo?.toFixed() ?? null,
        s.rate.toFixed(2),
      ]),
    ).toEqual([
      ['0', '11000', '0.00'],
      ['11000', '100000', '0.60'],
      ['100000', null, '0.70'],
    ]);
    expect(
      segmentsOf(PREFERENTIAL).map((s) => [
        s.from.toFixed(),
        s.upTo?.toFixed() ?? null,
        s.rate.toFixed(2),
      ]),
    ).toEqual([
      ['0', '5500', '0.00'],
      ['5500', '100000', '0.65'],
      ['100000', null, '0.75'],
    ]);
  });
});

describe('claimBenefit over one year under one schedule (rules.md §3.3)', () => {
  it.each<[string, ScheduleName, string[], string[], string]>([
    // [case, schedule, eligible amounts in adjudication order, benefits, round2(B(total))]
    ['worked: one claim of 50 000', 'general', ['50000'], ['23400.00'], '23400.00'],
    [
      'worked: one claim of 150 000 (53 400 + 35 000)',
      'general',
      ['150000'],
      ['88400.00'],
      '88400.00',
    ],
    ['worked: 8 000 then 20 000', 'general', ['8000', '20000'], ['0.00', '10200.00'], '10200.00'],
    [
      'worked: one claim reaching 700 000 (capped)',
      'general',
      ['700000'],
      ['400000.00'],
      '400000.00',
    ],
    [
      // 53 400; 263 400 − 53 400; 400 000 − 263 400; 0
      'worked: a year reaching 700 000 in four claims',
      'general',
      ['100000', '300000', '200000', '100000'],
      ['53400.00', '210000.00', '136600.00', '0.00'],
      '400000.00',
    ],
    [
      'worked: one claim of 150 000 (61 425 + 37 500)',
      'preferential',
      ['150000'],
      ['98925.00'],
      '98925.00',
    ],
    ['worked: 700 000, no cap', 'preferential', ['700000'], ['511425.00'], '511425.00'],
    [
      // 44 500 × 65% = 28 925; 511 425 − 28 925
      'worked: 700 000 in two claims, no cap',
      'preferential',
      ['50000', '650000'],
      ['28925.00', '482500.00'],
      '511425.00',
    ],
    ['edge: cumulative exactly 11 000', 'general', ['11000'], ['0.00'], '0.00'],
    [
      'edge: cumulative exactly 11 000 in two claims',
      'general',
      ['5000', '6000'],
      ['0.00', '0.00'],
      '0.00',
    ],
    ['edge: cumulative exactly 5 500', 'preferential', ['5500'], ['0.00'], '0.00'],
    ['edge: cumulative exactly 100 000', 'general', ['100000'], ['53400.00'], '53400.00'],
    ['edge: cumulative 100 000.01', 'general', ['100000.01'], ['53400.01'], '53400.01'],
    [
      'edge: one fen above 100 000 (0.007 → 0.01)',
      'general',
      ['100000', '0.01'],
      ['53400.00', '0.01'],
      '53400.01',
    ],
    [
      // B: 0.006 → 0.01, then 0.012 → 0.01: the second fen pays nothing, the sum stays round2(B(total))
      'edge: one fen at a time above 11 000, half-up',
      'general',
      ['11000', '0.01', '0.01', '0.01'],
      ['0.00', '0.01', '0.00', '0.01'], // B(11 000.03) = 0.018 → 0.02
      '0.02',
    ],
    [
      // B: 0.0065 → 0.01, then 0.013 → 0.01
      'edge: one fen at a time above 5 500, half-up',
      'preferential',
      ['5500', '0.01', '0.01'],
      ['0.00', '0.01', '0.00'],
      '0.01',
    ],
    [
      'edge: half-up, not half-even (53 400.105 → 53 400.11)',
      'general',
      ['100000', '0.15'],
      ['53400.00', '0.11'],
      '53400.11',
    ],
    [
      'edge: half-up, not half-even (61 425.045 → 61 425.05)',
      'preferential',
      ['100000', '0.06'],
      ['61425.00', '0.05'],
      '61425.05',
    ],
    [
      // 400 000 − 23 400; later claims pay 0.00
      'edge: the cap reached inside a claim, claims after it',
      'general',
      ['50000', '550000', '10000', '0.01'],
      ['23400.00', '376600.00', '0.00', '0.00'],
      '400000.00',
    ],
    [
      // round2(399 999.988) = 399 999.99, round2(399 999.995) = 400 000.00
      'edge: the cap reached by one fen',
      'general',
      ['595142.84', '0.01', '0.01'],
      ['399999.99', '0.01', '0.00'],
      '400000.00',
    ],
    ['edge: a claim of 0', 'general', ['50000', '0'], ['23400.00', '0.00'], '23400.00'],
  ])('%s (%s)', (_case, name, eligibles, benefits, total) => {
    const r = runYear(eligibles.map((e) => [name, e] as const));
    expect(r.benefits).toEqual(benefits);
    expect(f(r.year.recorded)).toBe(total);
    expect(f(roundedBenefitOf(SCHEDULES[name], r.year.cumulative))).toBe(total);
    r.claims.forEach(expectBreakdownSums);
    // contiguous: each claim starts where the previous ended
    r.claims.forEach((c, i) => {
      expect(f(c.cumulativeBefore)).toBe(i === 0 ? '0.00' : f(r.claims[i - 1]!.cumulativeAfter));
      expect(f(c.cumulativeAfter)).toBe(f(c.cumulativeBefore.plus(m(eligibles[i]!))));
    });
  });

  it('starts a new accumulator at 0 in a new year (the key is the calendar year of discharge)', () => {
    const y2024 = runYear([['general', '700000']]);
    expect(f(y2024.year.recorded)).toBe('400000.00');
    // the same claim on the 2024 ledger pays nothing, on a fresh 2025 ledger it pays in full
    expect(runYear([['general', '50000']], y2024.year).benefits).toEqual(['0.00']);
    const y2025 = runYear([['general', '50000']]);
    expect(y2025.benefits).toEqual(['23400.00']);
    expect(f(y2025.claims[0]!.cumulativeBefore)).toBe('0.00');
    expect(f(y2025.claims[0]!.cumulativeAfter)).toBe('50000.00');
  });
});

describe('claimBenefit with a status change in mid-year (rules.md §3.3, reading)', () => {
  it.each<[string, [ScheduleName, string][], string[], string]>([
    // [case, claims in order, benefits, recorded at the end]
    [
      // general 23 400; preferential B(100 000) − B(50 000) = 61 425 − 28 925 = 32 500
      'general then preferential on the same C',
      [
        ['general', '50000'],
        ['preferential', '50000'],
      ],
      ['23400.00', '32500.00'],
      '55900.00',
    ],
    [
      // the preferential schedule has no cap: the year's total may pass the general cap
      'general to its cap, then preferential',
      [
        ['general', '700000'],
        ['preferential', '10000'],
      ],
      ['400000.00', '7500.00'],
      '407500.00',
    ],
    [
      // preferential 14 500 × 65% = 9 425; general B(50 000) − B(20 000) = 23 400 − 5 400 = 18 000 (cap far)
      'preferential then general, below the cap',
      [
        ['preferential', '20000'],
        ['general', '30000'],
      ],
      ['9425.00', '18000.00'],
      '27425.00',
    ],
    [
      // preferential 61 425 + 400 000 × 75% = 361 425; general min(400 000 − 333 400, 400 000 − 361 425) = 38 575
      'preferential then general: min(…, cap − benefitsRecorded) bites',
      [
        ['preferential', '500000'],
        ['general', '100000'],
      ],
      ['361425.00', '38575.00'],
      '400000.00',
    ],
    [
      // preferential 61 425 + 460 000 × 75% = 406 425 > cap; general min(400 000 − 375 400, 400 000 − 406 425) = −6 425
      // → floored at 0
      'preferential past the general cap, then general: floored at 0',
      [
        ['preferential', '560000'],
        ['general', '40000'],
      ],
      ['406425.00', '0.00'],
      '406425.00',
    ],
    [
      'general, preferential, general again: the cap counts all recorded benefits',
      [
        ['general', '500000'], // 333 400
        ['preferential', '50000'], // 37 500 → 370 900
        ['general', '100000'], // min(400 000 − 368 400, 400 000 − 370 900) = 29 100
        ['general', '100000'], // min(0, 0) = 0
      ],
      ['333400.00', '37500.00', '29100.00', '0.00'],
      '400000.00',
    ],
  ])('%s', (_case, steps, benefits, recorded) => {
    const r = runYear(steps);
    expect(r.benefits).toEqual(benefits);
    expect(f(r.year.recorded)).toBe(recorded);
    r.claims.forEach(expectBreakdownSums);
  });

  it('scales the bands of a capped general claim after preferential claims', () => {
    const r = runYear([
      ['preferential', '500000'],
      ['general', '100000'],
    ]);
    expect(rows(r.claims[1]!)).toEqual([[null, '0.70', '100000.00', '38575.00']]);
    const floored = runYear([
      ['preferential', '560000'],
      ['general', '40000'],
    ]);
    expect(rows(floored.claims[1]!)).toEqual([[null, '0.70', '40000.00', '0.00']]);
  });
});

describe('claimBenefit band breakdown (rules.md §3.3)', () => {
  it.each<[string, ScheduleName, string, string, string, string, BandRow[]]>([
    // [case, schedule, before, E, benefitsRecorded, benefit, bands as [upTo, rate, base, amount]]
    [
      'the deductible is a band at rate 0',
      'general',
      '0',
      '50000',
      '0',
      '23400.00',
      [
        ['11000', '0.00', '11000.00', '0.00'],
        ['100000', '0.60', '39000.00', '23400.00'],
      ],
    ],
    [
      'worked: 150 000 = 53 400 + 35 000',
      'general',
      '0',
      '150000',
      '0',
      '88400.00',
      [
        ['11000', '0.00', '11000.00', '0.00'],
        ['100000', '0.60', '89000.00', '53400.00'],
        [null, '0.70', '50000.00', '35000.00'],
      ],
    ],
    [
      'worked: preferential 150 000 = 61 425 + 37 500',
      'preferential',
      '0',
      '150000',
      '0',
      '98925.00',
      [
        ['5500', '0.00', '5500.00', '0.00'],
        ['100000', '0.65', '94500.00', '61425.00'],
        [null, '0.75', '50000.00', '37500.00'],
      ],
    ],
    [
      'a claim inside the deductible',
      'general',
      '0',
      '8000',
      '0',
      '0.00',
      [['11000', '0.00', '8000.00', '0.00']],
    ],
    [
      'worked: the 20 000 after 8 000',
      'general',
      '8000',
      '20000',
      '0',
      '10200.00',
      [
        ['11000', '0.00', '3000.00', '0.00'],
        ['100000', '0.60', '17000.00', '10200.00'],
      ],
    ],
    [
      'exactly up to 11 000: only the deductible band',
      'general',
      '0',
      '11000',
      '0',
      '0.00',
      [['11000', '0.00', '11000.00', '0.00']],
    ],
    [
      'exactly up to 100 000: no base in the open band',
      'general',
      '0',
      '100000',
      '0',
      '53400.00',
      [
        ['11000', '0.00', '11000.00', '0.00'],
        ['100000', '0.60', '89000.00', '53400.00'],
      ],
    ],
    [
      'the fen up to 100 000 is in the 60% band (10 万元含)',
      'general',
      '99999.99',
      '0.01',
      '0',
      '0.01', // 53 400.00 − round2(53 399.994)
      [['100000', '0.60', '0.01', '0.01']],
    ],
    [
      'the fen above 100 000 is in the 70% band',
      'general',
      '100000',
      '0.01',
      '0',
      '0.01',
      [[null, '0.70', '0.01', '0.01']],
    ],
    [
      'a fen each side of 11 000',
      'general',
      '10999.99',
      '0.02',
      '0',
      '0.01',
      [
        ['11000', '0.00', '0.01', '0.00'],
        ['100000', '0.60', '0.01', '0.01'],
      ],
    ],
    [
      // natural = 0.00 (0.012 → 0.01 minus 0.006 → 0.01); the band's 0.006 → 0.01 is adjusted to 0.00
      'a fen that pays nothing: the band is adjusted down to 0.00',
      'general',
      '11000.01',
      '0.01',
      '0.01',
      '0.00',
      [['100000', '0.60', '0.01', '0.00']],
    ],
    [
      // benefit: round2(61 425.0075) − round2(61 424.935) = 61 425.01 − 61 424.94 = 0.07; bands round to 0.07 + 0.01 = 0.08;
      // the −0.01 goes to the band with the largest base (0.10 at 65%)
      'the rounding difference goes to the band with the largest base',
      'preferential',
      '99999.90',
      '0.11',
      '0',
      '0.07',
      [
        ['100000', '0.65', '0.10', '0.06'],
        [null, '0.75', '0.01', '0.01'],
      ],
    ],
    [
      // benefit: 61 425.075 → 61 425.08 minus 61 424.94 = 0.14; bands 0.065 → 0.07 and 0.075 → 0.08 = 0.15.
      // Equal bases: rules.md does not say which; the code takes the first (the 65% band).
      'equal bases: the difference goes to the first of them',
      'preferential',
      '99999.90',
      '0.20',
      '0',
      '0.14',
      [
        ['100000', '0.65', '0.10', '0.06'],
        [null, '0.75', '0.10', '0.08'],
      ],
    ],
    [
      'the cap inside a claim from 0: the open band is scaled down',
      'general',
      '0',
      '600000',
      '0',
      '400000.00',
      [
        ['11000', '0.00', '11000.00', '0.00'],
        ['100000', '0.60', '89000.00', '53400.00'],
        [null, '0.70', '500000.00', '346600.00'], // 350 000 cut to 400 000 − 53 400
      ],
    ],
    [
      'the cap inside a claim that crosses 100 000: earlier bands paid in full, later scaled',
      'general',
      '50000',
      '550000',
      '23400',
      '376600.00',
      [
        ['100000', '0.60', '50000.00', '30000.00'],
        [null, '0.70', '500000.00', '346600.00'],
      ],
    ],
    [
      // the benefit 400 000 − 399 999.99 = 0.01, one band
      'the cap reached by one fen',
      'general',
      '595142.84',
      '0.01',
      '399999.99',
      '0.01',
      [[null, '0.70', '0.01', '0.01']],
    ],
    [
      'a claim after the cap: bases kept, amounts 0.00',
      'general',
      '600000',
      '10000',
      '400000',
      '0.00',
      [[null, '0.70', '10000.00', '0.00']],
    ],
    [
      // 11 000 + 89 000 + 500 000 = E; the later open band takes the cut of the cap, the 60% band keeps 53 400
      'a capped claim from 0 far past the cap',
      'general',
      '0',
      '1000000',
      '0',
      '400000.00',
      [
        ['11000', '0.00', '11000.00', '0.00'],
        ['100000', '0.60', '89000.00', '53400.00'],
        [null, '0.70', '900000.00', '346600.00'],
      ],
    ],
  ])('%s', (_case, name, before, e, recorded, benefit, bands) => {
    const c = claimBenefit({
      schedule: SCHEDULES[name],
      cumulativeBefore: m(before),
      eligible: m(e),
      benefitsRecorded: m(recorded),
    });
    expect(f(c.benefit)).toBe(benefit);
    expect(rows(c)).toEqual(bands);
    expectBreakdownSums(c);
  });

  it('scales down in band order when the cut is larger than the last band (bandBreakdown directly)', () => {
    // a step of 150 000 from 0 paying only 30 000 (as a cap or floor would): the deductible 0, the 60% band keeps 30 000
    // of its 53 400, the 70% band gets nothing
    expect(rows({ bands: bandBreakdown(GENERAL, ZERO, m(150000), m(30000)) })).toEqual([
      ['11000', '0.00', '11000.00', '0.00'],
      ['100000', '0.60', '89000.00', '30000.00'],
      [null, '0.70', '50000.00', '0.00'],
    ]);
    expect(rows({ bands: bandBreakdown(GENERAL, ZERO, m(150000), ZERO) })).toEqual([
      ['11000', '0.00', '11000.00', '0.00'],
      ['100000', '0.60', '89000.00', '0.00'],
      [null, '0.70', '50000.00', '0.00'],
    ]);
  });
});

describe('claimBenefit band breakdown under other valid schedules (terms are data)', () => {
  const schedule = (
    deductible: string,
    bands: [string | null, string][],
    cap: string | null,
  ): Schedule => ({
    deductible: m(deductible),
    bands: bands.map(([upTo, rate]) => ({ upTo: upTo === null ? null : m(upTo), rate: m(rate) })),
    annualCap: cap === null ? null : m(cap),
  });

  it('gives the rounding difference to the paid band with the largest base, never to the deductible band', () => {
    // bases 1 000 (deductible), 0.10 at 65% (0.065 → 0.07), 0.01 at 75% (0.0075 → 0.01): 0.08; benefit round2(0.0725)
    // = 0.07. rules.md says "the band with the largest base", literally the deductible band (which would show −0.01 at
    // rate 0); the code's reading, the largest base among paid bands, is the sensible one.
    const s = schedule(
      '1000',
      [
        ['1000.10', '0.65'],
        [null, '0.75'],
      ],
      null,
    );
    const c = claimBenefit({
      schedule: s,
      cumulativeBefore: ZERO,
      eligible: m('1000.11'),
      benefitsRecorded: ZERO,
    });
    expect(f(c.benefit)).toBe('0.07');
    expect(rows(c)).toEqual([
      ['1000', '0.00', '1000.00', '0.00'],
      ['1000.1', '0.65', '0.10', '0.06'],
      [null, '0.75', '0.01', '0.01'],
    ]);
  });

  // Fixed after review: a cut benefit (cap here) above the sum of the bands' rounded amounts puts the remainder on
  // the last crossed band whatever its rate or base. rules.md §3.3: "the rounding difference goes to the band with the
  // largest base; after a cap or floor, band amounts are scaled down in band order" — a band at rate 0 should show
  // 0.00. Before 0.01 (B 0.0049 → 0.00), after 0.05: B₀ 0.0196 → 0.02, capped to 0.01; the three 49% bands each round
  // 0.0049 → 0.00, and the code gives the 0.01 to the open band at rate 0.
  it('never pays a rate-0 band when a cut benefit exceeds the bands’ rounded amounts', () => {
    const s = schedule(
      '0',
      [
        ['0.02', '0.49'],
        ['0.03', '0.49'],
        ['0.04', '0.49'],
        [null, '0'],
      ],
      '0.01',
    );
    const c = claimBenefit({
      schedule: s,
      cumulativeBefore: m('0.01'),
      eligible: m('0.04'),
      benefitsRecorded: ZERO,
    });
    expect(f(c.benefit)).toBe('0.01');
    // expected under the suggested reading: the fen on the paid band with the largest base (the first of equals)
    expect(rows(c)).toEqual([
      ['0.02', '0.49', '0.01', '0.01'],
      ['0.03', '0.49', '0.01', '0.00'],
      ['0.04', '0.49', '0.01', '0.00'],
      [null, '0.00', '0.01', '0.00'],
    ]);
  });

  // Fixed after review, same cause: the extra fen of a cut benefit goes to the last band, not the largest base.
  // Bands 0.02 @ 49%, 0.03 @ 0, 0.05 @ 7%, open @ 38%; cap 0.01; claims 0.01 then 0.05. The second crosses 0.01 @ 49%
  // (0.0049), 0.01 @ 0, 0.02 @ 7% (0.0014), 0.01 @ 38% (0.0038): all round to 0.00; B₀ 0.0049 → 0.015 gives 0.02, capped
  // to 0.01. Code: the 0.01 on the open band (base 0.01); reading: on the 7% band (base 0.02, the largest paid base).
  it('gives the extra fen of a cut benefit to the largest paid base, not the last band', () => {
    const s = schedule(
      '0',
      [
        ['0.02', '0.49'],
        ['0.03', '0'],
        ['0.05', '0.07'],
        [null, '0.38'],
      ],
      '0.01',
    );
    const c = claimBenefit({
      schedule: s,
      cumulativeBefore: m('0.01'),
      eligible: m('0.05'),
      benefitsRecorded: ZERO,
    });
    expect(f(c.benefit)).toBe('0.01');
    expect(rows(c)).toEqual([
      ['0.02', '0.49', '0.01', '0.00'],
      ['0.03', '0.00', '0.01', '0.00'],
      ['0.05', '0.07', '0.02', '0.01'],
      [null, '0.38', '0.01', '0.00'],
    ]);
  });
});

describe('adjustmentDelta (rules.md §3.3, art. 16)', () => {
  it.each<[string, ScheduleName, string, string, string, string]>([
    // [case, schedule, C (current total), X, benefitsRecorded, delta]
    ['review after the cap: B is flat', 'general', '700000', '10000', '400000', '0.00'],
    [
      'review after the cap, back below it: 333 400 − 400 000',
      'general',
      '700000',
      '200000',
      '400000',
      '-66600.00',
    ],
    [
      'review before the cap: B(40 000) − B(50 000) = 17 400 − 23 400',
      'general',
      '50000',
      '10000',
      '23400',
      '-6000.00',
    ],
    ['reversal of a lone claim of 50 000', 'general', '50000', '50000', '23400', '-23400.00'],
    ['a review that finds nothing (X = 0)', 'general', '50000', '0', '23400', '0.00'],
    [
      // claims 8 000 (0.00) then 20 000 (10 200.00); the first is reversed: taken at the top of the ledger,
      // B(20 000) − B(28 000) = 5 400 − 10 200, though that claim was paid nothing (rules.md's stated reading)
      'reversal of a claim that was paid 0.00, taken at the top of the ledger',
      'general',
      '28000',
      '8000',
      '10200',
      '-4800.00',
    ],
    ['reversal back into the deductible', 'general', '20000', '20000', '5400', '-5400.00'],
    ['preferential reversal of 150 000', 'preferential', '150000', '150000', '98925', '-98925.00'],
    [
      'preferential, no cap: 700 000 − 10 000',
      'preferential',
      '700000',
      '10000',
      '511425',
      '-7500.00',
    ],
    [
      'one fen above 11 000.01: round2(0.006) − round2(0.012) = 0',
      'general',
      '11000.02',
      '0.01',
      '0.01',
      '0.00',
    ],
    ['two fen above 11 000: 0 − round2(0.012)', 'general', '11000.02', '0.02', '0.01', '-0.01'],
    [
      // after preferential 560 000 (406 425.00) and a general claim of 40 000 floored at 0.00, the preferential claim
      // is reversed: B(40 000) − B(600 000) = 22 425 − 436 425 = −414 000 would take recorded below 0
      'floored at −benefitsRecorded after a mid-year change',
      'preferential',
      '600000',
      '560000',
      '406425',
      '-406425.00',
    ],
    ['floored: nothing recorded, nothing taken', 'general', '50000', '50000', '0', '0.00'],
  ])('%s', (_case, name, c, x, recorded, delta) => {
    const d = adjustmentDelta(SCHEDULES[name], m(c), m(x), m(recorded));
    expect(f(d)).toBe(delta);
    expect(d.lessThanOrEqualTo(0)).toBe(true);
    expect(m(recorded).plus(d).greaterThanOrEqualTo(0)).toBe(true);
  });

  it('keeps the ledger exact: after −X the recorded benefits are round2(B(C − X)), then claims go on', () => {
    // general: 50 000 (23 400) and 150 000 (B(200 000) − B(50 000) = 123 400 − 23 400) → C 200 000
    const r = runYear([
      ['general', '50000'],
      ['general', '150000'],
    ]);
    expect(r.benefits).toEqual(['23400.00', '100000.00']);
    const x = m(30000); // a review of the second claim
    const delta = adjustmentDelta(GENERAL, r.year.cumulative, x, r.year.recorded);
    expect(f(delta)).toBe('-21000.00'); // B(170 000) − B(200 000) = 102 400 − 123 400
    const after: Year = {
      cumulative: r.year.cumulative.minus(x),
      recorded: r.year.recorded.plus(delta),
    };
    expect(f(after.recorded)).toBe(f(roundedBenefitOf(GENERAL, after.cumulative)));
    // a later claim of 30 000 pays back exactly the 21 000
    const later = runYear([['general', '30000']], after);
    expect(later.benefits).toEqual(['21000.00']);
    expect(f(later.year.recorded)).toBe('123400.00');
  });
});
