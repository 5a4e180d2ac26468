import type { GraphQLResolveInfo } from 'graphql';
import { fieldsOf, perSelection, propertiesNeeded } from '../selection';
import { AGREEMENT_FIELD_READS } from './agreement.plan';
import { Agreement } from '../../domain/agreement/agreement.entity';
import { InsuredPerson } from '../../domain/insured-person/insured-person.entity';
import { Organization } from '../../domain/organization/organization.entity';
import { Claim } from '../../domain/claim/claim.entity';

type ClaimProperty = Extract<keyof Claim, string>;

/**
 * What each `Claim` field computed by a resolver reads of the claim (claim.resolver.ts). A field not named here is
 * read as the property of its own name; a field that is neither (one added later and not listed) makes the page read
 * every column, so a forgotten entry costs speed, never a wrong answer. test/e2e/hydrate.e2e-spec.ts holds this
 * table to the schema.
 */
export const CLAIM_FIELD_READS: Readonly<Record<string, readonly ClaimProperty[]>> = {
  __typename: [],
  insuredPerson: ['insuredPersonId'],
  institution: ['institutionId'],
  agreement: ['agreementId'],
  bands: ['bands'],
  overdue: ['benefit', 'status', 'paymentDueOn', 'paidOn'],
  adjustments: ['insuredPersonId', 'id'],
};

/** Read by a page itself whatever is selected: the key and the cursor (discharge date, id). */
const PAGE_READS: readonly ClaimProperty[] = ['id', 'insuredPersonId', 'dischargeDate'];

/** The relations of a claim a page may read in its own statement, with the claim property that keys each. */
export const CLAIM_RELATIONS = {
  insuredPerson: { entity: InsuredPerson, alias: 'p', key: 'insuredPersonId', reads: {} },
  institution: { entity: Organization, alias: 'o', key: 'institutionId', reads: {} },
  agreement: { entity: Agreement, alias: 'a', key: 'agreementId', reads: AGREEMENT_FIELD_READS },
} as const;

export type ClaimRelation = keyof typeof CLAIM_RELATIONS;

/** A relation a page reads with its claims: the related row's properties the selection needs (undefined: all). */
export interface RelatedRead {
  readonly relation: ClaimRelation;
  readonly properties: readonly string[] | undefined;
}

/** How a page of claims is read for a selection. */
export interface ClaimPagePlan {
  /** The claim properties the selection needs (undefined: all). */
  readonly claim: readonly ClaimProperty[] | undefined;
  /** The relations selected, read in the same statement. */
  readonly related: readonly RelatedRead[];
}

/**
 * How a `ClaimConnection` selection (`nodes { … }`) is read, issue 8: only the claim columns it needs, and the person,
 * institution and agreement it shows joined in the same statement, narrowed alike, instead of a round trip each
 * through the loaders. A page of 100 claims spent more time decoding and hydrating the 30 columns of each row (a dozen
 * Decimals, a jsonb, a bytea) and whole persons than PostgreSQL spent finding them; the list shows seven values.
 */
export const claimPagePlan = (
  info: GraphQLResolveInfo,
  columnsOf: (entity: object) => ReadonlySet<string>,
): ClaimPagePlan =>
  planned(info, () => {
    const fields = info.fieldNodes
      .flatMap((node) => fieldsOf(node.selectionSet, info))
      .filter((page) => page.name === 'nodes')
      .flatMap((page) => fieldsOf(page.set, info));
    const related = (Object.keys(CLAIM_RELATIONS) as ClaimRelation[]).flatMap(
      (relation): RelatedRead[] => {
        const under = fields.filter((f) => f.name === relation);
        if (under.length === 0) {
          return [];
        }
        const { entity, reads } = CLAIM_RELATIONS[relation];
        const subfields = under.flatMap((f) => fieldsOf(f.set, info));
        return [
          {
            relation,
            properties: propertiesNeeded(
              subfields,
              columnsOf(entity),
              { __typename: [], ...reads },
              ['id'],
            ),
          },
        ];
      },
    );
    return {
      claim: propertiesNeeded(fields, columnsOf(Claim), CLAIM_FIELD_READS, PAGE_READS) as
        ClaimProperty[] | undefined,
      related,
    };
  });

const planned = perSelection<ClaimPagePlan>();

/** The related rows a page read with each claim, for the relation resolvers (not the shared loaders: narrowed rows). */
export const relatedRead = new WeakMap<Claim, Partial<Record<ClaimRelation, object>>>();
