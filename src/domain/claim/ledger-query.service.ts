import type Decimal from 'decimal.js';
import type { DataSource } from 'typeorm';
import { groupedInKeyOrder } from '../../shared/batching';
import { dateOf, isCalendarDate, yearOf } from '../../shared/calendar-date';
import type { Clock } from '../../shared/clock';
import { badInput, notFound } from '../../shared/domain-error';
import { Money, ZERO } from '../../shared/money';
import { requiredYear } from '../../shared/period';
import { regionPrefix } from '../../shared/region';
import { isUuid } from '../../shared/uuid';
import { Agreement } from '../agreement/agreement.entity';
import { AgreementKind } from '../agreement/agreement.enums';
import type { AgreementTermsService } from '../agreement/terms/agreement-terms.service';
import type { CriticalIllnessTermsValue } from '../agreement/terms/terms.model';
import type { InsuredPerson } from '../insured-person/insured-person.entity';
import { SpecialStatus } from '../insured-person/insured-person.enums';
import { specialStatusOn } from '../insured-person/rules/special-status.rule';
import { SpecialStatusPeriod } from '../insured-person/special-status-period.entity';
import { scheduleOf } from './claim-mappers';
import { Claim } from './claim.entity';
import { ScheduleKind } from './claim.enums';
import type { BenefitQuoteInput } from './claim.inputs';
import type { Accumulator, BenefitQuote, ClaimAdjustment } from './claim.types';
import { AccumulatorRow, LedgerEntry } from './ledger.entity';
import { roundedBenefitOf } from './rules/benefit.rule';
import { claimBenefit } from './rules/claim-benefit.rule';

/**
 * Reading the persons' annual ledgers (rules.md §3.3): a person's accumulator with what is left of the cap, a claim's
 * adjustments, and the what-if quote on a ledger (`benefitQuote`), which stores nothing.
 */
export class LedgerQueryService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly terms: AgreementTermsService,
  ) {}

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
