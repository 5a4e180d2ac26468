import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { AgreementSuspension } from '../domain/agreement/agreement-suspension.entity';
import { AgreementTermsVersion } from '../domain/agreement/terms/agreement-terms.entity';
import { Agreement } from '../domain/agreement/agreement.entity';
import { Claim } from '../domain/claim/claim.entity';
import type { ClaimAdjustment } from '../domain/claim/claim.types';
import { AuditItem } from '../domain/handling/quarterly-audit.entity';
import { LedgerEntry } from '../domain/claim/ledger.entity';
import { InsuredPerson } from '../domain/insured-person/insured-person.entity';
import { Organization } from '../domain/organization/organization.entity';
import { InspectionFinding } from '../domain/penalty/inspection.entity';
import { Penalty } from '../domain/penalty/penalty.entity';
import type { PenaltyPayment } from '../domain/penalty/rules/penalty-dates.rule';
import { groupBy } from '../shared/group-by';
import { Money } from '../shared/money';
import type { Services } from '../services';
import type { User } from './auth/user';
import { findByIds } from '../db/hydrate';

/** Keyed rows in key order, `null` for a miss (style.md §5). */
export const inKeyOrder = <T, K>(
  keys: readonly K[],
  rows: readonly T[],
  keyOf: (row: T) => K,
): (T | null)[] => {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => byKey.get(k) ?? null);
};

/** A loaded relation the schema declares non-null: foreign keys guarantee the row, so a miss is a server fault. */
export const required = <T>(v: T | null): T => {
  if (v === null) {
    throw new Error('A row names another that does not exist');
  }
  return v;
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

const MAKERS = Symbol('makers');
const lazyShapes = new Map<string, new (makers: object) => object>();

/**
 * An object whose properties are made on first read by the makers given, then kept: reading it sees plain
 * properties. The getters live on a prototype made once per `shape` (the makers of one shape have the same keys), so
 * an object costs one allocation however many properties it has.
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

/** Who a request is for, as the loaders that log or scope by caller need it. */
export interface LoaderCaller {
  readonly user?: User;
  readonly requestId: string;
}

/**
 * One DataLoader per relation, made fresh for every request (never shared between requests), when a field first uses
 * it: making all of them for every request cost about 20 µs whatever the query used (issue 8).
 */
export const createLoaders = (db: DataSource, services: Services, caller: LoaderCaller) => {
  const persons = services.persons.loaders(caller);
  return lazily('request loaders', {
    specialStatusesByPersonId: () => persons.specialStatusesByPersonId,
    fullIdNumber: () => persons.fullIdNumber,
    organizationById: () =>
      new DataLoader<string, Organization | null>(async (ids) =>
        inKeyOrder(ids, await findByIds(db, Organization, ids), (o) => o.id),
      ),
    agreementById: () =>
      new DataLoader<string, Agreement | null>(async (ids) =>
        inKeyOrder(ids, await findByIds(db, Agreement, ids), (a) => a.id),
      ),
    insuredPersonById: () =>
      new DataLoader<string, InsuredPerson | null>(async (ids) =>
        inKeyOrder(ids, await findByIds(db, InsuredPerson, ids), (p) => p.id),
      ),
    /** Reviews and reversals of claims, keyed `personId|claimId`, oldest first. */
    adjustmentsByClaim: () =>
      new DataLoader<string, ClaimAdjustment[]>(async (keys) => {
        const pairs = keys.map((k) => k.split('|') as [string, string]);
        const rows = await db
          .getRepository(LedgerEntry)
          .createQueryBuilder('e')
          .where(
            '(e.insured_person_id, e.claim_id) IN (SELECT * FROM unnest(:persons::uuid[], :claims::uuid[]))',
            {
              persons: pairs.map((p) => p[0]),
              claims: pairs.map((p) => p[1]),
            },
          )
          .andWhere(`e.kind <> 'CLAIM'`)
          .orderBy('e.id', 'ASC')
          .getMany();
        return groupedInKeyOrder(
          keys,
          rows.map((e) => ({
            key: `${e.insuredPersonId}|${e.claimId}`,
            adjustment: {
              id: e.id,
              nonCompliantAmount: e.eligibleDelta.negated(),
              benefitDelta: e.benefitDelta,
              reason: e.reason ?? '',
              kind: e.kind,
              createdAt: e.createdAt,
            },
          })),
          (r) => r.key,
        ).map((group) => group.map((r) => r.adjustment));
      }),
    claimById: () =>
      new DataLoader<string, Claim | null>(async (ids) =>
        inKeyOrder(ids, await db.getRepository(Claim).findBy({ id: In([...ids]) }), (c) => c.id),
      ),
    auditItemsByAuditId: () =>
      new DataLoader<string, AuditItem[]>(async (ids) =>
        groupedInKeyOrder(
          ids,
          await db.getRepository(AuditItem).find({
            where: { auditId: In([...ids]) },
            order: { population: 'ASC', position: 'ASC' },
          }),
          (i) => i.auditId,
        ),
      ),
    paymentsByPenaltyId: () =>
      new DataLoader<string, PenaltyPayment[]>(async (ids) => {
        const rows = await db.query<{ penalty_id: string; paid_on: string; amount: string }[]>(
          `SELECT penalty_id, paid_on::text AS paid_on, amount FROM penalty_payment
       WHERE penalty_id = ANY($1::uuid[]) ORDER BY paid_on, id`,
          [[...ids]],
        );
        return groupedInKeyOrder(ids, rows, (r) => r.penalty_id).map((g) =>
          g.map((r) => ({ paidOn: r.paid_on, amount: new Money(r.amount) })),
        );
      }),
    findingsByInspectionId: () =>
      new DataLoader<string, InspectionFinding[]>(async (ids) =>
        groupedInKeyOrder(
          ids,
          await db
            .getRepository(InspectionFinding)
            .find({ where: { inspectionId: In([...ids]) }, order: { id: 'ASC' } }),
          (f) => f.inspectionId,
        ),
      ),
    penaltyByInspectionId: () =>
      new DataLoader<string, Penalty | null>(async (ids) =>
        inKeyOrder(
          ids,
          await db.getRepository(Penalty).findBy({ inspectionId: In([...ids]) }),
          (p) => p.inspectionId!,
        ),
      ),
    termsVersionsByAgreementId: () =>
      new DataLoader<string, AgreementTermsVersion[]>(async (ids) =>
        groupedInKeyOrder(
          ids,
          await db.getRepository(AgreementTermsVersion).findBy({ agreementId: In([...ids]) }),
          (v) => v.agreementId,
        ),
      ),
    suspensionsByAgreementId: () =>
      new DataLoader<string, AgreementSuspension[]>(async (ids) =>
        groupedInKeyOrder(
          ids,
          await db
            .getRepository(AgreementSuspension)
            .find({ where: { agreementId: In([...ids]) }, order: { startsOn: 'ASC' } }),
          (s) => s.agreementId,
        ),
      ),
  });
};

export type Loaders = ReturnType<typeof createLoaders>;
