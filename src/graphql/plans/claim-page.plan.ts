import type { GraphQLResolveInfo } from 'graphql';
import type { DataSource } from 'typeorm';
import { columnPropertiesOf } from '../../db/fast/hydrate';
import {
  CLAIM_RELATIONS,
  type ClaimPageRead,
  type ClaimProperty,
  type ClaimRelation,
  type RelatedRead,
} from '../../domain/claim/claim-page-read';
import { Claim } from '../../domain/claim/claim.entity';
import { fieldsOf, perSelection, propertiesNeeded, type SelectedField } from '../selection';
import { AGREEMENT_FIELD_READS } from './agreement.plan';

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
  // Its adjustments too, when the claim alone does not decide (rules.md §3.4, "As of"): read by the ledger key.
  overdue: ['benefit', 'status', 'paymentDueOn', 'paidOn', 'insuredPersonId', 'id'],
  adjustments: ['insuredPersonId', 'id'],
  reviewProposals: ['insuredPersonId', 'id'],
};

/** Read by a page itself whatever is selected: the key and the cursor (discharge date, id). */
const PAGE_READS: readonly ClaimProperty[] = ['id', 'insuredPersonId', 'dischargeDate'];

/** What the fields of each related type computed by a resolver read of its row (as CLAIM_FIELD_READS). */
const RELATION_FIELD_READS: Readonly<
  Record<ClaimRelation, Readonly<Record<string, readonly string[]>>>
> = {
  insuredPerson: {},
  institution: {},
  agreement: AGREEMENT_FIELD_READS,
};

/** The fields selected on the claims of a `ClaimConnection`: under `nodes`, and under `edges { node }`. */
const claimFieldsOf = (info: GraphQLResolveInfo): SelectedField[] =>
  info.fieldNodes
    .flatMap((node) => fieldsOf(node.selectionSet, info))
    .flatMap((page) =>
      page.name === 'nodes'
        ? fieldsOf(page.set, info)
        : page.name === 'edges'
          ? fieldsOf(page.set, info)
              .filter((edge) => edge.name === 'node')
              .flatMap((edge) => fieldsOf(edge.set, info))
          : [],
    );

/**
 * How a `ClaimConnection` selection is read (docs/performance.md, "the claim list"): only the claim columns it needs,
 * and the person, institution and agreement it shows joined in the same statement, narrowed alike, instead of a round
 * trip each through the loaders. A page of 100 claims spent more time decoding and hydrating the 30 columns of each row
 * (a dozen Decimals, a jsonb, a bytea) and whole persons than PostgreSQL spent finding them; the list shows seven
 * values. Derived once per query text (per field node).
 */
export const claimPageRead = (info: GraphQLResolveInfo, db: DataSource): ClaimPageRead =>
  planned(info, () => {
    const fields = claimFieldsOf(info);
    const related = (Object.keys(CLAIM_RELATIONS) as ClaimRelation[]).flatMap(
      (relation): RelatedRead[] => {
        const under = fields.filter((f) => f.name === relation);
        if (under.length === 0) {
          return [];
        }
        const subfields = under.flatMap((f) => fieldsOf(f.set, info));
        return [
          {
            relation,
            properties: propertiesNeeded(
              subfields,
              columnPropertiesOf(db, CLAIM_RELATIONS[relation].entity),
              { __typename: [], ...RELATION_FIELD_READS[relation] },
              ['id'],
            ),
          },
        ];
      },
    );
    return {
      claim: propertiesNeeded(
        fields,
        columnPropertiesOf(db, Claim),
        CLAIM_FIELD_READS,
        PAGE_READS,
      ) as ClaimProperty[] | undefined,
      related,
    };
  });

const planned = perSelection<ClaimPageRead>();
