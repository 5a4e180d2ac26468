import { addDays, isCalendarDate } from '../../../shared/calendar-date';
import { type ContinuableAgreement, lastDayInForce } from '../../claim/rules/continuation.rule';
import { type DayPeriod, monthsAfter, periodOfDays } from './suspension-period.rule';

/**
 * The numbers of a suspension at the institution's request (Suining arts. 76–78; rules.md §7.3). They are agreement
 * terms; {@link DEFAULT_REQUESTED_SUSPENSION_TERMS} holds the seed's values.
 */
export interface RequestedSuspensionTerms {
  /** 78: "应提前3个月向甲方提出申请": months between the request and the first day. Seed 3. */
  readonly requestedSuspensionNoticeMonths: number;
  /** 76: "中止时间原则上不得超过180日": the longest suspension asked for, in days. Seed 180. */
  readonly requestedSuspensionMaxDays: number;
  /**
   * 76: "中止协议超过180日（含180日），乙方未提出继续履行协议申请的，原则上协议自动终止": a suspension of at least this many
   * days ends the agreement the day after its last day unless the institution asked to continue. Seed 180.
   */
  readonly requestedSuspensionLapseDays: number;
  /** 77(四): "协议有效期内，乙方累计两次暂停提供服务的": the request that reaches this count ends the agreement. Seed 2. */
  readonly requestedSuspensionsTerminating: number;
}

export const DEFAULT_REQUESTED_SUSPENSION_TERMS: RequestedSuspensionTerms = {
  requestedSuspensionNoticeMonths: 3,
  requestedSuspensionMaxDays: 180,
  requestedSuspensionLapseDays: 180,
  requestedSuspensionsTerminating: 2,
};

/** The agreement a request is about. */
export interface RequestedAgreement extends ContinuableAgreement {
  readonly effectiveFrom: string;
  /** The day a termination took effect, if any. */
  readonly terminatedOn?: string | null;
}

export interface SuspensionRequestInput {
  /** The day party A received the request. */
  readonly requestedOn: string;
  /** The first day suspended. */
  readonly startsOn: string;
  /** How many days, `startsOn` included. */
  readonly days: number;
  /** Today (the injected clock): a request cannot be dated in the future. */
  readonly today: string;
  /** 公立医疗机构 (recorded on the organization): may not ask (78). */
  readonly publicInstitution: boolean;
  readonly agreement: RequestedAgreement;
  /** The suspensions at the institution's request already recorded in this agreement's term. */
  readonly earlierRequested: readonly DayPeriod[];
  /** Absent: {@link DEFAULT_REQUESTED_SUSPENSION_TERMS}. */
  readonly terms?: RequestedSuspensionTerms | null;
}

/** Why a request is refused; each maps to the argument it is about. */
export type SuspensionRequestRefusal =
  /** 78: a public institution may not ask (argument `agreementId`). */
  | 'PUBLIC_INSTITUTION'
  /** Not a calendar date (`requestedOn`, `startsOn`). */
  | 'NOT_A_DATE'
  /** Dated after today (`requestedOn`). */
  | 'IN_THE_FUTURE'
  /** Not while the agreement is in force ("协议履行期内", 76, 78): `requestedOn` or `startsOn`. */
  | 'OUTSIDE_TERM'
  /** 78: the first day is before the day `requestedSuspensionNoticeMonths` months after the request (`startsOn`). */
  | 'NOTICE_TOO_SHORT'
  /** 76: not a whole number from 1 to `requestedSuspensionMaxDays` (`days`). */
  | 'DAYS_OUT_OF_RANGE'
  /** A request to continue after the suspension's last day: the agreement has ended (`requestedOn`). */
  | 'TOO_LATE'
  /** A request to continue with no suspension at the institution's request recorded (`agreementId`). */
  | 'NO_SUSPENSION';

export interface Refused {
  readonly kind: 'refused';
  /** The argument refused (`BAD_USER_INPUT` with `extensions.field`). */
  readonly field: 'agreementId' | 'requestedOn' | 'startsOn' | 'days';
  readonly reason: SuspensionRequestRefusal;
  /** For the person: what the rule is, without the refused value. */
  readonly message: string;
}

export interface SuspensionRequestAccepted {
  readonly kind: 'accepted';
  /** The period asked for: `startsOn` to `startsOn + days − 1`. */
  readonly period: DayPeriod;
  /**
   * 77(四): this is the term's `requestedSuspensionsTerminating`-th suspension at the institution's request, so the
   * agreement is terminated from its first day instead, and no suspension is recorded; `null` otherwise.
   */
  readonly terminatedOn: string | null;
  /**
   * 76: the suspension reaches `requestedSuspensionLapseDays`, so the agreement ends on this day — the day after its
   * last day — unless the institution asks to continue by its last day (see {@link lapseTermination}); `null` for a
   * shorter suspension, for one that terminates the agreement anyway, or when the agreement's term ends first.
   */
  readonly lapsesOn: string | null;
}

