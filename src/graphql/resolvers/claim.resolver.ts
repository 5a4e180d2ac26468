import type Decimal from 'decimal.js';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  Info,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Access, ANY_ROLE } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { actorOf, callerOf, type Context } from '../context';
import { rootFieldOf } from '../root-field';
import { required } from '../../shared/batching';
import { DateScalar, MoneyScalar } from '../scalars';
import { Agreement } from '../../domain/agreement/agreement.entity';
import { InsuredPerson } from '../../domain/insured-person/insured-person.entity';
import { Organization } from '../../domain/organization/organization.entity';
import type { ClaimAdjustmentService } from '../../domain/claim/claim-adjustment.service';
import type { ClaimQueryService } from '../../domain/claim/claim-query.service';
import { ClaimReviewProposal } from '../../domain/claim/claim-review-proposal.entity';
import { isOverdueAsOf } from '../../domain/claim/rules/as-of.rule';
import type { Page } from '../../shared/paging';
import { ClaimConnection } from '../connections';
import { PageArgs, pageRequestOf } from '../paging';
import { claimPageRead } from '../plans/claim-page.plan';
import { Claim } from '../../domain/claim/claim.entity';
import { ClaimGroupBy } from '../../domain/claim/claim-group-by.enum';
import { ClaimStatus } from '../../domain/claim/claim.enums';
import { BenefitQuoteInput, ClaimFilter, SubmitClaimInput } from '../../domain/claim/claim.inputs';
import { bandsOf } from '../../domain/claim/claim-mappers';
import type { ClaimSubmissionService } from '../../domain/claim/claim-submission.service';
import type { LedgerQueryService } from '../../domain/claim/ledger-query.service';
import {
  Accumulator,
  BandAmount,
  BenefitQuote,
  ClaimAdjustment,
  SubmitClaimsResult,
} from '../../domain/claim/claim.types';

/** Roles that read claims (runtime.md); REPORTING reads aggregates only. */
const CLAIM_READERS = [Role.AGENCY, Role.INSURER, Role.INSTITUTION] as const;

@ObjectType({
  simpleResolvers: true,
  description: '理赔统计行: one combination of the requested dimensions (rules.md §8).',
})
export class ClaimStatsRow {
  @Field(() => [String], {
    description:
      'One value per groupBy dimension, in the same order: REGION the person\'s region code, YEAR "2024", QUARTER "2024-Q2", MONTH "2024-05", INSTITUTION the organization id, CHANNEL, SCHEDULE and STATUS their enum names.',
  })
  keys!: string[];

  @Field(() => Int, { description: '理赔件数: number of claims.' })
  claimCount!: number;

  @Field(() => MoneyScalar, { description: '医疗总费用: sum of total costs.' })
  totalCost!: Decimal;

  @Field(() => MoneyScalar, { description: '合规自付: sum of eligible self-pay as adjudicated.' })
  eligibleSelfPay!: Decimal;

  @Field(() => MoneyScalar, {
    description: 'Benefits net of review adjustments. 赔付(扣除审核调整).',
  })
  benefit!: Decimal;
}

@Resolver(() => Claim)
export class ClaimResolver {
  constructor(
    private readonly submissions: ClaimSubmissionService,
    private readonly queries: ClaimQueryService,
    private readonly changes: ClaimAdjustmentService,
    private readonly ledgers: LedgerQueryService,
  ) {}

  @Access(Role.AGENCY, Role.INSURER, Role.INSTITUTION)
  @Mutation(() => Claim, {
    description:
      '理赔申报: adjudicates one settlement on the person’s annual ledger (rules.md §3). The same (institution, settlement number) with the same payload answers the first claim; with another payload CONFLICT. An institution without a designated agreement in force on the discharge date gets a REJECTED claim (rules.md §3.5). INSURER for its own agreements; INSTITUTION as the claim’s institution.',
  })
  submitClaim(
    @Arg('input', () => SubmitClaimInput, { description: '理赔申报: the settlement.' })
    input: SubmitClaimInput,
    @Ctx() ctx: Context,
  ): Promise<Claim> {
    return this.submissions.submit(actorOf(ctx), input);
  }

