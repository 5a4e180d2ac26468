import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../graphql/scalars';
import { AgreementKind } from './agreement.enums';

/** 协议: an agreement between an agency (party A) and an insurer or a designated institution (party B). */
@ObjectType({
  simpleResolvers: true,
  description:
    '协议: an agreement between an agency (party A) and an insurer or a designated medical institution (party B) (rules.md §1).',
})
@Entity({ name: 'agreement' })
export class Agreement {
  @Field(() => ID, { description: '标识: opaque id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: "协议编号: the agreement's code, unique." })
  @Column({ type: 'text', unique: true })
  code!: string;

  @Field(() => AgreementKind, {
    description: '协议类别: handling, critical illness or designated institution.',
  })
  @Column({ type: 'text' })
  kind!: AgreementKind;

  @Field(() => String, {
    description: '协议名称: the title, e.g. 2024年河南省城乡居民大病保险承办服务合同.',
  })
  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'uuid' })
  partyAId!: string;

  @Column({ type: 'uuid' })
  partyBId!: string;

  @Field(() => String, { description: "统筹区划: the agreement's own six-digit region code." })
  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @Field(() => [String], {
    description:
      "覆盖区划: region codes the agreement covers (default: its own region); a claim's insured person must live in one of them.",
  })
  @Column({ type: 'text', array: true })
  coveredRegions!: string[];

  @Field(() => DateScalar, { description: '起始日期: first day in force.' })
  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Field(() => DateScalar, {
    description:
      '终止日期: last day in force (inclusive) by the agreement’s own term; a continued agreement stays in force after it (continues, continuedUntil; Suining art. 82).',
  })
  @Column({ type: 'date' })
  effectiveTo!: string;

  /** 协议继续有效: party A recorded that the agreement continues past `effectiveTo` (Suining art. 82; rules.md §3.5). */
  @Field(() => Boolean, {
    description:
      '协议继续有效: party A recorded that the agreement continues past effectiveTo until the next one is signed, because party A has not signed it yet (Suining art. 82: "因甲方原因，协议到期时仍未签订下一年度医保服务协议的，本协议继续有效"; rules.md §3.5; continueAgreement).',
  })
  @Column({ type: 'boolean', default: false })
  continues!: boolean;

  /** 解除日期: the agreement ends from this day (a termination takes effect on the notice date, rules.md §7.5). */
  @Field(() => DateScalar, {
    nullable: true,
    description:
      '解除日期: the day a termination took effect (the notice date, Suining art. 66); null if never terminated.',
  })
  @Column({ type: 'date', nullable: true })
  terminatedOn!: string | null;

  /** 解除原因: why it was terminated. */
  @Field(() => String, {
    nullable: true,
    description: '解除原因: why the agreement was terminated.',
  })
  @Column({ type: 'text', nullable: true })
  terminationReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
