import type Decimal from 'decimal.js';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { hydratorOf } from '../../db/fast/hydrate';
import { readRows } from '../../db/fast/read';
import { onReplica } from '../../db/replica';
import type { Caller } from '../../shared/caller';
import { isCalendarDate } from '../../shared/calendar-date';
import { badInput } from '../../shared/domain-error';
import { Money } from '../../shared/money';
import {
  keysetPage,
  pageWindow,
  type KeysetOrder,
  type Page,
  type PageRequest,
} from '../../shared/paging';
import { regionPrefix, requiredRegionCode } from '../../shared/region';
import { isUuid } from '../../shared/uuid';
import { inKeyOrder } from '../../shared/batching';
import { claimScope } from './claim-access';
import { overdueAsOfSql } from './claim-as-of.sql';
import { CLAIM_RELATIONS, type ClaimPageRead, type ClaimRelated } from './claim-page-read';
import { Claim } from './claim.entity';
import type { ClaimFilter } from './claim.inputs';

/** 统计维度 (contract `ClaimGroupBy`): the SQL of each key, in the contract's formats. */
export const GROUP_BY_SQL = {
  REGION: `c.region_code::text`,
  YEAR: `to_char(c.discharge_date, 'YYYY')`,
  QUARTER: `to_char(c.discharge_date, 'YYYY') || '-Q' || extract(quarter from c.discharge_date)::int`,
  MONTH: `to_char(c.discharge_date, 'YYYY-MM')`,
  INSTITUTION: `c.institution_id::text`,
  CHANNEL: `c.channel`,
  SCHEDULE: `c.schedule`,
  STATUS: `c.status`,
} as const;

export type GroupByKey = keyof typeof GROUP_BY_SQL;

export interface ClaimStatsRowValue {
  keys: string[];
  claimCount: number;
  totalCost: Decimal;
  eligibleSelfPay: Decimal;
  benefit: Decimal;
}

/** The claims list's order: latest discharge first, then by id. */
const LATEST_DISCHARGE_FIRST: KeysetOrder<Claim> = {
  list: 'claims',
  direction: 'DESC',
  keys: [
    { sql: 'c.discharge_date', of: (c) => c.dischargeDate, valid: isCalendarDate },
    { sql: 'c.id', of: (c) => c.id, valid: isUuid },
  ],
};

/** The overdue list's order: earliest payment due date first, then by id. */
const EARLIEST_DUE_FIRST: KeysetOrder<Claim> = {
  list: 'overdueClaims',
  direction: 'ASC',
  keys: [
    { sql: 'c.payment_due_on', of: (c) => c.paymentDueOn, valid: isCalendarDate },
    { sql: 'c.id', of: (c) => c.id, valid: isUuid },
  ],
};

/** Reading claims and their aggregates, scoped by the caller (runtime.md); the ledgers: ledger-query.service.ts. */
export class ClaimQueryService {
  constructor(private readonly db: DataSource) {}

  /** Claims the caller may read, as a query builder on alias `c`. */
  async scoped(
    user: Caller,
    purpose: 'read' | 'aggregate' = 'read',
  ): Promise<SelectQueryBuilder<Claim>> {
    const scope = await claimScope(this.db.manager, user, 'c', purpose);
    return this.db.getRepository(Claim).createQueryBuilder('c').where(scope.sql, scope.params);
  }

  /** A claim by id, or null when none the caller may read matches. */
  async byId(user: Caller, id: string): Promise<Claim | null> {
    if (!isUuid(id)) {
      return null;
    }
    return (await this.scoped(user)).andWhere('c.id = :id', { id }).getOne();
  }

