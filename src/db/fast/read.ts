import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { primaryPoolOf } from './primary-pool';

/** Named (prepared) statement texts a process may have, over all families: what each connection keeps at most. */
export const MAX_NAMED = 32;

/**
 * A family of statements its caller may have prepared: the texts of one read whose text varies with a query's
 * selection (`agreement(id)` with its parties: one text per selection shape). The family is declared once, at module
 * level, with the number of texts it may name; the first `budget` distinct texts it reads are named, the others are
 * sent unnamed. Families share the process's {@link MAX_NAMED}: declaring more than it holds fails at start, so no
 * caller can take another's slots, and a caller that declares no family never names a statement.
 */
export interface PreparedFamily {
  readonly family: string;
  readonly budget: number;
}

const families = new Map<
  string,
  { readonly budget: number; readonly names: Map<string, string> }
>();

/** Declares a family of prepared statements (see {@link PreparedFamily}); throws when the slots are all given. */
export const preparedFamily = (family: string, budget: number): PreparedFamily => {
  if (families.has(family)) {
    throw new Error(`prepared family ${family} is declared twice`);
  }
  const given = [...families.values()].reduce((sum, f) => sum + f.budget, 0);
  if (!Number.isInteger(budget) || budget < 1 || given + budget > MAX_NAMED) {
    throw new Error(
      `prepared family ${family}: ${budget} named texts asked, ${MAX_NAMED - given} of ${MAX_NAMED} left`,
    );
  }
  families.set(family, { budget, names: new Map() });
  return { family, budget };
};

/** A text that selects every column (`SELECT *`, `SELECT DISTINCT *`, `alias.*`). */
const SELECTS_ALL = /\bselect\s+(?:distinct\s+)?\*|[\w"]\.\*/i;

/**
 * The name `sql` is prepared under in `family`, or undefined to send it unnamed (the family's slots are taken). Refuses
 * a text that selects every column: a migration adding a column would make such a prepared statement fail once per
 * connection with "cached plan must not change result type".
 */
export const statementName = (prepared: PreparedFamily, sql: string): string | undefined => {
  const f = families.get(prepared.family);
  if (!f) {
    throw new Error(`prepared family ${prepared.family} is not declared`);
  }
  let name = f.names.get(sql);
  if (name !== undefined) {
    // Checked when it was named: the hot path is one look-up.
    return name;
  }
  if (SELECTS_ALL.test(sql)) {
    throw new Error('readRows: a prepared statement must list its columns, never SELECT *');
  }
  if (f.names.size < f.budget) {
    name = `jingban_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    f.names.set(sql, name);
  }
  return name;
};

/**
 * Rows of a read on the primary, straight on its node-postgres pool (docs/performance.md: TypeORM's `query` makes a
 * query runner, acquires, queries and releases through it, ~10 µs a statement on the hot reads). Inside a transaction
 * (an entity manager with a query runner) the read stays on the transaction's connection.
 *
 * `prepared`: the statement is named in that family (see {@link statementName}), so PostgreSQL parses and plans it
 * once per connection (`agreement(id)`, the small request of `httpRatio`: 0.78–0.84 unnamed, 0.86–0.95 named in the
 * same runs). Behind pgbouncer, named statements need session pooling or pgbouncer ≥ 1.21 with
 * `max_prepared_statements` (docs/scaling.md).
 */
export const readRows = async <T = Record<string, unknown>>(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[],
  prepared?: PreparedFamily,
): Promise<T[]> => {
  const name = prepared ? statementName(prepared, sql) : undefined;
  const inTransaction = 'connection' in db && db.queryRunner !== undefined;
  const pool = inTransaction ? undefined : primaryPoolOf('connection' in db ? db.connection : db);
  if (!pool) {
    return db.query<T[]>(sql, params);
  }
  return (
    await pool.query<T & object>(
      name ? { name, text: sql, values: params } : { text: sql, values: params },
    )
  ).rows;
};
