import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** The node-postgres pool of the primary that TypeORM's postgres driver keeps (`driver.master`). */
const poolOf = (db: DataSource): Pool | undefined => {
  const pool = (db.driver as unknown as { master?: Pool }).master;
  return typeof pool?.query === 'function' ? pool : undefined;
};

/**
 * Rows of a read on the primary, straight on its node-postgres pool (issue 8: TypeORM's `query` makes a query runner,
 * acquires, queries and releases through it, ~10 µs a statement on the hot reads). Inside a transaction (an entity
 * manager with a query runner) the read stays on the transaction's connection. Statements are not named (prepared):
 * the hot texts are built from the client's selection, and a named statement per selection and connection would grow
 * without bound, break once per connection when a migration changes a table's columns, and fail behind a
 * transaction-mode pgbouncer.
 */
export const readRows = async <T = Record<string, unknown>>(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> => {
  const inTransaction = 'connection' in db && db.queryRunner !== undefined;
  const pool = inTransaction ? undefined : poolOf('connection' in db ? db.connection : db);
  if (!pool) {
    return db.query<T[]>(sql, params);
  }
  return (await pool.query<T & object>(sql, params)).rows;
};
