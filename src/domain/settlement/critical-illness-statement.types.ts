import type Decimal from 'decimal.js';
import { Field, Int, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../../graphql/scalars';
import type { Agreement } from '../agreement/agreement.entity';
import type { Organization } from '../organization/organization.entity';

/**
 * 大病保险结算单: an institution's critical-illness statement for a month (Henan art. 16 "三方确认后，不合规费用在下月结算资金时
 * 扣除"; rules.md §10.2), a flow that never rewrites a past month. `agreement` and `institution` are answered by their
 * field resolvers from the values carried here.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    "An institution's critical-illness statement for a month (Henan art. 16; rules.md §10.2). 大病保险结算单: a flow that never rewrites a past month — the month's benefits as adjudicated, less the clawbacks of the reviews and reversals applied the month before (在下月结算资金时扣除).",
})
export class CriticalIllnessStatement {
  readonly agreement!: Agreement;
  readonly institution!: Organization;

  @Field(() => String, { description: '结算月份: the month, "2024-05".' })
  month!: string;

  @Field(() => Int, {
    description:
      'The DIRECT claims counted in benefits (zero-benefit ones included). 理赔件数: those of the institution under the agreement declared in the month, not REJECTED; a claim reversed later stays counted.',
  })
  claimCount!: number;

  @Field(() => MoneyScalar, {
    description:
      '垫付赔付: the benefits, as adjudicated, of those claims (reviews and reversals are clawed back apart, the month after they apply).',
  })
  benefits!: Decimal;

  @Field(() => MoneyScalar, {
    description:
      '扣回: the benefit reductions of the reviews (confirmed proposals included, by their confirmation day) and reversals of the institution’s DIRECT claims under the agreement applied in the month before, as a positive amount.',
  })
  clawbacks!: Decimal;

  @Field(() => MoneyScalar, {
    description: '应结净额: benefits − clawbacks; negative when the institution owes the insurer.',
  })
  net!: Decimal;
}
