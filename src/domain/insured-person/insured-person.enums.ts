import { registerEnumType } from 'type-graphql';

/** 政策倾斜对象: special status of an insured person (Henan art. 14; rules.md §2). */
export enum SpecialStatus {
  NONE = 'NONE',
  EXTREME_POVERTY = 'EXTREME_POVERTY',
  MINIMUM_LIVING = 'MINIMUM_LIVING',
  POVERTY_RELAPSE = 'POVERTY_RELAPSE',
}

/** 性别, from the 17th character of the ID number (odd: male). */
export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

registerEnumType(SpecialStatus, {
  name: 'SpecialStatus',
  description:
    '政策倾斜对象: special status of an insured person; any status but NONE takes the preferential schedule (Henan art. 14; rules.md §2).',
  valuesConfig: {
    NONE: { description: '普通人群: no special status; the general schedule (art. 13).' },
    EXTREME_POVERTY: { description: '特困人员: person in extreme poverty (art. 14).' },
    MINIMUM_LIVING: {
      description: '低保对象: recipient of the minimum living allowance (art. 14).',
    },
    POVERTY_RELAPSE: {
      description: '返贫致贫人口: person who fell (back) into poverty (art. 14).',
    },
  },
});

registerEnumType(Sex, {
  name: 'Sex',
  description: '性别: sex, derived from the ID number (GB 11643: the 17th digit, odd for men).',
  valuesConfig: {
    MALE: { description: '男: the 17th digit is odd.' },
    FEMALE: { description: '女: the 17th digit is even.' },
  },
});
