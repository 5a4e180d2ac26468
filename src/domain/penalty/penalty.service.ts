import { randomUUID } from 'node:crypto';
import type Decimal from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import { Role, coversRegion } from '../../shared/caller';
import { isCalendarDate } from '../../shared/calendar-date';
import type { Clock } from '../../shared/clock';
import { badInput, notFound } from '../../shared/domain-error';
import { isUuid } from '../../shared/uuid';
import { Agreement } from '../agreement/agreement.entity';
import { AgreementKind } from '../agreement/agreement.enums';
import type { AgreementService } from '../agreement/agreement.service';
import type { AgreementTermsService } from '../agreement/terms/agreement-terms.service';
import type { InstitutionTermsValue } from '../agreement/terms/terms.model';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import type { CalendarService } from '../calendar/calendar.service';
import { tierRank } from './breach-tier-order';
import type { BreachTier } from './breach-tier.enum';
import { Inspection, InspectionFinding } from './inspection.entity';
import { Penalty } from './penalty.entity';
import { DetectedBy } from './penalty.enums';
import type { InspectionInput, RecordViolationInput } from './penalty.inputs';
import type { PenaltyQueryService } from './penalty-query.service';
import { assessInspection } from './rules/inspection-ratio.rule';
import { penaltyAmounts } from './rules/penalty-amount.rule';
import { checkPenaltyPayment, penaltyDueDates } from './rules/penalty-dates.rule';
import { violationTier } from './rules/violation-tier.rule';

/** Violations and inspections: a change by AGENCY on a DESIGNATED_INSTITUTION agreement (Suining arts. 60–72). */
const DESIGNATED = {
  write: true,
  field: 'input.agreementId',
  kinds: [AgreementKind.DESIGNATED_INSTITUTION],
  why: 'violations and inspections apply to DESIGNATED_INSTITUTION agreements',
} as const;

/** The last notice date whose due, enforceable and suspension dates still fit before 10000. */
const LAST_NOTICE_DAY = '9998-12-31';

/** Codes whose tier comes from a measured ratio: recorded through an inspection only. */
const RATIO_CODES = [
  'STOCK_RATIO',
  'SERVICE_QUANTITY_RATIO',
  'DECLARED_OVER_SOLD',
  'NO_STOCK_RECORDS',
] as const;

/** What a penalty decision needs besides the input: its origin. */
interface Origin {
  readonly inspectionId: string | null;
  /**
   * For an inspection's penalty: every finding (code and measured tier). The penalty goes to the one whose tier is
   * heaviest after escalation (the first of equals), so that a repeated serious ratio breach is not missed.
   */
  readonly findings: readonly { readonly violationCode: string; readonly tier: BreachTier }[];
}

/**
 * Supervision of designated institutions (Suining arts. 60–72; rules.md §7): inspections, violations and their
 * penalties, payments. Changes are AGENCY's in its regions (runtime.md); reading them: penalty-query.service.ts.
 */
