import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { AgreementSuspension } from '../domain/agreement/agreement-suspension.entity';
import { AgreementTermsVersion } from '../domain/agreement/terms/agreement-terms.entity';
import { Organization } from '../domain/organization/organization.entity';
import type { Services } from '../services';
import type { User } from './auth/user';

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
  const byKey = new Map<K, T[]>(keys.map((k) => [k, []]));
  for (const r of rows) {
    byKey.get(keyOf(r))?.push(r);
  }
  return keys.map((k) => byKey.get(k) ?? []);
};

/** Who a request is for, as the loaders that log or scope by caller need it. */
export interface LoaderCaller {
  readonly user?: User;
  readonly requestId: string;
}

/** One DataLoader per relation, made fresh for every request (never shared between requests). */
export const createLoaders = (db: DataSource, services: Services, caller: LoaderCaller) => ({
  ...services.persons.loaders(caller),
  organizationById: new DataLoader<string, Organization | null>(async (ids) =>
    inKeyOrder(ids, await db.getRepository(Organization).findBy({ id: In([...ids]) }), (o) => o.id),
  ),
  termsVersionsByAgreementId: new DataLoader<string, AgreementTermsVersion[]>(async (ids) =>
    groupedInKeyOrder(
      ids,
      await db.getRepository(AgreementTermsVersion).findBy({ agreementId: In([...ids]) }),
      (v) => v.agreementId,
    ),
  ),
  suspensionsByAgreementId: new DataLoader<string, AgreementSuspension[]>(async (ids) =>
    groupedInKeyOrder(
      ids,
      await db
        .getRepository(AgreementSuspension)
        .find({ where: { agreementId: In([...ids]) }, order: { startsOn: 'ASC' } }),
      (s) => s.agreementId,
    ),
  ),
});

export type Loaders = ReturnType<typeof createLoaders>;
