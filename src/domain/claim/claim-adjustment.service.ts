import type Decimal from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import { Role, coversRegion, type Caller } from '../../shared/caller';
import { isCalendarDate } from '../../shared/calendar-date';
import type { Clock } from '../../shared/clock';
import { withRetry } from '../../shared/db-errors';
import { badInput, conflict, notFound } from '../../shared/domain-error';
import { ZERO } from '../../shared/money';
import { requiredText } from '../../shared/text';
import { isUuid } from '../../shared/uuid';
import { Agreement } from '../agreement/agreement.entity';
import { AgreementTermsVersion } from '../agreement/terms/agreement-terms.entity';
import { decodeTerms } from '../agreement/terms/terms.codec';
import type { CriticalIllnessTermsValue } from '../agreement/terms/terms.model';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import { Claim } from './claim.entity';
import { ClaimStatus } from './claim.enums';
import { scheduleOf } from './claim-mappers';
import { lockAccumulators } from './ledger.store';
import { AccumulatorRow, LedgerEntry, type LedgerEntryKind } from './ledger.entity';
import { adjustmentDelta } from './rules/claim-benefit.rule';

/**
 * Changes to adjudicated claims (rules.md §3.3–3.4): payment, reviews (先支付后审核, Henan art. 16) and reversals.
 * AGENCY in its regions, or the INSURER that is party B of the claim's agreement (runtime.md); otherwise the claim
 * is absent (`NOT_FOUND`).
 */
