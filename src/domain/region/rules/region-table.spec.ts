import fc from 'fast-check';
import { REGIONS_2023 } from '../../../../migrations/data/regions-2023';
import { regionPrefix } from '../../../shared/region';
import {
  RegionTable,
  regionNodesOf,
  regionTableProblems,
  type RegionNode,
  type RegionRow,
} from './region-table';

const table = RegionTable.of(regionNodesOf(REGIONS_2023));
const rows = table.all();
const codes = rows.map((r) => r.code);
const codeSet = new Set(codes);
/** The 4-digit beginnings of every city and county code, computed apart from the table. */
const fourDigit = new Set(codes.filter((c) => !c.endsWith('0000')).map((c) => c.slice(0, 4)));
const countOf = (level: string) => rows.filter((r) => r.level === level).length;

describe('the 2023 snapshot (migrations/data/regions-2023.ts)', () => {
  it('keeps every invariant of the table: six-digit unique codes, parents present, levels consistent', () => {
    expect(regionTableProblems(regionNodesOf(REGIONS_2023))).toEqual([]);
    expect(table.size).toBe(REGIONS_2023.length);
  });

  it('lists rows by code, so every parent is loaded before its children', () => {
    expect(REGIONS_2023.map((r) => r[0])).toEqual([...codes]);
    const seen = new Set<string>();
    const orphans: string[] = [];
    for (const [code, , , parent] of REGIONS_2023) {
      if (parent != null && !seen.has(parent)) {
        orphans.push(code);
      }
      seen.add(code);
    }
    expect(orphans).toEqual([]);
  });

  it('has 31 provinces, 333 prefecture-level cities and 2974 county-level divisions', () => {
    expect([countOf('PROVINCE'), countOf('CITY'), countOf('COUNTY')]).toEqual([31, 333, 2974]);
    expect(table.children(null).map((p) => p.code)).toHaveLength(31);
  });

  it.each<[string, string, string, string | null]>([
    ['410000', '河南省', 'PROVINCE', null],
    ['410300', '洛阳市', 'CITY', '410000'],
    ['410302', '老城区', 'COUNTY', '410300'],
    ['419001', '济源市', 'COUNTY', '410000'],
    ['510000', '四川省', 'PROVINCE', null],
    ['510900', '遂宁市', 'CITY', '510000'],
    ['510903', '船山区', 'COUNTY', '510900'],
    ['510981', '射洪市', 'COUNTY', '510900'],
    ['110000', '北京市', 'PROVINCE', null],
    ['110101', '东城区', 'COUNTY', '110000'],
    ['500000', '重庆市', 'PROVINCE', null],
    ['500101', '万州区', 'COUNTY', '500000'],
    ['500229', '城口县', 'COUNTY', '500000'],
    ['429021', '神农架林区', 'COUNTY', '420000'],
    ['469021', '定安县', 'COUNTY', '460000'],
    ['659001', '石河子市', 'COUNTY', '650000'],
    ['441900', '东莞市', 'CITY', '440000'],
    ['620200', '嘉峪关市', 'CITY', '620000'],
  ])('%s is %s, %s, under %s', (code, name, level, parent) => {
    expect(table.get(code)).toEqual({ code, name, level, parentCode: parent });
  });

  it.each([
    ['110100', 'a municipality has no city level: no 市辖区 row'],
    ['500200', "Chongqing's 县 grouping is no division"],
    ['419000', 'the 省直辖县级行政区划 grouping is no division'],
    ['620201', "嘉峪关's repetition of itself as a county"],
    ['410306', '吉利区, merged into 孟津区 in 2021'],
    ['410381', '偃师市, a district (410307) since 2021'],
  ])('has no %s (%s)', (code) => {
    expect(table.get(code)).toBeUndefined();
  });

  it('has cities under no municipality and none with a county-level code', () => {
    for (const m of ['110000', '120000', '310000', '500000']) {
      expect(table.isMunicipality(m)).toBe(true);
      expect(table.children(m).every((c) => c.level === 'COUNTY')).toBe(true);
    }
    expect(rows.filter((r) => r.level === 'PROVINCE' && table.isMunicipality(r.code))).toHaveLength(
      4,
    );
  });
});

