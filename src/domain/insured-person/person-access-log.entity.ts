import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../graphql/scalars';

/**
 * 个人信息查阅记录: one read of a person's full ID number (rules.md §2: who, when, which person; PIPL art. 51). Appended
 * before the number is answered; the database refuses UPDATE, DELETE and TRUNCATE (migration InsuredPersons).
 */
@ObjectType({
  simpleResolvers: true,
  description:
    '个人信息查阅记录: one read of a full ID number — who, when, which person, under which operation (rules.md §2; PIPL art. 51).',
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

  /** The operation whose answer carried the number, e.g. `insuredPersonByIdNumber`. */
  @Field(() => String, { description: '操作: the root field whose answer carried the number.' })
  @Column({ type: 'text' })
  operation!: string;
}
