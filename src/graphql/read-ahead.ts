import type { Agreement } from '../domain/agreement/agreement.entity';
import type { AgreementWithParties } from '../domain/agreement/agreement.service';
import type { ClaimRelated, ClaimRelation } from '../domain/claim/claim-page-read';
import type { Claim } from '../domain/claim/claim.entity';
import type { Organization } from '../domain/organization/organization.entity';

/**
 * The read-ahead store of one request (made with its context, src/app.ts): rows a resolver read together with its own
 * answer — a claims page's persons, institutions and agreements, `agreement(id)`'s parties — kept for the field
 * resolvers under it, which answer from here without a loader's round trip (docs/architecture.md). The rows are
 * narrowed to the query's selection, so they are kept apart from the request's loaders, where another field could take
 * a narrowed row for a whole one; and they live as long as the request, never in a module.
 */
export class ReadAhead {
  // Plain maps, made on first use: the store lives and dies with its request, so nothing here needs to be weak.
  private claims?: Map<Claim, ClaimRelated>;
  private agreements?: Map<Agreement, AgreementWithParties>;

  /** Keeps the rows read with `claim`. */
  keepClaimRelated(claim: Claim, related: ClaimRelated): void {
    (this.claims ??= new Map()).set(claim, related);
  }

  /** The `relation` row read with `claim`, if the page read it. */
  claimRelated<R extends ClaimRelation>(claim: Claim, relation: R): ClaimRelated[R] | undefined {
    return this.claims?.get(claim)?.[relation];
  }

  /** Keeps the parties read with an agreement. */
  keepParties(read: AgreementWithParties): void {
    (this.agreements ??= new Map()).set(read.agreement, read);
  }

  /** The party read with `agreement`, if its read joined it. */
  party(agreement: Agreement, party: 'partyA' | 'partyB'): Organization | undefined {
    return this.agreements?.get(agreement)?.[party];
  }
}
