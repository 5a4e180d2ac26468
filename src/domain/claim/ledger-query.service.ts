import type Decimal from 'decimal.js';
import type { DataSource } from 'typeorm';
import { groupedInKeyOrder } from '../../shared/batching';
import { dateOf, isCalendarDate, yearOf } from '../../shared/calendar-date';
import type { Clock } from '../../shared/clock';
import { Role } from '../../shared/caller';
import { badInput, notFound, type DomainError } from '../../shared/domain-error';
import { Money, ZERO } from '../../shared/money';
import { requiredYear } from '../../shared/period';
import { isUuid } from '../../shared/uuid';
import { Agreement } from '../agreement/agreement.entity';
import { AgreementKind } from '../agreement/agreement.enums';
import type { AgreementTermsService } from '../agreement/terms/agreement-terms.service';
import type { AuditActor } from '../audit-trail/audit-trail.service';
import type { CriticalIllnessTermsValue } from '../agreement/terms/terms.model';
import type { InsuredPerson } from '../insured-person/insured-person.entity';
import { SpecialStatus } from '../insured-person/insured-person.enums';
import { specialStatusOn } from '../insured-person/rules/special-status.rule';
import { distinctReads, type PersonAccessLog } from '../insured-person/person-access-log';
import { scheduleOf } from './claim-mappers';
import { ScheduleKind } from './claim.enums';
import type { BenefitQuoteInput } from './claim.inputs';
import type { Accumulator, BenefitQuote, ClaimAdjustment } from './claim.types';
import { LedgerEntry } from './ledger.entity';
import { roundedBenefitOf } from './rules/benefit.rule';
import { claimBenefit } from './rules/claim-benefit.rule';

/** One read of a person's ledger: whose, which year, under which root field (for the access log). */
export interface AccumulatorRead {
  readonly person: InsuredPerson;
  readonly year: number;
  readonly operation: string;
}

/** A terms version as {@link LEDGERS_SQL} returns it. */
interface TermsVersionRow {
  readonly effectiveFrom: string;
  readonly terms: object;
}

/** One row of {@link LEDGERS_SQL}, in the order of the keys. */
interface LedgerRow {
  readonly eligible_total: string | null;
  readonly benefit_total: string | null;
  readonly entry_count: number | null;
  readonly agreement_id: string | null;
  readonly agreement_kind: AgreementKind | null;
  readonly history: { id: string; status: SpecialStatus; effectiveFrom: string }[];
  /** The agreement's terms versions, on the first row of each agreement only (null on the others). */
  readonly versions: TermsVersionRow[] | null;
}

/**
 * The ledgers of many (person, year, region, day) keys in one statement: the accumulator row; the agreement of the
 * person's latest claim that year, or else the CRITICAL_ILLNESS agreement in force on the day whose covered regions
 * hold the person's region (a covered code stands for its region: trailing pairs of zeros dropped, as `regionPrefix`);
 * the person's special-status history; the agreement's terms versions, once per agreement.
 */
const LEDGERS_SQL = `
  SELECT
    a.eligible_total, a.benefit_total, a.entry_count,
    ag.id AS agreement_id, ag.kind AS agreement_kind,
    (SELECT coalesce(json_agg(json_build_object(
        'id', s.id::text, 'status', s.status, 'effectiveFrom', s.effective_from::text)), '[]'::json)
       FROM person_special_status s WHERE s.insured_person_id = k.person_id) AS history,
    CASE WHEN ag.id IS NOT NULL AND row_number() OVER (PARTITION BY ag.id ORDER BY k.ord) = 1 THEN
      (SELECT json_agg(json_build_object('effectiveFrom', t.effective_from::text, 'terms', t.terms))
         FROM agreement_terms t WHERE t.agreement_id = ag.id)
    END AS versions
  FROM unnest($1::uuid[], $2::int[], $3::text[], $4::date[])
    WITH ORDINALITY AS k (person_id, year, region_code, day, ord)
  LEFT JOIN accumulator a ON a.insured_person_id = k.person_id AND a.year = k.year
  LEFT JOIN LATERAL (
    SELECT c.agreement_id FROM claim c
    WHERE c.insured_person_id = k.person_id AND c.accumulator_year = k.year
    ORDER BY c.discharge_date DESC, c.id DESC LIMIT 1
  ) latest ON true
  LEFT JOIN LATERAL (
    SELECT c2.id FROM agreement c2
    WHERE latest.agreement_id IS NULL AND c2.kind = '${AgreementKind.CRITICAL_ILLNESS}'
      AND c2.effective_from <= k.day AND c2.effective_to >= k.day
      AND EXISTS (SELECT 1 FROM unnest(c2.covered_regions) r
                  WHERE k.region_code LIKE regexp_replace(r, '(00)+$', '') || '%')
    ORDER BY c2.effective_from DESC, c2.id LIMIT 1
  ) covering ON true
  LEFT JOIN agreement ag ON ag.id = coalesce(latest.agreement_id, covering.id)
  ORDER BY k.ord`;

