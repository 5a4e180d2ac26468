import type { MigrationInterface, QueryRunner } from 'typeorm';
import { officialSchedule } from '../src/domain/calendar/rules/calendar-data';

const FROM = 2015;
const TO = 2026;

/**
 * Reference data: the official holiday and 调休 schedules of 2015–2026 from chinese-days' data file (rules.md §3.4).
 * Later years are loaded with `loadCalendarYear`, as the State Council publishes them.
 */
export class SeedCalendar1763800000001 implements MigrationInterface {
  name = 'SeedCalendar1763800000001';

  async up(q: QueryRunner): Promise<void> {
    const s = officialSchedule(FROM, TO);
    await q.query(
      `INSERT INTO calendar_day (date, kind)
       SELECT d::date, 'HOLIDAY' FROM unnest($1::text[]) AS d
       UNION ALL
       SELECT d::date, 'WORKDAY' FROM unnest($2::text[]) AS d`,
      [s.holidays, s.adjustedWorkdays],
    );
    await q.query(
      `INSERT INTO calendar_year (year, source) SELECT y, 'chinese-days 1.5.7' FROM unnest($1::int[]) AS y`,
      [s.years],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM calendar_day WHERE date BETWEEN $1 AND $2`, [
      `${FROM}-01-01`,
      `${TO}-12-31`,
    ]);
    await q.query(`DELETE FROM calendar_year WHERE year BETWEEN $1 AND $2`, [FROM, TO]);
  }
}
