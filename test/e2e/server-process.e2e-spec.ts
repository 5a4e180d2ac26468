import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** A log line of the server (pino JSON). */
interface LogLine {
  readonly msg: string;
  readonly [key: string]: unknown;
}

/**
 * `npm start` as a newcomer runs it, on a fresh data directory: embedded mode, demo data, the local IDE's address
 * first, the server on 127.0.0.1 only, GET / leading to an IDE that holds the printed token and the demo ids, and a
 * SIGTERM with an idle keep-alive connection open answered within 3 s, each step logged.
 */
describe('the server process (embedded mode, as npm start runs it)', () => {
  let dataDir: string;
  let server: ChildProcess;
  let stdout = '';
  let base = '';
  let exit: Promise<{ code: number | null; at: number }>;

  const logs = (): LogLine[] =>
    stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);

  /** The first log line with `msg`: logs are written in the background (src/shared/logger.ts), up to 500 ms late. */
  const logLine = async (msg: string): Promise<LogLine | undefined> => {
    for (let i = 0; i < 50; i++) {
      const line = logs().find((l) => l.msg === msg);
      if (line) {
        return line;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return undefined;
  };

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, stdio: 'ignore' });
    dataDir = mkdtempSync(path.join(tmpdir(), 'jingban-process-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (
        v !== undefined &&
        ![
          'DATABASE_URL',
          'JWT_SECRET',
          'PII_ENC_KEY',
          'PII_HMAC_KEY',
          'HOST',
          'IDE',
          'NODE_ENV',
        ].includes(k)
      ) {
        env[k] = v;
      }
    }
    server = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: { ...env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    exit = new Promise((resolve) =>
      server.once('exit', (code) => resolve({ code, at: Date.now() })),
    );
    server.stdout!.setEncoding('utf8');
    server.stdout!.on('data', (chunk: string) => {
      stdout += chunk;
    });
    for (let i = 0; i < 1200 && !base; i++) {
      base =
        /Open GraphiQL \(works offline\): (http:\/\/localhost:\d+)\/graphiql/.exec(stdout)?.[1] ??
        '';
      if (server.exitCode !== null) {
        throw new Error(`the server exited: ${stdout}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(base).not.toBe('');
    base = base.replace('localhost', '127.0.0.1');
  }, 180_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGKILL');
      await exit;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the local IDE’s address first, then the server, the Sandbox, the binding and the token', () => {
    const lines = stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
    expect(lines[0]).toMatch(
      /^Open GraphiQL \(works offline\): http:\/\/localhost:\d+\/graphiql \(also on \/graphql and \/\)$/,
    );
    expect(lines[1]).toMatch(
      /^Jingban \(经办\) is serving http:\/\/localhost:\d+\/graphql \(embedded PostgreSQL in /,
    );
    expect(lines[2]).toMatch(
      /^Apollo Sandbox \(needs Apollo's servers\): http:\/\/localhost:\d+\/sandbox$/,
    );
    expect(lines[3]).toBe('Listening on 127.0.0.1 only (HOST to change)');
    expect(lines[4]).toBe(
      'A token (AGENCY, regions 41 and 51, 12 hours); GraphiQL holds it already; elsewhere send this header:',
    );
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(await logLine('listening')).toMatchObject({
      address: '127.0.0.1',
      mode: 'embedded',
    });
    const port = new URL(base).port;
    const outward = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (outward) {
      await expect(fetch(`http://${outward.address}:${port}/healthz`)).rejects.toThrow();
    }
  });

  it('leads GET / to the IDE, which holds the printed token and the demo data’s ids', async () => {
    const printed = /\{"Authorization": "Bearer ([^"]+)"\}/.exec(stdout)![1]!;
    const page = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(page.url).toBe(`${base}/graphql`);
    const json = /<script type="application\/json" id="jingban-ide-start">([^<]*)<\/script>/.exec(
      await page.text(),
    )![1]!;
    const start = JSON.parse(json) as {
      headers: { Authorization: string };
      variables: Record<string, string>;
    };
    expect(start.headers).toEqual({ Authorization: `Bearer ${printed}` });
    expect(Object.values(start.variables)).toHaveLength(4);
    for (const id of Object.values(start.variables)) {
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const answer = (await (
      await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: start.headers.Authorization },
        body: JSON.stringify({
          query: 'query($agreementId: ID!) { agreement(id: $agreementId) { code } }',
          variables: { agreementId: start.variables.agreementId },
        }),
      })
    ).json()) as { data: { agreement: { code: string } } };
    expect(answer.data.agreement.code).toMatch(/^HN-DBBX-\d{4}$/);
  });

  it('stops within 3 s on SIGTERM with an idle keep-alive connection open, logging each step, and exits 0', async () => {
    const agent = new http.Agent({ keepAlive: true });
    try {
      await new Promise<void>((resolve, reject) =>
        http
          .get(`${base}/graphiql`, { agent }, (res) => {
            res.resume();
            res.on('end', resolve);
          })
          .on('error', reject),
      );
      const sent = Date.now();
      server.kill('SIGTERM');
      const { code, at } = await exit;
      expect(code).toBe(0);
      expect(at - sent).toBeLessThan(3_000);
    } finally {
      agent.destroy();
    }
    expect(
      logs()
        .map((l) => l.msg)
        .filter((m) => m.startsWith('stop')),
    ).toEqual([
      'stopping',
      'stopping: no new connections, idle ones closed',
      'stopping: HTTP server closed',
      'stopping: GraphQL server stopped',
      'stopped: database closed, exiting',
    ]);
  });
});
