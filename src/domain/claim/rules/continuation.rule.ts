import { addDays } from '../../../shared/calendar-date';

/** An agreement as continuation (Suining art. 82) sees it. */
export interface ContinuableAgreement {
  readonly effectiveTo: string;
  /** Party A recorded that the agreement continues past `effectiveTo` (art. 82; `continueAgreement`). */
  readonly continues?: boolean | null;
  /** The last day of the continuation ({@link continuedUntil}); `null` while no successor exists. */
  readonly continuedUntil?: string | null;
}

/** An agreement as the search for its successor sees it. */
export interface AgreementBetweenParties {
  readonly id: string;
  readonly kind: string;
  readonly partyAId: string;
  readonly partyBId: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string;
}

/**
 * The last day of an agreement's continuation (Suining art. 82: "因甲方原因，协议到期时仍未签订下一年度医保服务协议的，本协议
 * 继续有效，有效期至下一年度协议签订之日止"; rules.md §3.5). Agreements carry no signing date, so the reading is: the day
 * before the next agreement of the same kind between the same parties A and B takes effect — the earliest of `others`
 * with the same `kind`, `partyAId` and `partyBId`, another `id`, taking effect after `agreement` did — but never before
 * `effectiveTo` (a successor that takes effect early does not shorten the term). `null` when `agreement` does not
 * continue, or while no successor exists (then it stays in force indefinitely: see {@link lastDayInForce}).
 *
 * `others` may be any agreements (of the institution, say): those that are not successors are ignored.
 */
export function continuedUntil(
  agreement: AgreementBetweenParties & { readonly continues?: boolean | null },
  others: readonly AgreementBetweenParties[],
): string | null {
  if (agreement.continues !== true) {
    return null;
  }
  let next: string | null = null;
  for (const o of others) {
    if (
      o.id !== agreement.id &&
      o.kind === agreement.kind &&
      o.partyAId === agreement.partyAId &&
      o.partyBId === agreement.partyBId &&
      o.effectiveFrom > agreement.effectiveFrom &&
      (next === null || o.effectiveFrom < next)
    ) {
      next = o.effectiveFrom;
    }
  }
  if (next === null) {
    return null;
  }
  const dayBefore = addDays(next, -1);
  return dayBefore > agreement.effectiveTo ? dayBefore : agreement.effectiveTo;
}

/**
 * The last day an agreement is in force by its term (rules.md §3.5): `effectiveTo`; for an agreement that continues
 * (art. 82), its `continuedUntil` (never before `effectiveTo`), or `null` — in force indefinitely — while there is no
 * successor. A termination is not considered here (`agreementStatusOn` does that).
 */
export function lastDayInForce(agreement: ContinuableAgreement): string | null {
  if (agreement.continues !== true) {
    return agreement.effectiveTo;
  }
  const until = agreement.continuedUntil ?? null;
  if (until === null) {
    return null;
  }
  return until > agreement.effectiveTo ? until : agreement.effectiveTo;
}
