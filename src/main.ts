import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './db/data-source';
import { isEmpty, seedDemo } from './demo/seed-demo';
import { SystemClock } from './shared/clock';
import { createLogger } from './shared/logger';

const shouldSeed = async (config: Config, empty: () => Promise<boolean>): Promise<boolean> =>
  config.seedDemo === true ||
  (config.seedDemo === 'auto' && config.mode === 'embedded' && (await empty()));

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
  process.stdout.write(
    [
      '',
      `Jingban (经办) is serving http://localhost:${port}/graphql (${config.mode === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL'})`,
      'Get a token:   npm run -s token -- --role AGENCY --regions 41,51',
      'Then open the URL above and set the header   Authorization: Bearer <token>',
      '',
    ].join('\n'),
  );

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
