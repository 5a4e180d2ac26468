/**
 * Concurrency of the critical-illness claims engine (rules.md §3.3 "Concurrency" and "Idempotency"; decisions.md
 * "Claims"). Real concurrency needs the real PostgreSQL server: PGlite has one connection and serialises everything,
 * so without `DATABASE_URL` the whole file is skipped.
 *
 * The in-process `t.gql` runs on the same DataSource pool as the HTTP path (pg pool max 10): a hundred requests
 * at once queue on the pool and race on the rows, which is what we want.
 *
 * Amounts are random from a seed shown in the test names; set CLAIM_SEED to replay one run.
 */
import Decimal from 'decimal.js';
import type { QueryRunner } from 'typeorm';
import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import { agency, startTestApp, type GqlResult, type TestApp } from '../helpers/test-app';
import { onRealPostgres } from '../helpers/test-db';

const maybe = onRealPostgres() ? describe : describe.skip;

const YEAR = 2024;

// ---- An independent model of the general schedule (rules.md §3.2), not the engine's code. ----
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const CAP = new D(400_000);
/** B(C) of the general schedule: 11 000 deductible, 60 % to 100 000, 70 % above, capped at 400 000. */
const generalB = (c: Decimal.Value): Decimal => {
  const x = new D(c);
  const band1 = D.max(0, D.min(x, 100_000).minus(11_000)).times('0.6');
  const band2 = D.max(0, x.minus(100_000)).times('0.7');
  return D.min(band1.plus(band2), CAP);
};
const round2 = (x: Decimal): Decimal => x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const money = (x: Decimal.Value): string => new D(x).toFixed(2);

// ---- Seeded randomness (mulberry32), so a failing run can be replayed. ----
const SEED = Number(process.env.CLAIM_SEED ?? Math.floor(Math.random() * 2 ** 31));
const rng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
};
const random = rng(SEED);
/** A random amount in whole fen from `lo` to `hi` yuan, as a money string. */
const amountBetween = (lo: number, hi: number): string => {
  const fen = lo * 100 + Math.floor(random() * ((hi - lo) * 100 + 1));
  return new D(fen).dividedBy(100).toFixed(2);
};
const shuffle = <T>(xs: readonly T[]): T[] => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

/** 'done' if `p` settles within `ms`, else 'timeout' (p keeps running). */
const settlesWithin = async (p: Promise<unknown>, ms: number): Promise<'done' | 'timeout'> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p.then(
        () => 'done' as const,
        () => 'done' as const,
      ),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

// ---- GraphQL ----
const CLAIM = `id status eligibleSelfPay benefit cumulativeBefore cumulativeAfter settlementNumber`;
const SUBMIT = `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { ${CLAIM} } }`;
const SUBMIT_MANY = `mutation($is: [SubmitClaimInput!]!) {
  submitClaims(inputs: $is) { claims { ${CLAIM} } errors { index code field message } }
}`;
const REVIEW = `mutation($id: ID!, $x: Money!, $r: String!) {
  reviewClaim(claimId: $id, nonCompliantAmount: $x, reason: $r) { id status }
}`;
const ACCUMULATOR = `query($id: ID!) {
  insuredPerson(id: $id) { accumulator(year: ${YEAR}) { eligibleTotal benefitTotal entryCount } }
}`;

interface ClaimOut {
  id: string;
  status: string;
  eligibleSelfPay: string;
  benefit: string;
  cumulativeBefore: string;
  cumulativeAfter: string;
  settlementNumber: string;
}
type Submitted = GqlResult<{ submitClaim: ClaimOut }>;
interface BatchData {
  submitClaims: {
    claims: ClaimOut[];
    errors: { index: number; code: string; field: string | null; message: string }[];
  };
}
type Batch = GqlResult<BatchData>;

// ---- Stored rows ----
interface ClaimRow {
  id: string;
  status: string;
  settlement_number: string;
  eligible_self_pay: string;
  benefit: string;
  cumulative_before: string;
  cumulative_after: string;
}
interface EntryRow {
  id: string;
  claim_id: string;
  kind: string;
  eligible_delta: string;
  benefit_delta: string;
  cumulative_before: string;
  cumulative_after: string;
}
interface AccumulatorDbRow {
  eligible_total: string;
  benefit_total: string;
  entry_count: number;
}

