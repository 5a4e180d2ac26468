import fc from 'fast-check';
import { daysInMonth, isCalendarDate } from './calendar-date';

/* Days in a month are counted (docs/performance.md); they must be what the Gregorian calendar (a UTC Date) says. */
describe('daysInMonth', () => {
  it('equals the UTC calendar for every month of years 1000–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        expect(daysInMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2024-04-31', false],
    ['2024-12-31', true],
  ])('%s is a calendar date: %s', (s, expected) => {
    expect(isCalendarDate(s)).toBe(expected);
  });
});
