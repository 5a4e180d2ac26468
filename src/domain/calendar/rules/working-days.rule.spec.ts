import fc from 'fast-check';

import {
  addDays,
  dateOf,
  dayOfWeek,
  daysBetween,
  isCalendarDate,
  isWeekend,
  yearOf,
} from '../../../shared/calendar-date';
import { CHINESE_DAYS_FIRST_YEAR, CHINESE_DAYS_LAST_YEAR, officialSchedule } from './calendar-data';
import { provisionalHolidays } from './provisional-calendar.rule';
import {
  addWorkingDays,
  countTouchesYear,
  isProvisionalCount,
  isWorkingDay,
  MAX_WORKING_DAYS,
  nextWorkingDayOnOrAfter,
  unscheduledYearsBetween,
  workingDaysAfter,
  yearsCountedOver,
  type WorkingDayCalendar,
} from './working-days.rule';

const schedule = officialSchedule(2015, 2026);
const cal: WorkingDayCalendar = {
  holidays: new Set(schedule.holidays),
  adjustedWorkdays: new Set(schedule.adjustedWorkdays),
  scheduledYears: new Set(schedule.years),
};

const datesFrom = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    out.push(d);
  }
  return out;
};

const workingDaysIn = (from: string, to: string): number =>
  datesFrom(from, to).filter((d) => isWorkingDay(cal, d)).length;

