import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './domain-error';

/*
 * Paging (the Relay connection model the contract's `…Connection` types follow): every list is read by keyset — the
 * rows after (or before) a cursor in a fixed order, never an OFFSET — through {@link keysetPage}, and counted only when
 * its `totalCount` is read. Page sizes and their limits: docs/security.md.
 */

/** Largest page a list returns (docs/security.md, "page size"). */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * What a client asks of a list: a page of `first` items (after the cursor `after`), or of `last` items (before the
 * cursor `before`), paging backwards. A list takes one of `first` and `last`; `after` and `before` may be given together.
 */
export interface PageRequest {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

/** A column of a list's sort key. */
export interface KeyColumn<T> {
  /** The column as SQL on the query's alias, e.g. `c.discharge_date`. */
  readonly sql: string;
  /** The column's value in a row, as text. */
  readonly of: (row: T) => string;
  /** Whether a value read from a cursor may stand for this column (a date, a uuid…); else the cursor is refused. */
  readonly valid: (value: string) => boolean;
}

/** A list's order: its sort key (unique, all columns in one direction) and the name its cursors carry. */
export interface KeysetOrder<T> {
  /** Written into every cursor of the list, so that a cursor of another list is refused rather than misread. */
  readonly list: string;
  readonly direction: 'ASC' | 'DESC';
  readonly keys: readonly KeyColumn<T>[];
}

/** A page request checked and decoded for one order: how many rows, which way, between which keys. */
export interface KeysetWindow {
  readonly size: number;
  /** Paging backwards (`last`): the rows nearest `before` (or the end), answered in the list's order. */
  readonly backward: boolean;
  readonly after?: readonly string[];
  readonly before?: readonly string[];
}

export interface PageInfoValue {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

/**
 * One page of a list. `edges` and `totalCount` are functions, made only when called: graphql-js's default resolver
 * calls a function-valued property, so a query that does not select them costs neither the cursors nor the count.
 */
export interface Page<T> {
  readonly nodes: T[];
  readonly edges: () => Edge<T>[];
  readonly pageInfo: PageInfoValue;
  readonly totalCount: () => Promise<number>;
}

/** An opaque cursor: base64url of the JSON `[list, ...key]`. Clients must not build them. */
export const encodeCursor = (list: string, key: readonly string[]): string =>
  Buffer.from(JSON.stringify([list, ...key]), 'utf8').toString('base64url');

/**
 * The sort key a cursor of `order` holds, or `BAD_USER_INPUT` on `field` when it is not one: not ours, of another list,
 * or holding a value its column cannot take. The message never repeats the cursor.
 */
export const decodeCursor = <T>(order: KeysetOrder<T>, cursor: string, field: string): string[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === order.keys.length + 1 &&
    parsed.every((v): v is string => typeof v === 'string') &&
    parsed[0] === order.list
  ) {
    const key = parsed.slice(1);
    if (order.keys.every((k, i) => k.valid(key[i]!))) {
      return key;
    }
  }
  throw badInput(field, `${field} must be a cursor returned by this list`);
};

/** A page size argument: an integer from 0 to `max`, else `BAD_USER_INPUT` on `field`. */
const sizeOf = (value: number, field: string, max: number): number => {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw badInput(field, `${field} must be an integer from 0 to ${max}`);
  }
  return value;
};

/**
 * A page request checked for `order`: `first` (default {@link DEFAULT_PAGE_SIZE} when neither is given, or null: a
 * client's explicit null skips GraphQL's default, stack.md) or `last`, each 0 to `max`, not both; cursors of this list.
 */
export const pageWindow = <T>(
  order: KeysetOrder<T>,
  request: PageRequest,
  max = MAX_PAGE_SIZE,
): KeysetWindow => {
  const { first, last, after, before } = request;
  if (first != null && last != null) {
    throw badInput(
      'last',
      'first and last cannot be used together: page forwards with first and after, backwards with last and before',
    );
  }
  const backward = last != null;
  return {
    size: backward ? sizeOf(last, 'last', max) : sizeOf(first ?? DEFAULT_PAGE_SIZE, 'first', max),
    backward,
    after: after == null ? undefined : decodeCursor(order, after, 'after'),
    before: before == null ? undefined : decodeCursor(order, before, 'before'),
  };
};

