import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../graphql/scalars';

/**
 * 中止期间: a period in which an agreement is suspended (Suining arts. 65, 76): from `startsOn` to `endsOn`, both
 * included. Created by penalties (rules.md §7.3: from the day after the notice) or at the institution's request
 * (arts. 76–78: `requestedOn`, and `lapsesOn` for one of 180 days); never edited (the database refuses UPDATE and
 * DELETE). A request to continue after it is a row of `AgreementSuspensionContinuation`, read beside it into
 * `continuationRequestedOn`.
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
    description:
      '中止起始日: the first day suspended: for a penalty, the day after the notice date (Civil Code art. 201; rules.md §7.3); at the institution’s request, the day it asked for (art. 78).',
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

  @Field(() => DateScalar, {
    nullable: true,
    description:
      '申请日期: the day party A received the institution’s own request to suspend (Suining arts. 76–78; requestSuspension); null for a suspension a penalty ordered (art. 65).',
  })
  @Column({ type: 'date', nullable: true })
  requestedOn!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      '自动终止日: a suspension at the institution’s request of 180 days ends the agreement on this day, the day after its last day, unless the institution asks to continue by its last day (Suining art. 76; resumeAfterSuspension); null otherwise.',
  })
  @Column({ type: 'date', nullable: true })
  lapsesOn!: string | null;

  /** Read beside the row from `agreement_suspension_continuation` (not a column of this table). */
  @Field(() => DateScalar, {
    nullable: true,
    description:
      '继续履行申请日期: the day party A received the institution’s request to continue after this suspension (Suining art. 76; resumeAfterSuspension); null: none.',
  })
  continuationRequestedOn?: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * 继续履行协议申请: the institution's request to continue the agreement after a suspension at its request (Suining art.
 * 76; rules.md §7.3): received on or before the suspension's last day, it keeps a 180-day suspension from ending the
 * agreement. One per suspension; never edited (the database refuses UPDATE and DELETE).
 */
@Entity({ name: 'agreement_suspension_continuation' })
export class AgreementSuspensionContinuation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  suspensionId!: string;

  @Column({ type: 'uuid' })
  agreementId!: string;

  /** The day party A received the request. */
  @Column({ type: 'date' })
  requestedOn!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
