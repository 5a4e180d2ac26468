import type Decimal from 'decimal.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { moneyColumn } from '../../db/decimal.transformer';
import { DateScalar, MoneyScalar } from '../../graphql/scalars';
import { ClaimChannel, ClaimStatus } from './claim.enums';

/** A band of a claim's breakdown as stored (`bands` jsonb): decimals as strings. */
export interface StoredBand {
  readonly upTo: string | null;
  readonly rate: string;
  readonly base: string;
  readonly amount: string;
}

/**
 * 大病保险理赔: one settlement adjudicated on the person's annual ledger (rules.md §3). Keyed by (person, id) so the
 * claim side can be distributed by person. The amounts are those of the basic-insurance settlement; `benefit` is the
 * critical-illness benefit as adjudicated (adjustments are ledger entries of their own, `adjustments`).
 */
@ObjectType({
  simpleResolvers: true,
  description:
    '大病保险理赔: a critical-illness claim, adjudicated in order on the person’s annual ledger (Henan arts. 11–19; rules.md §3).',
})
@Entity({ name: 'claim' })
export class Claim {
  @PrimaryColumn({ type: 'uuid' })
  insuredPersonId!: string;

  @Field(() => ID, { description: '标识: opaque id.' })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  agreementId!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Field(() => String, {
    description:
      '结算单号: the institution’s own settlement number; unique per institution (idempotency key).',
  })
  @Column({ type: 'text' })
  settlementNumber!: string;

  @Field(() => ClaimChannel, { description: '结算渠道: DIRECT or MANUAL.' })
  @Column({ type: 'text' })
  channel!: ClaimChannel;

  @Field(() => DateScalar, { description: '入院日期: admission date.' })
  @Column({ type: 'date' })
  admissionDate!: string;

  @Field(() => DateScalar, {
    description: '出院日期: discharge date; decides the year, the terms version and the schedule.',
  })
  @Column({ type: 'date' })
  dischargeDate!: string;

  @Field(() => DateScalar, {
    description:
      'DIRECT: the day the declaration succeeded; MANUAL: the day the materials were received. 申报日期 (Henan arts. 15, 17).',
  })
  @Column({ type: 'date' })
  declaredOn!: string;

  @Field(() => MoneyScalar, { description: '医疗总费用: total cost of the settlement.' })
  @Column(moneyColumn)
  totalCost!: Decimal;

  @Field(() => MoneyScalar, { description: '基本医保统筹支付: paid by the basic insurance fund.' })
  @Column(moneyColumn)
  basicFundPaid!: Decimal;

  @Field(() => MoneyScalar, {
    description: '目录外费用: out-of-catalogue (丙类) costs (art. 12(二)).',
  })
  @Column(moneyColumn)
  outOfCatalogCost!: Decimal;

  @Field(() => MoneyScalar, {
    description: '乙类先行自付: first payment of class-B items (art. 11(二)).',
  })
  @Column(moneyColumn)
  classBFirstPay!: Decimal;

  @Field(() => MoneyScalar, {
    description: '起付标准及以下: up to the basic insurance deductible (art. 12(一)).',
  })
  @Column(moneyColumn)
  belowBasicDeductible!: Decimal;

  @Field(() => MoneyScalar, {
    description: '转诊降低比例部分: reduction for a transfer not made by the rules (art. 12(一)).',
  })
  @Column(moneyColumn)
  transferReduction!: Decimal;

  @Field(() => MoneyScalar, {
    description: '按病种定额超出部分: above a fixed per-disease rate (art. 12(一)).',
  })
  @Column(moneyColumn)
  overFixedRate!: Decimal;

  @Field(() => MoneyScalar, {
    description: '医疗救助已支付: paid by medical assistance (art. 12(三)).',
  })
  @Column(moneyColumn)
  medicalAssistancePaid!: Decimal;

  @Field(() => MoneyScalar, {
    description: '其他不予支付费用: other costs the province excludes (art. 12(三)).',
  })
  @Column(moneyColumn)
  otherExcludedCost!: Decimal;

  @Field(() => MoneyScalar, {
    description:
      '合规自付医疗费用: eligible self-pay, total cost minus every excluded component (rules.md §3.1).',
  })
  @Column(moneyColumn)
  eligibleSelfPay!: Decimal;

  @Field(() => String, {
    description:
      "GENERAL, or PREFERENTIAL when the person's special status on the discharge date is not NONE. 待遇方案 (Henan arts. 13–14).",
  })
  @Column({ type: 'text' })
  schedule!: string;

  @Column({ type: 'uuid' })
  termsVersionId!: string;

  /** The natural year of the discharge date: the accumulator the claim counts in (Henan art. 5). */
  @Column({ type: 'int' })
  accumulatorYear!: number;

  @Field(() => MoneyScalar, {
    description:
      '累计前: the year’s cumulative eligible self-pay before this claim (rules.md §3.3).',
  })
  @Column(moneyColumn)
  cumulativeBefore!: Decimal;

  @Field(() => MoneyScalar, {
    description: '累计后: the cumulative eligible self-pay after this claim.',
  })
  @Column(moneyColumn)
  cumulativeAfter!: Decimal;

  @Column({ type: 'jsonb' })
  bands!: StoredBand[];

  @Field(() => MoneyScalar, {
    description:
      '大病保险赔付: the benefit as adjudicated, round2(B(after)) − round2(B(before)) within the cap (rules.md §3.3); adjustments are listed apart.',
  })
  @Column(moneyColumn)
  benefit!: Decimal;

  @Field(() => ClaimStatus, { description: '理赔状态: where the claim stands.' })
  @Column({ type: 'text' })
  status!: ClaimStatus;

  @Field(() => String, {
    nullable: true,
    description:
      'Why it was rejected, e.g. INSTITUTION_SUSPENDED. 不予结算原因: NOT_DESIGNATED, INSTITUTION_SUSPENDED or AGREEMENT_TERMINATED (rules.md §3.5).',
  })
  @Column({ type: 'text', nullable: true })
  rejectionReason!: string | null;

  @Field(() => DateScalar, {
    description:
      '应付日期: the day the insurer must pay by: declaredOn + 15 (DIRECT) or + 20 (MANUAL) working days from the terms, declaredOn not counted (rules.md §3.4).',
  })
  @Column({ type: 'date' })
  paymentDueOn!: string;

  @Field(() => Boolean, {
    description:
      '应付日期暂定: paymentDueOn was counted over a year whose holiday schedule (放假安排) is not loaded yet, on the provisional statutory calendar; loadCalendarYear for that year counts it again and clears the mark (rules.md §3.6).',
  })
  @Column({ type: 'boolean', default: false })
  paymentDueProvisional!: boolean;

  @Field(() => DateScalar, {
    nullable: true,
    description: '支付日期: the day it was paid; null until then.',
  })
  @Column({ type: 'date', nullable: true })
  paidOn!: string | null;

  @Field(() => String, { description: '参保地区划: the person’s region code at adjudication.' })
  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @Column({ type: 'bytea' })
  payloadHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
