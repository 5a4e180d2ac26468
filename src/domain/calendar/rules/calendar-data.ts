import chineseDays from 'chinese-days/dist/chinese-days.json';

import { yearOf } from '../../../shared/calendar-date';

/**
 * The part of chinese-days' data file we read. Its values ("Spring Festival,春节,3") are not used. Only the data is
 * used, never the package's functions: they depend on the process time zone, roll invalid dates over and treat a
 * year without data as weekends-only silently (stack.md, "The working-day calendar").
 */
interface ChineseDaysData {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

const DATA: ChineseDaysData = chineseDays;

const DATA_YEARS: readonly number[] = [
  ...new Set([...Object.keys(DATA.holidays), ...Object.keys(DATA.workdays)].map(yearOf)),
].sort((a, b) => a - b);

/** First year with an official schedule in the bundled chinese-days data. */
export const CHINESE_DAYS_FIRST_YEAR: number = DATA_YEARS[0] ?? Number.NaN;

/** Last year with an official schedule in the bundled chinese-days data. */
export const CHINESE_DAYS_LAST_YEAR: number = DATA_YEARS[DATA_YEARS.length - 1] ?? Number.NaN;

const inYears = (date: string, fromYear: number, toYear: number): boolean => {
  const y = yearOf(date);
  return y >= fromYear && y <= toYear;
};

/**
 * The State Council holiday schedules of `fromYear`…`toYear` (inclusive) from the bundled chinese-days data, to seed
 * the working-day calendar table (rules.md §3.4: "the calendar is data … seeded for past and current years").
 * `holidays` are the statutory days off (weekend days inside a holiday block included), `adjustedWorkdays` the
 * weekend days worked in exchange (调休上班), both `YYYY-MM-DD` and ascending; `years` lists the years of the range
 * that the data covers, ascending. A year outside {@link CHINESE_DAYS_FIRST_YEAR}…{@link CHINESE_DAYS_LAST_YEAR} is
 * simply absent from `years`: its schedule must be loaded by the operation for a new year.
 *
 * @throws RangeError when the years are not integers or `fromYear > toYear`.
 */
export function officialSchedule(
  fromYear: number,
  toYear: number,
): { holidays: string[]; adjustedWorkdays: string[]; years: number[] } {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new RangeError(`invalid year range ${fromYear}–${toYear}`);
  }
  return {
    holidays: Object.keys(DATA.holidays)
      .filter((d) => inYears(d, fromYear, toYear))
      .sort(),
    adjustedWorkdays: Object.keys(DATA.workdays)
      .filter((d) => inYears(d, fromYear, toYear))
      .sort(),
    years: DATA_YEARS.filter((y) => y >= fromYear && y <= toYear),
  };
}
