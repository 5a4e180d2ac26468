import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import {
  henanShortfalls,
  luoyangShortfalls,
  type Shortfall,
  type StaffingFigures,
} from './staffing.rule';

/**
 * Staffing of rules.md §6: Luoyang 4(一) (city ≥ 63 with ≥ 40 medical, 1 finance, 1 IT; counties together ≥ 97 with
 * ≥ 49 medical, 9 finance, 9 IT) and Henan arts. 7–8 (≥ 50% medical; each city ≥ 3 with ≥ 1 medical; each county in
 * principle ⌈insured / 200 000⌉, advisory; 3 co-located at party A). "以上/不低于…(含)" include the number.
 */

const LY = DEFAULT_TERMS[AgreementKind.COMMISSIONED_HANDLING].staffing;
const HN = DEFAULT_TERMS[AgreementKind.CRITICAL_ILLNESS].staffing;

type Counts = Partial<Omit<StaffingFigures, 'level' | 'regionCode'>>;

const city = (regionCode: string, c: Counts): StaffingFigures => ({
  level: 'CITY',
  regionCode,
  medical: 0,
  finance: 0,
  it: 0,
  other: 0,
  ...c,
});
const county = (regionCode: string, c: Counts): StaffingFigures => ({
  level: 'COUNTY',
  regionCode,
  medical: 0,
  finance: 0,
  it: 0,
  other: 0,
  ...c,
});

const brief = (s: readonly Shortfall[]): string[] =>
  s.map(
    (x) =>
      `${x.rule}@${x.regionCode ?? '-'} ${x.required}/${x.actual}${x.advisory ? ' advisory' : ''}`,
  );

describe('luoyangShortfalls (Luoyang 4(一))', () => {
  const CITY = '410300';
  // Exactly at every minimum: city 40 + 1 + 1 + 21 = 63; counties (two) 49 medical, 9 finance, 9 IT, 97 in all.
  const cityAtMin = city(CITY, { medical: 40, finance: 1, it: 1, other: 21 });
  const countyA = county('410308', { medical: 25, finance: 5, it: 5, other: 15 }); // 50
  const countyB = county('410323', { medical: 24, finance: 4, it: 4, other: 15 }); // 47
  const atMin = [cityAtMin, countyA, countyB];

  it('the defaults are the contract figures', () => {
    expect(LY).toEqual({
      cityStaffMin: 63,
      cityMedicalMin: 40,
      cityFinanceMin: 1,
      cityItMin: 1,
      countyStaffMin: 97,
      countyMedicalMin: 49,
      countyFinanceMin: 9,
      countyItMin: 9,
    });
  });

  it.each<[string, readonly StaffingFigures[], string[]]>([
    ['exactly at every minimum: no shortfall', atMin, []],
    [
      'city one short in total (62)',
      [city(CITY, { medical: 40, finance: 1, it: 1, other: 20 }), countyA, countyB],
      ['CITY_TOTAL@410300 63/62'],
    ],
    [
      'city one medical short (39; total still 63)',
      [city(CITY, { medical: 39, finance: 1, it: 1, other: 22 }), countyA, countyB],
      ['CITY_MEDICAL@410300 40/39'],
    ],
    [
      'city without finance',
      [city(CITY, { medical: 40, finance: 0, it: 1, other: 22 }), countyA, countyB],
      ['CITY_FINANCE@410300 1/0'],
    ],
    [
      'city without IT',
      [city(CITY, { medical: 40, finance: 1, it: 0, other: 22 }), countyA, countyB],
      ['CITY_IT@410300 1/0'],
    ],
    [
      'city rows summed (two rows of the city level)',
      [
        city(CITY, { medical: 30, finance: 1, other: 10 }),
        city(CITY, { medical: 10, it: 1, other: 11 }),
        countyA,
        countyB,
      ],
      [],
    ],
    [
      'counties one short in total (96)',
      [cityAtMin, countyA, county('410323', { medical: 24, finance: 4, it: 4, other: 14 })],
      ['COUNTY_TOTAL@- 97/96'],
    ],
    [
      'counties one medical short (48)',
      [cityAtMin, countyA, county('410323', { medical: 23, finance: 4, it: 4, other: 16 })],
      ['COUNTY_MEDICAL@- 49/48'],
    ],
    [
      'counties one finance short (8)',
      [cityAtMin, countyA, county('410323', { medical: 24, finance: 3, it: 4, other: 16 })],
      ['COUNTY_FINANCE@- 9/8'],
    ],
    [
      'counties one IT short (8)',
      [cityAtMin, countyA, county('410323', { medical: 24, finance: 4, it: 3, other: 16 })],
      ['COUNTY_IT@- 9/8'],
    ],
    [
      'counties are summed: one county alone holds everything',
      [cityAtMin, county('410308', { medical: 49, finance: 9, it: 9, other: 30 })],
      [],
    ],
    [
      'counties summed over many: 97 counties of one person each are short of medical/finance/IT only',
      [cityAtMin, ...Array.from({ length: 97 }, (_, i) => county(`41${i}`, { other: 1 }))],
      ['COUNTY_MEDICAL@- 49/0', 'COUNTY_FINANCE@- 9/0', 'COUNTY_IT@- 9/0'],
    ],
    [
      'no counties at all',
      [cityAtMin],
      ['COUNTY_TOTAL@- 97/0', 'COUNTY_MEDICAL@- 49/0', 'COUNTY_FINANCE@- 9/0', 'COUNTY_IT@- 9/0'],
    ],
    [
      'no figures at all: every rule, actual 0',
      [],
      [
        'CITY_TOTAL@410300 63/0',
        'CITY_MEDICAL@410300 40/0',
        'CITY_FINANCE@410300 1/0',
        'CITY_IT@410300 1/0',
        'COUNTY_TOTAL@- 97/0',
        'COUNTY_MEDICAL@- 49/0',
        'COUNTY_FINANCE@- 9/0',
        'COUNTY_IT@- 9/0',
      ],
    ],
    [
      'city staff do not count towards the counties (and vice versa)',
      [
        city(CITY, { medical: 89, finance: 10, it: 10, other: 51 }),
        county('410308', { medical: 0, finance: 0, it: 0, other: 0 }),
      ],
      ['COUNTY_TOTAL@- 97/0', 'COUNTY_MEDICAL@- 49/0', 'COUNTY_FINANCE@- 9/0', 'COUNTY_IT@- 9/0'],
    ],
  ])('%s', (_label, figures, expected) => {
    const out = luoyangShortfalls(figures, LY, CITY);
    expect(brief(out)).toEqual(expected);
    expect(out.every((s) => !s.advisory)).toBe(true);
  });
});

