import type Decimal from 'decimal.js';
import { Field, InputType, Int } from 'type-graphql';
import { DecimalScalar, MoneyScalar } from '../../../graphql/scalars';
import { BreachTier } from '../../penalty/breach-tier.enum';
import { TERM_DOCS } from './terms.types';

/**
 * Terms inputs (contract: CriticalIllnessTermsInput, HandlingTermsInput; InstitutionTermsInput and the fields beyond the
 * contract's are ours). A field left out takes the seed value (new agreement) or the previous version's value
 * (`reviseTerms`); a nested value (a schedule, a list, the staffing rules) is given whole.
 */

@InputType({ description: '支付分段: one band of a benefit schedule (Henan art. 13).' })
export class BenefitBandInput {
  @Field(() => MoneyScalar, { nullable: true, description: TERM_DOCS.upTo })
  upTo?: Decimal | null;

  @Field(() => DecimalScalar, { description: `${TERM_DOCS.rate} From 0 to 1.` })
  rate!: Decimal;
}

@InputType({
  description:
    '待遇方案: a whole benefit schedule (Henan arts. 13–14); annualCap left out means no cap.',
})
export class BenefitScheduleInput {
  @Field(() => MoneyScalar, { description: TERM_DOCS.deductible })
  deductible!: Decimal;

  @Field(() => [BenefitBandInput], {
    description: `${TERM_DOCS.bands} 1 to 10 bands, upTo strictly increasing and above the deductible.`,
  })
  bands!: BenefitBandInput[];

  @Field(() => MoneyScalar, { nullable: true, description: TERM_DOCS.annualCap })
  annualCap?: Decimal | null;
}

@InputType({ description: '人员配置要求(河南): Henan staffing rules, given whole (arts. 7–8).' })
export class CriticalIllnessStaffingRulesInput {
  @Field(() => DecimalScalar, { description: TERM_DOCS.medicalShareMin })
  medicalShareMin!: Decimal;

  @Field(() => Int, { description: TERM_DOCS.cityStaffMinHenan })
  cityStaffMin!: number;

  @Field(() => Int, { description: TERM_DOCS.cityMedicalMinHenan })
  cityMedicalMin!: number;

  @Field(() => Int, { description: TERM_DOCS.countyInsuredPerStaff })
  countyInsuredPerStaff!: number;

  @Field(() => Int, { description: TERM_DOCS.colocatedStaffMin })
  colocatedStaffMin!: number;
}

@InputType({
  description:
    'Any field left out takes the value of the seed contract for that kind (rules.md). 大病保险合同条款: critical-illness terms (Henan contract 2024).',
})
export class CriticalIllnessTermsInput {
  @Field(() => BenefitScheduleInput, { nullable: true, description: TERM_DOCS.general })
  general?: BenefitScheduleInput | null;

  @Field(() => BenefitScheduleInput, { nullable: true, description: TERM_DOCS.preferential })
  preferential?: BenefitScheduleInput | null;

  @Field(() => DecimalScalar, { nullable: true, description: TERM_DOCS.riskReserveRate })
  riskReserveRate?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: TERM_DOCS.assessmentDepositRate })
  assessmentDepositRate?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: TERM_DOCS.profitCapRate })
  profitCapRate?: Decimal | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.directPaymentWorkingDays })
  directPaymentWorkingDays?: number | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.manualPaymentWorkingDays })
  manualPaymentWorkingDays?: number | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.appropriationReceiptWorkingDays })
  appropriationReceiptWorkingDays?: number | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.monthlyReportDueDay })
  monthlyReportDueDay?: number | null;

  @Field(() => String, { nullable: true, description: TERM_DOCS.halfYearReportDue })
  halfYearReportDue?: string | null;

  @Field(() => String, { nullable: true, description: TERM_DOCS.annualReportDue })
  annualReportDue?: string | null;

  @Field(() => CriticalIllnessStaffingRulesInput, {
    nullable: true,
    description: TERM_DOCS.criticalIllnessStaffing,
  })
  staffing?: CriticalIllnessStaffingRulesInput | null;
}

@InputType({ description: '考核扣减档次: an audit deduction threshold (Luoyang 3(三)).' })
export class AuditThresholdInput {
  @Field(() => DecimalScalar, { description: `${TERM_DOCS.passRateBelow} From 0 to 1.` })
  passRateBelow!: Decimal;

  @Field(() => DecimalScalar, { description: `${TERM_DOCS.deductionRate} From 0 to 1.` })
  deductionRate!: Decimal;

  @Field(() => Boolean, { description: TERM_DOCS.reReview })
  reReview!: boolean;
}

@InputType({ description: '人员配置要求(洛阳): Luoyang staffing rules, given whole (4(一)).' })
export class HandlingStaffingRulesInput {
  @Field(() => Int, { description: TERM_DOCS.cityStaffMin })
  cityStaffMin!: number;

  @Field(() => Int, { description: TERM_DOCS.cityMedicalMin })
  cityMedicalMin!: number;

  @Field(() => Int, { description: TERM_DOCS.cityFinanceMin })
  cityFinanceMin!: number;

  @Field(() => Int, { description: TERM_DOCS.cityItMin })
  cityItMin!: number;

  @Field(() => Int, { description: TERM_DOCS.countyStaffMin })
  countyStaffMin!: number;

  @Field(() => Int, { description: TERM_DOCS.countyMedicalMin })
  countyMedicalMin!: number;

  @Field(() => Int, { description: TERM_DOCS.countyFinanceMin })
  countyFinanceMin!: number;

  @Field(() => Int, { description: TERM_DOCS.countyItMin })
  countyItMin!: number;
}

