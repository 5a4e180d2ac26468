import { getLunarDate, getSolarDateFromLunar, getSolarTermDate, monthDays } from 'chinese-days';

import { addDays, dateOf, isCalendarDate, yearOf } from '../../../shared/calendar-date';

/**
 * The first and last years whose lunar dates and Qingming day chinese-days computes: its lunar table covers the lunar
 * years 1900–2100 and its solar-term formula has coefficients for the 20th and 21st centuries only.
 */
export const PROVISIONAL_FIRST_YEAR = 1901;
export const PROVISIONAL_LAST_YEAR = 2099;

/** The festivals of 《全国年节及纪念日放假办法》 art. 2 on which all citizens have days off (2024 amendment). */
export type Festival =
  | 'NEW_YEAR' // 元旦
  | 'SPRING_FESTIVAL' // 春节
  | 'QINGMING' // 清明节
  | 'LABOUR_DAY' // 劳动节
  | 'DRAGON_BOAT' // 端午节
  | 'MID_AUTUMN' // 中秋节
  | 'NATIONAL_DAY'; // 国庆节

/** One statutory day off of a year. */
export interface StatutoryDay {
  readonly date: string;
  readonly festival: Festival;
}

type LunarDetail = ReturnType<typeof getLunarDate>;

/** The library disagreeing with itself is a defect to see, never a date to count with. */
const libraryFault = (what: string): Error =>
  new Error(`chinese-days gave an inconsistent answer for ${what}; no provisional calendar`);

/**
 * The lunar date of a Gregorian date. chinese-days reads a `YYYY-MM-DD` string as UTC midnight and measures whole days
 * from 1900-01-30T16:00Z (Beijing midnight of lunar 1900-01-01) by subtracting instants, so the lunar fields do not
 * depend on the process time zone (its echoed `date` field does, and is not used).
 */
const lunarOf = (date: string): LunarDetail => getLunarDate(date);

/**
 * The Gregorian date of day `day` of the (non-leap) lunar month `month` of lunar year `lunarYear`.
 *
 * `getSolarDateFromLunar` reads its argument with a `Date`'s local-time getters: a `YYYY-MM-DD` string becomes UTC
 * midnight, which west of UTC reads as the day before (under America/Los_Angeles lunar 2027-01-01 came back as
 * 2027-02-07 instead of 2027-02-06). It is therefore given a `Date` built from local parts, at noon so that no
 * daylight-saving change at midnight can move it; it counts the answer from local midnight of 1900-01-31 and prints it
 * with the same local getters, which is consistent in every zone. Months and days past their end would roll over
 * silently, so every answer is converted back with the time-zone-independent {@link lunarOf} and must be exactly the
 * lunar date asked for.
 *
 * @throws Error when the round trip disagrees (a library defect: no date is better than a wrong one).
 */
const solarOfLunar = (lunarYear: number, month: number, day: number): string => {
  const { date } = getSolarDateFromLunar(new Date(lunarYear, month - 1, day, 12));
  const back = isCalendarDate(date) ? lunarOf(date) : undefined;
  if (
    !back ||
    back.lunarYear !== lunarYear ||
    back.lunarMon !== month ||
    back.lunarDay !== day ||
    back.isLeap
  ) {
    throw libraryFault(`lunar ${lunarYear}-${month}-${day}`);
  }
  return date;
};

/** `YYYY-MM-DD` of an instant as this process's local-time getters print it (what chinese-days' `format` does). */
const printedLocally = (instant: Date): string =>
  dateOf(instant.getFullYear(), instant.getMonth() + 1, instant.getDate());

/**
 * The day of the Qingming solar term (清明, the sun at 15° of ecliptic longitude) in `year`, Beijing time.
 *
 * `getSolarTermDate(year, 4, 'pure_brightness')` computes the day of April as a pure function of the year (the usual
 * `[Y·D + C] − L` formula plus its table of corrections), builds the UTC midnight of that day and prints it with the
 * process's local-time getters: east of UTC, or at UTC, that is the day itself, west of UTC the day before (under
 * America/Los_Angeles it said 2027-04-04 for 2027-04-05; `getSolarTerms` over April then found no term at all). The
 * printing is undone exactly: the answer is the one date `d` among the printed date and the day after it whose UTC
 * midnight this process prints as the printed date. The result must lie in April 3–6 (in 1901–2099 Qingming falls on
 * 4, 5 or 6 April).
 *
 * @throws Error when no single such day exists or it lies outside 3–6 April (a library defect).
 */
const qingmingOf = (year: number): string => {
  const printed = getSolarTermDate(year, 4, 'pure_brightness');
  if (!isCalendarDate(printed)) {
    throw libraryFault(`Qingming ${year}`);
  }
  const days = [printed, addDays(printed, 1)].filter(
    (d) =>
      printedLocally(
        new Date(Date.UTC(yearOf(d), Number(d.slice(5, 7)) - 1, Number(d.slice(8)))),
      ) === printed,
  );
  const [day] = days;
  if (
    days.length !== 1 ||
    day === undefined ||
    day < dateOf(year, 4, 3) ||
    day > dateOf(year, 4, 6)
  ) {
    throw libraryFault(`Qingming ${year}`);
  }
  return day;
};

