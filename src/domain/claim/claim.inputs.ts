import type Decimal from 'decimal.js';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../graphql/scalars';
import { Money } from '../../shared/money';
import { SpecialStatus } from '../insured-person/insured-person.enums';
import { ClaimChannel, ClaimStatus } from './claim.enums';

const ZERO_DEFAULT = { nullable: true, defaultValue: new Money(0) } as const;

@InputType({
  description:
    '理赔申报: one basic-insurance settlement to adjudicate (rules.md §3.1). Amounts ≥ 0 with at most two decimals, below 10^12; the excluded components together not above totalCost.',
})
export class SubmitClaimInput {
  @Field(() => ID, {
    description: '协议标识: the CRITICAL_ILLNESS agreement covering the person’s region.',
  })
  agreementId!: string;

  @Field(() => ID, {
    description: '定点医疗机构: the institution that settled (a MEDICAL_INSTITUTION).',
  })
  institutionId!: string;

  @Field(() => ID, { description: '参保人员: the insured person.' })
  insuredPersonId!: string;

  @Field(() => String, {
    description:
      "The institution's own settlement number; (institutionId, settlementNumber) is unique. 结算单号: 1–64 characters; the same payload again returns the first claim.",
  })
  settlementNumber!: string;

  @Field(() => ClaimChannel, { description: '结算渠道: DIRECT or MANUAL.' })
  channel!: ClaimChannel;

  @Field(() => DateScalar, { description: '入院日期: admission date; not after discharge.' })
  admissionDate!: string;

  @Field(() => DateScalar, {
    description: '出院日期: discharge date; inside the agreement’s term; not after declaredOn.',
  })
  dischargeDate!: string;

  @Field(() => DateScalar, {
    description:
      'DIRECT: the day the declaration succeeded; MANUAL: the day the materials were received. 申报日期.',
  })
  declaredOn!: string;

  @Field(() => MoneyScalar, { description: '医疗总费用: total cost.' })
  totalCost!: Decimal;

  @Field(() => MoneyScalar, { description: '基本医保统筹支付: paid by the basic insurance fund.' })
  basicFundPaid!: Decimal;

  @Field(() => MoneyScalar, {
    ...ZERO_DEFAULT,
    description: '目录外费用: out-of-catalogue (丙类) costs (art. 12(二)).',
  })
  outOfCatalogCost?: Decimal | null;

  @Field(() => MoneyScalar, {
    ...ZERO_DEFAULT,
    description: '乙类先行自付: class-B first payment (art. 11(二)).',
  })
  classBFirstPay?: Decimal | null;

  @Field(() => MoneyScalar, {
    ...ZERO_DEFAULT,
    description: '起付标准及以下: up to the basic insurance deductible (art. 12(一)).',
  })
  belowBasicDeductible?: Decimal | null;

  @Field(() => MoneyScalar, {
    ...ZERO_DEFAULT,
    description: '转诊降低比例部分: reduction for a transfer not made by the rules (art. 12(一)).',
  })
  transferReduction?: Decimal | null;

  @Field(() => MoneyScalar, {
    ...ZERO_DEFAULT,
    description: '按病种定额超出部分: above a fixed per-disease rate (art. 12(一)).',
  })
  overFixedRate?: Decimal | null;

  @Field(() => MoneyScalar, {
    ...ZERO_DEFAULT,
    description: '医疗救助已支付: paid by medical assistance (art. 12(三)).',
  })
  medicalAssistancePaid?: Decimal | null;

  @Field(() => MoneyScalar, {
    ...ZERO_DEFAULT,
    description: '其他不予支付费用: other costs the province excludes (art. 12(三)).',
  })
  otherExcludedCost?: Decimal | null;
}

@InputType({ description: '理赔筛选: conditions a claim must meet (all that are given).' })
export class ClaimFilter {
  @Field(() => ID, { nullable: true, description: '协议标识: claims of this agreement.' })
  agreementId?: string | null;

  @Field(() => ID, { nullable: true, description: '定点医疗机构: claims of this institution.' })
  institutionId?: string | null;

  @Field(() => ID, { nullable: true, description: '参保人员: claims of this person.' })
  insuredPersonId?: string | null;

  @Field(() => ClaimChannel, { nullable: true, description: '结算渠道.' })
  channel?: ClaimChannel | null;

  @Field(() => ClaimStatus, { nullable: true, description: '理赔状态.' })
  status?: ClaimStatus | null;

  @Field(() => DateScalar, { nullable: true, description: '出院起: discharged on or after.' })
  dischargedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '出院止: discharged on or before.' })
  dischargedTo?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '区划: persons inside this six-digit region (410000 includes 410300 and 410302).',
  })
  regionCode?: string | null;
}

@InputType({ description: 'A what-if calculation that stores nothing. 待遇测算 (rules.md §3.3).' })
export class BenefitQuoteInput {
  @Field(() => ID, { description: '协议标识: the CRITICAL_ILLNESS agreement whose terms apply.' })
  agreementId!: string;

  @Field(() => SpecialStatus, {
    nullable: true,
    defaultValue: SpecialStatus.NONE,
    description: '政策倾斜对象: NONE for the general schedule, any other for the preferential one.',
  })
  specialStatus?: SpecialStatus | null;

  @Field(() => MoneyScalar, {
    ...ZERO_DEFAULT,
    description: 'Eligible self-pay already accumulated this year. 累计前.',
  })
  cumulativeBefore?: Decimal | null;

  @Field(() => MoneyScalar, { description: '合规自付: the eligible self-pay to quote.' })
  eligibleSelfPay!: Decimal;

  @Field(() => DateScalar, {
    nullable: true,
    description: '日期: the day whose terms version applies (default: today).',
  })
  on?: string | null;
}
