import type Decimal from 'decimal.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { decimalTransformer } from '../../db/decimal.transformer';

/**
 * 季度稽核: the quarterly audit of a commissioned handler (Luoyang 3(三); rules.md §5): two samples drawn reproducibly
 * from a recorded seed, a verdict per item, and on finalizing the pass rate and the deduction it triggers.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    '季度稽核: a quarterly audit of a commissioned handler: 10% of MANUAL settlements and 5% of reviewed claims of the quarter, drawn from a seed (Luoyang 3(三); rules.md §5).',
})
@Entity({ name: 'quarterly_audit' })
export class QuarterlyAudit {
  @Field(() => ID, { description: '标识: opaque id.' })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  agreementId!: string;

  @Field(() => Int, { description: '年度: the audited year.' })
  @Column({ type: 'int' })
  year!: number;

  @Field(() => Int, { description: '季度: the audited quarter, 1–4.' })
  @Column({ type: 'int' })
  quarter!: number;

  @Field(() => String, {
    description:
      '抽样种子: the recorded seed; the sample is the population ordered by HMAC-SHA256(seed, claim id), first n taken.',
  })
  @Column({ type: 'text' })
  seed!: string;

  @Field(() => Int, {
    description: '抽样数: items sampled (both populations; a claim may be drawn in both).',
  })
  @Column({ type: 'int' })
  sampledCount!: number;

  @Field(() => Int, { description: '合格数: items judged passed (counted when finalized).' })
  @Column({ type: 'int' })
  passedCount!: number;

  @Column({ type: 'numeric', nullable: true, transformer: decimalTransformer })
  passRate!: Decimal | null;

  @Column({ type: 'numeric', nullable: true, transformer: decimalTransformer })
  deductionRate!: Decimal | null;

  @Field(() => Boolean, {
    description: '重新复核: a re-review at the insurer’s cost was ordered (pass rate below 80%).',
  })
  @Column({ type: 'boolean' })
  reReview!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  finalizedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** One sampled claim of an audit, and its verdict. */
@ObjectType({
  simpleResolvers: true,
  description: '稽核样本: one sampled claim of a quarterly audit and its verdict.',
})
@Entity({ name: 'audit_item' })
export class AuditItem {
  @Field(() => ID, { description: '标识: opaque id.' })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  auditId!: string;

  /** Order of the draw within its population. */
  @Column({ type: 'int' })
  position!: number;

  /** With `id` the primary key: audit items are distributed with their claims (docs/scaling.md). */
  @PrimaryColumn({ type: 'uuid' })
  insuredPersonId!: string;

  @Column({ type: 'uuid' })
  claimId!: string;

  @Field(() => String, {
    description: '抽样总体: MANUAL_SETTLEMENT (零星报销, 10%) or REVIEWED (人工抽审, 5%).',
  })
  @Column({ type: 'text' })
  population!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: '是否合格: the verdict; null until judged.',
  })
  @Column({ type: 'boolean', nullable: true })
  passed!: boolean | null;

  @Field(() => String, { nullable: true, description: '备注: the auditor’s note.' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  judgedAt!: Date | null;
}