describe('officialSchedule (chinese-days data)', () => {
  it('covers 2015–2026 with sorted, valid, disjoint dates', () => {
    expect(schedule.years).toEqual([
      2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ]);
    expect(CHINESE_DAYS_FIRST_YEAR).toBe(2004);
    expect(CHINESE_DAYS_LAST_YEAR).toBe(2026);
    expect(schedule.holidays).toEqual([...schedule.holidays].sort());
    expect(schedule.adjustedWorkdays).toEqual([...schedule.adjustedWorkdays].sort());
    expect([...schedule.holidays, ...schedule.adjustedWorkdays].every(isCalendarDate)).toBe(true);
    expect(schedule.holidays.filter((d) => cal.adjustedWorkdays.has(d))).toEqual([]);
    expect(schedule.holidays[0]).toBe('2015-01-01');
    expect(schedule.holidays[schedule.holidays.length - 1]).toBe('2026-10-07');
  });

  it('has an adjusted working day only on a Saturday or Sunday', () => {
    expect(
      schedule.adjustedWorkdays.filter((d) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6),
    ).toEqual([]);
  });

  it('keeps years outside the data out of `years`', () => {
    expect(officialSchedule(2026, 2028).years).toEqual([2026]);
    expect(officialSchedule(2027, 2030)).toEqual({ holidays: [], adjustedWorkdays: [], years: [] });
  });

  it.each([
    [2025, 2024],
    [2024.5, 2025],
  ])('refuses the year range %s–%s', (from, to) => {
    expect(() => officialSchedule(from, to)).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it.each([
    // stack.md checks
    ['2024-02-04', true, 'Sunday, adjusted (Spring Festival)'],
    ['2024-09-29', true, 'Sunday, adjusted (National Day)'],
    ['2024-10-12', true, 'Saturday, adjusted (National Day)'],
    ['2024-10-01', false, 'National Day'],
    ['2024-10-04', false, 'National Day'],
    ['2024-10-07', false, 'National Day (Monday)'],
    ['2024-10-08', true, 'Tuesday after National Day'],
    // ordinary days
    ['2024-03-13', true, 'Wednesday'],
    ['2024-03-16', false, 'Saturday'],
    ['2024-03-17', false, 'Sunday'],
    ['2024-02-03', false, 'Saturday before an adjusted Sunday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });

  it.each([
    // 2024 Spring Festival: 10–17 Feb off; 4 and 18 Feb (Sundays) worked
    ['2024 Spring Festival', '2024-02-10', '2024-02-17', ['2024-02-04', '2024-02-18']],
    // 2024 Qingming: 4–6 Apr off; 7 Apr (Sunday) worked
    ['2024 Qingming', '2024-04-04', '2024-04-06', ['2024-04-07']],
    // 2024 Labour Day: 1–5 May off; 28 Apr (Sunday) and 11 May (Saturday) worked
    ['2024 Labour Day', '2024-05-01', '2024-05-05', ['2024-04-28', '2024-05-11']],
    // 2024 National Day: 1–7 Oct off; 29 Sep (Sunday) and 12 Oct (Saturday) worked
    ['2024 National Day', '2024-10-01', '2024-10-07', ['2024-09-29', '2024-10-12']],
    // 2025 Spring Festival: 28 Jan–4 Feb off; 26 Jan (Sunday) and 8 Feb (Saturday) worked
    ['2025 Spring Festival', '2025-01-28', '2025-02-04', ['2025-01-26', '2025-02-08']],
    // 2025 Qingming: 4–6 Apr off (Fri–Sun), no adjusted working day
    ['2025 Qingming', '2025-04-04', '2025-04-06', []],
    // 2025 Labour Day: 1–5 May off; 27 Apr (Sunday) worked
    ['2025 Labour Day', '2025-05-01', '2025-05-05', ['2025-04-27']],
    // 2025 National Day with Mid-Autumn: 1–8 Oct off; 28 Sep (Sunday) and 11 Oct (Saturday) worked
    ['2025 National Day', '2025-10-01', '2025-10-08', ['2025-09-28', '2025-10-11']],
  ])('%s: %s..%s off, %j worked', (_name, first, last, worked) => {
    const block = datesFrom(first, last);
    expect(block.map((d) => isWorkingDay(cal, d))).toEqual(block.map(() => false));
    expect(worked.map((d) => isWorkingDay(cal, d))).toEqual(worked.map(() => true));
    expect(worked.every((d) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6)).toBe(true);
    // the block is exactly as stated: no holiday just before it, a working day just after it
    expect(cal.holidays.has(addDays(first, -1))).toBe(false);
    expect(isWorkingDay(cal, addDays(last, 1))).toBe(true);
  });

  it.each([
    [2023, 249],
    [2024, 251],
    [2025, 248],
    [2026, 248],
  ])('%i has %i working days', (year, expected) => {
    expect(workingDaysIn(dateOf(year, 1, 1), dateOf(year, 12, 31))).toBe(expected);
  });

  // rules.md §3.6: a year without a schedule counts on the provisional calendar (weekends and the 13 statutory days).
  it.each([
    ['2030-10-01', false, 'Tuesday, 国庆 by law'],
    ['2030-10-03', false, 'Thursday, 国庆 by law'],
    ['2030-10-04', true, 'Friday: no bridging day'],
    ['2030-01-01', false, 'Tuesday, 元旦 by law'],
    ['2030-10-05', false, 'Saturday'],
    ['2030-10-06', false, 'Sunday'],
    ['2027-02-05', false, 'Friday, 除夕 by law'],
    ['2027-02-08', false, 'Monday, 正月初三 by law'],
    ['2027-02-09', true, 'Tuesday: no day beyond the law'],
    ['2027-04-05', false, 'Monday, 清明'],
    ['2027-05-03', true, 'Monday: 劳动节 is 1 and 2 May only'],
    ['2027-06-09', false, 'Wednesday, 端午'],
    ['2027-09-15', false, 'Wednesday, 中秋'],
    ['2027-01-02', false, 'Saturday'],
    ['2027-01-04', true, 'Monday'],
  ])('unscheduled year: %s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });

  it('ignores holiday and adjusted-day entries of a year that is not scheduled', () => {
    const partial: WorkingDayCalendar = {
      holidays: new Set(['2030-10-08']),
      adjustedWorkdays: new Set(['2030-10-05']),
      scheduledYears: new Set([2029]),
    };
    expect(isWorkingDay(partial, '2030-10-08')).toBe(true);
    expect(isWorkingDay(partial, '2030-10-05')).toBe(false);
  });

  it.each(['2024-02-30', '2024-13-01', '20240101', ''])('refuses %j', (date) => {
    expect(() => isWorkingDay(cal, date)).toThrow(RangeError);
  });
});

describe('addWorkingDays (rules.md §3.4: day D not counted, due on the N-th working day after it)', () => {
  it.each([
    // rules.md §9: DIRECT, 28 Apr (Sunday, 调休) counts, 1–5 May do not, 11 May (Saturday, 调休) counts
    ['2024-04-26', 15, '2024-05-20'],
    // rules.md §9: MANUAL, due on a Sunday that is an adjusted working day
    ['2024-12-27', 20, '2025-01-26'],
    // rules.md §9: penalty notice, Spring Festival 10–17 Feb off, 4 and 18 Feb count
    ['2024-01-29', 30, '2024-03-14'],
    // the 11th working day after the due date (enforceable from)
    ['2024-03-14', 11, '2024-03-29'],
    ['2024-03-14', 10, '2024-03-28'],
    // across National Day 2024: 30 Sep, then 8 Oct
    ['2024-09-27', 1, '2024-09-29'],
    ['2024-09-29', 1, '2024-09-30'],
    ['2024-09-30', 1, '2024-10-08'],
    // D itself not a working day
    ['2024-10-03', 1, '2024-10-08'],
    ['2024-03-16', 1, '2024-03-18'],
    // into an unscheduled year: the provisional calendar (1 January and 1–3 October off)
    ['2026-12-30', 2, '2027-01-04'],
    ['2030-09-30', 1, '2030-10-04'],
    ['2030-10-04', 1, '2030-10-07'],
  ])('%s + %i working days → %s', (start, n, expected) => {
    const due = addWorkingDays(cal, start, n);
    expect(due).toBe(expected);
    expect(isWorkingDay(cal, due)).toBe(true);
    expect(workingDaysIn(addDays(start, 1), due)).toBe(n);
  });

  it.each(['2024-10-03', '2024-03-14'])('returns %s unchanged for n = 0', (start) => {
    expect(addWorkingDays(cal, start, 0)).toBe(start);
  });

  it('gives enforceableFrom 2024-03-29 for a penalty notified on 2024-01-29 (rules.md §9)', () => {
    const due = addWorkingDays(cal, '2024-01-29', 30);
    const tenth = addWorkingDays(cal, due, 10);
    expect(nextWorkingDayOnOrAfter(cal, addDays(tenth, 1))).toBe('2024-03-29');
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_WORKING_DAYS + 1])(
    'refuses n = %p',
    (n) => {
      expect(() => addWorkingDays(cal, '2024-03-14', n)).toThrow(RangeError);
    },
  );

  it('accepts n = MAX_WORKING_DAYS', () => {
    const due = addWorkingDays(cal, '2015-01-01', MAX_WORKING_DAYS);
    expect(workingDaysIn('2015-01-02', due)).toBe(MAX_WORKING_DAYS);
  });

  it('refuses an invalid start date', () => {
    expect(() => addWorkingDays(cal, '2024-02-30', 1)).toThrow(RangeError);
  });

  it('has exactly n working days in (D, result] for random D in 2015–2026 and n in 0..60', () => {
    const span = daysBetween('2015-01-01', '2026-12-31');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 0, max: 60 }),
        (offset, n) => {
          const start = addDays('2015-01-01', offset);
          const due = addWorkingDays(cal, start, n);
          if (n === 0) {
            return due === start;
          }
          return (
            due > start && isWorkingDay(cal, due) && workingDaysIn(addDays(start, 1), due) === n
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('nextWorkingDayOnOrAfter', () => {
  it.each([
    ['2024-03-14', '2024-03-14', 'working day itself'],
    ['2024-03-16', '2024-03-18', 'Saturday → Monday'],
    ['2024-10-05', '2024-10-08', 'National Day → Tuesday'],
    ['2024-04-05', '2024-04-07', 'Qingming → adjusted Sunday'],
    ['2024-09-28', '2024-09-29', 'Saturday → adjusted Sunday'],
    ['2025-01-25', '2025-01-26', 'Saturday → adjusted Sunday'],
    ['2025-01-28', '2025-02-05', 'Spring Festival → Wednesday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(nextWorkingDayOnOrAfter(cal, date)).toBe(expected);
  });
});

describe('unscheduledYearsBetween', () => {
  it.each([
    ['2024-01-01', '2026-12-31', []],
    ['2026-12-01', '2028-01-15', [2027, 2028]],
    ['2014-12-01', '2015-01-15', [2014]],
    ['2030-01-01', '2030-12-31', [2030]],
    ['2026-01-01', '2025-01-01', []],
  ])('%s..%s → %j', (from, to, expected) => {
    expect(unscheduledYearsBetween(cal, from, to)).toEqual(expected);
  });
});

/** `base` with `year`'s schedule loaded as given (what loadCalendarYear does to the table). */
const withYear = (
  base: WorkingDayCalendar,
  year: number,
  holidays: readonly string[],
  adjustedWorkdays: readonly string[] = [],
): WorkingDayCalendar => ({
  holidays: new Set([...[...base.holidays].filter((d) => yearOf(d) !== year), ...holidays]),
  adjustedWorkdays: new Set([
    ...[...base.adjustedWorkdays].filter((d) => yearOf(d) !== year),
    ...adjustedWorkdays,
  ]),
  scheduledYears: new Set([...base.scheduledYears, year]),
});

/** The count as it was before rules.md §3.6, written independently: a year without a schedule counted weekends only. */
const weekendsOnlyFallbackAfter = (from: string, n: number): string => {
  let day = from;
  for (let counted = 0; counted < n;) {
    day = addDays(day, 1);
    const works = cal.scheduledYears.has(yearOf(day)) ? isWorkingDay(cal, day) : !isWeekend(day);
    counted += works ? 1 : 0;
  }
  return day;
};

describe('workingDaysAfter (rules.md §3.6: the date and whether it is provisional)', () => {
  describe('the example of rules.md §3.6: a DIRECT claim declared on 2026-12-25, 15 working days', () => {
    it.each<[string, string, boolean, WorkingDayCalendar]>([
      ['2027 not loaded', '2027-01-18', true, cal],
      [
        '2027 loaded with holidays [2027-01-01]',
        '2027-01-18',
        false,
        withYear(cal, 2027, ['2027-01-01']),
      ],
      [
        '2027 loaded with holidays [2027-01-01, 2027-01-04]',
        '2027-01-19',
        false,
        withYear(cal, 2027, ['2027-01-01', '2027-01-04']),
      ],
    ])('%s → %s, provisional %s', (_name, date, provisional, calendar) => {
      expect(workingDaysAfter(calendar, '2026-12-25', 15)).toEqual({ date, provisional });
    });

    it('is three days later than weekends-only counting would say (2027-01-15, overdue on the 16th)', () => {
      expect(dayOfWeek('2026-12-25')).toBe(5);
      expect(weekendsOnlyFallbackAfter('2026-12-25', 15)).toBe('2027-01-15');
    });
  });

  it.each([
    // rules.md §9: inside loaded years, never provisional
    ['2024-04-26', 15, '2024-05-20'],
    ['2024-12-27', 20, '2025-01-26'],
    ['2024-01-29', 30, '2024-03-14'],
    ['2024-03-14', 11, '2024-03-29'],
    ['2026-12-30', 1, '2026-12-31'],
  ])('%s + %i → %s, not provisional (rules.md §9)', (from, n, date) => {
    expect(workingDaysAfter(cal, from, n)).toEqual({ date, provisional: false });
  });

  it.each([
    // one day of 2027 counted over, even a day off, makes the count provisional
    ['2026-12-31', 1, '2027-01-04', true],
    ['2026-12-30', 1, '2026-12-31', false],
    ['2026-12-31', 0, '2026-12-31', false],
    ['2027-03-01', 0, '2027-03-01', false],
    ['2027-03-01', 1, '2027-03-02', true],
    // from an unscheduled year into a loaded one: the days counted over are all in 2015 (2014 not loaded here)
    ['2014-12-31', 1, '2015-01-04', false], // 2015-01-04, a Sunday, was worked (调休)
    ['2014-12-30', 1, '2014-12-31', true],
  ])('%s + %i → %s, provisional %s', (from, n, date, provisional) => {
    expect(workingDaysAfter(cal, from, n)).toEqual({ date, provisional });
    expect(addWorkingDays(cal, from, n)).toBe(date);
    expect(isProvisionalCount(cal, from, date)).toBe(provisional);
  });

  it.each([-1, 1.5, Number.NaN, MAX_WORKING_DAYS + 1])('refuses n = %p', (n) => {
    expect(() => workingDaysAfter(cal, '2024-03-14', n)).toThrow(RangeError);
  });

  it.each(['2024-02-30', '2024-1-1', ''])('refuses the start %j', (from) => {
    expect(() => workingDaysAfter(cal, from, 1)).toThrow(RangeError);
  });

  it('refuses a count past 9999-12-31', () => {
    expect(() => workingDaysAfter(cal, '9999-12-31', 1)).toThrow(RangeError);
    expect(workingDaysAfter(cal, '9999-12-30', 1)).toEqual({
      date: '9999-12-31',
      provisional: true,
    });
  });

  it('never gives a date earlier than the old weekends-only fallback (random D in 2026–2045, n ≤ 300)', () => {
    const span = daysBetween('2026-01-01', '2045-12-31');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 0, max: 300 }),
        (offset, n) => {
          const from = addDays('2026-01-01', offset);
          const due = workingDaysAfter(cal, from, n);
          return due.date >= weekendsOnlyFallbackAfter(from, n);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('changes no date when a year is loaded with its provisional calendar, and clears the mark where it touched only that year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2027, max: 2099 }),
        fc.integer({ min: -60, max: 370 }),
        fc.integer({ min: 0, max: 80 }),
        (year, offset, n) => {
          const from = addDays(dateOf(year, 1, 1), offset);
          const loaded = withYear(cal, year, [...provisionalHolidays(year)]);
          const before = workingDaysAfter(cal, from, n);
          const after = workingDaysAfter(loaded, from, n);
          const years = yearsCountedOver(from, before.date);
          const othersUnscheduled = years.some((y) => y !== year && !cal.scheduledYears.has(y));
          return (
            after.date === before.date &&
            before.provisional === years.some((y) => !cal.scheduledYears.has(y)) &&
            after.provisional === othersUnscheduled
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('clears the mark of every count that touched no unloaded year but 2027 once 2027 is loaded with its provisional calendar', () => {
    const loaded = withYear(cal, 2027, [...provisionalHolidays(2027)]);
    const span = daysBetween('2026-10-01', '2027-12-31');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 1, max: 60 }),
        (offset, n) => {
          const from = addDays('2026-10-01', offset);
          const before = workingDaysAfter(cal, from, n);
          const after = workingDaysAfter(loaded, from, n);
          // days of 2026 are loaded already; past 2027, 2028 is still unloaded
          return (
            after.date === before.date &&
            before.provisional === yearOf(before.date) >= 2027 &&
            after.provisional === yearOf(before.date) >= 2028
          );
        },
      ),
      { numRuns: 300, examples: [[daysBetween('2026-10-01', '2026-12-25'), 15]] },
    );
  });

  it('is never provisional for a count wholly inside loaded years (D in 2015–2026, n ≤ 60)', () => {
    const span = daysBetween('2015-01-01', '2026-12-31');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 0, max: 60 }),
        (offset, n) => {
          const from = addDays('2015-01-01', offset);
          const due = workingDaysAfter(cal, from, n);
          return due.provisional === yearOf(due.date) > 2026;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('has exactly n working days in (D, date], the last one a working day, across loaded and unloaded years', () => {
    const span = daysBetween('2025-01-01', '2035-12-31');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 1, max: 120 }),
        (offset, n) => {
          const from = addDays('2025-01-01', offset);
          const { date } = workingDaysAfter(cal, from, n);
          let count = 0;
          for (let d = addDays(from, 1); d <= date; d = addDays(d, 1)) {
            count += isWorkingDay(cal, d) ? 1 : 0;
          }
          return count === n && isWorkingDay(cal, date);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('yearsCountedOver, countTouchesYear, isProvisionalCount (finding the stored counts a loaded year changes)', () => {
  it.each([
    ['2026-12-25', '2027-01-18', [2026, 2027]],
    ['2026-12-30', '2026-12-31', [2026]],
    ['2026-12-31', '2027-01-04', [2027]],
    ['2026-12-30', '2027-01-04', [2026, 2027]],
    ['2026-06-01', '2028-02-01', [2026, 2027, 2028]],
    ['2026-12-31', '2026-12-31', []],
    ['2027-01-05', '2027-01-04', []],
  ])('(%s, %s] → %j', (from, due, years) => {
    expect(yearsCountedOver(from, due)).toEqual(years);
    for (const y of [2025, 2026, 2027, 2028, 2029]) {
      expect([y, countTouchesYear(from, due, y)]).toEqual([y, years.includes(y)]);
    }
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => yearsCountedOver('2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => countTouchesYear('2026-02-01', '2026-13-01', 2026)).toThrow(RangeError);
  });

  it('says a count is provisional exactly when workingDaysAfter did, for any set of loaded years', () => {
    fc.assert(
      fc.property(
        fc.subarray([2025, 2026, 2027, 2028, 2029, 2030]),
        fc.integer({ min: 0, max: daysBetween('2024-06-01', '2030-12-31') }),
        fc.integer({ min: 0, max: 300 }),
        (loaded, offset, n) => {
          const calendar: WorkingDayCalendar = {
            ...cal,
            scheduledYears: new Set([...schedule.years.filter((y) => y < 2025), ...loaded]),
          };
          const from = addDays('2024-06-01', offset);
          const due = workingDaysAfter(calendar, from, n);
          return isProvisionalCount(calendar, from, due.date) === due.provisional;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds every count a new schedule can change: one that did not touch the year keeps its date under any schedule of it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2026, max: 2029 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 10 }),
        fc.integer({ min: 0, max: daysBetween('2025-06-01', '2030-12-31') }),
        fc.integer({ min: 0, max: 120 }),
        (year, off, on, offset, n) => {
          const days = (offsets: number[]) => offsets.map((o) => addDays(dateOf(year, 1, 1), o));
          const holidays = days(off);
          const adjusted = days(on).filter((d) => isWeekend(d) && !holidays.includes(d));
          const loaded = withYear(cal, year, holidays, adjusted);
          const from = addDays('2025-06-01', offset);
          const stored = workingDaysAfter(cal, from, n);
          const touched = countTouchesYear(from, stored.date, year);
          const recomputed = workingDaysAfter(loaded, from, n);
          return (
            touched === yearsCountedOver(from, stored.date).includes(year) &&
            (touched || recomputed.date === stored.date)
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
