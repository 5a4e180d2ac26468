import type Decimal from 'decimal.js';

import { maxOf, minOf, Money, ZERO } from '../../../shared/money';
import {
  amountPaid,
  penaltyStatusOn,
  type PenaltyPayment,
} from '../../penalty/rules/penalty-dates.rule';

/** A penalty of the settlement's agreement as offsetting needs it (a penalty row and its payments). */
export interface OffsetPenalty {
  readonly id: string;
  readonly noticeOn: string;
  readonly dueOn: string;
  readonly enforceableFrom: string;
  readonly totalDue: Decimal;
  /** Every payment recorded for it, by any method, whatever its date. */
  readonly payments: readonly PenaltyPayment[];
}

/** One offset: `amount` of penalty `penaltyId` paid out of the settlement (a PENALTY_OFFSET item and a payment). */
export interface PenaltyOffset {
  readonly penaltyId: string;
  readonly amount: Decimal;
}

const byAge = (a: OffsetPenalty, b: OffsetPenalty): number =>
  a.dueOn.localeCompare(b.dueOn) ||
  a.noticeOn.localeCompare(b.noticeOn) ||
  a.id.localeCompare(b.id);

/**
 * The offsets an approval on `approvedOn` makes (Suining art. 67 "逾期…未缴的，甲方可…从乙方申请拨付的医保费用中予以
 * 抵扣"; rules.md §7.4, §10.1). Every penalty that is `ENFORCEABLE` on the approval date (its status on that day by
 * {@link penaltyStatusOn}: payments dated on or before it do not cover it, and `enforceableFrom` has come) is offset,
 * oldest `dueOn` first, then `noticeOn`, then id, each up to its outstanding amount — `totalDue` less every payment
 * recorded for it, including any dated after the approval, so a penalty is never paid beyond its total — until
 * `available` (what the settlement leaves to pay before offsets) is used up. Offsets stop at 0: their sum never exceeds
 * `available`, and nothing is offset when `available` is not above 0. Penalties with nothing outstanding are skipped.
 * Pass only the penalties of the settlement's agreement.
 */
export function penaltyOffsets(
  penalties: readonly OffsetPenalty[],
  approvedOn: string,
  available: Decimal,
): PenaltyOffset[] {
  let left = maxOf(new Money(available), ZERO);
  const offsets: PenaltyOffset[] = [];
  for (const p of [...penalties].sort(byAge)) {
    if (!left.greaterThan(0)) {
      break;
    }
    if (penaltyStatusOn(p, p.payments, approvedOn) !== 'ENFORCEABLE') {
      continue;
    }
    const outstanding = new Money(p.totalDue).minus(amountPaid(p.payments));
    if (!outstanding.greaterThan(0)) {
      continue;
    }
    const amount = minOf(outstanding, left);
    offsets.push({ penaltyId: p.id, amount });
    left = left.minus(amount);
  }
  return offsets;
}
