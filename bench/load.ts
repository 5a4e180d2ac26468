import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { seedDemo } from '../src/demo/seed-demo';
import { Role } from '../src/shared/caller';
import { signToken } from '../src/graphql/auth/token';
import { SystemClock } from '../src/shared/clock';
import { createLogger } from '../src/shared/logger';

/**
 * `npm run load [-- --duration 60 --connections 10]` (docs/security.md, "Load"): a mixed workload on loopback — reads
 * of an agreement and its terms, pages of claims with their relations, claim statistics, quotes and claim submissions
 * (new settlement numbers, so each is adjudicated) — with autocannon against a server on fresh demo data: a temporary
 * embedded database, or a fresh database on the PostgreSQL of `DATABASE_URL`. Prints throughput, latency percentiles
 * and errors (non-2xx answers and GraphQL errors) as one JSON line.
 */
const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      connections: { type: 'string', default: '10' },
    },
  });
  const base = process.env.DATABASE_URL;
  const dir = mkdtempSync(path.join(tmpdir(), 'jingban-load-'));
  let dbName: string | null = null;
  const env: Record<string, string> = {
    JWT_SECRET: 'load-test-secret-load-test-secret-012345',
    PII_ENC_KEY: 'ab'.repeat(32),
    PII_HMAC_KEY: 'cd'.repeat(32),
    LOG_LEVEL: 'warn',
    DATA_DIR: dir,
  };
  if (base) {
    dbName = `jingban_load_${Date.now()}`;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  }
  const config = loadConfig(env, dir);
  const clock = new SystemClock();
  const logger = createLogger('warn');
  const db = await openDatabase(config);
  const app = await createApp({ config, db, clock, logger });
  process.stderr.write('loading demo data…\n');
  await seedDemo(db.dataSource, app.services, clock.today());
  await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', r));
  const port = (app.httpServer.address() as AddressInfo).port;
  const token = await signToken(
    { sub: 'load', role: Role.AGENCY, regions: ['41', '51'] },
    config.jwtSecret,
  );

  const [ci] = await db.dataSource.query<{ id: string }[]>(
    `SELECT id FROM agreement WHERE code = $1`,
    [`HN-DBBX-${clock.today().slice(0, 4)}`],
  );
  const [hospital] = await db.dataSource.query<{ id: string }[]>(
    `SELECT id FROM organization WHERE code = 'DEMO-LY-H1'`,
  );
  const persons = await db.dataSource.query<{ id: string }[]>(
    `SELECT id FROM insured_person WHERE region_code LIKE '4103%' ORDER BY id LIMIT 200`,
  );
  const year = clock.today().slice(0, 4);
  let serial = 0;
  const body = (query: string, variables: Record<string, unknown> = {}) =>
    JSON.stringify({ query, variables });
  const requests = [
    body(
      `query($id: ID!) { agreement(id: $id) { code title status partyA { name } partyB { name }
      terms { ... on CriticalIllnessTerms { general { deductible annualCap bands { upTo rate } } } } } }`,
      {
        id: ci!.id,
      },
    ),
    body(
      `{ claims(first: 50) { totalCount nodes { id benefit status insuredPerson { name } institution { name } agreement { code } } } }`,
    ),
    body(`{ claimStats(groupBy: [REGION, MONTH]) { keys claimCount benefit } }`),
    body(
      `query($a: ID!) { benefitQuote(input: { agreementId: $a, eligibleSelfPay: "150000.00" }) { benefit } }`,
      {
        a: ci!.id,
      },
    ),
  ];
  let graphqlErrors = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/graphql`,
    connections: Number(values.connections),
    duration: Number(values.duration),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    method: 'POST',
    requests: [
      {
        setupRequest: (req) => {
          serial += 1;
          // One request in five submits a new claim; the rest read.
          if (serial % 5 === 0 && persons.length) {
            const person = persons[serial % persons.length]!;
            return {
              ...req,
              body: body(
                `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { id benefit } }`,
                {
                  i: {
                    agreementId: ci!.id,
                    institutionId: hospital!.id,
                    insuredPersonId: person.id,
                    settlementNumber: `LOAD-${process.pid}-${serial}`,
                    channel: 'DIRECT',
                    admissionDate: `${year}-01-03`,
                    dischargeDate: `${year}-01-10`,
                    declaredOn: `${year}-01-12`,
                    totalCost: `${1000 + (serial % 5000)}.00`,
                    basicFundPaid: '500.00',
                  },
                },
              ),
            };
          }
          return { ...req, body: requests[serial % requests.length] };
        },
        onResponse: (_status, resBody) => {
          if (resBody.includes('"errors"')) {
            graphqlErrors += 1;
          }
        },
      },
    ],
  });
  const summary = {
    durationSeconds: result.duration,
    connections: result.connections,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    transportErrors: result.errors,
    timeouts: result.timeouts,
    graphqlErrors,
    database: base ? 'postgres' : 'embedded',
  };
  await app.stop();
  await db.close();
  if (dbName && base) {
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`LOAD ${JSON.stringify(summary)}\n`);
  const failed =
    summary.non2xx + summary.transportErrors + summary.timeouts + summary.graphqlErrors;
  process.exit(failed > 0 ? 1 : 0);
};

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
