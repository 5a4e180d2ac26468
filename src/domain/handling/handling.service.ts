import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { type Caller } from '../../shared/caller';
import { isCalendarDate, yearOf } from '../../shared/calendar-date';
import type { Clock } from '../../shared/clock';
import { badInput } from '../../shared/domain-error';
import { Money } from '../../shared/money';
import { quarterDays, quarterOf, requiredQuarter, requiredYear } from '../../shared/period';
import { regionPrefix } from '../../shared/region';
import { requiredText } from '../../shared/text';
import type { Agreement } from '../agreement/agreement.entity';
import { AgreementKind } from '../agreement/agreement.enums';
import type { AgreementService } from '../agreement/agreement.service';
import type { AgreementTermsService } from '../agreement/terms/agreement-terms.service';
import type { HandlingTermsValue } from '../agreement/terms/terms.model';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import { prefixCondition } from '../claim/claim-access';
import type { HandlingFeeStatement } from './handling.types';
import { QuarterlyAudit } from './quarterly-audit.entity';
import { annualFee, feeStatement } from './rules/handling-fee.rule';

/** The agreements handling fees and audits apply to (Luoyang arts. 3–5). */
export const HANDLING = {
  kinds: [AgreementKind.COMMISSIONED_HANDLING],
  why: 'this applies to COMMISSIONED_HANDLING agreements',
} as const;

/**
 * Commissioned handling (Luoyang arts. 3–5; rules.md §5): insured counts, the quarterly fee statement and breaches;
 * the quarterly audits: quarterly-audit.service.ts. Changes are AGENCY's, in its regions; statements and audits are read by AGENCY and REPORTING
 * in their regions and by the INSURER of its own agreements (runtime.md). An agreement the caller may not see is
 * `NOT_FOUND`.
 */
