import type Decimal from 'decimal.js';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar, DecimalScalar, MoneyScalar } from '../../graphql/scalars';
import type { Agreement } from '../agreement/agreement.entity';

@ObjectType({
  simpleResolvers: true,
  description:
    '年度清算: the year-end clearing of a critical-illness fund (Henan arts. 22–24; rules.md §4), or a provisional computation before any clearing.',
})
export class FundClearing {
  agreement!: Agreement;

  @Field(() => Int, { description: '年度.' })
  year!: number;

  @Field(() => Boolean, {
    description:
      '预估: true for a provisional computation (no clearFundYear yet: the whole deposit returned, no policy loss); false for the latest clearing.',
  })
  provisional!: boolean;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: '清算时间: when the clearing was made; null if provisional.',
  })
  clearedAt!: Date | null;

  @Field(() => Boolean, {
    description: '政策性亏损: whether a loss was taken as caused by a policy change.',
  })
  policyLoss!: boolean;

  @Field(() => DecimalScalar, {
    description: '保证金返还比例: from the annual assessment (arts. 22, 36).',
  })
  depositReturnRatio!: Decimal;

  @Field(() => MoneyScalar, {
    description: '筹集资金总额: the funds raised for the year (art. 20).',
  })
  raisedAmount!: Decimal;

  @Field(() => MoneyScalar, {
    description: '赔付支出: benefits of claims discharged in the year, net of adjustments.',
  })
  benefitsPaid!: Decimal;

  @Field(() => MoneyScalar, {
    description: 'raised − risk reserve − deposit + deposit returned. 乙方可用资金.',
  })
  availableToInsurer!: Decimal;

  @Field(() => MoneyScalar, {
    description: 'availableToInsurer − benefitsPaid; negative for a loss. 结余.',
  })
  surplus!: Decimal;

  @Field(() => MoneyScalar, {
    description:
      '乙方留存: what the insurer keeps of a surplus: min(surplus, cap), the cap being profitCapRate × raised rounded down to the fen — "3%以内" is a ceiling, so raised 1 000 000.50 caps at 30 000.01, never 30 000.02 (Henan art. 23; rules.md §4).',
  })
  insurerRetained!: Decimal;

  @Field(() => MoneyScalar, {
    description: '上缴财政: the rest of a surplus, to the provincial treasury (art. 24).',
  })
  toTreasury!: Decimal;

  @Field(() => MoneyScalar, {
    description:
      '乙方承担亏损: the insurer’s share of a loss (art. 24): all of it when the loss is not caused by a policy change; for a policy loss at most the same cap as insurerRetained, profitCapRate × raised rounded down to the fen (rules.md §4).',
  })
  insurerBearsLoss!: Decimal;

  @Field(() => MoneyScalar, {
    description: '风险调节金弥补: what the risk reserve covers of a policy loss.',
  })
  fromRiskReserve!: Decimal;

  @Field(() => MoneyScalar, {
    description: '结转下年: the rest of a policy loss, carried to next year’s funding.',
  })
  carriedForward!: Decimal;

  @Field(() => MoneyScalar, {
    description: '风险调节金: riskReserveRate × raised, held back by party A (art. 22).',
  })
  riskReserve!: Decimal;

  @Field(() => MoneyScalar, {
    description: '考核保证金: assessmentDepositRate × raised, held back by party A (art. 22).',
  })
  assessmentDeposit!: Decimal;

  @Field(() => MoneyScalar, { description: '返还保证金: deposit × depositReturnRatio.' })
  depositReturned!: Decimal;
}

@ObjectType({
  simpleResolvers: true,
  description:
    '季度预拨: the quarterly appropriation the insurer requests at the start of a quarter (Henan art. 21).',
})
export class FundAppropriation {
  agreement!: Agreement;

  @Field(() => Int, { description: '年度.' })
  year!: number;

  @Field(() => Int, { description: '季度: 1–4.' })
  quarter!: number;

  @Field(() => MoneyScalar, {
    description:
      '申请金额: benefits of the previous quarter (claims discharged in it, net of adjustments).',
  })
  amount!: Decimal;

  @Field(() => DateScalar, {
    description:
      '拨付期限: party A pays by the last day of the quarter’s first month (a calendar date, not moved: "前").',
  })
  dueOn!: string;

  @Field(() => DateScalar, {
    description:
      '回执期限: the insurer files the receipt within 2 working days of the money arriving (arrivedOn, or dueOn if not given).',
  })
  receiptDueOn!: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    '基金收支公布: the quarterly publication of a critical-illness fund’s income and expenditure (Anhui 三(二) "每季度公布医保基金收支情况"; rules.md §8), year to date at the quarter’s end.',
})
export class FundPublication {
  agreement!: Agreement;

  @Field(() => Int, { description: '年度.' })
  year!: number;

  @Field(() => Int, { description: '季度: 1–4.' })
  quarter!: number;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      '筹集资金总额: the year’s funds raised, the latest record (Henan art. 20); null when none is recorded yet.',
  })
  raisedAmount!: Decimal | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      '风险调节金与考核保证金: riskReserveRate × raised + assessmentDepositRate × raised, held back by party A (Henan art. 22); null without funds raised.',
  })
  heldBack!: Decimal | null;

  @Field(() => MoneyScalar, {
    description:
      '本季度预拨: the appropriation requested at the start of the quarter, the benefits of the previous quarter (Henan art. 21; as fundAppropriation.amount).',
  })
  appropriated!: Decimal;

  @Field(() => MoneyScalar, {
    description: '累计预拨: the appropriations of quarters 1 to this one.',
  })
  appropriatedToDate!: Decimal;

  @Field(() => MoneyScalar, {
    description:
      '本季度赔付支出: benefits of claims discharged in the quarter, net of adjustments (the clearing’s basis, art. 24).',
  })
  benefitsPaid!: Decimal;

  @Field(() => MoneyScalar, {
    description:
      '累计赔付支出: benefits of claims discharged from 1 January to the quarter’s end, net.',
  })
  benefitsPaidToDate!: Decimal;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      '结余: raisedAmount − heldBack − benefitsPaidToDate, what remains of the insurer’s funds for the rest of the year (negative: a loss so far); null without funds raised. At Q4 it equals the clearing’s surplus before any deposit is returned.',
  })
  balance!: Decimal | null;
}
