import type Decimal from 'decimal.js';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../../graphql/scalars';
import type { Agreement } from '../agreement/agreement.entity';

@ObjectType({
  simpleResolvers: true,
  description:
    '经办服务费结算单: a quarter’s handling fee with its deductions and reward (Luoyang 3(三)–(四), 5(二); Anhui 三(五); rules.md §5).',
})
export class HandlingFeeStatement {
  agreement!: Agreement;

  @Field(() => Int, { description: '年度: the year.' })
  year!: number;

  @Field(() => Int, { description: '季度: the quarter, 1–4.' })
  quarter!: number;

  @Field(() => Int, {
    description:
      '核算人数: insured persons at the end of the previous year, the fee’s basis (Luoyang 3(四)).',
  })
  insuredCountBasis!: number;

  @Field(() => MoneyScalar, { description: '年度经办费: feePerPersonYear × insuredCountBasis.' })
  annualFee!: Decimal;

  @Field(() => MoneyScalar, {
    description: '季度经办费: a quarter of the annual fee (Q1–Q3 rounded; Q4 the remainder).',
  })
  quarterlyFee!: Decimal;

  @Field(() => MoneyScalar, {
    description:
      '稽核扣减: the finalized audit’s deduction rate × quarterlyFee; 0 without a finalized audit.',
  })
  auditDeduction!: Decimal;

  @Field(() => MoneyScalar, {
    description:
      '违约金: breachDamagesRate × quarterlyFee, once per quarter with a recorded breach (Luoyang 5(二)).',
  })
  breachDamages!: Decimal;

  @Field(() => MoneyScalar, {
    description:
      '节约奖励: savingsRewardRate × benefit reductions by reviews applied in the quarter (Anhui 三(五); rules.md §5: a proposal counts once confirmed, by its confirmation day).',
  })
  savingsReward!: Decimal;

  @Field(() => MoneyScalar, {
    description: '应付净额: quarterlyFee − auditDeduction − breachDamages + savingsReward.',
  })
  netPayable!: Decimal;

  @Field(() => Int, {
    description: '违约次数: breaches recorded in the quarter (each recorded, damages once).',
  })
  breachCount!: number;

  @Field(() => Boolean, { description: '稽核已完成: whether the quarter’s audit is finalized.' })
  auditFinalized!: boolean;
}

@InputType({ description: '稽核结论: the verdict on one sampled item.' })
export class AuditVerdictInput {
  @Field(() => ID, { description: '样本标识: an item of this audit.' })
  itemId!: string;

  @Field(() => Boolean, { description: '是否合格: passed or not.' })
  passed!: boolean;

  @Field(() => String, { nullable: true, description: '备注: a note (up to 500 characters).' })
  note?: string | null;
}
