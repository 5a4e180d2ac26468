/**
 * Calendar dates as `YYYY-MM-DD` strings, the form they have in the database (`date` columns are read as strings) and
 * in GraphQL. All arithmetic is on the proleptic Gregorian calendar in UTC, so no process time zone can shift a day.
 */
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (no 2024-02-30, no 2024-13-01), years 1000–9999. */
export const isCalendarDate = (s: unknown): s is string => {
  if (typeof s !== 'string') {
    return false;
  }
  const m = DATE_RE.exec(s);
  if (!m) {
    return false;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) {
    return false;
  }
  return d <= daysInMonth(y, mo);
};

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Gregorian leap years: every fourth, except centuries not divisible by 400. */
export const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month (1–12) of the proleptic Gregorian calendar; counted, not asked of a `Date` (docs/performance.md). */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;

const toUtc = (s: string): Date => new Date(`${s}T00:00:00Z`);
const fromUtc = (d: Date): string => d.toISOString().slice(0, 10);

/** The date `n` calendar days after `s` (negative `n`: before). */
export const addDays = (s: string, n: number): string => {
  const d = toUtc(s);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtc(d);
};

/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (s: string): number => toUtc(s).getUTCDay();

export const isWeekend = (s: string): boolean => {
  const w = dayOfWeek(s);
  return w === 0 || w === 6;
};

export const yearOf = (s: string): number => Number(s.slice(0, 4));
export const monthOf = (s: string): number => Number(s.slice(5, 7));

/** `YYYY-MM-DD` from parts (month 1–12). */
export const dateOf = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * The corresponding day `months` months after `s` (Civil Code art. 202): the same day of the month, or the month's
 * last day where there is none (2024-08-31 + 6 months → 2025-02-28).
 */
export const addMonths = (s: string, months: number): string => {
  const total = yearOf(s) * 12 + (monthOf(s) - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return dateOf(y, m, Math.min(Number(s.slice(8, 10)), daysInMonth(y, m)));
};

/** Days from `a` to `b` (positive when `b` is later). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
