import { Writable } from 'node:stream';
import pino from 'pino';
import { CalendarService } from '../../src/domain/calendar/calendar.service';
import { Role, type Caller } from '../../src/shared/caller';
import { FixedClock } from '../../src/shared/clock';
import { agency, insurer, reporting, startTestApp, type TestApp } from '../helpers/test-app';

/*
 * Query.dueDate (rules.md §3.4, §3.6): a count of working days and whether it went over a year whose holiday schedule
 * is not loaded. The database is seeded with 2015–2026 (migration 1763800000001); 2027 is loaded during the test.
 */

const DUE_DATE = `query D($from: Date!, $workingDays: Int!) {
  dueDate(from: $from, workingDays: $workingDays) { date provisional }
}`;
const ADD_WORKING_DAYS =
  'query A($date: Date!, $days: Int!) { addWorkingDays(date: $date, days: $days) }';
const LOAD_YEAR = `mutation L($year: Int!, $holidays: [Date!]!, $adjustedWorkdays: [Date!]!) {
  loadCalendarYear(year: $year, holidays: $holidays, adjustedWorkdays: $adjustedWorkdays)
}`;

const institution: Caller = {
  sub: 'test-institution',
  role: Role.INSTITUTION,
  org: 'org-1',
  regions: ['41'],
};

interface DueDate {
  date: string;
  provisional: boolean;
}

/** A logger whose warnings are kept, to read what the server says about years without a schedule. */
const capturingLogger = () => {
  const lines: Array<{ level: number; msg: string; year?: number }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as { level: number; msg: string; year?: number });
      }
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, stream), lines };
};