maybe(`claims under concurrency (real PostgreSQL; seed ${SEED})`, () => {
  let t: TestApp;
  let w: ClaimWorld;
  let serial = 0;
  /** A settlement number never used before in this file. */
  const sn = (tag: string) => `CC-${tag}-${++serial}`;
  const user = agency();

  const sql = <T>(query: string, params: unknown[] = []): Promise<T[]> =>
    t.db.dataSource.query<T[]>(query, params);

  /** A DIRECT claim input with eligible self-pay `eligible` (totalCost computed exactly). */
  const input = (personId: string, number: string, eligible: string) =>
    claimInput(w, personId, number, eligible, {
      totalCost: new D(eligible).plus(1000).toFixed(2),
    });

  const submit = (i: Record<string, unknown>): Promise<Submitted> =>
    t.gql<{ submitClaim: ClaimOut }>(SUBMIT, { i }, user);

  const mustClaim = (r: Submitted): ClaimOut => {
    expect(r.errors).toBeUndefined();
    return r.data!.submitClaim;
  };

  const claimsOf = (personId: string) =>
    sql<ClaimRow>(
      `SELECT id, status, settlement_number, eligible_self_pay, benefit, cumulative_before, cumulative_after
       FROM claim WHERE insured_person_id = $1`,
      [personId],
    );
  const entriesOf = (personId: string) =>
    sql<EntryRow>(
      `SELECT id, claim_id, kind, eligible_delta, benefit_delta, cumulative_before, cumulative_after
       FROM ledger_entry WHERE insured_person_id = $1 AND year = $2 ORDER BY id`,
      [personId, YEAR],
    );
  const accumulatorOf = async (personId: string): Promise<AccumulatorDbRow> => {
    const rows = await sql<AccumulatorDbRow>(
      `SELECT eligible_total, benefit_total, entry_count FROM accumulator
       WHERE insured_person_id = $1 AND year = $2`,
      [personId, YEAR],
    );
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  /** The accumulator equals the sum of its entries, and the entries chain in the order they were appended. */
  const expectLedgerBalances = async (personId: string): Promise<EntryRow[]> => {
    const entries = await entriesOf(personId);
    const acc = await accumulatorOf(personId);
    const sumEligible = entries.reduce((s, e) => s.plus(e.eligible_delta), new D(0));
    const sumBenefit = entries.reduce((s, e) => s.plus(e.benefit_delta), new D(0));
    expect(money(acc.eligible_total)).toBe(money(sumEligible));
    expect(money(acc.benefit_total)).toBe(money(sumBenefit));
    expect(Number(acc.entry_count)).toBe(entries.length);
    // Entries of one person are appended under the accumulator lock, so id order is ledger order.
    let c = new D(0);
    for (const e of entries) {
      expect(money(e.cumulative_before)).toBe(money(c));
      expect(money(e.cumulative_after)).toBe(money(c.plus(e.eligible_delta)));
      c = new D(e.cumulative_after);
    }
    expect(money(c)).toBe(money(acc.eligible_total));
    return entries;
  };

  /**
   * A year of claims only (no adjustments, general schedule): `n` adjudicated claims whose chain, ordered by
   * cumulative before, is contiguous from 0 to the accumulator's total; each benefit is round2(B(after)) −
   * round2(B(before)); the benefits sum to round2(B(total)) ≤ cap. Answers the year's total and benefits.
   */
  const expectConsistentYear = async (
    personId: string,
    n: number,
  ): Promise<{ total: Decimal; benefits: Decimal }> => {
    const claims = await claimsOf(personId);
    expect(claims).toHaveLength(n);
    expect(claims.every((c) => c.status === 'ADJUDICATED')).toBe(true);
    const entries = await expectLedgerBalances(personId);
    expect(entries).toHaveLength(n);
    expect(entries.every((e) => e.kind === 'CLAIM')).toBe(true);
    expect(new Set(entries.map((e) => e.claim_id))).toEqual(new Set(claims.map((c) => c.id)));

    const ordered = [...claims].sort(
      (a, b) =>
        new D(a.cumulative_before).comparedTo(b.cumulative_before) ||
        new D(a.cumulative_after).comparedTo(b.cumulative_after),
    );
    let c = new D(0);
    for (const claim of ordered) {
      expect(money(claim.cumulative_before)).toBe(money(c));
      const after = c.plus(claim.eligible_self_pay);
      expect(money(claim.cumulative_after)).toBe(money(after));
      expect(money(claim.benefit)).toBe(money(round2(generalB(after)).minus(round2(generalB(c)))));
      c = after;
    }
    const total = claims.reduce((s, x) => s.plus(x.eligible_self_pay), new D(0));
    expect(money(c)).toBe(money(total));
    const acc = await accumulatorOf(personId);
    expect(money(acc.eligible_total)).toBe(money(total));
    const benefits = claims.reduce((s, x) => s.plus(x.benefit), new D(0));
    expect(money(benefits)).toBe(money(round2(generalB(total))));
    expect(benefits.lessThanOrEqualTo(CAP)).toBe(true);
    expect(money(acc.benefit_total)).toBe(money(benefits));

    // The API reads the same balance.
    const api = await t.gql<{
      insuredPerson: {
        accumulator: { eligibleTotal: string; benefitTotal: string; entryCount: number };
      };
    }>(ACCUMULATOR, { id: personId }, user);
    expect(api.errors).toBeUndefined();
    expect(api.data!.insuredPerson.accumulator).toEqual({
      eligibleTotal: money(total),
      benefitTotal: money(benefits),
      entryCount: n,
    });
    return { total, benefits };
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await claimWorld(t, 'CC');
  });
  afterAll(async () => {
    await t?.close();
  });

  test('100 concurrent submitClaim over 5 persons (in-process and HTTP) chain exactly and respect the cap', async () => {
    const base = await t.listen();
    const token = await t.token(user);
    const overHttp = async (i: Record<string, unknown>): Promise<Submitted> => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: SUBMIT, variables: { i } }),
      });
      return (await res.json()) as Submitted;
    };

    const persons = await Promise.all([1, 2, 3, 4, 5].map(() => w.person()));
    const inputs = persons.flatMap((p, k) =>
      Array.from({ length: 20 }, () =>
        // The first person's amounts are large enough to pass the cap for certain (20 × 40 000 > 595 143).
        input(p, sn('P'), k === 0 ? amountBetween(40_000, 60_000) : amountBetween(0, 60_000)),
      ),
    );
    const results = await Promise.all(
      shuffle(inputs).map((i, n) => (n % 2 === 0 ? submit(i) : overHttp(i))),
    );
    for (const r of results) {
      expect(r.errors).toBeUndefined();
      expect(r.data?.submitClaim.status).toBe('ADJUDICATED');
    }
    expect(new Set(results.map((r) => r.data!.submitClaim.id)).size).toBe(100);

    for (const [k, p] of persons.entries()) {
      const { benefits } = await expectConsistentYear(p, 20);
      if (k === 0) {
        expect(money(benefits)).toBe(money(CAP));
      }
    }
  });

  test('10 identical concurrent submissions store one claim and answer it ten times', async () => {
    const p = await w.person();
    const i = input(p, sn('SAME'), '50000.00');
    const results = await Promise.all(Array.from({ length: 10 }, () => submit(i)));
    const claims = results.map(mustClaim);
    const id = claims[0]!.id;
    expect(claims.every((c) => c.id === id)).toBe(true);
    expect(claims.every((c) => c.benefit === '23400.00')).toBe(true);

    const stored = await sql<{ id: string }>(
      `SELECT id FROM claim WHERE institution_id = $1 AND settlement_number = $2`,
      [w.hospitalId, i.settlementNumber],
    );
    expect(stored).toEqual([{ id }]);
    const keys = await sql<{ claim_id: string }>(
      `SELECT claim_id FROM claim_idempotency WHERE institution_id = $1 AND settlement_number = $2`,
      [w.hospitalId, i.settlementNumber],
    );
    expect(keys).toEqual([{ claim_id: id }]);
    const entries = await expectLedgerBalances(p);
    expect(entries.map((e) => e.claim_id)).toEqual([id]);
    const acc = await accumulatorOf(p);
    expect(money(acc.eligible_total)).toBe('50000.00');
    expect(money(acc.benefit_total)).toBe('23400.00');
    await expectConsistentYear(p, 1);
  });

  test('10 concurrent submissions of one settlement number with different amounts: one claim, nine CONFLICT', async () => {
    const p = await w.person();
    const number = sn('DIFF');
    const amounts = Array.from({ length: 10 }, (_, k) => money(20_000 + k * 1_000));
    const results = await Promise.all(amounts.map((a) => submit(input(p, number, a))));
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const r of refused) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.settlementNumber',
      });
    }
    const winner = ok[0]!.data!.submitClaim;
    const stored = await sql<{ id: string; eligible_self_pay: string }>(
      `SELECT id, eligible_self_pay FROM claim WHERE institution_id = $1 AND settlement_number = $2`,
      [w.hospitalId, number],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toBe(winner.id);
    expect(money(stored[0]!.eligible_self_pay)).toBe(winner.eligibleSelfPay);
    await expectConsistentYear(p, 1);
  });

  test('one settlement number for 10 different persons at once: one claim, nine CONFLICT, no other ledger touched', async () => {
    const persons = await Promise.all(Array.from({ length: 10 }, () => w.person()));
    const number = sn('XP');
    const results = await Promise.all(persons.map((p) => submit(input(p, number, '30000.00'))));
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) {
      expect(r.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.settlementNumber',
      });
    }
    const stored = await sql<{ id: string; insured_person_id: string }>(
      `SELECT id, insured_person_id FROM claim WHERE institution_id = $1 AND settlement_number = $2`,
      [w.hospitalId, number],
    );
    expect(stored).toEqual([
      { id: ok[0]!.data!.submitClaim.id, insured_person_id: stored[0]!.insured_person_id },
    ]);
    for (const p of persons) {
      const entries = await expectLedgerBalances(p);
      expect(entries).toHaveLength(p === stored[0]!.insured_person_id ? 1 : 0);
    }
  });

  test('4 concurrent submitClaims batches of 50 over overlapping persons in different orders: no deadlock, exact totals', async () => {
    const persons = await Promise.all(Array.from({ length: 6 }, () => w.person()));
    const batches = Array.from({ length: 4 }, (_, b) =>
      shuffle(
        Array.from({ length: 50 }, (_, k) =>
          input(persons[(k + b) % persons.length]!, sn(`B${b}`), amountBetween(0, 30_000)),
        ),
      ),
    );
    const results = await Promise.all(
      batches.map((is) => t.gql<BatchData>(SUBMIT_MANY, { is }, user)),
    );
    for (const [b, r] of results.entries()) {
      expect(r.errors).toBeUndefined();
      expect(r.data!.submitClaims.errors).toEqual([]);
      expect(r.data!.submitClaims.claims.map((c) => c.settlementNumber)).toEqual(
        batches[b]!.map((i) => i.settlementNumber),
      );
    }
    const perPerson = new Map<string, number>();
    for (const i of batches.flat()) {
      perPerson.set(i.insuredPersonId, (perPerson.get(i.insuredPersonId) ?? 0) + 1);
    }
    for (const p of persons) {
      await expectConsistentYear(p, perPerson.get(p)!);
    }
  });

  test('two concurrent batches reusing each other’s settlement numbers in opposite orders both complete', async () => {
    // Disjoint persons, so the accumulators do not serialise them: the batches meet only on the idempotency keys,
    // in opposite orders (the deadlock decisions.md says is retried).
    const left = await Promise.all(Array.from({ length: 10 }, () => w.person()));
    const right = await Promise.all(Array.from({ length: 10 }, () => w.person()));
    const numbers = Array.from({ length: 10 }, () => sn('X'));
    const a = numbers.map((n, k) => input(left[k]!, n, '12000.00'));
    const b = [...numbers].reverse().map((n, k) => input(right[k]!, n, '13000.00'));
    const [ra, rb]: Batch[] = await Promise.all([
      t.gql<BatchData>(SUBMIT_MANY, { is: a }, user),
      t.gql<BatchData>(SUBMIT_MANY, { is: b }, user),
    ]);
    for (const r of [ra!, rb!]) {
      expect(r.errors).toBeUndefined();
      for (const e of r.data!.submitClaims.errors) {
        expect(e.code).toBe('CONFLICT');
        expect(e.field).toBe(`inputs[${e.index}].settlementNumber`);
      }
    }
    // Each number was taken exactly once, by one side or the other.
    expect(ra!.data!.submitClaims.claims.length + rb!.data!.submitClaims.claims.length).toBe(10);
    const stored = await sql<{ settlement_number: string }>(
      `SELECT settlement_number FROM claim WHERE institution_id = $1 AND settlement_number = ANY($2)`,
      [w.hospitalId, numbers],
    );
    expect(stored.map((s) => s.settlement_number).sort()).toEqual([...numbers].sort());
    for (const p of [...left, ...right]) {
      await expectLedgerBalances(p);
    }
  });

  test('claims of different persons never wait on each other', async () => {
    const a = await w.person();
    const b = await w.person();
    // A's accumulator exists (committed), so the lock below is the SELECT … FOR UPDATE a claim for A meets.
    mustClaim(await submit(input(a, sn('LA'), '20000.00')));

    let qr: QueryRunner | undefined = t.db.dataSource.createQueryRunner();
    let pendingA: Promise<Submitted> | undefined;
    try {
      await qr.connect();
      await qr.startTransaction();
      await qr.query(
        `INSERT INTO accumulator (insured_person_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [a, YEAR],
      );
      await qr.query(
        `SELECT * FROM accumulator WHERE insured_person_id = $1 AND year = $2 FOR UPDATE`,
        [a, YEAR],
      );

      pendingA = submit(input(a, sn('LA'), '30000.00'));
      expect(await settlesWithin(pendingA, 1_000)).toBe('timeout');

      // B, a person without an accumulator yet, and B again with one: neither waits for A.
      const firstB = submit(input(b, sn('LB'), '40000.00'));
      expect(await settlesWithin(firstB, 5_000)).toBe('done');
      mustClaim(await firstB);
      const secondB = submit(input(b, sn('LB'), '10000.00'));
      expect(await settlesWithin(secondB, 5_000)).toBe('done');
      mustClaim(await secondB);

      expect(await settlesWithin(pendingA, 200)).toBe('timeout');
      await qr.rollbackTransaction();
      await qr.release();
      qr = undefined;

      expect(await settlesWithin(pendingA, 5_000)).toBe('done');
      const claimA = mustClaim(await pendingA);
      expect(claimA.cumulativeBefore).toBe('20000.00');
      expect(claimA.cumulativeAfter).toBe('50000.00');
    } finally {
      if (qr) {
        if (qr.isTransactionActive) {
          await qr.rollbackTransaction();
        }
        await qr.release();
      }
      await pendingA?.catch(() => undefined);
    }
    await expectConsistentYear(a, 2);
    await expectConsistentYear(b, 2);
  });

  test('concurrent reviews of one claim never take back more than its eligible self-pay', async () => {
    const p = await w.person();
    const big = mustClaim(await submit(input(p, sn('R'), '50000.00')));
    const small = mustClaim(await submit(input(p, sn('R'), '30000.00')));
    expect(big.eligibleSelfPay).toBe('50000.00');
    const review = (id: string, x: string) =>
      t.gql<{ reviewClaim: { id: string } }>(REVIEW, { id, x, r: '审核发现不合规费用' }, user);

    // 5 × 15 000 on 50 000 and 4 × 12 000 on 30 000, all at once on the same accumulator.
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () =>
        review(big.id, '15000.00').then((r) => ['big', r] as const),
      ),
      ...Array.from({ length: 4 }, () =>
        review(small.id, '12000.00').then((r) => ['small', r] as const),
      ),
    ]);
    for (const [, r] of results) {
      if (r.errors) {
        expect(r.errors[0]!.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'nonCompliantAmount',
        });
      } else {
        expect(r.data!.reviewClaim.id).toBeDefined();
      }
    }
    const accepted = (which: string) => results.filter(([k, r]) => k === which && !r.errors).length;
    // As in any serial order: 3 reviews fit into 50 000, 2 into 30 000.
    expect(accepted('big')).toBe(3);
    expect(accepted('small')).toBe(2);

    const entries = await expectLedgerBalances(p);
    const taken = (id: string) =>
      entries
        .filter((e) => e.claim_id === id && e.kind === 'REVIEW')
        .reduce((s, e) => s.minus(e.eligible_delta), new D(0));
    expect(money(taken(big.id))).toBe('45000.00');
    expect(money(taken(small.id))).toBe('24000.00');
    expect(taken(big.id).lessThanOrEqualTo(big.eligibleSelfPay)).toBe(true);
    expect(taken(small.id).lessThanOrEqualTo(small.eligibleSelfPay)).toBe(true);
    expect(entries).toHaveLength(2 + 5);
    // Deltas are taken at the top of the ledger: the year's benefits are B of what is left (one schedule).
    const acc = await accumulatorOf(p);
    expect(money(acc.eligible_total)).toBe('11000.00');
    expect(money(acc.benefit_total)).toBe(money(round2(generalB(acc.eligible_total))));
  });

  test('the database refuses UPDATE, DELETE and TRUNCATE on ledger_entry', async () => {
    const p = await w.person();
    const claim = mustClaim(await submit(input(p, sn('L'), '15000.00')));
    const before = await entriesOf(p);
    expect(before).toHaveLength(1);
    await expect(
      sql(`UPDATE ledger_entry SET benefit_delta = benefit_delta + 1 WHERE claim_id = $1`, [
        claim.id,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql(`UPDATE ledger_entry SET reason = 'x' WHERE insured_person_id = $1`, [p]),
    ).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM ledger_entry WHERE claim_id = $1`, [claim.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(sql(`TRUNCATE ledger_entry CASCADE`)).rejects.toThrow(/append-only/);
    expect(await entriesOf(p)).toEqual(before);
    await expectLedgerBalances(p);
  });
});
