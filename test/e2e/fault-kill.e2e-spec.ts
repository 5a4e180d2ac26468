import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { checkCharacter } from '../../src/domain/insured-person/rules/resident-id.rule';
import { Role } from '../../src/shared/caller';
import { signToken } from '../../src/graphql/auth/token';
import { onRealPostgres } from '../helpers/test-db';

const maybe = onRealPostgres() ? describe : describe.skip;
const ROOT = path.resolve(__dirname, '../..');

/**
 * Faults (docs/security.md, "Faults"): the real server process is killed with SIGKILL while a 1 000-claim submitClaims
 * is being committed in chunks on PostgreSQL, then restarted. Every stored claim has exactly one ledger entry, every
 * accumulator equals the sum of its entries, and submitting the batch again completes it without duplicates.
 */
maybe('SIGKILL during a 1 000-claim batch', () => {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `jingban_t_kill_${randomBytes(4).toString('hex')}`;
  const dbUrl = new URL(base.toString());
  dbUrl.pathname = `/${name}`;
  const secret = 'kill-test-secret-kill-test-secret-0123';
  let port = 0;
  let server: ChildProcess | null = null;
  let pg: Client;

  const env = () => ({
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    JWT_SECRET: secret,
    PII_ENC_KEY: 'ab'.repeat(32),
    PII_HMAC_KEY: 'cd'.repeat(32),
    PORT: String(port),
    SEED_DEMO: '0',
    LOG_LEVEL: 'silent',
  });

  const start = async () => {
    server = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: env(),
      stdio: 'ignore',
    });
    for (let i = 0; i < 200; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) {
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the server did not become ready');
  };

  const kill = async (signal: NodeJS.Signals) => {
    const s = server;
    server = null;
    if (s && s.exitCode === null) {
      const exited = new Promise((r) => s.once('exit', r));
      s.kill(signal);
      await exited;
    }
  };

  let token = '';
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length) {
      throw new Error(JSON.stringify(body.errors));
    }
    return body.data!;
  };

  const count = async (sql: string) => Number((await pg.query<{ n: string }>(sql)).rows[0]!.n);

  beforeAll(async () => {
    execFileSync(
      process.execPath,
      ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
      {
        cwd: ROOT,
        stdio: 'ignore',
      },
    );
    const admin = new Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const free = net.createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    port = (free.address() as net.AddressInfo).port;
    await new Promise<void>((r) => free.close(() => r()));
    token = await signToken(
      { sub: 'kill-test', role: Role.AGENCY, regions: ['41'] },
      new TextEncoder().encode(secret),
    );
    pg = new Client({ connectionString: dbUrl.toString() });
    await start();
    await pg.connect();
  }, 120_000);

  afterAll(async () => {
    await kill('SIGTERM');
    await pg?.end();
    const admin = new Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('keeps every claim with exactly one entry and every accumulator equal to its entries, and completes on resubmission', async () => {
    const org = async (code: string, kind: string, regionCode: string) =>
      (
        await gql<{ createOrganization: { id: string } }>(
          `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
          { i: { code, name: code, kind, regionCode } },
        )
      ).createOrganization.id;
    const agencyId = await org('K-AG', 'AGENCY', '410000');
    const insurerId = await org('K-INS', 'INSURER', '410000');
    const hospitalId = await org('K-H', 'MEDICAL_INSTITUTION', '410300');
    const agreement = async (code: string, kind: string, partyBId: string) =>
      (
        await gql<{ createAgreement: { id: string } }>(
          `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`,
          {
            i: {
              code,
              kind,
              title: code,
              partyAId: agencyId,
              partyBId,
              regionCode: '410000',
              effectiveFrom: '2024-01-01',
              effectiveTo: '2024-12-31',
            },
          },
        )
      ).createAgreement.id;
    const agreementId = await agreement('K-CI', 'CRITICAL_ILLNESS', insurerId);
    await agreement('K-DD', 'DESIGNATED_INSTITUTION', hospitalId);
    const persons: string[] = [];
    for (let i = 0; i < 40; i++) {
      const body = `410302198001${String(1 + (i % 28)).padStart(2, '0')}${String(100 + i).padStart(3, '0')}`;
      persons.push(
        (
          await gql<{ registerInsuredPerson: { id: string } }>(
            `mutation($i: RegisterInsuredPersonInput!) { registerInsuredPerson(input: $i) { id } }`,
            { i: { idNumber: body + checkCharacter(body), name: `K${i}`, regionCode: '410302' } },
          )
        ).registerInsuredPerson.id,
      );
    }
    const batch = (tag: string) =>
      Array.from({ length: 1000 }, (_, i) => ({
        agreementId,
        institutionId: hospitalId,
        insuredPersonId: persons[i % persons.length],
        settlementNumber: `${tag}-${i}`,
        channel: 'DIRECT',
        admissionDate: '2024-04-01',
        dischargeDate: '2024-04-10',
        declaredOn: '2024-04-12',
        totalCost: `${2000 + (i % 97) * 311}.00`,
        basicFundPaid: '1000.00',
      }));
    const SUBMIT = `mutation($is: [SubmitClaimInput!]!) { submitClaims(inputs: $is) { claims { id } errors { index code } } }`;

    // Kill the process once some chunks are committed and before all are; retry with a new batch if it was too fast.
    let tag = '';
    let atKill = 0;
    for (let attempt = 0; attempt < 4 && !(atKill > 0 && atKill < 1000); attempt++) {
      tag = `K${attempt}`;
      const before = await count(
        `SELECT count(*) AS n FROM claim WHERE settlement_number LIKE '${tag}-%'`,
      );
      expect(before).toBe(0);
      void gql(SUBMIT, { is: batch(tag) }).catch(() => undefined);
      for (let i = 0; i < 2000; i++) {
        atKill = await count(
          `SELECT count(*) AS n FROM claim WHERE settlement_number LIKE '${tag}-%'`,
        );
        if (atKill > 0) {
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      await kill('SIGKILL');
      atKill = await count(
        `SELECT count(*) AS n FROM claim WHERE settlement_number LIKE '${tag}-%'`,
      );
      await start();
    }
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(1000);

    // Every stored claim (none REJECTED here) has exactly one CLAIM entry, and no entry lacks its claim.
    expect(
      await count(`SELECT count(*) AS n FROM claim c WHERE (SELECT count(*) FROM ledger_entry e
        WHERE e.insured_person_id = c.insured_person_id AND e.claim_id = c.id AND e.kind = 'CLAIM') <> 1`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM ledger_entry e WHERE NOT EXISTS (SELECT 1 FROM claim c
        WHERE c.insured_person_id = e.insured_person_id AND c.id = e.claim_id)`),
    ).toBe(0);
    const accumulatorsOff = `SELECT count(*) AS n FROM accumulator a
      LEFT JOIN (SELECT insured_person_id, year, sum(eligible_delta) AS e, sum(benefit_delta) AS b, count(*) AS k
                 FROM ledger_entry GROUP BY 1, 2) s ON s.insured_person_id = a.insured_person_id AND s.year = a.year
      WHERE a.eligible_total <> coalesce(s.e, 0) OR a.benefit_total <> coalesce(s.b, 0) OR a.entry_count <> coalesce(s.k, 0)`;
    expect(await count(accumulatorsOff)).toBe(0);

    // The batch again: completes, with no duplicates.
    const again = await gql<{ submitClaims: { claims: unknown[]; errors: unknown[] } }>(SUBMIT, {
      is: batch(tag),
    });
    expect(again.submitClaims.errors).toEqual([]);
    expect(again.submitClaims.claims).toHaveLength(1000);
    expect(
      await count(`SELECT count(*) AS n FROM claim WHERE settlement_number LIKE '${tag}-%'`),
    ).toBe(1000);
    expect(
      await count(
        `SELECT count(*) AS n FROM claim_idempotency WHERE settlement_number LIKE '${tag}-%'`,
      ),
    ).toBe(1000);
    expect(await count(accumulatorsOff)).toBe(0);
  }, 240_000);

  it('drains and exits 0 on SIGTERM', async () => {
    const s = server!;
    const code = new Promise<number | null>((r) => s.once('exit', (c) => r(c)));
    server = null;
    s.kill('SIGTERM');
    expect(await code).toBe(0);
    await start();
  }, 60_000);
});
