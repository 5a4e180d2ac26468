import { createHmac } from 'node:crypto';
import { agency, institution, startTestApp, type TestApp } from '../helpers/test-app';
import { claimInput, claimWorld, freshIdNumber, type ClaimWorld } from '../helpers/claim-fixtures';
import { statementsOf } from '../helpers/statements';
import { HandClock, ok, probeOf, type Probe } from './data-probe';

/**
 * Look-ups by ID number swept the number space (rules.md §2): an institution looked up 1 000 candidate numbers in
 * 2 s, found a person with no tie to it, and read their spending at other hospitals (`accumulator`). Replayed over
 * HTTP against a server this test starts, its clock moved by hand (the limit's window) rather than slept:
 * - at most 60 look-ups a minute per caller (aliases one each), the 61st answered 429 `RATE_LIMITED` with
 *   `Retry-After`, on the lean POST /graphql path and on express's alike, concurrent requests counted exactly;
 * - every look-up logged before it is answered, found or not — a miss by the keyed hash of the number, never the
 *   number; an INSTITUTION's `accumulator` read logged too;
 * - `insuredPersons(first: 100) { nodes { accumulator } }` reads the ledgers in one statement, not one per person.
 */
describe('security: look-ups by ID number', () => {
  let t: TestApp;
  let probe: Probe;
  let w: ClaimWorld;
  const clock = new HandClock('2024-06-15');
  /** The test's PII_HMAC_KEY (test-app.ts): the access log names a missed number by this hash. */
  const HMAC_KEY = Buffer.from('cd'.repeat(32), 'hex');
  const persons: Array<{ id: string; idNumber: string }> = [];
  let sichuan: { id: string; idNumber: string };
  let caller = 0;
  /** A hospital user of its own (each test its own caller, so each starts with a full minute). */
  const desk = () => ({ ...institution(w.hospitalId, ['41']), sub: `desk-${++caller}` });

  const LOOKUP = `query($n: String!) { insuredPersonByIdNumber(idNumber: $n) { id idNumber } }`;
  /** One request of `n` aliased look-ups of `numbers` (cycled). */
  const aliased = (numbers: readonly string[], n: number) => ({
    query: `query(${numbers.map((_, i) => `$n${i}: String!`).join(', ')}) { ${Array.from(
      { length: n },
      (_, i) => `a${i}: insuredPersonByIdNumber(idNumber: $n${i % numbers.length}) { id }`,
    ).join(' ')} }`,
    variables: Object.fromEntries(numbers.map((v, i) => [`n${i}`, v])),
  });
  /** Valid numbers nobody holds (a sweep's candidates). */
  const unregistered = (k: number): string[] =>
    Array.from({ length: k }, () => freshIdNumber('19900101', '410305'));
  const rows = <T>(sql: string, params: unknown[] = []) => t.db.dataSource.query<T[]>(sql, params);
  const logCount = async (sub: string): Promise<number> => {
    const [a] = await rows<{ n: string }>(
      `SELECT (SELECT count(*) FROM person_access_log WHERE user_sub = $1)
            + (SELECT count(*) FROM unmatched_id_lookup WHERE user_sub = $1) AS n`,
      [sub],
    );
    return Number(a!.n);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    probe = await probeOf(t);
    w = await claimWorld(t, 'LK');
    for (let i = 0; i < 30; i++) {
      const idNumber = freshIdNumber('19800101', '410302');
      const r = await t.gql<{ registerInsuredPerson: { id: string } }>(
        `mutation($i: RegisterInsuredPersonInput!) { registerInsuredPerson(input: $i) { id } }`,
        { i: { idNumber, name: `参保${i}`, regionCode: '410302' } },
        agency(),
      );
      persons.push({ id: ok(r).registerInsuredPerson.id, idNumber });
    }
    const sn = freshIdNumber('19750505', '510903');
    const r = await t.gql<{ registerInsuredPerson: { id: string } }>(
      `mutation($i: RegisterInsuredPersonInput!) { registerInsuredPerson(input: $i) { id } }`,
      { i: { idNumber: sn, name: '遂宁人', regionCode: '510903' } },
      agency(),
    );
    sichuan = { id: ok(r).registerInsuredPerson.id, idNumber: sn };
    // Claims at another hospital's agreement would do as well: what matters is a ledger to read.
    for (const [i, p] of persons.slice(0, 3).entries()) {
      ok(
        await t.gql(
          `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { id } }`,
          { i: claimInput(w, p.id, `LK-${i}`, '40000.00') },
          agency(),
        ),
      );
    }
  }, 120_000);
  afterAll(() => t.close());

  it('answers 60 look-ups a minute (30 aliases twice), the 61st 429 RATE_LIMITED with Retry-After on both paths, and again a minute later', async () => {
    const user = desk();
    const numbers = [...persons.slice(0, 5).map((p) => p.idNumber), ...unregistered(25)];
    for (let round = 0; round < 2; round++) {
      const { query, variables } = aliased(numbers, 30);
      const r = await probe.post(query, variables, user);
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
    }
    for (const path of ['/graphql', '/graphql/'] as const) {
      const r = await probe.post(LOOKUP, { n: persons[0]!.idNumber }, user, path);
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('60');
      expect(r.body.data?.insuredPersonByIdNumber ?? null).toBeNull();
      expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
      expect(JSON.stringify(r.body)).not.toContain(persons[0]!.idNumber);
    }
    // Another caller is not held back by this one.
    const other = await probe.post(LOOKUP, { n: persons[0]!.idNumber }, desk());
    expect(other.status).toBe(200);
    clock.advance(30_000);
    const half = await probe.post(LOOKUP, { n: persons[0]!.idNumber }, user);
    expect([half.status, half.headers.get('retry-after')]).toEqual([429, '30']);
    clock.advance(30_001);
    const later = await probe.post<{ insuredPersonByIdNumber: { id: string } | null }>(
      LOOKUP,
      { n: persons[0]!.idNumber },
      user,
    );
    expect(later.status).toBe(200);
    expect(ok(later).insuredPersonByIdNumber?.id).toBe(persons[0]!.id);
  });

  it('counts each alias: 45 used, a request of 30 aliases gets 15 answers and 15 RATE_LIMITED, with 429', async () => {
    const user = desk();
    const numbers = unregistered(15);
    ok(await probe.post(aliased(numbers, 15).query, aliased(numbers, 15).variables, user));
    ok(await probe.post(aliased(numbers, 30).query, aliased(numbers, 30).variables, user));
    const { query, variables } = aliased(numbers, 30);
    const r = await probe.post<Record<string, unknown>>(query, variables, user);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(r.body.errors?.filter((e) => e.extensions?.code === 'RATE_LIMITED')).toHaveLength(15);
    expect(Object.values(r.body.data ?? {}).filter((v) => v === null)).toHaveLength(30);
  });

  it('holds across 70 concurrent requests of one caller: exactly 60 answered', async () => {
    const user = desk();
    const numbers = unregistered(70);
    const answers = await Promise.all(numbers.map((n) => probe.post(LOOKUP, { n }, user)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect(await logCount(user.sub)).toBe(60);
  });

  it('logs every look-up before answering it: a match under the person (in scope or not), a miss by its keyed hash only', async () => {
    const user = desk();
    const found = persons[4]!;
    const missed = unregistered(1)[0]!;
    const answers = [
      await probe.post(LOOKUP, { n: found.idNumber }, user),
      await probe.post(LOOKUP, { n: missed }, user),
      await probe.post(LOOKUP, { n: sichuan.idNumber }, user),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(
      answers.map(
        (a) => (a.body.data?.insuredPersonByIdNumber as { id: string } | null)?.id ?? null,
      ),
    ).toEqual([found.id, null, null]);
    const matched = await rows<{
      insured_person_id: string;
      operation: string;
      role: string;
      org: string;
    }>(
      `SELECT insured_person_id::text, operation, role, org FROM person_access_log WHERE user_sub = $1 ORDER BY id`,
      [user.sub],
    );
    expect(matched).toEqual([
      {
        insured_person_id: found.id,
        operation: 'insuredPersonByIdNumber',
        role: 'INSTITUTION',
        org: w.hospitalId,
      },
      {
        insured_person_id: sichuan.id,
        operation: 'insuredPersonByIdNumber',
        role: 'INSTITUTION',
        org: w.hospitalId,
      },
    ]);
    const misses = await rows<{ hash: string; row: string }>(
      `SELECT encode(id_number_hash, 'hex') AS hash, row_to_json(u)::text AS row
       FROM unmatched_id_lookup u WHERE user_sub = $1`,
      [user.sub],
    );
    expect(misses.map((m) => m.hash)).toEqual([
      createHmac('sha256', HMAC_KEY).update(missed).digest('hex'),
    ]);
    expect(misses[0]!.row).not.toContain(missed);
    expect(misses[0]!.row).not.toContain(missed.slice(6, 14));
  });

  it('logs an INSTITUTION’s accumulator reads, once per person, and the agency reads them in accessLog', async () => {
    const user = desk();
    const target = persons[1]!;
    const r = await probe.post<{
      insuredPersonByIdNumber: { accumulator: { benefitTotal: string } } | null;
    }>(
      `query($n: String!) { insuredPersonByIdNumber(idNumber: $n) {
         y24: accumulator(year: 2024) { benefitTotal } y23: accumulator(year: 2023) { benefitTotal } } }`,
      { n: target.idNumber },
      user,
    );
    expect(r.status).toBe(200);
    expect(ok(r).insuredPersonByIdNumber).not.toBeNull();
    const ops = await rows<{ operation: string; insured_person_id: string }>(
      `SELECT operation, insured_person_id::text FROM person_access_log WHERE user_sub = $1 ORDER BY id`,
      [user.sub],
    );
    expect(ops).toEqual([
      { operation: 'insuredPersonByIdNumber', insured_person_id: target.id },
      { operation: 'insuredPersonByIdNumber.accumulator', insured_person_id: target.id },
    ]);
    const log = await probe.post<{
      accessLog: { nodes: { operation: string; userSub: string }[] };
    }>(
      `query($p: ID) { accessLog(insuredPersonId: $p, first: 20) { nodes { operation userSub } } }`,
      { p: target.id },
      agency(['41']),
    );
    expect(
      ok(log)
        .accessLog.nodes.filter((n) => n.userSub === user.sub)
        .map((n) => n.operation),
    ).toEqual(['insuredPersonByIdNumber.accumulator', 'insuredPersonByIdNumber']);
  });

  it('reads the accumulators of a page of persons in one statement (not one or five per person)', async () => {
    const user = agency(['41']);
    const plain = await statementsOf(t.db.dataSource, () =>
      probe.post(`{ insuredPersons(first: 30) { nodes { id } } }`, {}, user),
    );
    let answer: Awaited<ReturnType<Probe['post']>> | undefined;
    const withLedgers = await statementsOf(t.db.dataSource, async () => {
      answer = await probe.post(
        `{ insuredPersons(first: 30) { nodes { id accumulator(year: 2024) { benefitTotal remainingCap entryCount } } } }`,
        {},
        user,
      );
    });
    const nodes = (
      ok(answer!) as {
        insuredPersons: { nodes: { id: string; accumulator: { entryCount: number } }[] };
      }
    ).insuredPersons.nodes;
    expect(nodes).toHaveLength(30);
    expect(nodes.filter((n) => n.accumulator.entryCount > 0)).toHaveLength(3);
    expect(withLedgers.length - plain.length).toBe(1);
  });
});
