import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { groupedInKeyOrder } from '../../shared/batching';
import { Role, coversRegion, type Caller } from '../../shared/caller';
import { isCalendarDate, yearOf } from '../../shared/calendar-date';
import type { Clock } from '../../shared/clock';
import { isUniqueViolation } from '../../shared/db-errors';
import { badInput, notFound } from '../../shared/domain-error';
import { Money } from '../../shared/money';
import { regionPrefix } from '../../shared/region';
import { requiredText } from '../../shared/text';
import { quarterDays, quarterOf, requiredQuarter, requiredYear } from '../../shared/period';
import { isUuid } from '../../shared/uuid';
import { Agreement } from '../agreement/agreement.entity';
import { AgreementKind } from '../agreement/agreement.enums';
import type { AgreementService } from '../agreement/agreement.service';
import type { AgreementTermsService } from '../agreement/terms/agreement-terms.service';
import type { HandlingTermsValue } from '../agreement/terms/terms.model';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import { prefixCondition } from '../claim/claim-access';
import type { AuditVerdictInput, HandlingFeeStatement } from './handling.types';
import { AuditItem, QuarterlyAudit } from './quarterly-audit.entity';
import { annualFee, feeStatement } from './rules/handling-fee.rule';
import { auditOutcome, drawSample, sampleSize } from './rules/quarterly-audit.rule';

/** The agreements handling fees and audits apply to (Luoyang arts. 3–5). */
const HANDLING = {
  kinds: [AgreementKind.COMMISSIONED_HANDLING],
  why: 'this applies to COMMISSIONED_HANDLING agreements',
} as const;

