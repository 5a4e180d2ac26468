import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Insured persons (rules.md §2): the ID number encrypted (AES-256-GCM), found by its keyed hash, kept masked; the
 * special-status history; the log of full ID-number reads. History and log are append-only (jingban_refuse_change).
 * Person-side tables are keyed by (insured_person_id, id) so they can be distributed by person (stack.md).
 */
export class InsuredPersons1763800000004 implements MigrationInterface {
  name = 'InsuredPersons1763800000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE insured_person (
        id uuid PRIMARY KEY,
        id_number_hash bytea NOT NULL CHECK (length(id_number_hash) = 32),
        id_number_enc bytea NOT NULL,
        id_number_key_id text NOT NULL,
        id_number_masked text NOT NULL CHECK (id_number_masked ~ '^[0-9]{6}[*]{8}[0-9]{3}[0-9X]$'),
        name text NOT NULL,
        sex text NOT NULL CHECK (sex IN ('MALE', 'FEMALE')),
        birth_date date NOT NULL,
        region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT insured_person_id_number_key UNIQUE (id_number_hash)
      )`);
    // Lists page by (region_code, id); region prefixes (a token's "41") filter with LIKE on the pattern index.
    await q.query(`CREATE INDEX insured_person_region_idx ON insured_person (region_code, id)`);
    await q.query(
      `CREATE INDEX insured_person_region_prefix_idx ON insured_person (region_code bpchar_pattern_ops)`,
    );
    await q.query(`
      CREATE TABLE person_special_status (
        insured_person_id uuid NOT NULL REFERENCES insured_person (id),
        id bigserial NOT NULL,
        status text NOT NULL
          CHECK (status IN ('NONE', 'EXTREME_POVERTY', 'MINIMUM_LIVING', 'POVERTY_RELAPSE')),
        effective_from date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (insured_person_id, id)
      )`);
    await q.query(`
      CREATE TABLE person_access_log (
        id bigserial PRIMARY KEY,
        insured_person_id uuid NOT NULL,
        accessed_at timestamptz NOT NULL DEFAULT now(),
        user_sub text NOT NULL,
        role text NOT NULL,
        org text,
        request_id text NOT NULL,
        operation text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX person_access_log_person_idx ON person_access_log (insured_person_id, accessed_at)`,
    );
    for (const table of ['person_special_status', 'person_access_log']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION jingban_refuse_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION jingban_refuse_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_access_log`);
    await q.query(`DROP TABLE person_special_status`);
    await q.query(`DROP TABLE insured_person`);
  }
}
