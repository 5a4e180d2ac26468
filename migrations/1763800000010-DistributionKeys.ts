import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ready for Citus, distributed by insured person (issue 8 part 3; docs/scaling.md; src/db/distribution.ts): every
 * primary key and unique constraint of a table distributed by `insured_person_id` now contains that column, so a
 * sharded database could still enforce it.
 * - `insured_person`'s unique ID-number hash moves to its own table, `insured_person_key` (distributed by the hash
 *   itself), written in the same transaction as the person;
 * - `person_access_log` is keyed by (person, id);
 * - `audit_item` is keyed by (person, id) and its "a claim once per population" key gains the person — the same rule,
 *   since a claim id belongs to one person.
 */
export class DistributionKeys1763800000010 implements MigrationInterface {
  name = 'DistributionKeys1763800000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE insured_person_key (
        id_number_hash bytea PRIMARY KEY,
        insured_person_id uuid NOT NULL
      )`);
    await q.query(
      `INSERT INTO insured_person_key (id_number_hash, insured_person_id)
       SELECT id_number_hash, id FROM insured_person`,
    );
    await q.query(`ALTER TABLE insured_person DROP CONSTRAINT insured_person_id_number_key`);
    await q.query(`CREATE INDEX insured_person_hash_idx ON insured_person (id_number_hash)`);

    await q.query(`ALTER TABLE person_access_log DROP CONSTRAINT person_access_log_pkey`);
    await q.query(`ALTER TABLE person_access_log ADD PRIMARY KEY (insured_person_id, id)`);

    await q.query(`ALTER TABLE audit_item DROP CONSTRAINT audit_item_pkey`);
    await q.query(`ALTER TABLE audit_item ADD PRIMARY KEY (insured_person_id, id)`);
    await q.query(`CREATE INDEX audit_item_id_idx ON audit_item (id)`);
    await q.query(`ALTER TABLE audit_item DROP CONSTRAINT audit_item_claim_key`);
    await q.query(
      `ALTER TABLE audit_item ADD CONSTRAINT audit_item_claim_key
         UNIQUE (insured_person_id, audit_id, population, claim_id)`,
    );
    await q.query(
      `CREATE INDEX audit_item_audit_idx ON audit_item (audit_id, population, position)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_item_audit_idx`);
    await q.query(`ALTER TABLE audit_item DROP CONSTRAINT audit_item_claim_key`);
    await q.query(
      `ALTER TABLE audit_item ADD CONSTRAINT audit_item_claim_key UNIQUE (audit_id, population, claim_id)`,
    );
    await q.query(`DROP INDEX audit_item_id_idx`);
    await q.query(`ALTER TABLE audit_item DROP CONSTRAINT audit_item_pkey`);
    await q.query(`ALTER TABLE audit_item ADD PRIMARY KEY (id)`);

    await q.query(`ALTER TABLE person_access_log DROP CONSTRAINT person_access_log_pkey`);
    await q.query(`ALTER TABLE person_access_log ADD PRIMARY KEY (id)`);

    await q.query(`DROP INDEX insured_person_hash_idx`);
    await q.query(
      `ALTER TABLE insured_person ADD CONSTRAINT insured_person_id_number_key UNIQUE (id_number_hash)`,
    );
    await q.query(`DROP TABLE insured_person_key`);
  }
}
