import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { addDays, dateOf, isCalendarDate, isWeekend, yearOf } from '../../shared/calendar-date';
import { badInput } from '../../shared/domain-error';
import type { Logger } from '../../shared/logger';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import { CalendarDay, CalendarYear } from './calendar-day.entity';
import {
  isWorkingDay,
  MAX_WORKING_DAYS,
  unscheduledYearsBetween,
  workingDaysAfter,
  yearsCountedOver,
  type DueDate,
  type WorkingDayCalendar,
} from './rules/working-days.rule';
import {
  reportDeadlines,
  type ReportDeadline,
  type ReportDeadlineOptions,
} from './rules/report-deadlines.rule';

/** Working-day counts remembered per calendar (a few years of days × the agreements' day counts fit). */
const MAX_REMEMBERED = 20_000;
const dueDates = new WeakMap<WorkingDayCalendar, Map<string, DueDate>>();

/** How long a process trusts its copy of the calendar before reading it again (another process may load a year). */
const CACHE_MS = 60_000;

/**
 * Largest `workingDays` of {@link CalendarService.dueDate}: more than a year of working days (a year has about 250)
 * and more than any agreement term may say (at most 250, terms-validation.rule.ts); the longest clause of the seeds is
 * 30 (Suining arts. 43, 67).
 */
export const MAX_DUE_DATE_WORKING_DAYS = 366;

/** How far ahead of today the start-up check looks for years without a schedule (see `warnUnscheduledAhead`). */
const START_UP_HORIZON_DAYS = 92;

/**
 * The log line for a year without a loaded schedule (rules.md §3.6): what the server does about it and how to end it.
 */
export const unscheduledYearWarning = (year: number): string =>
  `No official holiday schedule is loaded for ${year}: working days in ${year} are counted on the provisional ` +
  `statutory calendar (weekends and the 13 statutory days of 全国年节及纪念日放假办法, no adjusted working days ` +
  `or bridging days), and every date counted over ${year} is marked provisional. Load the State Council's ` +
  `${year} schedule with the loadCalendarYear mutation (AGENCY role).`;

/**
 * The working-day calendar (rules.md §3.4): the official schedules as data in `calendar_day`/`calendar_year`,
 * read into memory and refreshed after `loadYear` or a minute. A year with no schedule counts on the provisional
 * calendar of rules.md §3.6 and the dates counted over it are provisional, said in a log line once per year and
 * process (at start-up for the coming quarter, else at the first count that reaches the year).
 */