/**
 * Commissioned handling (Luoyang arts. 3–5; rules.md §5): insured counts, the quarterly fee statement, quarterly
 * audits and breaches. Changes are AGENCY's, in its regions; statements and audits are read by AGENCY and REPORTING
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
      .andWhere(`(e.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN :from AND :to`, {
        from,
        to,
      })
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
   * 违约 (Luoyang 5(二)): records a breach (each is kept); the quarter's damages are charged once however many there
   * are. Answers the statement of the breach's quarter.
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

  /**
   * 开始季度稽核: draws the two samples of rules.md §5 from claims discharged in the quarter whose person lives in the
   * agreement's covered regions — MANUAL settlements (not REJECTED) at `manualSettlementSampleRate`, claims with at
   * least one review at `manualReviewSampleRate` — `ceil(rate × population)` each, ordered by HMAC(seed, claim id).
   * One audit per agreement and quarter: starting it again answers the existing audit (whatever seed is given).
   */
  async startAudit(
    actor: AuditActor,
    agreementId: string,
    year: number,
    quarter: number,
    seedInput: string,
  ): Promise<QuarterlyAudit> {
    requiredQuarter(year, quarter);
    const seed = requiredText('seed', seedInput, 200);
    try {
      return await this.db.transaction(async (em) => {
        const agreement = await this.agreements.agreementFor(em, actor.user, agreementId, {
          write: true,
          ...HANDLING,
        });
        const existing = await em.findOneBy(QuarterlyAudit, {
          agreementId: agreement.id,
          year,
          quarter,
        });
        if (existing) {
          return existing;
        }
        const { from, to } = quarterDays(year, quarter);
        if (to < agreement.effectiveFrom || from > agreement.effectiveTo) {
          throw badInput('quarter', 'the quarter lies outside the agreement’s term');
        }
        const terms = (await this.terms.valueOn(em, agreement, from)) as HandlingTermsValue;
        const region = prefixCondition(
          'c.region_code',
          agreement.coveredRegions.map(regionPrefix),
          'r',
        );
        const population = async (condition: string) =>
          (
            await em
              .createQueryBuilder()
              .select('c.id', 'id')
              .addSelect('c.insured_person_id', 'person')
              .from('claim', 'c')
              .where('c.discharge_date BETWEEN :from AND :to', { from, to })
              .andWhere(region.sql, region.params)
              .andWhere(condition)
              .getRawMany<{ id: string; person: string }>()
          ).map((r) => [r.id, r.person] as const);
        const manual = await population(`c.channel = 'MANUAL' AND c.status <> 'REJECTED'`);
        const reviewed = await population(
          `EXISTS (SELECT 1 FROM ledger_entry e WHERE e.insured_person_id = c.insured_person_id
                   AND e.claim_id = c.id AND e.kind = 'REVIEW')`,
        );
        const draw = (rows: readonly (readonly [string, string])[], rate: Money, name: string) => {
          const personOf = new Map(rows);
          return drawSample(
            seed,
            rows.map((r) => r[0]),
            sampleSize(rate, rows.length),
          ).map((claimId, position) => ({
            id: randomUUID(),
            position,
            claimId,
            insuredPersonId: personOf.get(claimId)!,
            population: name,
          }));
        };
        const items = [
          ...draw(manual, terms.manualSettlementSampleRate, 'MANUAL_SETTLEMENT'),
          ...draw(reviewed, terms.manualReviewSampleRate, 'REVIEWED'),
        ];
        const audit = em.create(QuarterlyAudit, {
          id: randomUUID(),
          agreementId: agreement.id,
          year,
          quarter,
          seed,
          sampledCount: items.length,
          passedCount: 0,
          passRate: null,
          deductionRate: null,
          reReview: false,
          finalizedAt: null,
        });
        await em.insert(QuarterlyAudit, audit);
        if (items.length) {
          await em.insert(
            AuditItem,
            items.map((i) => ({
              ...i,
              auditId: audit.id,
              passed: null,
              note: null,
              judgedAt: null,
            })),
          );
        }
        await this.audit.record(em, actor, 'startQuarterlyAudit', [agreement.id, audit.id], {
          agreementId,
          year,
          quarter,
          seed,
        });
        return audit;
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        // Started at the same moment by someone else: theirs is the quarter's audit.
        const existing = await this.db
          .getRepository(QuarterlyAudit)
          .findOneBy({ agreementId, year, quarter });
        if (existing) {
          return existing;
        }
      }
      throw e;
    }
  }

  /** 录入稽核结论: verdicts on this audit's items; refused once the audit is finalized. A verdict may be changed before. */
  async recordVerdicts(
    actor: AuditActor,
    auditId: string,
    verdicts: readonly AuditVerdictInput[],
  ): Promise<QuarterlyAudit> {
    return this.db.transaction(async (em) => {
      const audit = await this.auditFor(em, actor.user, auditId, true);
      if (audit.finalizedAt) {
        throw badInput('auditId', 'the audit is finalized; its verdicts can no longer change');
      }
      const items = new Map(
        (await em.findBy(AuditItem, { auditId: audit.id })).map((i) => [i.id, i]),
      );
      const seen = new Set<string>();
      verdicts.forEach((v, i) => {
        if (!items.has(v.itemId)) {
          throw badInput(`verdicts[${i}].itemId`, 'not an item of this audit');
        }
        if (seen.has(v.itemId)) {
          throw badInput(`verdicts[${i}].itemId`, 'the same item is judged twice in one call');
        }
        seen.add(v.itemId);
        if (v.note != null && v.note.length > 500) {
          throw badInput(`verdicts[${i}].note`, 'note has at most 500 characters');
        }
      });
      const now = new Date();
      for (const v of verdicts) {
        await em.update(
          AuditItem,
          { id: v.itemId },
          { passed: v.passed, note: v.note ?? null, judgedAt: now },
        );
      }
      await this.audit.record(em, actor, 'recordAuditVerdicts', [audit.id], { auditId, verdicts });
      return audit;
    });
  }

  /**
   * 完成稽核: every item needs a verdict; the pass rate is compared exactly with the thresholds of the terms in force on
   * the quarter's first day (rules.md §5). Finalizing again answers the audit unchanged.
   */
  async finalize(actor: AuditActor, auditId: string): Promise<QuarterlyAudit> {
    return this.db.transaction(async (em) => {
      const audit = await this.auditFor(em, actor.user, auditId, true);
      if (audit.finalizedAt) {
        return audit;
      }
      const items = await em.findBy(AuditItem, { auditId: audit.id });
      const open = items.filter((i) => i.passed === null).length;
      if (open > 0) {
        throw badInput('auditId', `${open} of ${items.length} items have no verdict yet`);
      }
      const agreement = await em.findOneByOrFail(Agreement, { id: audit.agreementId });
      const terms = (await this.terms.valueOn(
        em,
        agreement,
        quarterDays(audit.year, audit.quarter).from,
      )) as HandlingTermsValue;
      const passed = items.filter((i) => i.passed).length;
      const outcome = auditOutcome(passed, items.length, terms.auditThresholds);
      Object.assign(audit, {
        passedCount: passed,
        passRate: outcome.passRate,
        deductionRate: outcome.deductionRate,
        reReview: outcome.reReview,
        finalizedAt: new Date(),
      });
      await em.update(
        QuarterlyAudit,
        { id: audit.id },
        {
          passedCount: audit.passedCount,
          passRate: audit.passRate,
          deductionRate: audit.deductionRate,
          reReview: audit.reReview,
          finalizedAt: audit.finalizedAt,
        },
      );
      await this.audit.record(em, actor, 'finalizeQuarterlyAudit', [audit.id], { auditId });
      return audit;
    });
  }

  /** The sampled items of each of `auditIds`, by population then draw order, in their order: one statement. */
  async itemsOf(auditIds: readonly string[]): Promise<AuditItem[][]> {
    return groupedInKeyOrder(
      auditIds,
      await this.db.getRepository(AuditItem).find({
        where: { auditId: In([...auditIds]) },
        order: { population: 'ASC', position: 'ASC' },
      }),
      (i) => i.auditId,
    );
  }

  /** An audit the caller may read, or null. */
  async auditById(user: Caller, id: string): Promise<QuarterlyAudit | null> {
    if (!isUuid(id)) {
      return null;
    }
    const audit = await this.db.getRepository(QuarterlyAudit).findOneBy({ id });
    if (!audit) {
      return null;
    }
    const agreement = await this.db
      .getRepository(Agreement)
      .findOneByOrFail({ id: audit.agreementId });
    return this.agreements.mayReadReporting(user, agreement) ? audit : null;
  }

  private async auditFor(
    em: EntityManager,
    user: Caller,
    auditId: string,
    lock: boolean,
  ): Promise<QuarterlyAudit> {
    const q = em
      .getRepository(QuarterlyAudit)
      .createQueryBuilder('a')
      .where('a.id = :auditId', { auditId });
    if (lock) {
      q.setLock('pessimistic_write');
    }
    const audit = isUuid(auditId) ? await q.getOne() : null;
    if (audit) {
      const agreement = await em.findOneByOrFail(Agreement, { id: audit.agreementId });
      if (user.role === Role.AGENCY && coversRegion(user, agreement.regionCode)) {
        return audit;
      }
    }
    throw notFound('Quarterly audit', 'auditId');
  }
}
