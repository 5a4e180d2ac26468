import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CITIES } from '../../bench/henan';
import { REGIONS_2023 } from '../../migrations/data/regions-2023';
import { DEMO_PERSON_COUNT, demoPersons } from '../../src/demo/demo-persons';
import { DEMO_ORGANIZATIONS } from '../../src/demo/seed-demo';
import { RegionTable, regionNodesOf } from '../../src/domain/region/rules/region-table';

/*
 * Demo and bench data use codes the region table has (rules.md §11): every quoted six-digit code in their sources, the
 * persons and organizations they make, the bench's cities and their districts.
 */

const table = RegionTable.of(regionNodesOf(REGIONS_2023));
const SOURCES = [
  'src/demo/seed-demo.ts',
  'src/demo/demo-persons.ts',
  'src/demo/demo-economics.ts',
  'src/demo/demo-claims.ts',
  'bench/henan.ts',
  'bench/province.ts',
];

describe('region codes of the demo and bench data', () => {
  it('every quoted six-digit code in their sources is in the table', () => {
    const found = SOURCES.flatMap((file) =>
      [...readFileSync(path.resolve(file), 'utf8').matchAll(/(['"`])([1-9]\d{5})\1/g)].map(
        (m) => `${file} ${m[2]}`,
      ),
    );
    expect(found.length).toBeGreaterThan(100);
    expect(found.filter((f) => !table.get(f.split(' ')[1]!))).toEqual([]);
  });

  it('the demo organizations and persons live in divisions of the table', () => {
    expect(DEMO_ORGANIZATIONS.filter((o) => !table.get(o.regionCode))).toEqual([]);
    const persons = demoPersons(DEMO_PERSON_COUNT, 2024);
    expect(persons.length).toBeGreaterThan(0);
    expect(persons.filter((p) => table.get(p.regionCode)?.level !== 'COUNTY')).toEqual([]);
  });

  it("the bench's cities are cities of the table with their names, and their districts lie in them", () => {
    for (const c of CITIES) {
      expect(table.get(c.code)).toMatchObject({
        name: c.name,
        level: 'CITY',
        parentCode: '410000',
      });
      expect(c.districts.filter((d) => table.cityOf(d)?.code !== c.code)).toEqual([]);
    }
  });
});
