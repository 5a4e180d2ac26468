import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The node-postgres pool of the primary, which TypeORM's postgres driver keeps in the undocumented `driver.master`
 * (TypeORM 1.1; a pg `Pool` on PostgreSQL, and on PGlite's node-postgres adapter in embedded mode). The one place that
 * reaches into it: test/e2e/fast-path.e2e-spec.ts fails if TypeORM moves or renames it, or stops sending its own
 * statements through it. Undefined when the driver has no such pool, so a caller falls back to TypeORM's own path
 * (slower, never wrong).
 */
export const primaryPoolOf = (db: DataSource): Pool | undefined => {
  const pool = (db.driver as unknown as { master?: Pool }).master;
  return typeof pool?.query === 'function' && typeof pool.connect === 'function' ? pool : undefined;
};
