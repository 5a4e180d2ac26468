import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { formatMoney, Money } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import {
  clearFund,
  type FundClearingInput,
  type FundClearingValue,
  profitCap,
} from './fund-clearing.rule';

/**
 * Year-end clearing of rules.md §4 (Henan arts. 22–24) and the fund example of §9. Default terms: risk reserve 5%,
 * assessment deposit 3%, margin cap 3% of the raised funds. Every expected figure was worked by hand; the comment on a
 * row shows the arithmetic.
 */

const m = (s: string | number): Decimal => new Money(s);
const f = (x: Decimal): string => formatMoney(x);

const CI = DEFAULT_TERMS[AgreementKind.CRITICAL_ILLNESS];

const input = (over: Partial<FundClearingInput>): FundClearingInput => ({
  raised: m('2000000.00'),
  benefits: m('1800000.00'),
  riskReserveRate: CI.riskReserveRate,
  assessmentDepositRate: CI.assessmentDepositRate,
  profitCapRate: CI.profitCapRate,
  depositReturnRatio: m(1),
  policyLoss: false,
  ...over,
});

type Shown = { [K in keyof FundClearingValue]: string };
const show = (v: FundClearingValue): Shown =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, f(x as Decimal)])) as Shown;

/** The parts of a clearing, beyond the echoes of the input. */
type Parts = Omit<Shown, 'raisedAmount' | 'benefitsPaid'>;

const parts = (
  riskReserve: string,
  assessmentDeposit: string,
  depositReturned: string,
  availableToInsurer: string,
  surplus: string,
  insurerRetained: string,
  toTreasury: string,
  insurerBearsLoss: string,
  fromRiskReserve: string,
  carriedForward: string,
): Parts => ({
  riskReserve,
  assessmentDeposit,
  depositReturned,
  availableToInsurer,
  surplus,
  insurerRetained,
  toTreasury,
  insurerBearsLoss,
  fromRiskReserve,
  carriedForward,
});

