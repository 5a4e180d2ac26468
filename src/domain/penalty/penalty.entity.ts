import type Decimal from 'decimal.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { decimalTransformer, moneyColumn } from '../../db/decimal.transformer';
import { DateScalar, MoneyScalar } from '../../graphql/scalars';
import { BreachTier } from './breach-tier.enum';
import { DetectedBy } from './penalty.enums';

/**
 * 违约处理: the penalty decided for one breach of a designated institution (Suining arts. 62–67; rules.md §7). Recorded
 * once and never edited (the database refuses), except its payment dates (`dueOn`, `enforceableFrom`,
 * `dueProvisional`), which `loadCalendarYear` counts again when it loads a year they were counted over (rules.md §3.6);
 * payments are rows of their own.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    '违约处理: the penalty for one breach of a designated institution: tier, actions, recovery and damages, due and enforceable dates (Suining arts. 62–67; rules.md §7).',
})
@Entity({ name: 'penalty' })
export class Penalty {
  @Field(() => ID, { description: '标识: opaque id.' })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  agreementId!: string;

  @Column({ type: 'uuid', nullable: true })
  inspectionId!: string | null;

  @Field(() => String, { description: '违约情形代码: the catalogue code (violationTypes).' })
  @Column({ type: 'text' })
  violationCode!: string;

  @Field(() => String, {
    description: '条款: the article of the clause the breach falls under, e.g. 64(一).',
  })
  @Column({ type: 'text' })
  article!: string;

  @Field(() => DateScalar, { description: '发生日期.' })
  @Column({ type: 'date' })
  occurredOn!: string;

  @Field(() => DateScalar, {
    description: '通知日期: the day the institution received the notice (接到通知).',
  })
  @Column({ type: 'date' })
  noticeOn!: string;

  @Field(() => DetectedBy, { description: '发现途径.' })
  @Column({ type: 'text' })
  detectedBy!: DetectedBy;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      '违规费用: the part of the costs involved within the fund’s payment scope (annex 16); null: no money involved.',
  })
  @Column({ ...moneyColumn, nullable: true })
  violatingAmount!: Decimal | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      '涉及金额: the purchases or charges involved as recorded, which placed an amount entry’s tier (64(五), 65(二)/66(三), 65(三)/66(六); rules.md §7.2); null: not given, the violating amount stood in for it.',
  })
  @Column({ ...moneyColumn, nullable: true })
  amountInvolved!: Decimal | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      '全部采购金额: all purchases of the period checked as recorded, for the 15% branch of 64(五); null: not given.',
  })
  @Column({ ...moneyColumn, nullable: true })
  purchasesTotal!: Decimal | null;

  @Field(() => Int, {
    description: '次数: occurrences (for 1 000 per occurrence of a serious breach with no amount).',
  })
  @Column({ type: 'int' })
  occurrences!: number;

  @Column({ type: 'numeric', nullable: true, transformer: decimalTransformer })
  multiplier!: Decimal | null;

  @Field(() => BreachTier, {
    description: '原始等级: the tier from the catalogue and the amount rules, before escalation.',
  })
  @Column({ type: 'text' })
  baseTier!: BreachTier;

  @Field(() => BreachTier, { description: 'Tier after escalation and amount rules. 违约等级.' })
  @Column({ type: 'text' })
  tier!: BreachTier;

  @Field(() => Boolean, {
    description:
      '升级: the tier was raised (a second serious breach of one type, a fifth breach, a second suspension; 65(十六), 66(十四)).',
  })
  @Column({ type: 'boolean' })
  escalated!: boolean;

  @Field(() => [String], {
    description: '升级依据: REPEATED_BREACHES (65(十六)) and/or REPEATED_SUSPENSION (66(十四)).',
  })
  @Column({ type: 'text', array: true })
  escalatedBy!: string[];

  @Field(() => Boolean, {
    description: '骗取医保基金: a fraud entry of the catalogue (never lenient).',
  })
  @Column({ type: 'boolean' })
  fraud!: boolean;

  @Field(() => Boolean, {
    description:
      '从轻: self-reported and not fraud: interview, rectification and refund only (art. 72).',
  })
  @Column({ type: 'boolean' })
  lenient!: boolean;

  @Field(() => MoneyScalar, {
    description:
      '追回金额: the violating amount recovered at every tier (or refunded, when self-reported); 0.00 where there is none (Suining arts. 43, 51; rules.md §7.2).',
  })
  @Column(moneyColumn)
  recoveredAmount!: Decimal;

  @Field(() => MoneyScalar, {
    description:
      '违约金: k × violating amount within the tier’s range, or 1 000 per occurrence for a serious breach with no amount; an escalated breach pays at least what its tier before escalation charges (rules.md §7.3).',
  })
  @Column(moneyColumn)
  damages!: Decimal;

  @Field(() => MoneyScalar, { description: '应缴合计: recoveredAmount + damages.' })
  @Column(moneyColumn)
  totalDue!: Decimal;

  @Field(() => DateScalar, {
    description: '缴纳期限: the 30th working day after noticeOn (art. 67).',
  })
  @Column({ type: 'date' })
  dueOn!: string;

  @Field(() => DateScalar, {
    description:
      '可强制执行日: the 11th working day after dueOn, after the 10 working days of grace (art. 67).',
  })
  @Column({ type: 'date' })
  enforceableFrom!: string;

  @Field(() => Boolean, {
    description:
      '日期暂定: dueOn or enforceableFrom was counted over a year whose holiday schedule (放假安排) is not loaded yet, on the provisional statutory calendar; loadCalendarYear for that year counts both again and clears the mark (rules.md §3.6).',
  })
  @Column({ type: 'boolean', default: false })
  dueProvisional!: boolean;

  @Field(() => [String], {
    description:
      '处理措施: INTERVIEW, RECTIFICATION, WITHHOLD, RECOVER, REFUND, SUSPEND, TERMINATE, PUBLISH.',
  })
  @Column({ type: 'text', array: true })
  actions!: string[];

  @Field(() => Boolean, {
    description:
      '需经办人员决定: the contract is silent here (虚记 10 000 to under 30 000; a severe breach with no amount; an escalated breach charged at its tier before escalation).',
  })
  @Column({ type: 'boolean' })
  needsOfficerDecision!: boolean;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      '中止起始日: the first day of a suspension, the day after the notice date (Civil Code art. 201; rules.md §7.3).',
  })
  @Column({ type: 'date', nullable: true })
  suspensionFrom!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      '中止截止日: the corresponding day N months later (Civil Code art. 202), included.',
  })
  @Column({ type: 'date', nullable: true })
  suspensionTo!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: '解除日期: the notice date, for a termination (art. 66).',
  })
  @Column({ type: 'date', nullable: true })
  terminatedOn!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
