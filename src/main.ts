import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './db/data-source';
import { isEmpty, seedDemo } from './demo/seed-demo';
import { Role } from './shared/caller';
import { signToken } from './graphql/auth/token';
import { GRAPHIQL_PATH, SANDBOX_PATH } from './http/ide';
import { SystemClock } from './shared/clock';
import { createLogger } from './shared/logger';

const shouldSeed = async (config: Config, empty: () => Promise<boolean>): Promise<boolean> =>
  config.seedDemo === true ||
  (config.seedDemo === 'auto' && config.mode === 'embedded' && (await empty()));

const TOKEN_COMMAND = 'npm run -s token -- --role AGENCY --regions 41,51';

/** The hosts that only this machine reaches. */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The URL a browser on this machine opens: `localhost` for a loopback or every-interface address. */
const baseUrl = (host: string | undefined, port: number): string => {
  if (host === undefined || LOOPBACK.has(host) || host === '0.0.0.0' || host === '::') {
    return `http://localhost:${port}`;
  }
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
};

/** The AGENCY token embedded mode prints at start and hands its IDE (regions 41 and 51, 12 hours). */
const demoToken = (config: Config): Promise<string> =>
  signToken(
    { sub: 'local-agency', role: Role.AGENCY, regions: ['41', '51'], expiresIn: '12h' },
    config.jwtSecret,
  );

/**
 * What the start line says: the local IDE first (it works without the internet), then where the server is and, in
 * embedded mode, a ready AGENCY token (regions 41 and 51, 12 hours, signed as `npm run token` signs), which the IDE
 * holds already when only this machine can reach it.
 */
const startLines = (
  config: Config,
  port: number,
  token: string | undefined,
  ideHoldsToken: boolean,
): string[] => {
  const base = baseUrl(config.host, port);
  const where =
    config.mode === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL';
  const lines = [''];
  if (config.ide === 'none') {
    lines.push(`Jingban (经办) is serving ${base}/graphql (${where})`);
    lines.push('No IDE (IDE=none): POST JSON to /graphql');
  } else {
    const also = config.ide === 'graphiql' ? ' (also on /graphql and /)' : '';
    lines.push(`Open GraphiQL (works offline): ${base}${GRAPHIQL_PATH}${also}`);
    lines.push(`Jingban (经办) is serving ${base}/graphql (${where})`);
    lines.push(`Apollo Sandbox (needs Apollo's servers): ${base}${SANDBOX_PATH}`);
  }
  if (config.host !== undefined && LOOPBACK.has(config.host)) {
    lines.push(`Listening on ${config.host} only (HOST to change)`);
  }
  if (token !== undefined) {
    const use =
      config.ide === 'none'
        ? 'send this header'
        : ideHoldsToken
          ? 'GraphiQL holds it already; elsewhere send this header'
          : "paste this into the IDE's Headers";
    lines.push(
      `A token (AGENCY, regions 41 and 51, 12 hours); ${use}:`,
      `  {"Authorization": "Bearer ${token}"}`,
      `Another token:       ${TOKEN_COMMAND}`,
    );
  } else {
    lines.push(
      `Get a token:         ${TOKEN_COMMAND}`,
      'Then set the header  Authorization: Bearer <token>',
    );
  }
  return [...lines, ''];
};

/** config → database (migrations) → demo data on first start → HTTP server; SIGTERM drains and exits 0. */
const main = async (): Promise<void> => {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`jingban: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const clock = new SystemClock();
  const db = await openDatabase(config);
  const app = await createApp({ config, db, clock, logger });
  // Years without a loaded holiday schedule that counts from today can reach: a warning each (rules.md §3.6).
  await app.services.calendar.warnUnscheduledAhead(clock.today());
  if (await shouldSeed(config, () => isEmpty(db.dataSource))) {
    const rows = await seedDemo(db.dataSource, app.services, clock.today());
    logger.info({ rows }, 'demo data loaded');
  }
  // How many stored dates were counted over such a year, and so may move when it is loaded (rules.md §3.6).
  await app.services.calendar.logProvisionalDueDates();

  const token = config.mode === 'embedded' ? await demoToken(config) : undefined;
  // Only a server nobody else reaches hands its IDE the token: the page would give it to whoever loads it.
  let ideHoldsToken = false;
  if (
    token !== undefined &&
    config.ide !== 'none' &&
    config.host !== undefined &&
    LOOPBACK.has(config.host)
  ) {
    try {
      const ids = await app.prefillIde(token);
      ideHoldsToken = true;
      logger.info({ ids: Object.keys(ids) }, 'IDE prefilled with the demo token and ids');
    } catch (err) {
      // The IDE then opens with the placeholders: nothing a newcomer needs stops the server.
      logger.warn({ err }, 'IDE not prefilled');
    }
  }

  await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
  const { port, address } = app.httpServer.address() as AddressInfo;
  logger.info({ address, port, mode: config.mode }, 'listening');
  process.stdout.write(startLines(config, port, token, ideHoldsToken).join('\n'));

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    const began = Date.now();
    logger.info({ signal }, 'stopping');
    try {
      await app.stop();
      await db.close();
      logger.info({ ms: Date.now() - began }, 'stopped: database closed, exiting');
      logger.flush();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'unclean stop');
      logger.flush();
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
};

main().catch((err: unknown) => {
  process.stderr.write(
    `jingban: could not start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
