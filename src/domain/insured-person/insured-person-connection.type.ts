import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/connection';
import { InsuredPerson } from './insured-person.entity';

@ObjectType({
  simpleResolvers: true,
  description: '参保人员分页: a page of insured persons, by region code then id.',
})
export class InsuredPersonConnection {
  @Field(() => [InsuredPerson], { description: '本页人员: the persons of this page.' })
  nodes!: InsuredPerson[];

  @Field(() => PageInfo, { description: '分页信息: where this page ends.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: '总数: persons you may see matching the filter, all pages.' })
  totalCount!: number;
}
