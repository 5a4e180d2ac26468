import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { SpecialStatus } from './insured-person.enums';

@InputType({ description: '参保登记: registers an insured person (rules.md §2).' })
export class RegisterInsuredPersonInput {
  @Field(() => String, {
    description:
      '公民身份号码: the 18-character resident ID number (GB 11643: a real birth date, not in the future; ISO 7064 MOD 11-2 check character; a lower-case x is read as X).',
  })
  idNumber!: string;

  @Field(() => String, { description: '姓名: the person’s name, 1–100 characters.' })
  name!: string;

  @Field(() => String, {
    description:
      '参保地区划: six-digit region code where the person is insured; inside your token’s regions.',
  })
  regionCode!: string;

  @Field(() => SpecialStatus, {
    nullable: true,
    defaultValue: SpecialStatus.NONE,
    description: '政策倾斜对象: special status from specialStatusFrom (Henan art. 14).',
  })
  specialStatus?: SpecialStatus | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Start of the given special status; default: the first day of the current year. 身份生效日期.',
  })
  specialStatusFrom?: string | null;
}
