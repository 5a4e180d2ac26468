import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../graphql/scalars';

/**
 * 操作留痕: one successful mutation, appended in the same transaction as the change it records. The database refuses
 * UPDATE, DELETE and TRUNCATE on this table (migration Init).
 */
@ObjectType({
  simpleResolvers: true,
  description:
    '操作留痕: one successful mutation — who, when, which operation, which objects, its input with ID numbers masked (runtime.md; PIPL art. 51).',
})
@Entity({ name: 'audit_trail' })
export class AuditTrailEntry {
  @Field(() => ID, { description: '标识: entries are numbered in the order written.' })
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Field(() => DateTimeScalar, { description: '时间.' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Field(() => String, { description: '用户: the token’s subject.' })
  @Column({ type: 'text' })
  userSub!: string;

  @Field(() => String, { description: '角色.' })
  @Column({ type: 'text' })
  role!: string;

  @Field(() => String, {
    nullable: true,
    description: '机构: the caller’s organization id, if any.',
  })
  @Column({ type: 'text', nullable: true })
  org!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '请求标识: the request id, to find the request in the logs.',
  })
  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  /** The mutation's name, e.g. `createOrganization`. */
  @Field(() => String, { description: '操作: the mutation, e.g. submitClaims.' })
  @Column({ type: 'text' })
  operation!: string;

  /** Ids of the rows the mutation created or changed. */
  @Field(() => [String], { description: '对象: ids of the rows created or changed.' })
  @Column({ type: 'text', array: true })
  ids!: string[];

  /** The mutation's arguments with personal numbers removed. */
  @Column({ type: 'jsonb' })
  input!: unknown;

  /** Region codes of the objects touched (agreements, persons, organizations, claims among `ids`). */
  @Field(() => [String], {
    description: '区划: region codes of the objects touched; empty for national reference data.',
  })
  @Column({ type: 'text', array: true })
  regionCodes!: string[];
}
