import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The platform's tables: organizations, the working-day calendar, and the append-only audit trail. Append-only
 * tables are enforced by the database: `jingban_refuse_change()` refuses UPDATE, DELETE and TRUNCATE.
 */
export class Init1763800000000 implements MigrationInterface {
  name = 'Init1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION jingban_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'restrict_violation';
      END
      $$`);
    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('AGENCY', 'INSURER', 'MEDICAL_INSTITUTION')),
        region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organization_code_key UNIQUE (code)
      )`);
    await q.query(`CREATE INDEX organization_kind_region_idx ON organization (kind, region_code)`);
    await q.query(`
      CREATE TABLE calendar_day (
        date date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY'))
      )`);
    await q.query(`
      CREATE TABLE calendar_year (
        year int PRIMARY KEY CHECK (year BETWEEN 1949 AND 9999),
        source text NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE audit_trail (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_sub text NOT NULL,
        role text NOT NULL,
        org text,
        request_id text,
        operation text NOT NULL,
        ids text[] NOT NULL,
        input jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_trail_at_idx ON audit_trail (at)`);
    await q.query(`
      CREATE TRIGGER audit_trail_append_only BEFORE UPDATE OR DELETE ON audit_trail
      FOR EACH ROW EXECUTE FUNCTION jingban_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
      FOR EACH STATEMENT EXECUTE FUNCTION jingban_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_trail`);
    await q.query(`DROP TABLE calendar_year`);
    await q.query(`DROP TABLE calendar_day`);
    await q.query(`DROP TABLE organization`);
    await q.query(`DROP FUNCTION jingban_refuse_change()`);
  }
}