  @Access(Role.AGENCY, Role.INSURER, Role.INSTITUTION)
  @Mutation(() => SubmitClaimsResult, {
    description:
      '批量理赔申报: up to 1 000 settlements, adjudicated in list order (in transactions of 200). Each valid input is stored; each invalid one is reported in errors by index with its code and field (inputs[3].totalCost); no input is ever half stored. A value that is not even a Money string fails the whole request at coercion (BAD_USER_INPUT naming it).',
  })
  submitClaims(
    @Arg('inputs', () => [SubmitClaimInput], {
      description: '理赔申报: the settlements, at most 1 000.',
    })
    inputs: SubmitClaimInput[],
    @Ctx() ctx: Context,
  ): Promise<SubmitClaimsResult> {
    return this.submissions.submitMany(actorOf(ctx), inputs);
  }

  @Access(Role.AGENCY, Role.INSURER)
  @Mutation(() => Claim, {
    description:
      '标记支付: the benefit was paid on paidOn (between the declaration day and today); the same day again is a no-op, another day CONFLICT (rules.md §3.4).',
  })
  markClaimPaid(
    @Arg('claimId', () => ID, { description: '理赔标识: the claim.' }) claimId: string,
    @Arg('paidOn', () => DateScalar, { description: '支付日期: the day paid.' }) paidOn: string,
    @Ctx() ctx: Context,
  ): Promise<Claim> {
    return this.changes.markPaid(actorOf(ctx), claimId, paidOn);
  }

  @Access(Role.AGENCY, Role.INSURER)
  @Mutation(() => Claim, {
    description:
      "nonCompliantAmount: the part of the claim's eligible self-pay found non-compliant; 0 records a review that found nothing. 审核 (先支付后审核, Henan art. 16): a negative ledger entry applied on reviewedOn; the benefit delta is taken at the top of the year's ledger (rules.md §3.3). The INSURER's review of a DIRECT claim that finds something is a proposal (reviewProposals) until the local agency confirms it: nothing changes on the ledger before (rules.md §10.2). Applied and proposed reviews together never exceed the claim's eligible self-pay.",
  })
  reviewClaim(
    @Arg('claimId', () => ID, { description: '理赔标识: the claim reviewed.' }) claimId: string,
    @Arg('nonCompliantAmount', () => MoneyScalar, {
      description:
        '不合规金额: X, from 0 to what is left of the claim’s eligible self-pay (less its pending proposals).',
    })
    nonCompliantAmount: Decimal,
    @Arg('reason', () => String, { description: '原因: why (1–500 characters).' }) reason: string,
    @Ctx() ctx: Context,
    @Arg('reviewedOn', () => DateScalar, {
      nullable: true,
      description:
        "The day of the review (for an insurer's proposal, of its written notice); default today, never in the future. 审核日期: not before the claim's declaredOn (rules.md §3.4).",
    })
    reviewedOn: string | null,
  ): Promise<Claim> {
    return this.changes.review(actorOf(ctx), claimId, nonCompliantAmount, reason, reviewedOn);
  }

