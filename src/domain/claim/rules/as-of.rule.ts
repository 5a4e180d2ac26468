import type Decimal from 'decimal.js';
import type { ClaimStatus } from '../claim.enums';

/*
 * "As of" a date (rules.md §3.4): an answer goes by the events' own dates — the day a review was applied, a claim
 * reversed, a payment made — and an event dated after the as-of date is left out, so a claim reviewed or reversed later
 * is judged as it stood on that date. A past answer therefore changes only when an event is recorded late with an
 * earlier date (or a holiday schedule is loaded, §3.6).
 */

/** What the as-of rules read of a claim. */
export interface ClaimFacts {
  /** The benefit as adjudicated (before reviews and reversals). */
  readonly benefit: Decimal;
  /** Its status now. */
  readonly status: `${ClaimStatus}`;
  readonly paymentDueOn: string;
  readonly paidOn: string | null;
}

/** A review or reversal of the claim on the ledger, with the day it was applied (`ledger_entry.applied_on`). */
export interface DatedAdjustment {
  readonly kind: string;
  readonly appliedOn: string;
  /** The benefit delta it put on the ledger (≤ 0). */
  readonly benefitDelta: Decimal;
}

/** A claim as it stood at the end of a day. */
export interface ClaimStanding {
  readonly status: `${ClaimStatus}`;
  /** The benefit as adjudicated plus the deltas of the reviews and reversal applied by then. */
  readonly netBenefit: Decimal;
}

/**
 * The claim as it stood at the end of `asOf`: REJECTED stays REJECTED (that is decided at adjudication); REVERSED only
 * once a REVERSAL entry is applied on or before `asOf`; otherwise PAID when paid on or before `asOf`, else ADJUDICATED.
 * `netBenefit` adds the deltas of the adjustments applied on or before `asOf` to the benefit as adjudicated.
 */
export function claimStandingOn(
  claim: ClaimFacts,
  adjustments: readonly DatedAdjustment[],
  asOf: string,
): ClaimStanding {
  const applied = adjustments.filter((a) => a.appliedOn <= asOf);
  const netBenefit = applied.reduce<Decimal>((s, a) => s.plus(a.benefitDelta), claim.benefit);
  if (claim.status === 'REJECTED') {
    return { status: 'REJECTED', netBenefit };
  }
  if (applied.some((a) => a.kind === 'REVERSAL')) {
    return { status: 'REVERSED', netBenefit };
  }
  return {
    status: claim.paidOn !== null && claim.paidOn <= asOf ? 'PAID' : 'ADJUDICATED',
    netBenefit,
  };
}

/**
 * 逾期 on `asOf` (rules.md §3.4), as the claim stood that day: a benefit above 0 — as adjudicated, and still after the
 * reviews applied by then — not REJECTED, not reversed by then, unpaid on `asOf`, and its due date before `asOf`
 * (payment on the due date is on time). Reviews, reversals and payments dated after `asOf` change nothing.
 */
export function isOverdueAsOf(
  claim: ClaimFacts,
  adjustments: readonly DatedAdjustment[],
  asOf: string,
): boolean {
  if (!claim.benefit.greaterThan(0) || claim.paymentDueOn >= asOf) {
    return false;
  }
  const standing = claimStandingOn(claim, adjustments, asOf);
  return standing.status === 'ADJUDICATED' && standing.netBenefit.greaterThan(0);
}
