import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { formatMoney, Money } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import type { Fen } from './fen-amounts.rule';
import {
  describeMismatch,
  SimulationTally,
  type ClearingTerms,
  type SimulationFiguresValue,
} from './simulation-tally.rule';
import {
  YearReplay,
  type ClaimEntry,
  type PersonReplay,
  type ReplayedClaim,
  type SchedulePair,
} from './year-replay.rule';

/**
 * The figures of a simulation (rules.md §12), fed person by person: §12's worked example end to end, then each figure at
 * its edges. Amounts in the hand-made replays are fen.
 */

const m = (s: string | number): Decimal => new Money(s);
const f = (x: Decimal | null): string | null => (x === null ? null : formatMoney(x));

const CI = DEFAULT_TERMS[AgreementKind.CRITICAL_ILLNESS];
const IN_FORCE: SchedulePair = { general: CI.general, preferential: CI.preferential };
const DEDUCTIBLE_10000: SchedulePair = {
  general: { ...CI.general, deductible: m('10000') },
  preferential: CI.preferential,
};
const X = 'agreement-x';
const TV = 'terms-x-2024';

/** City of a region code until the region table exists: its first four digits and 00. */
const cityOf = (code: string): string => `${code.slice(0, 4)}00`;

const clearingOf = (raised: string, ratio: string | null): ClearingTerms => ({
  raised: m(raised),
  riskReserveRate: CI.riskReserveRate,
  assessmentDepositRate: CI.assessmentDepositRate,
  profitCapRate: CI.profitCapRate,
  depositReturnRatio: ratio === null ? null : m(ratio),
});

const claim = (id: string, e: string, b: string, regionCode: string): ClaimEntry => ({
  kind: 'CLAIM',
  claimId: id,
  eligibleDelta: e,
  benefitDelta: b,
  agreementId: X,
  termsVersionId: TV,
  schedule: 'GENERAL',
  regionCode,
});

/** The figures as strings, for one table row. */
const shown = (s: SimulationFiguresValue) => ({
  benefit: f(s.benefit),
  general: f(s.general),
  preferential: f(s.preferential),
  personsWithBenefit: s.personsWithBenefit,
  personsCapped: s.personsCapped,
  claimsWithBenefit: s.claimsWithBenefit,
  p50: f(s.p50),
  p90: f(s.p90),
  p99: f(s.p99),
  surplus: f(s.surplus),
});

/** §12's worked example: A in Luoyang (410302), B in Luoyang (410303), C in Xuchang (411002). */
const workedExample = (clearing: ClearingTerms | null) => {
  const replay = new YearReplay({
    agreementId: X,
    candidate: DEDUCTIBLE_10000,
    recorded: new Map([[TV, IN_FORCE]]),
  });
  const tally = new SimulationTally({ cityOf, clearing });
  tally.add(replay.person([claim('A1', '50000.00', '23400.00', '410302')]));
  tally.add(
    replay.person([
      claim('B1', '8000.00', '0.00', '410303'),
      claim('B2', '20000.00', '10200.00', '410303'),
    ]),
  );
  tally.add(
    replay.person([
      claim('C1', '300000.00', '193400.00', '411002'),
      claim('C2', '400000.00', '206600.00', '411002'),
    ]),
  );
  return tally.result();
};

/** A hand-made replayed person (fen). */
const person = (
  claims: readonly Partial<ReplayedClaim>[],
  over: Partial<PersonReplay> = {},
): PersonReplay => ({
  claims: claims.map((c, i) => ({
    claimId: `c${i}`,
    schedule: 'GENERAL',
    regionCode: '410302',
    baselineBenefit: 0,
    baselineNet: 0,
    simulatedBenefit: 0,
    simulatedNet: 0,
    ...c,
  })),
  baselineYear: 0,
  simulatedYear: 0,
  baselineCapped: false,
  simulatedCapped: false,
  mismatch: null,
  arithmetic: 'fen',
  ...over,
});

const net = (baselineNet: Fen, simulatedNet: Fen = baselineNet): Partial<ReplayedClaim> => ({
  baselineBenefit: baselineNet,
  baselineNet,
  simulatedBenefit: simulatedNet,
  simulatedNet,
});

