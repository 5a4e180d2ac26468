import type {
  DataSource,
  EntityManager,
  EntityMetadata,
  EntityTarget,
  ObjectLiteral,
} from 'typeorm';
import { isUuid } from '../../shared/uuid';
import { readRows } from './read';

type Hydrator<T> = (row: Record<string, unknown>) => T;

const metadataOf = (db: DataSource | EntityManager, target: EntityTarget<ObjectLiteral>) =>
  ('connection' in db ? db.connection : db).getMetadata(target);

/** Values kept per entity and key (hydrators, select lists), at most this many per entity. */
const MAX_KEPT = 256;

/**
 * The value kept for an entity and key, made by `make` the first time. Clients choose the selections a key is made
 * of, so at most {@link MAX_KEPT} are kept per entity; past that they are made each time.
 */
const keptFor = <V>(
  cache: WeakMap<object, Map<string, V>>,
  meta: EntityMetadata,
  key: string,
  make: () => V,
): V => {
  let byKey = cache.get(meta.target as object);
  if (!byKey) {
    byKey = new Map();
    cache.set(meta.target as object, byKey);
  }
  let value = byKey.get(key);
  if (value === undefined) {
    value = make();
    if (byKey.size < MAX_KEPT) {
      byKey.set(key, value);
    }
  }
  return value;
};

/** An entity's columns: all, or those of `properties`. */
const columnsOf = (meta: EntityMetadata, properties: readonly string[] | undefined) => {
  const only = properties && new Set(properties);
  return meta.columns.filter((c) => !only || only.has(c.propertyName));
};

const columnProperties = new WeakMap<object, Map<string, ReadonlySet<string>>>();

/** The properties of an entity that are columns: what a read may be narrowed to. */
export const columnPropertiesOf = (
  db: DataSource | EntityManager,
  target: EntityTarget<ObjectLiteral>,
): ReadonlySet<string> => {
  const meta = metadataOf(db, target);
  return keptFor(
    columnProperties,
    meta,
    '',
    () => new Set(meta.columns.map((c) => c.propertyName)),
  );
};

const hydrators = new WeakMap<object, Map<string, Hydrator<unknown>>>();

/**
 * Builds entities from raw rows (columns named `<prefix><database name>`), as TypeORM's own hydration would: pg already
 * returns dates as strings (src/db/data-source.ts), timestamps as Dates, jsonb parsed and bytea as Buffers, so only the
 * columns' transformers (Decimal for numeric) remain to apply. docs/performance.md: TypeORM's find and getMany spent
 * more time building and hydrating than PostgreSQL spent answering; the hot reads (loaders by id, the claim list) use
 * this.
 */
export const hydratorOf = <T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  target: EntityTarget<T>,
  prefix = '',
  /** Only these properties (the columns a narrowed SELECT read); the others stay unset. Default: all. */
  properties?: readonly string[],
): Hydrator<T> => {
  const meta = metadataOf(db, target);
  const key = properties ? `${prefix}|${properties.join(',')}` : prefix;
  return keptFor(hydrators, meta, key, () => {
    const columns = columnsOf(meta, properties).map((c) => {
      const transformer = c.transformer;
      if (Array.isArray(transformer)) {
        throw new Error(`hydrate: ${meta.tableName}.${c.databaseName} has several transformers`);
      }
      const from = transformer ? (v: unknown): unknown => transformer.from(v) : undefined;
      return { key: `${prefix}${c.databaseName}`, property: c.propertyName, from };
    });
    const proto = (meta.target as { prototype: object }).prototype;
    return (row: Record<string, unknown>) => {
      const entity = Object.create(proto) as Record<string, unknown>;
      for (const c of columns) {
        const v = row[c.key];
        entity[c.property] = c.from ? c.from(v) : v;
      }
      return entity;
    };
  }) as Hydrator<T>;
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
 * (docs/performance.md: a 200-claim batch spent more time building its look-ups than running them).
 */
export const findByUuids = async <T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  target: EntityTarget<T>,
  property: string,
  values: readonly string[],
): Promise<T[]> => {
  const meta = metadataOf(db, target);
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
  const meta = metadataOf(db, target);
  return keptFor(selectLists, meta, `${alias}|${prefix}|${properties?.join(',') ?? '*'}`, () =>
    columnsOf(meta, properties)
      .map((c) => `${alias}."${c.databaseName}" AS "${prefix}${c.databaseName}"`)
      .join(', '),
  );
};
