import { addDays, isCalendarDate } from '../../../shared/calendar-date';
import {
  isWorkingDay,
  MAX_WORKING_DAYS,
  type WorkingDayCalendar,
} from '../../calendar/rules/working-days.rule';
import { accept, conflictOn, refuse, type Checked } from './settlement-check';

/**
 * A payment hold on an agreement (暂停拨付, Suining art. 52 during an investigation, art. 67 an unpaid penalty;
 * rules.md §10.1): it covers `startsOn` to the day before `liftedOn`, and every day from `startsOn` on while
 * `liftedOn` is null. A suspension of the agreement (中止) is not a hold.
 */
export interface PaymentHoldFact {
  readonly startsOn: string;
  readonly liftedOn: string | null;
}

/** Whether `hold` covers `date`: `startsOn ≤ date`, and `date < liftedOn` unless the hold is open. */
export const holdCovers = (hold: PaymentHoldFact, date: string): boolean =>
  hold.startsOn <= date && (hold.liftedOn === null || date < hold.liftedOn);

/** Whether any of `holds` covers `date` (the agreement is held that day). */
export const isHeldOn = (holds: readonly PaymentHoldFact[], date: string): boolean =>
  holds.some((h) => holdCovers(h, date));

/**
 * The holds as they stood on `asOf` (rules.md §3.4, "as of" goes by the events' own dates): a hold placed after `asOf`
 * is left out, and one lifted after `asOf` is still open.
 */
export const holdsAsOf = (holds: readonly PaymentHoldFact[], asOf: string): PaymentHoldFact[] =>
  holds
    .filter((h) => h.startsOn <= asOf)
    .map((h) => (h.liftedOn !== null && h.liftedOn > asOf ? { ...h, liftedOn: null } : h));

/** A settlement's due date (contract `dueOn`, `dueProvisional`). */
export interface SettlementDue {
  /** null while an open hold covers the day the count would reach. */
  readonly dueOn: string | null;
  /** The count went over a day of a year whose holiday schedule is not loaded (rules.md §3.6). */
  readonly provisional: boolean;
}

/**
 * The due date of a settlement (Suining art. 43 "申报医保费用后30个工作日内拨付…遇…特殊情况顺延"; rules.md §10.1): the
 * `paymentWorkingDays`-th working day after `declaredOn` (not counted, as rules.md §3.4 counts periods), counting only
 * working days on which no hold covers the agreement. While an open hold covers the day the count would reach, the
 * count cannot end and `dueOn` is null. A hold that starts after the date the count reaches does not move it. Days of a
 * year without a loaded schedule follow the provisional calendar of rules.md §3.6 (weekends and the statutory holidays
 * off), as {@link isWorkingDay} does, and make the date provisional.
 *
 * Examples (2024): declared 2024-06-07, 30 days → 2024-07-22 (10 June is off); with a hold from 2024-07-10 lifted on
 * 2024-07-24 → 2024-08-05; with that hold still open → null.
 *
 * @throws RangeError when `declaredOn` is not a date or `paymentWorkingDays` is not an integer 0…MAX_WORKING_DAYS.
 */
export function settlementDue(
  cal: WorkingDayCalendar,
  declaredOn: string,
  paymentWorkingDays: number,
  holds: readonly PaymentHoldFact[],
): SettlementDue {
  if (!isCalendarDate(declaredOn)) {
    throw new RangeError('declaredOn must be a calendar date YYYY-MM-DD');
  }
  if (
    !Number.isInteger(paymentWorkingDays) ||
    paymentWorkingDays < 0 ||
    paymentWorkingDays > MAX_WORKING_DAYS
  ) {
    throw new RangeError(`paymentWorkingDays must be an integer 0–${MAX_WORKING_DAYS}`);
  }
  const openFrom = holds
    .filter((h) => h.liftedOn === null)
    .reduce<string | null>((min, h) => (min === null || h.startsOn < min ? h.startsOn : min), null);
  let day = declaredOn;
  let counted = 0;
  let provisional = false;
  while (counted < paymentWorkingDays) {
    day = addDays(day, 1);
    if (openFrom !== null && day >= openFrom) {
      return { dueOn: null, provisional: false };
    }
    if (!cal.scheduledYears.has(Number(day.slice(0, 4)))) {
      provisional = true;
    }
    if (isWorkingDay(cal, day) && !isHeldOn(holds, day)) {
      counted += 1;
    }
  }
  return { dueOn: day, provisional };
}

