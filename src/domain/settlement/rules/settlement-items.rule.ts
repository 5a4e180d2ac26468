import type Decimal from 'decimal.js';

import { isCalendarDate } from '../../../shared/calendar-date';
import { Money, ZERO } from '../../../shared/money';
import { accept, conflictOn, refuse, type Checked } from './settlement-check';

/** 清算状态 (contract `SettlementStatus`). */
export type SettlementStatusValue = 'DECLARED' | 'APPROVED' | 'PAID';

/** 清算明细 kinds (contract `SettlementItemKind`; rules.md §10.1). */
export type SettlementItemKindValue = 'DEDUCTION' | 'WITHHELD' | 'RELEASED' | 'PENALTY_OFFSET';

/**
 * One settlement item as stored (rules.md §10.1, "Statement"): items are append-only, and every figure of a settlement
 * but its declared amount is a sum of its items ({@link settlementFigures}). `amount` is above 0 with at most two
 * decimals; a DEDUCTION, WITHHELD or RELEASED item names a claim, a PENALTY_OFFSET item a penalty.
 */
export interface SettlementItemFact {
  readonly settlementId: string;
  readonly kind: SettlementItemKindValue;
  readonly claimId: string | null;
  readonly penaltyId: string | null;
  readonly amount: Decimal;
  /** The day of the event: a deduction's or withholding's day, a release's or reversal's date, the approval date. */
  readonly recordedOn: string;
}

/** A settlement as its checks need it (a row of the settlement table). */
export interface SettlementState {
  readonly id: string;
  readonly status: SettlementStatusValue;
  readonly declaredOn: string;
}

/** The figures of a settlement (contract `InstitutionSettlement`). */
export interface SettlementFigures {
  readonly declaredAmount: Decimal;
  readonly deductions: Decimal;
  readonly withheld: Decimal;
  readonly released: Decimal;
  readonly penaltyOffsets: Decimal;
  /**
   * `declaredAmount − deductions − withheld + released − penaltyOffsets`. The contract shows it only once the
   * settlement is approved; before approval it is what approval without offsets would leave to pay.
   */
  readonly netPayable: Decimal;
}

/**
 * A settlement's figures recomputed from its declared amount and its items (rules.md §10.1): each figure is the sum of
 * the items of its kind whose `settlementId` is `settlement.id` (items of other settlements are ignored, so the items
 * of a whole agreement may be passed), and
 * `netPayable = declaredAmount − deductions − withheld + released − penaltyOffsets`. No rounding: every amount already
 * has two decimals.
 */
export function settlementFigures(
  settlement: { readonly id: string; readonly declaredAmount: Decimal },
  items: readonly SettlementItemFact[],
): SettlementFigures {
  const sums: Record<SettlementItemKindValue, Decimal> = {
    DEDUCTION: ZERO,
    WITHHELD: ZERO,
    RELEASED: ZERO,
    PENALTY_OFFSET: ZERO,
  };
  for (const item of items) {
    if (item.settlementId === settlement.id) {
      sums[item.kind] = sums[item.kind].plus(item.amount);
    }
  }
  const declared = new Money(settlement.declaredAmount);
  return {
    declaredAmount: declared,
    deductions: sums.DEDUCTION,
    withheld: sums.WITHHELD,
    released: sums.RELEASED,
    penaltyOffsets: sums.PENALTY_OFFSET,
    netPayable: declared
      .minus(sums.DEDUCTION)
      .minus(sums.WITHHELD)
      .plus(sums.RELEASED)
      .minus(sums.PENALTY_OFFSET),
  };
}

/** A declared claim as the item checks need it. */
export interface SettledClaim {
  readonly id: string;
  /** 基本医保统筹支付. */
  readonly basicFundPaid: Decimal;
  /** The settlement that took the claim; null while none has. */
  readonly settlementId: string | null;
}

/**
 * A release of a withheld claim as recorded (rules.md §10.1, "Withholding"): the day the matter was settled and the
 * part of the withheld amount refused. Its items (RELEASED and DEDUCTION) are placed on a settlement at once when one
 * qualifies ({@link releaseTarget}), else by the next declaration that does ({@link releasesPlacedBy}).
 */
export interface ReleaseFact {
  readonly claimId: string;
  readonly releasedOn: string;
  readonly refusedAmount: Decimal;
}

