import type Decimal from 'decimal.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar, DecimalScalar, MoneyScalar } from '../../graphql/scalars';
import { Claim } from './claim.entity';

@ObjectType({
  simpleResolvers: true,
  description:
    '分段赔付: the part of a claim (or a quote) in one band of the schedule; the deductible shows as a band at rate 0 (rules.md §3.3).',
})
export class BandAmount {
  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      '段上限: upper bound of the band on the year’s cumulative eligible self-pay; null for the open top band.',
  })
  upTo!: Decimal | null;

  @Field(() => DecimalScalar, { description: '支付比例: the band’s rate (0 for the deductible).' })
  rate!: Decimal;

  @Field(() => MoneyScalar, {
    description:
      "Part of this claim's eligible amount that fell in the band. 段内金额: the bases sum to the eligible amount.",
  })
  base!: Decimal;

  @Field(() => MoneyScalar, {
    description: '段内赔付: the benefit of the band; the amounts sum exactly to the benefit.',
  })
  amount!: Decimal;
}

@ObjectType({
  simpleResolvers: true,
  description:
    '理赔调整: a review (先支付后审核, Henan art. 16) or a reversal, appended to the ledger as a negative entry (rules.md §3.3).',
})
export class ClaimAdjustment {
  @Field(() => ID, { description: '标识: opaque id.' })
  id!: string;

  @Field(() => MoneyScalar, {
    description:
      '不合规金额: the part of the claim’s eligible self-pay found non-compliant (X); 0 for a review that found nothing.',
  })
  nonCompliantAmount!: Decimal;

  @Field(() => MoneyScalar, {
    description:
      '赔付调整: the benefit delta, round2(B(C − X)) − round2(B(C)) at the top of the year’s ledger; ≤ 0. DIRECT: clawed back in the institution’s critical-illness statement of the month after appliedOn (Henan art. 16; rules.md §10.2); MANUAL: recovered from the person.',
  })
  benefitDelta!: Decimal;

  @Field(() => String, { description: '原因: why.' })
  reason!: string;

  @Field(() => String, { description: '类型: REVIEW or REVERSAL.' })
  kind!: string;

  @Field(() => DateTimeScalar, { description: '记录时间: when it was recorded.' })
  createdAt!: Date;

  @Field(() => DateScalar, {
    description:
      'The day it was applied to the ledger (China Standard Time): for a confirmed proposal, the confirmation day. 生效日期: a review’s reviewedOn (default the day recorded), a reversal’s day; answers as of an earlier day leave it out (rules.md §3.4, §10.2).',
  })
  appliedOn!: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    '年度累计: a person’s critical-illness ledger for one natural year (Henan art. 5; rules.md §3.3).',
})
export class Accumulator {
  @Field(() => Int, { description: '年度: the natural year of the discharge dates.' })
  year!: number;

  @Field(() => MoneyScalar, {
    description:
      '累计合规自付: cumulative eligible self-pay, claims minus adjustments (the sum of the ledger entries).',
  })
  eligibleTotal!: Decimal;

  @Field(() => MoneyScalar, {
    description: '累计赔付: benefits of the year, claims plus (negative) adjustments.',
  })
  benefitTotal!: Decimal;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      'Remaining benefit before the annual cap; null where no cap applies. 剩余额度: the cap of the schedule the person has today (or on 31 December of a past year).',
  })
  remainingCap!: Decimal | null;

  @Field(() => Int, { description: '分录数: ledger entries of the year (claims and adjustments).' })
  entryCount!: number;
}

@ObjectType({ simpleResolvers: true, description: '批量错误: one rejected input of submitClaims.' })
export class BatchError {
  @Field(() => Int, { description: '序号: the input’s index in the list, from 0.' })
  index!: number;

  @Field(() => String, { description: '错误代码: BAD_USER_INPUT, NOT_FOUND or CONFLICT.' })
  code!: string;

  @Field(() => String, { description: '说明: what is wrong (never the value itself).' })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: '字段: the input at fault, e.g. inputs[3].totalCost.',
  })
  field!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: '批量提交结果: the stored claims and the rejected inputs of submitClaims.',
})
export class SubmitClaimsResult {
  @Field(() => [Claim], {
    description:
      '理赔: the claims stored (or found again, for a repeated submission), in input order.',
  })
  claims!: Claim[];

  @Field(() => [BatchError], {
    description: 'One entry per rejected input, by its index in the list.',
  })
  errors!: BatchError[];
}

@ObjectType({
  simpleResolvers: true,
  description: '待遇测算: a what-if benefit calculation; nothing is stored (rules.md §3.3).',
})
export class BenefitQuote {
  @Field(() => String, { description: '待遇方案: GENERAL or PREFERENTIAL.' })
  schedule!: string;

  @Field(() => MoneyScalar, { description: '累计前: cumulative eligible self-pay before.' })
  cumulativeBefore!: Decimal;

  @Field(() => MoneyScalar, { description: '累计后: cumulative eligible self-pay after.' })
  cumulativeAfter!: Decimal;

  @Field(() => [BandAmount], { description: '分段赔付: the per-band breakdown.' })
  bands!: BandAmount[];

  @Field(() => MoneyScalar, { description: '赔付: the benefit.' })
  benefit!: Decimal;
}
