import fc from 'fast-check';
import { addDays, daysBetween, yearOf } from '../../../shared/calendar-date';
import { DomainError, ErrorCode } from '../../../shared/domain-error';
import { Money } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import { officialSchedule } from '../../calendar/rules/calendar-data';
import { provisionalHolidays } from '../../calendar/rules/provisional-calendar.rule';
import {
  isProvisionalCount,
  isWorkingDay,
  type WorkingDayCalendar,
} from '../../calendar/rules/working-days.rule';
import {
  amountPaid,
  checkPenaltyPayment,
  type PenaltyPayment,
  penaltyDueDates,
  penaltyStatusOn,
} from './penalty-dates.rule';

const schedule = officialSchedule(2015, 2026);
const cal: WorkingDayCalendar = {
  holidays: new Set(schedule.holidays),
  adjustedWorkdays: new Set(schedule.adjustedWorkdays),
  scheduledYears: new Set(schedule.years),
};
const TERMS = DEFAULT_TERMS[AgreementKind.DESIGNATED_INSTITUTION];

/** Working days in (from, to]. */
const workingDaysAfter = (from: string, to: string): number => {
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    n += isWorkingDay(cal, day) ? 1 : 0;
  }
  return n;
};

const pay = (paidOn: string, amount: string): PenaltyPayment => ({
  paidOn,
  amount: new Money(amount),
});

const refusal = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) {
      return e;
    }
    throw e;
  }
  throw new Error('not refused');
};

describe('penaltyDueDates (art. 67; rules.md §7.4)', () => {
  it.each([
    // rules.md §9: Spring Festival 10–17 Feb off; 4 and 18 Feb (Sundays) count
    ['2024-01-29', '2024-03-14', '2024-03-29'],
    // National Day 2024: 29 Sep (Sunday) counts, 1–7 Oct off, 12 Oct (Saturday) counts
    ['2024-09-27', '2024-11-13', '2024-11-28'],
    ['2024-09-30', '2024-11-15', '2024-12-02'],
    // noticed on a holiday: the count starts the day after all the same (8 Oct is the first)
    ['2024-10-03', '2024-11-15', '2024-12-02'],
    // into 2025 across New Year and Spring Festival (28 Jan–4 Feb off; 26 Jan and 8 Feb count):
    // due on Saturday 8 Feb, an adjusted working day
    ['2024-12-20', '2025-02-08', '2025-02-24'],
  ])('notice %s → due %s → enforceable from %s', (noticeOn, dueOn, enforceableFrom) => {
    const dates = penaltyDueDates(cal, noticeOn, TERMS);
    expect(dates).toEqual({ dueOn, enforceableFrom, dueProvisional: false });
    // invariants: 30 working days to the due date, the 11th working day after it
    expect(workingDaysAfter(noticeOn, dates.dueOn)).toBe(30);
    expect(workingDaysAfter(dates.dueOn, dates.enforceableFrom)).toBe(11);
    expect(isWorkingDay(cal, dates.dueOn) && isWorkingDay(cal, dates.enforceableFrom)).toBe(true);
  });

  it('reads both counts from the terms', () => {
    const terms = { penaltyDueWorkingDays: 5, overdueGraceWorkingDays: 0 };
    // Friday 27 Sep 2024: 29, 30 Sep, 8, 9, 10 Oct; then the first working day after
    expect(penaltyDueDates(cal, '2024-09-27', terms)).toEqual({
      dueOn: '2024-10-10',
      enforceableFrom: '2024-10-11',
      dueProvisional: false,
    });
  });
});

/** `base` with `year`'s schedule loaded as given (what loadCalendarYear does to the table). */
const withYear = (
  base: WorkingDayCalendar,
  year: number,
  holidays: readonly string[],
): WorkingDayCalendar => ({
  holidays: new Set([...[...base.holidays].filter((d) => yearOf(d) !== year), ...holidays]),
  adjustedWorkdays: new Set([...base.adjustedWorkdays].filter((d) => yearOf(d) !== year)),
  scheduledYears: new Set([...base.scheduledYears, year]),
});

