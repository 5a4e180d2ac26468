import { dateOf, daysInMonth, monthOf } from './calendar-date';
import { badInput } from './domain-error';

/** `BAD_USER_INPUT` on `field` unless `year` is a whole year from 1900 to 9998 (its deadlines stay before 10000). */
export const requiredYear = (field: string, year: number): number => {
  if (!Number.isInteger(year) || year < 1900 || year > 9998) {
    throw badInput(field, `${field} must be a four-digit year`);
  }
  return year;
};

/** `BAD_USER_INPUT` unless `year` is a four-digit year (on `year`) and `quarter` 1–4 (on `quarter`). */
export const requiredQuarter = (year: number, quarter: number): void => {
  requiredYear('year', year);
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
    throw badInput('quarter', 'quarter must be 1, 2, 3 or 4');
  }
};

/** First and last day of a quarter. */
export const quarterDays = (year: number, quarter: number): { from: string; to: string } => ({
  from: dateOf(year, quarter * 3 - 2, 1),
  to: dateOf(year, quarter * 3, daysInMonth(year, quarter * 3)),
});

/** The quarter (1–4) of a date. */
export const quarterOf = (day: string): number => Math.ceil(monthOf(day) / 3);
