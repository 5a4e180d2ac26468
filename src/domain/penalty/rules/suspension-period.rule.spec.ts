import fc from 'fast-check';

import { addDays, daysBetween, daysInMonth, monthOf, yearOf } from '../../../shared/calendar-date';
import {
  monthsAfter,
  periodOfDays,
  periodsOverlap,
  suspensionPeriod,
} from './suspension-period.rule';

describe('suspensionPeriod (rules.md §7.3; Civil Code arts. 201, 202)', () => {
  it.each<[string, number, string, string]>([
    // rules.md §7.3: notice 2024-01-31, 1 month → 2024-02-01 to 2024-02-29
    ['2024-01-31', 1, '2024-02-01', '2024-02-29'],
    ['2023-01-31', 1, '2023-02-01', '2023-02-28'],
    ['2024-01-15', 1, '2024-01-16', '2024-02-15'],
    ['2024-02-29', 1, '2024-03-01', '2024-03-29'],
    ['2024-03-31', 1, '2024-04-01', '2024-04-30'],
    ['2024-08-31', 6, '2024-09-01', '2025-02-28'],
    ['2027-08-31', 6, '2027-09-01', '2028-02-29'],
    ['2024-12-31', 1, '2025-01-01', '2025-01-31'],
    ['2024-07-01', 6, '2024-07-02', '2025-01-01'],
    ['2024-06-30', 6, '2024-07-01', '2024-12-30'],
  ])('notice %s, %i month(s) → %s to %s', (noticeOn, months, startsOn, endsOn) => {
    expect(suspensionPeriod(noticeOn, months)).toEqual({ startsOn, endsOn });
  });

  it.each<[string, number]>([
    ['2024-01-31', 0],
    ['2024-01-31', -1],
    ['2024-01-31', 1.5],
    ['2024-02-30', 1],
  ])('refuses notice %s with %s months (a programming error)', (noticeOn, months) => {
    expect(() => suspensionPeriod(noticeOn, months)).toThrow(RangeError);
  });

  const dateArb = fc.integer({ min: 0, max: 365 * 60 }).map((n) => addDays('2000-01-01', n));

  it('property: starts the day after the notice; ends on the corresponding day, or the month’s last', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 6 }), (noticeOn, months) => {
        const p = suspensionPeriod(noticeOn, months);
        expect(p.startsOn).toBe(addDays(noticeOn, 1));
        expect(p.endsOn >= p.startsOn).toBe(true);
        const monthsApart =
          (yearOf(p.endsOn) - yearOf(noticeOn)) * 12 + monthOf(p.endsOn) - monthOf(noticeOn);
        expect(monthsApart).toBe(months);
        const day = Number(noticeOn.slice(8));
        const endDay = Number(p.endsOn.slice(8));
        expect(endDay).toBe(Math.min(day, daysInMonth(yearOf(p.endsOn), monthOf(p.endsOn))));
        // a longer suspension never ends earlier
        if (months < 6) {
          expect(suspensionPeriod(noticeOn, months + 1).endsOn > p.endsOn).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('monthsAfter, periodOfDays, periodsOverlap', () => {
  it.each<[string, number, string]>([
    ['2024-01-15', 3, '2024-04-15'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2024-05-31', 3, '2024-08-31'],
    ['2024-05-31', 0, '2024-05-31'],
  ])('%s + %i months → %s', (from, months, expected) => {
    expect(monthsAfter(from, months)).toBe(expected);
  });

  it.each<[string, number, string]>([
    ['2024-05-01', 1, '2024-05-01'],
    ['2024-05-01', 180, '2024-10-27'],
    ['2024-02-01', 29, '2024-02-29'],
    ['2023-12-31', 2, '2024-01-01'],
  ])('%s for %i days → last day %s', (startsOn, days, endsOn) => {
    const p = periodOfDays(startsOn, days);
    expect(p).toEqual({ startsOn, endsOn });
    expect(daysBetween(p.startsOn, p.endsOn) + 1).toBe(days);
  });

  it('refuses 0 days (a programming error)', () => {
    expect(() => periodOfDays('2024-05-01', 0)).toThrow(RangeError);
  });

  it.each<[string, string, string, string, boolean]>([
    ['2024-01-01', '2024-01-10', '2024-01-10', '2024-01-20', true],
    ['2024-01-01', '2024-01-10', '2024-01-11', '2024-01-20', false],
    ['2024-01-05', '2024-01-06', '2024-01-01', '2024-01-31', true],
    ['2024-02-01', '2024-02-29', '2024-01-01', '2024-01-31', false],
  ])('%s..%s and %s..%s overlap: %s', (a, b, c, d, expected) => {
    expect(periodsOverlap({ startsOn: a, endsOn: b }, { startsOn: c, endsOn: d })).toBe(expected);
    expect(periodsOverlap({ startsOn: c, endsOn: d }, { startsOn: a, endsOn: b })).toBe(expected);
  });
});
