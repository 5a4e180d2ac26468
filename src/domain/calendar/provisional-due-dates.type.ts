import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description:
    '暂定日期统计: how many stored dates are still provisional — counted over a year whose holiday schedule (放假安排) is not loaded, on the provisional statutory calendar — among those the caller may read (rules.md §3.6). loadCalendarYear for that year counts them again.',
})
export class ProvisionalDueDates {
  @Field(() => Int, {
    description:
      '理赔: claims whose paymentDueOn is provisional (paymentDueProvisional; rules.md §3.4, §3.6).',
  })
  claims!: number;

  @Field(() => Int, {
    description:
      '违约处理: penalties whose dueOn or enforceableFrom is provisional (dueProvisional; one per penalty; rules.md §7.4, §3.6).',
  })
  penalties!: number;

  @Field(() => Int, {
    description:
      '月度清算: monthly settlements whose dueOn is provisional (rules.md §10, §3.6); 0 while no settlement is stored.',
  })
  settlements!: number;
}
