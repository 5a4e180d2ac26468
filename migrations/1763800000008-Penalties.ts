import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervision of designated institutions (Suining arts. 60–72; rules.md §7): inspections and their findings,
 * penalties, and payments of penalties. Findings and payments are history (append-only); a penalty is a decision,
 * recorded once and never edited (append-only too).
 */
export class Penalties1763800000008 implements MigrationInterface {
  name = 'Penalties1763800000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inspection (
        id uuid PRIMARY KEY,
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        inspected_on date NOT NULL,
        no_stock_records boolean NOT NULL,
        stock_items jsonb NOT NULL,
        service_items jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX inspection_agreement_idx ON inspection (agreement_id, inspected_on)`,
    );
    await q.query(`
      CREATE TABLE inspection_finding (
        id bigserial PRIMARY KEY,
        inspection_id uuid NOT NULL REFERENCES inspection (id),
        item_code text NOT NULL,
        ratio_kind text NOT NULL,
        ratio numeric,
        tier text NOT NULL,
        violation_code text NOT NULL REFERENCES violation_type (code),
        article text NOT NULL
      )`);
    await q.query(`CREATE INDEX inspection_finding_idx ON inspection_finding (inspection_id, id)`);
    await q.query(`
      CREATE TABLE penalty (
        id uuid PRIMARY KEY,
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        inspection_id uuid REFERENCES inspection (id),
        violation_code text NOT NULL REFERENCES violation_type (code),
        article text NOT NULL,
        occurred_on date NOT NULL,
        notice_on date NOT NULL,
        detected_by text NOT NULL
          CHECK (detected_by IN ('SELF_REPORT', 'INSPECTION', 'AUDIT', 'SMART_REVIEW', 'COMPLAINT')),
        violating_amount numeric(18,2) CHECK (violating_amount >= 0),
        occurrences int NOT NULL CHECK (occurrences >= 1),
        multiplier numeric,
        base_tier text NOT NULL,
        tier text NOT NULL CHECK (tier IN ('MINOR', 'GENERAL', 'SERIOUS', 'SEVERE', 'GRAVE')),
        escalated boolean NOT NULL,
        escalated_by text[] NOT NULL,
        fraud boolean NOT NULL,
        lenient boolean NOT NULL,
        recovered_amount numeric(18,2) NOT NULL,
        damages numeric(18,2) NOT NULL,
        total_due numeric(18,2) NOT NULL,
        due_on date NOT NULL,
        enforceable_from date NOT NULL,
        actions text[] NOT NULL,
        needs_officer_decision boolean NOT NULL,
        suspension_from date,
        suspension_to date,
        terminated_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT penalty_total_check CHECK (total_due = recovered_amount + damages)
      )`);
    await q.query(`CREATE INDEX penalty_agreement_idx ON penalty (agreement_id, created_at)`);
    await q.query(`CREATE INDEX penalty_enforceable_idx ON penalty (enforceable_from)`);
    await q.query(`
      CREATE TABLE penalty_payment (
        id bigserial PRIMARY KEY,
        penalty_id uuid NOT NULL REFERENCES penalty (id),
        paid_on date NOT NULL,
        amount numeric(18,2) NOT NULL CHECK (amount > 0),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX penalty_payment_idx ON penalty_payment (penalty_id, paid_on)`);
    for (const table of ['inspection', 'inspection_finding', 'penalty', 'penalty_payment']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION jingban_refuse_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION jingban_refuse_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['penalty_payment', 'penalty', 'inspection_finding', 'inspection']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