/** A settlement as `held` and `overdue` need it. */
export interface SettlementTimeline {
  readonly declaredOn: string;
  /** null while unpaid. A settlement approved at 0.00 is paid on its approval date. */
  readonly paidOn: string | null;
}

const unpaidOn = (s: SettlementTimeline, asOf: string): boolean =>
  s.declaredOn <= asOf && (s.paidOn === null || s.paidOn > asOf);

/**
 * Whether a settlement is held on `asOf` (contract `held(asOf)`; rules.md §10.1): declared by then, not paid by then,
 * and its agreement under a hold on that day as the holds stood then. A held settlement cannot be paid that day;
 * approval and its offsets stay possible.
 */
export const isSettlementHeld = (
  settlement: SettlementTimeline,
  holds: readonly PaymentHoldFact[],
  asOf: string,
): boolean => unpaidOn(settlement, asOf) && isHeldOn(holdsAsOf(holds, asOf), asOf);

/**
 * Whether a settlement is overdue on `asOf` (Suining art. 61(三), party A's own breach; rules.md §10.1): declared or
 * approved, not paid, as of a date after its due date. It is judged as it stood on `asOf` (rules.md §3.4): a payment
 * dated later does not count, a hold placed later is left out and one lifted later is still open, so the due date is
 * {@link settlementDue} over {@link holdsAsOf}; while that is null (an open hold) it is not overdue. Paid on the due
 * date is on time.
 */
export function isSettlementOverdue(
  cal: WorkingDayCalendar,
  settlement: SettlementTimeline,
  paymentWorkingDays: number,
  holds: readonly PaymentHoldFact[],
  asOf: string,
): boolean {
  if (!unpaidOn(settlement, asOf)) {
    return false;
  }
  const { dueOn } = settlementDue(
    cal,
    settlement.declaredOn,
    paymentWorkingDays,
    holdsAsOf(holds, asOf),
  );
  return dueOn !== null && asOf > dueOn;
}

/**
 * Checks a new hold (rules.md §10.1): refused on `startsOn` when it is not a date or is after `today` (a hold is
 * placed on a day that has come).
 */
export function checkHoldStart(startsOn: string, today: string): Checked<string> {
  if (!isCalendarDate(startsOn)) {
    return refuse('startsOn', 'startsOn must be a calendar date');
  }
  if (startsOn > today) {
    return refuse('startsOn', 'startsOn must not be after today');
  }
  return accept(startsOn);
}

/**
 * Checks the lifting of `hold` on `liftedOn` (rules.md §10.1: lifted on a later date; neither day in the future):
 * `CONFLICT` on `holdId` when it was already lifted; refused on `liftedOn` when it is not a date, is not after
 * `startsOn`, or is after `today`.
 */
export function checkHoldLift(
  hold: PaymentHoldFact,
  liftedOn: string,
  today: string,
): Checked<string> {
  if (hold.liftedOn !== null) {
    return conflictOn('holdId', 'The hold was already lifted');
  }
  if (!isCalendarDate(liftedOn)) {
    return refuse('liftedOn', 'liftedOn must be a calendar date');
  }
  if (liftedOn <= hold.startsOn) {
    return refuse('liftedOn', 'liftedOn must be after the day the hold starts');
  }
  if (liftedOn > today) {
    return refuse('liftedOn', 'liftedOn must not be after today');
  }
  return accept(liftedOn);
}
