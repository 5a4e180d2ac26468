import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The columns and the table of the rule corrections of rules.md §§3.5, 7.2, 7.3 (docs/decisions.md, "Rule corrections"):
 * - `penalty.amount_involved` and `penalty.purchases_total`: the amount involved (涉及金额) and all purchases of the
 *   period checked, which place an amount entry's tier (64(五), 65(二)/66(三), 65(三)/66(六));
 * - `organization.public_institution`: 公立医疗机构, which may not ask to suspend its agreement (art. 78);
 * - `agreement.continues`: party A recorded that the agreement continues past its end (art. 82);
 * - `agreement_suspension.requested_on` and `.lapses_on`: a suspension at the institution's request (arts. 76–78) and
 *   the day a 180-day one ends the agreement unless the institution asks to continue (76);
 * - `agreement_suspension_continuation`: those requests to continue, one per suspension, append-only.
 * Every existing row keeps its meaning: no amount involved given, not public, not continued, ordered by a penalty.
 */
export class RuleCorrections1763800000040 implements MigrationInterface {
  name = 'RuleCorrections1763800000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE penalty
        ADD COLUMN amount_involved numeric(18,2) CHECK (amount_involved >= 0),
        ADD COLUMN purchases_total numeric(18,2) CHECK (purchases_total >= 0)`);
    await q.query(
      `ALTER TABLE organization ADD COLUMN public_institution boolean NOT NULL DEFAULT false`,
    );
    await q.query(`ALTER TABLE agreement ADD COLUMN continues boolean NOT NULL DEFAULT false`);
    await q.query(`
      ALTER TABLE agreement_suspension
        ADD COLUMN requested_on date,
        ADD COLUMN lapses_on date,
        ADD CONSTRAINT agreement_suspension_lapse_check
          CHECK (lapses_on IS NULL OR (requested_on IS NOT NULL AND lapses_on > ends_on))`);
    await q.query(`
      CREATE TABLE agreement_suspension_continuation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        suspension_id uuid NOT NULL UNIQUE REFERENCES agreement_suspension (id),
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        requested_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX agreement_suspension_continuation_agreement_idx
         ON agreement_suspension_continuation (agreement_id)`,
    );
    await q.query(`
      CREATE TRIGGER agreement_suspension_continuation_append_only
      BEFORE UPDATE OR DELETE ON agreement_suspension_continuation
      FOR EACH ROW EXECUTE FUNCTION jingban_refuse_change()`);
    await q.query(`
      CREATE TRIGGER agreement_suspension_continuation_no_truncate
      BEFORE TRUNCATE ON agreement_suspension_continuation
      FOR EACH STATEMENT EXECUTE FUNCTION jingban_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agreement_suspension_continuation`);
    await q.query(`
      ALTER TABLE agreement_suspension
        DROP CONSTRAINT agreement_suspension_lapse_check,
        DROP COLUMN requested_on,
        DROP COLUMN lapses_on`);
    await q.query(`ALTER TABLE agreement DROP COLUMN continues`);
    await q.query(`ALTER TABLE organization DROP COLUMN public_institution`);
    await q.query(`ALTER TABLE penalty DROP COLUMN amount_involved, DROP COLUMN purchases_total`);
  }
}
