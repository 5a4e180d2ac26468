import type Decimal from 'decimal.js';
import { createUnionType, Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar, MoneyScalar } from '../../../graphql/scalars';
import { BreachTier } from '../../penalty/breach-tier.enum';
import { AgreementKind } from '../agreement.enums';

/**
 * The GraphQL shapes of a terms version (contract: AgreementTerms and its members). Resolvers hand the terms values of
 * `terms.model.ts` straight through, plus the version's `effectiveFrom`. Descriptions are shared with the inputs.
 */
export const TERM_DOCS = {
  upTo: '段上限: upper bound of the band in yuan of the year’s cumulative eligible self-pay, inclusive; null for the open top band.',
  rate: '支付比例: share of the band paid, e.g. "0.6" (Henan art. 13).',
  deductible:
    '起付线: the year’s first eligible self-pay paid by nobody (Henan art. 13: 11 000; art. 14 halves it).',
  bands: '分段: bands above the deductible in increasing order; the last is open (upTo null).',
  annualCap:
    '年度最高支付限额: annual benefit cap; null: no cap (Henan art. 13: 400 000; art. 14: none).',
  general: '普通人群: the general schedule (Henan art. 13).',
  preferential: '倾斜人群: the schedule of persons with a special status (Henan art. 14).',
  riskReserveRate:
    '风险调节金比例: risk reserve held back by party A from the funds raised (Henan art. 22: 5%).',
  assessmentDepositRate:
    '考核保证金比例: assessment deposit held back from the funds raised (Henan art. 22: 3%).',
  profitCapRate:
    '盈利率上限: the insurer’s margin, operating costs included, at most this share of the funds raised (Henan art. 23: 3%); the cap in money is this share rounded down to the fen (rules.md §4).',
  directPaymentWorkingDays:
    '直接结算拨付时限: working days from a successful declaration to paying the institution (Henan art. 15: 15).',
  manualPaymentWorkingDays:
    '零星报销支付时限: working days from receipt of the materials to paying the person (Henan art. 17: 20).',
  appropriationReceiptWorkingDays:
    '收款凭证时限: working days after the quarterly appropriation arrives to file the receipt (Henan art. 21: 2).',
  monthlyReportDueDay:
    '月报报送日: day of the next month by which the monthly report is due, moved to the next working day (Henan art. 25: 5).',
  halfYearReportDue:
    '半年分析报送日: MM-DD of the reporting year by which the half-year analysis is due, moved to the next working day (Henan art. 26: 07-15).',
  annualReportDue:
    '年度分析报送日: MM-DD of the next year by which the annual analysis is due, moved to the next working day (Henan art. 26: 01-20).',
  criticalIllnessStaffing: '人员配置要求: Henan staffing rules (arts. 7–8).',
  medicalShareMin:
    '医学专业人员占比: least share of medical staff among dedicated staff (Henan art. 8: 50%).',
  cityStaffMinHenan: '每市人数: least dedicated staff per city (Henan art. 8: 3).',
  cityMedicalMinHenan: '每市医学人员: least medical staff per city (Henan art. 8: 1).',
  countyInsuredPerStaff:
    '每县配置基数: in principle one staff member per this many insured in a county, advisory (Henan art. 8: 200 000).',
  colocatedStaffMin: '派驻甲方人数: staff working at party A’s offices (Henan art. 7: 3).',
  feePerPersonYear:
    '经办服务费标准: handling fee per insured person and year (Luoyang 3(四): 1.50 yuan).',
  manualSettlementSampleRate:
    '零星报销抽查比例: share of the quarter’s MANUAL settlements sampled in the audit (Luoyang 3(三): 10%).',
  manualReviewSampleRate:
    '人工抽审抽查比例: share of the quarter’s reviewed claims sampled in the audit (Luoyang 3(三): 5%).',
  auditThresholds:
    '考核扣减档次: audit deductions by pass rate; the threshold with the lowest passRateBelow that the pass rate is under applies (Luoyang 3(三): below 90% 2%; below 80% 5% and a re-review).',
  passRateBelow: '合格率低于: the threshold applies when the pass rate is strictly below this.',
  deductionRate: '扣减比例: share of the quarter’s fee deducted.',
  reReview: '重新审核: a re-review at the insurer’s cost is ordered.',
  breachDamagesRate:
    '违约金比例: liquidated damages for a breach, as a share of the quarter’s fee, once per quarter (Luoyang 5(二): 2%).',
  savingsRewardRate:
    '节约奖励比例: reward as a share of the benefit reductions found by reviews (Anhui 三(五); default 0).',
  handlingStaffing: '人员配置要求: Luoyang staffing rules (4(一)).',
  cityStaffMin: '市级人数: least staff at city level (Luoyang 4(一): 63).',
  cityMedicalMin: '市级医学人员: least medical staff at city level (40).',
  cityFinanceMin: '市级财务人员: least finance staff at city level (1).',
  cityItMin: '市级信息人员: least IT staff at city level (1).',
  countyStaffMin: '县区人数: least staff of all counties together (97).',
  countyMedicalMin: '县区医学人员: least medical staff of all counties together (49).',
  countyFinanceMin: '县区财务人员: least finance staff of all counties together (9).',
  countyItMin: '县区信息人员: least IT staff of all counties together (9).',
  declarationDayOfMonth:
    '申报日: institutions declare the month’s settlements by this day of the next month (Suining art. 39: 10).',
  paymentWorkingDays:
    '拨付时限: working days from declaration to payment by the fund (Suining art. 43: 30).',
  penaltyDueWorkingDays:
    '违约金缴纳期限: working days from the notice date to the due date of recovered amounts and damages (Suining art. 67: 30).',
  overdueGraceWorkingDays:
    '逾期宽限: working days of grace after the due date before an unpaid penalty is enforceable (Suining art. 67: 10).',
  nonFeeDamagesPerOccurrence:
    '不涉及费用的违约金: damages per occurrence of a serious breach with no amount involved (Suining art. 64: 1 000 yuan).',
  damagesRanges:
    '违约金倍数: damages multipliers by tier (Suining arts. 64–66: serious 1–2, severe 3, grave 3–5).',
  tier: '违约情形等级: the breach tier.',
  minMultiplier:
    '最低倍数: least multiple of the violating amount; the default when none is chosen.',
  maxMultiplier: '最高倍数: greatest multiple of the violating amount.',
  maxSuspensionMonths:
    '最长中止月数: longest suspension of the agreement for a severe breach (Suining art. 65: 6).',
  offlineProcurementSeriousFrom:
    '线下采购较重起点: offline purchases (涉及金额) from this amount, inclusive, are a SERIOUS breach, below it GENERAL (Suining 64(五) "达到5万元", 63(一): 50 000).',
  offlineProcurementSeriousShare:
    '线下采购较重占比: offline purchases from this share of all purchases of the period checked, inclusive, are a SERIOUS breach (Suining 64(五) "占乙方全部采购金额的15%": 0.15).',
  fictitiousChargesFlaggedFrom:
    '虚记费用待定起点: fictitious charges (涉及金额) below this are SEVERE (Suining 65(二) "10000元以下": 10 000); from it up to the grave step the agreement is silent: SEVERE, flagged for an officer’s decision.',
  fictitiousChargesGraveFrom:
    '虚记费用特别严重起点: fictitious charges from this amount, inclusive, are GRAVE (Suining 66(三) "3万元以上": 30 000); not below fictitiousChargesFlaggedFrom.',
  itemSubstitutionGraveFrom:
    '串换特别严重起点: substituted items (涉及金额) from this amount, inclusive, are GRAVE, below it SEVERE (Suining 66(六) "达10万元以上", 65(三): 100 000).',
  repeatedSeriousCount:
    '同一性质较重违约次数: the serious breach of one type that reaches this count in the term, counting the earlier ones, is at least SEVERE (Suining 65(十六) "累计2次及以上": 2).',
  escalationBreachCount:
    '违约累计次数: the breach of any tier that reaches this count in the term is at least SEVERE (Suining 65(十六) "累计5次": 5).',
  repeatedSuspensionCount:
    '中止累计次数: a severe breach whose suspension would reach this count of suspensions in the term is GRAVE (Suining 66(十四) "累计2次及以上被中止": 2).',
  requestedSuspensionNoticeMonths:
    '申请中止提前月数: an institution asks to suspend its agreement at least this many months before the first day (Suining art. 78 "应提前3个月": 3).',
  requestedSuspensionMaxDays:
    '申请中止最长日数: the longest suspension an institution may ask for, in days (Suining art. 76 "原则上不得超过180日": 180).',
  requestedSuspensionLapseDays:
    '中止自动终止日数: a suspension at the institution’s request of at least this many days ends the agreement the day after its last day unless the institution asks to continue by then (Suining art. 76 "超过180日（含180日）": 180).',
  requestedSuspensionsTerminating:
    '累计暂停次数: the suspension at the institution’s request that reaches this count in the term terminates the agreement from its first day instead (Suining 77(四) "累计两次暂停提供服务": 2).',
  effectiveFrom: '生效日期: first day this terms version is in force.',
} as const;

