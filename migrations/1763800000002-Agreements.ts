import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Agreements between party A (an agency) and party B (an insurer or a designated institution), rules.md §1. */
export class Agreements1763800000002 implements MigrationInterface {
  name = 'Agreements1763800000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('COMMISSIONED_HANDLING', 'CRITICAL_ILLNESS', 'DESIGNATED_INSTITUTION')),
        title text NOT NULL,
        party_a_id uuid NOT NULL REFERENCES organization (id),
        party_b_id uuid NOT NULL REFERENCES organization (id),
        region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        covered_regions text[] NOT NULL CHECK (cardinality(covered_regions) > 0),
        effective_from date NOT NULL,
        effective_to date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agreement_code_key UNIQUE (code),
        CONSTRAINT agreement_dates_check CHECK (effective_to >= effective_from)
      )`);
    await q.query(`CREATE INDEX agreement_party_a_idx ON agreement (party_a_id)`);
    await q.query(`CREATE INDEX agreement_party_b_idx ON agreement (party_b_id)`);
    await q.query(`CREATE INDEX agreement_kind_code_idx ON agreement (kind, code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agreement`);
  }
}
