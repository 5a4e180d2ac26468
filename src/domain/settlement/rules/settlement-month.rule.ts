import { dateOf, daysInMonth, isCalendarDate } from '../../../shared/calendar-date';
import { accept, refuse, type Checked } from './settlement-check';

/**
 * A settlement month (清算月份, rules.md §10.1): `"YYYY-MM"`, as the contract writes it (`InstitutionSettlement.month`,
 * `criticalIllnessStatement(month:)`) and as the database stores it. Years 1000–9998, like the report deadlines, so
 * that every date a month leads to (its declaration deadline in the next month) is a date.
 */
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

const FIRST_YEAR = 1000;
const LAST_YEAR = 9998;

const partsOf = (month: string): { year: number; month: number } | null => {
  const m = MONTH_RE.exec(month);
  if (!m) {
    return null;
  }
  const year = Number(m[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    return null;
  }
  return { year, month: Number(m[2]) };
};

/** True for a month written `YYYY-MM` (month 01–12, year 1000–9998). */
export const isSettlementMonth = (s: unknown): s is string =>
  typeof s === 'string' && partsOf(s) !== null;

/**
 * Checks a month argument (rules.md §10.1: `"2024-05"`): refused on `field` (default `month`) unless it is `YYYY-MM`
 * with a month 01–12 and a year 1000–9998. Nothing is trimmed or padded: `"2024-5"` and `" 2024-05"` are refused.
 */
export function checkSettlementMonth(value: unknown, field = 'month'): Checked<string> {
  return isSettlementMonth(value)
    ? accept(value)
    : refuse(field, `${field} must be a month written YYYY-MM`);
}

const parts = (month: string): { year: number; month: number } => {
  const p = partsOf(month);
  if (!p) {
    throw new RangeError('month must be a month written YYYY-MM, years 1000–9998');
  }
  return p;
};

/** The first day of `month`. @throws RangeError when `month` is not a settlement month. */
export const monthFirstDay = (month: string): string => {
  const p = parts(month);
  return dateOf(p.year, p.month, 1);
};

/** The last day of `month` (2024-02 → 2024-02-29). @throws RangeError when `month` is not a settlement month. */
export const monthLastDay = (month: string): string => {
  const p = parts(month);
  return dateOf(p.year, p.month, daysInMonth(p.year, p.month));
};

/**
 * Whether `month` has ended by `date`: its last day is before `date` (a month ends at the end of its last day, so May
 * has ended by 1 June, not by 31 May). @throws RangeError when `month` or `date` is malformed.
 */
export const monthHasEndedBy = (month: string, date: string): boolean => {
  if (!isCalendarDate(date)) {
    throw new RangeError('date must be a calendar date YYYY-MM-DD');
  }
  return monthLastDay(month) < date;
};

/** The month a date falls in (`2024-06-07` → `2024-06`). @throws RangeError when `date` is not a calendar date. */
export const monthOf = (date: string): string => {
  if (!isCalendarDate(date)) {
    throw new RangeError('date must be a calendar date YYYY-MM-DD');
  }
  return date.slice(0, 7);
};

/** The month `n` months after `month` (negative: before). @throws RangeError when the result leaves 1000–9998. */
export const addMonthsToMonth = (month: string, n: number): string => {
  const p = parts(month);
  const total = p.year * 12 + (p.month - 1) + n;
  const result = dateOf(Math.floor(total / 12), (total % 12) + 1, 1).slice(0, 7);
  parts(result);
  return result;
};
