import type { AuditActor } from '../domain/audit-trail/audit-trail.service';
import { AgreementKind } from '../domain/agreement/agreement.enums';
import { OrganizationKind } from '../domain/organization/organization-kind.enum';
import { Organization } from '../domain/organization/organization.entity';
import { Role } from '../shared/caller';
import type { Services } from '../services';
import type { DataSource } from 'typeorm';
import { seedDemoClaims } from './demo-claims';
import { seedDemoEconomics } from './demo-economics';
import { DEMO_PERSON_COUNT, demoPersons } from './demo-persons';

const { AGENCY, INSURER, MEDICAL_INSTITUTION } = OrganizationKind;

/**
 * The parties of the seed documents (party A and B of the Henan and Luoyang contracts, the Suining agency) and
 * hospitals. The Suining template names no institution and the Henan contract names none in its seven cities
 * (郑州、洛阳、安阳、鹤壁、新乡、信阳、周口, art. 2): those hospitals are invented, marked 示例 and coded DEMO-.
 */
export const DEMO_ORGANIZATIONS: ReadonlyArray<{
  code: string;
  name: string;
  kind: OrganizationKind;
  regionCode: string;
}> = [
  { code: 'HN-YBFWZX', name: '河南省医疗保障服务中心', kind: AGENCY, regionCode: '410000' },
  { code: 'LY-YBJ', name: '洛阳市医疗保障局', kind: AGENCY, regionCode: '410300' },
  { code: 'SN-YBSWZX', name: '遂宁市医疗保障事务中心', kind: AGENCY, regionCode: '510900' },
  {
    code: 'CLIC-HN',
    name: '中国人寿保险股份有限公司河南省分公司',
    kind: INSURER,
    regionCode: '410000',
  },
  {
    code: 'CLIC-LY',
    name: '中国人寿保险股份有限公司洛阳分公司',
    kind: INSURER,
    regionCode: '410300',
  },
  {
    code: 'DEMO-ZZ-H1',
    name: '郑州市示例第一人民医院',
    kind: MEDICAL_INSTITUTION,
    regionCode: '410100',
  },
  {
    code: 'DEMO-LY-H1',
    name: '洛阳市示例中心医院',
    kind: MEDICAL_INSTITUTION,
    regionCode: '410300',
  },
  {
    code: 'DEMO-LY-H2',
    name: '洛阳市示例涧西区人民医院',
    kind: MEDICAL_INSTITUTION,
    regionCode: '410305',
  },
  {
    code: 'DEMO-AY-H1',
    name: '安阳市示例人民医院',
    kind: MEDICAL_INSTITUTION,
    regionCode: '410500',
  },
  {
    code: 'DEMO-HB-H1',
    name: '鹤壁市示例人民医院',
    kind: MEDICAL_INSTITUTION,
    regionCode: '410600',
  },
  {
    code: 'DEMO-XX-H1',
    name: '新乡市示例中心医院',
    kind: MEDICAL_INSTITUTION,
    regionCode: '410700',
  },
  {
    code: 'DEMO-XY-H1',
    name: '信阳市示例中心医院',
    kind: MEDICAL_INSTITUTION,
    regionCode: '411500',
  },
  {
    code: 'DEMO-ZK-H1',
    name: '周口市示例中心医院',
    kind: MEDICAL_INSTITUTION,
    regionCode: '411600',
  },
  {
    code: 'DEMO-SN-H1',
    name: '遂宁市示例中心医院',
    kind: MEDICAL_INSTITUTION,
    regionCode: '510900',
  },
  {
    code: 'DEMO-SN-H2',
    name: '遂宁市示例船山区人民医院',
    kind: MEDICAL_INSTITUTION,
    regionCode: '510903',
  },
  {
    code: 'DEMO-SN-H3',
    name: '射洪市示例人民医院',
    kind: MEDICAL_INSTITUTION,
    regionCode: '510981',
  },
];

const SEED_ACTOR: AuditActor = {
  user: { sub: 'demo-seed', role: Role.AGENCY, regions: ['41', '51'] },
  requestId: 'demo-seed',
};

/** Whether the database holds no organizations yet (the first start). */
export const isEmpty = async (db: DataSource): Promise<boolean> =>
  (await db.getRepository(Organization).count()) === 0;

const HENAN_CITIES = ['410100', '410300', '410500', '410600', '410700', '411500', '411600'];

/**
 * The seed agreements (Henan critical illness 2024 over its seven cities, art. 2; Luoyang handling 2024–2025,
 * art. 2; Suining designated-institution agreements, invented parties) and the same kinds for the current year.
 */
