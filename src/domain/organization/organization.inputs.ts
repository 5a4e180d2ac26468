import { Field, InputType } from 'type-graphql';
import { OrganizationKind } from './organization-kind.enum';

@InputType({ description: '新增机构: a new party (rules.md §1).' })
export class CreateOrganizationInput {
  @Field(() => String, { description: '机构代码: unique code, 1–64 characters.' })
  code!: string;

  @Field(() => String, { description: '机构名称: full name, 1–200 characters.' })
  name!: string;

  @Field(() => OrganizationKind, {
    description: '机构类别: agency, insurer or medical institution.',
  })
  kind!: OrganizationKind;

  @Field(() => String, { description: '行政区划代码: six digits, e.g. 410300.' })
  regionCode!: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      '公立医疗机构: a public medical institution, which may not ask to suspend its agreement (Suining art. 78); MEDICAL_INSTITUTION only; default false.',
  })
  publicInstitution?: boolean | null;
}
