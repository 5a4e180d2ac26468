import type { EntityManager } from 'typeorm';
import type { Caller } from '../../shared/caller';
import type { WorkingDayCalendar } from './rules/working-days.rule';

/**
 * The kinds of stored dates counted in working days (rules.md §3.6), as `Query.provisionalDueDates` names them:
 * claims' `paymentDueOn` (§3.4), penalties' `dueOn` and `enforceableFrom` (§7.4), settlements' `dueOn` (§10).
 */
export type StoredDueDateKind = 'claims' | 'penalties' | 'settlements';

export const STORED_DUE_DATE_KINDS: readonly StoredDueDateKind[] = [
  'claims',
  'penalties',
  'settlements',
];

/** What one kind's recount changed when a year's schedule was loaded: for the audit row. */
export interface RecountTally {
  /** Rows whose count touched the year (recounted). */
  readonly recounted: number;
  /** Rows written: a date moved or the provisional mark changed. */
  readonly rowsChanged: number;
  /** Stored dates that moved (a penalty has two: `dueOn` and `enforceableFrom`). */
  readonly datesChanged: number;
  /** Provisional marks cleared (the count no longer touches a year without a schedule). */
  readonly marksCleared: number;
}

export const NO_CHANGE: RecountTally = {
  recounted: 0,
  rowsChanged: 0,
  datesChanged: 0,
  marksCleared: 0,
};

/**
 * One kind of stored date that is the end of a count of working days, and so may be provisional (rules.md §3.6).
 * `CalendarService` is given one of these per kind (src/services.ts) and calls them; it knows no claim, penalty or
 * settlement itself.
 *
 * Invariant each implementation keeps: a stored date is `workingDaysAfter(cal, from, n)` of the calendar in force when
 * it was written or last recounted, and its mark is `isProvisionalCount(cal, from, date)`. Because a year without a
 * schedule marks every count that touches it, `recount` of a year that had no schedule before the load may look only at
 * the rows marked provisional (`wasScheduled` false); a year loaded again looks at every row whose count touched it.
 */
export interface StoredDueDates {
  readonly kind: StoredDueDateKind;

  /**
   * Inside the load's transaction (`em`), after the year's new schedule is written: recounts on `cal` (the calendar
   * with that schedule) every stored date of this kind whose count touched `year` (`countTouchesYear`), and writes
   * the dates and marks that changed.
   */
  recount(
    em: EntityManager,
    cal: WorkingDayCalendar,
    year: number,
    wasScheduled: boolean,
  ): Promise<RecountTally>;

  /**
   * How many stored dates of this kind are provisional now: over what `caller` may read of them (runtime.md), or over
   * all of them when `caller` is null (the start-up log).
   */
  countProvisional(em: EntityManager, caller: Caller | null): Promise<number>;
}