/**
 * Reading the persons' annual ledgers (rules.md §3.3): a person's accumulator with what is left of the cap, a claim's
 * adjustments, and the what-if quote on a ledger (`benefitQuote`), which stores nothing.
 */
export class LedgerQueryService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly terms: AgreementTermsService,
    private readonly accessLog: PersonAccessLog,
  ) {}

  /**
   * The persons' ledgers (年度累计) asked for by `reads`, in their order: one statement for all of them, whatever their
   * number (a page of 100 persons with `accumulator` is one read, not 100 × 5). A year outside 1900–9998 answers its
   * read with `BAD_USER_INPUT` on `year` and leaves the others alone.
   *
   * `remainingCap` uses the schedule the person has on the day asked about (today, or 31 December of a past year,
   * 1 January of a future one) under the terms of the agreement of the person's latest claim that year, or else of
   * the CRITICAL_ILLNESS agreement covering the person's region on that day; null without a cap or without such an
   * agreement.
   *
   * An INSTITUTION's reads are logged in the access log (rules.md §2: a person's spending at other institutions is
   * theirs to see only on the record), once per person and operation, before anything is answered.
   */
  async accumulatorsFor(
    actor: AuditActor,
    reads: readonly AccumulatorRead[],
  ): Promise<(Accumulator | DomainError)[]> {
    const today = this.clock.today();
    const thisYear = yearOf(today);
    const asked = reads.map((r, i) => {
      try {
        requiredYear('year', r.year);
      } catch (e) {
        return { i, error: e as DomainError };
      }
      const day =
        r.year === thisYear
          ? today
          : r.year < thisYear
            ? dateOf(r.year, 12, 31)
            : dateOf(r.year, 1, 1);
      return { i, read: r, day };
    });
    const valid = asked.filter(
      (a): a is { i: number; read: AccumulatorRead; day: string } => 'read' in a,
    );
    const rows =
      valid.length === 0
        ? []
        : await this.db.query<LedgerRow[]>(LEDGERS_SQL, [
            valid.map((a) => a.read.person.id),
            valid.map((a) => a.read.year),
            valid.map((a) => a.read.person.regionCode),
            valid.map((a) => a.day),
          ]);
    if (actor.user.role === Role.INSTITUTION) {
      await this.accessLog.record(
        actor,
        distinctReads(
          valid.map((a) => ({
            personId: a.read.person.id,
            operation: `${a.read.operation}.accumulator`,
          })),
        ),
      );
    }
    // The terms versions come once per agreement (on its first row).
    const versionsOf = new Map<string, TermsVersionRow[]>();
    for (const row of rows) {
      if (row.agreement_id && row.versions) {
        versionsOf.set(row.agreement_id, row.versions);
      }
    }
    const out = new Array<Accumulator | DomainError>(reads.length);
    for (const a of asked) {
      if (!('read' in a)) {
        out[a.i] = a.error;
      }
    }
    valid.forEach((a, n) => {
      const row = rows[n]!;
      const benefitTotal = new Money(row.benefit_total ?? 0);
      let remainingCap: Decimal | null = null;
      if (row.agreement_id && row.agreement_kind) {
        const terms = this.terms.viewOn(
          { id: row.agreement_id, kind: row.agreement_kind },
          versionsOf.get(row.agreement_id) ?? [],
          a.day,
        ) as CriticalIllnessTermsValue;
        const kind =
          specialStatusOn(row.history, a.day, SpecialStatus.NONE) === SpecialStatus.NONE
            ? ScheduleKind.GENERAL
            : ScheduleKind.PREFERENTIAL;
        const cap = scheduleOf(terms, kind).annualCap;
        remainingCap = cap === null ? null : Money.max(cap.minus(benefitTotal), ZERO);
      }
      out[a.i] = {
        year: a.read.year,
        eligibleTotal: new Money(row.eligible_total ?? 0),
        benefitTotal,
        remainingCap,
        entryCount: row.entry_count ?? 0,
      };
    });
    return out;
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
        appliedOn: e.appliedOn,
      })),
    );
  }
}