/**
 * One page of `query` (the list's rows, filtered and scoped, on any alias) in `order`: one statement for the rows
 * (`size + 1` of them, to know whether more follow), and a count of `query` only when `totalCount` is read.
 *
 * Forwards, the rows after the `after` key (`(k1, k2) > (…)` for an ascending order) and before the `before` key, in
 * order; backwards, the same conditions read in the reverse order and the rows flipped back, so a page always lists
 * its items in the list's order. `hasNextPage` is computed when paging forwards and `hasPreviousPage` backwards; the
 * other is false (not computed, as the Relay connection spec allows).
 *
 * `read` runs the rows query (default `getMany`), for a caller that narrows what it selects or reads elsewhere;
 * `count` counts (default `getCount`).
 */
export const keysetPage = async <T, Q extends SelectQueryBuilder<ObjectLiteral>>(
  query: Q,
  order: KeysetOrder<T>,
  request: PageRequest | KeysetWindow,
  options: {
    readonly read?: (rows: Q) => Promise<T[]>;
    readonly count?: (all: Q) => Promise<number>;
  } = {},
): Promise<Page<T>> => {
  const window = 'size' in request ? request : pageWindow(order, request);
  const ascending = (order.direction === 'ASC') !== window.backward;
  let rows: T[] = [];
  if (window.size > 0) {
    const q = query.clone();
    order.keys.forEach((k, i) => {
      const direction = ascending ? 'ASC' : 'DESC';
      if (i === 0) {
        q.orderBy(k.sql, direction);
      } else {
        q.addOrderBy(k.sql, direction);
      }
    });
    // `limit`, not `take`: TypeORM drops `take` from the SQL of a query with joins (and pages such a query itself).
    q.limit(window.size + 1);
    const bound = (key: readonly string[], operator: '<' | '>', side: string) => {
      const names = key.map((_, i) => `keyset_${side}_${i}`);
      const columns = order.keys.map((k) => k.sql);
      const one = columns.length === 1;
      q.andWhere(
        `${one ? columns[0] : `(${columns.join(', ')})`} ${operator} ${
          one ? `:${names[0]}` : `(${names.map((n) => `:${n}`).join(', ')})`
        }`,
        Object.fromEntries(names.map((n, i) => [n, key[i]])),
      );
    };
    // In the list's own order, the rows after `after` are the greater keys of an ascending order.
    const up = order.direction === 'ASC';
    if (window.after) {
      bound(window.after, up ? '>' : '<', 'after');
    }
    if (window.before) {
      bound(window.before, up ? '<' : '>', 'before');
    }
    rows = options.read ? await options.read(q) : ((await q.getMany()) as T[]);
  }
  const more = rows.length > window.size;
  const nodes = rows.slice(0, window.size);
  if (window.backward) {
    nodes.reverse();
  }
  const cursorOf = (row: T) =>
    encodeCursor(
      order.list,
      order.keys.map((k) => k.of(row)),
    );
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    edges: () => nodes.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: {
      hasNextPage: !window.backward && more,
      hasPreviousPage: window.backward && more,
      startCursor: first === undefined ? null : cursorOf(first),
      endCursor: last === undefined ? null : cursorOf(last),
    },
    totalCount: () => {
      const all = query.clone();
      return options.count ? options.count(all) : all.getCount();
    },
  };
};

/** A page with nothing in it (a caller who may see none of the list). */
export const emptyPage = <T>(): Page<T> => ({
  nodes: [],
  edges: () => [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  totalCount: () => Promise.resolve(0),
});

/** The sort-key test of a bigint id as text (audit trail, access log): digits within bigint's range. */
export const isBigintId = (s: string): boolean =>
  /^\d{1,19}$/.test(s) && (s.length < 19 || s <= '9223372036854775807');
