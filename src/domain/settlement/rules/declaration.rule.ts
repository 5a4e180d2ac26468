import type Decimal from 'decimal.js';

import { dateOf, daysInMonth, isCalendarDate } from '../../../shared/calendar-date';
import { Money } from '../../../shared/money';
import type { ClaimChannel, ClaimStatus } from '../../claim/claim.enums';
import {
  nextWorkingDayOnOrAfter,
  type WorkingDayCalendar,
} from '../../calendar/rules/working-days.rule';
import { accept, refuse, type Checked } from './settlement-check';
import { addMonthsToMonth, monthHasEndedBy, monthLastDay } from './settlement-month.rule';

/**
 * Checks the day of a declaration (清算申请, Suining art. 39; rules.md §10.1) of `month` recorded on `today`:
 * - refused on `month` while the month has not ended by `today` (nothing of an unfinished month is declared);
 * - refused on `declaredOn` when it is not a date, is after `today` (a declaration starts party A's payment clock
 *   and cannot be dated in the future), or is not after the month's last day (not before the month has ended).
 *
 * Declaring on the first day of the next month is allowed. `month` must already be a checked settlement month.
 */
export function checkDeclarationDate(
  month: string,
  declaredOn: string,
  today: string,
): Checked<string> {
  if (!monthHasEndedBy(month, today)) {
    return refuse('month', 'month has not ended yet');
  }
  if (!isCalendarDate(declaredOn)) {
    return refuse('declaredOn', 'declaredOn must be a calendar date');
  }
  if (declaredOn > today) {
    return refuse('declaredOn', 'declaredOn must not be after today');
  }
  if (!monthHasEndedBy(month, declaredOn)) {
    return refuse('declaredOn', 'declaredOn must be after the last day of the month');
  }
  return accept(declaredOn);
}

/**
 * The last on-time day to declare `month` (Suining art. 39 "每月10日内"; rules.md §10.1): day
 * `declarationDayOfMonth` of the month after `month` (the month's last day when it is shorter, e.g. 31 in April →
 * 30 April), moved to the next working day when it is not one (Civil Code art. 203: a period whose last day is a rest
 * day ends on the next working day). 2024: May's deadline is 2024-06-11 (10 June is Dragon Boat), July's 2024-08-12
 * (10 August is a Saturday).
 *
 * @throws RangeError when `month` is malformed or `declarationDayOfMonth` is not an integer 1–31.
 */
export function declarationDeadline(
  cal: WorkingDayCalendar,
  month: string,
  declarationDayOfMonth: number,
): string {
  if (
    !Number.isInteger(declarationDayOfMonth) ||
    declarationDayOfMonth < 1 ||
    declarationDayOfMonth > 31
  ) {
    throw new RangeError('declarationDayOfMonth must be an integer 1–31');
  }
  const next = addMonthsToMonth(month, 1);
  const year = Number(next.slice(0, 4));
  const m = Number(next.slice(5, 7));
  return nextWorkingDayOnOrAfter(
    cal,
    dateOf(year, m, Math.min(declarationDayOfMonth, daysInMonth(year, m))),
  );
}

/**
 * Whether a declaration of `month` on `declaredOn` is late (rules.md §10.1): after {@link declarationDeadline}. On the
 * deadline is on time. A late declaration is accepted and marked, never refused.
 */
export const isLateDeclaration = (
  cal: WorkingDayCalendar,
  month: string,
  declaredOn: string,
  declarationDayOfMonth: number,
): boolean => declaredOn > declarationDeadline(cal, month, declarationDayOfMonth);

/** A claim as a declaration considers it: the facts of one row of the claim table. */
export interface DeclarationCandidate {
  readonly id: string;
  readonly channel: `${ClaimChannel}`;
  readonly status: `${ClaimStatus}`;
  /** The designated-institution agreement that let the claim through the designation gate (rules.md §3.5). */
  readonly designationAgreementId: string | null;
  readonly dischargeDate: string;
  /** The settlement that already took the claim; null while no declaration has. */
  readonly settlementId: string | null;
  /** 基本医保统筹支付: the fund's share, what the settlement pays for the claim. */
  readonly basicFundPaid: Decimal;
}

/**
 * The claims a declaration of `month` under designated agreement `agreementId` takes (Suining art. 39; rules.md
 * §10.1), in the order given: `DIRECT` claims, `ADJUDICATED` or `PAID`, that this agreement let through the
 * designation gate, discharged on or before the month's last day, and not taken by an earlier declaration (so a claim
 * submitted late rolls into the next declaration). Never taken: `REJECTED` claims (no fund payment), `REVERSED` ones,
 * and `MANUAL` ones (零星报销: the fund's share was reimbursed to the person, not to the institution). There is no
 * lower bound on the discharge date, and a month after the agreement's end may still be declared.
 */
export function claimsToDeclare<C extends DeclarationCandidate>(
  candidates: readonly C[],
  agreementId: string,
  month: string,
): C[] {
  const lastDay = monthLastDay(month);
  return candidates.filter(
    (c) =>
      c.channel === 'DIRECT' &&
      (c.status === 'ADJUDICATED' || c.status === 'PAID') &&
      c.designationAgreementId === agreementId &&
      c.dischargeDate <= lastDay &&
      c.settlementId === null,
  );
}

/** `declaredAmount = Σ basicFundPaid` of the claims a declaration took (rules.md §10.1); 0 when it took none. */
export const declaredAmount = (claims: readonly { readonly basicFundPaid: Decimal }[]): Decimal =>
  claims.reduce<Decimal>((sum, c) => sum.plus(c.basicFundPaid), new Money(0));
