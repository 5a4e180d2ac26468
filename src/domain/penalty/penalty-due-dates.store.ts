import type { EntityManager } from 'typeorm';
import { Role, type Caller } from '../../shared/caller';
import { dateOf } from '../../shared/calendar-date';
import { isUuid } from '../../shared/uuid';
import { AgreementKind } from '../agreement/agreement.enums';
import { termsVersionOn } from '../agreement/rules/terms-in-force.rule';
import { decodeTerms } from '../agreement/terms/terms.codec';
import type { InstitutionTermsValue } from '../agreement/terms/terms.model';
import type { WorkingDayCalendar } from '../calendar/rules/working-days.rule';
import { NO_CHANGE, type RecountTally, type StoredDueDates } from '../calendar/stored-due-dates';
import { penaltyDueDates } from './rules/penalty-dates.rule';

/** Penalties written by one `UPDATE … FROM unnest(…)`. */
const ROWS_PER_STATEMENT = 5000;

interface StoredPenaltyDates {
  readonly id: string;
  readonly agreement_id: string;
  readonly notice_on: string;
  readonly due_on: string;
  readonly enforceable_from: string;
  readonly provisional: boolean;
}

/**
 * Penalties' payment dates as stored counts of working days (rules.md §7.4, §3.6): `dueOn` the
 * `penaltyDueWorkingDays`-th working day after `noticeOn`, `enforceableFrom` the (`overdueGraceWorkingDays` + 1)-th
 * after `dueOn`, with the institution terms in force on `noticeOn` (as `recordViolation` decided them), and
 * `dueProvisional` for the chain `(noticeOn, enforceableFrom]`. The penalty table refuses every other change
 * (migration ProvisionalDueDates).
 */
export class PenaltyDueDates implements StoredDueDates {
  readonly kind = 'penalties';

  /** @param rowsPerStatement penalties written by one UPDATE at most (tests make it small). */
  constructor(private readonly rowsPerStatement = ROWS_PER_STATEMENT) {}

  /** The penalties whose chain of counts touched `year` (`countTouchesYear` on its ends), counted again on `cal`. */
  async recount(
    em: EntityManager,
    cal: WorkingDayCalendar,
    year: number,
    wasScheduled: boolean,
  ): Promise<RecountTally> {
    const rows = await em.query<StoredPenaltyDates[]>(
      `SELECT id, agreement_id, notice_on::text AS notice_on, due_on::text AS due_on,
              enforceable_from::text AS enforceable_from, due_provisional AS provisional
       FROM penalty
       WHERE enforceable_from > notice_on AND enforceable_from >= $1::date AND notice_on < $2::date
         ${wasScheduled ? '' : 'AND due_provisional'}`,
      [dateOf(year, 1, 1), dateOf(year, 12, 31)],
    );
    if (rows.length === 0) {
      return NO_CHANGE;
    }
    const versions = await em.query<
      { agreement_id: string; effectiveFrom: string; terms: unknown }[]
    >(
      `SELECT agreement_id, effective_from::text AS "effectiveFrom", terms FROM agreement_terms
       WHERE agreement_id = ANY($1::uuid[])`,
      [[...new Set(rows.map((r) => r.agreement_id))]],
    );
    const byAgreement = new Map<string, (typeof versions)[number][]>();
    for (const v of versions) {
      byAgreement.set(v.agreement_id, [...(byAgreement.get(v.agreement_id) ?? []), v]);
    }
    const changed: (StoredPenaltyDates & ReturnType<typeof penaltyDueDates>)[] = [];
    for (const r of rows) {
      const version = termsVersionOn(byAgreement.get(r.agreement_id) ?? [], r.notice_on);
      if (!version) {
        throw new Error(`penalty ${r.id}: agreement ${r.agreement_id} has no terms version`);
      }
      const terms = decodeTerms(
        AgreementKind.DESIGNATED_INSTITUTION,
        version.terms,
      ) as InstitutionTermsValue;
      const dates = penaltyDueDates(cal, r.notice_on, terms);
      if (
        dates.dueOn !== r.due_on ||
        dates.enforceableFrom !== r.enforceable_from ||
        dates.dueProvisional !== r.provisional
      ) {
        changed.push({ ...r, ...dates });
      }
    }
    for (let i = 0; i < changed.length; i += this.rowsPerStatement) {
      const part = changed.slice(i, i + this.rowsPerStatement);
      await em.query(
        `UPDATE penalty p SET due_on = x.due_on, enforceable_from = x.enforceable_from,
                              due_provisional = x.due_provisional
         FROM unnest($1::uuid[], $2::date[], $3::date[], $4::boolean[])
           AS x (id, due_on, enforceable_from, due_provisional)
         WHERE p.id = x.id`,
        [
          part.map((p) => p.id),
          part.map((p) => p.dueOn),
          part.map((p) => p.enforceableFrom),
          part.map((p) => p.dueProvisional),
        ],
      );
    }
    return {
      recounted: rows.length,
      rowsChanged: changed.length,
      datesChanged: changed.reduce(
        (n, p) =>
          n + (p.dueOn !== p.due_on ? 1 : 0) + (p.enforceableFrom !== p.enforceable_from ? 1 : 0),
        0,
      ),
      marksCleared: changed.filter((p) => p.provisional && !p.dueProvisional).length,
    };
  }

  /**
   * Penalties with provisional dates among those `caller` may read (runtime.md "read inspections and penalties":
   * AGENCY and REPORTING in their regions, INSTITUTION its own agreements', INSURER none), or all for no caller.
   */
  async countProvisional(em: EntityManager, caller: Caller | null): Promise<number> {
    let scope = 'TRUE';
    const params: unknown[] = [];
    if (caller) {
      switch (caller.role) {
        case Role.AGENCY:
        case Role.REPORTING:
          scope = `a.region_code LIKE ANY ($1::text[])`;
          params.push(caller.regions.map((r) => `${r}%`));
          break;
        case Role.INSTITUTION:
          if (!caller.org || !isUuid(caller.org)) {
            return 0;
          }
          scope = `a.party_b_id = $1::uuid`;
          params.push(caller.org);
          break;
        default:
          return 0;
      }
    }
    const [row] = await em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM penalty p JOIN agreement a ON a.id = p.agreement_id
       WHERE p.due_provisional AND ${scope}`,
      params,
    );
    return row?.n ?? 0;
  }
}
