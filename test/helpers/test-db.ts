import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openPglite, openPostgres, type Database } from '../../src/db/data-source';

/**
 * A fresh, migrated database for one test file: on the real PostgreSQL of `DATABASE_URL` a new database
 * (`jingban_t_…`, dropped at close), else an in-memory PGlite. No mocks (DEVELOPERS.md, "Real parts").
 */
export const openTestDatabase = async (): Promise<Database> => {
  // Tests read only the server's address from the environment; keys are the tests' own (test-app.ts).
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (!databaseUrl) {
    const db = await openPglite();
    await db.dataSource.runMigrations({ transaction: 'each' });
    return db;
  }
  const name = `jingban_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  await db.dataSource.runMigrations({ transaction: 'each' });
  return {
    ...db,
    async close() {
      await db.close();
      const a = new Client({ connectionString: databaseUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
};

/** True when the suite runs against a real PostgreSQL server. */
export const onRealPostgres = (): boolean => Boolean(process.env.DATABASE_URL);
