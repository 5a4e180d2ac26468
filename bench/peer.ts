import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import { startChild, type ServerChild } from './children';
import {
  cannon,
  graphql,
  interleavedLatency,
  interleavedThroughput,
  type LatencyFigures,
  type ThroughputRun,
} from './http-bench';
import { median, procMemoryMb, round, say } from './measure';
import { node22 } from './peers/node22';

/**
 * The peer in the bench: PostGraphile v5 (bench/peers/postgraphile/, its own package.json and lock, installed only
 * when the bench runs) serving the same database, both servers on Node 22. The bench checks that both answer the
 * same thing, then times the three reads interleaved (docs/performance.md, "The peer").
 */

const ROOT = path.resolve(__dirname, '..', '..');
export const PEER_DIR = path.join(ROOT, 'bench', 'peers', 'postgraphile');

/** Jingban ÷ PostGraphile: latencies must be ≥ 20% lower, throughputs ≥ 20% higher. */
export const PEER_TARGETS = {
  peerListLatencyRatio: { max: 0.8 },
  peerListThroughputRatio: { min: 1.2 },
  peerAgreementLatencyRatio: { max: 0.8 },
  peerAgreementThroughputRatio: { min: 1.2 },
  peerStatsLatencyRatio: { max: 0.8 },
} as const;

/**
 * Each claim's benefit net of its review and reversal entries (Σ benefit_delta of its non-CLAIM ledger entries), as
 * Jingban's `claimStats` computes it, with the keys it groups by (region code, discharge month). Created by the bench
 * in the bench database before the peer starts; not a migration of the project.
 */
export const PEER_VIEW_SQL = `
  CREATE VIEW claim_net AS
  SELECT c.insured_person_id, c.id, c.region_code, c.discharge_date,
         to_char(c.discharge_date, 'YYYY-MM') AS month,
         c.benefit + coalesce(adj.delta, 0) AS net_benefit
  FROM claim c
  LEFT JOIN (SELECT insured_person_id, claim_id, sum(benefit_delta) AS delta
             FROM ledger_entry WHERE kind <> 'CLAIM' GROUP BY insured_person_id, claim_id) adj
    ON adj.insured_person_id = c.insured_person_id AND adj.claim_id = c.id`;

/**
 * The three reads, as Jingban's bench asks them (an AGENCY of region 41: the token scopes the claims) and as
 * PostGraphile is asked the same (`regionPrefix: "41"` is the scope; the order is Jingban's: latest discharge first,
 * then id descending).
 */
export const PEER_QUERIES = {
  jingban: {
    list: `{ claims(first: 100) { nodes { id dischargeDate benefit status insuredPerson { name } institution { name } agreement { code } } } }`,
    agreement: `query($id: ID!) { agreement(id: $id) { code title partyA { name } partyB { name } } }`,
    stats: `{ claimStats(groupBy: [REGION, MONTH]) { keys benefit } }`,
  },
  postgraphile: {
    list: `{ claims(first: 100, orderBy: [DISCHARGE_DATE_DESC, ROW_ID_DESC], condition: { regionPrefix: "41" }) { nodes { rowId dischargeDate benefit status insuredPerson { name } institution { name } agreement { code } } } }`,
    agreement: `query($id: UUID!) { agreement(rowId: $id) { code title partyA { name } partyB { name } } }`,
    stats: `{ claimNets(condition: { regionPrefix: "41" }) { groupedAggregates(groupBy: [REGION_CODE, MONTH]) { keys sum { netBenefit } } } }`,
  },
} as const;