@InputType({
  description:
    '委托经办协议条款: commissioned-handling terms (Luoyang arts. 3–5); any field left out takes the seed value or, in reviseTerms, the previous version’s.',
})
export class HandlingTermsInput {
  @Field(() => MoneyScalar, { nullable: true, description: TERM_DOCS.feePerPersonYear })
  feePerPersonYear?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: TERM_DOCS.savingsRewardRate })
  savingsRewardRate?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: TERM_DOCS.manualSettlementSampleRate })
  manualSettlementSampleRate?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: TERM_DOCS.manualReviewSampleRate })
  manualReviewSampleRate?: Decimal | null;

  @Field(() => [AuditThresholdInput], { nullable: true, description: TERM_DOCS.auditThresholds })
  auditThresholds?: AuditThresholdInput[] | null;

  @Field(() => DecimalScalar, { nullable: true, description: TERM_DOCS.breachDamagesRate })
  breachDamagesRate?: Decimal | null;

  @Field(() => HandlingStaffingRulesInput, {
    nullable: true,
    description: TERM_DOCS.handlingStaffing,
  })
  staffing?: HandlingStaffingRulesInput | null;
}

@InputType({ description: '违约金倍数: damages multipliers of one tier (Suining arts. 64–66).' })
export class DamagesRangeInput {
  @Field(() => BreachTier, { description: `${TERM_DOCS.tier} SERIOUS, SEVERE or GRAVE.` })
  tier!: BreachTier;

  @Field(() => DecimalScalar, { description: TERM_DOCS.minMultiplier })
  minMultiplier!: Decimal;

  @Field(() => DecimalScalar, { description: TERM_DOCS.maxMultiplier })
  maxMultiplier!: Decimal;
}

@InputType({
  description:
    '定点医疗机构协议条款: designated-institution terms (Suining arts. 39, 43, 64–67); any field left out takes the seed value or, in reviseTerms, the previous version’s.',
})
export class InstitutionTermsInput {
  @Field(() => Int, { nullable: true, description: TERM_DOCS.declarationDayOfMonth })
  declarationDayOfMonth?: number | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.paymentWorkingDays })
  paymentWorkingDays?: number | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.penaltyDueWorkingDays })
  penaltyDueWorkingDays?: number | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.overdueGraceWorkingDays })
  overdueGraceWorkingDays?: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: TERM_DOCS.nonFeeDamagesPerOccurrence })
  nonFeeDamagesPerOccurrence?: Decimal | null;

  @Field(() => [DamagesRangeInput], {
    nullable: true,
    description: `${TERM_DOCS.damagesRanges} Given whole: one range for each of SERIOUS, SEVERE and GRAVE.`,
  })
  damagesRanges?: DamagesRangeInput[] | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.maxSuspensionMonths })
  maxSuspensionMonths?: number | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: TERM_DOCS.offlineProcurementSeriousFrom,
  })
  offlineProcurementSeriousFrom?: Decimal | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: `${TERM_DOCS.offlineProcurementSeriousShare} From 0 to 1.`,
  })
  offlineProcurementSeriousShare?: Decimal | null;

  @Field(() => MoneyScalar, { nullable: true, description: TERM_DOCS.fictitiousChargesFlaggedFrom })
  fictitiousChargesFlaggedFrom?: Decimal | null;

  @Field(() => MoneyScalar, { nullable: true, description: TERM_DOCS.fictitiousChargesGraveFrom })
  fictitiousChargesGraveFrom?: Decimal | null;

  @Field(() => MoneyScalar, { nullable: true, description: TERM_DOCS.itemSubstitutionGraveFrom })
  itemSubstitutionGraveFrom?: Decimal | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.repeatedSeriousCount })
  repeatedSeriousCount?: number | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.escalationBreachCount })
  escalationBreachCount?: number | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.repeatedSuspensionCount })
  repeatedSuspensionCount?: number | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.requestedSuspensionNoticeMonths })
  requestedSuspensionNoticeMonths?: number | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.requestedSuspensionMaxDays })
  requestedSuspensionMaxDays?: number | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.requestedSuspensionLapseDays })
  requestedSuspensionLapseDays?: number | null;

  @Field(() => Int, { nullable: true, description: TERM_DOCS.requestedSuspensionsTerminating })
  requestedSuspensionsTerminating?: number | null;
}

/** A schedule input as a plain schedule value: an open top band and "no cap" become explicit `null`s. */
export const scheduleOf = (s: BenefitScheduleInput | null | undefined) =>
  s
    ? {
        deductible: s.deductible,
        bands: s.bands.map((b) => ({ upTo: b.upTo ?? null, rate: b.rate })),
        annualCap: s.annualCap ?? null,
      }
    : undefined;

/** A critical-illness terms input as a patch for `mergeTerms`. */
export const criticalIllnessPatch = (i: CriticalIllnessTermsInput | null | undefined) =>
  i && {
    ...i,
    general: scheduleOf(i.general),
    preferential: scheduleOf(i.preferential),
    staffing: i.staffing ? { ...i.staffing } : undefined,
  };

/** A handling terms input as a patch for `mergeTerms`. */
export const handlingPatch = (i: HandlingTermsInput | null | undefined) =>
  i && {
    ...i,
    auditThresholds: i.auditThresholds?.map((t) => ({ ...t })),
    staffing: i.staffing ? { ...i.staffing } : undefined,
  };

/** An institution terms input as a patch for `mergeTerms`. */
export const institutionPatch = (i: InstitutionTermsInput | null | undefined) =>
  i && { ...i, damagesRanges: i.damagesRanges?.map((r) => ({ ...r })) };
