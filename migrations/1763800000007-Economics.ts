import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contract economics (rules.md §4–§6, §8): report filings, insured counts, quarterly audits and their items, handling breaches, staffing
 * reports, funds raised and year-end clearings. Recorded figures are history: a correction is a new row and the
 * latest recorded wins, so the append-only tables refuse UPDATE and DELETE. Audits change state (verdicts, finalizing)
 * and are ordinary tables.
 */
export class Economics1763800000007 implements MigrationInterface {
  name = 'Economics1763800000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE insured_count (
        id bigserial PRIMARY KEY,
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        year_end int NOT NULL,
        count bigint NOT NULL CHECK (count >= 0),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX insured_count_idx ON insured_count (agreement_id, year_end, id)`);
    await q.query(`
      CREATE TABLE quarterly_audit (
        id uuid PRIMARY KEY,
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        year int NOT NULL,
        quarter int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        seed text NOT NULL,
        sampled_count int NOT NULL,
        passed_count int NOT NULL DEFAULT 0,
        pass_rate numeric,
        deduction_rate numeric,
        re_review boolean NOT NULL DEFAULT false,
        finalized_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT quarterly_audit_quarter_key UNIQUE (agreement_id, year, quarter)
      )`);
    await q.query(`
      CREATE TABLE audit_item (
        id uuid PRIMARY KEY,
        audit_id uuid NOT NULL REFERENCES quarterly_audit (id),
        position int NOT NULL,
        insured_person_id uuid NOT NULL,
        claim_id uuid NOT NULL,
        population text NOT NULL CHECK (population IN ('MANUAL_SETTLEMENT', 'REVIEWED')),
        passed boolean,
        note text,
        judged_at timestamptz,
        CONSTRAINT audit_item_claim_key UNIQUE (audit_id, population, claim_id),
        FOREIGN KEY (insured_person_id, claim_id) REFERENCES claim (insured_person_id, id)
      )`);
    await q.query(`
      CREATE TABLE handling_breach (
        id uuid PRIMARY KEY,
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        occurred_on date NOT NULL,
        description text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX handling_breach_idx ON handling_breach (agreement_id, occurred_on)`,
    );
    await q.query(`
      CREATE TABLE staffing_report (
        id bigserial PRIMARY KEY,
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        level text NOT NULL CHECK (level IN ('CITY', 'COUNTY')),
        region_code char(6) NOT NULL,
        medical int NOT NULL CHECK (medical >= 0),
        finance int NOT NULL CHECK (finance >= 0),
        it int NOT NULL CHECK (it >= 0),
        other int NOT NULL CHECK (other >= 0),
        insured_count bigint CHECK (insured_count >= 0),
        co_located int CHECK (co_located >= 0),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX staffing_report_idx ON staffing_report (agreement_id, level, region_code, id)`,
    );
    await q.query(`
      CREATE TABLE fund_raised (
        id bigserial PRIMARY KEY,
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        year int NOT NULL,
        amount numeric(18,2) NOT NULL CHECK (amount >= 0),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX fund_raised_idx ON fund_raised (agreement_id, year, id)`);
    await q.query(`
      CREATE TABLE fund_clearing (
        id bigserial PRIMARY KEY,
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        year int NOT NULL,
        policy_loss boolean NOT NULL,
        deposit_return_ratio numeric NOT NULL,
        raised_amount numeric(18,2) NOT NULL,
        benefits_paid numeric(18,2) NOT NULL,
        risk_reserve numeric(18,2) NOT NULL,
        assessment_deposit numeric(18,2) NOT NULL,
        deposit_returned numeric(18,2) NOT NULL,
        available_to_insurer numeric(18,2) NOT NULL,
        surplus numeric(18,2) NOT NULL,
        insurer_retained numeric(18,2) NOT NULL,
        to_treasury numeric(18,2) NOT NULL,
        insurer_bears_loss numeric(18,2) NOT NULL,
        from_risk_reserve numeric(18,2) NOT NULL,
        carried_forward numeric(18,2) NOT NULL,
        cleared_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX fund_clearing_idx ON fund_clearing (agreement_id, year, id)`);
    await q.query(`
      CREATE TABLE report_filing (
        id bigserial PRIMARY KEY,
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        kind text NOT NULL CHECK (kind IN ('MONTHLY', 'HALF_YEAR', 'ANNUAL')),
        period text NOT NULL,
        filed_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX report_filing_idx ON report_filing (agreement_id, kind, period, id)`,
    );
    for (const table of [
      'report_filing',
      'insured_count',
      'handling_breach',
      'staffing_report',
      'fund_raised',
      'fund_clearing',
    ]) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION jingban_refuse_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION jingban_refuse_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'report_filing',
      'fund_clearing',
      'fund_raised',
      'staffing_report',
      'handling_breach',
      'audit_item',
      'quarterly_audit',
      'insured_count',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