/** What the peer runs on: the Node 22 binary (both servers run on it) and the installed versions. */
export interface PeerRuntime {
  readonly node: string;
  readonly versions: Record<string, string>;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const versionOf = (pkg: string): string =>
  (
    JSON.parse(readFileSync(path.join(PEER_DIR, 'node_modules', pkg, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

/**
 * Node 22 (installed on first use) and the peer's dependencies: `npm ci` in bench/peers/postgraphile with npm
 * running on Node 22, unless node_modules was installed from the same package-lock.json already.
 */
export const preparePeer = (): PeerRuntime => {
  const node = node22(say);
  const lock = path.join(PEER_DIR, 'package-lock.json');
  const stamp = path.join(PEER_DIR, 'node_modules', '.jingban-lock-sha256');
  const wanted = sha256(lock);
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== wanted) {
    say('npm ci in bench/peers/postgraphile…');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: PEER_DIR,
      // npm's `#!/usr/bin/env node` then runs on Node 22, so PostGraphile's engines are met.
      env: {
        ...process.env,
        PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    writeFileSync(stamp, `${wanted}\n`);
  }
  const serverNode = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (!serverNode.startsWith('v22.')) {
    throw new Error(`the peer needs Node 22; ${node} is ${serverNode}`);
  }
  return {
    node,
    versions: {
      postgraphile: versionOf('postgraphile'),
      pgAggregates: versionOf('@graphile/pg-aggregates'),
      simplifyInflection: versionOf('@graphile/simplify-inflection'),
      grafast: versionOf('grafast'),
      pg: versionOf('pg'),
      serverNode,
      benchNode: process.version,
    },
  };
};

/** Starts the peer on `runtime.node` against `databaseUrl` (the view {@link PEER_VIEW_SQL} must exist). */
export const startPeer = (
  runtime: PeerRuntime,
  databaseUrl: string,
  log: string,
): Promise<ServerChild> =>
  startChild(
    path.join(PEER_DIR, 'server.mjs'),
    { DATABASE_URL: databaseUrl, NODE_ENV: 'production', GRAPHILE_ENV: 'production' },
    log,
    { execPath: runtime.node },
  );

/** A money string ("1234.5", "-0.30") in fen, exactly; throws on a value finer than a fen. */
export const fen = (money: string): string => {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(money);
  if (!m) {
    throw new Error(`not a money value: ${money}`);
  }
  const frac = (m[3] ?? '').padEnd(2, '0');
  if (/[^0]/.test(frac.slice(2))) {
    throw new Error(`finer than a fen: ${money}`);
  }
  const n = BigInt(m[2]!) * 100n + BigInt(frac.slice(0, 2));
  return String(m[1] === '-' ? -n : n);
};

type Named = { name: string } | null;

export interface JingbanAnswers {
  list: {
    claims: {
      nodes: {
        id: string;
        dischargeDate: string;
        benefit: string;
        status: string;
        insuredPerson: Named;
        institution: Named;
        agreement: { code: string } | null;
      }[];
    };
  };
  agreement: {
    agreement: { code: string; title: string; partyA: Named; partyB: Named } | null;
  };
  stats: { claimStats: { keys: string[]; benefit: string }[] };
}

export interface PeerAnswers {
  list: {
    claims: {
      nodes: {
        rowId: string;
        dischargeDate: string;
        benefit: string;
        status: string;
        insuredPerson: Named;
        institution: Named;
        agreement: { code: string } | null;
      }[];
    };
  };
  agreement: {
    agreement: { code: string; title: string; partyA: Named; partyB: Named } | null;
  };
  stats: { claimNets: { groupedAggregates: { keys: string[]; sum: { netBenefit: string } }[] } };
}

/** Both answers of each read, normalized: the claims in order, the agreement, the groups sorted by their keys. */
export const normalizeAnswers = (j: JingbanAnswers, p: PeerAnswers) => ({
  list: {
    jingban: j.list.claims.nodes.map((c) => [
      c.id,
      c.dischargeDate,
      fen(c.benefit),
      c.status,
      c.insuredPerson?.name ?? null,
      c.institution?.name ?? null,
      c.agreement?.code ?? null,
    ]),
    postgraphile: p.list.claims.nodes.map((c) => [
      c.rowId,
      c.dischargeDate,
      fen(c.benefit),
      c.status,
      c.insuredPerson?.name ?? null,
      c.institution?.name ?? null,
      c.agreement?.code ?? null,
    ]),
  },
  agreement: {
    jingban: ((a) => (a ? [a.code, a.title, a.partyA?.name, a.partyB?.name] : null))(
      j.agreement.agreement,
    ),
    postgraphile: ((a) => (a ? [a.code, a.title, a.partyA?.name, a.partyB?.name] : null))(
      p.agreement.agreement,
    ),
  },
  stats: {
    jingban: j.stats.claimStats
      .map((r) => [...r.keys, fen(r.benefit)])
      .sort((a, b) => a.join('|').localeCompare(b.join('|'))),
    postgraphile: p.stats.claimNets.groupedAggregates
      .map((r) => [...r.keys, fen(r.sum.netBenefit)])
      .sort((a, b) => a.join('|').localeCompare(b.join('|'))),
  },
});

/**
 * Throws unless Jingban and the peer answer the same thing: the same claims (ids, dates, benefits, statuses, names,
 * codes) in the same order, the same agreement and parties, the same groups with the same net benefits to the fen.
 * Answers what was compared.
 */
export const checkSameAnswers = (j: JingbanAnswers, p: PeerAnswers) => {
  const n = normalizeAnswers(j, p);
  for (const [read, both] of Object.entries(n)) {
    const a = both.jingban;
    const b = both.postgraphile;
    if (a === null || b === null || a.length === 0) {
      throw new Error(
        `peer check: ${read}: an empty answer (Jingban ${a?.length}, PostGraphile ${b?.length})`,
      );
    }
    if (a.length !== b.length) {
      throw new Error(
        `peer check: ${read}: Jingban answers ${a.length} rows, PostGraphile ${b.length}`,
      );
    }
    a.forEach((row, i) => {
      if (JSON.stringify(row) !== JSON.stringify(b[i])) {
        throw new Error(
          `peer check: ${read} differs at row ${i}: Jingban ${JSON.stringify(row)}, PostGraphile ${JSON.stringify(b[i])}`,
        );
      }
    });
  }
  return {
    listClaims: n.list.jingban.length,
    agreementFields: n.agreement.jingban!.length,
    statsGroups: n.stats.jingban.length,
  };
};

export interface PeerOptions {
  readonly pool: Pool;
  readonly databaseUrl: string;
  readonly log: string;
  readonly jingbanUrl: string;
  readonly auth: Record<string, string>;
  /** Jingban's app process, to count the statements it sends per read. */
  readonly jingban: ServerChild;
  readonly agreementId: string;
  readonly listRounds: number;
  readonly listWarmup: number;
  readonly statsRounds: number;
  readonly cannonSeconds: number;
  readonly connections: number;
}

type Throughput = Record<string, { medianRequestsPerSecond: number; runs: ThroughputRun[] }>;

/** CPU time a process has used (user + system), in ms, from /proc/<pid>/stat (Linux; clock ticks of 10 ms). */
const cpuMs = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

/**
 * One autocannon run, with the server's own CPU time per request (µs): on a shared machine the requests/s of a run
 * move with the neighbours' load, the CPU a request costs the server much less.
 */
const cannonWithCpu = async (
  pid: number,
  run: () => Promise<ThroughputRun>,
  seconds: number,
): Promise<ThroughputRun & { serverCpuUsPerRequest: number }> => {
  const before = cpuMs(pid);
  const r = await run();
  const used = cpuMs(pid) - before;
  return { ...r, serverCpuUsPerRequest: round((used * 1000) / (r.requestsPerSecond * seconds), 0) };
};

/**
 * Creates the view, starts the peer, checks both answer the same, then measures, interleaved: the claims page and
 * `agreement(id)` (p50 of single requests, and requests/s at `connections` connections) and the grouped net benefits
 * (p50). Stops the peer. Answers the five ratios (Jingban ÷ PostGraphile), pass/fail, and the details.
 */
export const measurePeer = async (runtime: PeerRuntime, o: PeerOptions) => {
  await o.pool.query(PEER_VIEW_SQL);
  const peer = await startPeer(runtime, o.databaseUrl, o.log);
  try {
    const peerUrl = peer.urls.graphql!;
    const J = PEER_QUERIES.jingban;
    const P = PEER_QUERIES.postgraphile;
    const idVars = { id: o.agreementId };
    const jingban = (query: string, variables: Record<string, unknown> = {}) =>
      graphql(o.jingbanUrl, query, variables, o.auth);
    const postgraphile = (query: string, variables: Record<string, unknown> = {}) =>
      graphql(peerUrl, query, variables);

    const answers = {
      jingban: {
        list: (await jingban(J.list)).data,
        agreement: (await jingban(J.agreement, idVars)).data,
        stats: (await jingban(J.stats)).data,
      } as unknown as JingbanAnswers,
      postgraphile: {
        list: (await postgraphile(P.list)).data,
        agreement: (await postgraphile(P.agreement, idVars)).data,
        stats: (await postgraphile(P.stats)).data,
      } as unknown as PeerAnswers,
    };
    const compared = checkSameAnswers(answers.jingban, answers.postgraphile);
    say(`peer answers the same: ${JSON.stringify(compared)}`);

    // Statements per read, each side (the second request of each, after its first has been planned).
    const statements = async (child: ServerChild, run: () => Promise<unknown>) => {
      await run();
      const before = (await child.ask({ type: 'statements' }, 'statements')).count;
      await run();
      const after = await child.ask({ type: 'statements' }, 'statements');
      return { count: after.count - before, texts: after.texts };
    };
    const sqlStatements = {
      jingban: {
        list: await statements(o.jingban, () => jingban(J.list)),
        agreement: await statements(o.jingban, () => jingban(J.agreement, idVars)),
        stats: await statements(o.jingban, () => jingban(J.stats)),
      },
      postgraphile: {
        list: await statements(peer, () => postgraphile(P.list)),
        agreement: await statements(peer, () => postgraphile(P.agreement, idVars)),
        stats: await statements(peer, () => postgraphile(P.stats)),
      },
    };

    const ms = async (r: Promise<{ ms: number }>) => (await r).ms;
    say('peer: list latency…');
    const listLatency = await interleavedLatency(
      { jingban: () => ms(jingban(J.list)), postgraphile: () => ms(postgraphile(P.list)) },
      o.listRounds,
      o.listWarmup,
    );
    say('peer: agreement latency…');
    const agreementLatency = await interleavedLatency(
      {
        jingban: () => ms(jingban(J.agreement, idVars)),
        postgraphile: () => ms(postgraphile(P.agreement, idVars)),
      },
      o.listRounds,
      o.listWarmup,
    );
    say('peer: stats latency…');
    const statsLatency = await interleavedLatency(
      { jingban: () => ms(jingban(J.stats)), postgraphile: () => ms(postgraphile(P.stats)) },
      o.statsRounds,
      2,
    );
    // Warm-up as long as a counted run: PostGraphile plans and V8 compiles on first use too.
    const throughput = (jBody: string, pBody: string): Promise<Throughput> =>
      interleavedThroughput(
        {
          jingban: () =>
            cannonWithCpu(
              o.jingban.pid,
              () => cannon(o.jingbanUrl, jBody, o.auth, o.cannonSeconds, o.connections),
              o.cannonSeconds,
            ),
          postgraphile: () =>
            cannonWithCpu(
              peer.pid,
              () => cannon(peerUrl, pBody, {}, o.cannonSeconds, o.connections),
              o.cannonSeconds,
            ),
        },
        3,
        async () => {
          await cannon(o.jingbanUrl, jBody, o.auth, o.cannonSeconds, o.connections);
          await cannon(peerUrl, pBody, {}, o.cannonSeconds, o.connections);
        },
      );
    say('peer: list throughput…');
    const listThroughput = await throughput(
      JSON.stringify({ query: J.list }),
      JSON.stringify({ query: P.list }),
    );
    say('peer: agreement throughput…');
    const agreementThroughput = await throughput(
      JSON.stringify({ query: J.agreement, variables: idVars }),
      JSON.stringify({ query: P.agreement, variables: idVars }),
    );
    const peerPeakRssMb = procMemoryMb(peer.pid)?.peakMb ?? null;
    const cpuPerRequest = (t: Throughput) =>
      Object.fromEntries(
        Object.entries(t).map(([k, v]) => [
          k,
          median(
            v.runs.map(
              (r) => (r as ThroughputRun & { serverCpuUsPerRequest: number }).serverCpuUsPerRequest,
            ),
          ),
        ]),
      );

    const latency = (f: Record<string, LatencyFigures>) =>
      round(f.jingban!.p50Ms / f.postgraphile!.p50Ms, 3);
    const rps = (t: Throughput) =>
      round(t.jingban!.medianRequestsPerSecond / t.postgraphile!.medianRequestsPerSecond, 3);
    const figures = {
      peerListLatencyRatio: latency(listLatency),
      peerListThroughputRatio: rps(listThroughput),
      peerAgreementLatencyRatio: latency(agreementLatency),
      peerAgreementThroughputRatio: rps(agreementThroughput),
      peerStatsLatencyRatio: latency(statsLatency),
    };
    const pass = {
      peerListLatencyRatio: figures.peerListLatencyRatio <= PEER_TARGETS.peerListLatencyRatio.max,
      peerListThroughputRatio:
        figures.peerListThroughputRatio >= PEER_TARGETS.peerListThroughputRatio.min,
      peerAgreementLatencyRatio:
        figures.peerAgreementLatencyRatio <= PEER_TARGETS.peerAgreementLatencyRatio.max,
      peerAgreementThroughputRatio:
        figures.peerAgreementThroughputRatio >= PEER_TARGETS.peerAgreementThroughputRatio.min,
      peerStatsLatencyRatio:
        figures.peerStatsLatencyRatio <= PEER_TARGETS.peerStatsLatencyRatio.max,
    };
    say(
      `peer ratios ${JSON.stringify(figures)}; server CPU µs per request: list ${JSON.stringify(cpuPerRequest(listThroughput))}, agreement ${JSON.stringify(cpuPerRequest(agreementThroughput))}`,
    );
    return {
      figures,
      pass,
      details: {
        versions: runtime.versions,
        queries: PEER_QUERIES,
        view: PEER_VIEW_SQL.replace(/\s+/g, ' ').trim(),
        compared,
        sqlStatements,
        listLatency: { rounds: o.listRounds, warmupRounds: o.listWarmup, ...listLatency },
        agreementLatency: { rounds: o.listRounds, warmupRounds: o.listWarmup, ...agreementLatency },
        statsLatency: { rounds: o.statsRounds, warmupRounds: 2, ...statsLatency },
        listThroughput: {
          connections: o.connections,
          seconds: o.cannonSeconds,
          medianServerCpuUsPerRequest: cpuPerRequest(listThroughput),
          ...listThroughput,
        },
        agreementThroughput: {
          connections: o.connections,
          seconds: o.cannonSeconds,
          medianServerCpuUsPerRequest: cpuPerRequest(agreementThroughput),
          ...agreementThroughput,
        },
        peerPeakRssMb,
      },
    };
  } finally {
    await peer.stop();
  }
};