/**
 * The 13 statutory days off of `year` under 《全国年节及纪念日放假办法》 as amended in 2024 (in force from 2025), art. 2
 * (rules.md §3.6), in date order (festivals in the law's order when two share a date):
 * - 元旦 1 January;
 * - 春节 four days: 除夕 (the lunar new year's eve, the day before 正月初一 — 腊月廿九 when 腊月 has 29 days, as in
 *   2025 and 2026) and 正月初一 to 初三;
 * - 清明节 the day of the Qingming solar term;
 * - 劳动节 1 and 2 May;
 * - 端午节 农历五月初五 (of the ordinary fifth month, never a leap one);
 * - 中秋节 农历八月十五;
 * - 国庆节 1 to 3 October.
 *
 * Lunar dates and the Qingming day come from chinese-days (`getSolarDateFromLunar`, `getSolarTermDate`), called so that
 * the result does not depend on the process time zone and checked so that no invalid date rolls over silently (see
 * {@link solarOfLunar}, {@link qingmingOf}). No adjusted working days (调休) and no bridging days are included: they are
 * what the State Council's yearly schedule adds. 中秋 can fall on 1–3 October (2028, 2031, 2039, 2058, 2066, 2077,
 * 2085 in 2025–2099): both entries are then listed and the year has 12 distinct days off.
 *
 * @throws RangeError when `year` is not an integer in {@link PROVISIONAL_FIRST_YEAR}…{@link PROVISIONAL_LAST_YEAR}.
 * @throws Error when chinese-days gives an answer that does not convert back (a library defect).
 */
export function statutoryDays(year: number): StatutoryDay[] {
  if (!Number.isInteger(year) || year < PROVISIONAL_FIRST_YEAR || year > PROVISIONAL_LAST_YEAR) {
    throw new RangeError(
      `statutory days are known for ${PROVISIONAL_FIRST_YEAR}–${PROVISIONAL_LAST_YEAR}, got ${year}`,
    );
  }
  const newYear = solarOfLunar(year, 1, 1);
  const eve = addDays(newYear, -1);
  const eveLunar = lunarOf(eve);
  // 除夕 is the last day of 腊月, which has 29 or 30 days.
  if (
    eveLunar.lunarYear !== year - 1 ||
    eveLunar.lunarMon !== 12 ||
    eveLunar.isLeap ||
    eveLunar.lunarDay !== monthDays(year - 1, 12)
  ) {
    throw libraryFault(`除夕 ${year}`);
  }
  const days: StatutoryDay[] = [
    { date: dateOf(year, 1, 1), festival: 'NEW_YEAR' },
    { date: eve, festival: 'SPRING_FESTIVAL' },
    { date: newYear, festival: 'SPRING_FESTIVAL' },
    { date: addDays(newYear, 1), festival: 'SPRING_FESTIVAL' },
    { date: addDays(newYear, 2), festival: 'SPRING_FESTIVAL' },
    { date: qingmingOf(year), festival: 'QINGMING' },
    { date: dateOf(year, 5, 1), festival: 'LABOUR_DAY' },
    { date: dateOf(year, 5, 2), festival: 'LABOUR_DAY' },
    { date: solarOfLunar(year, 5, 5), festival: 'DRAGON_BOAT' },
    { date: solarOfLunar(year, 8, 15), festival: 'MID_AUTUMN' },
    { date: dateOf(year, 10, 1), festival: 'NATIONAL_DAY' },
    { date: dateOf(year, 10, 2), festival: 'NATIONAL_DAY' },
    { date: dateOf(year, 10, 3), festival: 'NATIONAL_DAY' },
  ];
  if (days.some((d) => yearOf(d.date) !== year)) {
    throw libraryFault(`the statutory days of ${year}`);
  }
  // A stable sort keeps the listed order of two festivals on one date.
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The statutory days with a fixed Gregorian date (元旦, 劳动节, 国庆节), known for any year. */
const fixedDateDays = (year: number): string[] => [
  dateOf(year, 1, 1),
  dateOf(year, 5, 1),
  dateOf(year, 5, 2),
  dateOf(year, 10, 1),
  dateOf(year, 10, 2),
  dateOf(year, 10, 3),
];

const remembered = new Map<number, ReadonlySet<string>>();

/**
 * The days off, besides weekends, of the provisional calendar of `year` (rules.md §3.6): the dates of
 * {@link statutoryDays}. For a year outside {@link PROVISIONAL_FIRST_YEAR}…{@link PROVISIONAL_LAST_YEAR}, where the
 * library has no lunar table, only the fixed-date days (1 January, 1–2 May, 1–3 October): a count that far out is
 * provisional anyway and cannot be made more right. Answers are remembered per year (they never change).
 *
 * @throws RangeError when `year` is not an integer.
 */
export function provisionalHolidays(year: number): ReadonlySet<string> {
  const known = remembered.get(year);
  if (known) {
    return known;
  }
  if (!Number.isInteger(year)) {
    throw new RangeError(`year must be an integer, got ${year}`);
  }
  const dates =
    year >= PROVISIONAL_FIRST_YEAR && year <= PROVISIONAL_LAST_YEAR
      ? statutoryDays(year).map((d) => d.date)
      : fixedDateDays(year);
  const set: ReadonlySet<string> = new Set(dates);
  remembered.set(year, set);
  return set;
}
