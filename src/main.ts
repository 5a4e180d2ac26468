import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './db/data-source';
import { isEmpty, seedDemo } from './demo/seed-demo';
import { Role } from './shared/caller';
import { signToken } from './graphql/auth/token';
import { GRAPHIQL_PATH } from './http/ide';
import { SystemClock } from './shared/clock';
import { createLogger } from './shared/logger';

const shouldSeed = async (config: Config, empty: () => Promise<boolean>): Promise<boolean> =>
  config.seedDemo === true ||
  (config.seedDemo === 'auto' && config.mode === 'embedded' && (await empty()));

const TOKEN_COMMAND = 'npm run -s token -- --role AGENCY --regions 41,51';

/**
 * What the start line says: where the server and its IDEs are and, in embedded mode, a ready AGENCY token (regions
 * 41 and 51, 12 hours, signed as `npm run token` signs) to paste into the IDE's headers.
 */
const startLines = async (config: Config, port: number): Promise<string[]> => {
  const base = `http://localhost:${port}`;
  const where =
    config.mode === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL';
  const lines = ['', `Jingban (经办) is serving ${base}/graphql (${where})`];
  if (config.ide === 'sandbox') {
    lines.push(`Apollo Sandbox:      ${base}/graphql (its code comes from Apollo's servers)`);
  }
  if (config.ide === 'none') {
    lines.push('No IDE (IDE=none): POST JSON to /graphql');
  } else {
    const also = config.ide === 'graphiql' ? ' (and /graphql)' : '';
    lines.push(`GraphiQL (offline):  ${base}${GRAPHIQL_PATH}${also}`);
  }
  if (config.mode === 'embedded') {
    const token = await signToken(
      { sub: 'local-agency', role: Role.AGENCY, regions: ['41', '51'], expiresIn: '12h' },
      config.jwtSecret,
    );
    const use = config.ide === 'none' ? 'send this header' : "paste this into the IDE's Headers";
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
  if (await shouldSeed(config, () => isEmpty(db.dataSource))) {
    const rows = await seedDemo(db.dataSource, app.services, clock.today());
    logger.info({ rows }, 'demo data loaded');
  }

  await new Promise<void>((resolve) => app.httpServer.listen(config.port, resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  logger.info({ port, mode: config.mode }, 'listening');
  process.stdout.write((await startLines(config, port)).join('\n'));

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, 'stopping: draining requests');
    try {
      await app.stop();
      await db.close();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'unclean stop');
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
