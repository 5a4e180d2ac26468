import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { officialSchedule } from '../src/domain/calendar/rules/calendar-data';
import { createServices } from '../src/services';
import { addDays, isWeekend } from '../src/shared/calendar-date';
import { SystemClock } from '../src/shared/clock';
import { createLogger } from '../src/shared/logger';
import { PiiCipher } from '../src/shared/pii-cipher';
import { createDatabase, databaseUrl, dropDatabase, SEED_ACTOR, seedReference } from './bench-db';
import { bulkLoad } from './bulk-load';
import { msSince, now, round, say } from './measure';
import { Province } from './province';

/**
 * `node dist/bench/recount.js [--persons 200000] [--claims 1000000] [--keep]` (docs/performance.md, "A calendar
 * load"): on a fresh database of the PostgreSQL server of DATABASE_URL, the synthetic province of 2024 (bulk loaded),
 * then `loadCalendarYear` timed as it recounts the stored dates (rules.md §3.6):
 * 1. 2025 loaded for the first time, the claims counted over it provisional (the province's declarations reach into
 *    March 2025: 2025 is taken out of the calendar and those claims marked first) — the yearly case;
 * 2. 2024 loaded again with the same schedule: every claim is read, none changes;
 * 3. 2024 loaded with a holiday added every other Monday: nearly every claim's date moves.
 * Prints one line per case and `RECOUNT <json>` last.
 */
const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      persons: { type: 'string', default: '200000' },
      claims: { type: 'string', default: '1000000' },
      keep: { type: 'boolean', default: false },
    },
  });
  const base = process.env.DATABASE_URL;
  if (!base) {
    throw new Error('DATABASE_URL must name a PostgreSQL server');
  }
  const name = `jingban_recount_${Date.now()}`;
  const url = databaseUrl(base, name);
  const dir = mkdtempSync(path.join(tmpdir(), 'jingban-recount-'));
  const config = loadConfig(
    {
      DATABASE_URL: url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PII_ENC_KEY: randomBytes(32).toString('hex'),
      PII_HMAC_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
    },
    dir,
  );
  const clock = new SystemClock();
  await createDatabase(base, name);
  const db = await openDatabase(config);
  const results: Record<string, unknown> = {};
  try {
    const services = createServices({
      db: db.dataSource,
      clock,
      logger: createLogger('warn'),
      config,
    });
    const ref = await seedReference(db.dataSource, services, 2024);
    const province = new Province(
      ref,
      {
        persons: Number(values.persons),
        claims: Number(values.claims),
        seed: 20240101,
        verifyEvery: 0,
        today: clock.today(),
      },
      new PiiCipher(config.piiEncKey, config.piiHmacKey),
    );
    const load = await bulkLoad(url, province, 2000);
    say(`loaded ${load.rows} rows in ${round(load.ms / 1000, 1)} s`);
    await db.dataSource.query('VACUUM ANALYZE claim');

    const official = (year: number) => {
      const s = officialSchedule(year, year);
      return { holidays: [...s.holidays], adjusted: [...s.adjustedWorkdays] };
    };
    const timed = async (label: string, year: number, holidays: string[], adjusted: string[]) => {
      const t = now();
      await services.calendar.loadYear(SEED_ACTOR, year, holidays, adjusted);
      const ms = msSince(t);
      const [row] = await db.dataSource.query<[{ input: Record<string, unknown> }]>(
        `SELECT input FROM audit_trail WHERE operation = 'loadCalendarYear' ORDER BY id DESC LIMIT 1`,
      );
      results[label] = { ms: round(ms), recount: row.input.recount };
      say(`${label}: ${round(ms)} ms ${JSON.stringify(row.input.recount)}`);
    };

    // 1. 2025 as a year without a schedule: its days out of the calendar, the counts over it marked.
    await db.dataSource.transaction(async (em) => {
      await em.query(
        `DELETE FROM calendar_day WHERE date >= '2025-01-01' AND date <= '2025-12-31'`,
      );
      await em.query(`DELETE FROM calendar_year WHERE year = 2025`);
      await em.query(
        `UPDATE claim SET payment_due_provisional = true WHERE payment_due_on >= '2025-01-01'`,
      );
    });
    await db.dataSource.query('VACUUM ANALYZE claim');
    const y2025 = official(2025);
    await timed('firstLoadOfNextYear', 2025, y2025.holidays, y2025.adjusted);
    // 2. 2024 again, unchanged.
    const y2024 = official(2024);
    await timed('reloadUnchanged', 2024, y2024.holidays, y2024.adjusted);
    // 3. 2024 with a day off added every other Monday.
    const extra: string[] = [];
    for (let d = '2024-01-08'; d <= '2024-12-30'; d = addDays(d, 14)) {
      if (!isWeekend(d) && !y2024.holidays.includes(d)) {
        extra.push(d);
      }
    }
    await timed('reloadMovingAll', 2024, [...y2024.holidays, ...extra], y2024.adjusted);
    process.stdout.write(`RECOUNT ${JSON.stringify(results)}\n`);
  } finally {
    await db.close();
    if (!values.keep) {
      await dropDatabase(base, name);
    }
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
