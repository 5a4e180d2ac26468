import type Decimal from 'decimal.js';

import { addMonths } from '../../../shared/calendar-date';
import { Money, ZERO } from '../../../shared/money';
import type { ClaimChannel, ClaimStatus } from '../../claim/claim.enums';
import { monthFirstDay, monthOf } from './settlement-month.rule';

/** Which institution and critical-illness agreement a claim belongs to. */
export interface StatementClaimKey {
  readonly channel: `${ClaimChannel}`;
  readonly institutionId: string;
  /** The critical-illness agreement the claim was adjudicated under. */
  readonly agreementId: string;
}

/** A claim as the statement reads it (a row of the claim table). */
export interface StatementClaim extends StatementClaimKey {
  readonly id: string;
  /** Its status now; a REVERSED claim still counts in the month it was declared in. */
  readonly status: `${ClaimStatus}`;
  /** 申报日期: the day its declaration to the insurer succeeded (Henan art. 16). */
  readonly declaredOn: string;
  /** The benefit as adjudicated, before any review or reversal. */
  readonly benefit: Decimal;
}

/** An applied review or reversal of a claim, with its claim's key (a ledger entry joined to its claim). */
export interface AppliedAdjustment extends StatementClaimKey {
  readonly claimId: string;
  /** The day it was applied: a review's confirmation (or its date when it applied at once), a reversal's date. */
  readonly appliedOn: string;
  /** The benefit delta it put on the ledger (rules.md §3.3): 0 or negative. */
  readonly benefitDelta: Decimal;
}

/** An institution's critical-illness statement for a month (contract `CriticalIllnessStatement`). */
export interface CriticalIllnessStatementFigures {
  readonly month: string;
  readonly claimCount: number;
  readonly benefits: Decimal;
  readonly clawbacks: Decimal;
  readonly net: Decimal;
}

/**
 * The critical-illness statement of `institutionId` under agreement `agreementId` for `month` (Henan art. 16
 * "三方确认后，不合规费用在下月结算资金时扣除"; rules.md §10.2), a flow that never rewrites a past month:
 * - `benefits`: the benefits as adjudicated of its `DIRECT` claims under that agreement declared in `month`, REJECTED
 *   ones left out (a claim reversed later stays here, and its reversal is clawed back);
 * - `claimCount`: the claims counted in `benefits`, zero-benefit ones included;
 * - `clawbacks`: the benefit reductions of the reviews and reversals of its `DIRECT` claims under that agreement
 *   applied in the month before `month`, as a positive amount (a delta above 0 is no reduction and is not counted);
 * - `net = benefits − clawbacks`, negative when the institution owes the insurer.
 * Proposals not yet confirmed are not applied adjustments and must not be passed. `month` must be a checked month.
 */
export function criticalIllnessStatement(input: {
  readonly institutionId: string;
  readonly agreementId: string;
  readonly month: string;
  readonly claims: readonly StatementClaim[];
  readonly adjustments: readonly AppliedAdjustment[];
}): CriticalIllnessStatementFigures {
  const { institutionId, agreementId, month } = input;
  const ours = (k: StatementClaimKey): boolean =>
    k.channel === 'DIRECT' && k.institutionId === institutionId && k.agreementId === agreementId;
  const counted = input.claims.filter(
    (c) => ours(c) && c.status !== 'REJECTED' && monthOf(c.declaredOn) === month,
  );
  const benefits = counted.reduce<Decimal>((s, c) => s.plus(c.benefit), new Money(0));
  const previous = addMonths(monthFirstDay(month), -1).slice(0, 7);
  const clawbacks = input.adjustments
    .filter((a) => ours(a) && monthOf(a.appliedOn) === previous && a.benefitDelta.isNegative())
    .reduce<Decimal>((s, a) => s.minus(a.benefitDelta), ZERO);
  return {
    month,
    claimCount: counted.length,
    benefits,
    clawbacks,
    net: benefits.minus(clawbacks),
  };
}