export class CalendarService {
  private cached?: { at: number; calendar: WorkingDayCalendar };
  private readonly warnedYears = new Set<number>();

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** The calendar as plain data for the pure rules. */
  async calendar(): Promise<WorkingDayCalendar> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.at < CACHE_MS) {
      return this.cached.calendar;
    }
    const [days, years] = await Promise.all([
      this.db.getRepository(CalendarDay).find(),
      this.db.getRepository(CalendarYear).find(),
    ]);
    const calendar: WorkingDayCalendar = {
      holidays: new Set(days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.date)),
      adjustedWorkdays: new Set(days.filter((d) => d.kind === 'WORKDAY').map((d) => d.date)),
      scheduledYears: new Set(years.map((y) => y.year)),
    };
    this.cached = { at: now, calendar };
    return calendar;
  }

  private warnYears(years: readonly number[]): void {
    for (const year of years) {
      if (!this.warnedYears.has(year)) {
        this.warnedYears.add(year);
        this.logger.warn({ year, calendar: 'provisional' }, unscheduledYearWarning(year));
      }
    }
  }

  private warnUnscheduled(cal: WorkingDayCalendar, from: string, to: string): void {
    this.warnYears(unscheduledYearsBetween(cal, from, to));
  }

  /**
   * The start-up check (main.ts): warns once for each year from `today`'s to that of `today` + 92 days that has no
   * loaded schedule — the counts the agreements make from today (at most 30 + 11 working days by default, Suining
   * art. 67) reach no further than a quarter ahead. Answers those years.
   */
  async warnUnscheduledAhead(today: string): Promise<number[]> {
    const cal = await this.calendar();
    const years = unscheduledYearsBetween(cal, today, addDays(today, START_UP_HORIZON_DAYS));
    this.warnYears(years);
    return years;
  }

  async isWorkingDay(date: string): Promise<boolean> {
    const cal = await this.calendar();
    this.warnUnscheduled(cal, date, date);
    return isWorkingDay(cal, date);
  }

  /**
   * The count of rules.md §3.4 and §3.6, remembered per calendar. `days` is checked by the caller; a count past
   * 9999-12-31 is refused on `overflowField`.
   */
  private async count(from: string, days: number, overflowField: string): Promise<DueDate> {
    const cal = await this.calendar();
    // A claim's payment due date is this count (docs/performance.md): a batch of 200 walked ~20 days each, day by day.
    // The answers are kept with the calendar they were counted on, so a reloaded calendar starts afresh.
    let memo = dueDates.get(cal);
    if (!memo || memo.size >= MAX_REMEMBERED) {
      memo = new Map();
      dueDates.set(cal, memo);
    }
    const key = `${from}|${days}`;
    const remembered = memo.get(key);
    if (remembered !== undefined) {
      return remembered;
    }
    let due: DueDate;
    try {
      due = workingDaysAfter(cal, from, days);
    } catch (e) {
      if (e instanceof RangeError) {
        throw badInput(overflowField, 'the result would fall after 9999-12-31');
      }
      throw e;
    }
    if (due.provisional) {
      this.warnYears(yearsCountedOver(from, due.date).filter((y) => !cal.scheduledYears.has(y)));
    }
    memo.set(key, due);
    return due;
  }

  /**
   * The `days`-th working day after `date` (rules.md §3.4; `date` itself not counted), the date alone: what the
   * callers that do not store the provisional mark yet use (claims' `paymentDueOn`, the fund's receipt date). Years
   * without a schedule count on the provisional calendar (rules.md §3.6); {@link dueDate} also says whether it did.
   */
  async addWorkingDays(date: string, days: number, field = 'days'): Promise<string> {
    if (!Number.isInteger(days) || days < 0 || days > MAX_WORKING_DAYS) {
      throw badInput(field, `days must be an integer from 0 to ${MAX_WORKING_DAYS}`);
    }
    return (await this.count(date, days, field)).date;
  }

  /**
   * The due date `workingDays` working days after `from` and whether it is provisional (rules.md §3.4, §3.6):
   * `from` is not counted; the date is provisional when the count went over a day of a year without a loaded
   * schedule, whose days then count on the provisional statutory calendar.
   *
   * Refused (`BAD_USER_INPUT`): `from` that is not a calendar date, or whose count would pass 9999-12-31 (`from`);
   * `workingDays` that is not an integer from 0 to {@link MAX_DUE_DATE_WORKING_DAYS} (`workingDays`).
   */
  async dueDate(from: string, workingDays: number): Promise<DueDate> {
    if (!isCalendarDate(from)) {
      throw badInput('from', 'from must be a calendar date YYYY-MM-DD');
    }
    if (
      !Number.isInteger(workingDays) ||
      workingDays < 0 ||
      workingDays > MAX_DUE_DATE_WORKING_DAYS
    ) {
      throw badInput(
        'workingDays',
        `workingDays must be an integer from 0 to ${MAX_DUE_DATE_WORKING_DAYS}`,
      );
    }
    return this.count(from, workingDays, 'from');
  }

  /** The 14 report deadlines of a year (rules.md §8), moved to the next working day. */
  async reportDeadlines(year: number, options?: ReportDeadlineOptions): Promise<ReportDeadline[]> {
    if (!Number.isInteger(year) || year < 1000 || year > 9998) {
      throw badInput('year', 'year must be a four-digit year');
    }
    const cal = await this.calendar();
    const rows = reportDeadlines(cal, year, options);
    this.warnUnscheduled(
      cal,
      dateOf(year, 1, 1),
      rows[rows.length - 1]?.dueOn ?? dateOf(year, 12, 31),
    );
    return rows;
  }

  /**
   * Replaces one year's official schedule (the State Council's notice): its statutory holidays and its adjusted
   * working days (调休上班, always a Saturday or Sunday). Every date must lie in `year`, appear once, and not be in
   * both lists. Returns the number of working days the year then has.
   */
  async loadYear(
    actor: AuditActor,
    year: number,
    holidays: readonly string[],
    adjustedWorkdays: readonly string[],
  ): Promise<number> {
    if (!Number.isInteger(year) || year < 1949 || year > 9998) {
      throw badInput('year', 'year must be a year from 1949');
    }
    const seen = new Set<string>();
    const check = (list: readonly string[], name: string): void => {
      list.forEach((d, i) => {
        if (yearOf(d) !== year) {
          throw badInput(`${name}[${i}]`, `every date must lie in ${year}`);
        }
        if (seen.has(d)) {
          throw badInput(`${name}[${i}]`, 'a date may appear only once across both lists');
        }
        seen.add(d);
      });
    };
    check(holidays, 'holidays');
    check(adjustedWorkdays, 'adjustedWorkdays');
    adjustedWorkdays.forEach((d, i) => {
      if (!isWeekend(d)) {
        throw badInput(
          `adjustedWorkdays[${i}]`,
          'an adjusted working day (调休上班) is a Saturday or Sunday',
        );
      }
    });
    await this.db.transaction(async (em) => {
      // Two loads of one year at once: the second waits, then replaces what the first committed.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('calendar_year'), $1)`, [year]);
      await em.query(`DELETE FROM calendar_day WHERE date BETWEEN $1 AND $2`, [
        dateOf(year, 1, 1),
        dateOf(year, 12, 31),
      ]);
      await em.query(
        `INSERT INTO calendar_day (date, kind)
         SELECT d::date, 'HOLIDAY' FROM unnest($1::text[]) AS d
         UNION ALL SELECT d::date, 'WORKDAY' FROM unnest($2::text[]) AS d`,
        [holidays, adjustedWorkdays],
      );
      await em.query(
        `INSERT INTO calendar_year (year, source, loaded_at) VALUES ($1, 'loadCalendarYear', now())
         ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, loaded_at = EXCLUDED.loaded_at`,
        [year],
      );
      await this.audit.record(em, actor, 'loadCalendarYear', [String(year)], {
        year,
        holidays,
        adjustedWorkdays,
      });
    });
    this.cached = undefined;
    this.warnedYears.delete(year);
    const cal = await this.calendar();
    let count = 0;
    for (let d = dateOf(year, 1, 1); yearOf(d) === year; d = addDays(d, 1)) {
      count += isWorkingDay(cal, d) ? 1 : 0;
    }
    return count;
  }
}
