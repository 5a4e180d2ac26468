import type Decimal from 'decimal.js';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { actorOf, callerOf, type Context } from '../context';
import { required } from '../../shared/batching';
import { DateScalar, DecimalScalar, ScaledDecimal } from '../scalars';
import { Agreement } from '../../domain/agreement/agreement.entity';
import { Claim } from '../../domain/claim/claim.entity';
import { forbidden } from '../../shared/domain-error';
import type { ClaimQueryService } from '../../domain/claim/claim-query.service';
import type { HandlingService } from '../../domain/handling/handling.service';
import type { QuarterlyAuditService } from '../../domain/handling/quarterly-audit.service';
import { AuditVerdictInput, HandlingFeeStatement } from '../../domain/handling/handling.types';
import { AuditItem, QuarterlyAudit } from '../../domain/handling/quarterly-audit.entity';

/** Who reads audits and fee statements (runtime.md): AGENCY and REPORTING in their regions, INSURER its own. */
const STATEMENT_READERS = [Role.AGENCY, Role.INSURER, Role.REPORTING] as const;

@Resolver(() => HandlingFeeStatement)
export class HandlingFeeStatementResolver {
  constructor(private readonly handling: HandlingService) {}

  @Access(...STATEMENT_READERS)
  @Query(() => HandlingFeeStatement, {
    description:
      '经办服务费结算单: the quarter’s handling fee of a COMMISSIONED_HANDLING agreement (rules.md §5). No insured count recorded for the end of the previous year → BAD_USER_INPUT on year.',
  })
  handlingFeeStatement(
    @Arg('agreementId', () => ID, { description: '协议标识: a COMMISSIONED_HANDLING agreement.' })
    agreementId: string,
    @Arg('year', () => Int, { description: '年度.' }) year: number,
    @Arg('quarter', () => Int, { description: '季度: 1–4.' }) quarter: number,
    @Ctx() ctx: Context,
  ): Promise<HandlingFeeStatement> {
    return this.handling.statement(callerOf(ctx), agreementId, year, quarter);
  }

  @Access(Role.AGENCY)
  @Mutation(() => Agreement, {
    description:
      '上年末参保人数: records the insured count at the end of yearEnd, the basis of the next year’s fee (Luoyang 3(四)); a later record corrects it.',
  })
  recordInsuredCount(
    @Arg('agreementId', () => ID, { description: '协议标识: a COMMISSIONED_HANDLING agreement.' })
    agreementId: string,
    @Arg('yearEnd', () => Int, { description: '年末: the year whose end is counted.' })
    yearEnd: number,
    @Arg('count', () => Int, { description: '参保人数: insured persons at the end of the year.' })
    count: number,
    @Ctx() ctx: Context,
  ): Promise<Agreement> {
    return this.handling.recordInsuredCount(actorOf(ctx), agreementId, yearEnd, count);
  }

  @Access(Role.AGENCY)
  @Mutation(() => HandlingFeeStatement, {
    description:
      '经办违约: records a breach of Luoyang 5(二) (staffing short, reports late or untrue, obstructing supervision); damages of 2% of the quarter’s fee are charged once per quarter. Answers the statement of that quarter.',
  })
  recordHandlingBreach(
    @Arg('agreementId', () => ID, { description: '协议标识: a COMMISSIONED_HANDLING agreement.' })
    agreementId: string,
    @Arg('occurredOn', () => DateScalar, {
      description: '发生日期: inside the agreement’s term, not after today (rules.md §3.4).',
    })
    occurredOn: string,
    @Arg('description', () => String, { description: '情形: what happened (1–1000 characters).' })
    description: string,
    @Ctx() ctx: Context,
  ): Promise<HandlingFeeStatement> {
    return this.handling.recordBreach(actorOf(ctx), agreementId, occurredOn, description);
  }

  @FieldResolver(() => Agreement, { description: '协议: the handling agreement.' })
  agreement(@Root() s: HandlingFeeStatement): Agreement {
    return s.agreement;
  }
}

@Resolver(() => QuarterlyAudit)
export class QuarterlyAuditResolver {
  constructor(private readonly audits: QuarterlyAuditService) {}

