import type Decimal from 'decimal.js';
import { isCalendarDate } from '../../../shared/calendar-date';
import { badInput } from '../../../shared/domain-error';
import { AgreementKind } from '../agreement.enums';
import type {
  CriticalIllnessTermsValue,
  HandlingTermsValue,
  InstitutionTermsValue,
  ScheduleTerm,
  TermsValue,
} from '../terms/terms.model';

/**
 * Checks a whole terms value before it is stored, naming the input at fault: `at` is the path of the terms input
 * (`input.criticalIllnessTerms`, `handlingTerms`, ...), and a refusal is `BAD_USER_INPUT` on e.g.
 * `input.criticalIllnessTerms.general.bands[1].upTo`. Money has at most two decimals already (the Money scalar).
 */
export function validateTerms(value: TermsValue, at: string): void {
  switch (value.kind) {
    case AgreementKind.CRITICAL_ILLNESS:
      return validateCriticalIllness(value, at);
    case AgreementKind.COMMISSIONED_HANDLING:
      return validateHandling(value, at);
    case AgreementKind.DESIGNATED_INSTITUTION:
      return validateInstitution(value, at);
  }
}

/** The most bands a schedule may have: the seed has two; ten leaves room for any province's table. */
export const MAX_BANDS = 10;

const rate = (field: string, v: Decimal): void => {
  if (v.isNegative() || v.greaterThan(1)) {
    throw badInput(field, `${leaf(field)} must be from 0 to 1`);
  }
};

const nonNegative = (field: string, v: Decimal): void => {
  if (v.isNegative()) {
    throw badInput(field, `${leaf(field)} must not be negative`);
  }
};

const int = (field: string, v: number, min: number, max: number): void => {
  if (!Number.isInteger(v) || v < min || v > max) {
    throw badInput(field, `${leaf(field)} must be a whole number from ${min} to ${max}`);
  }
};

/** A day of every year, `MM-DD` (29 February is not one). */
const monthDay = (field: string, v: string): void => {
  if (!/^\d{2}-\d{2}$/.test(v) || !isCalendarDate(`2023-${v}`)) {
    throw badInput(field, `${leaf(field)} must be a day of the year as MM-DD, e.g. 07-15`);
  }
};

/** The month and day of an `MM-DD` term. */
export const monthDayOf = (v: string): { month: number; day: number } => ({
  month: Number(v.slice(0, 2)),
  day: Number(v.slice(3, 5)),
});

const leaf = (field: string): string =>
  field
    .split('.')
    .pop()
    ?.replace(/\[\d+\]$/, '') ?? field;

/**
 * A schedule: deductible ≥ 0; 1–10 bands; every band but the last has an `upTo` above the deductible and above the
 * previous band's, the last is open (so `B(C)` is defined for every `C`); rates from 0 to 1; a cap, if any, above 0.
 */
export function validateSchedule(s: ScheduleTerm, at: string): void {
  nonNegative(`${at}.deductible`, s.deductible);
  if (s.bands.length === 0 || s.bands.length > MAX_BANDS) {
    throw badInput(`${at}.bands`, `a schedule has 1 to ${MAX_BANDS} bands`);
  }
  let floor = s.deductible;
  s.bands.forEach((band, i) => {
    const f = `${at}.bands[${i}]`;
    rate(`${f}.rate`, band.rate);
    const last = i === s.bands.length - 1;
    if (last && band.upTo !== null) {
      throw badInput(`${f}.upTo`, 'the last band is open: leave its upTo out');
    }
    if (!last) {
      if (band.upTo === null) {
        throw badInput(`${f}.upTo`, 'only the last band may be open');
      }
      if (!band.upTo.greaterThan(floor)) {
        throw badInput(
          `${f}.upTo`,
          'upTo must be above the deductible and the previous band’s upTo',
        );
      }
      floor = band.upTo;
    }
  });
  if (s.annualCap !== null && !s.annualCap.greaterThan(0)) {
    throw badInput(`${at}.annualCap`, 'annualCap must be above 0, or left out for no cap');
  }
}

const WORKING_DAYS_MAX = 250;

function validateCriticalIllness(t: CriticalIllnessTermsValue, at: string): void {
  validateSchedule(t.general, `${at}.general`);
  validateSchedule(t.preferential, `${at}.preferential`);
  rate(`${at}.riskReserveRate`, t.riskReserveRate);
  rate(`${at}.assessmentDepositRate`, t.assessmentDepositRate);
  rate(`${at}.profitCapRate`, t.profitCapRate);
  int(`${at}.directPaymentWorkingDays`, t.directPaymentWorkingDays, 1, WORKING_DAYS_MAX);
  int(`${at}.manualPaymentWorkingDays`, t.manualPaymentWorkingDays, 1, WORKING_DAYS_MAX);
  int(
    `${at}.appropriationReceiptWorkingDays`,
    t.appropriationReceiptWorkingDays,
    1,
    WORKING_DAYS_MAX,
  );
  int(`${at}.monthlyReportDueDay`, t.monthlyReportDueDay, 1, 31);
  monthDay(`${at}.halfYearReportDue`, t.halfYearReportDue);
  monthDay(`${at}.annualReportDue`, t.annualReportDue);
  rate(`${at}.staffing.medicalShareMin`, t.staffing.medicalShareMin);
  int(`${at}.staffing.cityStaffMin`, t.staffing.cityStaffMin, 0, 100_000);
  int(`${at}.staffing.cityMedicalMin`, t.staffing.cityMedicalMin, 0, 100_000);
  int(`${at}.staffing.countyInsuredPerStaff`, t.staffing.countyInsuredPerStaff, 1, 100_000_000);
  int(`${at}.staffing.colocatedStaffMin`, t.staffing.colocatedStaffMin, 0, 100_000);
}

