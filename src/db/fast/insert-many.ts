import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** The array type each column type is sent as (`char(n)` as text: a `char[]` cast would cut values to one character). */
const ARRAY_OF: Readonly<Record<string, string>> = {
  uuid: 'uuid',
  text: 'text',
  char: 'text',
  date: 'date',
  numeric: 'numeric',
  jsonb: 'jsonb',
  int: 'int',
  integer: 'int',
  bigint: 'bigint',
  boolean: 'boolean',
  timestamptz: 'timestamptz',
  bytea: 'bytea',
};

/**
 * Inserts many entities in one statement, `INSERT … SELECT * FROM unnest($1::t1[], $2::t2[], …)`: one parameter per
 * column whatever the number of rows, and none of TypeORM's per-row work (docs/performance.md: a 200-claim chunk spent
 * most of its time building TypeORM's multi-row INSERT). Values go through the columns' transformers (Decimal → exact
 * string); generated columns and columns no row sets (e.g. `created_at`) are left to the database's defaults. Array
 * columns are not supported (unnest would flatten them).
 */
export async function insertMany<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: readonly Partial<T>[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const meta = em.connection.getMetadata(target);
  const columns = meta.columns.filter(
    (c) => !c.isGenerated && rows.some((r) => c.getEntityValue(r) !== undefined),
  );
  const casts = columns.map((c) => {
    const type = typeof c.type === 'string' ? ARRAY_OF[c.type] : undefined;
    if (!type || c.isArray) {
      throw new Error(`insertMany: column ${meta.tableName}.${c.databaseName} (${String(c.type)})`);
    }
    return type;
  });
  const params = columns.map((c, i) => {
    // Plain properties read directly, through the column's transformer if it has one (Decimal → exact string):
    // TypeORM's getEntityValue, which also walks embeddeds and relations, was a tenth of a 200-claim chunk's CPU.
    const property = c.propertyName;
    const transformer = c.transformer;
    if (Array.isArray(transformer) || c.embeddedMetadata || c.relationMetadata) {
      throw new Error(
        `insertMany: column ${meta.tableName}.${c.databaseName} is not a plain column`,
      );
    }
    const json = casts[i] === 'jsonb';
    return rows.map((r) => {
      const raw: unknown = (r as Record<string, unknown>)[property];
      const v: unknown = raw === undefined || !transformer ? raw : transformer.to(raw);
      if (v === undefined || v === null) {
        return null;
      }
      return json ? JSON.stringify(v) : v;
    });
  });
  await em.query(
    `INSERT INTO ${meta.tablePath} (${columns.map((c) => `"${c.databaseName}"`).join(', ')})
     SELECT * FROM unnest(${casts.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
    params,
  );
}
