import { citusSetupSql, DISTRIBUTION } from '../../src/db/distribution';
import type { Database } from '../../src/db/data-source';
import { openTestDatabase } from '../helpers/test-db';

/*
 * The schema is ready for Citus, distributed by insured person (docs/scaling.md, "Ready for Citus";
 * src/db/distribution.ts): checked on the live, migrated schema — no constraint a sharded database could not enforce.
 */

interface ConstraintRow {
  table: string;
  name: string;
  type: 'p' | 'u' | 'f';
  columns: string[];
  ref_table: string | null;
  ref_columns: string[] | null;
}

describe('Citus readiness (distributed by insured person)', () => {
  let db: Database;
  let tables: string[];
  let constraints: ConstraintRow[];
  let uniqueIndexes: Array<{ table: string; name: string; columns: string[] }>;

  const kindOf = (t: string) =>
    t in DISTRIBUTION.byPerson
      ? 'person'
      : t in DISTRIBUTION.ownKey
        ? 'own'
        : DISTRIBUTION.reference.includes(t)
          ? 'reference'
          : DISTRIBUTION.local.includes(t)
            ? 'local'
            : 'unclassified';
  const distributionColumn = (t: string): string | undefined =>
    DISTRIBUTION.byPerson[t] ?? DISTRIBUTION.ownKey[t];

  beforeAll(async () => {
    db = await openTestDatabase();
    const q = db.dataSource;
    tables = (
      await q.query<{ t: string }[]>(
        `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
      )
    ).map((r) => r.t);
    constraints = await q.query<ConstraintRow[]>(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype AS type,
         array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
         CASE WHEN c.contype = 'f' THEN c.confrelid::regclass::text END AS ref_table,
         CASE WHEN c.contype = 'f' THEN array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) END AS ref_columns
       FROM pg_constraint c JOIN pg_namespace ns ON ns.oid = c.connamespace
       WHERE ns.nspname = 'public' AND c.contype IN ('p', 'u', 'f')`,
    );
    uniqueIndexes = await q.query(
      `SELECT i.indrelid::regclass::text AS table, ic.relname AS name,
         array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(n, o)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o) AS columns
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace ns ON ns.oid = ic.relnamespace
       WHERE ns.nspname = 'public' AND i.indisunique`,
    );
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('classifies every table exactly once', () => {
    const classified = [
      ...Object.keys(DISTRIBUTION.byPerson),
      ...Object.keys(DISTRIBUTION.ownKey),
      ...DISTRIBUTION.reference,
      ...DISTRIBUTION.local,
    ];
    expect(new Set(classified).size).toBe(classified.length);
    expect(tables.filter((t) => kindOf(t) === 'unclassified')).toEqual([]);
    expect(classified.filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('has every primary key, unique constraint and unique index of a distributed table contain its column', () => {
    const offending = [...constraints.filter((c) => c.type !== 'f'), ...uniqueIndexes]
      .filter((c) => distributionColumn(c.table) !== undefined)
      .filter((c) => !c.columns.includes(distributionColumn(c.table)!))
      .map((c) => `${c.table}.${c.name} (${c.columns.join(', ')})`);
    expect(offending).toEqual([]);
  });

  it('has only foreign keys Citus enforces', () => {
    const offending = constraints
      .filter((c) => c.type === 'f')
      .filter((c) => {
        const from = kindOf(c.table);
        const to = kindOf(c.ref_table!);
        if (to === 'reference') {
          // Any table may point at a reference table, but a reference table only at another one.
          return from === 'local'
            ? false
            : from !== 'reference' && from !== 'person' && from !== 'own';
        }
        if (to === 'person') {
          // Between co-located distributed tables, on the distribution columns (same position in both keys).
          if (from !== 'person') {
            return true;
          }
          const i = c.columns.indexOf(distributionColumn(c.table)!);
          return i < 0 || c.ref_columns![i] !== distributionColumn(c.ref_table!);
        }
        if (to === 'own') {
          return true;
        }
        return from !== 'local';
      })
      .map((c) => `${c.table}.${c.name} → ${c.ref_table}`);
    expect(offending).toEqual([]);
  });

  it('writes the Citus statements for the plan, references first', () => {
    const sql = citusSetupSql();
    expect(sql[0]).toBe('CREATE EXTENSION IF NOT EXISTS citus;');
    expect(sql).toContain(
      "SELECT create_distributed_table('claim', 'insured_person_id', colocate_with => 'insured_person');",
    );
    const lastReference = sql.map((s) => s.includes('create_reference_table')).lastIndexOf(true);
    const firstDistributed = sql.findIndex((s) => s.includes('create_distributed_table'));
    expect(lastReference).toBeLessThan(firstDistributed);
  });
});
