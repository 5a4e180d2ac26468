import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { ReportKind } from '../calendar/report-deadline.type';

@ObjectType({
  simpleResolvers: true,
  description:
    '约谈情形: one ground on which party A must interview the insurer that the system can see (Henan art. 33).',
})
export class InterviewTrigger {
  @Field(() => String, {
    description:
      '情形: STAFFING_SHORTFALL (art. 33(一)), OVERDUE_CLAIMS (33(二)) or REPORT_NOT_FILED (33(五)).',
  })
  kind!: string;

  @Field(() => String, { description: '条款: the article, e.g. 33(二).' })
  article!: string;

  @Field(() => String, { description: '说明: what the system sees.' })
  description!: string;

  @Field(() => String, {
    nullable: true,
    description: '区划: where, for a staffing shortfall of one region.',
  })
  regionCode!: string | null;

  @Field(() => Int, { nullable: true, description: '件数: overdue claims, for OVERDUE_CLAIMS.' })
  count!: number | null;

  @Field(() => String, {
    nullable: true,
    description: '报告期: the report’s period, for REPORT_NOT_FILED.',
  })
  period!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: '截止日期: the report’s due date, for REPORT_NOT_FILED.',
  })
  dueOn!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: '报表报送记录: a report the insurer filed (Henan arts. 25–26).',
})
export class ReportFiling {
  @Field(() => ReportKind, { description: '报表类别.' })
  kind!: ReportKind;

  @Field(() => String, {
    description: '报告期: MONTHLY "2024-09"; HALF_YEAR "2024-H1"; ANNUAL "2024".',
  })
  period!: string;

  @Field(() => DateScalar, { description: '报送日期.' })
  filedOn!: string;
}
