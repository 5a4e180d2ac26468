import { registerEnumType } from 'type-graphql';

/** 统计维度 of claimStats (rules.md §8). */
export enum ClaimGroupBy {
  REGION = 'REGION',
  YEAR = 'YEAR',
  QUARTER = 'QUARTER',
  MONTH = 'MONTH',
  INSTITUTION = 'INSTITUTION',
  CHANNEL = 'CHANNEL',
  SCHEDULE = 'SCHEDULE',
  STATUS = 'STATUS',
}

registerEnumType(ClaimGroupBy, {
  name: 'ClaimGroupBy',
  description: '统计维度: a dimension claimStats groups by (rules.md §8).',
  valuesConfig: {
    REGION: { description: '区划: the person’s region code, e.g. "410302".' },
    YEAR: { description: '年度: the discharge year, "2024".' },
    QUARTER: { description: '季度: the discharge quarter, "2024-Q2".' },
    MONTH: { description: '月份: the discharge month, "2024-05".' },
    INSTITUTION: { description: '定点医疗机构: the institution’s organization id.' },
    CHANNEL: { description: '结算渠道: DIRECT or MANUAL.' },
    SCHEDULE: { description: '待遇方案: GENERAL or PREFERENTIAL.' },
    STATUS: { description: '理赔状态: ADJUDICATED, PAID, REJECTED or REVERSED.' },
  },
});
