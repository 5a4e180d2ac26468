import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** 人员类别 (Luoyang 4(一); Henan art. 8). */
export enum StaffRole {
  MEDICAL = 'MEDICAL',
  FINANCE = 'FINANCE',
  IT = 'IT',
  OTHER = 'OTHER',
}

/** 层级 of a staffing report. */
export enum StaffLevel {
  CITY = 'CITY',
  COUNTY = 'COUNTY',
}

registerEnumType(StaffRole, {
  name: 'StaffRole',
  description: '人员类别: the kinds of staff the rules count (Luoyang 4(一); Henan art. 8).',
  valuesConfig: {
    MEDICAL: { description: '医学专业: medical staff.' },
    FINANCE: { description: '财务: finance staff.' },
    IT: { description: '信息技术: IT staff.' },
    OTHER: { description: '其他: other staff.' },
  },
});

registerEnumType(StaffLevel, {
  name: 'StaffLevel',
  description: '层级: the level a staffing report is for.',
  valuesConfig: {
    CITY: { description: '市级: the city level (a city region code).' },
    COUNTY: { description: '县区: one county or district.' },
  },
});

@InputType({
  description:
    '人员配置: the insurer’s staff at one level and region; the latest report per level and region counts.',
})
export class StaffingInput {
  @Field(() => ID, {
    description: '协议标识: a COMMISSIONED_HANDLING or CRITICAL_ILLNESS agreement.',
  })
  agreementId!: string;

  @Field(() => StaffLevel, { description: '层级: CITY or COUNTY.' })
  level!: StaffLevel;

  @Field(() => String, {
    description: '区划: six-digit code inside the agreement’s covered regions.',
  })
  regionCode!: string;

  @Field(() => Int, { description: '医学专业人员数.' })
  medical!: number;

  @Field(() => Int, { description: '财务人员数.' })
  finance!: number;

  @Field(() => Int, { description: '信息技术人员数.' })
  it!: number;

  @Field(() => Int, { description: '其他人员数.' })
  other!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'County only: insured persons in the county, for the 1 per 200 000 rule. 县区参保人数.',
  })
  insuredCount?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Staff co-located at party A (Henan art. 7). 派驻人数.',
  })
  coLocated?: number | null;
}

@ObjectType({ simpleResolvers: true, description: '配置不足: one unmet staffing rule.' })
export class StaffingShortfall {
  @Field(() => String, {
    description:
      '规则: CITY_TOTAL, CITY_MEDICAL, CITY_FINANCE, CITY_IT, COUNTY_TOTAL, COUNTY_MEDICAL, COUNTY_FINANCE, COUNTY_IT (Luoyang 4(一)); MEDICAL_SHARE, CITY_STAFF, CITY_MEDICAL, COUNTY_STAFF, CO_LOCATED (Henan arts. 7–8).',
  })
  rule!: string;

  @Field(() => String, {
    nullable: true,
    description: '区划: where; null for a rule over all regions.',
  })
  regionCode!: string | null;

  @Field(() => StaffRole, {
    nullable: true,
    description: '人员类别: the kind of staff the rule counts; null for a rule on all staff.',
  })
  staffRole!: StaffRole | null;

  @Field(() => Int, { description: '应配: required.' })
  required!: number;

  @Field(() => Int, { description: '实配: actual.' })
  actual!: number;

  @Field(() => Boolean, {
    description: '建议性: the rule is advisory ("原则上", Henan art. 8 per county).',
  })
  advisory!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description: '人员配置合规: the staffing check of an agreement (rules.md §6).',
})
export class StaffingCompliance {
  @Field(() => Boolean, { description: '合规: no shortfall other than advisory ones.' })
  compliant!: boolean;

  @Field(() => [StaffingShortfall], {
    description: '不足: every shortfall, advisory ones included.',
  })
  shortfalls!: StaffingShortfall[];
}
