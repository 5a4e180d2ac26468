import { randomUUID } from 'node:crypto';
import { REGIONS_2023 } from '../../migrations/data/regions-2023';
import { Role, type Caller } from '../../src/shared/caller';
import { DomainError } from '../../src/shared/domain-error';
import {
  agency,
  institution,
  insurer,
  reporting,
  startTestApp,
  type GqlResult,
  type TestApp,
} from '../helpers/test-app';

/*
 * The region table over GraphQL (rules.md §11): the migration's rows, `region(code)` and `regions(parentCode)` for
 * every role whatever its token regions, the parent chain, refused input; and the filters' prefix check.
 */

const REGION = `query R($code: String!) {
  region(code: $code) { code name level parent { code name level parent { code name level parent { code } } } }
}`;
const REGIONS = `query C($parentCode: String) { regions(parentCode: $parentCode) { code name level parent { code } } }`;

interface RegionOut {
  code: string;
  name: string;
  level: string;
  parent: RegionOut | null;
}

/** One caller of each role, each confined to Luoyang (4103) by its token: regions are read everywhere all the same. */
const CALLERS: ReadonlyArray<[Role, Caller]> = [
  [Role.AGENCY, agency(['4103'])],
  [Role.INSURER, insurer(randomUUID(), ['4103'])],
  [Role.INSTITUTION, institution(randomUUID(), ['4103'])],
  [Role.REPORTING, reporting(['4103'])],
];

