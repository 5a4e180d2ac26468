import type Decimal from 'decimal.js';

import { badInput } from '../../../shared/domain-error';
import { Money, ZERO } from '../../../shared/money';
import type { InstitutionTermsValue } from '../../agreement/terms/terms.model';
import { workingDaysAfter, type WorkingDayCalendar } from '../../calendar/rules/working-days.rule';

export interface PenaltyDueDates {
  /** The last day to pay: the `penaltyDueWorkingDays`-th working day after the notice (art. 67: 30). */
  readonly dueOn: string;
  /** The first day an unpaid penalty is enforceable: the (`overdueGraceWorkingDays` + 1)-th working day after `dueOn`. */
  readonly enforceableFrom: string;
  /**
   * Whether either count went over a year whose holiday schedule is not loaded (rules.md §3.6): the chain of counts
   * went over `(noticeOn, enforceableFrom]`, so this is `isProvisionalCount(cal, noticeOn, enforceableFrom)`.
   */
  readonly dueProvisional: boolean;
}

/**
 * The payment dates of a penalty (Suining art. 67; rules.md §7.4). Recovered amounts and damages are due "在接到甲方通知后
 * 30个工作日内": `noticeOn` (the day the institution received the notice) is not counted and `dueOn` is the 30th working
 * day after it (the working-day count of rules.md §3.4). "逾期10个工作日内未缴的" leaves 10 working days of grace after
 * `dueOn`; from the 11th working day after `dueOn` (`enforceableFrom`) the agency may withhold, offset, suspend or
 * terminate. Both counts are terms of the agreement (`penaltyDueWorkingDays`, `overdueGraceWorkingDays`).
 *
 * Example (rules.md §9): notice 2024-01-29 → due 2024-03-14 (Spring Festival 10–17 Feb off; 4 and 18 Feb count) →
 * enforceable from 2024-03-29.
 *
 * Both dates are provisional (`dueProvisional`) when either count went over a year without a loaded schedule, whose
 * days then count on the provisional statutory calendar (rules.md §3.6); `loadCalendarYear` recounts them.
 */
export function penaltyDueDates(
  cal: WorkingDayCalendar,
  noticeOn: string,
  terms: Pick<InstitutionTermsValue, 'penaltyDueWorkingDays' | 'overdueGraceWorkingDays'>,
): PenaltyDueDates {
  const due = workingDaysAfter(cal, noticeOn, terms.penaltyDueWorkingDays);
  const enforceable = workingDaysAfter(cal, due.date, terms.overdueGraceWorkingDays + 1);
  return {
    dueOn: due.date,
    enforceableFrom: enforceable.date,
    dueProvisional: due.provisional || enforceable.provisional,
  };
}

export type PenaltyStatusValue = 'OPEN' | 'PAID' | 'ENFORCEABLE';

export interface PenaltyPayment {
  readonly paidOn: string;
  readonly amount: Decimal;
}

/** What the status of a penalty depends on. */
export interface PenaltyStanding {
  readonly totalDue: Decimal;
  readonly enforceableFrom: string;
}

/** The sum of the payments made on or before `asOf` (all of them when `asOf` is absent). */
export const amountPaid = (payments: readonly PenaltyPayment[], asOf?: string): Decimal =>
  payments
    .filter((p) => asOf === undefined || p.paidOn <= asOf)
    .reduce<Decimal>((sum, p) => sum.plus(p.amount), new Money(0));

/**
 * A penalty's status on `asOf` (rules.md §7.4): `PAID` once the payments made by that day cover `totalDue` (a penalty
 * with nothing due is `PAID` from the start); else `ENFORCEABLE` from `enforceableFrom` on; else `OPEN`.
 */
export function penaltyStatusOn(
  penalty: PenaltyStanding,
  payments: readonly PenaltyPayment[],
  asOf: string,
): PenaltyStatusValue {
  if (amountPaid(payments, asOf).greaterThanOrEqualTo(penalty.totalDue)) {
    return 'PAID';
  }
  return asOf >= penalty.enforceableFrom ? 'ENFORCEABLE' : 'OPEN';
}

/**
 * Checks a payment towards a penalty before it is recorded (rules.md §7.4): partial payments add up, so a payment is
 * accepted while the payments recorded so far plus this one do not exceed `totalDue`. Refused (`BAD_USER_INPUT`): an
 * amount that is not above 0 or has more than two decimals, or that pays more than is outstanding (`amount`); a payment
 * dated before the notice was received (`paidOn`).
 *
 * @returns what remains outstanding after the payment.
 */
export function checkPenaltyPayment(
  penalty: { readonly totalDue: Decimal; readonly noticeOn: string },
  recorded: readonly PenaltyPayment[],
  payment: PenaltyPayment,
): Decimal {
  if (!payment.amount.isFinite() || !payment.amount.greaterThan(0)) {
    throw badInput('amount', 'A payment must be above 0');
  }
  if (payment.amount.decimalPlaces() > 2) {
    throw badInput('amount', 'A payment has at most two decimals');
  }
  if (payment.paidOn < penalty.noticeOn) {
    throw badInput('paidOn', `A payment cannot precede the notice of ${penalty.noticeOn}`);
  }
  const outstanding = new Money(penalty.totalDue).minus(amountPaid(recorded));
  if (payment.amount.greaterThan(outstanding)) {
    throw badInput(
      'amount',
      `The payment exceeds the ${Money.max(outstanding, ZERO).toFixed(2)} outstanding`,
    );
  }
  return outstanding.minus(payment.amount);
}
