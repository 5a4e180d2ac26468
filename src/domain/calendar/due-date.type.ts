import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

@ObjectType({
  simpleResolvers: true,
  description:
    '到期日: the end of a count of working days, and whether it may still move because it went over a year whose holiday schedule (放假安排) is not loaded (rules.md §3.4, §3.6).',
})
export class DueDate {
  @Field(() => DateScalar, {
    description:
      '到期日: the N-th working day after the start day (the start day itself not counted; rules.md §3.4, Civil Code arts. 201, 203).',
  })
  date!: string;

  @Field(() => Boolean, {
    description:
      '暂定: counted over a year whose holiday schedule is not loaded: the provisional calendar was used (weekends and the 13 statutory days of 全国年节及纪念日放假办法, no 调休; rules.md §3.6). The date may move when that year is loaded with loadCalendarYear.',
  })
  provisional!: boolean;
}
