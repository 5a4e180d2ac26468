import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The seed values of rules.md as stored in 2026-11 (terms.codec.ts form), frozen here so this migration never changes
 * meaning when the code's defaults move. Agreements created before this migration get them as their first version.
 */
const SEED_TERMS: Record<string, string> = {
  CRITICAL_ILLNESS:
    '{"kind":"CRITICAL_ILLNESS","general":{"deductible":"11000","bands":[{"upTo":"100000","rate":"0.6"},{"upTo":null,"rate":"0.7"}],"annualCap":"400000"},"preferential":{"deductible":"5500","bands":[{"upTo":"100000","rate":"0.65"},{"upTo":null,"rate":"0.75"}],"annualCap":null},"riskReserveRate":"0.05","assessmentDepositRate":"0.03","profitCapRate":"0.03","directPaymentWorkingDays":15,"manualPaymentWorkingDays":20,"appropriationReceiptWorkingDays":2,"monthlyReportDueDay":5,"staffing":{"medicalShareMin":"0.5","cityStaffMin":3,"cityMedicalMin":1,"countyInsuredPerStaff":200000,"colocatedStaffMin":3}}',
  COMMISSIONED_HANDLING:
    '{"kind":"COMMISSIONED_HANDLING","feePerPersonYear":"1.5","manualSettlementSampleRate":"0.1","manualReviewSampleRate":"0.05","auditThresholds":[{"passRateBelow":"0.9","deductionRate":"0.02","reReview":false},{"passRateBelow":"0.8","deductionRate":"0.05","reReview":true}],"breachDamagesRate":"0.02","savingsRewardRate":"0","staffing":{"cityStaffMin":63,"cityMedicalMin":40,"cityFinanceMin":1,"cityItMin":1,"countyStaffMin":97,"countyMedicalMin":49,"countyFinanceMin":9,"countyItMin":9}}',
  DESIGNATED_INSTITUTION:
    '{"kind":"DESIGNATED_INSTITUTION","declarationDayOfMonth":10,"paymentWorkingDays":30,"penaltyDueWorkingDays":30,"overdueGraceWorkingDays":10,"nonFeeDamagesPerOccurrence":"1000","damagesRanges":[{"tier":"SERIOUS","minMultiplier":"1","maxMultiplier":"2"},{"tier":"SEVERE","minMultiplier":"3","maxMultiplier":"3"},{"tier":"GRAVE","minMultiplier":"3","maxMultiplier":"5"}],"maxSuspensionMonths":6}',
};

/**
 * Terms versions (rules.md §1), suspension periods and termination (rules.md §7.3–7.5). Versions and suspensions are
 * history: the database refuses UPDATE, DELETE and TRUNCATE on them.
 */
export class AgreementTerms1763800000003 implements MigrationInterface {
  name = 'AgreementTerms1763800000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agreement_terms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        effective_from date NOT NULL,
        terms jsonb NOT NULL CHECK (jsonb_typeof(terms) = 'object'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agreement_terms_version_key UNIQUE (agreement_id, effective_from)
      )`);
    await q.query(`
      CREATE TABLE agreement_suspension (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agreement_suspension_dates_check CHECK (ends_on >= starts_on)
      )`);
    await q.query(
      `CREATE INDEX agreement_suspension_agreement_idx ON agreement_suspension (agreement_id, starts_on)`,
    );
    await q.query(
      `ALTER TABLE agreement ADD COLUMN terminated_on date, ADD COLUMN termination_reason text`,
    );
    for (const table of ['agreement_terms', 'agreement_suspension']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION jingban_refuse_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION jingban_refuse_change()`);
    }
    for (const [kind, terms] of Object.entries(SEED_TERMS)) {
      await q.query(
        `INSERT INTO agreement_terms (agreement_id, effective_from, terms)
         SELECT id, effective_from, $1::jsonb FROM agreement WHERE kind = $2`,
        [terms, kind],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE agreement DROP COLUMN terminated_on, DROP COLUMN termination_reason`,
    );
    await q.query(`DROP TABLE agreement_suspension`);
    await q.query(`DROP TABLE agreement_terms`);
  }
}