  /**
   * A page of the claims the caller may read, latest discharge first. With `read` (what the caller needs), the claims
   * carry only the properties it names, the rest unset, and the relations it names come in the same statement, each
   * claim's handed to `onRelated` (docs/architecture.md, "the read-ahead store").
   */
  async list(
    user: Caller,
    filter: ClaimFilter | null | undefined,
    paging: PageRequest,
    read?: ClaimPageRead,
    onRelated?: (claim: Claim, related: ClaimRelated) => void,
  ): Promise<Page<Claim>> {
    const window = pageWindow(LATEST_DISCHARGE_FIRST, paging);
    const base = applyFilter(await this.scoped(user), filter);
    return keysetPage(base, LATEST_DISCHARGE_FIRST, window, {
      read: (rows) =>
        onReplica(this.db, async (replica) => {
          if (read?.claim) {
            rows.select(read.claim.map((p) => `c.${p}`));
          }
          for (const { relation, properties } of read?.related ?? []) {
            const { entity, alias, key } = CLAIM_RELATIONS[relation];
            rows.innerJoin(entity, alias, `${alias}.id = c.${key}`);
            rows.addSelect(properties ? properties.map((p) => `${alias}.${p}`) : [alias]);
          }
          // TypeORM builds the SQL; the rows are read and hydrated without its per-entity work (src/db/fast/).
          const [sql, params] = rows.getQueryAndParameters();
          const raw = replica
            ? ((await replica.query(sql, params)) as Record<string, unknown>[])
            : await readRows(this.db, sql, params);
          const claimOf = hydratorOf(this.db, Claim, 'c_', read?.claim);
          const relatedOf = (read?.related ?? []).map(({ relation, properties }) => {
            const { entity, alias } = CLAIM_RELATIONS[relation];
            return { relation, of: hydratorOf(this.db, entity, `${alias}_`, properties) };
          });
          return raw.map((row) => {
            const claim = claimOf(row);
            if (relatedOf.length > 0 && onRelated) {
              onRelated(
                claim,
                Object.fromEntries(relatedOf.map(({ relation, of }) => [relation, of(row)])),
              );
            }
            return claim;
          });
        }),
      // A count scans every matching claim: run only when the query selects totalCount.
      count: (all) =>
        onReplica(this.db, (replica) => (replica ? all.setQueryRunner(replica) : all).getCount()),
    });
  }

  /**
   * Claims as stored, by (person, claim id), in key order (null for a miss). Unscoped: for claims whose reader was
   * already checked (a review proposal's claim).
   */
  async byKeys(keys: readonly { personId: string; claimId: string }[]): Promise<(Claim | null)[]> {
    const rows = await this.db
      .getRepository(Claim)
      .createQueryBuilder('c')
      .where(
        '(c.insured_person_id, c.id) IN (SELECT * FROM unnest(:persons::uuid[], :claims::uuid[]))',
        { persons: keys.map((k) => k.personId), claims: keys.map((k) => k.claimId) },
      )
      .getMany();
    return inKeyOrder(
      keys.map((k) => `${k.personId}|${k.claimId}`),
      rows,
      (c) => `${c.insuredPersonId}|${c.id}`,
    );
  }