describe('penaltyDueDates over a year whose schedule is not loaded (rules.md §3.6, §7.4)', () => {
  it.each<[string, string, WorkingDayCalendar, string, string, boolean]>([
    // Friday 27 Nov 2026: 24 working days to 31 Dec; 1 Jan 2027 is a statutory holiday, so the 30th is Monday 11 Jan
    // (weekends-only counting said Friday 8 Jan); the 11th working day after it is Tuesday 26 Jan
    ['2026-11-27', '2027 not loaded', cal, '2027-01-11', '2027-01-26', true],
    [
      '2026-11-27',
      '2027 loaded with [01-01]',
      withYear(cal, 2027, ['2027-01-01']),
      '2027-01-11',
      '2027-01-26',
      false,
    ],
    [
      '2026-11-27',
      '2027 loaded with [01-01, 01-04]',
      withYear(cal, 2027, ['2027-01-01', '2027-01-04']),
      '2027-01-12',
      '2027-01-27',
      false,
    ],
    // due inside 2026 (Friday 25 Dec), enforceable in 2027: one mark for both dates, since the chain went over 2027
    ['2026-11-13', '2027 not loaded', cal, '2026-12-25', '2027-01-12', true],
    // both inside 2026 (Saturday 10 Oct 2026 is an adjusted working day and counts): never provisional
    ['2026-10-09', '2027 not loaded', cal, '2026-11-19', '2026-12-04', false],
  ])(
    'notice %s, %s → due %s, enforceable from %s, provisional %s',
    (noticeOn, _name, calendar, dueOn, enforceableFrom, dueProvisional) => {
      expect(penaltyDueDates(calendar, noticeOn, TERMS)).toEqual({
        dueOn,
        enforceableFrom,
        dueProvisional,
      });
    },
  );

  it('marks the dates exactly when the chain (noticeOn, enforceableFrom] went over an unloaded year', () => {
    const span = daysBetween('2026-06-01', '2028-12-31');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 20 }),
        fc.boolean(),
        (offset, penaltyDueWorkingDays, overdueGraceWorkingDays, load2027) => {
          const calendar = load2027 ? withYear(cal, 2027, ['2027-01-01']) : cal;
          const noticeOn = addDays('2026-06-01', offset);
          const terms = { penaltyDueWorkingDays, overdueGraceWorkingDays };
          const dates = penaltyDueDates(calendar, noticeOn, terms);
          expect(dates.dueProvisional).toBe(
            isProvisionalCount(calendar, noticeOn, dates.enforceableFrom),
          );
        },
      ),
    );
  });

  it('moves no date when a year is loaded with its provisional calendar, and then marks only what reaches later years', () => {
    const span = daysBetween('2026-06-01', '2027-12-31');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: span }), (offset) => {
        const noticeOn = addDays('2026-06-01', offset);
        const loaded = withYear(cal, 2027, [...provisionalHolidays(2027)]);
        const before = penaltyDueDates(cal, noticeOn, TERMS);
        const after = penaltyDueDates(loaded, noticeOn, TERMS);
        expect([after.dueOn, after.enforceableFrom]).toEqual([
          before.dueOn,
          before.enforceableFrom,
        ]);
        expect(after.dueProvisional).toBe(yearOf(after.enforceableFrom) > 2027);
      }),
    );
  });
});