describe('regions (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const region = (code: string, user: Caller) =>
    t.gql<{ region: RegionOut | null }>(REGION, { code }, user);
  const regions = (parentCode: string | null | undefined, user: Caller) =>
    t.gql<{ regions: RegionOut[] }>(REGIONS, parentCode === undefined ? {} : { parentCode }, user);
  /** A BAD_USER_INPUT on `field` that does not repeat the value sent. */
  const expectRefused = (res: GqlResult, field: string, value: string) => {
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    if (value.trim() !== '') {
      expect(res.errors![0]!.message).not.toContain(value.trim());
    }
  };

  it('the migration loaded the 2023 snapshot: every row, parents by foreign key', async () => {
    const rows = await t.db.dataSource.query<
      { code: string; name: string; level: string; parent_code: string | null }[]
    >(`SELECT code, name, level, parent_code FROM region ORDER BY code`);
    expect(rows.map((r) => [r.code, r.name, r.level, r.parent_code])).toEqual(
      REGIONS_2023.map((r) => [...r]),
    );
    const counts = await t.db.dataSource.query<{ level: string; n: number }[]>(
      `SELECT level, count(*)::int AS n FROM region GROUP BY level ORDER BY level`,
    );
    expect(counts).toEqual([
      { level: 'CITY', n: 333 },
      { level: 'COUNTY', n: 2974 },
      { level: 'PROVINCE', n: 31 },
    ]);
  });

  it.each([
    ['a parent the table lacks', `('419002', '某县', 'COUNTY', '419000')`],
    ['a province with a parent', `('720000', '某省', 'PROVINCE', '410000')`],
    ['a county without a parent', `('419002', '某县', 'COUNTY', NULL)`],
    ['an unknown level', `('419002', '某镇', 'TOWN', '410000')`],
    ['a five-digit code', `('41900', '某县', 'COUNTY', '410000')`],
  ])('the table refuses %s', async (_what, values) => {
    await expect(
      t.db.dataSource.query(`INSERT INTO region (code, name, level, parent_code) VALUES ${values}`),
    ).rejects.toThrow();
  });

  describe.each(CALLERS)('as %s', (_role, user) => {
    it('reads a county with its city and province (老城区 → 洛阳市 → 河南省)', async () => {
      const res = await region('410302', user);
      expect(res.errors).toBeUndefined();
      expect(res.data!.region).toEqual({
        code: '410302',
        name: '老城区',
        level: 'COUNTY',
        parent: {
          code: '410300',
          name: '洛阳市',
          level: 'CITY',
          parent: { code: '410000', name: '河南省', level: 'PROVINCE', parent: null },
        },
      });
    });

    it('reads outside its token regions: 济源 under Henan, 遂宁 in Sichuan', async () => {
      const jiyuan = await region('419001', user);
      expect(jiyuan.data!.region).toMatchObject({
        code: '419001',
        name: '济源市',
        level: 'COUNTY',
        parent: { code: '410000', name: '河南省', level: 'PROVINCE', parent: null },
      });
      const suining = await region('510900', user);
      expect(suining.data!.region).toMatchObject({
        name: '遂宁市',
        level: 'CITY',
        parent: { code: '510000', name: '四川省' },
      });
    });

    it('lists the provinces without a parent code, and with an explicit null', async () => {
      for (const arg of [undefined, null]) {
        const res = await regions(arg, user);
        expect(res.errors).toBeUndefined();
        const list = res.data!.regions;
        expect(list).toHaveLength(31);
        expect(list.every((r) => r.level === 'PROVINCE' && r.parent === null)).toBe(true);
        expect(list.map((r) => r.code)).toEqual([...list.map((r) => r.code)].sort());
        expect(list.find((r) => r.code === '410000')?.name).toBe('河南省');
      }
    });

    it("lists a province's cities and the counties directly under it, by code", async () => {
      const res = await regions('410000', user);
      expect(res.errors).toBeUndefined();
      const list = res.data!.regions;
      expect(list.map((r) => [r.code, r.level])).toEqual([
        ...REGIONS_2023.filter((r) => r[3] === '410000').map((r) => [r[0], r[2]]),
      ]);
      expect(list).toContainEqual({
        code: '410300',
        name: '洛阳市',
        level: 'CITY',
        parent: { code: '410000' },
      });
      expect(list.at(-1)).toEqual({
        code: '419001',
        name: '济源市',
        level: 'COUNTY',
        parent: { code: '410000' },
      });
      expect(list.filter((r) => r.level === 'CITY')).toHaveLength(17);
    });
  });

  it("lists a city's counties, a municipality's districts, nothing under a county", async () => {
    const luoyang = await regions('410300', reporting());
    expect(luoyang.data!.regions.map((r) => r.name)).toEqual([
      '老城区',
      '西工区',
      '瀍河回族区',
      '涧西区',
      '偃师区',
      '孟津区',
      '洛龙区',
      '新安县',
      '栾川县',
      '嵩县',
      '汝阳县',
      '宜阳县',
      '洛宁县',
      '伊川县',
      '洛阳高新技术产业开发区',
    ]);
    const beijing = await regions('110000', reporting());
    expect(beijing.data!.regions).toHaveLength(16);
    expect(beijing.data!.regions.every((r) => r.level === 'COUNTY')).toBe(true);
    const suining = await regions('510900', agency());
    expect(suining.data!.regions.map((r) => `${r.code} ${r.name}`)).toEqual([
      '510903 船山区',
      '510904 安居区',
      '510921 蓬溪县',
      '510923 大英县',
      '510981 射洪市',
    ]);
    const county = await regions('410302', agency());
    expect(county.errors).toBeUndefined();
    expect(county.data!.regions).toEqual([]);
  });

  it('answers null for a six-digit code the table lacks', async () => {
    for (const code of ['999999', '110100', '419000', '410306']) {
      const res = await region(code, agency());
      expect(res.errors).toBeUndefined();
      expect(res.data!.region).toBeNull();
    }
  });

  it.each(['41', '4103', '41030x', '4103021', '', ' 410302'])(
    'refuses the code %j as BAD_USER_INPUT on code, without repeating it',
    async (code) => {
      const res = await region(code, insurer(randomUUID()));
      expect(res.data?.region ?? null).toBeNull();
      expectRefused(res, 'code', code);
    },
  );

  it.each(['999999', '110100', '4103', 'x41x'])(
    'refuses the parent code %j as BAD_USER_INPUT on parentCode, without repeating it',
    async (parentCode) => {
      const res = await regions(parentCode, reporting());
      expect(res.data ?? null).toBeNull();
      expectRefused(res, 'parentCode', parentCode);
    },
  );

  it('refuses a caller without a token', async () => {
    const res = await t.gql(REGIONS, {});
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(res.data ?? null).toBeNull();
  });

  describe('knownRegionPrefix (the region filters of rules.md §11)', () => {
    it.each([
      ['41', '41'],
      ['51', '51'],
      ['4103', '4103'],
      ['5109', '5109'],
      ['4190', '4190'],
      ['1101', '1101'],
      ['410000', '41'],
      ['410300', '4103'],
      ['410302', '410302'],
      ['419001', '419001'],
      ['110000', '11'],
    ])('accepts %s, matching by %s', async (value, prefix) => {
      await expect(
        t.app.services.regions.knownRegionPrefix('filter.regionCode', value),
      ).resolves.toBe(prefix);
    });

    it.each(['71', '4100', '4199', '410', '41030', '110100', '999999', '4103021', '', 'ab', '41 '])(
      'refuses %j as BAD_USER_INPUT on the field, without repeating it',
      async (value) => {
        const error = await t.app.services.regions
          .knownRegionPrefix('filter.regionCode', value)
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });
        if (value.trim() !== '') {
          expect((error as Error).message).not.toContain(value.trim());
        }
      },
    );

    it('answers province and city through the parent chain from the loaded table', async () => {
      const { regions: service } = t.app.services;
      expect((await service.provinceOf('419001'))?.name).toBe('河南省');
      expect((await service.cityOf('419001'))?.name).toBe('济源市');
      expect((await service.cityOf('410302'))?.name).toBe('洛阳市');
      expect((await service.cityOf('110105'))?.name).toBe('北京市');
      expect(await service.cityOf('410000')).toBeNull();
      expect(await service.provinceOf('999999')).toBeNull();
      // Loaded once: the same objects every time.
      expect(await service.table()).toBe(await service.table());
      expect(await service.byCode('410300')).toBe((await service.cityOf('410302'))!);
    });
  });
});
