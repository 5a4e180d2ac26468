import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 查询记录 (rules.md §2: a look-up by ID number is logged, found or not). A look-up that matches a registered person is
 * written to `person_access_log` under that person; one that matches no one has no person to be written under, so it
 * goes here, named by the keyed hash of the number typed (HMAC-SHA256 under `PII_HMAC_KEY`, the same hash
 * `insured_person_key` holds), never by the number: who typed which number can still be answered for a number one
 * holds, and a person registered later can be matched to the look-ups made before. Append-only, like the access log.
 * Keyed by (hash, id), so it can be distributed with `insured_person_key` (src/db/distribution.ts).
 */
export class UnmatchedIdLookups1763800001601 implements MigrationInterface {
  name = 'UnmatchedIdLookups1763800001601';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unmatched_id_lookup (
        id_number_hash bytea NOT NULL CHECK (length(id_number_hash) = 32),
        id bigserial NOT NULL,
        looked_up_at timestamptz NOT NULL DEFAULT now(),
        user_sub text NOT NULL,
        role text NOT NULL,
        org text,
        request_id text NOT NULL,
        operation text NOT NULL,
        PRIMARY KEY (id_number_hash, id)
      )`);
    await q.query(
      `CREATE INDEX unmatched_id_lookup_user_idx ON unmatched_id_lookup (user_sub, looked_up_at)`,
    );
    await q.query(`
      CREATE TRIGGER unmatched_id_lookup_append_only BEFORE UPDATE OR DELETE ON unmatched_id_lookup
      FOR EACH ROW EXECUTE FUNCTION jingban_refuse_change()`);
    await q.query(`
      CREATE TRIGGER unmatched_id_lookup_no_truncate BEFORE TRUNCATE ON unmatched_id_lookup
      FOR EACH STATEMENT EXECUTE FUNCTION jingban_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE unmatched_id_lookup`);
  }
}
