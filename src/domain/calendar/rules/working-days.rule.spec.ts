import fc from 'fast-check';

import {
  addDays,
  dateOf,
  dayOfWeek,
  daysBetween,
  isCalendarDate,
} from '../../../shared/calendar-date';
import { CHINESE_DAYS_FIRST_YEAR, CHINESE_DAYS_LAST_YEAR, officialSchedule } from './calendar-data';
import {
  addWorkingDays,
  isWorkingDay,
  MAX_WORKING_DAYS,
  nextWorkingDayOnOrAfter,
  unscheduledYearsBetween,
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

  it.each([
    ['2030-10-01', true, 'Tuesday: no National Day without a schedule'],
    ['2030-01-01', true, 'Tuesday: no New Year without a schedule'],
    ['2030-10-05', false, 'Saturday'],
    ['2030-10-06', false, 'Sunday'],
    ['2027-02-08', true, 'Monday'],
  ])('unscheduled year: %s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });

  it('ignores holiday entries of a year that is not scheduled', () => {
    const partial: WorkingDayCalendar = {
      holidays: new Set(['2030-10-01']),
      adjustedWorkdays: new Set(['2030-10-05']),
      scheduledYears: new Set([2029]),
    };
    expect(isWorkingDay(partial, '2030-10-01')).toBe(true);
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
    // into an unscheduled year: weekends only
    ['2026-12-30', 2, '2027-01-01'],
    ['2030-09-30', 1, '2030-10-01'],
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
