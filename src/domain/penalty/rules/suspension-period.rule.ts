import { addDays, addMonths, isCalendarDate } from '../../../shared/calendar-date';

/** A period of days, first and last day included. */
export interface DayPeriod {
  readonly startsOn: string;
  readonly endsOn: string;
}

const checkWhole = (n: number, min: number, what: string): void => {
  if (!Number.isInteger(n) || n < min) {
    throw new RangeError(`${what} must be a whole number of at least ${min}`);
  }
};

/**
 * The last day of a period of `months` months counted from day `from` (Civil Code arts. 201, 202; rules.md §7.3): the
 * corresponding day `months` months after `from`, or that month's last day where it has no such day (2024-01-31 + 1
 * month → 2024-02-29; 2024-08-31 + 6 months → 2025-02-28). The period itself starts the day after `from` (art. 201:
 * the day of the event is not counted).
 */
export function monthsAfter(from: string, months: number): string {
  checkWhole(months, 0, 'A count of months');
  return addMonths(from, months);
}

/**
 * A suspension of `months` months ordered by a notice received on `noticeOn` (Suining art. 65 "中止乙方本协议1—6个月";
 * rules.md §7.3; Civil Code arts. 201, 202): it starts the day **after** the notice date and ends on the corresponding
 * day `months` months after the notice date (the month's last day where there is none). Notice 2024-01-31, 1 month →
 * 2024-02-01 to 2024-02-29: a claim discharged on the notice day itself settles.
 *
 * The number of months (1 to the terms' `maxSuspensionMonths`) is checked by the caller against the terms; here a
 * count below 1 or not whole is a programming error (`RangeError`).
 */
export function suspensionPeriod(noticeOn: string, months: number): DayPeriod {
  if (!isCalendarDate(noticeOn)) {
    throw new RangeError('noticeOn must be a calendar date');
  }
  checkWhole(months, 1, 'A suspension in months');
  return { startsOn: addDays(noticeOn, 1), endsOn: monthsAfter(noticeOn, months) };
}

/** A period of `days` days from `startsOn`: `startsOn` to `startsOn + days − 1` (rules.md §7.3; `days` ≥ 1). */
export function periodOfDays(startsOn: string, days: number): DayPeriod {
  checkWhole(days, 1, 'A period in days');
  return { startsOn, endsOn: addDays(startsOn, days - 1) };
}

/** Whether two periods share at least one day. */
export const periodsOverlap = (a: DayPeriod, b: DayPeriod): boolean =>
  a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