const demoAgreements = (year: number) => [
  {
    code: 'HN-DBBX-2024',
    kind: AgreementKind.CRITICAL_ILLNESS,
    title: '2024年河南省城乡居民大病保险承办服务合同',
    a: 'HN-YBFWZX',
    b: 'CLIC-HN',
    regionCode: '410000',
    coveredRegions: HENAN_CITIES,
    from: '2024-01-01',
    to: '2024-12-31',
  },
  {
    code: 'LY-WTJB-2024',
    kind: AgreementKind.COMMISSIONED_HANDLING,
    title: '洛阳市城乡居民基本医疗保险委托经办服务协议',
    a: 'LY-YBJ',
    b: 'CLIC-LY',
    regionCode: '410300',
    coveredRegions: undefined,
    from: '2024-01-01',
    to: '2025-12-31',
  },
  {
    code: 'SN-DD-2023-H1',
    kind: AgreementKind.DESIGNATED_INSTITUTION,
    title: '遂宁市医疗保障定点医疗机构服务协议(示例中心医院)',
    a: 'SN-YBSWZX',
    b: 'DEMO-SN-H1',
    regionCode: '510900',
    coveredRegions: undefined,
    from: '2023-05-01',
    to: `${year}-12-31`,
  },
  {
    code: 'SN-DD-2023-H2',
    kind: AgreementKind.DESIGNATED_INSTITUTION,
    title: '遂宁市医疗保障定点医疗机构服务协议(示例船山区人民医院)',
    a: 'SN-YBSWZX',
    b: 'DEMO-SN-H2',
    regionCode: '510903',
    coveredRegions: undefined,
    from: '2023-05-01',
    to: `${year}-12-31`,
  },
  {
    code: `HN-DBBX-${year}`,
    kind: AgreementKind.CRITICAL_ILLNESS,
    title: `${year}年河南省城乡居民大病保险承办服务合同(示例)`,
    a: 'HN-YBFWZX',
    b: 'CLIC-HN',
    regionCode: '410000',
    coveredRegions: HENAN_CITIES,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  },
  {
    code: `LY-WTJB-${year}`,
    kind: AgreementKind.COMMISSIONED_HANDLING,
    title: `洛阳市城乡居民基本医疗保险委托经办服务协议(${year}示例)`,
    a: 'LY-YBJ',
    b: 'CLIC-LY',
    regionCode: '410300',
    coveredRegions: undefined,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  },
];

/**
 * Designated-institution agreements of the demo hospitals (all invented, marked 示例): Henan hospitals with the
 * provincial centre (Luoyang's with the Luoyang bureau) from 2024 to the end of the current year; Suining's third
 * hospital designated only from the current year, so that earlier claims there show NOT_DESIGNATED.
 */
const designatedAgreements = (year: number) => [
  ...DEMO_ORGANIZATIONS.filter(
    (o) => o.kind === MEDICAL_INSTITUTION && o.regionCode.startsWith('41'),
  ).map((o) => ({
    code: `HN-DD-${o.code.slice(5)}`,
    kind: AgreementKind.DESIGNATED_INSTITUTION,
    title: `定点医疗机构服务协议(${o.name})`,
    a: o.regionCode.startsWith('4103') ? 'LY-YBJ' : 'HN-YBFWZX',
    b: o.code,
    regionCode: o.regionCode,
    coveredRegions: undefined,
    from: '2024-01-01',
    to: `${Math.max(year, 2024)}-12-31`,
  })),
  {
    code: `SN-DD-${year}-H3`,
    kind: AgreementKind.DESIGNATED_INSTITUTION,
    title: '遂宁市医疗保障定点医疗机构服务协议(示例射洪市人民医院)',
    a: 'SN-YBSWZX',
    b: 'DEMO-SN-H3',
    regionCode: '510981',
    coveredRegions: undefined,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  },
];

/** Loads the demo data through the services, as a user would, so it passes every rule. Returns the rows made. */
export const seedDemo = async (
  db: DataSource,
  services: Services,
  today: string,
): Promise<number> => {
  const ids = new Map<string, string>();
  for (const org of DEMO_ORGANIZATIONS) {
    ids.set(org.code, (await services.organizations.create(SEED_ACTOR, { ...org })).id);
  }
  const year = Number(today.slice(0, 4));
  const agreements = [...demoAgreements(year), ...designatedAgreements(year)].filter(
    (a, i, all) => all.findIndex((b) => b.code === a.code) === i,
  );
  for (const a of agreements) {
    await services.agreements.create(SEED_ACTOR, {
      code: a.code,
      kind: a.kind,
      title: a.title,
      partyAId: ids.get(a.a)!,
      partyBId: ids.get(a.b)!,
      regionCode: a.regionCode,
      coveredRegions: a.coveredRegions,
      effectiveFrom: a.from,
      effectiveTo: a.to,
    });
  }
  const persons = demoPersons(DEMO_PERSON_COUNT, year);
  for (const p of persons) {
    await services.persons.register(SEED_ACTOR, p);
  }
  const claims = await seedDemoClaims(db, services, SEED_ACTOR, today);
  const figures = await seedDemoEconomics(db, services, SEED_ACTOR, today);
  return DEMO_ORGANIZATIONS.length + agreements.length + persons.length + claims + figures;
};