describe('penaltyStatusOn (rules.md §7.4)', () => {
  const penalty = { totalDue: new Money('24000.00'), enforceableFrom: '2024-03-29' };

  it.each<[string, PenaltyPayment[], string]>([
    ['2024-01-29', [], 'OPEN'],
    ['2024-03-14', [], 'OPEN'], // the due date
    ['2024-03-28', [], 'OPEN'], // the 10th working day of grace
    ['2024-03-29', [], 'ENFORCEABLE'],
    ['2024-12-31', [], 'ENFORCEABLE'],
    ['2024-03-29', [pay('2024-02-01', '10000.00')], 'ENFORCEABLE'], // partly paid
    ['2024-02-20', [pay('2024-02-01', '10000.00'), pay('2024-02-20', '14000.00')], 'PAID'],
    ['2024-02-19', [pay('2024-02-01', '10000.00'), pay('2024-02-20', '14000.00')], 'OPEN'],
    ['2024-04-10', [pay('2024-02-01', '10000.00'), pay('2024-04-10', '14000.00')], 'PAID'], // paid late
    ['2024-04-09', [pay('2024-02-01', '10000.00'), pay('2024-04-10', '14000.00')], 'ENFORCEABLE'],
  ])('on %s with %j → %s', (asOf, payments, status) => {
    expect(penaltyStatusOn(penalty, payments, asOf)).toBe(status);
  });

  it('is PAID from the start when nothing is due', () => {
    expect(
      penaltyStatusOn(
        { totalDue: new Money('0.00'), enforceableFrom: '2024-03-29' },
        [],
        '2024-04-01',
      ),
    ).toBe('PAID');
  });

  it('adds up the payments made by a day', () => {
    const payments = [
      pay('2024-02-01', '0.01'),
      pay('2024-02-02', '99.99'),
      pay('2024-03-01', '1'),
    ];
    expect(amountPaid(payments).toFixed(2)).toBe('101.00');
    expect(amountPaid(payments, '2024-02-02').toFixed(2)).toBe('100.00');
    expect(amountPaid(payments, '2024-01-31').toFixed(2)).toBe('0.00');
  });
});

describe('checkPenaltyPayment: partial payments add up, overpaying is refused', () => {
  const penalty = { totalDue: new Money('24000.00'), noticeOn: '2024-01-29' };

  it('accepts payments up to the total and answers what remains', () => {
    expect(checkPenaltyPayment(penalty, [], pay('2024-02-01', '10000.00')).toFixed(2)).toBe(
      '14000.00',
    );
    expect(
      checkPenaltyPayment(
        penalty,
        [pay('2024-02-01', '10000.00')],
        pay('2024-01-29', '14000.00'),
      ).toFixed(2),
    ).toBe('0.00');
    expect(checkPenaltyPayment(penalty, [], pay('2024-05-01', '24000.00')).toFixed(2)).toBe('0.00');
  });

  it.each<[string, PenaltyPayment[], PenaltyPayment, string]>([
    ['one cent too much', [pay('2024-02-01', '10000.00')], pay('2024-02-02', '14000.01'), 'amount'],
    ['anything once paid', [pay('2024-02-01', '24000.00')], pay('2024-02-02', '0.01'), 'amount'],
    ['more than the total at once', [], pay('2024-02-02', '24000.01'), 'amount'],
    ['zero', [], pay('2024-02-02', '0'), 'amount'],
    ['a negative amount', [], pay('2024-02-02', '-5.00'), 'amount'],
    ['three decimals', [], pay('2024-02-02', '1.001'), 'amount'],
    ['a payment before the notice', [], pay('2024-01-28', '1.00'), 'paidOn'],
  ])('refuses %s', (_name, recorded, payment, field) => {
    const e = refusal(() => checkPenaltyPayment(penalty, recorded, payment));
    expect([e.code, e.field]).toEqual([ErrorCode.BAD_USER_INPUT, field]);
  });

  it('refuses any payment of a penalty with nothing due', () => {
    const e = refusal(() =>
      checkPenaltyPayment(
        { totalDue: new Money('0.00'), noticeOn: '2024-01-29' },
        [],
        pay('2024-02-01', '0.01'),
      ),
    );
    expect(e.field).toBe('amount');
  });
});
