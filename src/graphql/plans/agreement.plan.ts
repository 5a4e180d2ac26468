import type { GraphQLResolveInfo } from 'graphql';
import type { DataSource } from 'typeorm';
import { columnPropertiesOf } from '../../db/fast/hydrate';
import { Agreement } from '../../domain/agreement/agreement.entity';
import { Organization } from '../../domain/organization/organization.entity';
import { fieldsOf, propertiesNeeded } from '../selection';

/**
 * What `Agreement` fields computed by a resolver read of the agreement, where a query may narrow its read
 * (src/graphql/selection.ts); an unlisted resolver makes the read take every column.
 */
export const AGREEMENT_FIELD_READS: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  partyA: ['partyAId'],
  partyB: ['partyBId'],
};

/** How `agreement(id)` reads for a selection that shows a party. */
export interface AgreementPartiesRead {
  /** The agreement's properties the selection needs (undefined: all). */
  readonly properties: readonly string[] | undefined;
  /** The parties' properties the selection needs (undefined: all). */
  readonly partyProperties: readonly string[] | undefined;
  /** The parties selected, joined in the same statement. */
  readonly parties: readonly ('partyA' | 'partyB')[];
}

/**
 * How `agreement(id)` reads for its selection (docs/performance.md, `httpRatio`): with `partyA`/`partyB` selected, the
 * agreement and only the parties selected in one join, each narrowed to the columns the selection needs; else null,
 * for the plain read by id.
 */
export const agreementPartiesRead = (
  info: GraphQLResolveInfo,
  db: DataSource,
): AgreementPartiesRead | null => {
  const fields = info.fieldNodes.flatMap((node) => fieldsOf(node.selectionSet, info));
  const parties = fields.filter((f) => f.name === 'partyA' || f.name === 'partyB');
  if (parties.length === 0) {
    return null;
  }
  return {
    properties: propertiesNeeded(fields, columnPropertiesOf(db, Agreement), AGREEMENT_FIELD_READS, [
      'id',
    ]),
    partyProperties: propertiesNeeded(
      parties.flatMap((p) => fieldsOf(p.set, info)),
      columnPropertiesOf(db, Organization),
      { __typename: [] },
      ['id'],
    ),
    parties: [...new Set(parties.map((p) => p.name as 'partyA' | 'partyB'))],
  };
};
