import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { ClaimAdjustmentService } from '../../domain/claim/claim-adjustment.service';
import { Claim } from '../../domain/claim/claim.entity';
import { ReviewProposalStatus } from '../../domain/claim/claim.enums';
import { ClaimReviewProposal } from '../../domain/claim/claim-review-proposal.entity';
import { ClaimAdjustment } from '../../domain/claim/claim.types';
import type { ReviewProposalQueryService } from '../../domain/claim/review-proposal-query.service';
import { required } from '../../shared/batching';
import { Role } from '../../shared/caller';
import type { Page } from '../../shared/paging';
import { Access } from '../auth/access.decorator';
import { ClaimReviewProposalConnection } from '../connections';
import { actorOf, callerOf, type Context } from '../context';
import { PageArgs, pageRequestOf } from '../paging';
import { DateScalar } from '../scalars';

/**
 * The insurer's review proposals (Henan art. 16 "三方确认后，不合规费用在下月结算资金时扣除"; rules.md §10.2): the local
 * agency confirms or withdraws them, the insurer withdraws its own, and each party reads its work queue.
 */
@Resolver(() => ClaimReviewProposal)
export class ReviewProposalResolver {
  constructor(
    private readonly changes: ClaimAdjustmentService,
    private readonly proposals: ReviewProposalQueryService,
  ) {}

  @Access(Role.AGENCY)
  @Mutation(() => Claim, {
    description:
      "Henan art. 16: the three parties agreed; the proposed review is applied on confirmedOn. 三方确认: the local agency (an AGENCY whose regions cover the claim, as claim(id) reads it) confirms a PROPOSED review on confirmedOn (not before the proposal, not after today); its benefit delta is taken at the top of the year's ledger then (rules.md §3.3) and clawed back in the next month's critical-illness statement (rules.md §10.2). The same day again is a no-op; another day, or a withdrawn proposal, CONFLICT. Answers the claim.",
  })
  confirmClaimReview(
    @Arg('proposalId', () => ID, { description: '审核意见标识: the proposal confirmed.' })
    proposalId: string,
    @Arg('confirmedOn', () => DateScalar, {
      description:
        '确认日期: the day the three parties agreed; the review is applied on it (rules.md §3.4).',
    })
    confirmedOn: string,
    @Ctx() ctx: Context,
  ): Promise<Claim> {
    return this.changes.confirmProposal(actorOf(ctx), proposalId, confirmedOn);
  }

  @Access(Role.AGENCY, Role.INSURER)
  @Mutation(() => Claim, {
    description:
      '撤回审核意见: a PROPOSED review is withdrawn (Henan art. 16: the three parties did not agree), by the local agency (AGENCY whose regions cover the claim) or by the insurer that proposed it; it never touched the ledger (rules.md §10.2). A confirmed or withdrawn proposal: CONFLICT. Answers the claim.',
  })
  withdrawClaimReview(
    @Arg('proposalId', () => ID, { description: '审核意见标识: the proposal withdrawn.' })
    proposalId: string,
    @Arg('reason', () => String, { description: '原因: why (1–500 characters).' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Claim> {
    return this.changes.withdrawProposal(actorOf(ctx), proposalId, reason);
  }

  @Access(Role.AGENCY, Role.INSURER, Role.INSTITUTION)
  @Query(() => ClaimReviewProposalConnection, {
    description:
      "Review proposals awaiting (or past) the three parties' confirmation, in the caller's scope, oldest first. 审核意见 (Henan art. 16; rules.md §10.2): AGENCY those on claims in its regions (its work queue), INSURER those on claims of its own agreements, INSTITUTION those on its own claims. Claim.reviewProposals is scoped alike.",
  })
  reviewProposals(
    @Arg('status', () => ReviewProposalStatus, {
      nullable: true,
      defaultValue: ReviewProposalStatus.PROPOSED,
      description:
        '状态: only proposals with this status (default PROPOSED: awaiting confirmation).',
    })
    status: ReviewProposalStatus | null,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<ClaimReviewProposal>> {
    return this.proposals.list(
      callerOf(ctx),
      status ?? ReviewProposalStatus.PROPOSED,
      pageRequestOf(paging, info),
    );
  }

  @FieldResolver(() => Claim, {
    description:
      '理赔: the claim reviewed; whoever reads the proposal may read the claim (claim(id)).',
  })
  claim(@Root() proposal: ClaimReviewProposal, @Ctx() ctx: Context): Promise<Claim> {
    return ctx.loaders.claimByKey
      .load(`${proposal.insuredPersonId}|${proposal.claimId}`)
      .then(required);
  }

  @FieldResolver(() => ClaimAdjustment, {
    nullable: true,
    description:
      'The adjustment made when it was confirmed. 调整: the ledger entry its confirmation appended (appliedOn = confirmedOn); null unless CONFIRMED.',
  })
  async adjustment(
    @Root() proposal: ClaimReviewProposal,
    @Ctx() ctx: Context,
  ): Promise<ClaimAdjustment | null> {
    if (proposal.ledgerEntryId === null) {
      return null;
    }
    const all = await ctx.loaders.adjustmentsByClaim.load(
      `${proposal.insuredPersonId}|${proposal.claimId}`,
    );
    return all.find((a) => a.id === proposal.ledgerEntryId) ?? null;
  }
}
