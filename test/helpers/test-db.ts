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
  const created = await createTestDatabase(databaseUrl);
  const db = await openPostgres(created.url);
  await db.dataSource.runMigrations({ transaction: 'each' });
  return {
    ...db,
    async close() {
      await db.close();
      await created.drop();
    },
  };
};

/** A new, empty database (`jingban_t_…`) on the server of `databaseUrl`: its URL, and how to drop it. */
export const createTestDatabase = async (
  databaseUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> => {
  const name = `jingban_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const a = new Client({ connectionString: databaseUrl });
    await a.connect();
    await a.query(sql);
    await a.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
};

/** True when the suite runs against a real PostgreSQL server. */
export const onRealPostgres = (): boolean => Boolean(process.env.DATABASE_URL);