@ObjectType({
  simpleResolvers: true,
  description: '支付分段: one band of a benefit schedule (Henan art. 13; rules.md §3.2).',
})
export class BenefitBand {
  @Field(() => MoneyScalar, { nullable: true, description: TERM_DOCS.upTo })
  upTo!: Decimal | null;

  @Field(() => DecimalScalar, { description: TERM_DOCS.rate })
  rate!: Decimal;
}

@ObjectType({
  simpleResolvers: true,
  description: '待遇方案: a benefit schedule (Henan arts. 13–14; rules.md §3.2).',
})
export class BenefitSchedule {
  @Field(() => MoneyScalar, { description: TERM_DOCS.deductible })
  deductible!: Decimal;

  @Field(() => [BenefitBand], { description: TERM_DOCS.bands })
  bands!: BenefitBand[];

  @Field(() => MoneyScalar, { nullable: true, description: TERM_DOCS.annualCap })
  annualCap!: Decimal | null;
}

@ObjectType({
  simpleResolvers: true,
  description: '人员配置要求(河南): Henan staffing rules (arts. 7–8; rules.md §6).',
})
export class CriticalIllnessStaffingRules {
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

@ObjectType({
  simpleResolvers: true,
  description:
    '大病保险合同条款: terms of a critical-illness agreement (Henan arts. 13–25; rules.md §3–4).',
})
export class CriticalIllnessTerms {
  @Field(() => DateScalar, { description: TERM_DOCS.effectiveFrom })
  effectiveFrom!: string;