export class ClaimAdjustmentService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
  ) {}

  /**
   * 支付: marks an ADJUDICATED claim with a benefit PAID on `paidOn` (not before `declaredOn`, not after today). Marking
   * it again with the same day answers it unchanged; another day is `CONFLICT`.
   */
  async markPaid(actor: AuditActor, claimId: string, paidOn: string): Promise<Claim> {
    if (!isCalendarDate(paidOn)) {
      throw badInput('paidOn', 'paidOn must be a calendar date');
    }
    return this.db.transaction(async (em) => {
      const claim = await this.claimFor(em, actor.user, claimId, true);
      if (claim.status === ClaimStatus.PAID) {
        if (claim.paidOn === paidOn) {
          return claim;
        }
        throw conflict(`The claim was marked paid on ${claim.paidOn}`, 'paidOn');
      }
      if (claim.status !== ClaimStatus.ADJUDICATED) {
        throw badInput('claimId', `a ${claim.status} claim is not paid`);
      }
      if (!claim.benefit.greaterThan(0)) {
        throw badInput('claimId', 'a claim with no benefit has nothing to pay');
      }
      if (paidOn < claim.declaredOn || paidOn > this.clock.today()) {
        throw badInput('paidOn', 'paidOn lies between the declaration day and today');
      }
      await em.update(
        Claim,
        { insuredPersonId: claim.insuredPersonId, id: claim.id },
        { status: ClaimStatus.PAID, paidOn },
      );
      await this.audit.record(em, actor, 'markClaimPaid', [claim.id], { claimId, paidOn });
      return Object.assign(claim, { status: ClaimStatus.PAID, paidOn });
    });
  }

  /**
   * 审核: records a review that found `nonCompliant` (X ≥ 0; 0: nothing found) of the claim's eligible self-pay not
   * compliant: a ledger entry of −X with the benefit delta taken at the top of the year's ledger (rules.md §3.3). The
   * reviews of a claim never take back more than its eligible amount.
   */
  review(
    actor: AuditActor,
    claimId: string,
    nonCompliant: Decimal,
    reason: string,
  ): Promise<Claim> {
    if (nonCompliant.isNegative()) {
      throw badInput('nonCompliantAmount', 'nonCompliantAmount must not be negative');
    }
    return this.adjust(actor, claimId, 'REVIEW', nonCompliant, reason);
  }

  /** 冲正: takes back all that is left of the claim's eligible amount; the claim becomes REVERSED (rules.md §3.3). */
  reverse(actor: AuditActor, claimId: string, reason: string): Promise<Claim> {
    return this.adjust(actor, claimId, 'REVERSAL', null, reason);
  }

  private async adjust(
    actor: AuditActor,
    claimId: string,
    kind: Exclude<LedgerEntryKind, 'CLAIM'>,
    amount: Decimal | null,
    reasonInput: string,
  ): Promise<Claim> {
    const reason = requiredText('reason', reasonInput, 500);
    return withRetry(() =>
      this.db.transaction(async (em) => {
        const found = await this.claimFor(em, actor.user, claimId, false);
        // Ledger first, then the claim: the order submissions lock in.
        const balance = (
          await lockAccumulators(em, [
            { personId: found.insuredPersonId, year: found.accumulatorYear },
          ])
        ).get(`${found.insuredPersonId}|${found.accumulatorYear}`)!;
        const claim = await this.claimFor(em, actor.user, claimId, true);
        if (claim.status === ClaimStatus.REJECTED || claim.status === ClaimStatus.REVERSED) {
          throw badInput(
            'claimId',
            `a ${claim.status} claim cannot be ${kind === 'REVIEW' ? 'reviewed' : 'reversed'}`,
          );
        }
        const taken = (
          await em.findBy(LedgerEntry, {
            insuredPersonId: claim.insuredPersonId,
            claimId: claim.id,
          })
        )
          .filter((e) => e.kind !== 'CLAIM')
          .reduce((sum, e) => sum.minus(e.eligibleDelta), ZERO);
        const left = claim.eligibleSelfPay.minus(taken);
        const x = amount ?? left;
        if (x.greaterThan(left)) {
          throw badInput(
            'nonCompliantAmount',
            `the reviews of a claim take back at most its eligible self-pay; ${left.toFixed(2)} is left`,
          );
        }
        const version = await em.findOneByOrFail(AgreementTermsVersion, {
          id: claim.termsVersionId,
        });
        const agreement = await em.findOneByOrFail(Agreement, { id: claim.agreementId });
        const terms = decodeTerms(agreement.kind, version.terms) as CriticalIllnessTermsValue;
        const delta = adjustmentDelta(
          scheduleOf(terms, claim.schedule),
          balance.eligibleTotal,
          x,
          balance.benefitTotal,
        );
        const after = balance.eligibleTotal.minus(x);
        await em.insert(LedgerEntry, {
          insuredPersonId: claim.insuredPersonId,
          year: claim.accumulatorYear,
          claimId: claim.id,
          kind,
          eligibleDelta: x.negated(),
          benefitDelta: delta,
          cumulativeBefore: balance.eligibleTotal,
          cumulativeAfter: after,
          reason,
          // The service's clock, not the database's: reports count reviews by the day they were made (rules.md §8).
          createdAt: this.clock.now(),
        });
        await em.update(
          AccumulatorRow,
          { insuredPersonId: claim.insuredPersonId, year: claim.accumulatorYear },
          {
            eligibleTotal: after,
            benefitTotal: balance.benefitTotal.plus(delta),
            entryCount: balance.entryCount + 1,
            updatedAt: new Date(),
          },
        );
        if (kind === 'REVERSAL') {
          await em.update(
            Claim,
            { insuredPersonId: claim.insuredPersonId, id: claim.id },
            { status: ClaimStatus.REVERSED },
          );
          claim.status = ClaimStatus.REVERSED;
        }
        await this.audit.record(
          em,
          actor,
          kind === 'REVIEW' ? 'reviewClaim' : 'reverseClaim',
          [claim.id],
          {
            claimId,
            nonCompliantAmount: x,
            reason,
          },
        );
        return claim;
      }),
    );
  }

  /** The claim, if the caller may change it (AGENCY in its regions; INSURER as party B); else `NOT_FOUND`. */
  private async claimFor(
    em: EntityManager,
    user: Caller,
    claimId: string,
    lock: boolean,
  ): Promise<Claim> {
    const q = em.getRepository(Claim).createQueryBuilder('c').where('c.id = :claimId', { claimId });
    if (lock) {
      q.setLock('pessimistic_write');
    }
    const claim = isUuid(claimId) ? await q.getOne() : null;
    if (claim && (await this.mayChange(em, user, claim))) {
      return claim;
    }
    throw notFound('Claim', 'claimId');
  }

  private async mayChange(em: EntityManager, user: Caller, claim: Claim): Promise<boolean> {
    if (user.role === Role.AGENCY) {
      return coversRegion(user, claim.regionCode);
    }
    if (user.role === Role.INSURER) {
      const agreement = await em.findOneBy(Agreement, { id: claim.agreementId });
      return agreement?.partyBId === user.org && coversRegion(user, claim.regionCode);
    }
    return false;
  }
}
