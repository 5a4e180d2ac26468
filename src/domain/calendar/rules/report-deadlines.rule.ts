import { dateOf, daysInMonth, isCalendarDate } from '../../../shared/calendar-date';
import { nextWorkingDayOnOrAfter, type WorkingDayCalendar } from './working-days.rule';

/** The insurer's reports to party A (Henan arts. 25–26). */
export type ReportKind = 'MONTHLY' | 'HALF_YEAR' | 'ANNUAL';

/** One report of a reporting year: `period` is `2024-01`…`2024-12`, `2024-H1` or `2024`; `dueOn` is `YYYY-MM-DD`. */
export interface ReportDeadline {
  kind: ReportKind;
  period: string;
  dueOn: string;
}

/**
 * Late on `today` (Henan art. 33(五)): filed after its due date, or not filed and the due date already past. Filed on the
 * due date is on time.
 */
export const isReportLate = (
  report: { readonly dueOn: string; readonly filedOn?: string | null },
  today: string,
): boolean => (report.filedOn != null ? report.filedOn > report.dueOn : report.dueOn < today);

/** A day of the year, month 1–12. */
export interface MonthDay {
  month: number;
  day: number;
}

/** The nominal due days, which an agreement may set otherwise; the defaults are Henan arts. 25–26. */
export interface ReportDeadlineOptions {
  /** Day of the month after the reported one (default 5, "次月5日前"); 29–31 mean the month's last day where shorter. */
  monthlyDueDay?: number;
  /** Day of the reporting year for the half-year analysis (default 15 July, "7月15日前"). */
  halfYearDue?: MonthDay;
  /** Day of the year after the reporting year for the annual analysis (default 20 January, "次年1月20日前"). */
  annualDue?: MonthDay;
}

const DEFAULT_MONTHLY_DUE_DAY = 5;
const DEFAULT_HALF_YEAR_DUE: MonthDay = { month: 7, day: 15 };
const DEFAULT_ANNUAL_DUE: MonthDay = { month: 1, day: 20 };

const fixedDay = (year: number, due: MonthDay, name: string): string => {
  const date = dateOf(year, due.month, due.day);
  if (!Number.isInteger(due.month) || !Number.isInteger(due.day) || !isCalendarDate(date)) {
    throw new RangeError(`${name} ${due.month}/${due.day} is not a day of ${year}`);
  }
  return date;
};

/**
 * The 14 report deadlines of reporting year `year` (Henan arts. 25–26; rules.md §8), in this order:
 * - 12 `MONTHLY` reports, January to December, each due on the `monthlyDueDay` (default 5th) of the *next* month,
 *   so December's falls in January of `year + 1`;
 * - the `HALF_YEAR` analysis (`YYYY-H1`), due on `halfYearDue` of `year` (default 15 July);
 * - the `ANNUAL` analysis (`YYYY`), due on `annualDue` of `year + 1` (default 20 January).
 *
 * Each nominal day that is not a working day moves to the next working day ("遇法定节假日顺延", art. 25; rules.md
 * §3.4 reads the same for the art. 26 analyses), which may be an adjusted working day on a weekend. Nominal days are
 * not moved earlier, and no grace is added: a report filed on `dueOn` is on time.
 *
 * @throws RangeError when `year` is not an integer 1000–9998, `monthlyDueDay` is not an integer 1–31, or
 *   `halfYearDue` / `annualDue` is not a day of its year (29 February in a common year included).
 */
export function reportDeadlines(
  cal: WorkingDayCalendar,
  year: number,
  options: ReportDeadlineOptions = {},
): ReportDeadline[] {
  if (!Number.isInteger(year) || year < 1000 || year > 9998) {
    throw new RangeError(`reporting year must be an integer 1000–9998, got ${year}`);
  }
  const monthlyDueDay = options.monthlyDueDay ?? DEFAULT_MONTHLY_DUE_DAY;
  if (!Number.isInteger(monthlyDueDay) || monthlyDueDay < 1 || monthlyDueDay > 31) {
    throw new RangeError(`monthly due day must be an integer 1–31, got ${monthlyDueDay}`);
  }
  const halfYearNominal = fixedDay(
    year,
    options.halfYearDue ?? DEFAULT_HALF_YEAR_DUE,
    'half-year due day',
  );
  const annualNominal = fixedDay(
    year + 1,
    options.annualDue ?? DEFAULT_ANNUAL_DUE,
    'annual due day',
  );

  const rows: ReportDeadline[] = [];
  for (let month = 1; month <= 12; month += 1) {
    const dueYear = month === 12 ? year + 1 : year;
    const dueMonth = month === 12 ? 1 : month + 1;
    const nominal = dateOf(
      dueYear,
      dueMonth,
      Math.min(monthlyDueDay, daysInMonth(dueYear, dueMonth)),
    );
    rows.push({
      kind: 'MONTHLY',
      period: dateOf(year, month, 1).slice(0, 7),
      dueOn: nextWorkingDayOnOrAfter(cal, nominal),
    });
  }
  rows.push({
    kind: 'HALF_YEAR',
    period: `${year}-H1`,
    dueOn: nextWorkingDayOnOrAfter(cal, halfYearNominal),
  });
  rows.push({
    kind: 'ANNUAL',
    period: String(year),
    dueOn: nextWorkingDayOnOrAfter(cal, annualNominal),
  });
  return rows;
}