describe('dueDate (e2e, rules.md §3.6)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-12-25') });
  });
  afterAll(() => t.close());

  const dueDate = async (from: string, workingDays: number, user: Caller = agency()) => {
    const res = await t.gql<{ dueDate: DueDate }>(DUE_DATE, { from, workingDays }, user);
    expect(res.errors).toBeUndefined();
    return res.data!.dueDate;
  };
  const load = async (year: number, holidays: string[], adjustedWorkdays: string[] = []) => {
    const res = await t.gql<{ loadCalendarYear: number }>(
      LOAD_YEAR,
      { year, holidays, adjustedWorkdays },
      agency(),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.loadCalendarYear;
  };

  describe('before 2027 is loaded', () => {
    it('counts a DIRECT claim declared on 2026-12-25 to 2027-01-18, provisional (1 January is a holiday by law)', async () => {
      expect(await dueDate('2026-12-25', 15)).toEqual({ date: '2027-01-18', provisional: true });
      const res = await t.gql(ADD_WORKING_DAYS, { date: '2026-12-25', days: 15 }, agency());
      expect(res).toEqual({ data: { addWorkingDays: '2027-01-18' } });
    });

    it.each([
      // rules.md §9: inside loaded years
      ['2024-04-26', 15, '2024-05-20'],
      ['2024-12-27', 20, '2025-01-26'],
      ['2024-01-29', 30, '2024-03-14'],
      ['2024-03-14', 11, '2024-03-29'],
      // 0 days: the date itself, counted over nothing
      ['2026-12-31', 0, '2026-12-31'],
      ['2027-01-01', 0, '2027-01-01'],
    ])('%s + %i → %s, not provisional', async (from, n, date) => {
      expect(await dueDate(from, n)).toEqual({ date, provisional: false });
    });

    it.each([
      ['AGENCY', agency()],
      ['INSURER', insurer('org-1')],
      ['INSTITUTION', institution],
      ['REPORTING', reporting()],
    ])('answers %s (every role reads the calendar, runtime.md)', async (_role, user) => {
      expect(await dueDate('2026-12-31', 1, user)).toEqual({
        date: '2027-01-04',
        provisional: true,
      });
    });

    it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
      const res = await t.gql(DUE_DATE, { from: '2026-12-25', workingDays: 15 });
      expect(res.data ?? null).toBeNull();
      expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    });

    it.each([-1, 367, 3660])(
      'refuses workingDays = %i with BAD_USER_INPUT on workingDays',
      async (workingDays) => {
        const res = await t.gql(DUE_DATE, { from: '2026-12-25', workingDays }, agency());
        expect(res.data).toBeNull();
        expect(res.errors![0]!.extensions).toEqual({
          code: 'BAD_USER_INPUT',
          field: 'workingDays',
        });
      },
    );

    it('accepts the largest workingDays, 366', async () => {
      const due = await dueDate('2026-01-05', 366);
      expect(due.provisional).toBe(true);
      expect(due.date > '2027-06-01' && due.date < '2027-08-01').toBe(true);
    });

    it.each(['2025-02-29', '2026-13-01', '20261225', '110105194912310021'])(
      'refuses from = %j with BAD_USER_INPUT on from, without echoing it',
      async (from) => {
        const res = await t.gql(DUE_DATE, { from, workingDays: 1 }, agency());
        expect(res.data ?? null).toBeNull();
        expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'from' });
        expect(JSON.stringify(res.errors)).not.toContain(from);
      },
    );

    it('refuses a count past 9999-12-31 with BAD_USER_INPUT on from', async () => {
      const res = await t.gql(DUE_DATE, { from: '9999-12-31', workingDays: 1 }, agency());
      expect(res.data).toBeNull();
      expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'from' });
    });

    it('refuses a wrong type for workingDays with BAD_USER_INPUT', async () => {
      const res = await t.gql(DUE_DATE, { from: '2026-12-25', workingDays: 1.5 }, agency());
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    });

    it('warns at start-up that 2027 is counted provisionally and how to load it', async () => {
      const { logger, lines } = capturingLogger();
      const calendar = new CalendarService(
        t.db.dataSource,
        t.app.services.audit,
        new FixedClock('2026-12-25'),
        logger,
      );
      expect(await calendar.warnUnscheduledAhead('2026-12-25')).toEqual([2027]);
      // once per year and process: the first count into 2027 says nothing more
      expect(await calendar.dueDate('2026-12-25', 15)).toEqual({
        date: '2027-01-18',
        provisional: true,
      });
      await new Promise<void>((resolve) => logger.flush(() => resolve()));
      expect(lines).toHaveLength(1);
      expect(lines[0]!.level).toBe(40);
      expect(lines[0]!.year).toBe(2027);
      expect(lines[0]!.msg).toContain('provisional statutory calendar');
      expect(lines[0]!.msg).toContain('marked provisional');
      expect(lines[0]!.msg).toContain('loadCalendarYear');
      // in June, the coming quarter is inside 2026: nothing to say
      expect(await calendar.warnUnscheduledAhead('2026-06-15')).toEqual([]);
    });
  });

  describe('after loadCalendarYear(2027, …)', () => {
    it('keeps 2027-01-18 and clears the mark when 2027 is loaded with holidays [2027-01-01]', async () => {
      expect(await load(2027, ['2027-01-01'])).toBe(261 - 1);
      expect(await dueDate('2026-12-25', 15)).toEqual({ date: '2027-01-18', provisional: false });
    });

    it('moves the date to 2027-01-19 when 2027 is loaded with holidays [2027-01-01, 2027-01-04]', async () => {
      expect(await load(2027, ['2027-01-01', '2027-01-04'])).toBe(261 - 2);
      expect(await dueDate('2026-12-25', 15)).toEqual({ date: '2027-01-19', provisional: false });
      const res = await t.gql(ADD_WORKING_DAYS, { date: '2026-12-25', days: 15 }, agency());
      expect(res).toEqual({ data: { addWorkingDays: '2027-01-19' } });
    });

    it('still marks a count that reaches 2028 provisional', async () => {
      // 2027-12-31 is a Friday; 2028-01-03 the Monday after 元旦 2028 (a Saturday)
      expect(await dueDate('2027-12-30', 1)).toEqual({ date: '2027-12-31', provisional: false });
      expect(await dueDate('2027-12-31', 1)).toEqual({ date: '2028-01-03', provisional: true });
    });

    it('no longer warns about 2027 at start-up', async () => {
      const { logger, lines } = capturingLogger();
      const calendar = new CalendarService(
        t.db.dataSource,
        t.app.services.audit,
        new FixedClock('2026-12-25'),
        logger,
      );
      expect(await calendar.warnUnscheduledAhead('2026-12-25')).toEqual([]);
      expect(await calendar.warnUnscheduledAhead('2027-11-01')).toEqual([2028]);
      await new Promise<void>((resolve) => logger.flush(() => resolve()));
      expect(lines.map((l) => l.year)).toEqual([2028]);
    });
  });
});