/** Where a claim stands across every settlement of its agreement. */
export interface ClaimPosition {
  /** Σ DEDUCTION items of the claim, on any settlement. */
  readonly deducted: Decimal;
  /** The claim's WITHHELD item, if it was ever withheld. */
  readonly withholding: SettlementItemFact | null;
  /** Withheld and neither released (a release recorded) nor closed by a RELEASED item: not deductible directly. */
  readonly withheldOpen: boolean;
  /** A release recorded whose items are not placed yet. */
  readonly pendingRelease: ReleaseFact | null;
  /**
   * What can still be deducted: `basicFundPaid − deducted`, less the refused part of a release not placed yet (that
   * part is deducted when the release is placed).
   */
  readonly remaining: Decimal;
}

/**
 * A claim's position from its items on any settlement and its recorded release, if any (rules.md §10.1). Items of other
 * claims are ignored.
 */
export function claimPosition(
  claim: SettledClaim,
  items: readonly SettlementItemFact[],
  release: ReleaseFact | null,
): ClaimPosition {
  const own = items.filter((i) => i.claimId === claim.id);
  const deducted = own
    .filter((i) => i.kind === 'DEDUCTION')
    .reduce<Decimal>((s, i) => s.plus(i.amount), ZERO);
  const withholding = own.find((i) => i.kind === 'WITHHELD') ?? null;
  const releasedItem = own.some((i) => i.kind === 'RELEASED');
  const ownRelease = release !== null && release.claimId === claim.id ? release : null;
  const pendingRelease = ownRelease !== null && !releasedItem ? ownRelease : null;
  const remaining = new Money(claim.basicFundPaid)
    .minus(deducted)
    .minus(pendingRelease?.refusedAmount ?? ZERO);
  return {
    deducted,
    withholding,
    withheldOpen: withholding !== null && !releasedItem && ownRelease === null,
    pendingRelease,
    remaining,
  };
}

const checkAmount = (field: string, amount: Decimal, allowZero: boolean): Checked<Decimal> => {
  if (!amount.isFinite() || amount.isNegative() || (!allowZero && amount.isZero())) {
    return refuse(field, `${field} must be ${allowZero ? 'at least 0' : 'above 0'}`);
  }
  if (amount.decimalPlaces() > 2) {
    return refuse(field, `${field} has at most two decimals`);
  }
  return accept(amount);
};

const settlementOpen = (settlement: SettlementState): Checked<true> =>
  settlement.status === 'DECLARED'
    ? accept(true)
    : conflictOn('settlementId', 'The settlement is already approved');

const claimInSettlement = (claim: SettledClaim, settlement: SettlementState): Checked<true> =>
  claim.settlementId === settlement.id
    ? accept(true)
    : refuse('claimId', 'The claim is not in this settlement');

/** What {@link checkDeduction} and {@link checkWithholding} look at. */
export interface ClaimActionInput {
  readonly settlement: SettlementState;
  readonly claim: SettledClaim;
  /** The claim's items on any settlement (items of other claims are ignored). */
  readonly items: readonly SettlementItemFact[];
  /** The claim's recorded release, if any. */
  readonly release: ReleaseFact | null;
  /** Today: the day the action is recorded. */
  readonly recordedOn: string;
}

/**
 * A review deduction (审核扣款, Suining arts. 42, 51: violating costs are not paid; rules.md §10.1): party A refuses
 * `amount` of a claim of a declared settlement not yet approved. Refused: a settlement already approved (`CONFLICT` on
 * `settlementId`); a claim not in the settlement, or withheld (on `claimId`: a withheld claim is never deducted
 * directly, its deduction comes with its release); an amount not above 0, with more than two decimals, or above the
 * claim's `basicFundPaid` less what was already deducted from it on any settlement (on `amount`).
 *
 * @returns the DEDUCTION item to append to the settlement.
 */