describe('provinceOf and cityOf through the parent chain (rules.md §11)', () => {
  it.each<[string, string | undefined, string | undefined]>([
    ['410302', '410000', '410300'], // 老城区: 洛阳市, 河南省
    ['410300', '410000', '410300'], // a city is its own
    ['410000', '410000', undefined], // 河南省 is in no city
    ['419001', '410000', '419001'], // 济源 is its own city
    ['429004', '420000', '429004'], // 仙桃
    ['469021', '460000', '469021'], // 定安县, directly under Hainan
    ['659001', '650000', '659001'], // 石河子
    ['510903', '510000', '510900'], // 船山区: 遂宁市
    ['110101', '110000', '110000'], // 东城区: the municipality is the city
    ['110000', '110000', '110000'], // a municipality is its own city
    ['500229', '500000', '500000'], // 城口县, one of 重庆's counties
    ['441900', '440000', '441900'], // 东莞, a city without counties
    ['999999', undefined, undefined], // unknown
  ])('%s: province %s, city %s', (code, province, city) => {
    expect(table.provinceOf(code)?.code).toBe(province);
    expect(table.cityOf(code)?.code).toBe(city);
  });

  it('finds for every code the province of its first two digits and a city that contains it', () => {
    const wrong: string[] = [];
    for (const r of rows) {
      if (table.provinceOf(r.code)?.code !== `${r.code.slice(0, 2)}0000`) {
        wrong.push(`${r.code}: province`);
      }
      const city = table.cityOf(r.code);
      if (r.level === 'PROVINCE' && !table.isMunicipality(r.code)) {
        if (city) {
          wrong.push(`${r.code}: a province in a city`);
        }
        continue;
      }
      const fits =
        city !== undefined &&
        r.code.startsWith(regionPrefix(city.code)) &&
        table.cityOf(city.code) === city &&
        (city.level === 'CITY' ||
          table.isMunicipality(city.code) ||
          (city.level === 'COUNTY' && table.parentOf(city.code)?.level === 'PROVINCE'));
      if (!fits) {
        wrong.push(`${r.code}: city ${city?.code}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('walks the chain: a city under a province, a county under a city or a province', () => {
    const wrong = rows.filter((r) => {
      const parent = table.parentOf(r.code);
      const levels: Record<string, (string | undefined)[]> = {
        PROVINCE: [undefined],
        CITY: ['PROVINCE'],
        COUNTY: ['CITY', 'PROVINCE'],
      };
      return (
        !levels[r.level]!.includes(parent?.level) ||
        (parent !== undefined && !table.children(parent.code).includes(r))
      );
    });
    expect(wrong).toEqual([]);
  });
});

describe('isKnownPrefix: what a region filter accepts', () => {
  it.each([
    ['41', true], // 河南省
    ['51', true],
    ['11', true],
    ['4103', true], // 洛阳市
    ['5109', true], // 遂宁市
    ['4190', true], // 济源, directly under Henan
    ['1101', true], // 北京's districts
    ['5002', true], // 重庆's counties
    ['410000', true],
    ['410302', true],
    ['419001', true],
    ['71', false], // not in the statistical list
    ['4100', false], // the province itself, not a city
    ['4199', false],
    ['410399', false],
    ['110100', false],
    ['4', false],
    ['410', false],
    ['41030', false],
    ['4103021', false],
    ['', false],
    ['0x', false],
    ['41a3', false],
  ])('%s → %s', (prefix, known) => {
    expect(table.isKnownPrefix(prefix)).toBe(known);
  });

  it('accepts the prefixes of every division and only prefixes some code starts with', () => {
    const refused = rows.filter(
      (r) =>
        !table.isKnownPrefix(r.code) ||
        !table.isKnownPrefix(r.code.slice(0, 2)) ||
        (r.level !== 'PROVINCE' && !table.isKnownPrefix(r.code.slice(0, 4))),
    );
    expect(refused).toEqual([]);
    fc.assert(
      fc.property(fc.stringMatching(/^(\d{2}|\d{4}|\d{6})$/), (p) => {
        expect(table.isKnownPrefix(p)).toBe(
          p.length === 2
            ? codeSet.has(`${p}0000`)
            : p.length === 4
              ? fourDigit.has(p)
              : codeSet.has(p),
        );
      }),
      { numRuns: 5000 },
    );
  });
});

describe('regionTableProblems', () => {
  const base: RegionRow[] = [
    ['410000', '河南省', 'PROVINCE', null],
    ['410300', '洛阳市', 'CITY', '410000'],
    ['410302', '老城区', 'COUNTY', '410300'],
    ['419001', '济源市', 'COUNTY', '410000'],
  ];
  const problemsWith = (...extra: RegionRow[]) =>
    regionTableProblems(regionNodesOf([...base, ...extra]));

  it('finds none in a consistent table', () => {
    expect(problemsWith()).toEqual([]);
  });

  it.each<[string, RegionRow]>([
    ['a duplicate code', ['410302', '老城区', 'COUNTY', '410300']],
    ['a five-digit code', ['41030', '?', 'COUNTY', '410300']],
    ['a code starting with 0', ['010000', '?', 'PROVINCE', null]],
    ['an empty name', ['410303', ' ', 'COUNTY', '410300']],
    ['a missing parent', ['410401', '新华区', 'COUNTY', '410400']],
    ['a province with a parent', ['420000', '湖北省', 'PROVINCE', '410000']],
    ['a province not ending in 0000', ['420100', '武汉市', 'PROVINCE', null]],
    ['a city under another province', ['420100', '武汉市', 'CITY', '410000']],
    ['a city with a county code', ['410301', '?', 'CITY', '410000']],
    ['a county of a city under its province', ['410303', '西工区', 'COUNTY', '410000']],
    ['a county with a city code', ['410500', '安阳市', 'COUNTY', '410000']],
    ['a county under a county', ['410304', '瀍河回族区', 'COUNTY', '410302']],
    ['an unknown level', ['410305', '涧西区', 'TOWN' as 'COUNTY', '410300']],
  ])('finds %s', (_what, row) => {
    expect(problemsWith(row)).toHaveLength(1);
    expect(() => RegionTable.of(regionNodesOf([...base, row]))).toThrow(/Not a region table/);
  });

  it('keeps the nodes it was given (the service holds its GraphQL objects in it)', () => {
    const nodes: RegionNode[] = regionNodesOf(base);
    const t = RegionTable.of(nodes);
    expect(t.get('410300')).toBe(nodes[1]);
    expect(t.children('410000')).toEqual([nodes[1], nodes[3]]);
    expect(t.children('410302')).toEqual([]);
    expect(t.children('999999')).toEqual([]);
  });
});