export class PenaltyService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly terms: AgreementTermsService,
    private readonly agreements: AgreementService,
    private readonly calendar: CalendarService,
    private readonly queries: PenaltyQueryService,
  ) {}

  /** 违约登记: records a violation and its penalty (see `decide`). */
  async recordViolation(actor: AuditActor, input: RecordViolationInput): Promise<Penalty> {
    if ((RATIO_CODES as readonly string[]).includes(input.violationCode)) {
      throw badInput(
        'input.violationCode',
        `${input.violationCode} is tiered by the measured ratio (rules.md §7.1): record it with recordInspection`,
      );
    }
    return this.db.transaction(async (em) => {
      const agreement = await this.agreements.agreementFor(
        em,
        actor.user,
        input.agreementId,
        DESIGNATED,
      );
      const penalty = await this.decide(em, agreement, input, {
        inspectionId: null,
        findings: [],
      });
      await this.audit.record(em, actor, 'recordViolation', [agreement.id, penalty.id], input);
      return penalty;
    });
  }

  /**
   * 检查 (rules.md §7.1): the three ratios per item, compared exactly at the band edges, one finding per ratio outside
   * its band; the penalty for the worst finding (after escalation) goes through the same path as `recordViolation`:
   * detected by INSPECTION, occurred on the inspection day, noticed on `noticeOn` (default the inspection day), with the
   * inspection's `violatingAmount` if one was established.
   */
  async recordInspection(actor: AuditActor, input: InspectionInput): Promise<Inspection> {
    const today = this.clock.today();
    if (!isCalendarDate(input.inspectedOn)) {
      throw badInput('input.inspectedOn', 'inspectedOn must be a calendar date');
    }
    // An inspection and its notice are events: dated in the past or today, never ahead (rules.md §3.4).
    if (input.inspectedOn > today) {
      throw badInput('input.inspectedOn', 'inspectedOn must not be after today');
    }
    if (
      input.noticeOn != null &&
      (!isCalendarDate(input.noticeOn) || input.noticeOn < input.inspectedOn)
    ) {
      throw badInput('input.noticeOn', 'noticeOn is a calendar date, not before inspectedOn');
    }
    if (input.noticeOn != null && input.noticeOn > today) {
      throw badInput('input.noticeOn', 'noticeOn must not be after today');
    }
    const stockItems = input.stockItems ?? [];
    const serviceItems = input.serviceItems ?? [];
    const assessment = assessInspection({
      stockItems,
      serviceItems,
      noStockRecords: input.noStockRecords ?? false,
    });
    return this.db.transaction(async (em) => {
      const agreement = await this.agreements.agreementFor(
        em,
        actor.user,
        input.agreementId,
        DESIGNATED,
      );
      const inspection = em.create(Inspection, {
        id: randomUUID(),
        agreementId: agreement.id,
        inspectedOn: input.inspectedOn,
        noStockRecords: input.noStockRecords ?? false,
        stockItems: JSON.parse(JSON.stringify(stockItems)) as object,
        serviceItems: JSON.parse(JSON.stringify(serviceItems)) as object,
      });
      await em.insert(Inspection, inspection);
      if (assessment.findings.length) {
        await em.insert(
          InspectionFinding,
          assessment.findings.map((f) => ({
            inspectionId: inspection.id,
            itemCode: f.itemCode,
            ratioKind: f.ratioKind,
            ratio: f.ratio,
            tier: f.tier,
            violationCode: f.violationCode,
            article: f.article,
          })),
        );
      }
      const ids = [agreement.id, inspection.id];
      if (assessment.worst) {
        const penalty = await this.decide(
          em,
          agreement,
          {
            agreementId: agreement.id,
            violationCode: assessment.worst.violationCode,
            occurredOn: input.inspectedOn,
            noticeOn: input.noticeOn ?? input.inspectedOn,
            detectedBy: DetectedBy.INSPECTION,
            violatingAmount: input.violatingAmount ?? null,
            occurrences: 1,
          },
          { inspectionId: inspection.id, findings: assessment.findings },
        );
        ids.push(penalty.id);
      }
      await this.audit.record(em, actor, 'recordInspection', ids, input);
      return inspection;
    });
  }

  /**
   * One penalty decision (rules.md §7.2–7.4), with the institution terms in force on the notice date: the tier from
   * the catalogue and the amount involved (涉及金额 `amountInvolved`, else the violating amount, and for 64(五) the share
   * of `purchasesTotal`) measured against the terms' thresholds (or the inspection's measured tier), escalated on the
   * agreement's earlier penalties (the agreement is its term) by the terms' counts, leniency for a self-report that is
   * not fraud; recovery of the violating amount at every tier, damages on it (never below what the tier before
   * escalation charges), actions; due and enforceable dates; a suspension (from the day after the notice) or
   * termination of the agreement where the penalty orders one. The agreement row is locked, so that two violations
   * recorded at once count each other.
   */
  private async decide(
    em: EntityManager,
    agreement: Agreement,
    input: RecordViolationInput,
    origin: Origin,
  ): Promise<Penalty> {
    const today = this.clock.today();
    for (const f of ['occurredOn', 'noticeOn'] as const) {
      if (!isCalendarDate(input[f])) {
        throw badInput(`input.${f}`, `${f} must be a calendar date`);
      }
      // The breach and the notice's receipt (rules.md §7.4) are events: recorded late, never dated ahead (§3.4).
      if (input[f] > today) {
        throw badInput(`input.${f}`, `${f} must not be after today`);
      }
    }
    if (input.noticeOn < input.occurredOn) {
      throw badInput('input.noticeOn', 'noticeOn must not be before occurredOn');
    }
    if (input.noticeOn > LAST_NOTICE_DAY) {
      // Due and enforceable dates, and a suspension, must still be calendar dates (up to 9999-12-31).
      throw badInput('input.noticeOn', `noticeOn must not be after ${LAST_NOTICE_DAY}`);
    }
    const occurrences = input.occurrences ?? 1;
    if (!Number.isInteger(occurrences) || occurrences < 1 || occurrences > 10_000) {
      throw badInput('input.occurrences', 'occurrences must be a whole number from 1 to 10 000');
    }
    await em.query(`SELECT id FROM agreement WHERE id = $1 FOR UPDATE`, [agreement.id]);
    const prior = await em.find(Penalty, {
      where: { agreementId: agreement.id },
      order: { createdAt: 'ASC' },
    });
    const months = input.suspensionMonths ?? 0;
    // The terms in force on the notice date hold the thresholds and counts that place and escalate the breach.
    const terms = (await this.terms.valueOn(
      em,
      agreement,
      input.noticeOn,
    )) as InstitutionTermsValue;
    const place = (code: string, measuredTier: BreachTier | null) =>
      violationTier({
        code,
        violatingAmount: input.violatingAmount ?? null,
        amountInvolved: input.amountInvolved ?? null,
        purchasesTotal: input.purchasesTotal ?? null,
        thresholds: terms,
        measuredTier,
        selfReported: input.detectedBy === DetectedBy.SELF_REPORT,
        suspensionRequested: months > 0,
        priorBreaches: prior.map((p) => ({
          code: p.violationCode,
          tier: p.tier,
          suspended: p.suspensionFrom !== null,
          selfReported: p.detectedBy === DetectedBy.SELF_REPORT,
          fraud: p.fraud,
        })),
      });
    const tier = origin.findings.length
      ? origin.findings
          .map((f) => place(f.violationCode, f.tier))
          .reduce((best, t) => (tierRank(t.tier) > tierRank(best.tier) ? t : best))
      : place(input.violationCode, null);
    const amounts = penaltyAmounts({
      breach: tier,
      violatingAmount: input.violatingAmount ?? null,
      occurrences,
      multiplier: input.multiplier ?? null,
      suspensionMonths: months,
      noticeOn: input.noticeOn,
      terms,
    });
    // On the calendar in force, after any load in progress, so that a later load finds these dates (rules.md §3.6).
    const dates = penaltyDueDates(await this.calendar.currentIn(em), input.noticeOn, terms);
    const penalty = em.create(Penalty, {
      id: randomUUID(),
      agreementId: agreement.id,
      inspectionId: origin.inspectionId,
      violationCode: tier.violationType.code,
      article: tier.article,
      occurredOn: input.occurredOn,
      noticeOn: input.noticeOn,
      detectedBy: input.detectedBy,
      violatingAmount: input.violatingAmount ?? null,
      amountInvolved: input.amountInvolved ?? null,
      purchasesTotal: input.purchasesTotal ?? null,
      occurrences,
      multiplier: amounts.multiplier,
      baseTier: tier.baseTier,
      tier: tier.tier,
      escalated: tier.escalated,
      escalatedBy: [...tier.escalatedBy],
      fraud: tier.fraud,
      lenient: tier.lenient,
      recoveredAmount: amounts.recoveredAmount,
      damages: amounts.damages,
      totalDue: amounts.totalDue,
      dueOn: dates.dueOn,
      enforceableFrom: dates.enforceableFrom,
      dueProvisional: dates.dueProvisional,
      actions: [...amounts.actions],
      needsOfficerDecision: amounts.needsOfficerDecision,
      suspensionFrom: amounts.suspensionFrom,
      suspensionTo: amounts.suspensionTo,
      terminatedOn: amounts.terminatedOn,
    });
    await em.insert(Penalty, penalty);
    if (amounts.suspensionFrom && amounts.suspensionTo) {
      await this.agreements.suspend(
        em,
        agreement,
        amounts.suspensionFrom,
        amounts.suspensionTo,
        `penalty ${penalty.id} (${penalty.violationCode}, ${penalty.article})`,
      );
    }
    if (amounts.terminatedOn) {
      await this.agreements.terminate(
        em,
        agreement,
        amounts.terminatedOn,
        `penalty ${penalty.id} (${penalty.violationCode}, ${penalty.article})`,
      );
    }
    return penalty;
  }

  /** 缴纳违约金: a payment; partial payments add up; more than what is outstanding is `BAD_USER_INPUT` on `amount`. */
  async recordPayment(
    actor: AuditActor,
    penaltyId: string,
    paidOn: string,
    amount: Decimal,
  ): Promise<Penalty> {
    if (!isCalendarDate(paidOn)) {
      throw badInput('paidOn', 'paidOn must be a calendar date');
    }
    if (paidOn > this.clock.today()) {
      throw badInput('paidOn', 'paidOn must not be after today');
    }
    return this.db.transaction(async (em) => {
      const penalty = isUuid(penaltyId)
        ? await em
            .getRepository(Penalty)
            .createQueryBuilder('p')
            .setLock('pessimistic_write')
            .where('p.id = :penaltyId', { penaltyId })
            .getOne()
        : null;
      const agreement = penalty ? await em.findOneBy(Agreement, { id: penalty.agreementId }) : null;
      if (
        !penalty ||
        !agreement ||
        actor.user.role !== Role.AGENCY ||
        !coversRegion(actor.user, agreement.regionCode)
      ) {
        throw notFound('Penalty', 'penaltyId');
      }
      const payments = await this.queries.paymentsOf(em, penalty.id);
      checkPenaltyPayment(penalty, payments, { paidOn, amount });
      await em.query(
        `INSERT INTO penalty_payment (penalty_id, paid_on, amount) VALUES ($1, $2, $3)`,
        [penalty.id, paidOn, amount.toFixed(2)],
      );
      await this.audit.record(em, actor, 'recordPenaltyPayment', [penalty.id], {
        penaltyId,
        paidOn,
        amount,
      });
      return penalty;
    });
  }
}
