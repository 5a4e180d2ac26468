import type Decimal from 'decimal.js';

import { formatMoney, Money } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import { clearFund, type FundClearingInput, type FundClearingValue } from './fund-clearing.rule';

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
      // reserve 1 234 567.89 × 5% = 61 728.3945 → 61 728.39; deposit × 3% = 37 037.0367 → 37 037.04 (also the cap);
      // returned 37 037.04 × 0.7 = 25 925.928 → 25 925.93;
      // available 1 234 567.89 − 61 728.39 − 37 037.04 + 25 925.93 = 1 161 728.39; result 61 728.39
      // → kept 37 037.04, treasury 24 691.35
      'an uneven amount: every held-back part rounded half-up to the fen',
      { raised: m('1234567.89'), benefits: m('1100000.00'), depositReturnRatio: m('0.7') },
      parts(
        '61728.39',
        '37037.04',
        '25925.93',
        '1161728.39',
        '61728.39',
        '37037.04',
        '24691.35',
        '0.00',
        '0.00',
        '0.00',
      ),
    ],
    [
      // same amounts, benefits 1 300 000: loss 138 271.61 = 37 037.04 + 61 728.39 + 39 506.18
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
        '37037.04',
        '61728.39',
        '39506.18',
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
