import type Decimal from 'decimal.js';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../graphql/scalars';
import type { Agreement } from '../agreement/agreement.entity';
import { ClaimChannel } from '../claim/claim.enums';

@ObjectType({
  simpleResolvers: true,
  description:
    '渠道小计: one settlement channel’s claims discharged in the month (Henan art. 25 资金收支). Rejected claims are counted apart and add nothing to the sums.',
})
export class MonthlyChannelLine {
  @Field(() => ClaimChannel, { description: '结算渠道: DIRECT (直接结算) or MANUAL (零星报销).' })
  channel!: ClaimChannel;

  @Field(() => Int, {
    description: '理赔件数: claims discharged in the month, not rejected (reversed ones included).',
  })
  claimCount!: number;

  @Field(() => Int, { description: '拒付件数: claims discharged in the month and rejected.' })
  rejectedCount!: number;

  @Field(() => MoneyScalar, {
    description: '医疗总费用: sum of total costs of the counted claims.',
  })
  totalCost!: Decimal;

  @Field(() => MoneyScalar, {
    description: '合规自付: sum of eligible self-pay as adjudicated (rules.md §3.1).',
  })
  eligibleSelfPay!: Decimal;

  @Field(() => MoneyScalar, {
    description:
      '赔付金额: benefits net of review adjustments and reversals (as claimStats.benefit).',
  })
  benefit!: Decimal;
}

@ObjectType({
  simpleResolvers: true,
  description:
    '月报: the monthly report of a critical-illness agreement (Henan arts. 25, 35; rules.md §8): fund expenditure by channel, payments, reviews and deducted violating costs, on-site inspections and penalties in its regions, overdue payments, its due date and filing. Also as CSV at GET /exports/monthly-report.csv.',
})
export class MonthlyReport {
  agreement!: Agreement;

  @Field(() => Int, { description: '年度.' })
  year!: number;

  @Field(() => Int, { description: '月份: 1–12.' })
  month!: number;

  @Field(() => String, { description: '报告期: "2024-09", as ReportDeadline.period.' })
  period!: string;

  @Field(() => DateScalar, {
    description:
      '统计截止日: the day the figures are taken on — the month’s last day, or today while the month runs. Reviews, reversals and payments dated later (by their own dates: appliedOn, paidOn) never change a month’s report (rules.md §3.4).',
  })
  asOf!: string;

  @Field(() => DateScalar, {
    description:
      '报送期限: the 5th (a term) of the next month, moved to the next working day (遇法定节假日顺延, art. 25).',
  })
  dueOn!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: '报送日期: the earliest recorded filing (recordReportFiling); null if not filed.',
  })
  filedOn!: string | null;

  @Field(() => Boolean, {
    description:
      '逾期: filed after dueOn, or not filed and dueOn already past today (an interview trigger, Henan art. 33(五)).',
  })
  late!: boolean;

  @Field(() => [MonthlyChannelLine], {
    description: '按渠道: DIRECT then MANUAL, always both (zeros for a channel without claims).',
  })
  channels!: MonthlyChannelLine[];

  @Field(() => Int, { description: '理赔件数合计: claimCount over the channels.' })
  claimCount!: number;

  @Field(() => MoneyScalar, { description: '医疗总费用合计: totalCost over the channels.' })
  totalCost!: Decimal;

  @Field(() => MoneyScalar, { description: '合规自付合计: eligibleSelfPay over the channels.' })
  eligibleSelfPay!: Decimal;

  @Field(() => MoneyScalar, {
    description: '赔付合计 (资金支出): benefit over the channels, net of adjustments.',
  })
  benefit!: Decimal;

  @Field(() => Int, { description: '支付件数: claims marked paid with a paid day in the month.' })
  paidCount!: number;

  @Field(() => MoneyScalar, {
    description:
      '支付金额: what the claims paid in the month were paid: their benefits net of the adjustments applied by the day each was paid (markClaimPaid).',
  })
  paidAmount!: Decimal;

  @Field(() => Int, {
    description:
      '病历审核: reviews applied in the month (by appliedOn: a proposal once confirmed, on its confirmation day) on this agreement’s claims, whatever the discharge month.',
  })
  reviewCount!: number;

  @Field(() => MoneyScalar, {
    description:
      '违规费用扣除: non-compliant amounts the month’s reviews took out of eligible self-pay (rules.md §3.3).',
  })
  reviewDeductedCost!: Decimal;

  @Field(() => MoneyScalar, {
    description: '审核扣减赔付: the benefit those reviews took back (a positive amount).',
  })
  reviewBenefitReduction!: Decimal;

  @Field(() => Int, { description: '冲销件数: reversals (reverseClaim) applied in the month.' })
  reversalCount!: number;

  @Field(() => MoneyScalar, {
    description: '冲销金额: the benefit those reversals took back (a positive amount).',
  })
  reversedBenefit!: Decimal;

  @Field(() => Int, {
    nullable: true,
    description:
      '甲方现场检查: party A’s inspections of designated institutions whose agreement’s region lies in this agreement’s covered regions, inspected in the month (Suining art. 60). Null for an INSURER: party A’s supervision, not the insurer’s to read (runtime.md).',
  })
  inspectionCount!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      '违约处理: penalties noticed in the month on designated institutions in the covered regions (Suining arts. 62–67). Null for an INSURER.',
  })
  penaltyCount!: number | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: '追回违规费用: violating costs those penalties recover. Null for an INSURER.',
  })
  penaltyRecovered!: Decimal | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: '违约金: liquidated damages of those penalties. Null for an INSURER.',
  })
  penaltyDamages!: Decimal | null;

  @Field(() => Int, {
    description:
      '逾期未付件数: claims with a benefit whose payment was due before the month’s last day and unpaid on it (Henan arts. 15–17, 33(二)).',
  })
  overdueCount!: number;

  @Field(() => MoneyScalar, { description: '逾期未付金额: the benefits of those claims.' })
  overdueAmount!: Decimal;
}
