import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { isUuid } from '../shared/uuid';
import { readRows } from './read';

type Hydrator<T> = (row: Record<string, unknown>) => T;

/** Hydrators kept per entity (one per prefix and narrowed column set). */
const MAX_KEPT = 256;
const hydrators = new WeakMap<object, Map<string, Hydrator<unknown>>>();

/**
 * Builds entities from raw rows (columns named `<prefix><database name>`), as TypeORM's own hydration would: pg already
 * returns dates as strings (src/db/data-source.ts), timestamps as Dates, jsonb parsed and bytea as Buffers, so only the
 * columns' transformers (Decimal for numeric) remain to apply. Issue 8: TypeORM's find and getMany spent more time
 * building and hydrating than PostgreSQL spent answering; the hot reads (loaders by id, the claim list) use this.
 */
export const hydratorOf = <T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  target: EntityTarget<T>,
  prefix = '',
  /** Only these properties (the columns a narrowed SELECT read); the others stay unset. Default: all. */
  properties?: readonly string[],
): Hydrator<T> => {
  const connection = 'connection' in db ? db.connection : db;
  const meta = connection.getMetadata(target);
  let byPrefix = hydrators.get(meta.target as object);
  if (!byPrefix) {
    byPrefix = new Map();
    hydrators.set(meta.target as object, byPrefix);
  }
  const key = properties ? `${prefix}|${properties.join(',')}` : prefix;
  const cached = byPrefix.get(key);
  if (cached) {
    return cached as Hydrator<T>;
  }
  const only = properties && new Set(properties);
  const columns = meta.columns
    .filter((c) => !only || only.has(c.propertyName))
    .map((c) => {
      const transformer = c.transformer;
      if (Array.isArray(transformer)) {
        throw new Error(`hydrate: ${meta.tableName}.${c.databaseName} has several transformers`);
      }
      const from = transformer ? (v: unknown): unknown => transformer.from(v) : undefined;
      return { key: `${prefix}${c.databaseName}`, property: c.propertyName, from };
    });
  const proto = (meta.target as { prototype: object }).prototype;
  const hydrate: Hydrator<T> = (row) => {
    const entity = Object.create(proto) as Record<string, unknown>;
    for (const c of columns) {
      const v = row[c.key];
      entity[c.property] = c.from ? c.from(v) : v;
    }
    return entity as T;
  };
  // Clients choose the selections, so the narrowed hydrators kept are bounded.
  if (byPrefix.size < MAX_KEPT) {
    byPrefix.set(key, hydrate);
  }
  return hydrate;
};

/** Entities whose primary key `id` is one of `ids` (ids of another form match nothing), in one statement. */
export const findByIds = <T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  target: EntityTarget<T>,
  ids: readonly string[],
): Promise<T[]> => findByUuids(db, target, 'id', ids);

/**
 * Entities whose uuid column `property` is one of `values` (values of another form match nothing), in one statement:
 * one array parameter, where TypeORM's `In()` expands a parameter per value and rewrites the query text for each
 * (issue 8: a 200-claim batch spent more time building its look-ups than running them).
 */
export const findByUuids = async <T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  target: EntityTarget<T>,
  property: string,
  values: readonly string[],
): Promise<T[]> => {
  const connection = 'connection' in db ? db.connection : db;
  const meta = connection.getMetadata(target);
  const column = meta.findColumnWithPropertyName(property);
  if (!column || column.type !== 'uuid') {
    throw new Error(`findByUuids: ${meta.tableName}.${property} is not a uuid column`);
  }
  const uuids = [...new Set(values.filter(isUuid))];
  if (uuids.length === 0) {
    return [];
  }
  const rows = await readRows(
    db,
    `SELECT * FROM ${meta.tablePath} WHERE "${column.databaseName}" = ANY($1::uuid[])`,
    [uuids],
  );
  return rows.map(hydratorOf(db, target));
};

const selectLists = new WeakMap<object, Map<string, string>>();

/**
 * The select list of the columns of an entity read through `alias` (all, or those of `properties`), each named
 * `<prefix><database name>` as `hydratorOf(db, target, prefix, properties)` reads it: for a join that hydrates several
 * entities from one row.
 */
export const selectListOf = <T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  target: EntityTarget<T>,
  alias: string,
  prefix: string,
  properties?: readonly string[],
): string => {
  const connection = 'connection' in db ? db.connection : db;
  const meta = connection.getMetadata(target);
  let byAlias = selectLists.get(meta.target as object);
  if (!byAlias) {
    byAlias = new Map();
    selectLists.set(meta.target as object, byAlias);
  }
  const key = `${alias}|${prefix}|${properties?.join(',') ?? '*'}`;
  let list = byAlias.get(key);
  if (list === undefined) {
    const only = properties && new Set(properties);
    list = meta.columns
      .filter((c) => !only || only.has(c.propertyName))
      .map((c) => `${alias}."${c.databaseName}" AS "${prefix}${c.databaseName}"`)
      .join(', ');
    if (byAlias.size < MAX_KEPT) {
      byAlias.set(key, list);
    }
  }
  return list;
};
