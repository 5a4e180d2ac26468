import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import type { AuditActor } from '../src/domain/audit-trail/audit-trail.service';
import { Role } from '../src/shared/caller';
import { signToken } from '../src/graphql/auth/token';
import { createServices } from '../src/services';
import { SystemClock } from '../src/shared/clock';
import { createLogger } from '../src/shared/logger';
import { PiiCipher } from '../src/shared/pii-cipher';
import { measureAdjudication } from './adjudication';
import { LIST_SQL, STATS_SQL } from './baseline-sql';
import {
  createDatabase,
  databaseUrl,
  dropDatabase,
  seedReference,
  serverVersion,
} from './bench-db';
import { bareCopy, bulkLoad, checkpoint, dumpLoadedRows } from './bulk-load';
import { startChild, type ServerChild } from './children';
import { checkLedger, lookUpLoadedPersons, resubmitLoadedClaims } from './consistency';
import { selfTest } from './fen-benefit';
import { graphql, interleavedLatency, interleavedThroughput, cannon, request } from './http-bench';
import { runImporter, writeImportFile, type ImportRun } from './importer';
import { machineInfo, msSince, now, procMemoryMb, round, rssSampler, say } from './measure';
import { measurePeer, PEER_TARGETS, preparePeer } from './peer';
import { LOAD_TABLES, Province } from './province';

/**
 * The targets (docs/performance.md, "What each ratio compares"): `min` ratios must reach the value, `max` ratios stay
 * at or below it.
 */
const TARGETS = {
  loadRatio: { min: 0.8 },
  adjudicationRatio: { min: 0.7 },
  listLatencyRatio: { max: 1.5 },
  statsLatencyRatio: { max: 1.2 },
  httpRatio: { min: 0.8 },
  serverPeakRssMb: { max: 1024 },
} as const;

const MODES = {
  quick: {
    persons: 20_000,
    claims: 100_000,
    // The service imports a few hundred lines a second here: 2 000 and 10 000 keep --quick under 3 minutes.
    importSizes: [2_000, 10_000],
    listRounds: 100,
    // Rounds not counted: a server's steady state is what its users meet, and 10 rounds left the larger stack
    // still being compiled by V8 while it was timed (docs/performance.md, "Warm-up").
    listWarmup: 150,
    statsRounds: 10,
    cannonSeconds: 3,
  },
  full: {
    persons: 200_000,
    claims: 1_000_000,
    importSizes: [100_000, 1_000_000],
    listRounds: 100,
    listWarmup: 150,
    statsRounds: 10,
    cannonSeconds: 5,
  },
} as const;

const listQuery = (first: number) =>
  `{ claims(first: ${first}) { nodes { id dischargeDate benefit status insuredPerson { name } institution { name } agreement { code } } } }`;
const STATS_QUERY = `{ claimStats(groupBy: [REGION, MONTH]) { keys claimCount totalCost eligibleSelfPay benefit } }`;
const AGREEMENT_QUERY = `query($id: ID!) { agreement(id: $id) { code title partyA { name } } }`;

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The commit measured, and the files of src/ and migrations/ that differ from it (the bench runs the working tree as
 * built at its start).
 */
const gitState = (): { commit: string; uncommittedSrc: string[] } => {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    return {
      commit: git('rev-parse', 'HEAD').trim(),
      uncommittedSrc: git('status', '--porcelain', '--', 'src', 'migrations')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(3)),
    };
  } catch {
    return { commit: 'unknown', uncommittedSrc: [] };
  }
};

/**
 * `npm run bench [-- --quick] [--keep]` (docs/performance.md). On a fresh database `jingban_bench_<ts>` of the
 * PostgreSQL server of DATABASE_URL: loads a synthetic province with the bulk loader and measures it against a bare
 * COPY of the same rows, then measures adjudication, a page of claims, statistics and a small read over HTTP against
 * hand-written baselines served in the same run, the server's peak memory and the importer's on two file sizes. Writes
 * bench/results.json and prints `BENCH <json>` as the last line of stdout. Progress goes to stderr.
 */
