import { randomUUID } from 'node:crypto';
import type Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { insertMany } from '../../db/fast/insert-many';
import { Money } from '../../shared/money';
import { Claim } from './claim.entity';
import { LedgerEntry } from './ledger.entity';

/*
 * The ledger store (rules.md §3.3): the persons' annual accumulators, locked while a transaction works on them, the
 * claims' idempotency keys (rules.md §3.3, "Idempotency"), and the append-only claim and ledger rows. Each function
 * works inside its caller's transaction (`em`) and sends one statement per call, whatever the number of rows.
 */

/** A locked accumulator's balance while a transaction works on it. */
export interface Balance {
  readonly personId: string;
  readonly year: number;
  eligibleTotal: Decimal;
  benefitTotal: Decimal;
  entryCount: number;
  changed: boolean;
}

/** A claim's idempotency key (the institution's settlement number) and what it stands for. */
export interface IdempotencyKey {
  readonly institutionId: string;
  readonly settlementNumber: string;
  readonly personId: string;
  /** The payload the key stands for: equal payloads hash equal. */
  readonly payloadHash: Buffer;
}

/** A chunk input's idempotency key: new (its claim gets `newClaimId`), or held by `claimId` with `payloadHash`. */
export type ClaimKey =
  | { readonly claimId: undefined; readonly newClaimId: string }
  | { readonly claimId: string; readonly payloadHash: Buffer };

/**
 * Creates the missing accumulators and locks all of `keys` in (person, year) order, so that two transactions locking
 * overlapping sets never deadlock; answers their balances by `person|year`.
 */
export async function lockAccumulators(
  em: EntityManager,
  keys: readonly { personId: string; year: number }[],
): Promise<Map<string, Balance>> {
  const unique = [...new Map(keys.map((k) => [`${k.personId}|${k.year}`, k])).values()].sort(
    (a, b) => a.personId.localeCompare(b.personId) || a.year - b.year,
  );
  const persons = unique.map((k) => k.personId);
  const years = unique.map((k) => k.year);
  await em.query(
    `INSERT INTO accumulator (insured_person_id, year)
     SELECT p, y FROM unnest($1::uuid[], $2::int[]) AS k (p, y) ORDER BY p, y
     ON CONFLICT DO NOTHING`,
    [persons, years],
  );
  const rows = await em.query<
    {
      insured_person_id: string;
      year: number;
      eligible_total: string;
      benefit_total: string;
      entry_count: number;
    }[]
  >(
    `SELECT a.insured_person_id, a.year, a.eligible_total, a.benefit_total, a.entry_count
     FROM accumulator a JOIN unnest($1::uuid[], $2::int[]) AS k (p, y)
       ON a.insured_person_id = k.p AND a.year = k.y
     ORDER BY a.insured_person_id, a.year
     FOR UPDATE OF a`,
    [persons, years],
  );
  return new Map(
    rows.map((r) => [
      `${r.insured_person_id}|${r.year}`,
      {
        personId: r.insured_person_id,
        year: Number(r.year),
        eligibleTotal: new Money(r.eligible_total),
        benefitTotal: new Money(r.benefit_total),
        entryCount: Number(r.entry_count),
        changed: false,
      },
    ]),
  );
}

/**
 * Claims the idempotency keys of a chunk in one statement (rules.md §3.3, "Idempotency"; one round trip per chunk,
 * docs/performance.md): each key's first input in the chunk is inserted (`ON CONFLICT DO NOTHING`); a later input with
 * the same key meets the first one's claim, and a key committed before is read back in one more statement.
 */
export async function claimIdempotencyKeys(
  em: EntityManager,
  chunk: readonly IdempotencyKey[],
): Promise<ClaimKey[]> {
  const keyOf = (p: IdempotencyKey) => `${p.institutionId}|${p.settlementNumber}`;
  const first = new Map<string, number>();
  chunk.forEach((p, k) => {
    if (!first.has(keyOf(p))) {
      first.set(keyOf(p), k);
    }
  });
  const firsts = [...first.values()].map((k) => ({ k, p: chunk[k]!, claimId: randomUUID() }));
  const inserted = new Set(
    (
      await em.query<{ institution_id: string; settlement_number: string }[]>(
        `INSERT INTO claim_idempotency (institution_id, settlement_number, insured_person_id, claim_id, payload_hash)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::bytea[])
         ON CONFLICT DO NOTHING RETURNING institution_id, settlement_number`,
        [
          firsts.map((f) => f.p.institutionId),
          firsts.map((f) => f.p.settlementNumber),
          firsts.map((f) => f.p.personId),
          firsts.map((f) => f.claimId),
          firsts.map((f) => f.p.payloadHash),
        ],
      )
    ).map((r) => `${r.institution_id}|${r.settlement_number}`),
  );
  const held = firsts.filter((f) => !inserted.has(keyOf(f.p)));
  const committed = new Map(
    (held.length
      ? await em.query<
          {
            institution_id: string;
            settlement_number: string;
            claim_id: string;
            payload_hash: Buffer;
          }[]
        >(
          `SELECT k.institution_id, k.settlement_number, k.claim_id, k.payload_hash
           FROM claim_idempotency k JOIN unnest($1::uuid[], $2::text[]) AS u (i, s)
             ON k.institution_id = u.i AND k.settlement_number = u.s`,
          [held.map((f) => f.p.institutionId), held.map((f) => f.p.settlementNumber)],
        )
      : []
    ).map((r) => [`${r.institution_id}|${r.settlement_number}`, r]),
  );
  const newIds = new Map(firsts.map((f) => [f.k, f.claimId]));
  return chunk.map((p, k): ClaimKey => {
    const key = keyOf(p);
    const earlier = committed.get(key);
    if (earlier) {
      return { claimId: earlier.claim_id, payloadHash: earlier.payload_hash };
    }
    const f = first.get(key)!;
    return f === k
      ? { claimId: undefined, newClaimId: newIds.get(k)! }
      : { claimId: newIds.get(f)!, payloadHash: chunk[f]!.payloadHash };
  });
}

/**
 * Appends a chunk's claims and their ledger entries and writes the balances they changed: three statements, whatever
 * the number of rows (the ledger is append-only; a balance is the sum of its entries, rules.md §3.3).
 */
export async function appendToLedger(
  em: EntityManager,
  claims: readonly Claim[],
  entries: readonly Partial<LedgerEntry>[],
  balances: Iterable<Balance>,
): Promise<void> {
  await insertMany(em, Claim, claims);
  await insertMany(em, LedgerEntry, entries);
  await writeBalances(
    em,
    [...balances].filter((b) => b.changed),
  );
}

/** Writes the changed balances of a chunk in one statement. */
async function writeBalances(em: EntityManager, changed: readonly Balance[]): Promise<void> {
  if (changed.length === 0) {
    return;
  }
  await em.query(
    `UPDATE accumulator a
     SET eligible_total = u.e, benefit_total = u.b, entry_count = u.n, updated_at = now()
     FROM unnest($1::uuid[], $2::int[], $3::numeric[], $4::numeric[], $5::int[]) AS u (p, y, e, b, n)
     WHERE a.insured_person_id = u.p AND a.year = u.y`,
    [
      changed.map((b) => b.personId),
      changed.map((b) => b.year),
      changed.map((b) => b.eligibleTotal.toFixed(2)),
      changed.map((b) => b.benefitTotal.toFixed(2)),
      changed.map((b) => b.entryCount),
    ],
  );
}
