import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../../shared/caller';
import type { Clock } from '../../shared/clock';
import { addDays, dateOf, isCalendarDate, isWeekend, yearOf } from '../../shared/calendar-date';
import { badInput } from '../../shared/domain-error';
import type { Logger } from '../../shared/logger';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import {
  STORED_DUE_DATE_KINDS,
  type RecountTally,
  type StoredDueDateKind,
  type StoredDueDates,
} from './stored-due-dates';
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
 * The calendar's advisory lock (rules.md §3.6: a load recounts every stored date in its transaction): `loadYear` holds
 * it exclusively from its first statement; a transaction that stores a count holds it shared ({@link
 * CalendarService.currentIn}), so no count made on the calendar before a load can be written after the load's recount
 * has looked for it.
 */
const LOCK_KEY = `hashtext('jingban.calendar'), 0`;

/**
 * The whole calendar in one statement, so in one snapshot: the days that differ from the Monday–Friday pattern, and
 * the loaded years with the instant each was loaded (the calendar's generation, see {@link generationOf}).
 */
const READ_CALENDAR = `
  SELECT 'DAY' AS what, date::text AS key, kind AS value FROM calendar_day
  UNION ALL
  SELECT 'YEAR', year::text, extract(epoch FROM loaded_at)::text FROM calendar_year`;

/** The generation alone (see {@link generationOf}). */
const READ_GENERATION = `
  SELECT coalesce(string_agg(year::text || '@' || extract(epoch FROM loaded_at)::text, ',' ORDER BY year), '')
    AS generation
  FROM calendar_year`;

/**
 * What identifies one state of the calendar: each loaded year with the instant it was (last) loaded. Every load
 * writes its year's `loaded_at` with the clock at that moment, under the exclusive lock, so two states never share it.
 */
const generationOf = (years: readonly { year: number; loadedAt: string }[]): string =>
  [...years]
    .sort((a, b) => a.year - b.year)
    .map((y) => `${y.year}@${y.loadedAt}`)
    .join(',');

interface CalendarState {
  readonly calendar: WorkingDayCalendar;
  readonly generation: string;
}

/** Reads the calendar through `em` (the pool's manager, or a transaction's). */
const readCalendar = async (em: EntityManager): Promise<CalendarState> => {
  const rows =
    await em.query<{ what: 'DAY' | 'YEAR'; key: string; value: string }[]>(READ_CALENDAR);
  const holidays = new Set<string>();
  const adjustedWorkdays = new Set<string>();
  const years: { year: number; loadedAt: string }[] = [];
  for (const r of rows) {
    if (r.what === 'YEAR') {
      years.push({ year: Number(r.key), loadedAt: r.value });
    } else {
      (r.value === 'HOLIDAY' ? holidays : adjustedWorkdays).add(r.key);
    }
  }
  return {
    calendar: { holidays, adjustedWorkdays, scheduledYears: new Set(years.map((y) => y.year)) },
    generation: generationOf(years),
  };
};

/** How many stored dates of each kind are still provisional (rules.md §3.6; `Query.provisionalDueDates`). */
export type ProvisionalDueDateCounts = Record<StoredDueDateKind, number>;

/**
 * The start-up log line (rules.md §3.6): how many stored dates were counted over a year without a loaded schedule,
 * and what becomes of them.
 */