describe('SimulationTally (rules.md §12)', () => {
  it('§12 worked example: 433 600.00 → 434 800.00, persons capped 1 and 1', () => {
    const r = workedExample(clearingOf('1000000.00', null));
    expect([r.baselineMatches, r.firstMismatch, r.persons, r.claims]).toEqual([true, null, 3, 5]);
    // persons' totals: baseline 23 400, 10 200, 400 000; simulated 24 000, 10 800, 400 000 — nearest ranks 2, 3, 3
    // clearing: 1 000 000 − 50 000 (reserve) − 30 000 (deposit) + 30 000 (returned, ratio 1) = 950 000 available
    expect(shown(r.baseline)).toEqual({
      benefit: '433600.00',
      general: '433600.00',
      preferential: '0.00',
      personsWithBenefit: 3,
      personsCapped: 1,
      claimsWithBenefit: 4, // B1 paid nothing
      p50: '23400.00',
      p90: '400000.00',
      p99: '400000.00',
      surplus: '516400.00', // 950 000 − 433 600
    });
    expect(shown(r.simulated)).toEqual({
      benefit: '434800.00',
      general: '434800.00',
      preferential: '0.00',
      personsWithBenefit: 3,
      personsCapped: 1,
      claimsWithBenefit: 4,
      p50: '24000.00',
      p90: '400000.00',
      p99: '400000.00',
      surplus: '515200.00', // 950 000 − 434 800
    });
    expect(r.byCity.map((c) => [c.cityCode, f(c.baselineBenefit), f(c.simulatedBenefit)])).toEqual([
      ['410300', '33600.00', '34800.00'], // A + B
      ['411000', '400000.00', '400000.00'], // C
    ]);
  });

  it.each<[string, ClearingTerms | null, string | null, string | null]>([
    ['no raised amount: no clearing', null, null, null],
    // deposit 30 000 × 0.5 = 15 000 returned: 935 000 available
    ['deposit-return ratio 0.5', clearingOf('1000000.00', '0.5'), '501400.00', '500200.00'],
    // 400 000 − 20 000 − 12 000 + 12 000 = 380 000 available: a loss on both sides
    ['a loss', clearingOf('400000.00', null), '-53600.00', '-54800.00'],
  ])('clearing (rules.md §4): %s', (_label, clearing, baseline, simulated) => {
    const r = workedExample(clearing);
    expect([f(r.baseline.surplus), f(r.simulated.surplus)]).toEqual([baseline, simulated]);
  });

  it('by schedule, by city, negative nets: each claim where it was adjudicated', () => {
    const tally = new SimulationTally({ cityOf, clearing: null });
    tally.add(
      person([
        { ...net(2_340_000, 2_400_000), regionCode: '410302' },
        { ...net(-100_000, -100_000), regionCode: '410302' }, // a claim whose reversal took more than it paid
        { ...net(500_000, 600_000), schedule: 'PREFERENTIAL', regionCode: '411002' },
      ]),
    );
    const r = tally.result();
    expect([f(r.baseline.general), f(r.baseline.preferential), f(r.baseline.benefit)]).toEqual([
      '22400.00',
      '5000.00',
      '27400.00',
    ]);
    expect([f(r.simulated.general), f(r.simulated.preferential)]).toEqual(['23000.00', '6000.00']);
    expect(r.baseline.claimsWithBenefit).toBe(2);
    expect(r.byCity.map((c) => [c.cityCode, f(c.baselineBenefit)])).toEqual([
      ['410300', '22400.00'],
      ['411000', '5000.00'],
    ]);
  });

  it('persons with a benefit: net above 0; percentiles count every person with a claim, 0 included', () => {
    const tally = new SimulationTally({ cityOf, clearing: null });
    tally.add(person([net(0)])); // a claim under the deductible
    tally.add(person([net(0, 100)]));
    tally.add(person([net(300), net(-300)])); // nets to 0
    tally.add(person([net(500)]));
    const r = tally.result();
    expect([r.baseline.personsWithBenefit, r.simulated.personsWithBenefit]).toEqual([1, 2]);
    // baseline totals 0, 0, 0, 5.00 → ranks 2, 4, 4; simulated 0, 0, 1.00, 5.00 → ranks 2, 4, 4
    expect([f(r.baseline.p50), f(r.baseline.p90), f(r.baseline.p99)]).toEqual([
      '0.00',
      '5.00',
      '5.00',
    ]);
    expect([f(r.simulated.p50), f(r.simulated.p99)]).toEqual(['0.00', '5.00']);
  });

  it('persons capped: as each side’s replay says', () => {
    const tally = new SimulationTally({ cityOf, clearing: null });
    tally.add(person([net(1)], { baselineCapped: true, simulatedCapped: false }));
    tally.add(person([net(1)], { baselineCapped: true, simulatedCapped: true }));
    tally.add(person([net(1)]));
    const r = tally.result();
    expect([r.baseline.personsCapped, r.simulated.personsCapped]).toEqual([2, 1]);
  });

  it('the first mismatch is kept; a person without a claim of the agreement counts only for the check', () => {
    const first = {
      claimId: 'K1',
      kind: 'CLAIM' as const,
      index: 0,
      field: 'benefitDelta' as const,
      expected: '10.00',
      got: '9.99',
    };
    const tally = new SimulationTally({ cityOf, clearing: null });
    tally.add(person([net(1)]));
    expect(tally.firstMismatch).toBeNull();
    tally.add(person([], { mismatch: first }));
    tally.add(person([net(2)], { mismatch: { ...first, claimId: 'K2' } }));
    const r = tally.result();
    expect([r.baselineMatches, r.firstMismatch, r.persons, r.claims]).toEqual([false, first, 2, 2]);
    expect(describeMismatch(first)).toBe(
      'the replay under the terms in force differs from the ledger at claim K1 (CLAIM entry, benefitDelta): recorded 10.00, replayed 9.99',
    );
  });

  it('looks each region code’s city up once', () => {
    const seen: string[] = [];
    const tally = new SimulationTally({
      cityOf: (code) => {
        seen.push(code);
        return cityOf(code);
      },
      clearing: null,
    });
    for (let i = 0; i < 100; i++) {
      tally.add(person([{ regionCode: '410302' }, { regionCode: i % 2 ? '410303' : '410302' }]));
    }
    expect(seen).toEqual(['410302', '410303']);
  });

  it('an empty year: zeros, not an error', () => {
    const r = new SimulationTally({ cityOf, clearing: clearingOf('1000000.00', null) }).result();
    expect(shown(r.baseline)).toEqual({
      benefit: '0.00',
      general: '0.00',
      preferential: '0.00',
      personsWithBenefit: 0,
      personsCapped: 0,
      claimsWithBenefit: 0,
      p50: '0.00',
      p90: '0.00',
      p99: '0.00',
      surplus: '950000.00',
    });
    expect([r.baselineMatches, r.persons, r.claims, r.byCity]).toEqual([true, 0, 0, []]);
  });

  it('totals are the sums of the claims’ nets, by schedule and by city, whatever their size', () => {
    const fenArb: fc.Arbitrary<Fen> = fc.oneof(
      fc.integer({ min: -1_000_000, max: 100_000_000 }),
      fc.bigInt({ min: 0n, max: 10n ** 18n }),
    );
    const claimArb = fc.record({
      baselineNet: fenArb,
      simulatedNet: fenArb,
      schedule: fc.constantFrom('GENERAL' as const, 'PREFERENTIAL' as const),
      regionCode: fc.constantFrom('410302', '410303', '411002', '510903'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(claimArb, { maxLength: 5 }), { maxLength: 30 }), (persons) => {
        const tally = new SimulationTally({ cityOf, clearing: null });
        persons.forEach((claims) => tally.add(person(claims)));
        const r = tally.result();
        const all = persons.flat();
        const sum = (xs: readonly { baselineNet: Fen }[]) =>
          xs.reduce((s, c) => s.plus(new Money(c.baselineNet.toString()).div(100)), m(0));
        expect(r.baseline.benefit.equals(sum(all))).toBe(true);
        expect(r.baseline.general.plus(r.baseline.preferential).equals(r.baseline.benefit)).toBe(
          true,
        );
        expect(
          r.byCity.reduce((s, c) => s.plus(c.baselineBenefit), m(0)).equals(r.baseline.benefit),
        ).toBe(true);
        expect(r.persons).toBe(persons.filter((p) => p.length > 0).length);
        expect(r.claims).toBe(all.length);
        expect(r.baseline.claimsWithBenefit).toBe(all.filter((c) => c.baselineNet > 0).length);
      }),
      { numRuns: 300 },
    );
  });
});
