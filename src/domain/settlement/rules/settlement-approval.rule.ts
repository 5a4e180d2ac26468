import type Decimal from 'decimal.js';

import { isCalendarDate } from '../../../shared/calendar-date';
import { penaltyOffsets, type OffsetPenalty } from './penalty-offsets.rule';
import { accept, conflictOn, refuse, type Checked } from './settlement-check';
import { isHeldOn, type PaymentHoldFact } from './settlement-due.rule';
import {
  settlementFigures,
  type SettlementFigures,
  type SettlementItemFact,
  type SettlementState,
  type SettlementStatusValue,
} from './settlement-items.rule';

/**
 * Checks an approval (rules.md §10.1): `CONFLICT` on `settlementId` when the settlement is already approved or paid;
 * refused on `approvedOn` when it is not a date, is before `declaredOn`, or is after `today`. A payment hold does not
 * block approval.
 */
export function checkApproval(
  settlement: SettlementState,
  approvedOn: string,
  today: string,
): Checked<string> {
  if (settlement.status !== 'DECLARED') {
    return conflictOn('settlementId', 'The settlement is already approved');
  }
  if (!isCalendarDate(approvedOn)) {
    return refuse('approvedOn', 'approvedOn must be a calendar date');
  }
  if (approvedOn < settlement.declaredOn) {
    return refuse('approvedOn', 'approvedOn must not be before the declaration');
  }
  if (approvedOn > today) {
    return refuse('approvedOn', 'approvedOn must not be after today');
  }
  return accept(approvedOn);
}

/** What an approval records. */
export interface ApprovalOutcome {
  /** The PENALTY_OFFSET items to append, each also recorded as a payment of its penalty (method OFFSET) on `approvedOn`. */
  readonly offsetItems: readonly SettlementItemFact[];
  /** The figures once the offsets are appended. */
  readonly figures: SettlementFigures;
  /** `PAID` when `netPayable` is 0.00 (nothing to transfer), else `APPROVED`. */
  readonly status: Extract<SettlementStatusValue, 'APPROVED' | 'PAID'>;
  /** `approvedOn` when paid on approval, else null. */
  readonly paidOn: string | null;
}

/**
 * The approval of a settlement on `approvedOn` (Suining arts. 43, 67; rules.md §10.1), after {@link checkApproval}:
 * with `offsetPenalties`, every penalty of the agreement ENFORCEABLE on the approval date is offset against what the
 * settlement leaves to pay (`declaredAmount − deductions − withheld + released`), oldest first, until nothing is left
 * ({@link penaltyOffsets}); without, none is. `netPayable` is what remains, never below 0 by the offsets; a settlement
 * approved at 0.00 is PAID on its approval date.
 */
export function approvalOutcome(input: {
  readonly settlement: { readonly id: string; readonly declaredAmount: Decimal };
  readonly items: readonly SettlementItemFact[];
  readonly penalties: readonly OffsetPenalty[];
  readonly approvedOn: string;
  readonly offsetPenalties: boolean;
}): ApprovalOutcome {
  const { settlement, approvedOn } = input;
  const before = settlementFigures(settlement, input.items);
  const offsetItems: SettlementItemFact[] = input.offsetPenalties
    ? penaltyOffsets(input.penalties, approvedOn, before.netPayable).map((o) => ({
        settlementId: settlement.id,
        kind: 'PENALTY_OFFSET',
        claimId: null,
        penaltyId: o.penaltyId,
        amount: o.amount,
        recordedOn: approvedOn,
      }))
    : [];
  const figures = settlementFigures(settlement, [...input.items, ...offsetItems]);
  const paid = figures.netPayable.isZero();
  return {
    offsetItems,
    figures,
    status: paid ? 'PAID' : 'APPROVED',
    paidOn: paid ? approvedOn : null,
  };
}

/**
 * Checks a payment of a settlement on `paidOn` (Suining art. 43; rules.md §10.1): refused on `settlementId` when the
 * settlement is not approved yet; `CONFLICT` on `settlementId` when it is already paid; refused on `paidOn` when it is
 * not a date, is before the approval or after `today`, or falls on a day a hold covers the agreement (every hold
 * recorded, whenever it was recorded).
 */
export function checkPayment(input: {
  readonly settlement: {
    readonly status: SettlementStatusValue;
    readonly approvedOn: string | null;
  };
  readonly paidOn: string;
  readonly today: string;
  readonly holds: readonly PaymentHoldFact[];
}): Checked<string> {
  const { settlement, paidOn } = input;
  if (settlement.status === 'PAID') {
    return conflictOn('settlementId', 'The settlement is already paid');
  }
  if (settlement.status !== 'APPROVED' || settlement.approvedOn === null) {
    return refuse('settlementId', 'The settlement is not approved yet');
  }
  if (!isCalendarDate(paidOn)) {
    return refuse('paidOn', 'paidOn must be a calendar date');
  }
  if (paidOn < settlement.approvedOn) {
    return refuse('paidOn', 'paidOn must not be before the approval');
  }
  if (paidOn > input.today) {
    return refuse('paidOn', 'paidOn must not be after today');
  }
  if (isHeldOn(input.holds, paidOn)) {
    return refuse('paidOn', 'The agreement is under a payment hold on paidOn');
  }
  return accept(paidOn);
}
