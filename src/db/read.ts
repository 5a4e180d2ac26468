import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** The node-postgres pool of the primary that TypeORM's postgres driver keeps (`driver.master`). */
const poolOf = (db: DataSource): Pool | undefined => {
  const pool = (db.driver as unknown as { master?: Pool }).master;
  return typeof pool?.query === 'function' ? pool : undefined;
};

const names = new Map<string, string>();

/** A stable name for a statement's text, so node-postgres prepares it once per connection. */
const statementName = (sql: string): string => {
  let name = names.get(sql);
  if (name === undefined) {
    name = `j_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (names.size < 1_000) {
      names.set(sql, name);
    }
  }
  return name;
};

/**
 * Rows of a read on the primary, straight on its node-postgres pool (issue 8: TypeORM's `query` makes a query runner,
 * acquires, queries and releases through it, ~10 µs a statement on the hot reads). Inside a transaction (an entity
 * manager with a query runner) the read stays on the transaction's connection. `prepared`: the statement is prepared
 * once per connection and then only bound and run (for the few texts a hot path sends again and again; never for
 * text built from input).
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
  const result = await pool.query<T & object>(
    prepared
      ? { name: statementName(sql), text: sql, values: params }
      : { text: sql, values: params },
  );
  return result.rows;
};
