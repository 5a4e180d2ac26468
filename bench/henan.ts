/**
 * The synthetic province's geography: the seven cities of the Henan critical-illness contract (art. 2: 郑州、洛阳、安阳、
 * 鹤壁、新乡、信阳、周口), their districts and counties by GB/T 2260 code, a rough weight by resident population (2020
 * census, in 10 000s), and invented designated hospitals marked 示例 as in the demo data.
 */
export interface City {
  /** Two-letter code used in organization codes. */
  readonly key: string;
  readonly name: string;
  /** The city's region code (GB/T 2260), e.g. 410100. */
  readonly code: string;
  readonly population: number;
  /** District and county codes where persons live. */
  readonly districts: readonly string[];
}

export const CITIES: readonly City[] = [
  {
    key: 'ZZ',
    name: '郑州市',
    code: '410100',
    population: 1260,
    // 中原 二七 管城 金水 上街 惠济 中牟 巩义 荥阳 新密 新郑 登封
    districts: [
      '410102',
      '410103',
      '410104',
      '410105',
      '410106',
      '410108',
      '410122',
      '410181',
      '410182',
      '410183',
      '410184',
      '410185',
    ],
  },
  {
    key: 'LY',
    name: '洛阳市',
    code: '410300',
    population: 706,
    // 老城 西工 瀍河 涧西 偃师 孟津 洛龙 新安 栾川 嵩县 汝阳 宜阳 洛宁 伊川
    districts: [
      '410302',
      '410303',
      '410304',
      '410305',
      '410307',
      '410308',
      '410311',
      '410323',
      '410324',
      '410325',
      '410326',
      '410327',
      '410328',
      '410329',
    ],
  },
  {
    key: 'AY',
    name: '安阳市',
    code: '410500',
    population: 548,
    // 文峰 北关 殷都 龙安 安阳县 汤阴 滑县 内黄 林州
    districts: [
      '410502',
      '410503',
      '410505',
      '410506',
      '410522',
      '410523',
      '410526',
      '410527',
      '410581',
    ],
  },
  {
    key: 'HB',
    name: '鹤壁市',
    code: '410600',
    population: 157,
    // 鹤山 山城 淇滨 浚县 淇县
    districts: ['410602', '410603', '410611', '410621', '410622'],
  },
  {
    key: 'XX',
    name: '新乡市',
    code: '410700',
    population: 625,
    // 红旗 卫滨 凤泉 牧野 新乡县 获嘉 原阳 延津 封丘 卫辉 辉县 长垣
    districts: [
      '410702',
      '410703',
      '410704',
      '410711',
      '410721',
      '410724',
      '410725',
      '410726',
      '410727',
      '410781',
      '410782',
      '410783',
    ],
  },
  {
    key: 'XY',
    name: '信阳市',
    code: '411500',
    population: 623,
    // 浉河 平桥 罗山 光山 新县 商城 固始 潢川 淮滨 息县
    districts: [
      '411502',
      '411503',
      '411521',
      '411522',
      '411523',
      '411524',
      '411525',
      '411526',
      '411527',
      '411528',
    ],
  },
  {
    key: 'ZK',
    name: '周口市',
    code: '411600',
    population: 903,
    // 川汇 淮阳 扶沟 西华 商水 沈丘 郸城 太康 鹿邑 项城
    districts: [
      '411602',
      '411603',
      '411621',
      '411622',
      '411623',
      '411624',
      '411625',
      '411627',
      '411628',
      '411681',
    ],
  },
];

/** Hospitals per city; the first ones of 郑州 are the provincial referral hospitals. */
export const HOSPITALS_PER_CITY = 5;

/** Invented hospital names (示例), by rank in the city. */
export const hospitalName = (city: City, rank: number): string =>
  [
    `${city.name}示例第一人民医院`,
    `${city.name}示例中心医院`,
    `${city.name}示例中医院`,
    `${city.name}示例妇幼保健院`,
    `${city.name}示例第二人民医院`,
  ][rank] ?? `${city.name}示例第${rank + 1}医院`;

/** Basic-insurance deductible of one admission at a hospital of each rank (基本医保起付标准), in fen. */
export const BASIC_DEDUCTIBLE_FEN = [120_000, 80_000, 60_000, 50_000, 80_000];

export const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段';
export const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉红梅建国志春海燕鹏飞宇浩然欣怡子涵梓轩雨桐佳琪晨阳文博思远俊杰';
