import { registerEnumType } from 'type-graphql';

/** The three kinds of party (rules.md §1). Keys equal values so the schema emits these names. */
export enum OrganizationKind {
  AGENCY = 'AGENCY',
  INSURER = 'INSURER',
  MEDICAL_INSTITUTION = 'MEDICAL_INSTITUTION',
}

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: '机构类别: the kind of party to an agreement (rules.md §1).',
  valuesConfig: {
    AGENCY: {
      description:
        '医疗保障局 / 医疗保障服务中心 / 医疗保障事务中心: a medical-insurance agency, party A of every agreement.',
    },
    INSURER: {
      description:
        '商业保险机构(含分支机构): a commercial insurer, party B of handling and critical-illness agreements.',
    },
    MEDICAL_INSTITUTION: {
      description:
        '定点医疗机构: a designated medical institution, party B of a designated-institution agreement.',
    },
  },
});
