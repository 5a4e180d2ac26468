import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar, DateTimeScalar } from '../../graphql/scalars';
import { SpecialStatus } from './insured-person.enums';

/**
 * 身份变更记录: one entry of a person's special-status history (rules.md §2): `status` from `effectiveFrom` until the
 * next entry's day. Entries are never edited (the database refuses UPDATE and DELETE); a correction is a new entry, and
 * of two entries from the same day the later recorded wins.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    '身份变更记录: a special status in force from a day until the next entry (Henan art. 14; rules.md §2).',
})
@Entity({ name: 'person_special_status' })
export class SpecialStatusPeriod {
  @PrimaryColumn({ type: 'uuid' })
  insuredPersonId!: string;

  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Field(() => SpecialStatus, { description: '政策倾斜对象: the status.' })
  @Column({ type: 'text' })
  status!: SpecialStatus;

  @Field(() => DateScalar, { description: '生效日期: first day of the status.' })
  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Field(() => DateTimeScalar, { description: '记录时间: when the entry was recorded.' })
  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
