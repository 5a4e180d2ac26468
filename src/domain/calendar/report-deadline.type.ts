import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

export enum ReportKind {
  MONTHLY = 'MONTHLY',
  HALF_YEAR = 'HALF_YEAR',
  ANNUAL = 'ANNUAL',
}

registerEnumType(ReportKind, {
  name: 'ReportKind',
  description: '报表类别: the reports an insurer files (Henan arts. 25–26; rules.md §8).',
  valuesConfig: {
    MONTHLY: {
      description: '月报: the monthly report, due the 5th of the next month (Henan art. 25).',
    },
    HALF_YEAR: { description: '半年分析: the half-year analysis, due 15 July (Henan art. 26).' },
    ANNUAL: {
      description:
        '年度分析: the annual analysis, due 20 January of the next year (Henan art. 26).',
    },
  },
});

@ObjectType({
  simpleResolvers: true,
  description: '报送期限: when a report is due, moved to the next working day (rules.md §8).',
})
export class ReportDeadline {
  @Field(() => ReportKind, { description: '报表类别: monthly, half-year or annual.' })
  kind!: ReportKind;

  @Field(() => String, {
    description: '报告期: MONTHLY "2024-09"; HALF_YEAR "2024-H1"; ANNUAL "2024".',
  })
  period!: string;

  @Field(() => DateScalar, {
    description: '截止日期: the due date, moved to the next working day (遇法定节假日顺延).',
  })
  dueOn!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      '报送日期: the day the report was filed (the earliest recorded filing); null if not filed.',
  })
  filedOn?: string | null;
}
