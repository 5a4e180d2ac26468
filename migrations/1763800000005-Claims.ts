import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Critical-illness claims on an append-only annual ledger (rules.md §3). Claim-side tables are keyed by
 * (insured_person_id, id), so they can be distributed by person (stack.md); the idempotency keys live in a table of
 * their own, keyed by (institution_id, settlement_number). Ledger entries are never updated or deleted.
 */
export class Claims1763800000005 implements MigrationInterface {
  name = 'Claims1763800000005';

  async up(q: QueryRunner): Promise<void> {
    const money = (name: string) => `${name} numeric(18,2) NOT NULL CHECK (${name} >= 0)`;
    await q.query(`
      CREATE TABLE claim (
        insured_person_id uuid NOT NULL REFERENCES insured_person (id),
        id uuid NOT NULL,
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        institution_id uuid NOT NULL REFERENCES organization (id),
        settlement_number text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('DIRECT', 'MANUAL')),
        admission_date date NOT NULL,
        discharge_date date NOT NULL,
        declared_on date NOT NULL,
        ${money('total_cost')},
        ${money('basic_fund_paid')},
        ${money('out_of_catalog_cost')},
        ${money('class_b_first_pay')},
        ${money('below_basic_deductible')},
        ${money('transfer_reduction')},
        ${money('over_fixed_rate')},
        ${money('medical_assistance_paid')},
        ${money('other_excluded_cost')},
        ${money('eligible_self_pay')},
        schedule text NOT NULL CHECK (schedule IN ('GENERAL', 'PREFERENTIAL')),
        terms_version_id uuid NOT NULL REFERENCES agreement_terms (id),
        accumulator_year int NOT NULL,
        ${money('cumulative_before')},
        ${money('cumulative_after')},
        ${money('benefit')},
        bands jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('ADJUDICATED', 'PAID', 'REJECTED', 'REVERSED')),
        rejection_reason text,
        payment_due_on date NOT NULL,
        paid_on date,
        region_code char(6) NOT NULL,
        payload_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (insured_person_id, id),
        CONSTRAINT claim_dates_check CHECK (admission_date <= discharge_date AND discharge_date <= declared_on),
        CONSTRAINT claim_rejection_check CHECK ((status = 'REJECTED') = (rejection_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX claim_id_idx ON claim (id)`);
    await q.query(`CREATE INDEX claim_agreement_idx ON claim (agreement_id, discharge_date)`);
    await q.query(`CREATE INDEX claim_institution_idx ON claim (institution_id, discharge_date)`);
    await q.query(`CREATE INDEX claim_person_idx ON claim (insured_person_id, discharge_date, id)`);
    await q.query(`CREATE INDEX claim_list_idx ON claim (discharge_date, id)`);
    await q.query(
      `CREATE INDEX claim_unpaid_idx ON claim (payment_due_on) WHERE paid_on IS NULL AND status = 'ADJUDICATED'`,
    );
    await q.query(`
      CREATE TABLE claim_idempotency (
        institution_id uuid NOT NULL,
        settlement_number text NOT NULL,
        insured_person_id uuid NOT NULL,
        claim_id uuid NOT NULL,
        payload_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (institution_id, settlement_number)
      )`);
    await q.query(`
      CREATE TABLE accumulator (
        insured_person_id uuid NOT NULL REFERENCES insured_person (id),
        year int NOT NULL,
        eligible_total numeric(18,2) NOT NULL DEFAULT 0,
        benefit_total numeric(18,2) NOT NULL DEFAULT 0,
        entry_count int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (insured_person_id, year)
      )`);
    await q.query(`
      CREATE TABLE ledger_entry (
        insured_person_id uuid NOT NULL,
        id bigserial NOT NULL,
        year int NOT NULL,
        claim_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('CLAIM', 'REVIEW', 'REVERSAL')),
        eligible_delta numeric(18,2) NOT NULL,
        benefit_delta numeric(18,2) NOT NULL,
        cumulative_before numeric(18,2) NOT NULL,
        cumulative_after numeric(18,2) NOT NULL,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (insured_person_id, id),
        FOREIGN KEY (insured_person_id, year) REFERENCES accumulator (insured_person_id, year),
        CONSTRAINT ledger_entry_chain_check CHECK (cumulative_after = cumulative_before + eligible_delta),
        CONSTRAINT ledger_entry_sign_check CHECK (
          (kind = 'CLAIM' AND eligible_delta >= 0 AND benefit_delta >= 0)
          OR (kind <> 'CLAIM' AND eligible_delta <= 0 AND benefit_delta <= 0))
      )`);
    await q.query(
      `CREATE INDEX ledger_entry_claim_idx ON ledger_entry (insured_person_id, claim_id)`,
    );
    await q.query(`
      CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
      FOR EACH ROW EXECUTE FUNCTION jingban_refuse_change()`);
    await q.query(`
      CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry
      FOR EACH STATEMENT EXECUTE FUNCTION jingban_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_entry`);
    await q.query(`DROP TABLE accumulator`);
    await q.query(`DROP TABLE claim_idempotency`);
    await q.query(`DROP TABLE claim`);
  }
}