export function checkDeduction(
  input: ClaimActionInput & { readonly amount: Decimal },
): Checked<SettlementItemFact> {
  const { settlement, claim } = input;
  const open = settlementOpen(settlement);
  if (!open.ok) {
    return open;
  }
  const inSettlement = claimInSettlement(claim, settlement);
  if (!inSettlement.ok) {
    return inSettlement;
  }
  const amount = checkAmount('amount', input.amount, false);
  if (!amount.ok) {
    return amount;
  }
  const position = claimPosition(claim, input.items, input.release);
  if (position.withheldOpen) {
    return refuse('claimId', 'A withheld claim is deducted only when it is released');
  }
  if (input.amount.greaterThan(position.remaining)) {
    return refuse('amount', 'The deduction exceeds what remains of the claim’s fund share');
  }
  return accept({
    settlementId: settlement.id,
    kind: 'DEDUCTION',
    claimId: claim.id,
    penaltyId: null,
    amount: new Money(input.amount),
    recordedOn: input.recordedOn,
  });
}

/**
 * Withholding (暂缓支付, Suining art. 43 "需进一步调查核实的，可暂缓支付", art. 46 medical disputes; rules.md §10.1):
 * a claim of a declared settlement not yet approved is not paid now; the amount withheld is its `basicFundPaid` less
 * its deductions. Refused: a settlement already approved (`CONFLICT` on `settlementId`); a claim not in the settlement,
 * already withheld once (reading: a withholding ends with its release, and a claim is withheld at most once), or with
 * nothing left to withhold (on `claimId`).
 *
 * @returns the WITHHELD item to append to the settlement.
 */
export function checkWithholding(input: ClaimActionInput): Checked<SettlementItemFact> {
  const { settlement, claim } = input;
  const open = settlementOpen(settlement);
  if (!open.ok) {
    return open;
  }
  const inSettlement = claimInSettlement(claim, settlement);
  if (!inSettlement.ok) {
    return inSettlement;
  }
  const position = claimPosition(claim, input.items, input.release);
  if (position.withholding !== null) {
    return refuse('claimId', 'The claim was already withheld');
  }
  if (!position.remaining.greaterThan(0)) {
    return refuse('claimId', 'Nothing of the claim’s fund share is left to withhold');
  }
  return accept({
    settlementId: settlement.id,
    kind: 'WITHHELD',
    claimId: claim.id,
    penaltyId: null,
    amount: position.remaining,
    recordedOn: input.recordedOn,
  });
}

/** A release ready to be placed: the recorded release and the amount that was withheld. */
export interface PendingRelease extends ReleaseFact {
  readonly withheldAmount: Decimal;
}

/**
 * Checks a release of a withheld claim (rules.md §10.1, "Withholding"): refused on `claimId` when the claim was never
 * withheld; `CONFLICT` on `claimId` when it was already released (or closed by its reversal); on `releasedOn` when it
 * is not a date, is after `today`, or is before the withholding; on `deductAmount` when it is negative, has more than
 * two decimals or exceeds the withheld amount.
 *
 * @returns the release to record, with the withheld amount, to be placed by {@link releaseTarget}.
 */
export function checkRelease(input: {
  readonly claim: SettledClaim;
  readonly items: readonly SettlementItemFact[];
  readonly release: ReleaseFact | null;
  readonly releasedOn: string;
  readonly deductAmount: Decimal;
  readonly today: string;
}): Checked<PendingRelease> {
  const position = claimPosition(input.claim, input.items, input.release);
  const withholding = position.withholding;
  if (withholding === null) {
    return refuse('claimId', 'The claim is not withheld');
  }
  if (!position.withheldOpen) {
    return conflictOn('claimId', 'The claim was already released');
  }
  if (!isCalendarDate(input.releasedOn)) {
    return refuse('releasedOn', 'releasedOn must be a calendar date');
  }
  if (input.releasedOn > input.today) {
    return refuse('releasedOn', 'releasedOn must not be after today');
  }
  if (input.releasedOn < withholding.recordedOn) {
    return refuse('releasedOn', 'releasedOn must not be before the claim was withheld');
  }
  const amount = checkAmount('deductAmount', input.deductAmount, true);
  if (!amount.ok) {
    return amount;
  }
  if (input.deductAmount.greaterThan(withholding.amount)) {
    return refuse('deductAmount', 'deductAmount exceeds the amount withheld');
  }
  return accept({
    claimId: input.claim.id,
    releasedOn: input.releasedOn,
    refusedAmount: new Money(input.deductAmount),
    withheldAmount: withholding.amount,
  });
}

