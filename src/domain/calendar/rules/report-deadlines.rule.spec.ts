import { addDays, dateOf, dayOfWeek } from '../../../shared/calendar-date';
import { officialSchedule } from './calendar-data';
import { isReportLate, reportDeadlines, type ReportDeadline } from './report-deadlines.rule';
import { isWorkingDay, type WorkingDayCalendar } from './working-days.rule';

const schedule = officialSchedule(2015, 2026);
const cal: WorkingDayCalendar = {
  holidays: new Set(schedule.holidays),
  adjustedWorkdays: new Set(schedule.adjustedWorkdays),
  scheduledYears: new Set(schedule.years),
};

/** Nominal due days with the defaults (5th of next month, 15 July, 20 January next year). */
const nominalDays = (year: number): string[] => [
  ...Array.from({ length: 12 }, (_, i) =>
    i === 11 ? dateOf(year + 1, 1, 5) : dateOf(year, i + 2, 5),
  ),
  dateOf(year, 7, 15),
  dateOf(year + 1, 1, 20),
];

/** The invariant of art. 25: due on the nominal day or, when it is not a working day, on the first one after it. */
const expectMovedToNextWorkingDay = (rows: ReportDeadline[], nominal: string[]): void => {
  rows.forEach((row, i) => {
    const from = nominal[i] ?? '';
    expect(row.dueOn >= from).toBe(true);
    expect(isWorkingDay(cal, row.dueOn)).toBe(true);
    for (let d = from; d < row.dueOn; d = addDays(d, 1)) {
      expect(isWorkingDay(cal, d)).toBe(false);
    }
  });
};

