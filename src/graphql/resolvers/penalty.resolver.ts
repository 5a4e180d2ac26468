import type Decimal from 'decimal.js';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Access, ANY_ROLE } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { actorOf, callerOf, type Context } from '../context';
import { required } from '../../shared/batching';
import { DateScalar, DecimalScalar, MoneyScalar, ScaledDecimal } from '../scalars';
import { Agreement } from '../../domain/agreement/agreement.entity';
import { BreachTier } from '../../domain/penalty/breach-tier.enum';
import { Inspection, InspectionFinding } from '../../domain/penalty/inspection.entity';
import { Penalty } from '../../domain/penalty/penalty.entity';
import { PenaltyStatus } from '../../domain/penalty/penalty.enums';
import {
  InspectionInput,
  RecordViolationInput,
  ViolationType,
} from '../../domain/penalty/penalty.inputs';
import type { PenaltyQueryService } from '../../domain/penalty/penalty-query.service';
import type { PenaltyService } from '../../domain/penalty/penalty.service';

/** Who reads inspections and penalties (runtime.md): AGENCY and REPORTING in their regions, INSTITUTION its own. */
const PENALTY_READERS = [Role.AGENCY, Role.INSTITUTION, Role.REPORTING] as const;

@ObjectType({ simpleResolvers: true, description: '缴纳记录: one payment of a penalty.' })
export class PenaltyPaymentRecord {
  @Field(() => DateScalar, { description: '缴纳日期.' })
  paidOn!: string;

  @Field(() => MoneyScalar, { description: '金额.' })
  amount!: Decimal;
}

@Resolver(() => Penalty)
export class PenaltyResolver {
  constructor(
    private readonly penalties: PenaltyService,
    private readonly queries: PenaltyQueryService,
  ) {}

  @Access(...ANY_ROLE)
  @Query(() => [ViolationType], {
    description:
      '违约情形目录: the breach catalogue of Suining arts. 62–66, optionally of one default tier (rules.md §7.5).',
  })
  violationTypes(
    @Arg('tier', () => BreachTier, {
      nullable: true,
      description: '等级: only entries of this default tier.',
    })
    tier: BreachTier | null,
  ): Promise<ViolationType[]> {
    return this.queries.violationTypes(tier);
  }

  @Access(...PENALTY_READERS)
  @Query(() => Penalty, {
    nullable: true,
    description: '违约处理: one penalty by id; null when none you may read matches.',
  })
  penalty(
    @Arg('id', () => ID, { description: '标识.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Penalty | null> {
    return this.queries.penaltyById(callerOf(ctx), id);
  }

  @Access(...PENALTY_READERS)
  @Query(() => [Penalty], {
    description:
      '可强制执行的违约金: penalties unpaid on asOf from their enforceableFrom on (Suining art. 67; rules.md §7.4), optionally of one agreement.',
  })
  enforceablePenalties(
    @Arg('asOf', () => DateScalar, { description: '日期.' }) asOf: string,
    @Arg('agreementId', () => ID, { nullable: true, description: '协议标识.' })
    agreementId: string | null,
    @Ctx() ctx: Context,
  ): Promise<Penalty[]> {
    return this.queries.enforceable(callerOf(ctx), asOf, agreementId);
  }

  @Access(Role.AGENCY)
  @Mutation(() => Penalty, {
    description:
      '违约登记: records a breach of a DESIGNATED_INSTITUTION agreement and decides its penalty: tier (catalogue, amount rules, escalation, self-report leniency), actions, recovery, damages, due and enforceable dates, and a suspension (SEVERE, 1–6 months) or termination (GRAVE) of the agreement (rules.md §7).',
  })
  recordViolation(
    @Arg('input', () => RecordViolationInput, { description: '违约登记.' })
    input: RecordViolationInput,
    @Ctx() ctx: Context,
  ): Promise<Penalty> {
    return this.penalties.recordViolation(actorOf(ctx), input);
  }

  @Access(Role.AGENCY)
  @Mutation(() => Penalty, {
    description:
      '缴纳违约金: records a payment; partial payments add up; overpaying is BAD_USER_INPUT (rules.md §7.4).',
  })
  recordPenaltyPayment(
    @Arg('penaltyId', () => ID, { description: '违约处理标识.' }) penaltyId: string,
    @Arg('paidOn', () => DateScalar, {
      description: '缴纳日期: not before noticeOn, not after today.',
    })
    paidOn: string,
    @Arg('amount', () => MoneyScalar, {
      description: '金额: above 0, at most what is outstanding.',
    })
    amount: Decimal,
    @Ctx() ctx: Context,
  ): Promise<Penalty> {
    return this.penalties.recordPayment(actorOf(ctx), penaltyId, paidOn, amount);
  }

  @FieldResolver(() => Agreement, { description: '协议: the designated-institution agreement.' })
  async agreement(@Root() p: Penalty, @Ctx() ctx: Context): Promise<Agreement> {
    return required(await ctx.loaders.agreementById.load(p.agreementId));
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description:
      '违约金倍数: the k applied to the violating amount; null where damages are not a multiple of it.',
  })
  multiplier(@Root() p: Penalty): Decimal | null {
    return p.multiplier;
  }

  @FieldResolver(() => PenaltyStatus, {
    description:
      '状态: PAID once payments up to the day cover totalDue, else ENFORCEABLE from enforceableFrom, else OPEN.',
  })
  async status(
    @Root() p: Penalty,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, {
      nullable: true,
      description: '日期: the day asked about (default: today).',
    })
    asOf: string | null,
  ): Promise<PenaltyStatus> {
    return this.queries.statusOn(
      p,
      await ctx.loaders.paymentsByPenaltyId.load(p.id),
      asOf,
    ) as PenaltyStatus;
  }

