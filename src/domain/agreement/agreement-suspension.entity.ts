import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../graphql/scalars';

/**
 * 中止期间: a period in which an agreement is suspended (Suining arts. 65, 76): from `startsOn` to `endsOn`, both
 * included. Created by penalties (rules.md §7.3) or at the institution's request; never edited (the database refuses
 * UPDATE and DELETE).
 */
@ObjectType({
  simpleResolvers: true,
  description:
    '中止期间: a suspension of the agreement, first and last day included (Suining arts. 65, 76; rules.md §7.3).',
})
@Entity({ name: 'agreement_suspension' })
export class AgreementSuspension {
  @Field(() => ID, { description: '标识: opaque id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  agreementId!: string;

  @Field(() => DateScalar, {
    description: '中止起始日: the first day suspended (the notice date).',
  })
  @Column({ type: 'date' })
  startsOn!: string;

  @Field(() => DateScalar, {
    description: '中止截止日: the last day suspended (Civil Code art. 202 for periods in months).',
  })
  @Column({ type: 'date' })
  endsOn!: string;

  @Field(() => String, {
    description: '中止原因: why, e.g. the penalty or the request it comes from.',
  })
  @Column({ type: 'text' })
  reason!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
