import type {
  CriticalIllnessStaffingTerm,
  HandlingStaffingTerm,
} from '../../agreement/terms/terms.model';

/** The latest staffing figures of one level and region (rules.md §6). */
export interface StaffingFigures {
  readonly level: 'CITY' | 'COUNTY';
  readonly regionCode: string;
  readonly medical: number;
  readonly finance: number;
  readonly it: number;
  readonly other: number;
  /** County only: insured persons in the county. */
  readonly insuredCount?: number | null;
  /** Staff co-located at party A (Henan art. 7). */
  readonly coLocated?: number | null;
}

/** One unmet rule: which, where, required, actual, and whether it is advisory ("原则上"). */
export interface Shortfall {
  readonly rule: string;
  readonly regionCode: string | null;
  readonly required: number;
  readonly actual: number;
  readonly advisory: boolean;
}

const total = (f: StaffingFigures): number => f.medical + f.finance + f.it + f.other;
const sum = (rows: readonly StaffingFigures[], pick: (f: StaffingFigures) => number): number =>
  rows.reduce((s, f) => s + pick(f), 0);

const check = (
  out: Shortfall[],
  rule: string,
  regionCode: string | null,
  required: number,
  actual: number,
  advisory = false,
): void => {
  if (actual < required) {
    out.push({ rule, regionCode, required, actual, advisory });
  }
};

/**
 * Luoyang 4(一) (rules.md §6): the city level at least 63 staff with at least 40 medical, 1 finance and 1 IT; the
 * counties together at least 97 with 49 medical, 9 finance and 9 IT. Rule names: `CITY_TOTAL`, `CITY_MEDICAL`,
 * `CITY_FINANCE`, `CITY_IT`, `COUNTY_TOTAL`, `COUNTY_MEDICAL`, `COUNTY_FINANCE`, `COUNTY_IT`.
 */
export function luoyangShortfalls(
  figures: readonly StaffingFigures[],
  rules: HandlingStaffingTerm,
  cityRegion: string,
): Shortfall[] {
  const out: Shortfall[] = [];
  const city = figures.filter((f) => f.level === 'CITY');
  const counties = figures.filter((f) => f.level === 'COUNTY');
  check(out, 'CITY_TOTAL', cityRegion, rules.cityStaffMin, sum(city, total));
  check(
    out,
    'CITY_MEDICAL',
    cityRegion,
    rules.cityMedicalMin,
    sum(city, (f) => f.medical),
  );
  check(
    out,
    'CITY_FINANCE',
    cityRegion,
    rules.cityFinanceMin,
    sum(city, (f) => f.finance),
  );
  check(
    out,
    'CITY_IT',
    cityRegion,
    rules.cityItMin,
    sum(city, (f) => f.it),
  );
  check(out, 'COUNTY_TOTAL', null, rules.countyStaffMin, sum(counties, total));
  check(
    out,
    'COUNTY_MEDICAL',
    null,
    rules.countyMedicalMin,
    sum(counties, (f) => f.medical),
  );
  check(
    out,
    'COUNTY_FINANCE',
    null,
    rules.countyFinanceMin,
    sum(counties, (f) => f.finance),
  );
  check(
    out,
    'COUNTY_IT',
    null,
    rules.countyItMin,
    sum(counties, (f) => f.it),
  );
  return out;
}

/**
 * Henan arts. 7–8 (rules.md §6): medical staff at least half of all dedicated staff (`MEDICAL_SHARE`, required =
 * ⌈share × total⌉); each covered city at least 3 staff with 1 medical (`CITY_STAFF`, `CITY_MEDICAL`; a city with no
 * figures counts 0); each county in principle 1 per 200 000 insured (`COUNTY_STAFF`, ⌈insured / 200 000⌉, advisory);
 * 3 staff co-located at party A (`CO_LOCATED`, summed over all figures).
 */
export function henanShortfalls(
  figures: readonly StaffingFigures[],
  rules: CriticalIllnessStaffingTerm,
  cities: readonly string[],
): Shortfall[] {
  const out: Shortfall[] = [];
  const all = sum(figures, total);
  const medical = sum(figures, (f) => f.medical);
  check(out, 'MEDICAL_SHARE', null, rules.medicalShareMin.times(all).ceil().toNumber(), medical);
  for (const city of cities) {
    const rows = figures.filter((f) => f.level === 'CITY' && f.regionCode === city);
    check(out, 'CITY_STAFF', city, rules.cityStaffMin, sum(rows, total));
    check(
      out,
      'CITY_MEDICAL',
      city,
      rules.cityMedicalMin,
      sum(rows, (f) => f.medical),
    );
  }
  for (const county of figures.filter((f) => f.level === 'COUNTY')) {
    const required = Math.ceil((county.insuredCount ?? 0) / rules.countyInsuredPerStaff);
    check(out, 'COUNTY_STAFF', county.regionCode, required, total(county), true);
  }
  check(
    out,
    'CO_LOCATED',
    null,
    rules.colocatedStaffMin,
    sum(figures, (f) => f.coLocated ?? 0),
  );
  return out;
}