  @Access(...STATEMENT_READERS)
  @Query(() => QuarterlyAudit, {
    nullable: true,
    description: '季度稽核: one audit by id; null when none you may read matches.',
  })
  quarterlyAudit(
    @Arg('id', () => ID, { description: '稽核标识.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<QuarterlyAudit | null> {
    return this.audits.auditById(callerOf(ctx), id);
  }

  @Access(Role.AGENCY)
  @Mutation(() => QuarterlyAudit, {
    description:
      '开始季度稽核: draws the samples reproducibly from the seed (same seed, same data → same items); one audit per agreement and quarter — starting it again answers the existing one. Quarter outside 1–4 or an agreement that is not COMMISSIONED_HANDLING → BAD_USER_INPUT.',
  })
  startQuarterlyAudit(
    @Arg('agreementId', () => ID, { description: '协议标识: a COMMISSIONED_HANDLING agreement.' })
    agreementId: string,
    @Arg('year', () => Int, { description: '年度.' }) year: number,
    @Arg('quarter', () => Int, { description: '季度: 1–4.' }) quarter: number,
    @Arg('seed', () => String, {
      description: '抽样种子: recorded with the audit (1–200 characters).',
    })
    seed: string,
    @Ctx() ctx: Context,
  ): Promise<QuarterlyAudit> {
    return this.audits.startAudit(actorOf(ctx), agreementId, year, quarter, seed);
  }

  @Access(Role.AGENCY)
  @Mutation(() => QuarterlyAudit, {
    description: '录入稽核结论: verdicts on items of this audit; refused after finalizing.',
  })
  recordAuditVerdicts(
    @Arg('auditId', () => ID, { description: '稽核标识.' }) auditId: string,
    @Arg('verdicts', () => [AuditVerdictInput], { description: '结论: one per item judged.' })
    verdicts: AuditVerdictInput[],
    @Ctx() ctx: Context,
  ): Promise<QuarterlyAudit> {
    return this.audits.recordVerdicts(actorOf(ctx), auditId, verdicts);
  }

  @Access(Role.AGENCY)
  @Mutation(() => QuarterlyAudit, {
    description:
      '完成稽核: every item needs a verdict; the pass rate is compared exactly with the thresholds (below 90% deducts 2%, below 80% 5% and a re-review; rules.md §5).',
  })
  finalizeQuarterlyAudit(
    @Arg('auditId', () => ID, { description: '稽核标识.' }) auditId: string,
    @Ctx() ctx: Context,
  ): Promise<QuarterlyAudit> {
    return this.audits.finalize(actorOf(ctx), auditId);
  }

  @FieldResolver(() => Agreement, { description: '协议: the handling agreement audited.' })
  async agreement(@Root() a: QuarterlyAudit, @Ctx() ctx: Context): Promise<Agreement> {
    return required(await ctx.loaders.agreementById.load(a.agreementId));
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description:
      'passed / sampled, shown with 4 decimals (comparisons use the exact fraction); null until finalized or when nothing was sampled. 合格率.',
  })
  passRate(@Root() a: QuarterlyAudit): ScaledDecimal | null {
    return a.finalizedAt && a.passRate ? new ScaledDecimal(a.passRate, 4) : null;
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: '扣减比例: the share of the quarter’s fee deducted; null until finalized.',
  })
  deductionRate(@Root() a: QuarterlyAudit): Decimal | null {
    return a.finalizedAt ? a.deductionRate : null;
  }

  @FieldResolver(() => Boolean, {
    description: '重新复核: a re-review at the insurer’s cost was ordered.',
  })
  reReviewOrdered(@Root() a: QuarterlyAudit): boolean {
    return a.reReview;
  }

  @FieldResolver(() => Boolean, { description: '已完成: the audit is finalized.' })
  finalized(@Root() a: QuarterlyAudit): boolean {
    return a.finalizedAt !== null;
  }

  @FieldResolver(() => [AuditItem], {
    description: '样本: the sampled items, MANUAL_SETTLEMENT then REVIEWED, in draw order.',
  })
  items(@Root() a: QuarterlyAudit, @Ctx() ctx: Context): Promise<AuditItem[]> {
    return ctx.loaders.auditItemsByAuditId.load(a.id);
  }
}

@Resolver(() => AuditItem)
export class AuditItemResolver {
  constructor(private readonly claims: ClaimQueryService) {}

  @FieldResolver(() => ID, {
    description: '理赔标识: the sampled claim’s id (visible to every reader of the audit).',
  })
  claimId(@Root() item: AuditItem): string {
    return item.claimId;
  }

  @FieldResolver(() => Claim, {
    description:
      '理赔: the sampled claim, for a caller who may read it (runtime.md); others (REPORTING, or outside the token’s regions) get FORBIDDEN on this field.',
  })
  async claim(@Root() item: AuditItem, @Ctx() ctx: Context): Promise<Claim> {
    const claim = await this.claims.byId(callerOf(ctx), item.claimId);
    if (!claim) {
      throw forbidden('You may not read this claim; claimId identifies it');
    }
    return claim;
  }
}
