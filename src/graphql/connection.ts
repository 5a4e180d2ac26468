import { Field, ObjectType } from 'type-graphql';
import { badInput } from '../shared/domain-error';

/** Largest page a list returns (issue 2 item 11; issue 7: page size ≤ 100). */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({
  simpleResolvers: true,
  description: '分页信息: where a page of a connection ends and whether more follow.',
})
export class PageInfo {
  @Field(() => Boolean, { description: '是否有下一页: whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: '末项游标: opaque cursor of the last item; pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}

/**
 * The page size of a list argument: `first` (default 20 when left out or null: a client's explicit null skips
 * GraphQL's default, stack.md) from 0 to 100, else `BAD_USER_INPUT` on `first`.
 */
export const pageSize = (first: number | null | undefined, field = 'first'): number => {
  const n = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE) {
    throw badInput(field, `first must be an integer from 0 to ${MAX_PAGE_SIZE}`);
  }
  return n;
};

/** An opaque cursor for a sort key (base64url JSON); clients must not build them. */
export const encodeCursor = (key: readonly (string | number)[]): string =>
  Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** The sort key of a cursor, or `BAD_USER_INPUT` on `after` when it is not one of ours. */
export const decodeCursor = (
  cursor: string | null | undefined,
  arity: number,
  field = 'after',
): (string | number)[] | undefined => {
  if (cursor == null) {
    return undefined;
  }
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => typeof k === 'string' || typeof k === 'number')
    ) {
      return key;
    }
  } catch {
    // fall through
  }
  throw badInput(field, 'after must be a cursor returned by this list');
};

/** One page from `limit + 1` rows fetched in order: the rows, and the page info. */
export const pageOf = <T>(
  rows: readonly T[],
  limit: number,
  keyOf: (row: T) => readonly (string | number)[],
): { nodes: T[]; pageInfo: PageInfo } => {
  const nodes = rows.slice(0, limit);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > limit,
      endCursor: last === undefined ? null : encodeCursor(keyOf(last)),
    },
  };
};
