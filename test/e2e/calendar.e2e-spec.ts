import chineseDays from 'chinese-days/dist/chinese-days.json';
import { Role, type Caller } from '../../src/shared/caller';
import { agency, insurer, reporting, startTestApp, type TestApp } from '../helpers/test-app';

const IS_WORKING_DAY = 'query W($date: Date!) { isWorkingDay(date: $date) }';
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

/** Every date of `year`, `YYYY-MM-DD`, computed without the code under test. */
const datesOf = (year: number): string[] => {
  const out: string[] = [];
  for (
    let d = new Date(Date.UTC(year, 0, 1));
    d.getUTCFullYear() === year;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
};
const weekend = (date: string): boolean =>
  [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
/** The dates from `from` to `to` inclusive. */
const range = (from: string, to: string): string[] =>
  datesOf(Number(from.slice(0, 4))).filter((d) => d >= from && d <= to);

/** The working days of a year under a schedule, counted independently of the service. */
const workingDaysIn = (
  year: number,
  holidays: readonly string[],
  workdays: readonly string[],
): number =>
  datesOf(year).filter((d) => !holidays.includes(d) && (workdays.includes(d) || !weekend(d)))
    .length;

describe('working-day calendar (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const isWorkingDay = async (date: string, user: Caller = agency()): Promise<boolean> => {
    const res = await t.gql<{ isWorkingDay: boolean }>(IS_WORKING_DAY, { date }, user);
    expect(res.errors).toBeUndefined();
    return res.data!.isWorkingDay;
  };

  /** Many dates, as aliased fields, 30 to a request (the alias limit, src/graphql/plugins/limits.ts). */
  const workingDays = async (dates: readonly string[]): Promise<Record<string, boolean>> => {
    const out: Record<string, boolean> = {};
    for (let i = 0; i < dates.length; i += 30) {
      const chunk = dates.slice(i, i + 30);
      const fields = chunk.map((d) => `d${d.replace(/-/g, '')}: isWorkingDay(date: "${d}")`);
      const res = await t.gql<Record<string, boolean>>(`{ ${fields.join(' ')} }`, {}, reporting());
      expect(res.errors).toBeUndefined();
      for (const d of chunk) {
        out[d] = res.data![`d${d.replace(/-/g, '')}`]!;
      }
    }
    return out;
  };

  const load = (
    year: number,
    holidays: string[],
    adjustedWorkdays: string[],
    user: Caller = agency(),
  ) => t.gql<{ loadCalendarYear: number }>(LOAD_YEAR, { year, holidays, adjustedWorkdays }, user);

  const storedDays = (year: number): Promise<Array<{ date: string; kind: string }>> =>
    t.db.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM calendar_day
        WHERE date BETWEEN $1::date AND $2::date ORDER BY date`,
      [`${year}-01-01`, `${year}-12-31`],
    );

  const count = async (sql: string): Promise<number> => {
    const rows: Array<{ n: string | number }> = await t.db.dataSource.query(sql);
    return Number(rows[0]!.n);
  };

  describe('the seeded official schedules', () => {
    const off = (from: string, to: string, why: string): Array<[string, boolean, string]> =>
      range(from, to).map((d) => [d, false, why]);

    it.each<[string, boolean, string]>([
      // 2024 Spring Festival: 10–17 Feb off, Sundays 4 and 18 Feb worked.
      ['2024-02-03', false, 'Saturday before'],
      ['2024-02-04', true, 'Sunday, 调休'],
      ['2024-02-09', true, 'Friday, 除夕 not a holiday in 2024'],
      ...off('2024-02-10', '2024-02-17', 'Spring Festival'),
      ['2024-02-18', true, 'Sunday, 调休'],
      ['2024-02-19', true, 'Monday after'],
      ['2024-02-24', false, 'Saturday after'],
      // 2024 Qingming: 4–6 Apr off, Sunday 7 Apr worked.
      ['2024-04-03', true, 'Wednesday before'],
      ...off('2024-04-04', '2024-04-06', 'Qingming'),
      ['2024-04-07', true, 'Sunday, 调休'],
      ['2024-04-13', false, 'Saturday after'],
      // 2024 Labour Day: 1–5 May off, Sunday 28 Apr and Saturday 11 May worked.
      ['2024-04-27', false, 'Saturday before'],
      ['2024-04-28', true, 'Sunday, 调休'],
      ['2024-04-30', true, 'Tuesday before'],
      ...off('2024-05-01', '2024-05-05', 'Labour Day'),
      ['2024-05-06', true, 'Monday after'],
      ['2024-05-11', true, 'Saturday, 调休'],
      ['2024-05-12', false, 'Sunday after'],
      // 2024 National Day: 1–7 Oct off, Sunday 29 Sep and Saturday 12 Oct worked.
      ['2024-09-28', false, 'Saturday before'],
      ['2024-09-29', true, 'Sunday, 调休'],
      ['2024-09-30', true, 'Monday before'],
      ...off('2024-10-01', '2024-10-07', 'National Day'),
      ['2024-10-08', true, 'Tuesday after'],
      ['2024-10-12', true, 'Saturday, 调休'],
      ['2024-10-13', false, 'Sunday after'],
      // 2025 Spring Festival: 28 Jan–4 Feb off, Sunday 26 Jan and Saturday 8 Feb worked.
      ['2025-01-25', false, 'Saturday before'],
      ['2025-01-26', true, 'Sunday, 调休'],
      ['2025-01-27', true, 'Monday before'],
      ...off('2025-01-28', '2025-02-04', 'Spring Festival'),
      ['2025-02-05', true, 'Wednesday after'],
      ['2025-02-08', true, 'Saturday, 调休'],
      ['2025-02-09', false, 'Sunday after'],
      // 2025 Qingming: 4–6 Apr off, no 调休.
      ['2025-04-03', true, 'Thursday before'],
      ...off('2025-04-04', '2025-04-06', 'Qingming'),
      ['2025-04-07', true, 'Monday after'],
      // 2025 Labour Day: 1–5 May off, Sunday 27 Apr worked.
      ['2025-04-26', false, 'Saturday before'],
      ['2025-04-27', true, 'Sunday, 调休'],
      ['2025-04-30', true, 'Wednesday before'],
      ...off('2025-05-01', '2025-05-05', 'Labour Day'),
      ['2025-05-06', true, 'Tuesday after'],
      ['2025-05-10', false, 'Saturday after'],
      // 2025 National Day and Mid-Autumn: 1–8 Oct off, Sunday 28 Sep and Saturday 11 Oct worked.
      ['2025-09-27', false, 'Saturday before'],
      ['2025-09-28', true, 'Sunday, 调休'],
      ['2025-09-30', true, 'Tuesday before'],
      ...off('2025-10-01', '2025-10-08', 'National Day'),
      ['2025-10-09', true, 'Thursday after'],
      ['2025-10-11', true, 'Saturday, 调休'],
      ['2025-10-12', false, 'Sunday after'],
    ])('isWorkingDay(%s) is %s (%s)', async (date, expected) => {
      expect(await isWorkingDay(date)).toBe(expected);
    });

    it.each([2024, 2025])('agrees with the chinese-days data on every day of %i', async (year) => {
      const holidays = Object.keys(chineseDays.holidays).filter((d) => d.startsWith(`${year}-`));
      const workdays = Object.keys(chineseDays.workdays).filter((d) => d.startsWith(`${year}-`));
      expect(holidays.length).toBeGreaterThan(20);
      expect(workdays.every(weekend)).toBe(true);
      const answers = await workingDays(datesOf(year));
      for (const d of datesOf(year)) {
        expect([d, answers[d]]).toEqual([
          d,
          !holidays.includes(d) && (workdays.includes(d) || !weekend(d)),
        ]);
      }
      expect(Object.values(answers).filter(Boolean)).toHaveLength(
        workingDaysIn(year, holidays, workdays),
      );
    });

    it.each([
      ['AGENCY', agency()],
      ['INSURER', insurer('org-1')],
      ['INSTITUTION', institution],
      ['REPORTING', reporting()],
    ])('lets %s read the calendar', async (_role, user) => {
      expect(await isWorkingDay('2024-10-01', user)).toBe(false);
      const res = await t.gql(ADD_WORKING_DAYS, { date: '2024-09-30', days: 1 }, user);
      expect(res).toEqual({ data: { addWorkingDays: '2024-10-08' } });
    });

    it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
      const res = await t.gql(IS_WORKING_DAY, { date: '2024-10-01' });
      expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('addWorkingDays', () => {
    it.each([
      // rules.md §9
      ['2024-04-26', 15, '2024-05-20'],
      ['2024-12-27', 20, '2025-01-26'],
      ['2024-01-29', 30, '2024-03-14'],
      ['2024-03-14', 11, '2024-03-29'],
      // the start day is not counted; a holiday start counts from the next working day
      ['2024-09-30', 1, '2024-10-08'],
      ['2024-10-01', 1, '2024-10-08'],
      ['2024-10-11', 1, '2024-10-12'],
      ['2024-02-03', 1, '2024-02-04'],
      ['2025-01-27', 1, '2025-02-05'],
      ['2025-09-30', 2, '2025-10-10'],
      // 0 returns the date itself, even a holiday or a weekend
      ['2024-10-01', 0, '2024-10-01'],
      ['2024-06-15', 0, '2024-06-15'],
    ])('%s + %i working days → %s', async (date, days, expected) => {
      const res = await t.gql(ADD_WORKING_DAYS, { date, days }, agency());
      expect(res).toEqual({ data: { addWorkingDays: expected } });
    });

    it('counts afresh once a year is loaded (remembered counts belong to the calendar they were made on)', async () => {
      // 2033 has no schedule yet: the provisional calendar (rules.md §3.6; 1–3 October off, 10-01 and 10-02 are a
      // Saturday and a Sunday). Counts are remembered per calendar (docs/performance.md).
      const ask = async () =>
        (
          await t.gql<{ addWorkingDays: string }>(
            ADD_WORKING_DAYS,
            { date: '2033-09-30', days: 1 },
            agency(),
          )
        ).data?.addWorkingDays;
      expect(await ask()).toBe('2033-10-04');
      expect(await ask()).toBe('2033-10-04');
      expect((await load(2033, ['2033-10-03', '2033-10-04'], [])).errors).toBeUndefined();
      expect(await ask()).toBe('2033-10-05');
      expect((await load(2033, [], [])).errors).toBeUndefined();
      expect(await ask()).toBe('2033-10-03');
    });

    it('answers a due date that is itself a working day and counts exactly `days` working days', async () => {
      const date = '2024-04-26';
      const res = await t.gql<{ addWorkingDays: string }>(
        ADD_WORKING_DAYS,
        { date, days: 15 },
        agency(),
      );
      const due = res.data!.addWorkingDays;
      const between = datesOf(2024).filter((d) => d > date && d <= due);
      const answers = await workingDays(between);
      expect(answers[due]).toBe(true);
      expect(Object.values(answers).filter(Boolean)).toHaveLength(15);
    });

    it.each([-1, 3661, 5000])('refuses days = %i with BAD_USER_INPUT on days', async (days) => {
      const res = await t.gql(ADD_WORKING_DAYS, { date: '2024-01-02', days }, agency());
      expect(res.data).toBeNull();
      expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'days' });
    });

    it('accepts the largest days, 3660', async () => {
      const res = await t.gql<{ addWorkingDays: string }>(
        ADD_WORKING_DAYS,
        { date: '2024-01-02', days: 3660 },
        agency(),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.addWorkingDays > '2038-01-01').toBe(true);
    });

    it.each(['2024-02-30', '2024-13-01', '20240101', '2024-1-1', 'tomorrow', '110105194912310021'])(
      'refuses the date %j with BAD_USER_INPUT on date, without echoing it',
      async (date) => {
        for (const [query, variables] of [
          [ADD_WORKING_DAYS, { date, days: 1 }],
          [IS_WORKING_DAY, { date }],
        ] as const) {
          const res = await t.gql(query, variables, agency());
          expect(res.data ?? null).toBeNull();
          expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'date' });
          expect(JSON.stringify(res.errors)).not.toContain(date);
        }
      },
    );

    it.each([
      ['2024-12-31', 1, '2025-01-02'],
      ['9999-12-30', 0, '9999-12-30'],
      ['9999-12-30', 1, '9999-12-31'],
    ])(
      'reaches across years and up to the last Date, %s + %i → %s',
      async (date, days, expected) => {
        const res = await t.gql(ADD_WORKING_DAYS, { date, days }, agency());
        expect(res).toEqual({ data: { addWorkingDays: expected } });
      },
    );

    // A due date after 9999-12-31 is not a Date: the caller's input is at fault.
    it.each([
      ['9999-12-31', 1],
      ['9999-12-24', 10],
    ])('refuses %s + %i, past the last Date, with BAD_USER_INPUT', async (date, days) => {
      const res = await t.gql(ADD_WORKING_DAYS, { date, days }, agency());
      expect(res.data).toBeNull();
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(['date', 'days']).toContain(res.errors![0]!.extensions!.field);
    });

    it('refuses a bad inline date with BAD_USER_INPUT on date', async () => {
      const res = await t.gql('{ addWorkingDays(date: "2025-02-29", days: 1) }', {}, agency());
      expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'date' });
    });
  });

  describe('loadCalendarYear', () => {
    const HOLIDAYS_2027 = range('2027-10-01', '2027-10-07');
    const WORKDAYS_2027 = ['2027-09-26'];

    it('uses the provisional statutory calendar for 2027 before its schedule is loaded (rules.md §3.6)', async () => {
      expect(await storedDays(2027)).toEqual([]);
      expect(new Date('2027-10-01T00:00:00Z').getUTCDay()).toBe(5);
      expect(new Date('2027-09-26T00:00:00Z').getUTCDay()).toBe(0);
      expect(await isWorkingDay('2027-10-01')).toBe(false); // 国庆 by law
      expect(await isWorkingDay('2027-10-04')).toBe(true); // no bridging day
      expect(await isWorkingDay('2027-09-26')).toBe(false); // no 调休
      expect(await isWorkingDay('2027-10-02')).toBe(false);
      expect(await t.gql(ADD_WORKING_DAYS, { date: '2027-09-30', days: 1 }, agency())).toEqual({
        data: { addWorkingDays: '2027-10-04' },
      });
    });

    it.each([
      ['INSURER', insurer('org-1')],
      ['INSTITUTION', institution],
      ['REPORTING', reporting()],
    ])('refuses %s with FORBIDDEN, storing nothing', async (_role, user) => {
      const audits = await count('SELECT count(*) AS n FROM audit_trail');
      const res = await load(2027, HOLIDAYS_2027, WORKDAYS_2027, user);
      expect(res.data).toBeNull();
      expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      expect(await storedDays(2027)).toEqual([]);
      expect(await count('SELECT count(*) AS n FROM audit_trail')).toBe(audits);
      expect(await isWorkingDay('2027-10-04')).toBe(true);
    });

    it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
      const res = await t.gql(LOAD_YEAR, { year: 2027, holidays: [], adjustedWorkdays: [] });
      expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(await storedDays(2027)).toEqual([]);
    });

    it('loads 2027 as AGENCY and answers its number of working days', async () => {
      // 2027 starts on a Friday and has 365 days: 52 weeks and one Friday, 261 weekdays.
      expect(datesOf(2027).filter((d) => !weekend(d))).toHaveLength(261);
      const weekdayHolidays = HOLIDAYS_2027.filter((d) => !weekend(d));
      expect(weekdayHolidays).toEqual([
        '2027-10-01',
        '2027-10-04',
        '2027-10-05',
        '2027-10-06',
        '2027-10-07',
      ]);
      const expected = 261 - weekdayHolidays.length + WORKDAYS_2027.length;
      expect(expected).toBe(257);
      expect(workingDaysIn(2027, HOLIDAYS_2027, WORKDAYS_2027)).toBe(expected);

      const audits = await count('SELECT count(*) AS n FROM audit_trail');
      const res = await load(2027, HOLIDAYS_2027, WORKDAYS_2027);
      expect(res).toEqual({ data: { loadCalendarYear: expected } });

      expect(await isWorkingDay('2027-10-01')).toBe(false);
      expect(await isWorkingDay('2027-09-26')).toBe(true);
      expect(await isWorkingDay('2027-10-08')).toBe(true);
      expect(await isWorkingDay('2027-10-09')).toBe(false);
      expect(await t.gql(ADD_WORKING_DAYS, { date: '2027-09-30', days: 1 }, agency())).toEqual({
        data: { addWorkingDays: '2027-10-08' },
      });
      const answers = await workingDays(datesOf(2027));
      expect(Object.values(answers).filter(Boolean)).toHaveLength(expected);

      expect(await storedDays(2027)).toEqual([
        { date: '2027-09-26', kind: 'WORKDAY' },
        ...HOLIDAYS_2027.map((date) => ({ date, kind: 'HOLIDAY' })),
      ]);
      const years: Array<{ year: number }> = await t.db.dataSource.query(
        'SELECT year FROM calendar_year WHERE year = 2027',
      );
      expect(years).toEqual([{ year: 2027 }]);

      expect(await count('SELECT count(*) AS n FROM audit_trail')).toBe(audits + 1);
      const [row]: Array<{ operation: string; ids: string[]; role: string; input: unknown }> =
        await t.db.dataSource.query(
          'SELECT operation, ids, role, input FROM audit_trail ORDER BY id DESC LIMIT 1',
        );
      expect(row).toEqual({
        operation: 'loadCalendarYear',
        ids: ['2027'],
        role: 'AGENCY',
        input: {
          year: 2027,
          holidays: HOLIDAYS_2027,
          adjustedWorkdays: WORKDAYS_2027,
          // no stored date was counted over 2027 here (rules.md §3.6; test/e2e/provisional-due-dates.e2e-spec.ts)
          recount: {
            claims: { recounted: 0, rowsChanged: 0, datesChanged: 0, marksCleared: 0 },
            penalties: { recounted: 0, rowsChanged: 0, datesChanged: 0, marksCleared: 0 },
          },
          datesChanged: 0,
        },
      });
    });

    it.each([
      ['a date outside the year', 'holidays[1]', ['2027-10-01', '2028-01-03'], []],
      ['a date of the year before', 'holidays[0]', ['2026-12-31'], []],
      ['an adjusted workday outside the year', 'adjustedWorkdays[0]', [], ['2028-01-01']],
      ['an adjusted workday on a weekday', 'adjustedWorkdays[0]', [], ['2027-09-27']],
      [
        'a weekday among adjusted workdays',
        'adjustedWorkdays[1]',
        [],
        ['2027-09-26', '2027-10-08'],
      ],
      ['a holiday listed twice', 'holidays[1]', ['2027-05-03', '2027-05-03'], []],
      ['a date in both lists', 'adjustedWorkdays[0]', ['2027-05-01'], ['2027-05-01']],
    ])(
      'refuses %s with BAD_USER_INPUT on %s, storing nothing',
      async (_name, field, holidays: string[], adjustedWorkdays: string[]) => {
        const before = await storedDays(2027);
        const audits = await count('SELECT count(*) AS n FROM audit_trail');
        const res = await load(2027, holidays, adjustedWorkdays);
        expect(res.data).toBeNull();
        expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
        expect(await storedDays(2027)).toEqual(before);
        expect(await count('SELECT count(*) AS n FROM audit_trail')).toBe(audits);
        expect(await isWorkingDay('2027-10-04')).toBe(false);
      },
    );

    it.each([1948, 9999, 0, -2027])(
      'refuses the year %i with BAD_USER_INPUT on year',
      async (year) => {
        const res = await load(year, [], []);
        expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'year' });
      },
    );

    it('refuses a bad date in a list with BAD_USER_INPUT naming the list', async () => {
      const before = await storedDays(2027);
      const res = await load(2027, ['2027-10-01', '2027-02-29'], []);
      expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'holidays[1]' });
      expect(await storedDays(2027)).toEqual(before);
    });

    it('replaces the year when loaded again: the earlier days are gone, other years untouched', async () => {
      const outside = await count(
        `SELECT count(*) AS n FROM calendar_day WHERE date < '2027-01-01' OR date > '2027-12-31'`,
      );
      const holidays = range('2027-05-01', '2027-05-05');
      const workdays = ['2027-04-25', '2027-05-08'];
      expect(workdays.every(weekend)).toBe(true);
      const expected = workingDaysIn(2027, holidays, workdays);
      expect(expected).toBe(261 - 3 + 2);

      const res = await load(2027, holidays, workdays);
      expect(res).toEqual({ data: { loadCalendarYear: expected } });
      expect(await storedDays(2027)).toEqual(
        [
          ...holidays.map((date) => ({ date, kind: 'HOLIDAY' })),
          ...workdays.map((date) => ({ date, kind: 'WORKDAY' })),
        ].sort((a, b) => a.date.localeCompare(b.date)),
      );
      expect(await isWorkingDay('2027-10-01')).toBe(true);
      expect(await isWorkingDay('2027-09-26')).toBe(false);
      expect(await isWorkingDay('2027-05-03')).toBe(false);
      expect(await isWorkingDay('2027-05-08')).toBe(true);
      expect(
        await count(
          `SELECT count(*) AS n FROM calendar_day WHERE date < '2027-01-01' OR date > '2027-12-31'`,
        ),
      ).toBe(outside);
      expect(await isWorkingDay('2026-10-01')).toBe(false);
    });

    // Concurrent loads of one year are serialised by a transaction-scoped advisory lock (loadYear).
    it('lets concurrent loads of one year all succeed or be refused with a contract code', async () => {
      const holidays = ['2028-10-02', '2028-10-03'];
      const results = await Promise.all(Array.from({ length: 5 }, () => load(2028, holidays, [])));
      for (const res of results) {
        expect(res.errors?.[0]?.extensions?.code ?? 'OK').toMatch(/^(OK|CONFLICT)$/);
      }
      expect(results.some((r) => !r.errors)).toBe(true);
      expect(await storedDays(2028)).toEqual(holidays.map((date) => ({ date, kind: 'HOLIDAY' })));
    });

    it('loads a year with no holidays at all: weekdays only, and the year counts as scheduled', async () => {
      const res = await load(2027, [], []);
      expect(res).toEqual({ data: { loadCalendarYear: 261 } });
      expect(await storedDays(2027)).toEqual([]);
      expect(await isWorkingDay('2027-05-03')).toBe(true);
    });

    it('can replace a seeded year, and put it back', async () => {
      const holidays = Object.keys(chineseDays.holidays).filter((d) => d.startsWith('2024-'));
      const workdays = Object.keys(chineseDays.workdays).filter((d) => d.startsWith('2024-'));
      const emptied = await load(2024, [], []);
      expect(emptied).toEqual({ data: { loadCalendarYear: 262 } });
      expect(await isWorkingDay('2024-10-01')).toBe(true);
      const restored = await load(2024, holidays, workdays);
      expect(restored).toEqual({
        data: { loadCalendarYear: workingDaysIn(2024, holidays, workdays) },
      });
      expect(await isWorkingDay('2024-10-01')).toBe(false);
      expect(await isWorkingDay('2024-10-12')).toBe(true);
    });
  });
});