export type SuspensionRequestDecision = Refused | SuspensionRequestAccepted;

const refused = (
  field: Refused['field'],
  reason: SuspensionRequestRefusal,
  message: string,
): Refused => ({ kind: 'refused', field, reason, message });

/** The day is in the agreement's term (continuation included) and before any termination. */
const inForce = (a: RequestedAgreement, day: string): boolean => {
  const last = lastDayInForce(a);
  return (
    a.effectiveFrom <= day &&
    (last === null || day <= last) &&
    (a.terminatedOn == null || day < a.terminatedOn)
  );
};

const checkCount = (n: number, min: number, name: string): number => {
  if (!Number.isInteger(n) || n < min) {
    throw new RangeError(`${name} must be a whole number of at least ${min}`);
  }
  return n;
};

/**
 * A suspension at the institution's own request (Suining arts. 76–78; rules.md §7.3), decided before anything is
 * stored. Refused, in this order (first refusal wins):
 * 1. a public institution (公立医疗机构不得主动提出中止, 78) — on `agreementId`;
 * 2. `requestedOn` not a calendar date or after `today`, or not a day the agreement is in force (its term, a
 *    continuation included, before a termination: "协议履行期内") — on `requestedOn`;
 * 3. `startsOn` not a calendar date, or before the day `requestedSuspensionNoticeMonths` months after the request, counted
 *    as suspensions are (Civil Code art. 202: the corresponding day, the month's last day where there is none; request
 *    2024-11-30 → first day 2025-02-28 at the earliest) — 78 "应提前3个月"; or not a day the agreement is in force —
 *    on `startsOn`;
 * 4. `days` not a whole number from 1 to `requestedSuspensionMaxDays` (76: 180) — on `days`.
 *
 * Accepted: the period `startsOn` to `startsOn + days − 1`; and
 * - when `earlierRequested` already holds `requestedSuspensionsTerminating − 1` suspensions (77(四): the second in the
 *   term), `terminatedOn = startsOn`: the agreement is terminated from that suspension's first day instead;
 * - otherwise, when `days ≥ requestedSuspensionLapseDays` (76: "超过180日（含180日）"; with at most 180 days asked, only
 *   a suspension of exactly 180 days), `lapsesOn` = the day after its last day: the agreement ends then unless the
 *   institution asks to continue by its last day. A shorter suspension simply ends: the agreement is in force again
 *   the next day, with no request needed (reading of 76: the automatic termination is tied to the 180 days).
 */
export function decideSuspensionRequest(input: SuspensionRequestInput): SuspensionRequestDecision {
  const t = input.terms ?? DEFAULT_REQUESTED_SUSPENSION_TERMS;
  const noticeMonths = checkCount(t.requestedSuspensionNoticeMonths, 0, 'noticeMonths');
  const maxDays = checkCount(t.requestedSuspensionMaxDays, 1, 'maxDays');
  const lapseDays = checkCount(t.requestedSuspensionLapseDays, 1, 'lapseDays');
  const terminating = checkCount(t.requestedSuspensionsTerminating, 1, 'terminating');
  const { agreement, requestedOn, startsOn, days } = input;

  if (input.publicInstitution) {
    return refused(
      'agreementId',
      'PUBLIC_INSTITUTION',
      'A public institution may not ask to suspend its agreement (Suining art. 78)',
    );
  }
  if (!isCalendarDate(requestedOn)) {
    return refused('requestedOn', 'NOT_A_DATE', 'requestedOn must be a calendar date');
  }
  if (requestedOn > input.today) {
    return refused('requestedOn', 'IN_THE_FUTURE', 'requestedOn must not be after today');
  }
  if (!inForce(agreement, requestedOn)) {
    return refused(
      'requestedOn',
      'OUTSIDE_TERM',
      'A suspension is asked for while the agreement is in force (Suining arts. 76, 78)',
    );
  }
  if (!isCalendarDate(startsOn)) {
    return refused('startsOn', 'NOT_A_DATE', 'startsOn must be a calendar date');
  }
  const earliest = monthsAfter(requestedOn, noticeMonths);
  if (startsOn < earliest) {
    return refused(
      'startsOn',
      'NOTICE_TOO_SHORT',
      `A suspension starts at least ${noticeMonths} months after the request, on ${earliest} at the earliest (Suining art. 78)`,
    );
  }
  if (!inForce(agreement, startsOn)) {
    return refused(
      'startsOn',
      'OUTSIDE_TERM',
      'A suspension starts while the agreement is in force (Suining art. 76)',
    );
  }
  if (!Number.isInteger(days) || days < 1 || days > maxDays) {
    return refused(
      'days',
      'DAYS_OUT_OF_RANGE',
      `A suspension at the institution's request lasts 1 to ${maxDays} days (Suining art. 76)`,
    );
  }
  const period = periodOfDays(startsOn, days);
  if (input.earlierRequested.length + 1 >= terminating) {
    return { kind: 'accepted', period, terminatedOn: startsOn, lapsesOn: null };
  }
  const lapse = days >= lapseDays ? addDays(period.endsOn, 1) : null;
  const last = lastDayInForce(agreement);
  return {
    kind: 'accepted',
    period,
    terminatedOn: null,
    lapsesOn: lapse !== null && (last === null || lapse <= last) ? lapse : null,
  };
}

