import type Decimal from 'decimal.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../../db/decimal.transformer';
import { DateScalar } from '../../graphql/scalars';
import { BreachTier } from './breach-tier.enum';

/** 检查: an on-site inspection of a designated institution (Suining art. 60; rules.md §7.1). */
@ObjectType({
  simpleResolvers: true,
  description:
    '检查: an inspection of a designated institution: the ratios measured, the findings and the penalty (rules.md §7.1).',
})
@Entity({ name: 'inspection' })
export class Inspection {
  @Field(() => ID, { description: '标识: opaque id.' })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  agreementId!: string;

  @Field(() => DateScalar, { description: '检查日期: also the notice date of its penalty.' })
  @Column({ type: 'date' })
  inspectedOn!: string;

  @Field(() => Boolean, {
    description: '无进销存记录: the institution keeps no stock records at all (65(四)).',
  })
  @Column({ type: 'boolean' })
  noStockRecords!: boolean;

  @Column({ type: 'jsonb' })
  stockItems!: object;

  @Column({ type: 'jsonb' })
  serviceItems!: object;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** One ratio outside its normal band. */
@ObjectType({
  simpleResolvers: true,
  description: '检查发现: one ratio outside its normal band (rules.md §7.1).',
})
@Entity({ name: 'inspection_finding' })
export class InspectionFinding {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  inspectionId!: string;

  @Field(() => String, { description: '品规/项目编码: the item; "*" for no stock records at all.' })
  @Column({ type: 'text' })
  itemCode!: string;

  @Field(() => String, {
    description:
      '比率类别: STOCK (进销存比率), SERVICE_QUANTITY (申报÷标准), DECLARED_OVER_SOLD (申报÷销售) or NO_STOCK_RECORDS.',
  })
  @Column({ type: 'text' })
  ratioKind!: string;

  @Column({ type: 'numeric', nullable: true, transformer: decimalTransformer })
  ratio!: Decimal | null;

  @Field(() => BreachTier, { description: '等级: the tier of the band the ratio falls in.' })
  @Column({ type: 'text' })
  tier!: BreachTier;

  @Field(() => String, {
    description:
      '违约情形代码: STOCK_RATIO, SERVICE_QUANTITY_RATIO, DECLARED_OVER_SOLD or NO_STOCK_RECORDS.',
  })
  @Column({ type: 'text' })
  violationCode!: string;

  @Field(() => String, { description: '条款: the article of the band, e.g. 64(二).' })
  @Column({ type: 'text' })
  article!: string;
}
