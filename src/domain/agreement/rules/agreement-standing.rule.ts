import {
  type AgreementBetweenParties,
  continuedUntil,
  lastDayInForce,
} from '../../claim/rules/continuation.rule';
import { agreementStatusOn, type AgreementStatusValue } from './agreement-status.rule';

/** Stands for "no last day" where a date is compared: later than any calendar date the API accepts. */
const OPEN_END = '9999-12-31';

/** A suspension as stored (rules.md §3.5, §7.3). */
export interface StoredSuspension {
  /** First and last day suspended, both included. */
  readonly startsOn: string;
  readonly endsOn: string;
  /** The day party A received the institution's own request (arts. 76–78); null for one a penalty ordered (art. 65). */
  readonly requestedOn?: string | null;
  /**
   * Art. 76: a suspension at the institution's request of `requestedSuspensionLapseDays` days (180) ends the
   * agreement on this day, the day after its last day, unless the institution asked to continue by its last day; null
   * for a shorter one or one a penalty ordered.
   */
  readonly lapsesOn?: string | null;
  /** The day party A received the institution's request to continue (继续履行协议申请), if any. */
  readonly continuationRequestedOn?: string | null;
}

/** An agreement's own row, as its standing needs it. */
export interface StandingAgreement extends AgreementBetweenParties {
  /** Party A recorded that it continues past `effectiveTo` (art. 82). */
  readonly continues?: boolean | null;
  /** The day a recorded termination took effect, if any. */
  readonly terminatedOn?: string | null;
}

/**
 * An agreement's standing, computed on read from its row, its suspensions and the agreements between the same parties:
 * what the designation gate (`designationGate`) and the status rule take.
 */
export interface AgreementStandingValue {
  readonly effectiveFrom: string;
  readonly effectiveTo: string;
  readonly continues: boolean;
  /** Art. 82: the last day of the continuation; null while it continues with no successor, or when it does not. */
  readonly continuedUntil: string | null;
  /** The day the agreement ends by termination: the earlier of a recorded termination and a lapse (art. 76). */
  readonly terminatedOn: string | null;
  /** The day a 180-day suspension at the institution's request ended the agreement (art. 76), if it did. */
  readonly lapsedOn: string | null;
  readonly suspensions: readonly StoredSuspension[];
}

const earlier = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : a < b ? a : b;

/**
 * An agreement's standing (rules.md §3.5, §7.3; Suining arts. 65, 76, 77, 82):
 * - **continuation** (art. 82): for an agreement party A recorded as continuing, `continuedUntil` — the day before the
 *   next agreement of the same kind between the same parties takes effect (`others` may be any agreements; only
 *   successors count), never before `effectiveTo`; null while there is none;
 * - **lapse** (art. 76: "中止协议超过180日（含180日），乙方未提出继续履行协议申请的，原则上协议自动终止"): a suspension at
 *   the institution's request with a `lapsesOn` day ends the agreement that day, unless a request to continue was
 *   received on or before the suspension's last day; a lapse after the agreement's last day in force (its term and
 *   continuation) ends nothing — the agreement has expired by then;
 * - **termination**: the earlier of the recorded termination and the lapse.
 */
export function agreementStanding(
  agreement: StandingAgreement,
  suspensions: readonly StoredSuspension[],
  others: readonly AgreementBetweenParties[],
): AgreementStandingValue {
  const continues = agreement.continues === true;
  const until = continuedUntil(agreement, others);
  const last = lastDayInForce({
    effectiveTo: agreement.effectiveTo,
    continues,
    continuedUntil: until,
  });
  let lapsedOn: string | null = null;
  for (const s of suspensions) {
    const lapse = s.lapsesOn ?? null;
    const continued = s.continuationRequestedOn != null && s.continuationRequestedOn <= s.endsOn;
    if (lapse !== null && !continued && (last === null || lapse <= last)) {
      lapsedOn = earlier(lapsedOn, lapse);
    }
  }
  return {
    effectiveFrom: agreement.effectiveFrom,
    effectiveTo: agreement.effectiveTo,
    continues,
    continuedUntil: until,
    terminatedOn: earlier(agreement.terminatedOn ?? null, lapsedOn),
    lapsedOn,
    suspensions,
  };
}

/**
 * An agreement's status on a day from its standing (rules.md §1, §3.5, §7.3): `agreementStatusOn` with the agreement's
 * last day in force for `effectiveTo` — so a continued agreement (art. 82) is not EXPIRED while it continues — and the
 * lapse of art. 76 as a termination.
 */
export function standingStatusOn(
  standing: AgreementStandingValue,
  day: string,
): AgreementStatusValue {
  return agreementStatusOn({ ...standing, effectiveTo: lastDayInForce(standing) ?? OPEN_END }, day);
}