describe('reportDeadlines (Henan arts. 25–26; rules.md §8)', () => {
  const rows2024 = reportDeadlines(cal, 2024);

  it('gives 12 monthly rows in month order, then the half-year and the annual analysis', () => {
    expect(rows2024).toHaveLength(14);
    expect(rows2024.map((r) => `${r.kind} ${r.period}`)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `MONTHLY 2024-${String(i + 1).padStart(2, '0')}`),
      'HALF_YEAR 2024-H1',
      'ANNUAL 2024',
    ]);
  });

  it.each([
    ['2024-01', '2024-02-05', 'Monday, stays'],
    ['2024-02', '2024-03-05', 'Tuesday, stays'],
    ['2024-03', '2024-04-07', 'nominal 5 Apr is Qingming (4–6 Apr): moved to the adjusted Sunday'],
    ['2024-04', '2024-05-06', 'nominal 5 May is Labour Day (1–5 May): moved to Monday'],
    ['2024-05', '2024-06-05', 'Wednesday, stays'],
    ['2024-06', '2024-07-05', 'Friday, stays'],
    ['2024-07', '2024-08-05', 'Monday, stays'],
    ['2024-08', '2024-09-05', 'Thursday, stays'],
    ['2024-09', '2024-10-08', 'nominal 5 Oct is National Day (1–7 Oct): moved to Tuesday'],
    ['2024-10', '2024-11-05', 'Tuesday, stays'],
    ['2024-11', '2024-12-05', 'Thursday, stays'],
    ['2024-12', '2025-01-06', 'nominal 5 Jan 2025 is a Sunday: moved to Monday'],
    ['2024-H1', '2024-07-15', 'Monday, stays'],
    ['2024', '2025-01-20', 'Monday, stays'],
  ])('2024: %s due %s (%s)', (period, dueOn) => {
    expect(rows2024.find((r) => r.period === period)?.dueOn).toBe(dueOn);
  });

  it.each([
    ['2025-01', '2025-02-05', 'Wednesday, the day after the Spring Festival (28 Jan–4 Feb)'],
    ['2025-03', '2025-04-07', 'nominal 5 Apr is Qingming (4–6 Apr): moved to Monday'],
    ['2025-04', '2025-05-06', 'nominal 5 May is Labour Day (1–5 May): moved to Tuesday'],
    ['2025-06', '2025-07-07', 'nominal 5 Jul is a Saturday: moved to Monday'],
    ['2025-09', '2025-10-09', 'nominal 5 Oct is National Day (1–8 Oct): moved to Thursday'],
    ['2025-12', '2026-01-05', 'Monday after New Year 2026 (1–3 Jan), stays'],
    ['2025-H1', '2025-07-15', 'Tuesday, stays'],
    ['2025', '2026-01-20', 'Tuesday, stays'],
  ])('2025: %s due %s (%s)', (period, dueOn) => {
    expect(reportDeadlines(cal, 2025).find((r) => r.period === period)?.dueOn).toBe(dueOn);
  });

  it.each([2016, 2020, 2023, 2024, 2025])(
    'moves every nominal day of %i to the first working day on or after it',
    (year) => {
      expectMovedToNextWorkingDay(reportDeadlines(cal, year), nominalDays(year));
    },
  );

  it('can move a deadline onto an adjusted working day at the weekend', () => {
    expect(dayOfWeek(rows2024.find((r) => r.period === '2024-03')?.dueOn ?? '')).toBe(0);
  });

  it('uses custom nominal days', () => {
    const rows = reportDeadlines(cal, 2024, {
      monthlyDueDay: 10,
      halfYearDue: { month: 7, day: 31 },
      annualDue: { month: 2, day: 10 },
    });
    expect(rows.map((r) => r.dueOn)).toEqual([
      '2024-02-18', // 10 Feb is Spring Festival (10–17 Feb); 18 Feb is an adjusted Sunday
      '2024-03-11', // 10 Mar is a Sunday
      '2024-04-10',
      '2024-05-10',
      '2024-06-11', // 10 Jun is the Dragon Boat Festival
      '2024-07-10',
      '2024-08-12', // 10 Aug is a Saturday
      '2024-09-10',
      '2024-10-10',
      '2024-11-11', // 10 Nov is a Sunday
      '2024-12-10',
      '2025-01-10',
      '2024-07-31',
      '2025-02-10', // 10 Feb 2025 is a Monday
    ]);
  });

  it('takes the last day of a shorter month for a monthly due day of 31', () => {
    const rows = reportDeadlines(cal, 2024, { monthlyDueDay: 31 });
    expect(rows.slice(0, 4).map((r) => r.dueOn)).toEqual([
      '2024-02-29', // leap year, Thursday
      '2024-04-01', // 31 Mar is a Sunday
      '2024-04-30', // Tuesday
      '2024-05-31', // Friday
    ]);
  });

  describe('in a year whose schedule is not loaded: the provisional calendar (rules.md §3.6)', () => {
    /** The first day on or after `d` that is not a Saturday or Sunday: the count before rules.md §3.6. */
    const weekendsOnly = (d: string): string =>
      [0, 6].includes(dayOfWeek(d)) ? weekendsOnly(addDays(d, 1)) : d;
    const rows2027 = reportDeadlines(cal, 2027);

    it.each([
      // 5 Feb 2027 (a Friday) is 除夕, 6–8 Feb 正月初一–初三 (8 Feb a Monday): moved to Tuesday 9 Feb.
      ['2027-01', '2027-02-05', '2027-02-09'],
      // 5 Apr 2027 (a Monday) is Qingming: moved to Tuesday 6 Apr.
      ['2027-03', '2027-04-05', '2027-04-06'],
    ])('%s, nominally due %s, a provisional holiday, is due %s', (period, nominal, dueOn) => {
      expect(rows2027.find((r) => r.period === period)?.dueOn).toBe(dueOn);
      // Weekends-only counting would have kept the nominal day.
      expect(weekendsOnly(nominal)).toBe(nominal);
    });

    it('the published schedule decides once the year is loaded (here one that keeps 5 Feb a working day)', () => {
      const loaded: WorkingDayCalendar = {
        ...cal,
        holidays: new Set([...cal.holidays, '2027-01-01']),
        scheduledYears: new Set([...cal.scheduledYears, 2027]),
      };
      const rows = reportDeadlines(loaded, 2027);
      expect(rows.find((r) => r.period === '2027-01')?.dueOn).toBe('2027-02-05');
      expect(rows.find((r) => r.period === '2027-03')?.dueOn).toBe('2027-04-05');
    });

    it('moves weekend days as before (2030)', () => {
      const rows = reportDeadlines(cal, 2030);
      expect(rows.find((r) => r.period === '2030-09')?.dueOn).toBe('2030-10-07'); // 5 Oct 2030 is a Saturday
      expect(rows.find((r) => r.period === '2030-04')?.dueOn).toBe('2030-05-06'); // 5 May 2030 is a Sunday
    });
  });

  it.each([
    [{ monthlyDueDay: 0 }],
    [{ monthlyDueDay: 32 }],
    [{ monthlyDueDay: 5.5 }],
    [{ halfYearDue: { month: 6, day: 31 } }],
    [{ annualDue: { month: 2, day: 29 } }], // 2025 is a common year
    [{ annualDue: { month: 13, day: 1 } }],
  ])('refuses %j', (options) => {
    expect(() => reportDeadlines(cal, 2024, options)).toThrow(RangeError);
  });

  it.each([2024.5, 999, 9999])('refuses the reporting year %p', (year) => {
    expect(() => reportDeadlines(cal, year)).toThrow(RangeError);
  });
});

describe('isReportLate (Henan art. 33(五))', () => {
  it.each([
    ['filed before the due date', '2024-05-06', '2024-05-05', '2024-06-15', false],
    ['filed on the due date', '2024-05-06', '2024-05-06', '2024-06-15', false],
    ['filed the day after', '2024-05-06', '2024-05-07', '2024-06-15', true],
    ['not filed, due today', '2024-05-06', null, '2024-05-06', false],
    ['not filed, due yesterday', '2024-05-06', null, '2024-05-07', true],
  ])('%s', (_label, dueOn, filedOn, today, late) => {
    expect(isReportLate({ dueOn, filedOn }, today)).toBe(late);
  });
});
