import type Decimal from 'decimal.js';
import { Role } from '../../../shared/caller';
import { isCalendarDate } from '../../../shared/calendar-date';
import { badInput, conflict } from '../../../shared/domain-error';
import type { ClaimChannel, ReviewProposalStatus } from '../claim.enums';

/*
 * Reviews of adjudicated claims (先支付后审核, Henan art. 16; rules.md §3.3, §3.4 "As of", §10.2): when a review is
 * applied to the ledger or only proposed, on which day, and how much of a claim is left to review.
 */

/** Whether a review is applied to the ledger now, or is a proposal awaiting the three parties' confirmation. */
export type ReviewRoute = 'APPLY' | 'PROPOSE';

/**
 * rules.md §10.2 (Henan art. 16 "乙方应以书面形式告知定点医疗机构并商当地医保经办机构，三方确认后…"): a review of a
 * `DIRECT` claim made by the INSURER that finds something (X > 0) is a proposal; a review by an AGENCY, any review of a
 * `MANUAL` claim, and one that finds nothing (X = 0) apply at once.
 */
export function reviewRoute(
  reviewer: Role,
  channel: `${ClaimChannel}`,
  nonCompliant: Decimal,
): ReviewRoute {
  return reviewer === Role.INSURER && channel === 'DIRECT' && nonCompliant.greaterThan(0)
    ? 'PROPOSE'
    : 'APPLY';
}

/**
 * The day of a review (rules.md §3.4: events may be dated in the past, never in the future): `reviewedOn`, default
 * `today`; a calendar date, not after `today`, not before the claim's declaration day (`declaredOn`: nothing was there
 * to review before it). Refused on `reviewedOn`.
 */
export function reviewDay(
  reviewedOn: string | null | undefined,
  declaredOn: string,
  today: string,
): string {
  const day = reviewedOn ?? today;
  if (!isCalendarDate(day)) {
    throw badInput('reviewedOn', 'reviewedOn must be a calendar date');
  }
  if (day > today) {
    throw badInput('reviewedOn', 'reviewedOn must not be after today');
  }
  if (day < declaredOn) {
    throw badInput('reviewedOn', 'reviewedOn must not be before the claim’s declaration day');
  }
  return day;
}

/** What a claim's reviews have already taken or reserved (all amounts X of eligible self-pay, ≥ 0). */
export interface ReviewTally {
  /** The claim's eligible self-pay as adjudicated. */
  readonly eligible: Decimal;
  /** Σ X of the reviews and reversal applied to the ledger. */
  readonly applied: Decimal;
  /** Σ X of its proposals still PROPOSED. */
  readonly pending: Decimal;
}

/**
 * What is left to review of a claim (rules.md §3.3 "The total X of a claim's reviews never exceeds its eligible amount";
 * §10.2 "A claim's pending and applied reviews together never exceed its eligible amount"): eligible − applied − pending.
 */
export const reviewRoom = (t: ReviewTally): Decimal => t.eligible.minus(t.applied).minus(t.pending);

/** A review of `nonCompliant` fits in what is left of the claim; else `BAD_USER_INPUT` on `nonCompliantAmount`. */
export function checkReviewAmount(nonCompliant: Decimal, tally: ReviewTally): void {
  if (nonCompliant.isNegative()) {
    throw badInput('nonCompliantAmount', 'nonCompliantAmount must not be negative');
  }
  const left = reviewRoom(tally);
  if (nonCompliant.greaterThan(left)) {
    throw badInput(
      'nonCompliantAmount',
      tally.pending.isZero()
        ? `the reviews of a claim take back at most its eligible self-pay; ${left.toFixed(2)} is left`
        : `the reviews of a claim, applied and proposed, take back at most its eligible self-pay; ${left.toFixed(2)} is left`,
    );
  }
}

/** A proposal as its confirmation and withdrawal read it. */
export interface ProposalState {
  readonly status: `${ReviewProposalStatus}`;
  readonly proposedOn: string;
  readonly confirmedOn: string | null;
}

/**
 * 三方确认 (rules.md §10.2): the confirmation of a proposal on `confirmedOn` — a calendar date not before the proposal's
 * day and not after `today` (`BAD_USER_INPUT` on `confirmedOn`). A proposal confirmed on that same day answers
 * `'DONE'` (a repeated request changes nothing); confirmed on another day, or withdrawn: `CONFLICT` on `proposalId`.
 */
export function checkConfirmation(
  proposal: ProposalState,
  confirmedOn: string,
  today: string,
): 'CONFIRM' | 'DONE' {
  if (!isCalendarDate(confirmedOn)) {
    throw badInput('confirmedOn', 'confirmedOn must be a calendar date');
  }
  if (proposal.status === 'CONFIRMED') {
    if (proposal.confirmedOn === confirmedOn) {
      return 'DONE';
    }
    throw conflict(`The proposal was confirmed on ${proposal.confirmedOn}`, 'proposalId');
  }
  if (proposal.status === 'WITHDRAWN') {
    throw conflict('The proposal was withdrawn', 'proposalId');
  }
  if (confirmedOn > today) {
    throw badInput('confirmedOn', 'confirmedOn must not be after today');
  }
  if (confirmedOn < proposal.proposedOn) {
    throw badInput('confirmedOn', 'confirmedOn must not be before the proposal’s day');
  }
  return 'CONFIRM';
}

/** A proposal may be withdrawn while PROPOSED; a confirmed or withdrawn one is `CONFLICT` on `proposalId`. */
export function checkWithdrawal(proposal: ProposalState): void {
  if (proposal.status !== 'PROPOSED') {
    throw conflict(
      proposal.status === 'CONFIRMED'
        ? 'The proposal was confirmed and applied; only a new review changes the claim now'
        : 'The proposal was withdrawn',
      'proposalId',
    );
  }
}
