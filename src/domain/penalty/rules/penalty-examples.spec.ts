import { Money } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import { officialSchedule } from '../../calendar/rules/calendar-data';
import { type WorkingDayCalendar } from '../../calendar/rules/working-days.rule';
import { BreachTier } from '../breach-tier.enum';
import { assessInspection } from './inspection-ratio.rule';
import { penaltyAmounts } from './penalty-amount.rule';
import { checkPenaltyPayment, penaltyDueDates, penaltyStatusOn } from './penalty-dates.rule';
import { designationGate } from '../../claim/rules/designation.rule';
import { RejectionReason } from '../../claim/claim.enums';
import { type PriorBreach, violationTier } from './violation-tier.rule';

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
    expect(dates).toEqual({
      dueOn: '2024-03-14',
      enforceableFrom: '2024-03-29',
      dueProvisional: false,
    });

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

describe('rules.md §§7.2–7.3 worked examples, through violationTier and penaltyAmounts', () => {
  interface Example {
    readonly code: string;
    readonly violatingAmount: string | null;
    readonly amountInvolved?: string;
    readonly purchasesTotal?: string;
    readonly selfReported?: boolean;
    readonly occurrences?: number;
    readonly priorBreaches?: PriorBreach[];
    readonly inspectionTier?: BreachTier;
  }
  const serious = (code: string): PriorBreach => ({
    code,
    tier: BreachTier.SERIOUS,
    suspended: false,
    selfReported: false,
    fraud: false,
  });

  it.each<[string, Example, BreachTier, string, string, string, boolean]>([
    // [name, example, tier, recovered, damages, total, needsOfficerDecision]
    [
      '§7.2: offline purchases 60 000.00, 0.00 charged to the fund → SERIOUS, recover 0.00, 1 000.00 per occurrence',
      { code: 'OFFLINE_PROCUREMENT', violatingAmount: '0.00', amountInvolved: '60000.00' },
      BreachTier.SERIOUS,
      '0.00',
      '1000.00',
      '1000.00',
      false,
    ],
    [
      '§7.2: the same, two occurrences, violating amount null',
      {
        code: 'OFFLINE_PROCUREMENT',
        violatingAmount: null,
        amountInvolved: '60000.00',
        occurrences: 2,
      },
      BreachTier.SERIOUS,
      '0.00',
      '2000.00',
      '2000.00',
      false,
    ],
    [
      '§7.2: offline 30 000.00 of purchases 200 000.00 (15%), 1 200.00 charged: SERIOUS on the 1 200.00',
      {
        code: 'OFFLINE_PROCUREMENT',
        violatingAmount: '1200.00',
        amountInvolved: '30000.00',
        purchasesTotal: '200000.00',
      },
      BreachTier.SERIOUS,
      '1200.00',
      '1200.00',
      '2400.00',
      false,
    ],
    [
      '§7.2: offline 20 000.00 of purchases 200 000.00 (10%), 800.00 charged: GENERAL, recovered, no damages',
      {
        code: 'OFFLINE_PROCUREMENT',
        violatingAmount: '800.00',
        amountInvolved: '20000.00',
        purchasesTotal: '200000.00',
      },
      BreachTier.GENERAL,
      '800.00',
      '0.00',
      '800.00',
      false,
    ],
    [
      '§7.2: a minor breach of 5 000.00 found by inspection recovers 5 000.00',
      { code: 'NO_PRICE_DISCLOSURE', violatingAmount: '5000.00' },
      BreachTier.MINOR,
      '5000.00',
      '0.00',
      '5000.00',
      false,
    ],
    [
      '§7.2: … and the same breach self-reported refunds 5 000.00 (72)',
      { code: 'NO_PRICE_DISCLOSURE', violatingAmount: '5000.00', selfReported: true },
      BreachTier.MINOR,
      '5000.00',
      '0.00',
      '5000.00',
      false,
    ],
    [
      '§7.2: a stock ratio at the minor band with 5 000.00 established by the inspection',
      { code: 'STOCK_RATIO', violatingAmount: '5000.00', inspectionTier: BreachTier.MINOR },
      BreachTier.MINOR,
      '5000.00',
      '0.00',
      '5000.00',
      false,
    ],
    [
      '§7.2: 虚记 15 000.00 involved, 9 000.00 in the fund’s scope: SEVERE flagged, 3 × 9 000.00',
      { code: 'FICTITIOUS_CHARGES', violatingAmount: '9000.00', amountInvolved: '15000.00' },
      BreachTier.SEVERE,
      '9000.00',
      '27000.00',
      '36000.00',
      true,
    ],
    [
      '§7.2: 串换 100 000.00 involved, 40 000.00 violating: GRAVE, 3 × 40 000.00',
      { code: 'ITEM_SUBSTITUTION', violatingAmount: '40000.00', amountInvolved: '100000.00' },
      BreachTier.GRAVE,
      '40000.00',
      '120000.00',
      '160000.00',
      false,
    ],
    [
      '§7.2: a severe breach with no amount: no damages, flagged',
      { code: 'IDENTITY_NOT_VERIFIED', violatingAmount: null },
      BreachTier.SEVERE,
      '0.00',
      '0.00',
      '0.00',
      true,
    ],
    [
      '§7.3: the first no-amount SERIOUS breach of a type, 3 occurrences: 3 000.00',
      { code: 'SPLIT_ADMISSION', violatingAmount: null, occurrences: 3 },
      BreachTier.SERIOUS,
      '0.00',
      '3000.00',
      '3000.00',
      false,
    ],
    [
      '§7.3: the second, escalated to SEVERE, still pays 3 000.00 and is flagged',
      {
        code: 'SPLIT_ADMISSION',
        violatingAmount: null,
        occurrences: 3,
        priorBreaches: [serious('SPLIT_ADMISSION')],
      },
      BreachTier.SEVERE,
      '0.00',
      '3000.00',
      '3000.00',
      true,
    ],
    [
      '§7.3: a second serious breach of the same type with 8 000.00: SEVERE, 3 ×',
      {
        code: 'OUT_OF_SCOPE_BILLING',
        violatingAmount: '8000.00',
        priorBreaches: [serious('OUT_OF_SCOPE_BILLING')],
      },
      BreachTier.SEVERE,
      '8000.00',
      '24000.00',
      '32000.00',
      false,
    ],
  ])('%s', (_name, e, tier, recovered, damages, total, flagged) => {
    const breach = violationTier({
      code: e.code,
      violatingAmount: e.violatingAmount === null ? null : d(e.violatingAmount),
      amountInvolved: e.amountInvolved === undefined ? null : d(e.amountInvolved),
      purchasesTotal: e.purchasesTotal === undefined ? null : d(e.purchasesTotal),
      measuredTier: e.inspectionTier ?? null,
      selfReported: e.selfReported ?? false,
      priorBreaches: e.priorBreaches ?? [],
    });
    const money = penaltyAmounts({
      breach,
      violatingAmount: e.violatingAmount === null ? null : d(e.violatingAmount),
      occurrences: e.occurrences ?? 1,
      noticeOn: '2024-03-01',
      terms: TERMS,
    });
    expect([
      breach.tier,
      money.recoveredAmount.toFixed(2),
      money.damages.toFixed(2),
      money.totalDue.toFixed(2),
      money.needsOfficerDecision,
    ]).toEqual([tier, recovered, damages, total, flagged]);
  });

  it('§7.3: notice 2024-01-31, suspended 1 month → 2024-02-01 to 2024-02-29; a claim discharged 2024-01-31 settles', () => {
    const breach = violationTier({
      code: 'IDENTITY_NOT_VERIFIED',
      violatingAmount: d('1000.00'),
      selfReported: false,
      suspensionRequested: true,
      priorBreaches: [],
    });
    const money = penaltyAmounts({
      breach,
      violatingAmount: d('1000.00'),
      suspensionMonths: 1,
      noticeOn: '2024-01-31',
      terms: TERMS,
    });
    expect([money.suspensionFrom, money.suspensionTo]).toEqual(['2024-02-01', '2024-02-29']);
    const agreement = {
      effectiveFrom: '2024-01-01',
      effectiveTo: '2024-12-31',
      suspensions: [{ startsOn: money.suspensionFrom!, endsOn: money.suspensionTo! }],
    };
    const gate = (admissionDate: string, dischargeDate: string) =>
      designationGate([agreement], { admissionDate, dischargeDate });
    expect([
      gate('2024-01-25', '2024-01-31'),
      gate('2024-01-25', '2024-02-01'),
      gate('2024-02-20', '2024-03-04'),
      gate('2024-01-25', '2024-03-04'),
      gate('2024-03-01', '2024-03-04'),
    ]).toEqual([
      null,
      RejectionReason.INSTITUTION_SUSPENDED,
      RejectionReason.INSTITUTION_SUSPENDED,
      RejectionReason.INSTITUTION_SUSPENDED,
      null,
    ]);
  });
});
