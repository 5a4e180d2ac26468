import { addDays, isCalendarDate, isWeekend, yearOf } from '../../../shared/calendar-date';

/**
 * The official PRC working-day calendar as plain data (rules.md §3.4): statutory holidays, adjusted working days
 * (调休上班) and the years for which a State Council schedule is loaded. Dates are `YYYY-MM-DD`.
 */
export interface WorkingDayCalendar {
  readonly holidays: ReadonlySet<string>;
  readonly adjustedWorkdays: ReadonlySet<string>;
  readonly scheduledYears: ReadonlySet<number>;
}

/** Largest `n` accepted by {@link addWorkingDays}: about fourteen years of working days, far beyond any clause. */
export const MAX_WORKING_DAYS = 3660;

const assertDate = (date: string, name: string): void => {
  if (!isCalendarDate(date)) {
    throw new RangeError(`${name} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
};

/**
 * Whether `date` is a working day on the official PRC calendar (rules.md §3.4).
 *
 * A statutory holiday is off; an adjusted working day (调休上班) is on even on a Saturday or Sunday; any other
 * day is on from Monday to Friday and off at the weekend. For a year not in `cal.scheduledYears` the holiday
 * tables are not consulted and only weekends are off: this is deliberately not an error, the caller logs it
 * (see {@link unscheduledYearsBetween}).
 *
 * @throws RangeError when `date` is not a calendar date.
 */
export function isWorkingDay(cal: WorkingDayCalendar, date: string): boolean {
  assertDate(date, 'date');
  if (!cal.scheduledYears.has(yearOf(date))) {
    return !isWeekend(date);
  }
  if (cal.holidays.has(date)) {
    return false;
  }
  if (cal.adjustedWorkdays.has(date)) {
    return true;
  }
  return !isWeekend(date);
}

/**
 * The due date of a period of `n` working days from day `date` (rules.md §3.4, read as Civil Code arts. 201 and
 * 203 count periods): `date` itself is not counted, and the result is the `n`-th working day after it. Payment on
 * that day is on time. Used for the 15 working days of `DIRECT` settlement, the 20 of `MANUAL` reimbursement
 * (Henan arts. 15–17) and the 30 of Suining art. 43.
 *
 * `n = 0` returns `date` unchanged, even when `date` is not a working day: a period of no days ends where it starts.
 * Days in unscheduled years count as in {@link isWorkingDay} (weekends only).
 *
 * @throws RangeError when `date` is not a calendar date, or `n` is not an integer in 0…{@link MAX_WORKING_DAYS}.
 */
export function addWorkingDays(cal: WorkingDayCalendar, date: string, n: number): string {
  assertDate(date, 'date');
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`working days must be a non-negative integer, got ${n}`);
  }
  if (n > MAX_WORKING_DAYS) {
    throw new RangeError(`working days must be at most ${MAX_WORKING_DAYS}, got ${n}`);
  }
  let day = date;
  let counted = 0;
  while (counted < n) {
    day = addDays(day, 1);
    if (isWorkingDay(cal, day)) {
      counted += 1;
    }
  }
  return day;
}

/**
 * `date` itself when it is a working day, otherwise the first working day after it: how a report due date given as
 * a calendar day moves ("遇法定节假日顺延", Henan art. 25; rules.md §3.4 and §8).
 *
 * @throws RangeError when `date` is not a calendar date.
 */
export function nextWorkingDayOnOrAfter(cal: WorkingDayCalendar, date: string): string {
  let day = date;
  while (!isWorkingDay(cal, day)) {
    day = addDays(day, 1);
  }
  return day;
}

/**
 * The years from `yearOf(from)` to `yearOf(to)` inclusive that have no official schedule in `cal`, ascending, for
 * the caller's log line when a deadline is computed on the weekends-only fallback (rules.md §3.4: the calendar is
 * data, and a new year's schedule must be loaded). Empty when `to` is before `from`'s year.
 *
 * @throws RangeError when `from` or `to` is not a calendar date.
 */
export function unscheduledYearsBetween(
  cal: WorkingDayCalendar,
  from: string,
  to: string,
): number[] {
  assertDate(from, 'from');
  assertDate(to, 'to');
  const missing: number[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y += 1) {
    if (!cal.scheduledYears.has(y)) {
      missing.push(y);
    }
  }
  return missing;
}
