import type Decimal from 'decimal.js';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { hydratorOf } from '../../db/fast/hydrate';
import { readRows } from '../../db/fast/read';
import { onReplica } from '../../db/replica';
import type { Caller } from '../../shared/caller';
import { dateOf, isCalendarDate, yearOf } from '../../shared/calendar-date';
import type { Clock } from '../../shared/clock';
import { badInput, notFound } from '../../shared/domain-error';
import { Money, ZERO } from '../../shared/money';
import { requiredYear } from '../../shared/period';
import { regionPrefix, requiredRegionCode } from '../../shared/region';
import { groupedInKeyOrder } from '../../shared/batching';
import {
  keysetPage,
  pageWindow,
  type KeysetOrder,
  type Page,
  type PageRequest,
} from '../../shared/paging';
import { isUuid } from '../../shared/uuid';
import { Agreement } from '../agreement/agreement.entity';
import { AgreementKind } from '../agreement/agreement.enums';
import type { AgreementTermsService } from '../agreement/terms/agreement-terms.service';
import type { CriticalIllnessTermsValue } from '../agreement/terms/terms.model';
import type { InsuredPerson } from '../insured-person/insured-person.entity';
import { SpecialStatus } from '../insured-person/insured-person.enums';
import { specialStatusOn } from '../insured-person/rules/special-status.rule';
import { SpecialStatusPeriod } from '../insured-person/special-status-period.entity';
import { claimScope } from './claim-access';
import { CLAIM_RELATIONS, type ClaimPageRead, type ClaimRelated } from './claim-page-read';
import { Claim } from './claim.entity';
import { ClaimStatus, ScheduleKind } from './claim.enums';
import type { BenefitQuoteInput, ClaimFilter } from './claim.inputs';
import { scheduleOf } from './claim.service';
import type { Accumulator, BenefitQuote, ClaimAdjustment } from './claim.types';
import { AccumulatorRow, LedgerEntry } from './ledger.entity';
import { roundedBenefitOf } from './rules/benefit.rule';
import { claimBenefit } from './rules/claim-benefit.rule';

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

/** The overdue test of rules.md §3.4 on a day: a benefit above 0, not REJECTED or REVERSED, unpaid after its due date. */
export const isOverdueOn = (claim: Claim, asOf: string): boolean =>
  claim.benefit.greaterThan(0) &&
  (claim.status === ClaimStatus.ADJUDICATED || claim.status === ClaimStatus.PAID) &&
  claim.paymentDueOn < asOf &&
  (claim.paidOn === null || claim.paidOn > asOf);

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

