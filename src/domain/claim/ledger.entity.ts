import type Decimal from 'decimal.js';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from '../../db/decimal.transformer';

/**
 * 年度累计: a person's ledger balance for one natural year (Henan art. 5; rules.md §3.3). Its totals equal the sums of
 * its entries; it is the row a claim locks (`SELECT … FOR UPDATE`) so that claims of one person are adjudicated one at
 * a time while claims of different persons never wait on each other.
 */
@Entity({ name: 'accumulator' })
export class AccumulatorRow {
  @PrimaryColumn({ type: 'uuid' })
  insuredPersonId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column(moneyColumn)
  eligibleTotal!: Decimal;

  @Column(moneyColumn)
  benefitTotal!: Decimal;

  @Column({ type: 'int' })
  entryCount!: number;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}

export type LedgerEntryKind = 'CLAIM' | 'REVIEW' | 'REVERSAL';

/** 台账分录: one claim or one adjustment on the annual ledger; never updated or deleted (the database refuses). */
@Entity({ name: 'ledger_entry' })
export class LedgerEntry {
  @PrimaryColumn({ type: 'uuid' })
  insuredPersonId!: string;

  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'uuid' })
  claimId!: string;

  @Column({ type: 'text' })
  kind!: LedgerEntryKind;

  @Column(moneyColumn)
  eligibleDelta!: Decimal;

  @Column(moneyColumn)
  benefitDelta!: Decimal;

  @Column(moneyColumn)
  cumulativeBefore!: Decimal;

  @Column(moneyColumn)
  cumulativeAfter!: Decimal;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /**
   * 生效日期: the day the entry took effect, by its own date (rules.md §3.4, "As of"): a claim's, the day it was
   * adjudicated; a review's, its `reviewedOn` (default the day recorded), or for a confirmed proposal the confirmation
   * day (rules.md §10.2); a reversal's, the day it was recorded. An answer "as of" a day leaves out entries applied later.
   */
  @Column({ type: 'date' })
  appliedOn!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** 幂等键: the first claim of an (institution, settlement number), and the hash of its payload. */
@Entity({ name: 'claim_idempotency' })
export class ClaimIdempotencyKey {
  @PrimaryColumn({ type: 'uuid' })
  institutionId!: string;

  @PrimaryColumn({ type: 'text' })
  settlementNumber!: string;

  @Column({ type: 'uuid' })
  insuredPersonId!: string;

  @Column({ type: 'uuid' })
  claimId!: string;

  @Column({ type: 'bytea' })
  payloadHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
