import {
  agreementStatusOn,
  type AgreementStanding,
} from '../../agreement/rules/agreement-status.rule';
import { RejectionReason } from '../claim.enums';

/** A designated-institution agreement as the gate needs it. */
export interface DesignationAgreement extends AgreementStanding {
  readonly effectiveFrom: string;
}

/**
 * The designation gate (rules.md §3.5; Suining arts. 65, 66(七), annex 20–21): a claim is settled only if its
 * institution holds a DESIGNATED_INSTITUTION agreement in force on the discharge date. Among the institution's
 * agreements whose term contains the day: one ACTIVE → settled (`null`); else one SUSPENDED → `INSTITUTION_SUSPENDED`
 * ("中止期间发生的医保费用不予结算"); else one TERMINATED → `AGREEMENT_TERMINATED`; none at all → `NOT_DESIGNATED`.
 */
export function designationGate(
  agreements: readonly DesignationAgreement[],
  day: string,
): RejectionReason | null {
  const statuses = agreements
    .filter((a) => a.effectiveFrom <= day && day <= a.effectiveTo)
    .map((a) => agreementStatusOn(a, day));
  if (statuses.includes('ACTIVE')) {
    return null;
  }
  if (statuses.includes('SUSPENDED')) {
    return RejectionReason.INSTITUTION_SUSPENDED;
  }
  if (statuses.includes('TERMINATED')) {
    return RejectionReason.AGREEMENT_TERMINATED;
  }
  return RejectionReason.NOT_DESIGNATED;
}