/** Reading claims, the ledger and aggregates, scoped by the caller (runtime.md). */
export class ClaimQueryService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly terms: AgreementTermsService,
  ) {}

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
   * The reviews and reversals of each claim of `claims` (person and claim id: the ledger's key), oldest first, in
   * their order: one statement. Unscoped: for claims the caller may already read.
   */
  async adjustmentsOf(
    claims: readonly { readonly personId: string; readonly claimId: string }[],
  ): Promise<ClaimAdjustment[][]> {
    const rows = await this.db
      .getRepository(LedgerEntry)
      .createQueryBuilder('e')
      .where(
        '(e.insured_person_id, e.claim_id) IN (SELECT * FROM unnest(:persons::uuid[], :claims::uuid[]))',
        {
          persons: claims.map((c) => c.personId),
          claims: claims.map((c) => c.claimId),
        },
      )
      .andWhere(`e.kind <> 'CLAIM'`)
      .orderBy('e.id', 'ASC')
      .getMany();
    return groupedInKeyOrder(
      claims.map((c) => `${c.personId}|${c.claimId}`),
      rows,
      (e) => `${e.insuredPersonId}|${e.claimId}`,
    ).map((group) =>
      group.map((e) => ({
        id: e.id,
        nonCompliantAmount: e.eligibleDelta.negated(),
        benefitDelta: e.benefitDelta,
        reason: e.reason ?? '',
        kind: e.kind,
        createdAt: e.createdAt,
      })),
    );
  }

  /**
   * Claims overdue on `asOf` (rules.md §3.4), earliest due first, optionally of one agreement: a page of `first`
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
    const q = (await this.scoped(user))
      .andWhere('c.benefit > 0')
      .andWhere(`c.status IN ('ADJUDICATED', 'PAID')`)
      .andWhere('c.payment_due_on < :asOf', { asOf })
      .andWhere('(c.paid_on IS NULL OR c.paid_on > :asOf)', { asOf });
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

  /**
   * A person's ledger for `year`. `remainingCap` uses the schedule the person has on the day asked about (today, or
   * 31 December of a past year, 1 January of a future one) under the terms of the agreement of the person's latest
   * claim that year, or else of the CRITICAL_ILLNESS agreement covering the person's region on that day; null without
   * a cap or without such an agreement.
   */
  async accumulator(person: InsuredPerson, year: number): Promise<Accumulator> {
    requiredYear('year', year);
    const em = this.db.manager;
    const row = await em.findOneBy(AccumulatorRow, { insuredPersonId: person.id, year });
    const today = this.clock.today();
    const thisYear = yearOf(today);
    const day =
      year === thisYear ? today : year < thisYear ? dateOf(year, 12, 31) : dateOf(year, 1, 1);
    const latest = await em.getRepository(Claim).findOne({
      where: { insuredPersonId: person.id, accumulatorYear: year },
      order: { dischargeDate: 'DESC', id: 'DESC' },
    });
    const agreement = latest
      ? await em.findOneBy(Agreement, { id: latest.agreementId })
      : await this.coveringAgreement(person, day);
    const benefitTotal = row?.benefitTotal ?? ZERO;
    let remainingCap: Decimal | null = null;
    if (agreement) {
      const terms = (await this.terms.valueOn(em, agreement, day)) as CriticalIllnessTermsValue;
      const history = await em.findBy(SpecialStatusPeriod, { insuredPersonId: person.id });
      const kind =
        specialStatusOn(history, day, SpecialStatus.NONE) === SpecialStatus.NONE
          ? ScheduleKind.GENERAL
          : ScheduleKind.PREFERENTIAL;
      const cap = scheduleOf(terms, kind).annualCap;
      remainingCap = cap === null ? null : Money.max(cap.minus(benefitTotal), ZERO);
    }
    return {
      year,
      eligibleTotal: row?.eligibleTotal ?? ZERO,
      benefitTotal,
      remainingCap,
      entryCount: row?.entryCount ?? 0,
    };
  }

  private async coveringAgreement(person: InsuredPerson, day: string): Promise<Agreement | null> {
    const candidates = await this.db
      .getRepository(Agreement)
      .createQueryBuilder('a')
      .where('a.kind = :kind', { kind: AgreementKind.CRITICAL_ILLNESS })
      .andWhere('a.effective_from <= :day AND a.effective_to >= :day', { day })
      .orderBy('a.effective_from', 'DESC')
      .getMany();
    return (
      candidates.find((a) =>
        a.coveredRegions.some((r) => person.regionCode.startsWith(regionPrefix(r))),
      ) ?? null
    );
  }

  /**
   * 待遇测算 (`benefitQuote`): the benefit of `eligibleSelfPay` on top of `cumulativeBefore` under the agreement's terms
   * in force on `on` (default today) and the schedule of `specialStatus`, with the year's benefits so far taken as
   * `round2(B(cumulativeBefore))` (one schedule all year). Stores nothing.
   */
  async quote(input: BenefitQuoteInput): Promise<BenefitQuote> {
    const agreement = isUuid(input.agreementId)
      ? await this.db.getRepository(Agreement).findOneBy({ id: input.agreementId })
      : null;
    if (!agreement) {
      throw notFound('Agreement', 'input.agreementId');
    }
    if (agreement.kind !== AgreementKind.CRITICAL_ILLNESS) {
      throw badInput('input.agreementId', 'quotes are for CRITICAL_ILLNESS agreements');
    }
    const on = input.on ?? this.clock.today();
    if (!isCalendarDate(on)) {
      throw badInput('input.on', 'on must be a calendar date');
    }
    const before = input.cumulativeBefore ?? ZERO;
    for (const [field, v] of [
      ['input.cumulativeBefore', before],
      ['input.eligibleSelfPay', input.eligibleSelfPay],
    ] as const) {
      if (v.isNegative()) {
        throw badInput(field, `${field.slice(6)} must not be negative`);
      }
    }
    const terms = (await this.terms.valueOn(
      this.db.manager,
      agreement,
      on,
    )) as CriticalIllnessTermsValue;
    const kind =
      (input.specialStatus ?? SpecialStatus.NONE) === SpecialStatus.NONE
        ? ScheduleKind.GENERAL
        : ScheduleKind.PREFERENTIAL;
    const schedule = scheduleOf(terms, kind);
    const result = claimBenefit({
      schedule,
      cumulativeBefore: before,
      eligible: input.eligibleSelfPay,
      benefitsRecorded: roundedBenefitOf(schedule, before),
    });
    return { schedule: kind, ...result, bands: [...result.bands] };
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
