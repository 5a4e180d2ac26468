import { randomUUID } from 'node:crypto';
import type Decimal from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import { Role, coversRegion, type Caller } from '../../shared/caller';
import { isCalendarDate } from '../../shared/calendar-date';
import type { Clock } from '../../shared/clock';
import { withRetry } from '../../shared/db-errors';
import { badInput, conflict, notFound } from '../../shared/domain-error';
import { Money } from '../../shared/money';
import { requiredText } from '../../shared/text';
import { isUuid } from '../../shared/uuid';
import { Agreement } from '../agreement/agreement.entity';
import { AgreementTermsVersion } from '../agreement/terms/agreement-terms.entity';
import { decodeTerms } from '../agreement/terms/terms.codec';
import type { CriticalIllnessTermsValue } from '../agreement/terms/terms.model';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import { ClaimReviewProposal } from './claim-review-proposal.entity';
import { Claim } from './claim.entity';
import { ClaimStatus, ReviewProposalStatus } from './claim.enums';
import { scheduleOf } from './claim-mappers';
import { lockAccumulators, type Balance } from './ledger.store';
import { AccumulatorRow, LedgerEntry, type LedgerEntryKind } from './ledger.entity';
import { adjustmentDelta } from './rules/claim-benefit.rule';
import {
  checkConfirmation,
  checkReviewAmount,
  checkWithdrawal,
  reviewDay,
  reviewRoute,
  type ReviewTally,
} from './rules/review.rule';

/** Why a reversal withdraws the claim's proposals still awaiting confirmation. */
const WITHDRAWN_BY_REVERSAL = '冲正: the claim was reversed; nothing is left to review';

/** A REJECTED or REVERSED claim is neither reviewed nor reversed (`BAD_USER_INPUT` on `claimId`). */
const assertAdjustable = (claim: Claim, what: 'reviewed' | 'reversed'): void => {
  if (claim.status === ClaimStatus.REJECTED || claim.status === ClaimStatus.REVERSED) {
    throw badInput('claimId', `a ${claim.status} claim cannot be ${what}`);
  }
};

/** Locks the person's accumulator of the claim's year (ledger first, then the claim: the order submissions lock in). */
const lockedBalance = async (em: EntityManager, claim: Claim): Promise<Balance> =>
  (
    await lockAccumulators(em, [{ personId: claim.insuredPersonId, year: claim.accumulatorYear }])
  ).get(`${claim.insuredPersonId}|${claim.accumulatorYear}`)!;

/** Locks a proposal's row and answers it as it is now. */
const lockProposal = (em: EntityManager, p: ClaimReviewProposal): Promise<ClaimReviewProposal> =>
  em
    .getRepository(ClaimReviewProposal)
    .createQueryBuilder('p')
    .where('p.insured_person_id = :person AND p.id = :id', { person: p.insuredPersonId, id: p.id })
    .setLock('pessimistic_write')
    .getOneOrFail();

/**
 * What the claim's reviews have taken (its ledger adjustments) and reserved (its proposals still PROPOSED, but
 * `exceptProposal`): read under the claim's lock, so two reviews racing for the last amount are serialized.
 */
const reviewTally = async (
  em: EntityManager,
  claim: Claim,
  exceptProposal?: string,
): Promise<ReviewTally> => {
  const [row] = await em.query<{ applied: string; pending: string }[]>(
    `SELECT
       (SELECT coalesce(-sum(e.eligible_delta), 0) FROM ledger_entry e
        WHERE e.insured_person_id = $1 AND e.claim_id = $2 AND e.kind <> 'CLAIM') AS applied,
       (SELECT coalesce(sum(p.non_compliant_amount), 0) FROM claim_review_proposal p
        WHERE p.insured_person_id = $1 AND p.claim_id = $2 AND p.status = 'PROPOSED'
          AND p.id IS DISTINCT FROM $3::uuid) AS pending`,
    [claim.insuredPersonId, claim.id, exceptProposal ?? null],
  );
  return {
    eligible: claim.eligibleSelfPay,
    applied: new Money(row?.applied ?? 0),
    pending: new Money(row?.pending ?? 0),
  };
};

