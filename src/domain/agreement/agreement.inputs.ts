import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { AgreementKind } from './agreement.enums';

@InputType({
  description:
    '新增协议: a new agreement (rules.md §1); terms inputs follow with the terms versions.',
})
export class CreateAgreementInput {
  @Field(() => String, { description: '协议编号: unique code, 1–64 characters.' })
  code!: string;

  @Field(() => AgreementKind, { description: '协议类别: the kind of agreement.' })
  kind!: AgreementKind;

  @Field(() => String, { description: '协议名称: title, 1–200 characters.' })
  title!: string;

  @Field(() => ID, { description: '甲方: the agency (an AGENCY organization).' })
  partyAId!: string;

  @Field(() => ID, {
    description:
      '乙方: an INSURER (handling, critical illness) or a MEDICAL_INSTITUTION (designated institution).',
  })
  partyBId!: string;

  @Field(() => String, { description: '统筹区划: six-digit region code of the agreement.' })
  regionCode!: string;

  @Field(() => [String], {
    nullable: true,
    description: '覆盖区划: covered region codes; default: [regionCode].',
  })
  coveredRegions?: string[] | null;

  @Field(() => DateScalar, { description: '起始日期: first day in force.' })
  effectiveFrom!: string;

  @Field(() => DateScalar, {
    description: '终止日期: last day in force; not before effectiveFrom.',
  })
  effectiveTo!: string;
}