  /**
   * Claims overdue on `asOf` as they stood that day (rules.md §3.4; `isOverdueAsOf`): reviews, reversals and payments
   * dated after `asOf` are left out. Earliest due first, optionally of one agreement: a page of `first`
   * (≤ 1 000) after the claim `after` (the last id of the previous page).
   */
  async overdue(
    user: Caller,
    asOf: string,
    agreementId: string | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<Claim[]> {
    if (!Number.isInteger(first) || first < 0 || first > 1000) {
      throw badInput('first', 'first must be from 0 to 1000');
    }
    if (!isCalendarDate(asOf)) {
      throw badInput('asOf', 'asOf must be a calendar date');
    }
    const q = (await this.scoped(user)).andWhere(overdueAsOfSql(':asOf'), { asOf });
    if (agreementId != null) {
      q.andWhere(isUuid(agreementId) ? 'c.agreement_id = :agreementId' : 'FALSE', { agreementId });
    }
    let last: Claim | null = null;
    if (after != null) {
      last = isUuid(after) ? await this.db.getRepository(Claim).findOneBy({ id: after }) : null;
      if (!last) {
        throw badInput('after', 'after must be the id of a claim of the previous page');
      }
    }
    const page = await keysetPage(q, EARLIEST_DUE_FIRST, {
      size: first,
      backward: false,
      after: last ? [last.paymentDueOn, last.id] : undefined,
    });
    return page.nodes;
  }

  /**
   * 统计: one row per combination of the requested dimensions (keys in the contract's formats), with counts and sums
   * computed by `GROUP BY` in the database; `benefit` is net of review adjustments and reversals.
   */
  async stats(
    user: Caller,
    filter: ClaimFilter | null | undefined,
    groupBy: readonly GroupByKey[],
  ): Promise<ClaimStatsRowValue[]> {
    if (new Set(groupBy).size !== groupBy.length) {
      throw badInput('groupBy', 'groupBy names each dimension at most once');
    }
    const q = applyFilter(await this.scoped(user, 'aggregate'), filter)
      .leftJoin(
        (sub) =>
          sub
            .select('e.insured_person_id', 'person_id')
            .addSelect('e.claim_id', 'claim_id')
            .addSelect('sum(e.benefit_delta)', 'delta')
            .from('ledger_entry', 'e')
            .where(`e.kind <> 'CLAIM'`)
            .groupBy('e.insured_person_id')
            .addGroupBy('e.claim_id'),
        'adj',
        'adj.person_id = c.insured_person_id AND adj.claim_id = c.id',
      )
      .select([])
      .addSelect('count(*)::int', 'claim_count')
      .addSelect('coalesce(sum(c.total_cost), 0)', 'total_cost')
      .addSelect('coalesce(sum(c.eligible_self_pay), 0)', 'eligible_self_pay')
      .addSelect('coalesce(sum(c.benefit + coalesce(adj.delta, 0)), 0)', 'benefit');
    groupBy.forEach((g, i) => {
      q.addSelect(GROUP_BY_SQL[g], `k${i}`);
      q.addGroupBy(GROUP_BY_SQL[g]);
      q.addOrderBy(`k${i}`, 'ASC');
    });
    const rows = await onReplica(this.db, (replica) =>
      (replica ? q.setQueryRunner(replica) : q).getRawMany<Record<string, string | number>>(),
    );
    return rows
      .filter((r) => groupBy.length > 0 || Number(r.claim_count) > 0)
      .map((r) => ({
        keys: groupBy.map((_, i) => String(r[`k${i}`])),
        claimCount: Number(r.claim_count),
        totalCost: new Money(r.total_cost!),
        eligibleSelfPay: new Money(r.eligible_self_pay!),
        benefit: new Money(r.benefit!),
      }));
  }
}

/** The conditions of a `ClaimFilter` on alias `c`; an id of a foreign form matches nothing. */
export function applyFilter(
  q: SelectQueryBuilder<Claim>,
  filter: ClaimFilter | null | undefined,
): SelectQueryBuilder<Claim> {
  if (!filter) {
    return q;
  }
  const ids = [
    ['agreementId', 'agreement_id'],
    ['institutionId', 'institution_id'],
    ['insuredPersonId', 'insured_person_id'],
  ] as const;
  for (const [field, column] of ids) {
    const v = filter[field];
    if (v != null) {
      q.andWhere(isUuid(v) ? `c.${column} = :f_${field}` : 'FALSE', { [`f_${field}`]: v });
    }
  }
  if (filter.channel != null) {
    q.andWhere('c.channel = :f_channel', { f_channel: filter.channel });
  }
  if (filter.status != null) {
    q.andWhere('c.status = :f_status', { f_status: filter.status });
  }
  if (filter.dischargedFrom != null) {
    q.andWhere('c.discharge_date >= :f_from', { f_from: filter.dischargedFrom });
  }
  if (filter.dischargedTo != null) {
    q.andWhere('c.discharge_date <= :f_to', { f_to: filter.dischargedTo });
  }
  if (filter.regionCode != null) {
    const prefix = regionPrefix(requiredRegionCode('filter.regionCode', filter.regionCode));
    q.andWhere('c.region_code LIKE :f_region', { f_region: `${prefix}%` });
  }
  return q;
}
