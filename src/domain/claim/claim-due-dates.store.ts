import type { EntityManager } from 'typeorm';
import type { Caller } from '../../shared/caller';
import { dateOf } from '../../shared/calendar-date';
import { AgreementKind } from '../agreement/agreement.enums';
import { decodeTerms } from '../agreement/terms/terms.codec';
import type { CriticalIllnessTermsValue } from '../agreement/terms/terms.model';
import { workingDaysAfter, type WorkingDayCalendar } from '../calendar/rules/working-days.rule';
import { NO_CHANGE, type RecountTally, type StoredDueDates } from '../calendar/stored-due-dates';
import { claimScope } from './claim-access';
import { ClaimChannel } from './claim.enums';

/**
 * Claims written by one `UPDATE … FROM unnest(…)` at most (whole groups; a group larger than this goes alone): each
 * statement stays well inside the pool's `statement_timeout` of 30 s (about 7 s here for 50 000 rows on a loaded
 * 2-core machine, docs/performance.md "A calendar load"). A year's first load changes a few weeks of claims: one
 * statement.
 */
const ROWS_PER_STATEMENT = 50_000;

/**
 * Claims whose count of working days `(declared_on, payment_due_on]` touched the year `$1`…`$2` (first and last day):
 * `countTouchesYear` in SQL. `onlyProvisional` narrows them to the marked ones (the partial index
 * `claim_provisional_idx`), which for a year without a schedule until now are all of them.
 */
const touches = (alias: string, onlyProvisional: boolean): string =>
  `${alias}.payment_due_on > ${alias}.declared_on AND ${alias}.payment_due_on >= $1::date ` +
  `AND ${alias}.declared_on < $2::date${onlyProvisional ? ` AND ${alias}.payment_due_provisional` : ''}`;

/** `groups` in order, cut into runs of at most `budget` claims (a larger group forms a run of its own). */
const batches = <G extends { readonly n: number }>(groups: readonly G[], budget: number): G[][] => {
  const out: G[][] = [];
  let run: G[] = [];
  let size = 0;
  for (const g of groups) {
    if (run.length > 0 && size + g.n > budget) {
      out.push(run);
      run = [];
      size = 0;
    }
    run.push(g);
    size += g.n;
  }
  if (run.length > 0) {
    out.push(run);
  }
  return out;
};

/** Claims sharing all that their due date depends on, with the date and mark they have stored. */
interface ClaimGroup {
  readonly declared_on: string;
  readonly channel: ClaimChannel;
  readonly terms_version_id: string;
  readonly due_on: string;
  readonly provisional: boolean;
  readonly n: number;
}

/**
 * Claims' payment due dates as stored counts of working days (rules.md §3.4, §3.6): `paymentDueOn` is the
 * `directPaymentWorkingDays`-th (DIRECT) or `manualPaymentWorkingDays`-th (MANUAL) working day after `declaredOn`, the
 * days of the terms version the claim was adjudicated under (`termsVersionId`), and `paymentDueProvisional` says the
 * count went over a year without a loaded schedule.
 */
export class ClaimDueDates implements StoredDueDates {
  readonly kind = 'claims';

  /** @param rowsPerStatement claims written by one UPDATE at most (tests make it small to cut many batches). */
  constructor(private readonly rowsPerStatement = ROWS_PER_STATEMENT) {}