/** A settlement of the agreement as {@link releaseTarget} compares them. */
export interface SettlementSlot {
  readonly id: string;
  readonly month: string;
  readonly status: SettlementStatusValue;
  readonly declaredOn: string;
}

/**
 * The settlement a release goes to (rules.md §10.1): the first settlement of the same agreement declared on or after
 * the release date that is not yet approved — earliest `declaredOn`, then earliest month, then id. `null` when none
 * exists yet: the release then waits for the next declaration dated on or after it ({@link releasesPlacedBy}).
 * Pass the settlements of the release's agreement only.
 */
export function releaseTarget(
  settlements: readonly SettlementSlot[],
  releasedOn: string,
): string | null {
  const candidates = settlements
    .filter((s) => s.status === 'DECLARED' && s.declaredOn >= releasedOn)
    .sort(
      (a, b) =>
        a.declaredOn.localeCompare(b.declaredOn) ||
        a.month.localeCompare(b.month) ||
        a.id.localeCompare(b.id),
    );
  return candidates[0]?.id ?? null;
}

/**
 * The pending releases a new declaration dated `declaredOn` takes (rules.md §10.1): those released on or before that
 * day, in release-date then claim order. A later-dated release keeps waiting.
 */
export const releasesPlacedBy = <R extends ReleaseFact>(
  pending: readonly R[],
  declaredOn: string,
): R[] =>
  pending
    .filter((r) => r.releasedOn <= declaredOn)
    .sort((a, b) => a.releasedOn.localeCompare(b.releasedOn) || a.claimId.localeCompare(b.claimId));

/**
 * The items of a release placed on settlement `settlementId` (rules.md §10.1): the whole withheld amount comes back
 * as a RELEASED item, and the refused part, if above 0, as a DEDUCTION item, both dated the release date.
 */
export function releaseItems(release: PendingRelease, settlementId: string): SettlementItemFact[] {
  const items: SettlementItemFact[] = [
    {
      settlementId,
      kind: 'RELEASED',
      claimId: release.claimId,
      penaltyId: null,
      amount: release.withheldAmount,
      recordedOn: release.releasedOn,
    },
  ];
  if (release.refusedAmount.greaterThan(0)) {
    items.push({
      settlementId,
      kind: 'DEDUCTION',
      claimId: release.claimId,
      penaltyId: null,
      amount: release.refusedAmount,
      recordedOn: release.releasedOn,
    });
  }
  return items;
}

/**
 * The items a reversal of a claim on `reversedOn` adds to the settlement that took it (rules.md §10.1: "a claim
 * reversed after its declaration and before approval gets a DEDUCTION of what remains of its basicFundPaid; after
 * approval, what was paid is recovered as §7 says"). None when the claim was never declared or its settlement is
 * approved or paid. Otherwise a DEDUCTION of {@link ClaimPosition.remaining} (when above 0) and, reading for a claim
 * still withheld, a RELEASED item of the withheld amount: the reversal settles the withholding with everything
 * refused, so the fund pays nothing for the claim across all its settlements and the withheld amount is not deducted
 * twice (a withheld claim is never deducted directly).
 */
export function reversalItems(input: {
  readonly claim: SettledClaim;
  /** The settlement that took the claim, or null. */
  readonly settlement: SettlementState | null;
  readonly items: readonly SettlementItemFact[];
  readonly release: ReleaseFact | null;
  readonly reversedOn: string;
}): SettlementItemFact[] {
  const { claim, settlement } = input;
  if (
    settlement === null ||
    settlement.status !== 'DECLARED' ||
    claim.settlementId !== settlement.id
  ) {
    return [];
  }
  const position = claimPosition(claim, input.items, input.release);
  const out: SettlementItemFact[] = [];
  if (position.withheldOpen && position.withholding !== null) {
    out.push({
      settlementId: settlement.id,
      kind: 'RELEASED',
      claimId: claim.id,
      penaltyId: null,
      amount: position.withholding.amount,
      recordedOn: input.reversedOn,
    });
  }
  if (position.remaining.greaterThan(0)) {
    out.push({
      settlementId: settlement.id,
      kind: 'DEDUCTION',
      claimId: claim.id,
      penaltyId: null,
      amount: position.remaining,
      recordedOn: input.reversedOn,
    });
  }
  return out;
}
