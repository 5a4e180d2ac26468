import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The region codes of the objects an audited mutation touched, so that an agency reads the audit trail of its own
 * regions (issue 7 item 3). Rows written before this migration have none (visible to every agency). Adding a column
 * with a default rewrites no row, so the append-only trigger is not involved.
 */
export class AuditTrailRegions1763800000009 implements MigrationInterface {
  name = 'AuditTrailRegions1763800000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_trail ADD COLUMN region_codes text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX audit_trail_regions_idx ON audit_trail USING gin (region_codes)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_trail_regions_idx`);
    await q.query(`ALTER TABLE audit_trail DROP COLUMN region_codes`);
  }
}
