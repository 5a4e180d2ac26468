import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { addDays, dateOf, isWeekend, yearOf } from '../../shared/calendar-date';
import { badInput } from '../../shared/domain-error';
import type { Logger } from '../../shared/logger';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import { CalendarDay, CalendarYear } from './calendar-day.entity';
import {
  addWorkingDays,
  isWorkingDay,
  MAX_WORKING_DAYS,
  unscheduledYearsBetween,
  type WorkingDayCalendar,
} from './rules/working-days.rule';
import {
  reportDeadlines,
  type ReportDeadline,
  type ReportDeadlineOptions,
} from './rules/report-deadlines.rule';

/** Working-day counts remembered per calendar (a few years of days × the agreements' day counts fit). */
const MAX_REMEMBERED = 20_000;
const dueDates = new WeakMap<WorkingDayCalendar, Map<string, string>>();

/** How long a process trusts its copy of the calendar before reading it again (another process may load a year). */
const CACHE_MS = 60_000;

/**
 * The working-day calendar (rules.md §3.4): the official schedules as data in `calendar_day`/`calendar_year`,
 * read into memory and refreshed after `loadYear` or a minute. A year with no schedule counts weekends only, said in
 * a log line once per year and process.
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

  private warnUnscheduled(cal: WorkingDayCalendar, from: string, to: string): void {
    for (const year of unscheduledYearsBetween(cal, from, to)) {
      if (!this.warnedYears.has(year)) {
        this.warnedYears.add(year);
        this.logger.warn(
          { year },
          `No official holiday schedule is loaded for ${year}: counting weekends only (load it with loadCalendarYear)`,
        );
      }
    }
  }

  async isWorkingDay(date: string): Promise<boolean> {
    const cal = await this.calendar();
    this.warnUnscheduled(cal, date, date);
    return isWorkingDay(cal, date);
  }

  /** The `days`-th working day after `date` (rules.md §3.4; `date` itself not counted). */
  async addWorkingDays(date: string, days: number, field = 'days'): Promise<string> {
    if (!Number.isInteger(days) || days < 0 || days > MAX_WORKING_DAYS) {
      throw badInput(field, `days must be an integer from 0 to ${MAX_WORKING_DAYS}`);
    }
    const cal = await this.calendar();
    // A claim's payment due date is this count (docs/performance.md): a batch of 200 walked ~20 days each, day by day.
    // The answers are kept with the calendar they were counted on, so a reloaded calendar starts afresh.
    let memo = dueDates.get(cal);
    if (!memo || memo.size >= MAX_REMEMBERED) {
      memo = new Map();
      dueDates.set(cal, memo);
    }
    const key = `${date}|${days}`;
    const remembered = memo.get(key);
    if (remembered !== undefined) {
      return remembered;
    }
    let due: string;
    try {
      due = addWorkingDays(cal, date, days);
    } catch (e) {
      if (e instanceof RangeError) {
        throw badInput(field, 'the result would fall after 9999-12-31');
      }
      throw e;
    }
    this.warnUnscheduled(cal, date, due);
    memo.set(key, due);
    return due;
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