export const provisionalDueDatesLine = (counts: ProvisionalDueDateCounts): string =>
  `Stored dates counted over a year without a loaded holiday schedule (provisional): ${counts.claims} claim ` +
  `payment due dates, ${counts.penalties} penalties (due and enforceable dates), ${counts.settlements} settlement ` +
  `due dates. loadCalendarYear recounts them when it loads the year they reach into.`;

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
  private cached?: CalendarState & { readonly at: number };
  private readonly warnedYears = new Set<number>();

  /**
   * @param storedDueDates the kinds of stored dates counted in working days (claims, penalties, settlements), which
   *   `loadYear` recounts and `provisionalDueDates` counts (src/services.ts wires them).
   */
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly storedDueDates: readonly StoredDueDates[] = [],
  ) {}

  /** Keeps `state` as this process's copy; the same generation keeps the same object (and its remembered counts). */
  private keep(state: CalendarState): WorkingDayCalendar {
    const calendar =
      this.cached?.generation === state.generation ? this.cached.calendar : state.calendar;
    this.cached = { calendar, generation: state.generation, at: this.clock.now().getTime() };
    return calendar;
  }

  /** The calendar as plain data for the pure rules (this process's copy, at most a minute old). */
  async calendar(): Promise<WorkingDayCalendar> {
    if (this.cached && this.clock.now().getTime() - this.cached.at < CACHE_MS) {
      return this.cached.calendar;
    }
    return this.keep(await readCalendar(this.db.manager));
  }

  /**
   * The calendar in force, for a transaction that stores a count of working days (a claim's payment due date, a
   * penalty's dates): waits while a load is in progress (the shared side of the calendar's lock, held to the end of
   * `em`'s transaction), then answers this process's copy if it is still the current one, else reads it through `em`.
   * Counted on this answer, the stored date is one that the next load will find and recount (rules.md §3.6).
   */
  async currentIn(em: EntityManager): Promise<WorkingDayCalendar> {
    await em.query(`SELECT pg_advisory_xact_lock_shared(${LOCK_KEY})`);
    const [row] = await em.query<{ generation: string }[]>(READ_GENERATION);
    if (this.cached && row && this.cached.generation === row.generation) {
      return this.cached.calendar;
    }
    return this.keep(await readCalendar(em));
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
   * The count of rules.md §3.4 and §3.6 on `cal`, remembered per calendar: `days` working days after `from`, and
   * whether the count is provisional. `days` is checked by the caller; a count past 9999-12-31 is refused on
   * `overflowField`. For a count to store, `cal` comes from {@link currentIn}.
   */
  countOn(cal: WorkingDayCalendar, from: string, days: number, overflowField: string): DueDate {
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

  private async count(from: string, days: number, overflowField: string): Promise<DueDate> {
    return this.countOn(await this.calendar(), from, days, overflowField);
  }

  /**
   * The `days`-th working day after `date` (rules.md §3.4; `date` itself not counted), the date alone (the fund's
   * receipt date, `Query.addWorkingDays`). Years without a schedule count on the provisional calendar (rules.md
   * §3.6); {@link workingDaysAfter} and {@link dueDate} also say whether it did.
   */
  async addWorkingDays(date: string, days: number, field = 'days'): Promise<string> {
    return (await this.workingDaysAfter(date, days, field)).date;
  }

  /**
   * The `days`-th working day after `date` and whether the count is provisional (rules.md §3.4, §3.6), on this
   * process's copy of the calendar: `days` from 0 to {@link MAX_WORKING_DAYS}, else `BAD_USER_INPUT` on `field`.
   */
  async workingDaysAfter(date: string, days: number, field = 'days'): Promise<DueDate> {
    if (!Number.isInteger(days) || days < 0 || days > MAX_WORKING_DAYS) {
      throw badInput(field, `days must be an integer from 0 to ${MAX_WORKING_DAYS}`);
    }
    return this.count(date, days, field);
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
   *
   * In the same transaction (rules.md §3.6), every stored date whose count of working days touched `year` — claims'
   * `paymentDueOn`, penalties' `dueOn` and `enforceableFrom`, and each kind wired in (`storedDueDates`) — is counted
   * again on the new calendar, with its provisional mark; the audit row records what changed (`recount`, and
   * `datesChanged` in all). The load holds the calendar's lock exclusively, so no count made on the old calendar is
   * stored meanwhile ({@link currentIn}).
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
    const state = await this.db.transaction(async (em) => {
      // Loads wait for each other and for every transaction storing a count (currentIn), and those wait for the load.
      await em.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
      const wasScheduled =
        (await em.query<unknown[]>(`SELECT 1 FROM calendar_year WHERE year = $1`, [year])).length >
        0;
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
      // clock_timestamp(), not now(): the instant under the lock, so each load makes a generation of its own.
      await em.query(
        `INSERT INTO calendar_year (year, source, loaded_at) VALUES ($1, 'loadCalendarYear', clock_timestamp())
         ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, loaded_at = EXCLUDED.loaded_at`,
        [year],
      );
      const loaded = await readCalendar(em);
      const recount: Partial<Record<StoredDueDateKind, RecountTally>> = {};
      for (const kind of this.storedDueDates) {
        recount[kind.kind] = await kind.recount(em, loaded.calendar, year, wasScheduled);
      }
      await this.audit.record(em, actor, 'loadCalendarYear', [String(year)], {
        year,
        holidays,
        adjustedWorkdays,
        recount,
        datesChanged: Object.values(recount).reduce((n, t) => n + t.datesChanged, 0),
      });
      return loaded;
    });
    const cal = this.keep(state);
    this.warnedYears.delete(year);
    let count = 0;
    for (let d = dateOf(year, 1, 1); yearOf(d) === year; d = addDays(d, 1)) {
      count += isWorkingDay(cal, d) ? 1 : 0;
    }
    return count;
  }

  /**
   * 暂定日期统计 (rules.md §3.6): how many stored dates of each kind are still provisional — counted over a year whose
   * schedule is not loaded — over what `caller` may read of them (runtime.md: each role its claims, penalties and
   * settlements), or over all of them when `caller` is null (the start-up log). A penalty counts once for its two
   * dates. A kind not wired in (settlements until they exist) counts 0.
   */
  async provisionalDueDates(caller: Caller | null): Promise<ProvisionalDueDateCounts> {
    const counts = Object.fromEntries(STORED_DUE_DATE_KINDS.map((k) => [k, 0])) as Record<
      StoredDueDateKind,
      number
    >;
    for (const kind of this.storedDueDates) {
      counts[kind.kind] += await kind.countProvisional(this.db.manager, caller);
    }
    return counts;
  }

  /**
   * The start-up line (main.ts; rules.md §3.6): how many stored dates are provisional, as a warning when any is (the
   * per-year warning says how to load the schedule), else as information. Answers the counts.
   */
  async logProvisionalDueDates(): Promise<ProvisionalDueDateCounts> {
    const counts = await this.provisionalDueDates(null);
    const any = Object.values(counts).some((n) => n > 0);
    this.logger[any ? 'warn' : 'info'](
      { provisionalDueDates: counts, calendar: 'provisional' },
      provisionalDueDatesLine(counts),
    );
    return counts;
  }
}
