import type { GraphQLResolveInfo } from 'graphql';
import { fieldsOf, perSelection, propertiesNeeded } from '../../graphql/selection';
import type { Claim } from './claim.entity';

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

/**
 * The claim properties a `ClaimConnection` selection needs (`nodes { … }`), or `undefined` for all of them. Issue 8:
 * a page of 100 claims spent more time decoding and hydrating the 30 columns of each row (a dozen Decimals, a jsonb,
 * a bytea) than PostgreSQL spent finding them; the list shows four.
 */
export const claimPropertiesSelected = (
  info: GraphQLResolveInfo,
  columns: ReadonlySet<string>,
): ClaimProperty[] | undefined =>
  selected(info, () => {
    const fields = info.fieldNodes
      .flatMap((node) => fieldsOf(node.selectionSet, info))
      .filter((page) => page.name === 'nodes')
      .flatMap((page) => fieldsOf(page.set, info));
    return propertiesNeeded(fields, columns, CLAIM_FIELD_READS, PAGE_READS) as
      ClaimProperty[] | undefined;
  });

const selected = perSelection<ClaimProperty[] | undefined>();