function validateHandling(t: HandlingTermsValue, at: string): void {
  nonNegative(`${at}.feePerPersonYear`, t.feePerPersonYear);
  rate(`${at}.manualSettlementSampleRate`, t.manualSettlementSampleRate);
  rate(`${at}.manualReviewSampleRate`, t.manualReviewSampleRate);
  rate(`${at}.breachDamagesRate`, t.breachDamagesRate);
  rate(`${at}.savingsRewardRate`, t.savingsRewardRate);
  if (t.auditThresholds.length > 10) {
    throw badInput(`${at}.auditThresholds`, 'at most 10 audit thresholds');
  }
  const seen = new Set<string>();
  t.auditThresholds.forEach((th, i) => {
    const f = `${at}.auditThresholds[${i}]`;
    rate(`${f}.passRateBelow`, th.passRateBelow);
    rate(`${f}.deductionRate`, th.deductionRate);
    const key = th.passRateBelow.toFixed();
    if (seen.has(key)) {
      throw badInput(`${f}.passRateBelow`, 'two audit thresholds have the same passRateBelow');
    }
    seen.add(key);
  });
  const s = t.staffing;
  for (const [k, v] of Object.entries(s)) {
    int(`${at}.staffing.${k}`, v as number, 0, 100_000);
  }
}

const DAMAGES_TIERS = ['SERIOUS', 'SEVERE', 'GRAVE'] as const;

function validateInstitution(t: InstitutionTermsValue, at: string): void {
  int(`${at}.declarationDayOfMonth`, t.declarationDayOfMonth, 1, 31);
  int(`${at}.paymentWorkingDays`, t.paymentWorkingDays, 1, WORKING_DAYS_MAX);
  int(`${at}.penaltyDueWorkingDays`, t.penaltyDueWorkingDays, 1, WORKING_DAYS_MAX);
  int(`${at}.overdueGraceWorkingDays`, t.overdueGraceWorkingDays, 0, WORKING_DAYS_MAX);
  nonNegative(`${at}.nonFeeDamagesPerOccurrence`, t.nonFeeDamagesPerOccurrence);
  int(`${at}.maxSuspensionMonths`, t.maxSuspensionMonths, 1, 60);
  t.damagesRanges.forEach((r, i) => {
    const f = `${at}.damagesRanges[${i}]`;
    if (!(DAMAGES_TIERS as readonly string[]).includes(r.tier)) {
      throw badInput(`${f}.tier`, 'damages ranges exist for SERIOUS, SEVERE and GRAVE only');
    }
    if (t.damagesRanges.findIndex((x) => x.tier === r.tier) !== i) {
      throw badInput(`${f}.tier`, `${r.tier} has two damages ranges`);
    }
    nonNegative(`${f}.minMultiplier`, r.minMultiplier);
    if (r.maxMultiplier.lessThan(r.minMultiplier) || r.maxMultiplier.greaterThan(100)) {
      throw badInput(`${f}.maxMultiplier`, 'maxMultiplier must be from minMultiplier to 100');
    }
  });
  const missing = DAMAGES_TIERS.find((tier) => !t.damagesRanges.some((r) => r.tier === tier));
  if (missing) {
    throw badInput(`${at}.damagesRanges`, `a damages range for ${missing} is missing`);
  }
  // The thresholds and counts of arts. 64–66 (rules.md §7.2–7.3).
  nonNegative(`${at}.offlineProcurementSeriousFrom`, t.offlineProcurementSeriousFrom);
  rate(`${at}.offlineProcurementSeriousShare`, t.offlineProcurementSeriousShare);
  nonNegative(`${at}.fictitiousChargesFlaggedFrom`, t.fictitiousChargesFlaggedFrom);
  nonNegative(`${at}.fictitiousChargesGraveFrom`, t.fictitiousChargesGraveFrom);
  if (t.fictitiousChargesGraveFrom.lessThan(t.fictitiousChargesFlaggedFrom)) {
    throw badInput(
      `${at}.fictitiousChargesGraveFrom`,
      'fictitiousChargesGraveFrom must not be below fictitiousChargesFlaggedFrom',
    );
  }
  nonNegative(`${at}.itemSubstitutionGraveFrom`, t.itemSubstitutionGraveFrom);
  int(`${at}.repeatedSeriousCount`, t.repeatedSeriousCount, 1, COUNT_MAX);
  int(`${at}.escalationBreachCount`, t.escalationBreachCount, 1, COUNT_MAX);
  int(`${at}.repeatedSuspensionCount`, t.repeatedSuspensionCount, 1, COUNT_MAX);
  // A suspension at the institution's request (rules.md §7.3; arts. 76–78).
  int(`${at}.requestedSuspensionNoticeMonths`, t.requestedSuspensionNoticeMonths, 0, 60);
  int(`${at}.requestedSuspensionMaxDays`, t.requestedSuspensionMaxDays, 1, SUSPENSION_DAYS_MAX);
  int(`${at}.requestedSuspensionLapseDays`, t.requestedSuspensionLapseDays, 1, SUSPENSION_DAYS_MAX);
  int(`${at}.requestedSuspensionsTerminating`, t.requestedSuspensionsTerminating, 1, COUNT_MAX);
}

/** The largest count of breaches or suspensions a term may set (the seed's are 2 and 5). */
const COUNT_MAX = 100;

/** The longest suspension in days a term may set (the seed's is 180; ten years leaves room). */
const SUSPENSION_DAYS_MAX = 3650;
