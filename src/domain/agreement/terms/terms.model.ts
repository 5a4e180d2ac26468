import type Decimal from 'decimal.js';
import { Money } from '../../../shared/money';
import type { BreachThresholdTerms } from '../../penalty/rules/violation-tier.rule';
import type { RequestedSuspensionTerms } from '../../penalty/rules/suspension-request.rule';
import { AgreementKind } from '../agreement.enums';

/**
 * An agreement's terms: every number rules.md calls a term, as plain values (decimal.js for money and rates). A terms
 * version holds one of these with the day it takes effect (rules.md §1). The defaults below are the seed contracts'
 * values; the article of each is in its comment and in the GraphQL description.
 */

/** One band of a benefit schedule: the part of the year's eligible self-pay up to `upTo` (inclusive) at `rate`. */
export interface BandTerm {
  /** Upper bound, inclusive; `null` for the open top band. */
  readonly upTo: Decimal | null;
  readonly rate: Decimal;
}

/** A benefit schedule (Henan arts. 13–14; rules.md §3.2). */
export interface ScheduleTerm {
  /** 起付线: nothing is paid on the first `deductible` yuan of a year. */
  readonly deductible: Decimal;
  /** Bands above the deductible, in increasing order; the last is open (`upTo: null`). */
  readonly bands: readonly BandTerm[];
  /** 年度最高支付限额; `null`: no cap. */
  readonly annualCap: Decimal | null;
}

/** Henan staffing rules (arts. 7–8; rules.md §6). */
export interface CriticalIllnessStaffingTerm {
  readonly medicalShareMin: Decimal;
  readonly cityStaffMin: number;
  readonly cityMedicalMin: number;
  readonly countyInsuredPerStaff: number;
  readonly colocatedStaffMin: number;
}

export interface CriticalIllnessTermsValue {
  readonly kind: AgreementKind.CRITICAL_ILLNESS;
  readonly general: ScheduleTerm;
  readonly preferential: ScheduleTerm;
  readonly riskReserveRate: Decimal;
  readonly assessmentDepositRate: Decimal;
  readonly profitCapRate: Decimal;
  readonly directPaymentWorkingDays: number;
  readonly manualPaymentWorkingDays: number;
  readonly appropriationReceiptWorkingDays: number;
  readonly monthlyReportDueDay: number;
  /** Day of the reporting year the half-year analysis is due, `MM-DD` (Henan art. 26: 07-15). */
  readonly halfYearReportDue: string;
  /** Day of the next year the annual analysis is due, `MM-DD` (Henan art. 26: 01-20). */
  readonly annualReportDue: string;
  readonly staffing: CriticalIllnessStaffingTerm;
}

/** One audit threshold (Luoyang 3(三)): applies when the pass rate is strictly below `passRateBelow`. */
export interface AuditThresholdTerm {
  readonly passRateBelow: Decimal;
  readonly deductionRate: Decimal;
  readonly reReview: boolean;
}

/** Luoyang staffing rules (4(一); rules.md §6). */
export interface HandlingStaffingTerm {
  readonly cityStaffMin: number;
  readonly cityMedicalMin: number;
  readonly cityFinanceMin: number;
  readonly cityItMin: number;
  readonly countyStaffMin: number;
  readonly countyMedicalMin: number;
  readonly countyFinanceMin: number;
  readonly countyItMin: number;
}

export interface HandlingTermsValue {
  readonly kind: AgreementKind.COMMISSIONED_HANDLING;
  readonly feePerPersonYear: Decimal;
  readonly manualSettlementSampleRate: Decimal;
  readonly manualReviewSampleRate: Decimal;
  readonly auditThresholds: readonly AuditThresholdTerm[];
  readonly breachDamagesRate: Decimal;
  readonly savingsRewardRate: Decimal;
  readonly staffing: HandlingStaffingTerm;
}

/** The breach tiers that carry damages (Suining arts. 64–66). */
export type DamagesTier = 'SERIOUS' | 'SEVERE' | 'GRAVE';

/** Damages of a tier: `k × violating amount` with `k` in `[minMultiplier, maxMultiplier]` (rules.md §7.2). */
export interface DamagesRangeTerm {
  readonly tier: DamagesTier;
  readonly minMultiplier: Decimal;
  readonly maxMultiplier: Decimal;
}

/**
 * The terms of a designated-institution agreement (Suining arts. 39, 43, 64–67, 76–78). The thresholds and counts of
 * arts. 64–66 are those of `BreachThresholdTerms` (violation-tier.rule.ts), the numbers of a suspension at the
 * institution's request those of `RequestedSuspensionTerms` (suspension-request.rule.ts), under the same names, so the
 * rules take this value as it is.
 */
export interface InstitutionTermsValue extends BreachThresholdTerms, RequestedSuspensionTerms {
  readonly kind: AgreementKind.DESIGNATED_INSTITUTION;
  readonly declarationDayOfMonth: number;
  readonly paymentWorkingDays: number;
  readonly penaltyDueWorkingDays: number;
  readonly overdueGraceWorkingDays: number;
  readonly nonFeeDamagesPerOccurrence: Decimal;
  readonly damagesRanges: readonly DamagesRangeTerm[];
  readonly maxSuspensionMonths: number;
}

