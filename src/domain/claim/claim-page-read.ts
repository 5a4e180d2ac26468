import { Agreement } from '../agreement/agreement.entity';
import { InsuredPerson } from '../insured-person/insured-person.entity';
import { Organization } from '../organization/organization.entity';
import type { Claim } from './claim.entity';

/*
 * A narrowed read of a page of claims (docs/performance.md, "the claim list"): the claim columns a caller needs, and
 * the person, institution and agreement read in the same statement, each narrowed alike. Who decides what is needed
 * (the GraphQL layer, from a query's selection: src/graphql/plans/claim-page.plan.ts) is not the service's concern;
 * the service reads what it is told and answers every claim's related rows to the caller.
 */

export type ClaimProperty = Extract<keyof Claim, string>;

/** The relations of a claim a page may read in its own statement: the entity, its alias, and the claim's key. */
export const CLAIM_RELATIONS = {
  insuredPerson: { entity: InsuredPerson, alias: 'p', key: 'insuredPersonId' },
  institution: { entity: Organization, alias: 'o', key: 'institutionId' },
  agreement: { entity: Agreement, alias: 'a', key: 'agreementId' },
} as const;

export type ClaimRelation = keyof typeof CLAIM_RELATIONS;

/** The rows read with one claim (only those asked for), each narrowed as asked. */
export interface ClaimRelated {
  readonly insuredPerson?: InsuredPerson;
  readonly institution?: Organization;
  readonly agreement?: Agreement;
}

/** A relation read with the claims, and its properties (undefined: all). */
export interface RelatedRead {
  readonly relation: ClaimRelation;
  readonly properties: readonly string[] | undefined;
}

/** What a page of claims reads. */
export interface ClaimPageRead {
  /** The claim properties read (undefined: all); the others stay unset. */
  readonly claim: readonly ClaimProperty[] | undefined;
  /** The relations read in the same statement. */
  readonly related: readonly RelatedRead[];
}
