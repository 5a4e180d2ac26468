import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import { openPglite, openPostgres, type Database } from '../../src/db/data-source';

/**
 * A fresh, migrated database for one test file: on the real PostgreSQL of `DATABASE_URL` a new database
 * (`jingban_t_…`, dropped at close), else an in-memory PGlite. No mocks (DEVELOPERS.md, "Real parts").
 */
export const openTestDatabase = async (): Promise<Database> => {
  const config = loadConfig({ ...process.env, DATA_DIR: '/nonexistent-never-written' });
  if (config.mode === 'embedded' || !config.databaseUrl) {
    const db = await openPglite();
    await db.dataSource.runMigrations({ transaction: 'each' });
    return db;
  }
  const name = `jingban_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: config.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(config.databaseUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  await db.dataSource.runMigrations({ transaction: 'each' });
  return {
    ...db,
    async close() {
      await db.close();
      const a = new Client({ connectionString: config.databaseUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
};

/** True when the suite runs against a real PostgreSQL server. */
export const onRealPostgres = (): boolean => Boolean(process.env.DATABASE_URL);
