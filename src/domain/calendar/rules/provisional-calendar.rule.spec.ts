import { execFileSync } from 'node:child_process';
import path from 'node:path';

import chineseDays from 'chinese-days/dist/chinese-days.json';
import { getSolarTermDate } from 'chinese-days';
import fc from 'fast-check';

import { addDays, dateOf, dayOfWeek, isCalendarDate } from '../../../shared/calendar-date';
import {
  PROVISIONAL_FIRST_YEAR,
  PROVISIONAL_LAST_YEAR,
  provisionalHolidays,
  statutoryDays,
  type Festival,
} from './provisional-calendar.rule';

const PUBLISHED_HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(chineseDays.holidays));

const datesOf = (year: number): string[] => statutoryDays(year).map((d) => d.date);
const festivalDates = (year: number, festival: Festival): string[] =>
  statutoryDays(year)
    .filter((d) => d.festival === festival)
    .map((d) => d.date);

/** The years of 2025–2099 in which 中秋 falls on 1–3 October (computed once from the library, listed in the rule). */
const MID_AUTUMN_ON_NATIONAL_DAY = [2028, 2031, 2039, 2058, 2066, 2077, 2085];

describe('statutoryDays (rules.md §3.6; 全国年节及纪念日放假办法 art. 2, 2024 amendment)', () => {
  it('gives 2027 exactly as rules.md §3.6 lists it', () => {
    expect(datesOf(2027)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    expect(statutoryDays(2027).map((d) => d.festival)).toEqual([
      'NEW_YEAR',
      'SPRING_FESTIVAL',
      'SPRING_FESTIVAL',
      'SPRING_FESTIVAL',
      'SPRING_FESTIVAL',
      'QINGMING',
      'LABOUR_DAY',
      'LABOUR_DAY',
      'DRAGON_BOAT',
      'MID_AUTUMN',
      'NATIONAL_DAY',
      'NATIONAL_DAY',
      'NATIONAL_DAY',
    ]);
  });

  it.each([2025, 2026])(
    'makes every statutory day of %i a holiday of the published schedule',
    (year) => {
      const days = datesOf(year);
      expect(days).toHaveLength(13);
      expect(new Set(days).size).toBe(13);
      expect(days.filter((d) => !PUBLISHED_HOLIDAYS.has(d))).toEqual([]);
    },
  );

  // Before 2025 the 2013 text applied: 春节 was 正月初一 to 初三 (no 除夕) and 劳动节 1 May only. Those 11 days of the
  // library's lunar dates and Qingming must be holidays of every published schedule since.
  it.each([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024])(
    'agrees with the published %i schedule on the days the 2013 text shared with 2024',
    (year) => {
      const eve = festivalDates(year, 'SPRING_FESTIVAL')[0]!;
      const shared = datesOf(year).filter((d) => d !== eve && d !== dateOf(year, 5, 2));
      expect(shared).toHaveLength(11);
      expect(shared.filter((d) => !PUBLISHED_HOLIDAYS.has(d))).toEqual([]);
    },
  );

  it.each([
    // 腊月 of 2024 and 2025 had 29 days: 除夕 is 腊月廿九, the day before 正月初一.
    [2025, '2025-01-28', '2025-01-29'],
    [2026, '2026-02-16', '2026-02-17'],
    // 腊月 of 2023 had 30 days.
    [2024, '2024-02-09', '2024-02-10'],
    [2027, '2027-02-05', '2027-02-06'],
  ])('%i: 除夕 %s, 正月初一 %s', (year, eve, first) => {
    expect(festivalDates(year, 'SPRING_FESTIVAL')).toEqual([
      eve,
      first,
      addDays(first, 1),
      addDays(first, 2),
    ]);
  });

  it.each([
    // 2028 has a leap fifth month (闰五月 from 2028-06-27): 端午 is in the ordinary one.
    [2028, 'DRAGON_BOAT', '2028-05-28'],
    [2025, 'DRAGON_BOAT', '2025-05-31'],
    [2026, 'DRAGON_BOAT', '2026-06-19'],
    // 2025 has a leap sixth month: 中秋 still 农历八月十五.
    [2025, 'MID_AUTUMN', '2025-10-06'],
    [2026, 'MID_AUTUMN', '2026-09-25'],
    [2025, 'QINGMING', '2025-04-04'],
    [2026, 'QINGMING', '2026-04-05'],
    [2024, 'QINGMING', '2024-04-04'],
  ] as const)('%i %s → %s', (year, festival, date) => {
    expect(festivalDates(year, festival)).toEqual([date]);
  });

  it('lists both festivals when 中秋 falls inside 国庆 (2028-10-03): 13 entries, 12 distinct days', () => {
    const days = statutoryDays(2028);
    expect(days).toHaveLength(13);
    expect(days.slice(9)).toEqual([
      { date: '2028-10-01', festival: 'NATIONAL_DAY' },
      { date: '2028-10-02', festival: 'NATIONAL_DAY' },
      { date: '2028-10-03', festival: 'MID_AUTUMN' },
      { date: '2028-10-03', festival: 'NATIONAL_DAY' },
    ]);
    expect(provisionalHolidays(2028).size).toBe(12);
  });

  it('has the shape of the law in every year 1901–2099', () => {
    const collisions: number[] = [];
    for (let year = PROVISIONAL_FIRST_YEAR; year <= PROVISIONAL_LAST_YEAR; year += 1) {
      const days = statutoryDays(year);
      const dates = days.map((d) => d.date);
      expect(days).toHaveLength(13);
      expect(dates.every((d) => isCalendarDate(d) && d.startsWith(`${year}-`))).toBe(true);
      expect(dates).toEqual([...dates].sort());
      const [eve, first, second, third] = festivalDates(year, 'SPRING_FESTIVAL');
      expect([addDays(eve!, 1), addDays(first!, 1), addDays(second!, 1)]).toEqual([
        first,
        second,
        third,
      ]);
      expect(first! >= dateOf(year, 1, 21) && first! <= dateOf(year, 2, 20)).toBe(true);
      const [qingming] = festivalDates(year, 'QINGMING');
      expect(qingming! >= dateOf(year, 4, 4) && qingming! <= dateOf(year, 4, 6)).toBe(true);
      if (new Set(dates).size !== 13) {
        collisions.push(year);
      }
    }
    expect(collisions.filter((y) => y >= 2025)).toEqual(MID_AUTUMN_ON_NATIONAL_DAY);
  });

  it('gives 13 statutory days inside the year, distinct unless 中秋 is in 国庆, for any year 2025–2099', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2025, max: 2099 }), (year) => {
        const days = statutoryDays(year);
        const dates = days.map((d) => d.date);
        const midAutumn = festivalDates(year, 'MID_AUTUMN')[0]!;
        const insideNationalDay = midAutumn >= `${year}-10-01` && midAutumn <= `${year}-10-03`;
        return (
          days.length === 13 &&
          dates.every((d) => d >= `${year}-01-01` && d <= `${year}-12-31` && isCalendarDate(d)) &&
          new Set(dates).size === (insideNationalDay ? 12 : 13) &&
          insideNationalDay === MID_AUTUMN_ON_NATIONAL_DAY.includes(year)
        );
      }),
      { numRuns: 300 },
    );
  });

  it.each([1900, 2100, 2025.5, Number.NaN])('refuses the year %p', (year) => {
    expect(() => statutoryDays(year)).toThrow(RangeError);
  });
});

