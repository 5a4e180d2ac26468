import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Brings the stored suspensions of penalties to the corrected rule (rules.md §7.3; Civil Code arts. 201, 202): a
 * suspension runs from the day *after* the notice date — it was stored from the notice date itself — to the
 * corresponding day N months after the notice date (unchanged). Every suspension a penalty ordered before this
 * migration starts on its penalty's notice date; each such suspension and its penalty's `suspension_from` move one day
 * later. A suspension of at least one month keeps at least one day. Claims already adjudicated stay as they were: they
 * are history (docs/decisions.md, "Rule corrections").
 *
 * `agreement_suspension` and `penalty` are append-only: their row triggers refuse UPDATE. This migration alone lifts
 * them (ALTER TABLE … DISABLE TRIGGER) and restores them in its own transaction, so no other writer ever sees them off
 * and a failure leaves them as they were (docs/security.md, "What is logged").
 */
export class SuspensionsFromDayAfterNotice1763800000041 implements MigrationInterface {
  name = 'SuspensionsFromDayAfterNotice1763800000041';
  /** The triggers must be lifted and restored inside one transaction. */
  transaction = true;

  async up(q: QueryRunner): Promise<void> {
    await this.shift(q, 1);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.shift(q, -1);
  }

  /** Moves the first day of every penalty's suspension by `days`, with the append-only triggers lifted meanwhile. */
  private async shift(q: QueryRunner, days: 1 | -1): Promise<void> {
    // Under the old rule a penalty's suspension starts on its notice date; under the new one the day after.
    const stored = days === 1 ? 'p.notice_on' : 'p.notice_on + 1';
    await q.query(
      `ALTER TABLE agreement_suspension DISABLE TRIGGER agreement_suspension_append_only`,
    );
    await q.query(`ALTER TABLE penalty DISABLE TRIGGER penalty_append_only`);
    await q.query(
      `UPDATE agreement_suspension s SET starts_on = s.starts_on + $1::int
         FROM penalty p
        WHERE s.agreement_id = p.agreement_id
          AND s.reason LIKE 'penalty ' || p.id::text || ' %'
          AND s.requested_on IS NULL
          AND s.starts_on = ${stored}
          AND p.suspension_from = ${stored}`,
      [days],
    );
    await q.query(
      `UPDATE penalty p SET suspension_from = p.suspension_from + $1::int
        WHERE p.suspension_from = ${stored}`,
      [days],
    );
    await q.query(`ALTER TABLE penalty ENABLE TRIGGER penalty_append_only`);
    await q.query(
      `ALTER TABLE agreement_suspension ENABLE TRIGGER agreement_suspension_append_only`,
    );
  }
}
