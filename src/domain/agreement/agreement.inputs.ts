import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { AgreementKind } from './agreement.enums';
import {
  CriticalIllnessTermsInput,
  HandlingTermsInput,
  InstitutionTermsInput,
} from './terms/terms.inputs';

@InputType({
  description:
    '新增协议: a new agreement (rules.md §1) and its first terms version, in force from effectiveFrom: the terms input of its kind, any field left out taking the seed value.',
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

  @Field(() => CriticalIllnessTermsInput, {
    nullable: true,
    description:
      '大病保险合同条款: terms of a CRITICAL_ILLNESS agreement; left out: the seed values (Henan 2024).',
  })
  criticalIllnessTerms?: CriticalIllnessTermsInput | null;

  @Field(() => HandlingTermsInput, {
    nullable: true,
    description:
      '委托经办协议条款: terms of a COMMISSIONED_HANDLING agreement; left out: the seed values (Luoyang).',
  })
  handlingTerms?: HandlingTermsInput | null;

  @Field(() => InstitutionTermsInput, {
    nullable: true,
    description:
      '定点医疗机构协议条款: terms of a DESIGNATED_INSTITUTION agreement; left out: the seed values (Suining).',
  })
  institutionTerms?: InstitutionTermsInput | null;
}