  @Access(Role.AGENCY, Role.INSURER)
  @Mutation(() => Claim, {
    description:
      '冲正: reverses a claim: a negative ledger entry of all that is left of its eligible amount, dated today; the claim becomes REVERSED and its pending review proposals are withdrawn (rules.md §3.3, §3.4).',
  })
  reverseClaim(
    @Arg('claimId', () => ID, { description: '理赔标识: the claim reversed.' }) claimId: string,
    @Arg('reason', () => String, { description: '原因: why (1–500 characters).' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Claim> {
    return this.changes.reverse(actorOf(ctx), claimId, reason);
  }

  @Access(...CLAIM_READERS)
  @Query(() => Claim, {
    nullable: true,
    description:
      '理赔: one claim by id; null when none you may read matches (AGENCY in its regions; INSURER of its agreements and handling regions; INSTITUTION its own).',
  })
  claim(
    @Arg('id', () => ID, { description: '理赔标识: the claim’s id.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Claim | null> {
    return this.queries.byId(callerOf(ctx), id);
  }

  @Access(...CLAIM_READERS)
  @Query(() => ClaimConnection, {
    description:
      '理赔列表: the claims you may read matching the filter, latest discharge first (first ≤ 100).',
  })
  claims(
    @Arg('filter', () => ClaimFilter, { nullable: true, description: '筛选: conditions.' })
    filter: ClaimFilter | null,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<Claim>> {
    return this.queries.list(
      callerOf(ctx),
      filter,
      pageRequestOf(paging, info),
      claimPageRead(info, ctx.db),
      (claim, related) => ctx.readAhead.keepClaimRelated(claim, related),
    );
  }

  @Access(...CLAIM_READERS)
  @Query(() => [Claim], {
    description:
      '逾期理赔: claims overdue on asOf as they stood that day — a benefit above 0 (also after the reviews applied by then), not REJECTED, not reversed by then, unpaid on asOf and due before it (rules.md §3.4); reviews, reversals and payments dated after asOf are left out — earliest due first, a page at a time.',
  })
  overdueClaims(
    @Arg('asOf', () => DateScalar, { description: '日期: the day asked about.' }) asOf: string,
    @Arg('agreementId', () => ID, {
      nullable: true,
      description: '协议标识: only this agreement’s claims.',
    })
    agreementId: string | null,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: 100,
      description: '条数: at most this many, 0 to 1 000.',
    })
    first: number | null,
    @Arg('after', () => ID, {
      nullable: true,
      description: '起点: the id of the last claim of the previous page.',
    })
    after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Claim[]> {
    return this.queries.overdue(callerOf(ctx), asOf, agreementId, first ?? 100, after);
  }

  @Access(...CLAIM_READERS)
  @Query(() => BenefitQuote, {
    description:
      'A what-if calculation that stores nothing. 待遇测算 (rules.md §3.3; REPORTING may not quote).',
  })
  benefitQuote(
    @Arg('input', () => BenefitQuoteInput, { description: '测算条件: what to quote.' })
    input: BenefitQuoteInput,
  ): Promise<BenefitQuote> {
    return this.ledgers.quote(input);
  }

  @Access(...ANY_ROLE)
  @Query(() => [ClaimStatsRow], {
    description:
      '理赔统计: counts and sums of the claims you may aggregate (REPORTING and AGENCY in their regions, INSURER as it reads claims, INSTITUTION its own), one row per combination of groupBy, computed in the database (rules.md §8).',
  })
  claimStats(
    @Arg('filter', () => ClaimFilter, { nullable: true, description: '筛选: conditions.' })
    filter: ClaimFilter | null,
    @Arg('groupBy', () => [ClaimGroupBy], { description: '统计维度: dimensions, in key order.' })
    groupBy: ClaimGroupBy[],
    @Ctx() ctx: Context,
  ): Promise<ClaimStatsRow[]> {
    return this.queries.stats(callerOf(ctx), filter, groupBy);
  }

  // The relations answer synchronously when the page read them (no promise per field for graphql-js to await: a
  // page of 100 claims has 300 of them), else through the loaders.
  @FieldResolver(() => InsuredPerson, { description: '参保人员: the insured person.' })
  insuredPerson(@Root() claim: Claim, @Ctx() ctx: Context): InsuredPerson | Promise<InsuredPerson> {
    return (
      ctx.readAhead.claimRelated(claim, 'insuredPerson') ??
      ctx.loaders.insuredPersonById.load(claim.insuredPersonId).then(required)
    );
  }

  @FieldResolver(() => Organization, { description: '定点医疗机构: the institution that settled.' })
  institution(@Root() claim: Claim, @Ctx() ctx: Context): Organization | Promise<Organization> {
    return (
      ctx.readAhead.claimRelated(claim, 'institution') ??
      ctx.loaders.organizationById.load(claim.institutionId).then(required)
    );
  }

  @FieldResolver(() => Agreement, { description: '协议: the critical-illness agreement.' })
  agreement(@Root() claim: Claim, @Ctx() ctx: Context): Agreement | Promise<Agreement> {
    return (
      ctx.readAhead.claimRelated(claim, 'agreement') ??
      ctx.loaders.agreementById.load(claim.agreementId).then(required)
    );
  }

  @FieldResolver(() => [BandAmount], {
    description:
      '分段赔付: the per-band breakdown; bases sum to eligibleSelfPay, amounts to benefit (rules.md §3.3).',
  })
  bands(@Root() claim: Claim): BandAmount[] {
    return bandsOf(claim.bands);
  }

  @FieldResolver(() => Boolean, {
    description:
      '是否逾期: whether the claim was overdue on asOf (default today), as it stood that day: a benefit above 0 (also after the reviews applied by then), not REJECTED, not reversed by then, unpaid on asOf and due before it (rules.md §3.4). Reviews, reversals and payments dated after asOf change nothing.',
  })
  overdue(
    @Root() claim: Claim,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, {
      nullable: true,
      description: '日期: the day asked about (default: today).',
    })
    asOf: string | null,
  ): boolean | Promise<boolean> {
    const day = asOf ?? ctx.clock.today();
    // Decided by the claim alone when it cannot have been overdue; else its adjustments say how it stood that day.
    if (
      !claim.benefit.greaterThan(0) ||
      claim.status === ClaimStatus.REJECTED ||
      claim.paymentDueOn >= day ||
      (claim.paidOn !== null && claim.paidOn <= day)
    ) {
      return false;
    }
    return ctx.loaders.adjustmentsByClaim
      .load(`${claim.insuredPersonId}|${claim.id}`)
      .then((adjustments) => isOverdueAsOf(claim, adjustments, day));
  }

  @FieldResolver(() => [ClaimAdjustment], {
    description:
      '调整: the reviews and the reversal of this claim applied to the ledger, in the order recorded.',
  })
  adjustments(@Root() claim: Claim, @Ctx() ctx: Context): Promise<ClaimAdjustment[]> {
    return ctx.loaders.adjustmentsByClaim.load(`${claim.insuredPersonId}|${claim.id}`);
  }

  @FieldResolver(() => [ClaimReviewProposal], {
    description:
      "Reviews proposed by the insurer and awaiting (or past) the three parties' confirmation (Henan art. 16; rules.md §10.2). 审核意见: oldest notice first, whatever their status; only those the caller may list with reviewProposals (an INSURER reading the claim through its handling agreement sees none of another insurer's proposals).",
  })
  reviewProposals(@Root() claim: Claim, @Ctx() ctx: Context): Promise<ClaimReviewProposal[]> {
    return ctx.loaders.reviewProposalsByClaim.load(`${claim.insuredPersonId}|${claim.id}`);
  }
}

@Resolver(() => InsuredPerson)
export class InsuredPersonClaimsResolver {
  constructor(private readonly queries: ClaimQueryService) {}

  @FieldResolver(() => ClaimConnection, {
    description: '理赔: this person’s claims that you may read, latest discharge first.',
  })
  claims(
    @Root() person: InsuredPerson,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) paging: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<Claim>> {
    return this.queries.list(
      callerOf(ctx),
      { insuredPersonId: person.id },
      pageRequestOf(paging, info),
      claimPageRead(info, ctx.db),
      (claim, related) => ctx.readAhead.keepClaimRelated(claim, related),
    );
  }

  @FieldResolver(() => Accumulator, {
    description:
      '年度累计: the person’s critical-illness ledger for a natural year (Henan art. 5; rules.md §3.3).',
  })
  accumulator(
    @Root() person: InsuredPerson,
    @Arg('year', () => Int, { description: '年度: the natural year.' }) year: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Accumulator> {
    return ctx.loaders.accumulator.load({ person, year, operation: rootFieldOf(info) });
  }
}