/**
 * Changes to adjudicated claims (rules.md §3.3–3.4, §10.2): payment, reviews (先支付后审核, Henan art. 16) and their
 * proposals, reversals. Each dated by its own day (rules.md §3.4, "As of"). Paying, reviewing and reversing: AGENCY in
 * its regions, or the INSURER that is party B of the claim's agreement (runtime.md); confirming a proposal: the local
 * AGENCY; withdrawing one: the local AGENCY or the insurer that proposed it. Otherwise the claim or proposal is absent
 * (`NOT_FOUND`).
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
   * 审核 (先支付后审核, Henan art. 16; rules.md §3.3, §10.2): a review that found `nonCompliant` (X ≥ 0; 0: nothing
   * found) of the claim's eligible self-pay not compliant, dated `reviewedOn` (default today; not after today, not before
   * the claim's declaration day). The INSURER's review of a `DIRECT` claim that finds something is a proposal
   * (`ClaimReviewProposal`, PROPOSED): nothing changes on the ledger until the local agency confirms it. Any other review
   * is applied at once on its day: a ledger entry of −X with the benefit delta taken at the top of the year's ledger. A
   * claim's applied and pending reviews never take back more than its eligible amount (the claim row is locked).
   */
  review(
    actor: AuditActor,
    claimId: string,
    nonCompliant: Decimal,
    reasonInput: string,
    reviewedOn?: string | null,
  ): Promise<Claim> {
    if (nonCompliant.isNegative()) {
      throw badInput('nonCompliantAmount', 'nonCompliantAmount must not be negative');
    }
    if (reviewedOn != null && !isCalendarDate(reviewedOn)) {
      throw badInput('reviewedOn', 'reviewedOn must be a calendar date');
    }
    const reason = requiredText('reason', reasonInput, 500);
    const today = this.clock.today();
    return withRetry(() =>
      this.db.transaction(async (em) => {
        const found = await this.claimFor(em, actor.user, claimId, false);
        const day = reviewDay(reviewedOn, found.declaredOn, today);
        if (reviewRoute(actor.user.role, found.channel, nonCompliant) === 'APPLY') {
          return this.applyAdjustment(em, actor, found, {
            kind: 'REVIEW',
            amount: nonCompliant,
            reason,
            appliedOn: day,
          });
        }
        const claim = await this.claimFor(em, actor.user, claimId, true);
        assertAdjustable(claim, 'reviewed');
        checkReviewAmount(nonCompliant, await reviewTally(em, claim));
        const proposal: Partial<ClaimReviewProposal> = {
          insuredPersonId: claim.insuredPersonId,
          id: randomUUID(),
          claimId: claim.id,
          proposedBy: actor.user.org!,
          nonCompliantAmount: nonCompliant,
          reason,
          proposedOn: day,
          status: ReviewProposalStatus.PROPOSED,
          confirmedOn: null,
          ledgerEntryId: null,
          withdrawnOn: null,
          withdrawalReason: null,
        };
        await em.insert(ClaimReviewProposal, proposal);
        await this.audit.record(
          em,
          actor,
          'reviewClaim',
          [claim.id, proposal.id!],
          { claimId, nonCompliantAmount: nonCompliant, reason, reviewedOn: day, proposal: true },
          [claim.regionCode],
        );
        return claim;
      }),
    );
  }

  /**
   * 冲正: takes back all that is left of the claim's eligible amount, dated the day it is recorded (rules.md §3.3–3.4);
   * the claim becomes REVERSED, and its proposals still awaiting confirmation are withdrawn (nothing is left to review).
   */
  reverse(actor: AuditActor, claimId: string, reasonInput: string): Promise<Claim> {
    const reason = requiredText('reason', reasonInput, 500);
    const today = this.clock.today();
    return withRetry(() =>
      this.db.transaction(async (em) => {
        const found = await this.claimFor(em, actor.user, claimId, false);
        return this.applyAdjustment(em, actor, found, {
          kind: 'REVERSAL',
          amount: null,
          reason,
          appliedOn: today,
        });
      }),
    );
  }

  /**
   * 三方确认 (Henan art. 16; rules.md §10.2): the local agency (an AGENCY whose regions cover the claim)
   * confirms a proposal on `confirmedOn` (not before the proposal, not after today): it is applied then, at the top of
   * the year's ledger (rules.md §3.3), with the proposal's amount and reason. Confirming it again on the same day
   * answers the claim unchanged; another day, or a withdrawn proposal, is `CONFLICT`. Answers the claim.
   */
  confirmProposal(actor: AuditActor, proposalId: string, confirmedOn: string): Promise<Claim> {
    if (!isCalendarDate(confirmedOn)) {
      throw badInput('confirmedOn', 'confirmedOn must be a calendar date');
    }
    const today = this.clock.today();
    return withRetry(() =>
      this.db.transaction(async (em) => {
        const seen = await this.proposalFor(em, actor.user, proposalId, 'confirm');
        const balance = await lockedBalance(em, seen.claim);
        const claim = await this.lockClaim(em, seen.claim);
        const proposal = await lockProposal(em, seen.proposal);
        if (checkConfirmation(proposal, confirmedOn, today) === 'DONE') {
          return claim;
        }
        const { entryId } = await this.appendAdjustment(em, claim, balance, {
          kind: 'REVIEW',
          amount: proposal.nonCompliantAmount,
          reason: proposal.reason,
          appliedOn: confirmedOn,
          exceptProposal: proposal.id,
        });
        await em.update(
          ClaimReviewProposal,
          { insuredPersonId: proposal.insuredPersonId, id: proposal.id },
          { status: ReviewProposalStatus.CONFIRMED, confirmedOn, ledgerEntryId: entryId },
        );
        await this.audit.record(
          em,
          actor,
          'confirmClaimReview',
          [claim.id, proposal.id],
          { proposalId, confirmedOn },
          [claim.regionCode],
        );
        return claim;
      }),
    );
  }

  /**
   * 撤回 (rules.md §10.2): a proposal still awaiting confirmation is withdrawn, by the local agency (an AGENCY whose
   * regions cover the claim) or by the insurer that proposed it; it never touched the ledger, and its amount
   * is free again. A confirmed or withdrawn proposal is `CONFLICT`. Answers the claim.
   */
  withdrawProposal(actor: AuditActor, proposalId: string, reasonInput: string): Promise<Claim> {
    const reason = requiredText('reason', reasonInput, 500);
    const today = this.clock.today();
    return withRetry(() =>
      this.db.transaction(async (em) => {
        const seen = await this.proposalFor(em, actor.user, proposalId, 'withdraw');
        const claim = await this.lockClaim(em, seen.claim);
        const proposal = await lockProposal(em, seen.proposal);
        checkWithdrawal(proposal);
        await em.update(
          ClaimReviewProposal,
          { insuredPersonId: proposal.insuredPersonId, id: proposal.id },
          { status: ReviewProposalStatus.WITHDRAWN, withdrawnOn: today, withdrawalReason: reason },
        );
        await this.audit.record(
          em,
          actor,
          'withdrawClaimReview',
          [claim.id, proposal.id],
          { proposalId, reason },
          [claim.regionCode],
        );
        return claim;
      }),
    );
  }

  /**
   * Applies a review or reversal to a claim the caller may change (found unlocked): locks the accumulator, then the
   * claim, appends the entry and, for a reversal, marks the claim REVERSED and withdraws its pending proposals.
   */
  private async applyAdjustment(
    em: EntityManager,
    actor: AuditActor,
    found: Claim,
    change: {
      kind: Exclude<LedgerEntryKind, 'CLAIM'>;
      amount: Decimal | null;
      reason: string;
      appliedOn: string;
    },
  ): Promise<Claim> {
    const balance = await lockedBalance(em, found);
    const claim = await this.claimFor(em, actor.user, found.id, true);
    assertAdjustable(claim, change.kind === 'REVIEW' ? 'reviewed' : 'reversed');
    const { x } = await this.appendAdjustment(em, claim, balance, change);
    if (change.kind === 'REVERSAL') {
      await em.update(
        Claim,
        { insuredPersonId: claim.insuredPersonId, id: claim.id },
        { status: ClaimStatus.REVERSED },
      );
      claim.status = ClaimStatus.REVERSED;
      await em.query(
        `UPDATE claim_review_proposal SET status = 'WITHDRAWN', withdrawn_on = $3, withdrawal_reason = $4
         WHERE insured_person_id = $1 AND claim_id = $2 AND status = 'PROPOSED'`,
        [claim.insuredPersonId, claim.id, change.appliedOn, WITHDRAWN_BY_REVERSAL],
      );
    }
    await this.audit.record(
      em,
      actor,
      change.kind === 'REVIEW' ? 'reviewClaim' : 'reverseClaim',
      [claim.id],
      {
        claimId: claim.id,
        nonCompliantAmount: x,
        reason: change.reason,
        ...(change.kind === 'REVIEW' ? { reviewedOn: change.appliedOn } : {}),
      },
      [claim.regionCode],
    );
    return claim;
  }

  /**
   * Appends a review or reversal of `claim` (locked, with its accumulator's `balance`) to the ledger, applied on
   * `appliedOn`: X (a reversal: all that is left after the applied reviews) within what is left of the claim, the
   * pending proposals but `exceptProposal` reserved; the benefit delta at the top of the year's ledger (rules.md §3.3).
   * Answers the new entry's id and its X.
   */
  private async appendAdjustment(
    em: EntityManager,
    claim: Claim,
    balance: Balance,
    change: {
      kind: Exclude<LedgerEntryKind, 'CLAIM'>;
      amount: Decimal | null;
      reason: string;
      appliedOn: string;
      exceptProposal?: string;
    },
  ): Promise<{ entryId: string; x: Decimal }> {
    const tally = await reviewTally(em, claim, change.exceptProposal);
    const x = change.amount ?? claim.eligibleSelfPay.minus(tally.applied);
    if (change.amount !== null) {
      checkReviewAmount(x, tally);
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
    const inserted = await em.insert(LedgerEntry, {
      insuredPersonId: claim.insuredPersonId,
      year: claim.accumulatorYear,
      claimId: claim.id,
      kind: change.kind,
      eligibleDelta: x.negated(),
      benefitDelta: delta,
      cumulativeBefore: balance.eligibleTotal,
      cumulativeAfter: after,
      reason: change.reason,
      appliedOn: change.appliedOn,
      // The service's clock, not the database's: the moment it was recorded.
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
    return { entryId: String((inserted.identifiers[0] as { id: string | number }).id), x };
  }

  /**
   * A proposal the caller may act on, with its claim (both unlocked), else `NOT_FOUND` on `proposalId`: for an AGENCY,
   * one whose claim lies in its regions (the local agency, rules.md §10.2, as docs/decisions.md reads it: the claim's
   * region, as the claim scope reads it, so that no answer shows a claim `claim(id)` refuses); to withdraw, also the
   * INSURER's own proposals on claims in its regions.
   */
  private async proposalFor(
    em: EntityManager,
    user: Caller,
    proposalId: string,
    action: 'confirm' | 'withdraw',
  ): Promise<{ proposal: ClaimReviewProposal; claim: Claim }> {
    const proposal = isUuid(proposalId)
      ? await em.getRepository(ClaimReviewProposal).findOneBy({ id: proposalId })
      : null;
    const claim = proposal
      ? await em.getRepository(Claim).findOneBy({
          insuredPersonId: proposal.insuredPersonId,
          id: proposal.claimId,
        })
      : null;
    if (proposal && claim) {
      if (user.role === Role.AGENCY) {
        if (coversRegion(user, claim.regionCode)) {
          return { proposal, claim };
        }
      } else if (
        action === 'withdraw' &&
        user.role === Role.INSURER &&
        proposal.proposedBy === user.org &&
        coversRegion(user, claim.regionCode)
      ) {
        return { proposal, claim };
      }
    }
    throw notFound('Review proposal', 'proposalId');
  }

  /** Locks `claim`'s row again and answers it as it is now. */
  private lockClaim(em: EntityManager, claim: Claim): Promise<Claim> {
    return em
      .getRepository(Claim)
      .createQueryBuilder('c')
      .where('c.insured_person_id = :p AND c.id = :id', { p: claim.insuredPersonId, id: claim.id })
      .setLock('pessimistic_write')
      .getOneOrFail();
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