  @Field(() => BenefitSchedule, { description: TERM_DOCS.general })
  general!: BenefitSchedule;

  @Field(() => BenefitSchedule, { description: TERM_DOCS.preferential })
  preferential!: BenefitSchedule;

  @Field(() => DecimalScalar, { description: TERM_DOCS.riskReserveRate })
  riskReserveRate!: Decimal;

  @Field(() => DecimalScalar, { description: TERM_DOCS.assessmentDepositRate })
  assessmentDepositRate!: Decimal;

  @Field(() => DecimalScalar, { description: TERM_DOCS.profitCapRate })
  profitCapRate!: Decimal;

  @Field(() => Int, { description: TERM_DOCS.directPaymentWorkingDays })
  directPaymentWorkingDays!: number;

  @Field(() => Int, { description: TERM_DOCS.manualPaymentWorkingDays })
  manualPaymentWorkingDays!: number;

  @Field(() => Int, { description: TERM_DOCS.appropriationReceiptWorkingDays })
  appropriationReceiptWorkingDays!: number;

  @Field(() => Int, { description: TERM_DOCS.monthlyReportDueDay })
  monthlyReportDueDay!: number;

  @Field(() => String, { description: TERM_DOCS.halfYearReportDue })
  halfYearReportDue!: string;

  @Field(() => String, { description: TERM_DOCS.annualReportDue })
  annualReportDue!: string;

  @Field(() => CriticalIllnessStaffingRules, { description: TERM_DOCS.criticalIllnessStaffing })
  staffing!: CriticalIllnessStaffingRules;
}

@ObjectType({
  simpleResolvers: true,
  description: '考核扣减档次: an audit deduction threshold (Luoyang 3(三); rules.md §5).',
})
export class AuditThreshold {
  @Field(() => DecimalScalar, {
    description: 'The rule applies when the pass rate is strictly below this. 合格率低于(不含).',
  })
  passRateBelow!: Decimal;

  @Field(() => DecimalScalar, { description: TERM_DOCS.deductionRate })
  deductionRate!: Decimal;

  @Field(() => Boolean, { description: TERM_DOCS.reReview })
  reReview!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description: '人员配置要求(洛阳): Luoyang staffing rules (4(一); rules.md §6).',
})
export class HandlingStaffingRules {
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

@ObjectType({
  simpleResolvers: true,
  description:
    '委托经办协议条款: terms of a commissioned-handling agreement (Luoyang arts. 3–5; Anhui 三(五); rules.md §5).',
})
export class HandlingTerms {
  @Field(() => DateScalar, { description: TERM_DOCS.effectiveFrom })
  effectiveFrom!: string;

  @Field(() => MoneyScalar, { description: TERM_DOCS.feePerPersonYear })
  feePerPersonYear!: Decimal;

  @Field(() => DecimalScalar, { description: TERM_DOCS.manualSettlementSampleRate })
  manualSettlementSampleRate!: Decimal;

  @Field(() => DecimalScalar, { description: TERM_DOCS.manualReviewSampleRate })
  manualReviewSampleRate!: Decimal;

  @Field(() => [AuditThreshold], { description: TERM_DOCS.auditThresholds })
  auditThresholds!: AuditThreshold[];

