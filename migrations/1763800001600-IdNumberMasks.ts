import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A whole or masked ID number inside text, as the server has written them (kept here: a migration never changes). */
const ID_NUMBER_IN_TEXT = /\d{17}[\dXx]|\d{6}\*{4,}\d{0,3}[\dXx]/g;
const ID_NUMBER_IN_TEXT_SQL = '[0-9]{17}[0-9Xx]|[0-9]{6}[*]{4,}[0-9]{0,3}[0-9Xx]';
const REMOVED = '[ID number removed]';

/** `value` with every string (and key) cleared of ID numbers. */
const cleared = (value: unknown): unknown => {
  if (typeof value === 'string') {
    return value.replace(ID_NUMBER_IN_TEXT, REMOVED);
  }
  if (Array.isArray(value)) {
    return value.map(cleared);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replace(ID_NUMBER_IN_TEXT, REMOVED), cleared(v)]),
    );
  }
  return value;
};

/**
 * The new mask (rules.md §2): the first 6 characters and the check character, `410302***********X`. The earlier one
 * (first 6 and last 4) hid exactly the birth date that `birthDate` shows.
 *
 * - `insured_person.id_number_masked`: every stored mask rewritten (its first 6 and its last character are the
 *   number's), and the column's check constraint changed to the new form.
 * - `audit_trail`: the trail holds no ID number at all, masked or whole (rules.md §2). A `registerInsuredPerson` row
 *   kept the typed number masked in `input.idNumber`: it is replaced by the person reference the service now writes
 *   (`input.insuredPersonId`, the row's first id). Any other whole or masked number in any row's input becomes
 *   `[ID number removed]`.
 *
 * The audit trail is append-only (its trigger refuses UPDATE): the trigger is disabled for this migration's updates
 * alone and enabled again in the same transaction (docs/security.md, "What is logged"). `ALTER TABLE` holds the
 * table's exclusive lock until the commit, so no other session writes or sees the table meanwhile; if anything fails,
 * the transaction rolls back with the trigger in place.
 */
export class IdNumberMasks1763800001600 implements MigrationInterface {
  name = 'IdNumberMasks1763800001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE insured_person DROP CONSTRAINT insured_person_id_number_masked_check`,
    );
    await q.query(
      `UPDATE insured_person
       SET id_number_masked = left(id_number_masked, 6) || repeat('*', 11) || right(id_number_masked, 1)`,
    );
    await q.query(
      `ALTER TABLE insured_person ADD CONSTRAINT insured_person_id_number_masked_check
       CHECK (id_number_masked ~ '^[0-9]{6}[*]{11}[0-9X]$')`,
    );

    await q.query(`ALTER TABLE audit_trail DISABLE TRIGGER audit_trail_append_only`);
    await q.query(
      `UPDATE audit_trail
       SET input = (input - 'idNumber') || jsonb_build_object('insuredPersonId', ids[1])
       WHERE operation = 'registerInsuredPerson' AND jsonb_typeof(input) = 'object' AND input ? 'idNumber'`,
    );
    // Any number left elsewhere (the earlier redaction masked every ID-shaped text): rewritten string by string, so
    // the JSON stays valid whatever surrounds the number. In pages, by id.
    let after = '0';
    for (;;) {
      const rows = (await q.query(
        `SELECT id::text AS id, input FROM audit_trail
         WHERE id > $1::bigint AND input::text ~ $2
         ORDER BY id LIMIT 500`,
        [after, ID_NUMBER_IN_TEXT_SQL],
      )) as { id: string; input: unknown }[];
      for (const row of rows) {
        await q.query(`UPDATE audit_trail SET input = $2::jsonb WHERE id = $1::bigint`, [
          row.id,
          JSON.stringify(cleared(row.input)),
        ]);
      }
      if (rows.length < 500) {
        break;
      }
      after = rows[rows.length - 1]!.id;
    }
    await q.query(`ALTER TABLE audit_trail ENABLE TRIGGER audit_trail_append_only`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The hidden characters are gone from the stored masks (and the numbers from the audit rows): nothing brings them
    // back without decrypting. The column takes both forms again, so the earlier code can run on these rows.
    await q.query(
      `ALTER TABLE insured_person DROP CONSTRAINT insured_person_id_number_masked_check`,
    );
    await q.query(
      `ALTER TABLE insured_person ADD CONSTRAINT insured_person_id_number_masked_check
       CHECK (id_number_masked ~ '^[0-9]{6}([*]{8}[0-9]{3}|[*]{11})[0-9X]$')`,
    );
  }
}
