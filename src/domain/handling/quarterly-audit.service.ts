import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { groupedInKeyOrder } from '../../shared/batching';
import { Role, coversRegion, type Caller } from '../../shared/caller';
import { isUniqueViolation } from '../../shared/db-errors';
import { badInput, notFound } from '../../shared/domain-error';
import type { Money } from '../../shared/money';
import { quarterDays, requiredQuarter } from '../../shared/period';
import { regionPrefix } from '../../shared/region';
import { requiredText } from '../../shared/text';
import { isUuid } from '../../shared/uuid';
import { Agreement } from '../agreement/agreement.entity';
import type { AgreementService } from '../agreement/agreement.service';
import type { AgreementTermsService } from '../agreement/terms/agreement-terms.service';
import type { HandlingTermsValue } from '../agreement/terms/terms.model';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import { prefixCondition } from '../claim/claim-access';
import { HANDLING } from './handling.service';
import type { AuditVerdictInput } from './handling.types';
import { AuditItem, QuarterlyAudit } from './quarterly-audit.entity';
import { auditOutcome, drawSample, sampleSize } from './rules/quarterly-audit.rule';

/**
 * Quarterly audits of commissioned handling (Luoyang art. 5; rules.md §5): the samples drawn reproducibly from a seed,
 * the verdicts, the pass rate and its deduction. Changes are AGENCY's in its regions; audits are read by AGENCY and
 * REPORTING in their regions and by the INSURER of its own agreements (runtime.md).
 */
export class QuarterlyAuditService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly terms: AgreementTermsService,
    private readonly agreements: AgreementService,
  ) {}

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
        const items = await this.drawItems(em, agreement, from, to, terms, seed);
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

  /**
   * The items of a quarter's audit (rules.md §5): the two populations of claims discharged from `from` to `to` whose
   * person lives in the agreement's covered regions — MANUAL settlements not REJECTED, and claims with at least one
   * review — each sampled at its rate of the terms (`ceil(rate × population)`), in the order of HMAC(seed, claim id).
   */
  private async drawItems(
    em: EntityManager,
    agreement: Agreement,
    from: string,
    to: string,
    terms: HandlingTermsValue,
    seed: string,
  ): Promise<Omit<AuditItem, 'auditId' | 'passed' | 'note' | 'judgedAt'>[]> {
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
    // Reviews applied to the ledger only: a proposal awaiting confirmation is not a review yet (rules.md §5, §10.2).
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
    return items;
  }
}
