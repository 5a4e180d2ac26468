import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** The node-postgres pool of the primary that TypeORM's postgres driver keeps (`driver.master`). */
const poolOf = (db: DataSource): Pool | undefined => {
  const pool = (db.driver as unknown as { master?: Pool }).master;
  return typeof pool?.query === 'function' ? pool : undefined;
};

/** Statement texts given a name (prepared once per connection), at most {@link MAX_NAMED} per process. */
const named = new Map<string, string>();
const MAX_NAMED = 32;

/**
 * The name of a statement text, or undefined to send it unnamed: the first {@link MAX_NAMED} texts asked for are named,
 * the rest never are. The texts a caller may name come from a client's selection (which columns), so the cap bounds
 * what each connection keeps prepared however many selections clients send.
 */
const nameOf = (sql: string): string | undefined => {
  let name = named.get(sql);
  if (name === undefined && named.size < MAX_NAMED) {
    name = `jingban_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    named.set(sql, name);
  }
  return name;
};

/**
 * Rows of a read on the primary, straight on its node-postgres pool (issue 8: TypeORM's `query` makes a query runner,
 * acquires, queries and releases through it, ~10 µs a statement on the hot reads). Inside a transaction (an entity
 * manager with a query runner) the read stays on the transaction's connection.
 *
 * `prepared`: the statement is named, so PostgreSQL parses and plans it once per connection (`agreement(id)`, the
 * small request of `httpRatio`: 0.78–0.84 unnamed, 0.86–0.95 named in the same runs). Only for texts that list their
 * columns (never `SELECT *`: a migration adding a column would make a prepared `*` fail once per connection with
 * "cached plan must not change result type"), and at most {@link MAX_NAMED} texts. Behind pgbouncer, named statements
 * need session pooling or pgbouncer ≥ 1.21 with `max_prepared_statements` (docs/scaling.md).
 */
export const readRows = async <T = Record<string, unknown>>(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[],
  prepared = false,
): Promise<T[]> => {
  const inTransaction = 'connection' in db && db.queryRunner !== undefined;
  const pool = inTransaction ? undefined : poolOf('connection' in db ? db.connection : db);
  if (!pool) {
    return db.query<T[]>(sql, params);
  }
  const name = prepared ? nameOf(sql) : undefined;
  return (
    await pool.query<T & object>(
      name ? { name, text: sql, values: params } : { text: sql, values: params },
    )
  ).rows;
};