describe('provisionalHolidays', () => {
  it('is the set of the statutory dates', () => {
    expect([...provisionalHolidays(2027)]).toEqual(datesOf(2027));
    expect(provisionalHolidays(2027)).toBe(provisionalHolidays(2027));
  });

  it.each([2100, 1900, 9999])(
    'keeps only the fixed-date days in %i, past the lunar tables',
    (y) => {
      expect([...provisionalHolidays(y)]).toEqual(
        ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'].map((md) => `${y}-${md}`),
      );
    },
  );

  it('refuses a year that is not an integer', () => {
    expect(() => provisionalHolidays(2027.5)).toThrow(RangeError);
  });

  it('keeps weekends as they are: 2027-10-02 and 10-03 are a Saturday and a Sunday, no day is added', () => {
    expect([dayOfWeek('2027-10-02'), dayOfWeek('2027-10-03')]).toEqual([6, 0]);
    expect(provisionalHolidays(2027).has('2027-10-04')).toBe(false);
  });
});

/*
 * The process time zone. chinese-days' functions read and print dates with a Date's local-time getters; the rule calls
 * them so that the answer is the same everywhere. This runs the rule in fresh node processes under several zones
 * (the TypeScript compiled by @swc/core, as jest does) and compares every year 1901–2099 with this process's answer.
 */
describe('time-zone independence', () => {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  const rule = path.join(__dirname, 'provisional-calendar.rule.ts');
  const script = `
    const fs = require('node:fs');
    const swc = require('@swc/core');
    require.extensions['.ts'] = (m, filename) => {
      const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
        filename, module: { type: 'commonjs' }, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      });
      m._compile(code, filename);
    };
    const { getSolarTermDate, getSolarDateFromLunar } = require('chinese-days');
    const { statutoryDays } = require(${JSON.stringify(rule)});
    const out = { raw: [getSolarTermDate(2027, 4, 'pure_brightness'), getSolarDateFromLunar('2027-01-01').date], years: {} };
    for (let y = ${PROVISIONAL_FIRST_YEAR}; y <= ${PROVISIONAL_LAST_YEAR}; y += 1) out.years[y] = statutoryDays(y);
    process.stdout.write(JSON.stringify(out));`;
  type Run = { raw: string[]; years: Record<string, unknown> };
  const runUnder = (tz: string): Run =>
    JSON.parse(
      execFileSync(process.execPath, ['-e', script], {
        cwd: root,
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      }),
    ) as Run;

  const here: Record<string, unknown> = {};
  for (let y = PROVISIONAL_FIRST_YEAR; y <= PROVISIONAL_LAST_YEAR; y += 1) {
    here[y] = statutoryDays(y);
  }

  it.each([
    // raw: what the library itself answers for Qingming 2027 and lunar 2027-01-01 given as a string
    ['UTC', ['2027-04-05', '2027-02-06']],
    ['Asia/Shanghai', ['2027-04-05', '2027-02-06']],
    ['America/Los_Angeles', ['2027-04-04', '2027-02-07']],
    ['Pacific/Kiritimati', ['2027-04-05', '2027-02-06']],
    ['Pacific/Pago_Pago', ['2027-04-04', '2027-02-07']],
  ])('gives the same days under TZ=%s (where the library alone says %j)', (tz, raw) => {
    const run = runUnder(tz);
    expect(run.raw).toEqual(raw);
    expect(run.years).toEqual(here);
  });

  it('is the answer of Asia/Shanghai in this process too', () => {
    expect(runUnder('Asia/Shanghai').years[2027]).toEqual(statutoryDays(2027));
    // this process's zone is whatever jest inherited: the library's own answer may differ, the rule's does not
    expect(['2027-04-04', '2027-04-05']).toContain(getSolarTermDate(2027, 4, 'pure_brightness'));
  });
});
