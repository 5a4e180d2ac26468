/** The facts an agreement's standing depends on. */
export interface AgreementStanding {
  readonly effectiveTo: string;
  /** The day a termination took effect, if any. */
  readonly terminatedOn?: string | null;
  /** Suspension periods, first and last day included. */
  readonly suspensions?: readonly { readonly startsOn: string; readonly endsOn: string }[];
}

export type AgreementStatusValue = 'ACTIVE' | 'SUSPENDED' | 'TERMINATED' | 'EXPIRED';

/**
 * An agreement's status on a day (rules.md §1, §3.5, §7.3):
 * - `TERMINATED` from the day a termination took effect (the notice date), for good;
 * - else `EXPIRED` after `effectiveTo`;
 * - else `SUSPENDED` on a day inside a suspension period (its first and last day included);
 * - else `ACTIVE` — also before `effectiveFrom`, since a signed agreement not yet in force is neither expired nor
 *   suspended.
 * Termination comes first because it is the stronger fact: an agreement terminated in March and past its end in
 * December is reported as terminated, which is what a reader of its history needs to know.
 */
export const agreementStatusOn = (
  agreement: AgreementStanding,
  day: string,
): AgreementStatusValue => {
  if (agreement.terminatedOn && day >= agreement.terminatedOn) {
    return 'TERMINATED';
  }
  if (day > agreement.effectiveTo) {
    return 'EXPIRED';
  }
  if ((agreement.suspensions ?? []).some((s) => s.startsOn <= day && day <= s.endsOn)) {
    return 'SUSPENDED';
  }
  return 'ACTIVE';
};