const main = async (): Promise<void> => {
  const started = now();
  // The tree that `npm run bench` has just built (others may commit while a full run goes on).
  const git = gitState();
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      persons: { type: 'string' },
      claims: { type: 'string' },
      'import-sizes': { type: 'string' },
      'skip-import': { type: 'boolean', default: false },
      seed: { type: 'string', default: '20240101' },
      wave: { type: 'string', default: '2000' },
      'verify-every': { type: 'string', default: '100' },
      out: { type: 'string', default: path.join(ROOT, 'bench', 'results.json') },
      'no-peer': { type: 'boolean', default: false },
    },
  });
  const base = process.env.DATABASE_URL;
  if (!base) {
    throw new Error(
      'DATABASE_URL must name a PostgreSQL server: npm run bench measures on a real one',
    );
  }
  const mode = values.quick ? 'quick' : 'full';
  const m = MODES[mode];
  const persons = Number(values.persons ?? m.persons);
  const claimCount = Number(values.claims ?? m.claims);
  const importSizes = values['import-sizes']
    ? values['import-sizes'].split(',').map(Number)
    : [...m.importSizes];
  const seed = Number(values.seed);
  const name = `jingban_bench_${Date.now()}`;
  const twin = `${name}_copy`;
  const url = databaseUrl(base, name);
  const dir = mkdtempSync(path.join(tmpdir(), 'jingban-bench-'));
  const env: Record<string, string> = {
    DATABASE_URL: url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_ENC_KEY: randomBytes(32).toString('hex'),
    PII_HMAC_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    DATA_DIR: dir,
  };
  const config = loadConfig(env, dir);
  const clock = new SystemClock();
  const durations: Record<string, number> = {};
  const phase = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    say(`${label}…`);
    const t = now();
    const result = await work();
    durations[label] = round(msSince(t) / 1000, 1);
    return result;
  };
  const postgres = await serverVersion(base);
  say(`${mode} run on database ${name} (PostgreSQL ${postgres})`);
  // The peer (PostGraphile v5) and the Node 22 every server then runs on, installed before anything is measured.
  const peerRuntime = values['no-peer']
    ? null
    : await phase('peerInstall', async () => preparePeer());
  const serverNode = peerRuntime ? { execPath: peerRuntime.node } : {};
  const children: ServerChild[] = [];
  let pool: Pool | null = null;
  let closeDb: (() => Promise<void>) | null = null;
  try {
    // 1. A fresh database, migrated, with the province's parties and agreements created through the services.
    const ref = await phase('setup', async () => {
      await createDatabase(base, name);
      const db = await openDatabase(config);
      try {
        const services = createServices({
          db: db.dataSource,
          clock,
          logger: createLogger('warn'),
          config,
        });
        return await seedReference(db.dataSource, services, 2024);
      } finally {
        await db.close();
      }
    });
    // The baseline's twin: same schema and reference data (a template copy needs no other session on the source).
    await createDatabase(base, twin, name);
    const province = new Province(
      ref,
      {
        persons,
        claims: claimCount,
        seed,
        verifyEvery: Number(values['verify-every']),
        today: clock.today(),
      },
      new PiiCipher(config.piiEncKey, config.piiHmacKey),
    );
    const selfTested = selfTest(province.schedules());

    // 2. loadRatio: the bulk loader, then a bare COPY of the same rows into the twin.
    await checkpoint(url);
    const load = await phase('bulkLoad', () => bulkLoad(url, province, Number(values.wave)));
    const files = await phase('dump', () => dumpLoadedRows(url, dir));
    await checkpoint(databaseUrl(base, twin));
    const bare = await phase('bareCopy', () => bareCopy(databaseUrl(base, twin), files, load.rows));
    say(
      `loader ${round(load.rowsPerSecond)} rows/s, bare COPY ${round(bare.rowsPerSecond)} rows/s: loadRatio ${round(load.rowsPerSecond / bare.rowsPerSecond, 3)}`,
    );
    await dropDatabase(base, twin);
    for (const f of Object.values(files)) {
      rmSync(f, { force: true });
    }
    if (bare.rows !== load.rows) {
      throw new Error(`the bare COPY wrote ${bare.rows} rows, the loader ${load.rows}`);
    }
    pool = new Pool({ connectionString: url, max: 10 });
    const p = pool;
    await phase('vacuumAnalyze', async () => {
      await p.query('VACUUM ANALYZE');
    });
    const rowsByTable: Record<string, number> = {};
    for (const t of LOAD_TABLES) {
      rowsByTable[t.table] = Number(
        (await p.query<{ n: string }>(`SELECT count(*) AS n FROM ${t.table}`)).rows[0]!.n,
      );
    }
    const ledger = await phase('ledgerChecks', () => checkLedger(p));
    if (Object.values(ledger).some((n) => n !== 0)) {
      throw new Error(`the loaded ledger breaks an invariant: ${JSON.stringify(ledger)}`);
    }

    // 3. adjudicationRatio: the real service in this process, against a hand-written transaction.
    const db = await openDatabase(config);
    closeDb = () => db.close();
    const services = createServices({
      db: db.dataSource,
      clock,
      logger: createLogger('warn'),
      config,
    });
    const actor: AuditActor = {
      user: { sub: 'bench', role: Role.AGENCY, regions: ['41'] },
      requestId: `bench-${process.pid}`,
    };
    const resubmitted = await phase('resubmission', () =>
      resubmitLoadedClaims(p, services.claims, actor, 200),
    );
    if (resubmitted.sameClaim !== resubmitted.submitted) {
      throw new Error(
        `loaded claims submitted again were not all found: ${JSON.stringify(resubmitted)}`,
      );
    }
    const lookedUp = await lookUpLoadedPersons(services.persons, actor.user, province.idSamples);
    if (lookedUp.found !== lookedUp.looked || lookedUp.decrypted !== lookedUp.looked) {
      throw new Error(
        `loaded persons not found by ID number or not decrypted: ${JSON.stringify(lookedUp)}`,
      );
    }
    const adjudication = await phase('adjudication', () =>
      measureAdjudication(province, p, services.claims, actor, {
        batches: 20,
        batchSize: 200,
        // Not counted, for both: the service's code path is long, and two batches left V8 still compiling it
        // (docs/performance.md, "Warm-up").
        warmup: 10,
        seed,
      }),
    );
    say(`adjudication ${JSON.stringify(adjudication)}`);
    await db.close();
    closeDb = null;

    // 4. The servers: the real app and the baselines, each in its own process.
    const serverEnv = { ...env, LOG_LEVEL: 'info', NODE_ENV: 'production' };
    const app = await startChild(
      'app-server',
      serverEnv,
      path.join(dir, 'app-server.log'),
      serverNode,
    );
    children.push(app);
    const appMemory = rssSampler(app.pid, 250);
    const baseline = await startChild(
      'baseline-server',
      serverEnv,
      path.join(dir, 'baseline.log'),
      serverNode,
    );
    children.push(baseline);
    const token = await signToken(
      { sub: 'bench', role: Role.AGENCY, regions: ['41'] },
      config.jwtSecret,
    );
    const auth = { authorization: `Bearer ${token}` };
    const appUrl = app.urls.graphql!;
    const minimalUrl = baseline.urls.graphql!;

    const texts: Record<string, string[]> = {};
    const statementsOf = async (
      label: string,
      query: string,
      variables: Record<string, unknown> = {},
    ) => {
      await graphql(appUrl, query, variables, auth);
      const before = (await app.ask({ type: 'statements' }, 'statements')).count;
      await graphql(appUrl, query, variables, auth);
      const after = await app.ask({ type: 'statements' }, 'statements');
      texts[label] = after.texts;
      return after.count - before;
    };
    const sql = await phase('sqlCount', async () => ({
      list1: await statementsOf('list1', listQuery(1)),
      list100: await statementsOf('list100', listQuery(100)),
      stats: await statementsOf('stats', STATS_QUERY),
      agreement: await statementsOf('agreement', AGREEMENT_QUERY, { id: ref.agreement.id }),
    }));

    // Same rows from the app and the minimal server, or the comparison means nothing.
    type Nodes = { claims: { nodes: { id: string }[] } };
    const appPage = (await graphql(appUrl, listQuery(100), {}, auth)).data as unknown as Nodes;
    const minimalPage = (await graphql(minimalUrl, listQuery(100))).data as unknown as Nodes;
    const ids = (d: Nodes) => d.claims.nodes.map((n) => n.id).join(',');
    if (ids(appPage) !== ids(minimalPage) || appPage.claims.nodes.length !== 100) {
      throw new Error('the app and the minimal server answer different pages of claims');
    }
    const sqlClient = await p.connect();
    const timed = async (work: () => Promise<unknown>) => {
      const t = now();
      await work();
      return msSince(t);
    };
    const list = await phase('listLatency', () =>
      interleavedLatency(
        {
          app: async () => (await graphql(appUrl, listQuery(100), {}, auth)).ms,
          minimalApollo: async () => (await graphql(minimalUrl, listQuery(100))).ms,
          bareHttpJson: async () => (await request(`${baseline.urls.bare}?first=100`)).ms,
          rawSql: () => timed(() => sqlClient.query(LIST_SQL, ['41%', 100])),
        },
        m.listRounds,
        m.listWarmup,
      ),
    );
    say(`sql statements ${JSON.stringify(sql)}; list latency ${JSON.stringify(list)}`);
    const appStats = (await graphql(appUrl, STATS_QUERY, {}, auth)).data as {
      claimStats: { claimCount: number; benefit: string }[];
    };
    const rawStats = await sqlClient.query<{ claim_count: number; benefit: string }>(STATS_SQL, [
      '41%',
    ]);
    const total = (xs: { benefit: string }[]) =>
      xs.reduce((s, x) => s + Math.round(Number(x.benefit) * 100), 0);
    if (
      appStats.claimStats.length !== rawStats.rows.length ||
      total(appStats.claimStats) !== total(rawStats.rows)
    ) {
      throw new Error('claimStats and the raw GROUP BY disagree');
    }
    const stats = await phase('statsLatency', () =>
      interleavedLatency(
        {
          app: async () => (await graphql(appUrl, STATS_QUERY, {}, auth)).ms,
          rawSql: () => timed(() => sqlClient.query(STATS_SQL, ['41%'])),
        },
        m.statsRounds,
        2,
      ),
    );
    sqlClient.release();
    say(`stats latency ${JSON.stringify(stats)}`);
    const agreementBody = JSON.stringify({
      query: AGREEMENT_QUERY,
      variables: { id: ref.agreement.id },
    });
    const connections = 10;
    const http = await phase('httpThroughput', () =>
      interleavedThroughput(
        {
          app: () => cannon(appUrl, agreementBody, auth, m.cannonSeconds, connections),
          minimalApollo: () => cannon(minimalUrl, agreementBody, {}, m.cannonSeconds, connections),
        },
        3,
        async () => {
          await cannon(appUrl, agreementBody, auth, 2, connections);
          await cannon(minimalUrl, agreementBody, {}, 2, connections);
        },
      ),
    );
    // 4b. The peer: same answers first, then the three reads interleaved with the app.
    const peer = peerRuntime
      ? await phase('peer', () =>
          measurePeer(peerRuntime, {
            pool: p,
            databaseUrl: url,
            log: path.join(dir, 'peer.log'),
            jingbanUrl: appUrl,
            auth,
            jingban: app,
            agreementId: ref.agreement.id,
            listRounds: m.listRounds,
            listWarmup: m.listWarmup,
            statsRounds: m.statsRounds,
            cannonSeconds: m.cannonSeconds,
            connections,
          }),
        )
      : null;
    const serverPeakRssMb = appMemory.stop();
    say(
      `http ${JSON.stringify(Object.fromEntries(Object.entries(http).map(([k, v]) => [k, v.medianRequestsPerSecond])))}; server peak RSS ${serverPeakRssMb} MB`,
    );
    const baselinePeakRssMb = procMemoryMb(baseline.pid)?.peakMb ?? null;
    for (const c of children.splice(0)) {
      await c.stop();
    }

    // 5. The importer on two file sizes: its peak memory should not grow with the file.
    const imports: ImportRun[] = [];
    if (!values['skip-import']) {
      await phase('import', async () => {
        for (const size of importSizes) {
          const file = path.join(dir, `declarations-${size}.ndjson`);
          await writeImportFile(province, p, file, size, `${size}`);
          say(`importing ${size} lines…`);
          const run = await runImporter(file, size, env, ROOT);
          say(
            `importer ${size} lines: peak RSS ${run.peakRssMb} MB, ${run.linesPerSecond} lines/s`,
          );
          imports.push(run);
          rmSync(file, { force: true });
        }
      });
    }

    const ratio = (a: number, b: number) => round(a / b, 3);
    const figures = {
      loadRatio: ratio(load.rowsPerSecond, bare.rowsPerSecond),
      adjudicationRatio: adjudication.ratio,
      sqlPerRequest1: sql.list1,
      sqlPerRequest100: sql.list100,
      listLatencyRatio: ratio(list.app!.p50Ms, list.minimalApollo!.p50Ms),
      rawSqlP50Ms: list.rawSql!.p50Ms,
      bareHttpJsonP50Ms: list.bareHttpJson!.p50Ms,
      statsLatencyRatio: ratio(stats.app!.p50Ms, stats.rawSql!.p50Ms),
      httpRatio: ratio(
        http.app!.medianRequestsPerSecond,
        http.minimalApollo!.medianRequestsPerSecond,
      ),
      serverPeakRssMb,
      importerPeakRssMb: Object.fromEntries(imports.map((r) => [String(r.lines), r.peakRssMb])),
      ...peer?.figures,
    };
    const pass = {
      loadRatio: figures.loadRatio >= TARGETS.loadRatio.min,
      adjudicationRatio: figures.adjudicationRatio >= TARGETS.adjudicationRatio.min,
      sqlPerRequest: figures.sqlPerRequest1 === figures.sqlPerRequest100,
      listLatencyRatio: figures.listLatencyRatio <= TARGETS.listLatencyRatio.max,
      statsLatencyRatio: figures.statsLatencyRatio <= TARGETS.statsLatencyRatio.max,
      httpRatio: figures.httpRatio >= TARGETS.httpRatio.min,
      serverPeakRssMb: figures.serverPeakRssMb < TARGETS.serverPeakRssMb.max,
      ...peer?.pass,
    };
    const results = {
      ...figures,
      pass,
      targets: { ...TARGETS, ...(peer ? PEER_TARGETS : {}) },
      mode,
      command: `npm run bench${values.quick || values['no-peer'] ? ' --' : ''}${values.quick ? ' --quick' : ''}${values['no-peer'] ? ' --no-peer' : ''}`,
      startedAt: new Date(Date.now() - msSince(started)).toISOString(),
      durationsSeconds: { ...durations, total: round(msSince(started) / 1000, 1) },
      machine: {
        ...machineInfo(postgres),
        serverNode: peerRuntime?.versions.serverNode ?? process.version,
      },
      git,
      database: { name, kept: values.keep },
      province: {
        seed,
        year: ref.year,
        rows: rowsByTable,
        ...province.stats,
        benefitYuan: round(province.stats.benefitFen / 100, 2),
        fenSelfTestCases: selfTested,
      },
      details: {
        load: {
          loader: load,
          bareCopy: bare,
          note: 'rows/s over all six tables; the bare COPY streams the same rows, pre-rendered, into a twin database',
        },
        ledgerChecks: ledger,
        resubmission: resubmitted,
        personsByIdNumber: lookedUp,
        adjudication,
        sqlStatements: { ...sql, texts },
        listLatency: { rounds: m.listRounds, warmupRounds: m.listWarmup, ...list },
        statsLatency: stats,
        httpThroughput: { query: AGREEMENT_QUERY, connections, seconds: m.cannonSeconds, ...http },
        memory: {
          serverPeakRssMb,
          baselineServerPeakRssMb: baselinePeakRssMb,
          benchProcessPeakRssMb: procMemoryMb('self')?.peakMb ?? null,
          how: 'VmHWM of /proc/<pid>/status: the server and the importer run as child processes',
        },
        imports,
        peer: peer?.details ?? null,
      },
    };
    writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`BENCH ${JSON.stringify(results)}\n`);
  } finally {
    for (const c of children) {
      await c.stop();
    }
    await closeDb?.();
    await pool?.end();
    await dropDatabase(base, twin);
    if (values.keep) {
      say(`kept database ${name}: ${url}`);
    } else {
      await dropDatabase(base, name);
    }
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
