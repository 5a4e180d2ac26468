import { addDays, dateOf, isCalendarDate, isWeekend, yearOf } from '../../../shared/calendar-date';
import { provisionalHolidays } from './provisional-calendar.rule';

/**
 * The official PRC working-day calendar as plain data (rules.md §3.4): statutory holidays, adjusted working days
 * (调休上班) and the years for which a State Council schedule is loaded. Dates are `YYYY-MM-DD`. A year not in
 * `scheduledYears` is counted on the provisional calendar of rules.md §3.6 (its entries in `holidays` and
 * `adjustedWorkdays`, if any, are not consulted).
 */
export interface WorkingDayCalendar {
  readonly holidays: ReadonlySet<string>;
  readonly adjustedWorkdays: ReadonlySet<string>;
  readonly scheduledYears: ReadonlySet<number>;
}

/**
 * The end of a count of working days and whether it is provisional (rules.md §3.6): `provisional` is true when the
 * count went over at least one day of a year without a loaded schedule, so that the date may move when that year's
 * schedule is loaded.
 */
export interface DueDate {
  readonly date: string;
  readonly provisional: boolean;
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
 * day is on from Monday to Friday and off at the weekend. For a year not in `cal.scheduledYears` the provisional
 * calendar of rules.md §3.6 applies: weekends and the statutory days of 《全国年节及纪念日放假办法》 are off
 * ({@link provisionalHolidays}), with no adjusted working day and no bridging day. That is deliberately not an error:
 * counts over such a year say so ({@link workingDaysAfter}) and the caller logs it (see
 * {@link unscheduledYearsBetween}).
 *
 * @throws RangeError when `date` is not a calendar date.
 */
export function isWorkingDay(cal: WorkingDayCalendar, date: string): boolean {
  assertDate(date, 'date');
  const year = yearOf(date);
  if (!cal.scheduledYears.has(year)) {
    return !isWeekend(date) && !provisionalHolidays(year).has(date);
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
 * The due date of a period of `n` working days from day `from` (rules.md §3.4, read as Civil Code arts. 201 and
 * 203 count periods): `from` itself is not counted, and the date is the `n`-th working day after it. Payment on
 * that day is on time. Used for the 15 working days of `DIRECT` settlement, the 20 of `MANUAL` reimbursement
 * (Henan arts. 15–17), the 30 of Suining art. 43 and the penalty dates of art. 67.
 *
 * `provisional` (rules.md §3.6) is true when the count went over at least one day — working or not — of a year
 * outside `cal.scheduledYears`, that is when a day of `(from, date]` lies in such a year; those days count on the
 * provisional calendar ({@link isWorkingDay}). It depends only on `from`, `date` and the loaded years:
 * {@link isProvisionalCount} recomputes it from a stored count without counting again.
 *
 * `n = 0` returns `from` unchanged and not provisional, even when `from` is not a working day: a period of no days
 * ends where it starts and counts over no day.
 *
 * Example (rules.md §3.6): from 2026-12-25 (a Friday), 15 working days with 2027 not loaded → 2027-01-18,
 * provisional (1 January is off); 2027 loaded with holidays [2027-01-01] → 2027-01-18, not provisional;
 * with [2027-01-01, 2027-01-04] → 2027-01-19.
 *
 * @throws RangeError when `from` is not a calendar date, `n` is not an integer in 0…{@link MAX_WORKING_DAYS}, or the
 *   count would pass 9999-12-31.
 */
export function workingDaysAfter(cal: WorkingDayCalendar, from: string, n: number): DueDate {
  assertDate(from, 'from');
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`working days must be a non-negative integer, got ${n}`);
  }
  if (n > MAX_WORKING_DAYS) {
    throw new RangeError(`working days must be at most ${MAX_WORKING_DAYS}, got ${n}`);
  }
  let day = from;
  let counted = 0;
  let provisional = false;
  while (counted < n) {
    day = addDays(day, 1);
    provisional ||= !cal.scheduledYears.has(yearOf(day));
    if (isWorkingDay(cal, day)) {
      counted += 1;
    }
  }
  return { date: day, provisional };
}

/**
 * The date of {@link workingDaysAfter} alone, for the callers that do not yet store the provisional mark (a thin
 * wrapper: the count and the calendar are the same).
 *
 * @throws RangeError as {@link workingDaysAfter}.
 */
export function addWorkingDays(cal: WorkingDayCalendar, date: string, n: number): string {
  return workingDaysAfter(cal, date, n).date;
}

/**
 * The years a count of working days from `from` that ended on `due` went over: those of the days `(from, due]`,
 * `yearOf(from + 1 day)` to `yearOf(due)`, ascending; none when `due` is not after `from` (a count of 0 days).
 * Works for a chain of counts too: the penalty dates (notice → `dueOn` → `enforceableFrom`) went over
 * `(noticeOn, enforceableFrom]`.
 *
 * @throws RangeError when `from` or `due` is not a calendar date.
 */
export function yearsCountedOver(from: string, due: string): number[] {
  assertDate(from, 'from');
  assertDate(due, 'due');
  const years: number[] = [];
  if (due > from) {
    for (let y = yearOf(addDays(from, 1)); y <= yearOf(due); y += 1) {
      years.push(y);
    }
  }
  return years;
}

/**
 * Whether a stored count from `from` that ended on `due` went over a day of `year`, i.e. whether loading (or
 * replacing) `year`'s schedule can change it (rules.md §3.6: `loadCalendarYear` recomputes every stored date whose
 * count touched the year). A count that did not touch `year` is the same under any schedule of `year`. In SQL, for a
 * stored `(from_on, due_on)`: `due_on > from_on AND due_on >= 'Y-01-01' AND from_on < 'Y-12-31'`.
 *
 * @throws RangeError when `from` or `due` is not a calendar date.
 */
export function countTouchesYear(from: string, due: string, year: number): boolean {
  assertDate(from, 'from');
  assertDate(due, 'due');
  return due > from && due >= dateOf(year, 1, 1) && from < dateOf(year, 12, 31);
}

/**
 * The provisional mark of a stored count from `from` that ended on `due` under `cal`, without counting again: true
 * when one of {@link yearsCountedOver} has no loaded schedule. Equal to `workingDaysAfter(cal, from, n).provisional`
 * whenever `due` is that count's date.
 *
 * @throws RangeError when `from` or `due` is not a calendar date.
 */
export function isProvisionalCount(cal: WorkingDayCalendar, from: string, due: string): boolean {
  return yearsCountedOver(from, due).some((y) => !cal.scheduledYears.has(y));
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
 * the caller's log line when a date is computed on the provisional calendar (rules.md §3.6: the calendar is data,
 * and a new year's schedule must be loaded). Empty when `to` is before `from`'s year.
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
