import { addDays } from '../../../shared/calendar-date';
import {
  agreementStatusOn,
  type AgreementStanding,
  type AgreementStatusValue,
} from '../../agreement/rules/agreement-status.rule';
import { RejectionReason } from '../claim.enums';
import { type ContinuableAgreement, lastDayInForce } from './continuation.rule';

/** A designated-institution agreement as the gate needs it. */
export interface DesignationAgreement extends AgreementStanding, ContinuableAgreement {
  readonly effectiveFrom: string;
}

/** The days of a stay, both included (入院日期 to 出院日期). */
export interface ClaimStay {
  readonly admissionDate: string;
  readonly dischargeDate: string;
}

/** Stands for "no last day" where a date is compared: later than any calendar date the API accepts. */
const OPEN_END = '9999-12-31';

/** The agreement's last day in force by its term and continuation (`OPEN_END` while it continues indefinitely). */
const endOf = (a: DesignationAgreement): string => lastDayInForce(a) ?? OPEN_END;

/** The statuses, on `day`, of the agreements whose term (continuation included) contains it. */
const statusesOn = (
  agreements: readonly DesignationAgreement[],
  day: string,
): AgreementStatusValue[] =>
  agreements
    .filter((a) => a.effectiveFrom <= day && day <= endOf(a))
    .map((a) => agreementStatusOn({ ...a, effectiveTo: endOf(a) }, day));

/** The institution is suspended on `day`: an agreement in its term is SUSPENDED, and none is ACTIVE. */
const suspendedOn = (agreements: readonly DesignationAgreement[], day: string): boolean => {
  const statuses = statusesOn(agreements, day);
  return statuses.includes('SUSPENDED') && !statuses.includes('ACTIVE');
};

/**
 * The designation gate (rules.md §3.5; Suining arts. 65, 66(七), 82, annex 20–21): a claim is settled only if its
 * institution holds a DESIGNATED_INSTITUTION agreement in force on the discharge date, and no day of the stay fell
 * inside a suspension.
 *
 * - **In force**: from `effectiveFrom` to `effectiveTo`, or, for an agreement that continues (art. 82), to its
 *   `continuedUntil` — indefinitely while no successor exists (`lastDayInForce`).
 * - **Discharge date**: among the agreements in force on it, one ACTIVE or SUSPENDED → go on; else one TERMINATED
 *   (discharge on or after the termination date) → `AGREEMENT_TERMINATED`; none at all → `NOT_DESIGNATED`.
 * - **Every day of the stay** (annex 20: "中止期间发生的医保费用不予结算"; reading: costs arise on every day of a stay):
 *   when any day from the admission date to the discharge date, both included, lies inside a suspension —
 *   an agreement in force that day is SUSPENDED and none is ACTIVE — → `INSTITUTION_SUSPENDED`. So a stay admitted
 *   inside a suspension and discharged after it is rejected, and so is one spanning the whole suspension; one
 *   discharged on the notice day (the day before the suspension starts) settles.
 * - Otherwise settled: `null`.
 *
 * `stay` as a bare day (the former signature) is a one-day stay on that day.
 * @param stay the claim's admission and discharge dates (`admissionDate ≤ dischargeDate`, checked by the caller).
 */
export function designationGate(
  agreements: readonly DesignationAgreement[],
  stay: ClaimStay | string,
): RejectionReason | null {
  const { admissionDate, dischargeDate } =
    typeof stay === 'string' ? { admissionDate: stay, dischargeDate: stay } : stay;
  const onDischarge = statusesOn(agreements, dischargeDate);
  if (!onDischarge.includes('ACTIVE') && !onDischarge.includes('SUSPENDED')) {
    return onDischarge.includes('TERMINATED')
      ? RejectionReason.AGREEMENT_TERMINATED
      : RejectionReason.NOT_DESIGNATED;
  }
  // Only days inside some suspension can be suspended days: walk those parts of the stay.
  for (const a of agreements) {
    for (const s of a.suspensions ?? []) {
      const from = s.startsOn > admissionDate ? s.startsOn : admissionDate;
      const to = s.endsOn < dischargeDate ? s.endsOn : dischargeDate;
      for (let day = from; day <= to; day = addDays(day, 1)) {
        if (suspendedOn(agreements, day)) {
          return RejectionReason.INSTITUTION_SUSPENDED;
        }
      }
    }
  }
  return null;
}