/** A suspension at the institution's request as stored. */
export interface RequestedSuspension extends DayPeriod {
  /** Its length in days as asked for (`endsOn − startsOn + 1`). */
  readonly days: number;
}

/**
 * Art. 76: the day the agreement ends after a suspension at the institution's request that reached
 * `requestedSuspensionLapseDays` days, when the institution did not ask to continue by its last day — the day after
 * its last day; `null` when the suspension is shorter, or when a request to continue was made on or before its last
 * day (`continuationRequestedOn`).
 */
export function lapseTermination(
  suspension: RequestedSuspension,
  continuationRequestedOn: string | null,
  terms: Pick<
    RequestedSuspensionTerms,
    'requestedSuspensionLapseDays'
  > = DEFAULT_REQUESTED_SUSPENSION_TERMS,
): string | null {
  if (suspension.days < checkCount(terms.requestedSuspensionLapseDays, 1, 'lapseDays')) {
    return null;
  }
  if (continuationRequestedOn !== null && continuationRequestedOn <= suspension.endsOn) {
    return null;
  }
  return addDays(suspension.endsOn, 1);
}

export interface ContinuationRequestInput {
  /** The day party A received the request to continue (继续履行协议申请). */
  readonly requestedOn: string;
  readonly today: string;
  /** The suspensions at the institution's request of the agreement; the latest (by first day) is the one continued. */
  readonly requested: readonly RequestedSuspension[];
}

export interface ContinuationAccepted {
  readonly kind: 'accepted';
  /** The suspension the request continues after. */
  readonly suspension: RequestedSuspension;
  /** The lapse (76) this request prevents: the termination date that no longer applies; `null` if there was none. */
  readonly preventsLapseOn: string | null;
}

/**
 * The institution asks to continue after a suspension at its request (76: "乙方…提出继续履行协议申请"; rules.md §7.3;
 * `resumeAfterSuspension`). It continues after the latest such suspension. Refused: no such suspension
 * (`agreementId`, `NO_SUSPENSION`); `requestedOn` not a calendar date, after `today`, or after that suspension's last
 * day — by then a 180-day suspension has ended the agreement (`requestedOn`, `TOO_LATE`). A request for a shorter
 * suspension is accepted and changes nothing (`preventsLapseOn: null`).
 */
export function decideContinuationRequest(
  input: ContinuationRequestInput,
  terms: Pick<
    RequestedSuspensionTerms,
    'requestedSuspensionLapseDays'
  > = DEFAULT_REQUESTED_SUSPENSION_TERMS,
): Refused | ContinuationAccepted {
  const latest = input.requested.reduce<RequestedSuspension | null>(
    (best, s) => (best === null || s.startsOn > best.startsOn ? s : best),
    null,
  );
  if (latest === null) {
    return refused(
      'agreementId',
      'NO_SUSPENSION',
      'The agreement has no suspension at the institution’s request to continue after',
    );
  }
  if (!isCalendarDate(input.requestedOn)) {
    return refused('requestedOn', 'NOT_A_DATE', 'requestedOn must be a calendar date');
  }
  if (input.requestedOn > input.today) {
    return refused('requestedOn', 'IN_THE_FUTURE', 'requestedOn must not be after today');
  }
  if (input.requestedOn > latest.endsOn) {
    return refused(
      'requestedOn',
      'TOO_LATE',
      `A request to continue is made by the suspension's last day, ${latest.endsOn} (Suining art. 76)`,
    );
  }
  return {
    kind: 'accepted',
    suspension: latest,
    preventsLapseOn: lapseTermination(latest, null, terms),
  };
}
