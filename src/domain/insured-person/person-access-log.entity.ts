import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../graphql/scalars';

/**
 * 个人信息查阅记录: one read of a person (rules.md §2: who, when, which person; PIPL art. 51): a full ID number shown, a
 * look-up by ID number that matched the person (answered or not), an INSTITUTION's read of the person's accumulator.
 * Appended before anything is answered; the database refuses UPDATE, DELETE and TRUNCATE (migration InsuredPersons).
 * Look-ups that match no one are kept apart, by the number's keyed hash (`unmatched_id_lookup`; docs/security.md).
 */
@ObjectType({
  simpleResolvers: true,
  description:
    '个人信息查阅记录: one read of a person — a full ID number shown, a look-up by the person’s ID number (answered or not), an INSTITUTION’s read of the person’s accumulator — who, when, which person, under which operation (rules.md §2; PIPL art. 51).',
})
@Entity({ name: 'person_access_log' })
export class PersonAccessLogEntry {
  @Field(() => ID, { description: '标识: opaque id (entries are numbered in the order written).' })
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Field(() => ID, { description: '人员标识: the person whose number was read.' })
  @PrimaryColumn({ type: 'uuid' })
  insuredPersonId!: string;

  @Field(() => DateTimeScalar, { description: '查阅时间.' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  accessedAt!: Date;

  @Field(() => String, { description: '用户: the token’s subject.' })
  @Column({ type: 'text' })
  userSub!: string;

  @Field(() => String, { description: '角色: the caller’s role.' })
  @Column({ type: 'text' })
  role!: string;

  @Field(() => String, {
    nullable: true,
    description: '机构: the caller’s organization id, if any.',
  })
  @Column({ type: 'text', nullable: true })
  org!: string | null;

  @Field(() => String, {
    description: '请求标识: the request id (x-request-id), to find the request in the logs.',
  })
  @Column({ type: 'text' })
  requestId!: string;

  /**
   * The root field whose answer carried the number, e.g. `insuredPersons`; `insuredPersonByIdNumber` for a look-up;
   * `<root field>.accumulator` for an INSTITUTION's read of the accumulator.
   */
  @Field(() => String, {
    description:
      '操作: the root field whose answer carried the number (insuredPersonByIdNumber also for a look-up that matched the person, answered or not); <root field>.accumulator for an INSTITUTION’s read of the person’s accumulator.',
  })
  @Column({ type: 'text' })
  operation!: string;
}
