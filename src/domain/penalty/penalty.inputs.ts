import type Decimal from 'decimal.js';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar, MoneyScalar } from '../../graphql/scalars';
import { BreachTier } from './breach-tier.enum';
import { DetectedBy } from './penalty.enums';

@ObjectType({
  simpleResolvers: true,
  description: '违约情形: an entry of the breach catalogue (Suining arts. 62–66; rules.md §7.5).',
})
export class ViolationType {
  @Field(() => String, { description: '代码: stable code, e.g. OUT_OF_SCOPE_BILLING.' })
  code!: string;

  @Field(() => String, { description: '条款: the article(s), e.g. 64(一), or 65(二) / 66(三).' })
  article!: string;

  @Field(() => String, { description: '内容: the agreement’s own words (Chinese).' })
  description!: string;

  @Field(() => BreachTier, {
    description: '默认等级: the tier before amount, ratio and escalation rules.',
  })
  defaultTier!: BreachTier;

  @Field(() => Boolean, { description: '骗取医保基金: fraud, never lenient (art. 72).' })
  fraud!: boolean;
}

@InputType({ description: '进销存: one drug or consumable counted at inspection (annex 19).' })
export class StockItemInput {
  @Field(() => String, { description: '品规编码: the item.' })
  itemCode!: string;

  @Field(() => DecimalScalar, { description: '期初库存: opening stock.' })
  opening!: Decimal;

  @Field(() => DecimalScalar, { description: '购进: purchased.' })
  purchased!: Decimal;

  @Field(() => DecimalScalar, { description: '销售: sold.' })
  sold!: Decimal;

  @Field(() => DecimalScalar, { description: '期末库存: closing stock.' })
  closing!: Decimal;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Quantity declared to the fund, for the declared ÷ sold ratio. 申报数量.',
  })
  declared?: Decimal | null;
}

@InputType({ description: '服务项目: one service counted at inspection (62(九), 64(三), 65(十)).' })
export class ServiceItemInput {
  @Field(() => String, { description: '项目编码.' })
  itemCode!: string;

  @Field(() => DecimalScalar, { description: '申报数量: quantity declared.' })
  declared!: Decimal;

  @Field(() => DecimalScalar, { description: '标准数量: the standard service quantity.' })
  standard!: Decimal;
}

@InputType({ description: '检查: what an inspection measured (rules.md §7.1).' })
export class InspectionInput {
  @Field(() => ID, { description: '协议标识: a DESIGNATED_INSTITUTION agreement.' })
  agreementId!: string;

  @Field(() => DateScalar, {
    description: '检查日期: also the notice date of its penalty; not after today (rules.md §3.4).',
  })
  inspectedOn!: string;

  @Field(() => [StockItemInput], {
    nullable: true,
    defaultValue: [],
    description: '进销存: stock items.',
  })
  stockItems?: StockItemInput[] | null;

  @Field(() => [ServiceItemInput], {
    nullable: true,
    defaultValue: [],
    description: '服务项目: services.',
  })
  serviceItems?: ServiceItemInput[] | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'The institution keeps no purchase-sale-stock records at all (art. 65(四)). 无进销存记录.',
  })
  noStockRecords?: boolean | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      '通知日期: the day the institution received the notice of the inspection’s penalty (art. 67: its 30 working days run from it); default the inspection day; not before it, not after today (rules.md §3.4).',
  })
  noticeOn?: string | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      '违规费用: the violating amount the inspection established for its penalty (annex 16); null: none established.',
  })
  violatingAmount?: Decimal | null;
}

@InputType({
  description: '违约登记: a breach of a designated institution (Suining arts. 62–67; rules.md §7).',
})
export class RecordViolationInput {
  @Field(() => ID, { description: '协议标识: a DESIGNATED_INSTITUTION agreement.' })
  agreementId!: string;

  @Field(() => String, { description: '违约情形代码: a code of violationTypes.' })
  violationCode!: string;

  @Field(() => DateScalar, { description: '发生日期: not after today (rules.md §3.4).' })
  occurredOn!: string;

  @Field(() => DateScalar, {
    description:
      'The day the institution received the notice. 通知日期 (接到通知), not before occurredOn, not after today (rules.md §3.4, §7.4).',
  })
  noticeOn!: string;

  @Field(() => DetectedBy, { description: '发现途径.' })
  detectedBy!: DetectedBy;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      "违规费用: the part of the costs involved within the fund's payment scope (annex 16); null where no money is involved.",
  })
  violatingAmount?: Decimal | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      '涉及金额: the purchases or charges involved, which the thresholds of 64(五), 65(二)/66(三) and 65(三)/66(六) measure (rules.md §7.2); left out: the violating amount stands in for it. Recovery and damages stay on the violating amount.',
  })
  amountInvolved?: Decimal | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      '全部采购金额: all drug and consumable purchases of the period checked, for the 15% branch of 64(五) (serious when amountInvolved ≥ 15% of it, compared exactly; rules.md §7.2); left out: only the amount step applies.',
  })
  purchasesTotal?: Decimal | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 1,
    description: '次数: occurrences, 1 or more.',
  })
  occurrences?: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Damages multiple where the tier allows a range; default the lowest. 违约金倍数.',
  })
  multiplier?: Decimal | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'SEVERE only: suspend the agreement for 1 to 6 months; 0 or left out: no suspension. 中止月数.',
  })
  suspensionMonths?: number | null;
}
