import { Money } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import { officialSchedule } from '../../calendar/rules/calendar-data';
import { type WorkingDayCalendar } from '../../calendar/rules/working-days.rule';
import { BreachTier } from '../breach-tier.enum';
import { assessInspection } from './inspection-ratio.rule';
import { penaltyAmounts } from './penalty-amount.rule';
import { checkPenaltyPayment, penaltyDueDates, penaltyStatusOn } from './penalty-dates.rule';
import { violationTier } from './violation-tier.rule';

const schedule = officialSchedule(2015, 2026);
const cal: WorkingDayCalendar = {
  holidays: new Set(schedule.holidays),
  adjustedWorkdays: new Set(schedule.adjustedWorkdays),
  scheduledYears: new Set(schedule.years),
};
const TERMS = DEFAULT_TERMS[AgreementKind.DESIGNATED_INSTITUTION];
const d = (s: string) => new Money(s);

describe('penalties end to end in the pure rules', () => {
  it('computes the rules.md §9 example: OUT_OF_SCOPE_BILLING, 8 000.00, k = 2, notice 2024-01-29', () => {
    const breach = violationTier({
      code: 'OUT_OF_SCOPE_BILLING',
      amount: d('8000.00'),
      selfReported: false,
      priorBreaches: [],
    });
    expect([breach.tier, breach.article, breach.escalated]).toEqual([
      BreachTier.SERIOUS,
      '64(一)',
      false,
    ]);
    const money = penaltyAmounts({
      breach,
      violatingAmount: d('8000.00'),
      multiplier: d('2'),
      noticeOn: '2024-01-29',
      terms: TERMS,
    });
    expect([
      money.recoveredAmount.toFixed(2),
      money.damages.toFixed(2),
      money.totalDue.toFixed(2),
    ]).toEqual(['8000.00', '16000.00', '24000.00']);
    expect(money.actions).toEqual(['WITHHOLD', 'RECOVER']);

    const dates = penaltyDueDates(cal, '2024-01-29', TERMS);
    expect(dates).toEqual({ dueOn: '2024-03-14', enforceableFrom: '2024-03-29' });

    const penalty = { ...money, ...dates, noticeOn: '2024-01-29' };
    const first = { paidOn: '2024-03-01', amount: d('20000.00') };
    expect(checkPenaltyPayment(penalty, [], first).toFixed(2)).toBe('4000.00');
    expect(penaltyStatusOn(penalty, [first], '2024-03-28')).toBe('OPEN');
    expect(penaltyStatusOn(penalty, [first], '2024-03-29')).toBe('ENFORCEABLE');
    const second = { paidOn: '2024-04-02', amount: d('4000.00') };
    expect(checkPenaltyPayment(penalty, [first], second).toFixed(2)).toBe('0.00');
    expect(penaltyStatusOn(penalty, [first, second], '2024-04-02')).toBe('PAID');
  });

  it('records an inspection penalty for the worst finding: severe, no amount, noticed 2024-01-31, suspended a month from 2024-02-01', () => {
    const inspection = assessInspection({
      stockItems: [
        { itemCode: 'D1', opening: d('40'), purchased: d('60'), sold: d('70'), closing: d('45') },
      ],
      serviceItems: [{ itemCode: 'S1', declared: d('125'), standard: d('100') }],
      noStockRecords: false,
    });
    expect(
      inspection.findings.map((f) => `${f.itemCode} ${f.tier} ${f.ratio?.toFixed(4)}`),
    ).toEqual(['D1 SERIOUS 1.1500', 'S1 SEVERE 1.2500']);
    const worst = inspection.worst;
    if (!worst) {
      throw new Error('no finding');
    }
    const breach = violationTier({
      code: worst.violationCode,
      measuredTier: worst.tier,
      selfReported: false,
      suspensionRequested: true,
      priorBreaches: [],
    });
    expect([breach.tier, breach.article]).toEqual([BreachTier.SEVERE, '65(十)']);
    const money = penaltyAmounts({
      breach,
      violatingAmount: null,
      suspensionMonths: 1,
      noticeOn: '2024-01-31',
      terms: TERMS,
    });
    expect(money).toMatchObject({
      needsOfficerDecision: true,
      actions: ['WITHHOLD', 'SUSPEND'],
      suspensionFrom: '2024-02-01',
      suspensionTo: '2024-02-29',
      terminatedOn: null,
    });
    expect(money.totalDue.toFixed(2)).toBe('0.00');
  });

  it('ends the agreement at the second suspension of the term (66(十四))', () => {
    const breach = violationTier({
      code: 'IDENTITY_NOT_VERIFIED',
      amount: d('2000.00'),
      selfReported: false,
      suspensionRequested: true,
      priorBreaches: [
        {
          code: 'NO_STOCK_RECORDS',
          tier: BreachTier.SEVERE,
          suspended: true,
          selfReported: false,
          fraud: false,
        },
      ],
    });
    const money = penaltyAmounts({
      breach,
      violatingAmount: d('2000.00'),
      suspensionMonths: 3,
      noticeOn: '2024-07-01',
      terms: TERMS,
    });
    expect([breach.tier, breach.escalated, money.terminatedOn, money.suspensionFrom]).toEqual([
      BreachTier.GRAVE,
      true,
      '2024-07-01',
      null,
    ]);
    expect([money.recoveredAmount.toFixed(2), money.damages.toFixed(2)]).toEqual([
      '2000.00',
      '6000.00',
    ]);
  });

  it('lets a self-reported breach off with a refund (72), but not fraud', () => {
    const lenient = violationTier({
      code: 'OUT_OF_SCOPE_BILLING',
      amount: d('8000.00'),
      selfReported: true,
      priorBreaches: [],
    });
    const refund = penaltyAmounts({
      breach: lenient,
      violatingAmount: d('8000.00'),
      noticeOn: '2024-01-29',
      terms: TERMS,
    });
    expect([refund.totalDue.toFixed(2), refund.actions]).toEqual([
      '8000.00',
      ['INTERVIEW', 'RECTIFICATION', 'REFUND'],
    ]);

    const fraud = violationTier({
      code: 'FICTITIOUS_CHARGES',
      amount: d('15000.00'),
      selfReported: true,
      priorBreaches: [],
    });
    const due = penaltyAmounts({
      breach: fraud,
      violatingAmount: d('15000.00'),
      noticeOn: '2024-01-29',
      terms: TERMS,
    });
    expect([fraud.tier, fraud.lenient, due.needsOfficerDecision, due.totalDue.toFixed(2)]).toEqual([
      BreachTier.SEVERE,
      false,
      true,
      '60000.00',
    ]);
  });
});
