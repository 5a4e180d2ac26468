import type Decimal from 'decimal.js';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { actorOf, callerOf, type Context } from '../context';
import { DateScalar, DecimalScalar, MoneyScalar } from '../scalars';
import { Agreement } from '../../domain/agreement/agreement.entity';
import type { FundService } from '../../domain/fund/fund.service';
import { FundAppropriation, FundClearing, FundPublication } from '../../domain/fund/fund.types';

const FUND_READERS = [Role.AGENCY, Role.INSURER, Role.REPORTING] as const;

@Resolver(() => FundClearing)
export class FundClearingResolver {
  constructor(private readonly fund: FundService) {}

  @Access(...FUND_READERS)
  @Query(() => FundClearing, {
    description:
      '年度清算: the latest clearing of the year, or a provisional computation before any clearing (provisional says which). No funds raised recorded → BAD_USER_INPUT on year.',
  })
  fundClearing(
    @Arg('agreementId', () => ID, { description: '协议标识: a CRITICAL_ILLNESS agreement.' })
    agreementId: string,
    @Arg('year', () => Int, { description: '年度.' }) year: number,
    @Ctx() ctx: Context,
  ): Promise<FundClearing> {
    return this.fund.clearing(callerOf(ctx), agreementId, year);
  }

  @Access(...FUND_READERS)
  @Query(() => FundAppropriation, {
    description:
      '季度预拨: the appropriation the insurer requests at the start of a quarter, its payment date and the receipt deadline (Henan art. 21; rules.md §4).',
  })
  fundAppropriation(
    @Arg('agreementId', () => ID, { description: '协议标识: a CRITICAL_ILLNESS agreement.' })
    agreementId: string,
    @Arg('year', () => Int, { description: '年度.' }) year: number,
    @Arg('quarter', () => Int, { description: '季度: 1–4.' }) quarter: number,
    @Arg('arrivedOn', () => DateScalar, {
      nullable: true,
      description: '到账日期: the day the money arrived; default the payment’s due date.',
    })
    arrivedOn: string | null,
    @Ctx() ctx: Context,
  ): Promise<FundAppropriation> {
    return this.fund.appropriation(callerOf(ctx), agreementId, year, quarter, arrivedOn);
  }

  @Access(...FUND_READERS)
  @Query(() => FundPublication, {
    description:
      '基金收支公布: the quarterly publication of the fund’s income and expenditure (Anhui 三(二); rules.md §8): raised, held back, appropriated, benefits paid and the balance, year to date. Also as CSV at GET /exports/fund-publication.csv.',
  })
  fundPublication(
    @Arg('agreementId', () => ID, { description: '协议标识: a CRITICAL_ILLNESS agreement.' })
    agreementId: string,
    @Arg('year', () => Int, { description: '年度.' }) year: number,
    @Arg('quarter', () => Int, { description: '季度: 1–4.' }) quarter: number,
    @Ctx() ctx: Context,
  ): Promise<FundPublication> {
    return this.fund.publication(callerOf(ctx), agreementId, year, quarter);
  }

  @Access(Role.AGENCY)
  @Mutation(() => FundClearing, {
    description:
      '筹集资金: records the year’s funds raised (Henan art. 20); a later record corrects it.',
  })
  recordFundRaised(
    @Arg('agreementId', () => ID, { description: '协议标识: a CRITICAL_ILLNESS agreement.' })
    agreementId: string,
    @Arg('year', () => Int, { description: '年度.' }) year: number,
    @Arg('amount', () => MoneyScalar, { description: '筹集资金总额: ≥ 0.' }) amount: Decimal,
    @Ctx() ctx: Context,
  ): Promise<FundClearing> {
    return this.fund.recordRaised(actorOf(ctx), agreementId, year, amount);
  }

  @Access(Role.AGENCY)
  @Mutation(() => FundClearing, {
    description:
      'policyLoss: whether a loss, if any, was caused by a policy change; depositReturnRatio from the annual assessment. 年度清算 (Henan art. 24; rules.md §4): repeatable — the latest replaces the earlier, which stays in history.',
  })
  clearFundYear(
    @Arg('agreementId', () => ID, { description: '协议标识: a CRITICAL_ILLNESS agreement.' })
    agreementId: string,
    @Arg('year', () => Int, { description: '年度.' }) year: number,
    @Arg('policyLoss', () => Boolean, {
      description: '政策性亏损: a loss caused by a policy change.',
    })
    policyLoss: boolean,
    @Arg('depositReturnRatio', () => DecimalScalar, {
      description: '保证金返还比例: 0 to 1, from the annual assessment.',
    })
    depositReturnRatio: Decimal,
    @Ctx() ctx: Context,
  ): Promise<FundClearing> {
    return this.fund.clear(actorOf(ctx), agreementId, year, policyLoss, depositReturnRatio);
  }

  @FieldResolver(() => Agreement, { description: '协议: the critical-illness agreement.' })
  agreement(@Root() c: FundClearing): Agreement {
    return c.agreement;
  }
}

@Resolver(() => FundAppropriation)
export class FundAppropriationResolver {
  @FieldResolver(() => Agreement, { description: '协议: the critical-illness agreement.' })
  agreement(@Root() a: FundAppropriation): Agreement {
    return a.agreement;
  }
}

@Resolver(() => FundPublication)
export class FundPublicationResolver {
  @FieldResolver(() => Agreement, { description: '协议: the critical-illness agreement.' })
  agreement(@Root() p: FundPublication): Agreement {
    return p.agreement;
  }
}
