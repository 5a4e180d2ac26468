/**
 * What `Agreement` fields computed by a resolver read of the agreement, where a query may narrow its read
 * (src/graphql/selection.ts); an unlisted resolver makes the read take every column.
 */
export const AGREEMENT_FIELD_READS: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  partyA: ['partyAId'],
  partyB: ['partyBId'],
};