  @FieldResolver(() => [PenaltyPaymentRecord], { description: '缴纳记录: the payments, by date.' })
  payments(@Root() p: Penalty, @Ctx() ctx: Context): Promise<PenaltyPaymentRecord[]> {
    return ctx.loaders.paymentsByPenaltyId.load(p.id);
  }
}

@Resolver(() => Inspection)
export class InspectionResolver {
  constructor(
    private readonly penalties: PenaltyService,
    private readonly queries: PenaltyQueryService,
  ) {}

  @Access(...PENALTY_READERS)
  @Query(() => Inspection, {
    nullable: true,
    description: '检查: one inspection by id; null when none you may read matches.',
  })
  inspection(
    @Arg('id', () => ID, { description: '标识.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Inspection | null> {
    return this.queries.inspectionById(callerOf(ctx), id);
  }

  @Access(Role.AGENCY)
  @Mutation(() => Inspection, {
    description:
      '检查登记: computes the ratios of rules.md §7.1 per item (exact at the band edges), one finding per ratio outside its normal band, and one penalty for the worst finding, recorded as recordViolation would (notice on the inspection day).',
  })
  recordInspection(
    @Arg('input', () => InspectionInput, { description: '检查.' }) input: InspectionInput,
    @Ctx() ctx: Context,
  ): Promise<Inspection> {
    return this.penalties.recordInspection(actorOf(ctx), input);
  }

  @FieldResolver(() => Agreement, { description: '协议: the designated-institution agreement.' })
  async agreement(@Root() i: Inspection, @Ctx() ctx: Context): Promise<Agreement> {
    return required(await ctx.loaders.agreementById.load(i.agreementId));
  }

  @FieldResolver(() => [InspectionFinding], {
    description: '发现: one per ratio outside its normal band.',
  })
  findings(@Root() i: Inspection, @Ctx() ctx: Context): Promise<InspectionFinding[]> {
    return ctx.loaders.findingsByInspectionId.load(i.id);
  }

  @FieldResolver(() => Penalty, {
    nullable: true,
    description: 'Penalty recorded for the worst finding, if any. 违约处理.',
  })
  async penalty(@Root() i: Inspection, @Ctx() ctx: Context): Promise<Penalty | null> {
    return ctx.loaders.penaltyByInspectionId.load(i.id);
  }
}

@Resolver(() => InspectionFinding)
export class InspectionFindingResolver {
  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description:
      'As a fraction, e.g. "1.0750"; null when the denominator is zero. 比率 (4 decimals shown; compared exactly).',
  })
  ratio(@Root() f: InspectionFinding): ScaledDecimal | null {
    return f.ratio === null ? null : new ScaledDecimal(f.ratio, 4);
  }
}

@Resolver(() => Agreement)
export class AgreementPenaltiesResolver {
  constructor(private readonly queries: PenaltyQueryService) {}

  @FieldResolver(() => [Penalty], {
    description:
      '违约处理: the penalties of a designated-institution agreement, oldest first; empty for a caller who may not read them (runtime.md).',
  })
  penalties(@Root() a: Agreement, @Ctx() ctx: Context): Promise<Penalty[]> {
    return this.queries.penaltiesOf(callerOf(ctx), a);
  }
}
