import http from 'node:http';
import autocannon from 'autocannon';
import { median, msSince, now, percentile, round } from './measure';

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** One request over a kept-alive loopback connection; answers the status, the body and the time to the last byte. */
export const request = (
  url: string,
  opts: { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string; ms: number }> =>
  new Promise((resolve, reject) => {
    const t = now();
    const req = http.request(
      url,
      {
        method: opts.method ?? 'GET',
        agent,
        headers: {
          ...(opts.body ? { 'content-type': 'application/json' } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: msSince(t),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });

/** A GraphQL POST; throws on a non-200 answer or GraphQL errors (a failing subject must not look fast). */
export const graphql = async (
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ data: Record<string, unknown>; ms: number }> => {
  const r = await request(url, {
    method: 'POST',
    body: JSON.stringify({ query, variables }),
    headers,
  });
  const parsed = JSON.parse(r.body) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (r.status !== 200 || parsed.errors || !parsed.data) {
    throw new Error(`${url} answered ${r.status}: ${r.body.slice(0, 300)}`);
  }
  return { data: parsed.data, ms: r.ms };
};

export interface LatencyFigures {
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly samples: number;
}

const figures = (ms: readonly number[]): LatencyFigures => ({
  p50Ms: round(median(ms), 2),
  p90Ms: round(percentile(ms, 90), 2),
  samples: ms.length,
});

/**
 * Latency of several ways to get the same answer, interleaved: each round runs every contender once, in turn, after
 * `warmup` rounds that are not counted. Each contender answers its time in ms.
 */
export const interleavedLatency = async (
  contenders: Record<string, () => Promise<number>>,
  rounds: number,
  warmup: number,
): Promise<Record<string, LatencyFigures>> => {
  const samples: Record<string, number[]> = Object.fromEntries(
    Object.keys(contenders).map((k) => [k, []]),
  );
  for (let i = 0; i < warmup + rounds; i++) {
    for (const [name, run] of Object.entries(contenders)) {
      const ms = await run();
      if (i >= warmup) {
        samples[name]!.push(ms);
      }
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, ms]) => [k, figures(ms)]));
};

export interface ThroughputRun {
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** One autocannon run of a GraphQL POST; GraphQL errors count as errors. */
export const cannon = async (
  url: string,
  body: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
): Promise<ThroughputRun> => {
  let graphqlErrors = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...headers },
    body,
    requests: [
      {
        onResponse: (_status, resBody) => {
          if (resBody.includes('"errors"')) {
            graphqlErrors += 1;
          }
        },
      },
    ],
  });
  return {
    requestsPerSecond: round(result.requests.average, 1),
    latencyP50Ms: result.latency.p50,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts + graphqlErrors,
  };
};

/**
 * Requests per second of each contender: a warm-up run each, then `runs` runs each, interleaved (a, b, a, b, …);
 * the median of the runs counts.
 */
export const interleavedThroughput = async (
  contenders: Record<string, () => Promise<ThroughputRun>>,
  runs: number,
  warmup: () => Promise<void>,
): Promise<Record<string, { medianRequestsPerSecond: number; runs: ThroughputRun[] }>> => {
  await warmup();
  const out: Record<string, ThroughputRun[]> = Object.fromEntries(
    Object.keys(contenders).map((k) => [k, []]),
  );
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of Object.entries(contenders)) {
      const r = await run();
      if (r.non2xx > 0 || r.errors > 0) {
        throw new Error(`${name}: ${r.non2xx} non-2xx answers and ${r.errors} errors under load`);
      }
      out[name]!.push(r);
    }
  }
  return Object.fromEntries(
    Object.entries(out).map(([k, rs]) => [
      k,
      { medianRequestsPerSecond: round(median(rs.map((r) => r.requestsPerSecond)), 1), runs: rs },
    ]),
  );
};
