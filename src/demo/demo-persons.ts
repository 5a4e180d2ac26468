import { SpecialStatus } from '../domain/insured-person/insured-person.enums';
import type { RegisterInsuredPersonInput } from '../domain/insured-person/insured-person.inputs';
import { checkCharacter } from '../domain/insured-person/rules/resident-id.rule';
import { dateOf, daysInMonth } from '../shared/calendar-date';

/** How many persons the demo registers (runtime.md's demo data: at least 1 000 across Henan and Sichuan). */
export const DEMO_PERSON_COUNT = 1200;

/**
 * The first demo person, with a known number, for trying `insuredPersonByIdNumber` in Sandbox: a Luoyang (涧西区)
 * resident born 1985-03-12. Invented, like every demo person.
 */
export const DEMO_PERSON_ID_NUMBER = `41030519850312123${checkCharacter('41030519850312123')}`;

/** Districts and counties where demo persons live: the seven cities of Henan art. 2, and Suining. */
const REGIONS = [
  '410102',
  '410105',
  '410122', // 郑州
  '410302',
  '410305',
  '410311',
  '410323', // 洛阳
  '410502',
  '410522', // 安阳
  '410602', // 鹤壁
  '410702',
  '410721', // 新乡
  '411502',
  '411521', // 信阳
  '411602',
  '411621', // 周口
  '510903',
  '510904',
  '510921',
  '510981', // 遂宁
];

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰红梅建国建华志强春梅海燕';

/** A small seeded generator (mulberry32), so every embedded start makes the same persons. */
export const generator = (seed: number) => {
  let a = seed >>> 0;
  return (n: number): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
};

const STATUSES = [
  SpecialStatus.EXTREME_POVERTY,
  SpecialStatus.MINIMUM_LIVING,
  SpecialStatus.POVERTY_RELAPSE,
];

/**
 * `count` invented persons with valid resident ID numbers (address code = their region, a birth date 1940–2015, a
 * check character by ISO 7064 MOD 11-2), about 6% with a special status from 1 January of 2024 or of `year`.
 */
export const demoPersons = (count: number, year: number): RegisterInsuredPersonInput[] => {
  const rnd = generator(20240101);
  const seen = new Set<string>([DEMO_PERSON_ID_NUMBER]);
  const persons: RegisterInsuredPersonInput[] = [
    { idNumber: DEMO_PERSON_ID_NUMBER, name: '示例参保人', regionCode: '410305' },
  ];
  while (persons.length < count) {
    const region = REGIONS[rnd(REGIONS.length)]!;
    const y = 1940 + rnd(76);
    const m = 1 + rnd(12);
    const d = 1 + rnd(daysInMonth(y, m));
    const body = `${region}${dateOf(y, m, d).replace(/-/g, '')}${String(rnd(1000)).padStart(3, '0')}`;
    const idNumber = body + checkCharacter(body);
    if (seen.has(idNumber)) {
      continue;
    }
    seen.add(idNumber);
    const name =
      SURNAMES[rnd(SURNAMES.length)]! +
      GIVEN[rnd(GIVEN.length)]! +
      (rnd(2) ? GIVEN[rnd(GIVEN.length)]! : '');
    const special = rnd(100) < 6;
    persons.push({
      idNumber,
      name,
      regionCode: region,
      specialStatus: special ? STATUSES[rnd(STATUSES.length)]! : SpecialStatus.NONE,
      specialStatusFrom: special ? dateOf(rnd(2) ? 2024 : year, 1, 1) : null,
    });
  }
  return persons;
};
