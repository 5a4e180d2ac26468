import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/connection';
import { Agreement } from './agreement.entity';

@ObjectType({ simpleResolvers: true, description: '协议分页: a page of agreements, by code.' })
export class AgreementConnection {
  @Field(() => [Agreement], { description: '本页协议: the agreements of this page.' })
  nodes!: Agreement[];

  @Field(() => PageInfo, { description: '分页信息: where this page ends.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: '总数: agreements matching the filter, all pages.' })
  totalCount!: number;
}
