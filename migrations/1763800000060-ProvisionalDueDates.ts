import type { MigrationInterface, QueryRunner } from 'typeorm';
import { termsVersionOn } from '../src/domain/agreement/rules/terms-in-force.rule';
import { AgreementKind } from '../src/domain/agreement/agreement.enums';
import { decodeTerms } from '../src/domain/agreement/terms/terms.codec';
import type {
  CriticalIllnessTermsValue,
  InstitutionTermsValue,
} from '../src/domain/agreement/terms/terms.model';
import {
  workingDaysAfter,
  type WorkingDayCalendar,
} from '../src/domain/calendar/rules/working-days.rule';
import { penaltyDueDates } from '../src/domain/penalty/rules/penalty-dates.rule';

/**
 * Stored dates carry the provisional mark (rules.md §3.6): `claim.payment_due_provisional` and
 * `penalty.due_provisional`, true when the stored count of working days went over a day of a year whose holiday
 * schedule is not loaded.
 *
 * - A partial index on the marked claims: they are few (the last weeks of a year), and both the count of
 *   `provisionalDueDates` and the recount of a year loaded for the first time read only them.
 * - The penalty table stays append-only except for its three date columns, which a calendar load recounts: an UPDATE
 *   passes only when it changes them and nothing else (the trigger function compares the whole row without them, so a
 *   column added later is protected too); an UPDATE that changes nothing is refused as before.
 * - Existing rows: every stored count that went over a year without a schedule (`isProvisionalCount` in SQL: a year of
 *   `(from, due]` not in `calendar_year`) is counted again here on the calendar as loaded, on the provisional
 *   statutory calendar for such years — a date stored before that calendar existed was counted over such a year on
 *   weekends only, up to three days early — and stored with its mark. Deterministic: it depends only on the rows, the
 *   calendar tables and the pure rules it imports (as SeedCalendar imports its data).
 */
export class ProvisionalDueDates1763800000060 implements MigrationInterface {
  name = 'ProvisionalDueDates1763800000060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE claim ADD COLUMN payment_due_provisional boolean NOT NULL DEFAULT false`,
    );
    await q.query(
      `CREATE INDEX claim_provisional_idx ON claim (payment_due_on) WHERE payment_due_provisional`,
    );
    await q.query(`ALTER TABLE penalty ADD COLUMN due_provisional boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE FUNCTION jingban_penalty_dates_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND to_jsonb(NEW) - ARRAY['due_on', 'enforceable_from', 'due_provisional']
             = to_jsonb(OLD) - ARRAY['due_on', 'enforceable_from', 'due_provisional']
           AND (NEW.due_on, NEW.enforceable_from, NEW.due_provisional)
             IS DISTINCT FROM (OLD.due_on, OLD.enforceable_from, OLD.due_provisional) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'table % is append-only except its payment dates: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`DROP TRIGGER penalty_append_only ON penalty`);
    await q.query(`
      CREATE TRIGGER penalty_append_only BEFORE UPDATE OR DELETE ON penalty
      FOR EACH ROW EXECUTE FUNCTION jingban_penalty_dates_only()`);

    const cal = await calendarOf(q);
    await recountClaims(q, cal);
    await recountPenalties(q, cal);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER penalty_append_only ON penalty`);
    await q.query(`
      CREATE TRIGGER penalty_append_only BEFORE UPDATE OR DELETE ON penalty
      FOR EACH ROW EXECUTE FUNCTION jingban_refuse_change()`);
    await q.query(`DROP FUNCTION jingban_penalty_dates_only()`);
    await q.query(`ALTER TABLE penalty DROP COLUMN due_provisional`);
    await q.query(`DROP INDEX claim_provisional_idx`);
    await q.query(`ALTER TABLE claim DROP COLUMN payment_due_provisional`);
  }
}

/** A year of `(from, due]` has no schedule: the stored count is provisional (rules.md §3.6). */
const overUnscheduledYear = (from: string, due: string): string =>
  `${due} > ${from} AND EXISTS (
     SELECT 1 FROM generate_series(extract(year FROM ${from} + 1)::int, extract(year FROM ${due})::int) AS y
     WHERE NOT EXISTS (SELECT 1 FROM calendar_year cy WHERE cy.year = y))`;

