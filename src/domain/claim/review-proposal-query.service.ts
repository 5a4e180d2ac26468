import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { groupedInKeyOrder } from '../../shared/batching';
import { Role, type Caller } from '../../shared/caller';
import { isCalendarDate } from '../../shared/calendar-date';
import {
  emptyPage,
  keysetPage,
  type KeysetOrder,
  type Page,
  type PageRequest,
} from '../../shared/paging';
import { isUuid } from '../../shared/uuid';
import { Agreement } from '../agreement/agreement.entity';
import { prefixCondition } from './claim-access';
import { ClaimReviewProposal } from './claim-review-proposal.entity';
import type { ReviewProposalStatus } from './claim.enums';

/** The work queue's order: oldest proposal first (by its notice day), then by id. */
const OLDEST_FIRST: KeysetOrder<ClaimReviewProposal> = {
  list: 'reviewProposals',
  direction: 'ASC',
  keys: [
    { sql: 'p.proposed_on', of: (p) => p.proposedOn, valid: isCalendarDate },
    { sql: 'p.id', of: (p) => p.id, valid: isUuid },
  ],
};

/**
 * Reading the insurer's review proposals (Henan art. 16; rules.md §10.2), scoped as runtime.md says ("read review
 * proposals") — AGENCY: proposals on claims in its regions (the claim's region, as the claim scope reads it: the local
 * agency that confirms them); INSURER: proposals on claims of its own agreements, in its regions; INSTITUTION: proposals
 * on its own claims; REPORTING: none. The work queue and a claim's own proposals (`Claim.reviewProposals`) use the same
 * scope, so a nested list never shows what the top-level one refuses (runtime.md); each scope lies inside the claim
 * scope (claim-access.ts), so a proposal's claim is one its reader may read.
 */
export class ReviewProposalQueryService {
  constructor(private readonly db: DataSource) {}

  /** The proposals of `status` the caller may read, oldest first, a page at a time. */
  async list(
    user: Caller,
    status: ReviewProposalStatus,
    paging: PageRequest,
  ): Promise<Page<ClaimReviewProposal>> {
    const q = this.db
      .getRepository(ClaimReviewProposal)
      .createQueryBuilder('p')
      .innerJoin('claim', 'c', 'c.insured_person_id = p.insured_person_id AND c.id = p.claim_id')
      .where('p.status = :status', { status });
    const scoped = await this.scope(q, user);
    return scoped ? keysetPage(scoped, OLDEST_FIRST, paging) : emptyPage();
  }

  /** `q` limited to what the caller may read, or null when it may read none. */
  private async scope(
    q: SelectQueryBuilder<ClaimReviewProposal>,
    user: Caller,
  ): Promise<SelectQueryBuilder<ClaimReviewProposal> | null> {
    switch (user.role) {
      case Role.AGENCY: {
        const regions = prefixCondition('c.region_code', user.regions, 'scopeRegion');
        return q.andWhere(regions.sql, regions.params);
      }
      case Role.INSURER: {
        if (!user.org || !isUuid(user.org)) {
          return null;
        }
        const own = await this.db.getRepository(Agreement).find({
          select: { id: true },
          where: { partyBId: user.org },
        });
        if (own.length === 0) {
          return null;
        }
        const regions = prefixCondition('c.region_code', user.regions, 'scopeRegion');
        return q
          .andWhere('c.agreement_id IN (:...scopeAgreements)', {
            scopeAgreements: own.map((a) => a.id),
          })
          .andWhere(regions.sql, regions.params);
      }
      case Role.INSTITUTION: {
        if (!user.org || !isUuid(user.org)) {
          return null;
        }
        const regions = prefixCondition('c.region_code', user.regions, 'scopeRegion');
        return q
          .andWhere('c.institution_id = :scopeOrg', { scopeOrg: user.org })
          .andWhere(regions.sql, regions.params);
      }
      default:
        return null;
    }
  }

  /**
   * The proposals of each claim (person and claim id) that `user` may read, every status, oldest first: one statement,
   * scoped as the work queue (an INSURER that reads a claim through its handling agreement reads none of the proposals
   * of another insurer's agreement).
   */
  async ofClaims(
    user: Caller,
    claims: readonly { readonly personId: string; readonly claimId: string }[],
  ): Promise<ClaimReviewProposal[][]> {
    const q = this.db
      .getRepository(ClaimReviewProposal)
      .createQueryBuilder('p')
      .innerJoin('claim', 'c', 'c.insured_person_id = p.insured_person_id AND c.id = p.claim_id')
      .where(
        '(p.insured_person_id, p.claim_id) IN (SELECT * FROM unnest(:persons::uuid[], :claims::uuid[]))',
        {
          persons: claims.map((c) => c.personId),
          claims: claims.map((c) => c.claimId),
        },
      );
    const scoped = await this.scope(q, user);
    const rows = scoped
      ? await scoped
          .orderBy('p.proposed_on', 'ASC')
          .addOrderBy('p.created_at', 'ASC')
          .addOrderBy('p.id', 'ASC')
          .getMany()
      : [];
    return groupedInKeyOrder(
      claims.map((c) => `${c.personId}|${c.claimId}`),
      rows,
      (p) => `${p.insuredPersonId}|${p.claimId}`,
    );
  }
}
