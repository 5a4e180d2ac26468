import type Decimal from 'decimal.js';
import { Role } from '../../../shared/caller';
import { isCalendarDate } from '../../../shared/calendar-date';
import { badInput } from '../../../shared/domain-error';
import { Money } from '../../../shared/money';
import { isPlainLine } from '../../../shared/text';
import type { ClaimChannel } from '../claim.enums';
import {
  eligibleSelfPay,
  EXCLUDED_COMPONENTS,
  type SettlementComponents,
} from './eligible-self-pay.rule';

/**
 * Amounts stay below 10^12 yuan (docs/decisions.md, "Claims"): far above any settlement, well inside numeric(18,2)
 * sums.
 */
export const AMOUNT_LIMIT = new Money('1e12');

/** The longest settlement number we store. */
export const SETTLEMENT_NUMBER_MAX = 64;

/** A claim input's values, as the rule needs them (the GraphQL input or a line of an import file). */
export interface ClaimInputValues {
  readonly settlementNumber: string;
  readonly admissionDate: string;
  readonly dischargeDate: string;
  readonly declaredOn: string;
  readonly totalCost: Decimal;
  readonly basicFundPaid: Decimal;
  readonly outOfCatalogCost?: Decimal | null;
  readonly classBFirstPay?: Decimal | null;
  readonly belowBasicDeductible?: Decimal | null;
  readonly transferReduction?: Decimal | null;
  readonly overFixedRate?: Decimal | null;
  readonly medicalAssistancePaid?: Decimal | null;
  readonly otherExcludedCost?: Decimal | null;
}

export interface CheckedClaimInput {
  readonly settlementNumber: string;
  readonly components: SettlementComponents;
  readonly eligible: Decimal;
}

const amount = (field: string, v: Decimal | null | undefined): Decimal => {
  const d = v ?? new Money(0);
  if (d.isNegative()) {
    throw badInput(field, `${field.split('.').pop()} must not be negative`);
  }
  if (d.decimalPlaces() > 2) {
    throw badInput(field, `${field.split('.').pop()} has at most two decimals`);
  }
  if (d.greaterThanOrEqualTo(AMOUNT_LIMIT)) {
    throw badInput(field, `${field.split('.').pop()} must be below 10^12`);
  }
  return d;
};

/**
 * Checks one claim input on its own (rules.md §3.1), naming the field at fault under `at` (`input` or
 * `inputs[3]`): a settlement number of 1–64 characters without surrounding blanks, format or control characters; amounts ≥ 0, at most two decimals,
 * below 10^12; the excluded components together not above `totalCost` (refused on `totalCost`, where the total is
 * too small for its parts); `admissionDate ≤ dischargeDate ≤ declaredOn`. Checks against stored data (the agreement's
 * term, the person's region) are the service's.
 */
export function checkClaimInput(input: ClaimInputValues, at: string): CheckedClaimInput {
  const sn = input.settlementNumber;
  if (sn.trim() !== sn || sn.length === 0 || sn.length > SETTLEMENT_NUMBER_MAX) {
    throw badInput(
      `${at}.settlementNumber`,
      `settlementNumber must be 1 to ${SETTLEMENT_NUMBER_MAX} characters without surrounding blanks`,
    );
  }
  if (!isPlainLine(sn)) {
    // A settlement number with a zero-width or control character would look like another one (docs/security.md).
    throw badInput(
      `${at}.settlementNumber`,
      'settlementNumber must not contain invisible format or control characters',
    );
  }
  for (const f of ['admissionDate', 'dischargeDate', 'declaredOn'] as const) {
    if (!isCalendarDate(input[f])) {
      throw badInput(`${at}.${f}`, `${f} must be a calendar date`);
    }
  }
  if (input.dischargeDate < input.admissionDate) {
    throw badInput(`${at}.dischargeDate`, 'dischargeDate must not be before admissionDate');
  }
  if (input.declaredOn < input.dischargeDate) {
    throw badInput(`${at}.declaredOn`, 'declaredOn must not be before dischargeDate');
  }
  const components = {
    totalCost: amount(`${at}.totalCost`, input.totalCost),
    ...Object.fromEntries(EXCLUDED_COMPONENTS.map((k) => [k, amount(`${at}.${k}`, input[k])])),
  } as unknown as SettlementComponents;
  const eligible = eligibleSelfPay(components);
  if (eligible.isNegative()) {
    throw badInput(
      `${at}.totalCost`,
      'the excluded components (basicFundPaid, outOfCatalogCost, …) together exceed totalCost',
    );
  }
  return { settlementNumber: sn, components, eligible };
}

/**
 * The declaration day and channel of a claim input (rules.md §3.4; Henan arts. 15–17), once `checkClaimInput` has
 * passed: `declaredOn` is not after `today` (a declaration cannot be dated in the future: it starts the insurer's payment
 * clock; not before the discharge date is `checkClaimInput`'s), and an INSTITUTION submits `DIRECT` claims only — a
 * `MANUAL` claim is the person's own reimbursement at the insurer's window (art. 17). Refused on `at.declaredOn` and
 * `at.channel`.
 */
export function checkDeclaration(
  input: { readonly channel: `${ClaimChannel}`; readonly declaredOn: string },
  submitter: Role,
  today: string,
  at: string,
): void {
  if (input.declaredOn > today) {
    throw badInput(`${at}.declaredOn`, 'declaredOn must not be after today');
  }
  if (submitter === Role.INSTITUTION && input.channel !== 'DIRECT') {
    throw badInput(
      `${at}.channel`,
      'an institution submits DIRECT claims only; a MANUAL claim is reimbursed at the insurer’s window (Henan art. 17)',
    );
  }
}
