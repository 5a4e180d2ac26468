import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 个人信息查阅记录: one read of a person's full ID number (rules.md §2: who, when, which person; PIPL art. 51). Appended
 * before the number is answered; the database refuses UPDATE, DELETE and TRUNCATE (migration InsuredPersons).
 */
@Entity({ name: 'person_access_log' })
export class PersonAccessLogEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  insuredPersonId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  accessedAt!: Date;

  @Column({ type: 'text' })
  userSub!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text', nullable: true })
  org!: string | null;

  @Column({ type: 'text' })
  requestId!: string;

  /** The operation whose answer carried the number, e.g. `insuredPersonByIdNumber`. */
  @Column({ type: 'text' })
  operation!: string;
}
