import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { types } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import type { Config } from '../config';
import { entities } from './entities';
import { SnakeNamingStrategy } from './naming.strategy';
import { acquireDataDirLock } from './pglite-lock';

// `date` columns stay `YYYY-MM-DD` strings: pg would make local-midnight JS Dates, a day early east of UTC (stack.md).
types.setTypeParser(1082, (s: string) => s);

export interface Database {
  readonly dataSource: DataSource;
  readonly kind: 'pglite' | 'postgres';
  /** Closes the pool (and the embedded database and its lock). */
  close(): Promise<void>;
}

const baseOptions = {
  type: 'postgres',
  entities,
  migrations,
  migrationsTransactionMode: 'each',
  synchronize: false,
  namingStrategy: new SnakeNamingStrategy(),
  uuidExtension: 'pgcrypto',
  logging: false,
} as const;

/** TypeORM options for a real PostgreSQL server (also what `ormconfig.ts` gives the CLI). */
/**
 * node-postgres pool settings: 10 connections; a connection attempt gives up after 5 s (so `/readyz` and requests
 * fail fast while the server is unreachable, and recover by themselves once it is back); idle clients close after 30 s.
 */
const POOL = {
  max: 10,
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  // A statement never runs longer than a request may (src/graphql/plugins/time-limit.ts).
  statement_timeout: 30_000,
};

export const postgresOptions = (
  url: string,
  replicaUrls: readonly string[] = [],
): DataSourceOptions =>
  replicaUrls.length > 0
    ? {
        ...baseOptions,
        replication: {
          master: { url },
          slaves: replicaUrls.map((u) => ({ url: u })),
          defaultMode: 'master',
        },
        extra: POOL,
      }
    : { ...baseOptions, url, extra: POOL };

/**
 * PGlite (PostgreSQL in WASM) through its node-postgres adapter, the embedded default (stack.md: why not
 * `typeorm-pglite` or `pglite-socket`). One connection, so every query is serialised. `dataDir` undefined: in memory.
 */
export const openPglite = async (dataDir?: string): Promise<Database> => {
  const release = dataDir ? acquireDataDirLock(dataDir) : () => undefined;
  try {
    const pglite = await PGlite.create(dataDir ? path.join(dataDir, 'pgdata') : undefined);
    const dataSource = new DataSource({ ...baseOptions, extra: { ...createPgConfig(pglite) } });
    await dataSource.initialize();
    return {
      dataSource,
      kind: 'pglite',
      async close() {
        if (dataSource.isInitialized) {
          await dataSource.destroy();
        }
        await pglite.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
};

export const openPostgres = async (
  url: string,
  replicaUrls: readonly string[] = [],
): Promise<Database> => {
  const dataSource = new DataSource(postgresOptions(url, replicaUrls));
  await dataSource.initialize();
  return {
    dataSource,
    kind: 'postgres',
    async close() {
      if (dataSource.isInitialized) {
        await dataSource.destroy();
      }
    },
  };
};

/** Opens the database the configuration names and applies pending migrations (never `synchronize`). */
export const openDatabase = async (config: Config): Promise<Database> => {
  const db =
    config.mode === 'postgres' && config.databaseUrl
      ? await openPostgres(config.databaseUrl, config.replicaUrls)
      : await openPglite(path.join(config.dataDir, 'db'));
  try {
    await db.dataSource.runMigrations({ transaction: 'each' });
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
};
