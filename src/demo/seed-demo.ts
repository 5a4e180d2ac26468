import type { AuditActor } from '../domain/audit-trail/audit-trail.service';
import { OrganizationKind } from '../domain/organization/organization-kind.enum';
import { Organization } from '../domain/organization/organization.entity';
import { Role } from '../graphql/auth/role.enum';
import type { Services } from '../services';
import type { DataSource } from 'typeorm';

const { AGENCY, INSURER, MEDICAL_INSTITUTION } = OrganizationKind;

/**
 * The parties of the seed documents (party A and B of the Henan and Luoyang contracts, the Suining agency) and
 * hospitals. The Suining template names no institution and the Henan contract names none in its seven cities
 * (郑州、洛阳、安阳、鹤壁、新乡、信阳、周口, art. 2): those hospitals are invented, marked 示例 and coded DEMO-.
 */
export const DEMO_ORGANIZATIONS: ReadonlyArray<{ code: string; name: string; kind: OrganizationKind; regionCode: string }> = [
  { code: 'HN-YBFWZX', name: '河南省医疗保障服务中心', kind: AGENCY, regionCode: '410000' },
  { code: 'LY-YBJ', name: '洛阳市医疗保障局', kind: AGENCY, regionCode: '410300' },
  { code: 'SN-YBSWZX', name: '遂宁市医疗保障事务中心', kind: AGENCY, regionCode: '510900' },
  { code: 'CLIC-HN', name: '中国人寿保险股份有限公司河南省分公司', kind: INSURER, regionCode: '410000' },
  { code: 'CLIC-LY', name: '中国人寿保险股份有限公司洛阳分公司', kind: INSURER, regionCode: '410300' },
  { code: 'DEMO-ZZ-H1', name: '郑州市示例第一人民医院', kind: MEDICAL_INSTITUTION, regionCode: '410100' },
  { code: 'DEMO-LY-H1', name: '洛阳市示例中心医院', kind: MEDICAL_INSTITUTION, regionCode: '410300' },
  { code: 'DEMO-LY-H2', name: '洛阳市示例涧西区人民医院', kind: MEDICAL_INSTITUTION, regionCode: '410305' },
  { code: 'DEMO-AY-H1', name: '安阳市示例人民医院', kind: MEDICAL_INSTITUTION, regionCode: '410500' },
  { code: 'DEMO-HB-H1', name: '鹤壁市示例人民医院', kind: MEDICAL_INSTITUTION, regionCode: '410600' },
  { code: 'DEMO-XX-H1', name: '新乡市示例中心医院', kind: MEDICAL_INSTITUTION, regionCode: '410700' },
  { code: 'DEMO-XY-H1', name: '信阳市示例中心医院', kind: MEDICAL_INSTITUTION, regionCode: '411500' },
  { code: 'DEMO-ZK-H1', name: '周口市示例中心医院', kind: MEDICAL_INSTITUTION, regionCode: '411600' },
  { code: 'DEMO-SN-H1', name: '遂宁市示例中心医院', kind: MEDICAL_INSTITUTION, regionCode: '510900' },
  { code: 'DEMO-SN-H2', name: '遂宁市示例船山区人民医院', kind: MEDICAL_INSTITUTION, regionCode: '510903' },
  { code: 'DEMO-SN-H3', name: '射洪市示例人民医院', kind: MEDICAL_INSTITUTION, regionCode: '510981' },
];

const SEED_ACTOR: AuditActor = {
  user: { sub: 'demo-seed', role: Role.AGENCY, regions: ['41', '51'] },
  requestId: 'demo-seed',
};

/** Whether the database holds no organizations yet (the first start). */
export const isEmpty = async (db: DataSource): Promise<boolean> =>
  (await db.getRepository(Organization).count()) === 0;

/** Loads the demo data through the services, as a user would, so it passes every rule. Returns the rows made. */
export const seedDemo = async (services: Services): Promise<number> => {
  for (const org of DEMO_ORGANIZATIONS) {
    await services.organizations.create(SEED_ACTOR, { ...org });
  }
  return DEMO_ORGANIZATIONS.length;
};