  /**
   * Set-based, for a province's million claims: the claims whose count touched `year` are read as groups of equal
   * (declaration day, channel, terms version, stored date, stored mark) — a few thousand at most, since the due date
   * depends on nothing else —, each group is counted once on `cal`, and the groups whose date or mark changes are
   * written by `UPDATE … FROM unnest(…)` matching them by the same columns, up to {@link ROWS_PER_STATEMENT} claims a
   * statement. Claim rows have no update trigger (payment, review and reversal update them too).
   */
  async recount(
    em: EntityManager,
    cal: WorkingDayCalendar,
    year: number,
    wasScheduled: boolean,
  ): Promise<RecountTally> {
    const bounds = [dateOf(year, 1, 1), dateOf(year, 12, 31)];
    const groups = await em.query<ClaimGroup[]>(
      `SELECT c.declared_on::text AS declared_on, c.channel, c.terms_version_id,
              c.payment_due_on::text AS due_on, c.payment_due_provisional AS provisional, count(*)::int AS n
       FROM claim c WHERE ${touches('c', !wasScheduled)}
       GROUP BY 1, 2, 3, 4, 5`,
      bounds,
    );
    if (groups.length === 0) {
      return NO_CHANGE;
    }
    const days = await this.paymentDaysOf(em, [...new Set(groups.map((g) => g.terms_version_id))]);
    const changed: (ClaimGroup & { readonly date: string; readonly marked: boolean })[] = [];
    let recounted = 0;
    for (const g of groups) {
      recounted += g.n;
      const terms = days.get(g.terms_version_id);
      if (!terms) {
        throw new Error(`claim terms version ${g.terms_version_id} is missing`);
      }
      const n =
        g.channel === ClaimChannel.DIRECT
          ? terms.directPaymentWorkingDays
          : terms.manualPaymentWorkingDays;
      const due = workingDaysAfter(cal, g.declared_on, n);
      if (due.date !== g.due_on || due.provisional !== g.provisional) {
        changed.push({ ...g, date: due.date, marked: due.provisional });
      }
    }
    for (const part of batches(changed, this.rowsPerStatement)) {
      await em.query(
        `UPDATE claim c SET payment_due_on = x.date, payment_due_provisional = x.marked
         FROM unnest($3::date[], $4::text[], $5::uuid[], $6::date[], $7::boolean[], $8::date[], $9::boolean[])
           AS x (declared_on, channel, terms_version_id, due_on, provisional, date, marked)
         WHERE c.declared_on = x.declared_on AND c.channel = x.channel
           AND c.terms_version_id = x.terms_version_id
           AND c.payment_due_on = x.due_on AND c.payment_due_provisional = x.provisional
           AND ${touches('c', !wasScheduled)}`,
        [
          ...bounds,
          part.map((g) => g.declared_on),
          part.map((g) => g.channel),
          part.map((g) => g.terms_version_id),
          part.map((g) => g.due_on),
          part.map((g) => g.provisional),
          part.map((g) => g.date),
          part.map((g) => g.marked),
        ],
      );
    }
    const sum = (of: (g: (typeof changed)[number]) => boolean): number =>
      changed.reduce((total, g) => total + (of(g) ? g.n : 0), 0);
    return {
      recounted,
      rowsChanged: sum(() => true),
      datesChanged: sum((g) => g.date !== g.due_on),
      marksCleared: sum((g) => g.provisional && !g.marked),
    };
  }

  /** The DIRECT and MANUAL working days of each terms version (a CRITICAL_ILLNESS agreement's), by id. */
  private async paymentDaysOf(
    em: EntityManager,
    versionIds: readonly string[],
  ): Promise<
    Map<
      string,
      Pick<CriticalIllnessTermsValue, 'directPaymentWorkingDays' | 'manualPaymentWorkingDays'>
    >
  > {
    const rows = await em.query<{ id: string; terms: unknown }[]>(
      `SELECT id, terms FROM agreement_terms WHERE id = ANY($1::uuid[])`,
      [versionIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        decodeTerms(AgreementKind.CRITICAL_ILLNESS, r.terms) as CriticalIllnessTermsValue,
      ]),
    );
  }

  /**
   * Provisional payment due dates over the claims `caller` may aggregate (claimStats' scope: AGENCY and REPORTING in
   * their regions, INSURER as it may read claims, INSTITUTION its own), or all of them for no caller.
   */
  async countProvisional(em: EntityManager, caller: Caller | null): Promise<number> {
    const q = em
      .createQueryBuilder()
      .select('count(*)::int', 'n')
      .from('claim', 'c')
      .where('c.payment_due_provisional');
    if (caller) {
      const scope = await claimScope(em, caller, 'c', 'aggregate');
      q.andWhere(scope.sql, scope.params);
    }
    const row = await q.getRawOne<{ n: number }>();
    return row?.n ?? 0;
  }
}
