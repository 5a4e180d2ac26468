import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 协议条款版本: one terms version of an agreement, in force from `effectiveFrom` until the next version's
 * (rules.md §1). Versions are history: the database refuses UPDATE and DELETE (migration AgreementTerms); a policy
 * change is a new version (`reviseTerms`). `terms` is the JSON form of `terms.codec.ts`.
 */
@Entity({ name: 'agreement_terms' })
export class AgreementTermsVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  agreementId!: string;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'jsonb' })
  terms!: object;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