const calendarOf = async (q: QueryRunner): Promise<WorkingDayCalendar> => {
  const days = (await q.query(`SELECT date::text AS date, kind FROM calendar_day`)) as {
    date: string;
    kind: string;
  }[];
  const years = (await q.query(`SELECT year FROM calendar_year`)) as { year: number }[];
  return {
    holidays: new Set(days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.date)),
    adjustedWorkdays: new Set(days.filter((d) => d.kind === 'WORKDAY').map((d) => d.date)),
    scheduledYears: new Set(years.map((y) => Number(y.year))),
  };
};

const recountClaims = async (q: QueryRunner, cal: WorkingDayCalendar): Promise<void> => {
  const groups = (await q.query(
    `SELECT declared_on::text AS declared_on, channel, terms_version_id, payment_due_on::text AS due_on
     FROM claim WHERE ${overUnscheduledYear('declared_on', 'payment_due_on')}
     GROUP BY 1, 2, 3, 4`,
  )) as { declared_on: string; channel: string; terms_version_id: string; due_on: string }[];
  if (groups.length === 0) {
    return;
  }
  const versions = (await q.query(
    `SELECT id, terms FROM agreement_terms WHERE id = ANY($1::uuid[])`,
    [[...new Set(groups.map((g) => g.terms_version_id))]],
  )) as { id: string; terms: unknown }[];
  const terms = new Map(
    versions.map((v) => [
      v.id,
      decodeTerms(AgreementKind.CRITICAL_ILLNESS, v.terms) as CriticalIllnessTermsValue,
    ]),
  );
  const counted = groups.map((g) => {
    const t = terms.get(g.terms_version_id)!;
    const n = g.channel === 'DIRECT' ? t.directPaymentWorkingDays : t.manualPaymentWorkingDays;
    return { ...g, ...workingDaysAfter(cal, g.declared_on, n) };
  });
  await q.query(
    `UPDATE claim c SET payment_due_on = x.date, payment_due_provisional = x.provisional
     FROM unnest($1::date[], $2::text[], $3::uuid[], $4::date[], $5::date[], $6::boolean[])
       AS x (declared_on, channel, terms_version_id, due_on, date, provisional)
     WHERE c.declared_on = x.declared_on AND c.channel = x.channel AND c.terms_version_id = x.terms_version_id
       AND c.payment_due_on = x.due_on`,
    [
      counted.map((g) => g.declared_on),
      counted.map((g) => g.channel),
      counted.map((g) => g.terms_version_id),
      counted.map((g) => g.due_on),
      counted.map((g) => g.date),
      counted.map((g) => g.provisional),
    ],
  );
};

const recountPenalties = async (q: QueryRunner, cal: WorkingDayCalendar): Promise<void> => {
  const rows = (await q.query(
    `SELECT id, agreement_id, notice_on::text AS notice_on FROM penalty
     WHERE ${overUnscheduledYear('notice_on', 'enforceable_from')}`,
  )) as { id: string; agreement_id: string; notice_on: string }[];
  if (rows.length === 0) {
    return;
  }
  const versions = (await q.query(
    `SELECT agreement_id, effective_from::text AS "effectiveFrom", terms FROM agreement_terms
     WHERE agreement_id = ANY($1::uuid[])`,
    [[...new Set(rows.map((r) => r.agreement_id))]],
  )) as { agreement_id: string; effectiveFrom: string; terms: unknown }[];
  const dates = rows.map((r) => {
    const version = termsVersionOn(
      versions.filter((v) => v.agreement_id === r.agreement_id),
      r.notice_on,
    )!;
    const t = decodeTerms(
      AgreementKind.DESIGNATED_INSTITUTION,
      version.terms,
    ) as InstitutionTermsValue;
    return { id: r.id, ...penaltyDueDates(cal, r.notice_on, t) };
  });
  await q.query(
    `UPDATE penalty p SET due_on = x.due_on, enforceable_from = x.enforceable_from,
                          due_provisional = x.due_provisional
     FROM unnest($1::uuid[], $2::date[], $3::date[], $4::boolean[])
       AS x (id, due_on, enforceable_from, due_provisional)
     WHERE p.id = x.id`,
    [
      dates.map((d) => d.id),
      dates.map((d) => d.dueOn),
      dates.map((d) => d.enforceableFrom),
      dates.map((d) => d.dueProvisional),
    ],
  );
};