describe('henanShortfalls (Henan arts. 7–8)', () => {
  const ZZ = '410100';
  const LY_CITY = '410300';
  const COUNTY = '410122';
  // At every minimum: 8 staff, 4 medical (exactly 50%); each city 3 with ≥ 1 medical; the county of 400 000 insured
  // has 2 = ⌈400 000 / 200 000⌉; 2 + 1 co-located = 3.
  const ok: readonly StaffingFigures[] = [
    city(ZZ, { medical: 2, finance: 1, coLocated: 2 }),
    city(LY_CITY, { medical: 1, other: 2, coLocated: 1 }),
    county(COUNTY, { medical: 1, it: 1, insuredCount: 400_000 }),
  ];
  const CITIES = [ZZ, LY_CITY];

  it('the defaults are the contract figures', () => {
    expect(HN.medicalShareMin.toFixed()).toBe('0.5');
    expect(HN.cityStaffMin).toBe(3);
    expect(HN.cityMedicalMin).toBe(1);
    expect(HN.countyInsuredPerStaff).toBe(200_000);
    expect(HN.colocatedStaffMin).toBe(3);
  });

  it.each<[string, readonly StaffingFigures[], readonly string[], string[]]>([
    ['exactly at every minimum (medical exactly 50%): no shortfall', ok, CITIES, []],
    [
      // 8 staff, 3 medical: required ⌈0.5 × 8⌉ = 4
      'medical below 50% (3 of 8)',
      [ok[0]!, ok[1]!, county(COUNTY, { it: 2, insuredCount: 400_000 })],
      CITIES,
      ['MEDICAL_SHARE@- 4/3'],
    ],
    [
      // 7 staff, 3 medical: 3 < 3.5, required ⌈3.5⌉ = 4
      'medical below 50% with an odd total (3 of 7)',
      [ok[0]!, ok[1]!, county(COUNTY, { it: 1, insuredCount: 200_000 })],
      CITIES,
      ['MEDICAL_SHARE@- 4/3'],
    ],
    [
      // 7 staff, 4 medical: 57% ok
      'medical above 50% with an odd total (4 of 7)',
      [ok[0]!, ok[1]!, county(COUNTY, { medical: 1, insuredCount: 200_000 })],
      CITIES,
      [],
    ],
    [
      'a covered city with no figures: CITY_STAFF and CITY_MEDICAL with actual 0',
      ok,
      [...CITIES, '410500'],
      ['CITY_STAFF@410500 3/0', 'CITY_MEDICAL@410500 1/0'],
    ],
    [
      'a city one short (2 staff)',
      [
        city(ZZ, { medical: 2, coLocated: 2 }),
        ok[1]!,
        county(COUNTY, { medical: 1, it: 1, finance: 1, insuredCount: 400_000 }),
      ],
      CITIES,
      ['CITY_STAFF@410100 3/2'],
    ],
    [
      'a city of 3 without medical staff',
      [
        ok[0]!,
        city(LY_CITY, { other: 3, coLocated: 1 }),
        county(COUNTY, { medical: 2, insuredCount: 400_000 }),
      ],
      CITIES,
      ['CITY_MEDICAL@410300 1/0'],
    ],
    [
      "a city's rows are summed",
      [
        city(ZZ, { medical: 1, coLocated: 2 }),
        city(ZZ, { medical: 1, finance: 1 }),
        ok[1]!,
        ok[2]!,
      ],
      CITIES,
      [],
    ],
    [
      // ⌈400 001 / 200 000⌉ = 3; 2 staff
      'a county with 400 001 insured needs 3 (advisory)',
      [ok[0]!, ok[1]!, county(COUNTY, { medical: 1, it: 1, insuredCount: 400_001 })],
      CITIES,
      ['COUNTY_STAFF@410122 3/2 advisory'],
    ],
    [
      'a county with 200 000 insured needs 1',
      [ok[0]!, ok[1]!, county(COUNTY, { medical: 1, insuredCount: 200_000 })],
      CITIES,
      [],
    ],
    [
      'a county with 200 001 insured needs 2 (advisory)',
      [ok[0]!, ok[1]!, county(COUNTY, { medical: 1, insuredCount: 200_001 })],
      CITIES,
      ['COUNTY_STAFF@410122 2/1 advisory'],
    ],
    [
      'a county with 1 insured needs 1 (advisory); counties are each checked on their own',
      [
        ok[0]!,
        ok[1]!,
        county(COUNTY, { medical: 2, insuredCount: 400_000 }),
        county('410181', { insuredCount: 1 }),
      ],
      CITIES,
      ['COUNTY_STAFF@410181 1/0 advisory'],
    ],
    ['co-located staff are summed over the figures (2 + 1 = 3)', ok, CITIES, []],
    [
      'co-located one short (2)',
      [
        city(ZZ, { medical: 2, finance: 1, coLocated: 2 }),
        city(LY_CITY, { medical: 1, other: 2 }),
        ok[2]!,
      ],
      CITIES,
      ['CO_LOCATED@- 3/2'],
    ],
    [
      'co-located counted from county rows as well',
      [
        city(ZZ, { medical: 2, finance: 1 }),
        city(LY_CITY, { medical: 1, other: 2 }),
        county(COUNTY, { medical: 1, it: 1, insuredCount: 400_000, coLocated: 3 }),
      ],
      CITIES,
      [],
    ],
    [
      'no figures, two cities: every rule with actual 0',
      [],
      CITIES,
      [
        'CITY_STAFF@410100 3/0',
        'CITY_MEDICAL@410100 1/0',
        'CITY_STAFF@410300 3/0',
        'CITY_MEDICAL@410300 1/0',
        'CO_LOCATED@- 3/0',
      ],
    ],
  ])('%s', (_label, figures, cities, expected) => {
    expect(brief(henanShortfalls(figures, HN, cities))).toEqual(expected);
  });

  it('the medical-share requirement is ⌈0.5 × total⌉ for every total', () => {
    for (let total = 1; total <= 60; total++) {
      for (let medical = 0; medical <= total; medical++) {
        const figures = [city(ZZ, { medical, other: total - medical, coLocated: 3 })];
        const share = henanShortfalls(figures, HN, []).filter((s) => s.rule === 'MEDICAL_SHARE');
        if (2 * medical >= total) {
          expect(share).toEqual([]);
        } else {
          expect(share).toEqual([
            {
              rule: 'MEDICAL_SHARE',
              regionCode: null,
              required: Math.ceil(total / 2),
              actual: medical,
              advisory: false,
            },
          ]);
        }
      }
    }
  });

  it('only the county rule is advisory ("原则上")', () => {
    const out = henanShortfalls([county(COUNTY, { other: 1, insuredCount: 1_000_000 })], HN, [ZZ]);
    expect(out.filter((s) => s.advisory).map((s) => s.rule)).toEqual(['COUNTY_STAFF']);
    expect(out.filter((s) => !s.advisory).map((s) => s.rule)).toEqual([
      'MEDICAL_SHARE',
      'CITY_STAFF',
      'CITY_MEDICAL',
      'CO_LOCATED',
    ]);
  });
});
