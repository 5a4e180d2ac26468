import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 操作留痕: one successful mutation, appended in the same transaction as the change it records. The database refuses
 * UPDATE, DELETE and TRUNCATE on this table (migration Init).
 */
@Entity({ name: 'audit_trail' })
export class AuditTrailEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ type: 'text' })
  userSub!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text', nullable: true })
  org!: string | null;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  /** The mutation's name, e.g. `createOrganization`. */
  @Column({ type: 'text' })
  operation!: string;

  /** Ids of the rows the mutation created or changed. */
  @Column({ type: 'text', array: true })
  ids!: string[];

  /** The mutation's arguments with personal numbers removed. */
  @Column({ type: 'jsonb' })
  input!: unknown;
}
