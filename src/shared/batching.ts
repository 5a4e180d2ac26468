import { groupBy } from './group-by';

/*
 * Batching: answering a batch of keys (a DataLoader's, or a service's "of many" read) in the keys' order, and objects
 * whose parts are made only when read (style.md §5).
 */

/** Keyed rows in key order, `null` for a miss (style.md §5). */
export const inKeyOrder = <T, K>(
  keys: readonly K[],
  rows: readonly T[],
  keyOf: (row: T) => K,
): (T | null)[] => {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => byKey.get(k) ?? null);
};

/** Rows grouped by key, in key order, `[]` for a key with none. */
export const groupedInKeyOrder = <T, K>(
  keys: readonly K[],
  rows: readonly T[],
  keyOf: (row: T) => K,
): T[][] => {
  const byKey = groupBy(rows, keyOf);
  return keys.map((k) => byKey.get(k) ?? []);
};

/** A loaded relation the schema declares non-null: foreign keys guarantee the row, so a miss is a server fault. */
export const required = <T>(v: T | null): T => {
  if (v === null) {
    throw new Error('A row names another that does not exist');
  }
  return v;
};

const MAKERS = Symbol('makers');
const lazyShapes = new Map<string, new (makers: object) => object>();

/**
 * An object whose properties are made on first read by the makers given, then kept: reading it sees plain
 * properties. The getters live on a prototype made once per `shape` (the makers of one shape have the same keys), so
 * an object costs one allocation however many properties it has (the per-request loaders: making all of them for
 * every request cost about 20 µs whatever the query used, docs/performance.md).
 */
export const lazily = <T extends object>(
  shape: string,
  makers: { readonly [K in keyof T]: () => T[K] },
): T => {
  let Lazy = lazyShapes.get(shape);
  if (!Lazy) {
    const Made = class {
      readonly [MAKERS]: object;
      constructor(m: object) {
        this[MAKERS] = m;
      }
    };
    for (const key of Object.keys(makers)) {
      Object.defineProperty(Made.prototype, key, {
        configurable: true,
        enumerable: true,
        get(this: InstanceType<typeof Made>) {
          const value = (this[MAKERS] as Record<string, () => unknown>)[key]!();
          Object.defineProperty(this, key, { value, enumerable: true });
          return value;
        },
      });
    }
    lazyShapes.set(shape, Made);
    Lazy = Made;
  }
  return new Lazy(makers) as T;
};
