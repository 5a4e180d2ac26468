import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events carry their own dates (rules.md §3.4, "As of"; §10.2):
 * - `ledger_entry.applied_on`: the day an entry took effect (a claim's adjudication day; a review's date, or its
 *   confirmation day; a reversal's day). Entries written before this migration get the China Standard Time date of their
 *   `created_at`, the day they were recorded, which is what every as-of answer used until now. The ledger is append-only:
 *   its guard is lifted for this one backfill, inside this migration's transaction, and put back. Rows inserted without
 *   the column (bulk loads) take the day of the insert.
 * - `claim_review_proposal`: an insurer's review of a DIRECT claim awaiting the three parties' confirmation (Henan art.
 *   16). Distributed by person with its claim. Only PROPOSED → CONFIRMED or WITHDRAWN is ever written; rows are never
 *   deleted.
 */
export class EventDates1763800000050 implements MigrationInterface {
  name = 'EventDates1763800000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_entry ADD COLUMN applied_on date`);
    await q.query(`ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only`);
    await q.query(
      `UPDATE ledger_entry SET applied_on = (created_at AT TIME ZONE 'Asia/Shanghai')::date`,
    );
    await q.query(`ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_append_only`);
    await q.query(
      `ALTER TABLE ledger_entry ALTER COLUMN applied_on SET DEFAULT ((now() AT TIME ZONE 'Asia/Shanghai')::date)`,
    );
    await q.query(`ALTER TABLE ledger_entry ALTER COLUMN applied_on SET NOT NULL`);
    // Adjustments by the day they took effect: the savings reward of a quarter, the monthly report, the statements.
    await q.query(
      `CREATE INDEX ledger_entry_applied_idx ON ledger_entry (applied_on) WHERE kind <> 'CLAIM'`,
    );

    await q.query(`
      CREATE TABLE claim_review_proposal (
        insured_person_id uuid NOT NULL,
        id uuid NOT NULL,
        claim_id uuid NOT NULL,
        proposed_by uuid NOT NULL REFERENCES organization (id),
        non_compliant_amount numeric(18,2) NOT NULL CHECK (non_compliant_amount > 0),
        reason text NOT NULL,
        proposed_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('PROPOSED', 'CONFIRMED', 'WITHDRAWN')),
        confirmed_on date,
        ledger_entry_id bigint,
        withdrawn_on date,
        withdrawal_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (insured_person_id, id),
        FOREIGN KEY (insured_person_id, claim_id) REFERENCES claim (insured_person_id, id),
        FOREIGN KEY (insured_person_id, ledger_entry_id) REFERENCES ledger_entry (insured_person_id, id),
        CONSTRAINT claim_review_proposal_confirmed_check CHECK (
          (status = 'CONFIRMED') = (confirmed_on IS NOT NULL AND ledger_entry_id IS NOT NULL)),
        CONSTRAINT claim_review_proposal_withdrawn_check CHECK (
          (status = 'WITHDRAWN') = (withdrawn_on IS NOT NULL AND withdrawal_reason IS NOT NULL)),
        CONSTRAINT claim_review_proposal_dates_check CHECK (
          confirmed_on >= proposed_on AND withdrawn_on >= proposed_on)
      )`);
    await q.query(`CREATE INDEX claim_review_proposal_id_idx ON claim_review_proposal (id)`);
    await q.query(
      `CREATE INDEX claim_review_proposal_claim_idx ON claim_review_proposal (insured_person_id, claim_id)`,
    );
    await q.query(
      `CREATE INDEX claim_review_proposal_queue_idx ON claim_review_proposal (status, proposed_on, id)`,
    );
    await q.query(`
      CREATE FUNCTION claim_review_proposal_transition() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' THEN
          RAISE EXCEPTION 'claim_review_proposal: % refused', TG_OP USING ERRCODE = 'restrict_violation';
        END IF;
        IF OLD.status <> 'PROPOSED' OR NEW.status = 'PROPOSED'
           OR (NEW.insured_person_id, NEW.id, NEW.claim_id, NEW.proposed_by, NEW.non_compliant_amount, NEW.reason,
               NEW.proposed_on, NEW.created_at)
              IS DISTINCT FROM (OLD.insured_person_id, OLD.id, OLD.claim_id, OLD.proposed_by, OLD.non_compliant_amount,
               OLD.reason, OLD.proposed_on, OLD.created_at) THEN
          RAISE EXCEPTION 'claim_review_proposal: only PROPOSED -> CONFIRMED or WITHDRAWN is written'
            USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER claim_review_proposal_transition BEFORE UPDATE OR DELETE ON claim_review_proposal
      FOR EACH ROW EXECUTE FUNCTION claim_review_proposal_transition()`);
    await q.query(`
      CREATE TRIGGER claim_review_proposal_no_truncate BEFORE TRUNCATE ON claim_review_proposal
      FOR EACH STATEMENT EXECUTE FUNCTION jingban_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE claim_review_proposal`);
    await q.query(`DROP FUNCTION claim_review_proposal_transition()`);
    await q.query(`DROP INDEX ledger_entry_applied_idx`);
    await q.query(`ALTER TABLE ledger_entry DROP COLUMN applied_on`);
  }
}