export type TermsValue = CriticalIllnessTermsValue | HandlingTermsValue | InstitutionTermsValue;

const m = (s: string): Decimal => new Money(s);

/** Henan 2024 general schedule (art. 13): 11 000 deductible, 60% to 100 000, 70% above, cap 400 000. */
const GENERAL_SCHEDULE: ScheduleTerm = {
  deductible: m('11000'),
  bands: [
    { upTo: m('100000'), rate: m('0.60') },
    { upTo: null, rate: m('0.70') },
  ],
  annualCap: m('400000'),
};

/** Henan 2024 preferential schedule (art. 14): deductible halved, rates +5 points, no cap. */
const PREFERENTIAL_SCHEDULE: ScheduleTerm = {
  deductible: m('5500'),
  bands: [
    { upTo: m('100000'), rate: m('0.65') },
    { upTo: null, rate: m('0.75') },
  ],
  annualCap: null,
};

/** The seed values of rules.md for each kind. */
export const DEFAULT_TERMS: {
  readonly [AgreementKind.CRITICAL_ILLNESS]: CriticalIllnessTermsValue;
  readonly [AgreementKind.COMMISSIONED_HANDLING]: HandlingTermsValue;
  readonly [AgreementKind.DESIGNATED_INSTITUTION]: InstitutionTermsValue;
} = {
  [AgreementKind.CRITICAL_ILLNESS]: {
    kind: AgreementKind.CRITICAL_ILLNESS,
    general: GENERAL_SCHEDULE,
    preferential: PREFERENTIAL_SCHEDULE,
    riskReserveRate: m('0.05'), // art. 22
    assessmentDepositRate: m('0.03'), // art. 22
    profitCapRate: m('0.03'), // art. 23
    directPaymentWorkingDays: 15, // art. 15
    manualPaymentWorkingDays: 20, // art. 17
    appropriationReceiptWorkingDays: 2, // art. 21
    monthlyReportDueDay: 5, // art. 25
    halfYearReportDue: '07-15', // art. 26
    annualReportDue: '01-20', // art. 26
    staffing: {
      medicalShareMin: m('0.5'), // art. 8
      cityStaffMin: 3,
      cityMedicalMin: 1,
      countyInsuredPerStaff: 200_000,
      colocatedStaffMin: 3, // art. 7
    },
  },
  [AgreementKind.COMMISSIONED_HANDLING]: {
    kind: AgreementKind.COMMISSIONED_HANDLING,
    feePerPersonYear: m('1.50'), // 3(四)
    manualSettlementSampleRate: m('0.10'), // 3(三)
    manualReviewSampleRate: m('0.05'), // 3(三)
    auditThresholds: [
      { passRateBelow: m('0.90'), deductionRate: m('0.02'), reReview: false },
      { passRateBelow: m('0.80'), deductionRate: m('0.05'), reReview: true },
    ],
    breachDamagesRate: m('0.02'), // 5(二)
    savingsRewardRate: m('0'), // Anhui 三(五)
    staffing: {
      cityStaffMin: 63, // 4(一)
      cityMedicalMin: 40,
      cityFinanceMin: 1,
      cityItMin: 1,
      countyStaffMin: 97,
      countyMedicalMin: 49,
      countyFinanceMin: 9,
      countyItMin: 9,
    },
  },
  [AgreementKind.DESIGNATED_INSTITUTION]: {
    kind: AgreementKind.DESIGNATED_INSTITUTION,
    declarationDayOfMonth: 10, // art. 39
    paymentWorkingDays: 30, // art. 43
    penaltyDueWorkingDays: 30, // art. 67
    overdueGraceWorkingDays: 10, // art. 67
    nonFeeDamagesPerOccurrence: m('1000'), // art. 64
    damagesRanges: [
      { tier: 'SERIOUS', minMultiplier: m('1'), maxMultiplier: m('2') }, // art. 64
      { tier: 'SEVERE', minMultiplier: m('3'), maxMultiplier: m('3') }, // art. 65
      { tier: 'GRAVE', minMultiplier: m('3'), maxMultiplier: m('5') }, // art. 66
    ],
    maxSuspensionMonths: 6, // art. 65
    offlineProcurementSeriousFrom: m('50000'), // 64(五)
    offlineProcurementSeriousShare: m('0.15'), // 64(五)
    fictitiousChargesFlaggedFrom: m('10000'), // 65(二)
    fictitiousChargesGraveFrom: m('30000'), // 66(三)
    itemSubstitutionGraveFrom: m('100000'), // 66(六)
    repeatedSeriousCount: 2, // 65(十六)
    escalationBreachCount: 5, // 65(十六)
    repeatedSuspensionCount: 2, // 66(十四)
    requestedSuspensionNoticeMonths: 3, // art. 78
    requestedSuspensionMaxDays: 180, // art. 76
    requestedSuspensionLapseDays: 180, // art. 76
    requestedSuspensionsTerminating: 2, // 77(四)
  },
};
