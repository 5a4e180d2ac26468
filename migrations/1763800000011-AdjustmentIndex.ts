import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviews and reversals by claim (issue 8; docs/performance.md, proposal 3): `claimStats`, the monthly report, the
 * `adjustmentsByClaim` loader and a review's "already taken" read all look up a claim's entries with
 * `kind <> 'CLAIM'`. Without this index PostgreSQL walked the ledger's primary key and filtered a million CLAIM entries
 * out (`claimStats` on the full bench province 4.15 s → 2.30 s with it). On a large live database create it by hand
 * with `CREATE INDEX CONCURRENTLY` before deploying; this migration then finds it (`IF NOT EXISTS`).
 */
export class AdjustmentIndex1763800000011 implements MigrationInterface {
  name = 'AdjustmentIndex1763800000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX IF NOT EXISTS ledger_entry_adjustment_idx ON ledger_entry (insured_person_id, claim_id)
       WHERE kind <> 'CLAIM'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ledger_entry_adjustment_idx`);
  }
}