export class HandlingService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly terms: AgreementTermsService,
    private readonly agreements: AgreementService,
  ) {}

  /** 上年末参保人数: records the insured count at the end of `yearEnd` (a correction is a new row; the latest wins). */
  async recordInsuredCount(
    actor: AuditActor,
    agreementId: string,
    yearEnd: number,
    count: number,
  ): Promise<Agreement> {
    requiredYear('yearEnd', yearEnd);
    if (!Number.isInteger(count) || count < 0) {
      throw badInput('count', 'count must be a whole number, 0 or more');
    }
    return this.db.transaction(async (em) => {
      const agreement = await this.agreements.agreementFor(em, actor.user, agreementId, {
        write: true,
        ...HANDLING,
      });
      await em.query(
        `INSERT INTO insured_count (agreement_id, year_end, count) VALUES ($1, $2, $3)`,
        [agreement.id, yearEnd, count],
      );
      await this.audit.record(em, actor, 'recordInsuredCount', [agreement.id], {
        agreementId,
        yearEnd,
        count,
      });
      return agreement;
    });
  }

  /**
   * 季度结算单 (rules.md §5): the fee on the insured count at the end of the previous year under the terms in force on
   * the quarter's first day, less the finalized audit's deduction and the breach damages, plus the savings reward.
   * Without a recorded basis: `BAD_USER_INPUT` on `year`, saying so.
   */
  async statement(
    user: Caller,
    agreementId: string,
    year: number,
    quarter: number,
  ): Promise<HandlingFeeStatement> {
    requiredQuarter(year, quarter);
    const em = this.db.manager;
    const agreement = await this.agreements.agreementFor(em, user, agreementId, {
      write: false,
      ...HANDLING,
    });
    return this.statementOf(em, agreement, year, quarter);
  }

  private async statementOf(
    em: EntityManager,
    agreement: Agreement,
    year: number,
    quarter: number,
  ): Promise<HandlingFeeStatement> {
    const { from, to } = quarterDays(year, quarter);
    if (to < agreement.effectiveFrom || from > agreement.effectiveTo) {
      throw badInput('quarter', 'the quarter lies outside the agreement’s term');
    }
    const terms = (await this.terms.valueOn(em, agreement, from)) as HandlingTermsValue;
    const [basis] = await em.query<{ count: string }[]>(
      `SELECT count FROM insured_count WHERE agreement_id = $1 AND year_end = $2 ORDER BY id DESC LIMIT 1`,
      [agreement.id, year - 1],
    );
    if (!basis) {
      throw badInput(
        'year',
        `no insured count is recorded for the end of ${year - 1}, the basis of ${year}'s fee: record it with recordInsuredCount`,
      );
    }
    const finalized = await em.findOne(QuarterlyAudit, {
      where: { agreementId: agreement.id, year, quarter },
    });
    const [breaches] = await em.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM handling_breach WHERE agreement_id = $1 AND occurred_on BETWEEN $2 AND $3`,
      [agreement.id, from, to],
    );
    const region = prefixCondition(
      'c.region_code',
      agreement.coveredRegions.map(regionPrefix),
      'r',
    );
    const reductions = await em
      .createQueryBuilder()
      .select('coalesce(-sum(e.benefit_delta), 0)', 'total')
      .from('ledger_entry', 'e')
      .innerJoin('claim', 'c', 'c.insured_person_id = e.insured_person_id AND c.id = e.claim_id')
      .where(`e.kind = 'REVIEW'`)
      // By the day each review was applied (rules.md §3.4, §5): a proposal counts once confirmed, on its confirmation day.
      .andWhere('e.applied_on BETWEEN :from AND :to', { from, to })
      .andWhere(region.sql, region.params)
      .getRawOne<{ total: string }>();
    const count = Number(basis.count);
    const annual = annualFee(terms.feePerPersonYear, count);
    const value = feeStatement({
      annual,
      quarter,
      auditDeductionRate: finalized?.finalizedAt ? finalized.deductionRate : null,
      breached: Number(breaches?.n ?? 0) > 0,
      breachDamagesRate: terms.breachDamagesRate,
      reviewReductions: new Money(reductions?.total ?? 0),
      savingsRewardRate: terms.savingsRewardRate,
    });
    return {
      agreement,
      year,
      quarter,
      insuredCountBasis: count,
      annualFee: annual,
      ...value,
      breachCount: Number(breaches?.n ?? 0),
      auditFinalized: Boolean(finalized?.finalizedAt),
    };
  }

  /**
   * 违约 (Luoyang 5(二)): records a breach (each is kept) on `occurredOn` (inside the agreement's term, not after
   * today: rules.md §3.4); the quarter's damages are charged once however many there are. Answers the statement of the
   * breach's quarter.
   */
  async recordBreach(
    actor: AuditActor,
    agreementId: string,
    occurredOn: string,
    descriptionInput: string,
  ): Promise<HandlingFeeStatement> {
    const description = requiredText('description', descriptionInput, 1000);
    if (!isCalendarDate(occurredOn)) {
      throw badInput('occurredOn', 'occurredOn must be a calendar date');
    }
    // A breach is an event: recorded late, never dated ahead (rules.md §3.4).
    if (occurredOn > this.clock.today()) {
      throw badInput('occurredOn', 'occurredOn must not be after today');
    }
    return this.db.transaction(async (em) => {
      const agreement = await this.agreements.agreementFor(em, actor.user, agreementId, {
        write: true,
        ...HANDLING,
      });
      if (occurredOn < agreement.effectiveFrom || occurredOn > agreement.effectiveTo) {
        throw badInput('occurredOn', 'occurredOn lies outside the agreement’s term');
      }
      const id = randomUUID();
      await em.query(
        `INSERT INTO handling_breach (id, agreement_id, occurred_on, description) VALUES ($1, $2, $3, $4)`,
        [id, agreement.id, occurredOn, description],
      );
      await this.audit.record(em, actor, 'recordHandlingBreach', [agreement.id, id], {
        agreementId,
        occurredOn,
        description,
      });
      return this.statementOf(em, agreement, yearOf(occurredOn), quarterOf(occurredOn));
    });
  }
}
