import type Decimal from 'decimal.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { moneyColumn } from '../../db/decimal.transformer';
import { DateScalar, MoneyScalar } from '../../graphql/scalars';
import { ReviewProposalStatus } from './claim.enums';

/**
 * 审核意见: an insurer's review of a `DIRECT` claim, a proposal until the three parties confirm it (Henan art. 16
 * "乙方应以书面形式告知定点医疗机构并商当地医保经办机构，三方确认后，不合规费用在下月结算资金时扣除"; rules.md §10.2). It
 * changes nothing on the ledger while PROPOSED, but its amount is reserved: a claim's pending and applied reviews never
 * exceed its eligible self-pay. Confirmed, it is applied to the ledger on `confirmedOn` (its `ledgerEntryId`); withdrawn,
 * it never touched the ledger. Keyed by (person, id) like the claim, so it is distributed with it (docs/scaling.md).
 * Only `PROPOSED` → `CONFIRMED` or `WITHDRAWN` is ever written (the database refuses any other change).
 */
@ObjectType({
  simpleResolvers: true,
  description:
    '审核意见: an insurer’s review of a DIRECT claim, a proposal until the local agency confirms it (三方确认, Henan art. 16; rules.md §10.2). While PROPOSED it changes nothing on the ledger; confirmed, it is applied on confirmedOn.',
})
@Entity({ name: 'claim_review_proposal' })
export class ClaimReviewProposal {
  @PrimaryColumn({ type: 'uuid' })
  insuredPersonId!: string;

  @Field(() => ID, { description: '标识: opaque id.' })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  claimId!: string;

  /** The insurer (an organization) that proposed it: it may withdraw its own proposals (rules.md §10.2). */
  @Column({ type: 'uuid' })
  proposedBy!: string;

  @Field(() => MoneyScalar, {
    description:
      '不合规金额: the part of the claim’s eligible self-pay the insurer found non-compliant (X > 0).',
  })
  @Column(moneyColumn)
  nonCompliantAmount!: Decimal;

  @Field(() => String, { description: '原因: why, as the written notice says.' })
  @Column({ type: 'text' })
  reason!: string;

  @Field(() => DateScalar, {
    description:
      '告知日期: the day of the insurer’s written notice (reviewClaim’s reviewedOn; Henan art. 16).',
  })
  @Column({ type: 'date' })
  proposedOn!: string;

  @Field(() => ReviewProposalStatus, { description: '状态: PROPOSED, CONFIRMED or WITHDRAWN.' })
  @Column({ type: 'text' })
  status!: ReviewProposalStatus;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      '确认日期: the day the local agency confirmed it (三方确认), when it was applied to the ledger; null unless CONFIRMED.',
  })
  @Column({ type: 'date', nullable: true })
  confirmedOn!: string | null;

  /** The ledger entry its confirmation appended (the adjustment); null unless CONFIRMED. */
  @Column({ type: 'bigint', nullable: true })
  ledgerEntryId!: string | null;

  /** The day it was withdrawn (the day recorded); null unless WITHDRAWN. */
  @Column({ type: 'date', nullable: true })
  withdrawnOn!: string | null;

  /** Why it was withdrawn; null unless WITHDRAWN. */
  @Column({ type: 'text', nullable: true })
  withdrawalReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