describe('clearFund (Henan arts. 22–24; rules.md §4)', () => {
  it('the defaults are the contract rates (5%, 3%, 3%)', () => {
    expect(
      [CI.riskReserveRate, CI.assessmentDepositRate, CI.profitCapRate].map((x) => x.toFixed(2)),
    ).toEqual(['0.05', '0.03', '0.03']);
  });

  // raised 2 000 000.00 throughout unless the input says otherwise: reserve 100 000.00, deposit 60 000.00,
  // cap 60 000.00; with the deposit returned in full, available = 2 000 000 − 100 000 − 60 000 + 60 000 = 1 900 000.
  it.each<[string, Partial<FundClearingInput>, Parts]>([
    [
      '§9: benefits 1 800 000 → result 100 000 above 3%: insurer 60 000, treasury 40 000',
      { benefits: m('1800000.00') },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '100000.00',
        '60000.00',
        '40000.00',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      'result 50 000 below 3%: the insurer keeps all of it',
      { benefits: m('1850000.00') },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '50000.00',
        '50000.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      'result exactly 3% (60 000): all kept, nothing to the treasury',
      { benefits: m('1840000.00') },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '60000.00',
        '60000.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      'result one fen above 3%: one fen to the treasury',
      { benefits: m('1839999.99') },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '60000.01',
        '60000.00',
        '0.01',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      'surplus exactly 0: every part 0',
      { benefits: m('1900000.00') },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      'surplus exactly 0 with the policy flag: still every part 0',
      { benefits: m('1900000.00'), policyLoss: true },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      'a surplus with the policy flag set: the flag only matters for a loss',
      { benefits: m('1800000.00'), policyLoss: true },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '100000.00',
        '60000.00',
        '40000.00',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      'no benefits: the whole available amount is the result',
      { benefits: m('0.00') },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '1900000.00',
        '60000.00',
        '1840000.00',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      '§9: benefits 2 100 000, policy loss 200 000 → insurer 60 000, reserve 100 000, carried 40 000',
      { benefits: m('2100000.00'), policyLoss: true },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '-200000.00',
        '0.00',
        '0.00',
        '60000.00',
        '100000.00',
        '40000.00',
      ),
    ],
    [
      "policy loss 30 000 within the insurer's 3%: the insurer bears it all",
      { benefits: m('1930000.00'), policyLoss: true },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '-30000.00',
        '0.00',
        '0.00',
        '30000.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      'policy loss exactly 3% (60 000): the insurer, nothing from the reserve',
      { benefits: m('1960000.00'), policyLoss: true },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '-60000.00',
        '0.00',
        '0.00',
        '60000.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      'policy loss 100 000: 60 000 insurer, 40 000 from the reserve',
      { benefits: m('2000000.00'), policyLoss: true },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '-100000.00',
        '0.00',
        '0.00',
        '60000.00',
        '40000.00',
        '0.00',
      ),
    ],
    [
      "policy loss exactly the insurer's share plus the reserve (160 000): nothing carried",
      { benefits: m('2060000.00'), policyLoss: true },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '-160000.00',
        '0.00',
        '0.00',
        '60000.00',
        '100000.00',
        '0.00',
      ),
    ],
    [
      'policy loss 300 000, larger than share plus reserve: 140 000 carried to next year',
      { benefits: m('2200000.00'), policyLoss: true },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '-300000.00',
        '0.00',
        '0.00',
        '60000.00',
        '100000.00',
        '140000.00',
      ),
    ],
    [
      'non-policy loss 200 000: the insurer bears all of it',
      { benefits: m('2100000.00'), policyLoss: false },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '-200000.00',
        '0.00',
        '0.00',
        '200000.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      'non-policy loss 30 000: the insurer bears all of it',
      { benefits: m('1930000.00'), policyLoss: false },
      parts(
        '100000.00',
        '60000.00',
        '60000.00',
        '1900000.00',
        '-30000.00',
        '0.00',
        '0.00',
        '30000.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      // returned 60 000 × 0.5 = 30 000; available 1 870 000; result 70 000 → 60 000 kept, 10 000 to the treasury
      'half of the deposit returned',
      { depositReturnRatio: m('0.5') },
      parts(
        '100000.00',
        '60000.00',
        '30000.00',
        '1870000.00',
        '70000.00',
        '60000.00',
        '10000.00',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      // nothing returned: available 1 840 000; result 40 000, all kept
      'none of the deposit returned',
      { depositReturnRatio: m('0') },
      parts(
        '100000.00',
        '60000.00',
        '0.00',
        '1840000.00',
        '40000.00',
        '40000.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      // 60 000 × 0.3333 = 19 998.00; available 1 859 998; benefits 1 900 000 → policy loss 40 002 within 3%
      'a third of the deposit returned, then a policy loss',
      { depositReturnRatio: m('0.3333'), benefits: m('1900000.00'), policyLoss: true },
      parts(
        '100000.00',
        '60000.00',
        '19998.00',
        '1859998.00',
        '-40002.00',
        '0.00',
        '0.00',
        '40002.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      // reserve 1 234 567.89 × 5% = 61 728.3945 → 61 728.39; deposit × 3% = 37 037.0367 → 37 037.04 (half-up);
      // the cap 3% is a ceiling, rounded down: 37 037.03 (art. 23 "以内"; rules.md §4);
      // returned 37 037.04 × 0.7 = 25 925.928 → 25 925.93;
      // available 1 234 567.89 − 61 728.39 − 37 037.04 + 25 925.93 = 1 161 728.39; result 61 728.39
      // → kept 37 037.03, treasury 24 691.36
      'an uneven amount: every held-back part rounded half-up to the fen, the cap down',
      { raised: m('1234567.89'), benefits: m('1100000.00'), depositReturnRatio: m('0.7') },
      parts(
        '61728.39',
        '37037.04',
        '25925.93',
        '1161728.39',
        '61728.39',
        '37037.03',
        '24691.36',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      // same amounts, benefits 1 300 000: loss 138 271.61 = 37 037.03 + 61 728.39 + 39 506.19
      'an uneven amount with a policy loss beyond share and reserve',
      {
        raised: m('1234567.89'),
        benefits: m('1300000.00'),
        depositReturnRatio: m('0.7'),
        policyLoss: true,
      },
      parts(
        '61728.39',
        '37037.04',
        '25925.93',
        '1161728.39',
        '-138271.61',
        '0.00',
        '0.00',
        '37037.03',
        '61728.39',
        '39506.19',
      ),
    ],
    [
      // rules.md §4: raised 1 000 000.50 → cap 30 000.015 rounded down to 30 000.01 (never 30 000.02);
      // reserve 50 000.025 → 50 000.03, deposit 30 000.015 → 30 000.02 (half-up), all returned;
      // available 1 000 000.50 − 50 000.03 = 950 000.47; benefits 900 000.00 → result 50 000.47
      '§4: raised 1 000 000.50, a surplus above the cap: the insurer keeps 30 000.01',
      { raised: m('1000000.50'), benefits: m('900000.00') },
      parts(
        '50000.03',
        '30000.02',
        '30000.02',
        '950000.47',
        '50000.47',
        '30000.01',
        '20000.46',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      // result exactly 30 000.01 = the cap: all kept
      '§4: raised 1 000 000.50, result 30 000.01: all kept',
      { raised: m('1000000.50'), benefits: m('920000.46') },
      parts(
        '50000.03',
        '30000.02',
        '30000.02',
        '950000.47',
        '30000.01',
        '30000.01',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      // result 30 000.02: one fen over the cap goes to the treasury
      '§4: raised 1 000 000.50, result 30 000.02: one fen to the treasury',
      { raised: m('1000000.50'), benefits: m('920000.45') },
      parts(
        '50000.03',
        '30000.02',
        '30000.02',
        '950000.47',
        '30000.02',
        '30000.01',
        '0.01',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      // the same cap bounds the policy loss the insurer bears: loss 49 999.53 = 30 000.01 + 19 999.52 from the reserve
      '§4: raised 1 000 000.50, policy loss 49 999.53: the insurer bears 30 000.01',
      { raised: m('1000000.50'), benefits: m('1000000.00'), policyLoss: true },
      parts(
        '50000.03',
        '30000.02',
        '30000.02',
        '950000.47',
        '-49999.53',
        '0.00',
        '0.00',
        '30000.01',
        '19999.52',
        '0.00',
      ),
    ],
    [
      'nothing raised, nothing paid',
      { raised: m('0.00'), benefits: m('0.00') },
      parts('0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00'),
    ],
    [
      'nothing raised, benefits paid, policy loss: all carried (no share, no reserve)',
      { raised: m('0.00'), benefits: m('500.00'), policyLoss: true },
      parts('0.00', '0.00', '0.00', '0.00', '-500.00', '0.00', '0.00', '0.00', '0.00', '500.00'),
    ],
  ])('%s', (_label, over, expected) => {
    const i = input(over);
    const v = clearFund(i);
    const { raisedAmount, benefitsPaid, ...rest } = show(v);
    expect(rest).toEqual(expected);
    expect(raisedAmount).toBe(f(i.raised));
    expect(benefitsPaid).toBe(f(i.benefits));
  });
});

describe('profitCap (Henan art. 23 "以内"; rules.md §4): rounded down to the fen', () => {
  it.each<[string, string, string]>([
    ['1000000.50', '0.03', '30000.01'], // 30 000.015
    ['2000000.00', '0.03', '60000.00'],
    ['1234567.89', '0.03', '37037.03'], // 37 037.0367
    ['0.33', '0.03', '0.00'], // 0.0099
    ['0.34', '0.03', '0.01'], // 0.0102
    ['999.99', '0.0333', '33.29'], // 33.299667
    ['0.00', '0.03', '0.00'],
  ])('raised %s × %s → %s', (raised, rate, cap) => {
    expect(f(profitCap(m(raised), m(rate)))).toBe(cap);
  });

  it('property: the cap is the largest amount in fen not above the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (raisedFen, bp) => {
          const raised = m(raisedFen).dividedBy(100);
          const rate = m(bp).dividedBy(10_000);
          const exact = raised.times(rate);
          const cap = profitCap(raised, rate);
          expect(cap.decimalPlaces()).toBeLessThanOrEqual(2);
          expect(cap.lte(exact)).toBe(true);
          expect(cap.plus('0.01').gt(exact)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
