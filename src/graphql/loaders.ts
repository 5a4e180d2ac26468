import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { Organization } from '../domain/organization/organization.entity';

/** Keyed rows in key order, `null` for a miss (style.md §5). */
export const inKeyOrder = <T, K>(
  keys: readonly K[],
  rows: readonly T[],
  keyOf: (row: T) => K,
): (T | null)[] => {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => byKey.get(k) ?? null);
};

/** One DataLoader per relation, made fresh for every request (never shared between requests). */
export const createLoaders = (db: DataSource) => ({
  organizationById: new DataLoader<string, Organization | null>(async (ids) =>
    inKeyOrder(ids, await db.getRepository(Organization).findBy({ id: In([...ids]) }), (o) => o.id),
  ),
});

export type Loaders = ReturnType<typeof createLoaders>;