  @Field(() => DecimalScalar, { description: TERM_DOCS.breachDamagesRate })
  breachDamagesRate!: Decimal;

  @Field(() => DecimalScalar, { description: TERM_DOCS.savingsRewardRate })
  savingsRewardRate!: Decimal;

  @Field(() => HandlingStaffingRules, { description: TERM_DOCS.handlingStaffing })
  staffing!: HandlingStaffingRules;
}

@ObjectType({
  simpleResolvers: true,
  description:
    '违约金倍数: damages multipliers of a breach tier (Suining arts. 64–66; rules.md §7.2).',
})
export class DamagesRange {
  @Field(() => BreachTier, { description: TERM_DOCS.tier })
  tier!: BreachTier;

  @Field(() => DecimalScalar, { description: TERM_DOCS.minMultiplier })
  minMultiplier!: Decimal;

  @Field(() => DecimalScalar, { description: TERM_DOCS.maxMultiplier })
  maxMultiplier!: Decimal;
}

@ObjectType({
  simpleResolvers: true,
  description:
    '定点医疗机构协议条款: terms of a designated-institution agreement (Suining arts. 39, 43, 64–67, 76–78; rules.md §7).',
})
export class InstitutionTerms {
  @Field(() => DateScalar, { description: TERM_DOCS.effectiveFrom })
  effectiveFrom!: string;

  @Field(() => Int, { description: TERM_DOCS.declarationDayOfMonth })
  declarationDayOfMonth!: number;

  @Field(() => Int, { description: TERM_DOCS.paymentWorkingDays })
  paymentWorkingDays!: number;

  @Field(() => Int, { description: TERM_DOCS.penaltyDueWorkingDays })
  penaltyDueWorkingDays!: number;

  @Field(() => Int, { description: TERM_DOCS.overdueGraceWorkingDays })
  overdueGraceWorkingDays!: number;

  @Field(() => MoneyScalar, { description: TERM_DOCS.nonFeeDamagesPerOccurrence })
  nonFeeDamagesPerOccurrence!: Decimal;

  @Field(() => [DamagesRange], { description: TERM_DOCS.damagesRanges })
  damagesRanges!: DamagesRange[];

  @Field(() => Int, { description: TERM_DOCS.maxSuspensionMonths })
  maxSuspensionMonths!: number;

  @Field(() => MoneyScalar, { description: TERM_DOCS.offlineProcurementSeriousFrom })
  offlineProcurementSeriousFrom!: Decimal;

  @Field(() => DecimalScalar, { description: TERM_DOCS.offlineProcurementSeriousShare })
  offlineProcurementSeriousShare!: Decimal;

  @Field(() => MoneyScalar, { description: TERM_DOCS.fictitiousChargesFlaggedFrom })
  fictitiousChargesFlaggedFrom!: Decimal;

  @Field(() => MoneyScalar, { description: TERM_DOCS.fictitiousChargesGraveFrom })
  fictitiousChargesGraveFrom!: Decimal;

  @Field(() => MoneyScalar, { description: TERM_DOCS.itemSubstitutionGraveFrom })
  itemSubstitutionGraveFrom!: Decimal;

  @Field(() => Int, { description: TERM_DOCS.repeatedSeriousCount })
  repeatedSeriousCount!: number;

  @Field(() => Int, { description: TERM_DOCS.escalationBreachCount })
  escalationBreachCount!: number;

  @Field(() => Int, { description: TERM_DOCS.repeatedSuspensionCount })
  repeatedSuspensionCount!: number;

  @Field(() => Int, { description: TERM_DOCS.requestedSuspensionNoticeMonths })
  requestedSuspensionNoticeMonths!: number;

  @Field(() => Int, { description: TERM_DOCS.requestedSuspensionMaxDays })
  requestedSuspensionMaxDays!: number;

  @Field(() => Int, { description: TERM_DOCS.requestedSuspensionLapseDays })
  requestedSuspensionLapseDays!: number;

  @Field(() => Int, { description: TERM_DOCS.requestedSuspensionsTerminating })
  requestedSuspensionsTerminating!: number;
}

export const AgreementTerms = createUnionType({
  name: 'AgreementTerms',
  description:
    '协议条款: the terms version of an agreement, of the member type matching its kind (rules.md §1).',
  types: () => [CriticalIllnessTerms, HandlingTerms, InstitutionTerms] as const,
  resolveType: (value) => {
    switch ((value as unknown as { kind: AgreementKind }).kind) {
      case AgreementKind.CRITICAL_ILLNESS:
        return CriticalIllnessTerms;
      case AgreementKind.COMMISSIONED_HANDLING:
        return HandlingTerms;
      default:
        return InstitutionTerms;
    }
  },
});
