import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access, ANY_ROLE } from '../../graphql/auth/access.decorator';
import { Role } from '../../graphql/auth/role.enum';
import { actorOf, callerOf, type Context } from '../../graphql/context';
import { notFound } from '../../shared/domain-error';
import type { CalendarService } from '../calendar/calendar.service';
import { ReportDeadline, type ReportKind } from '../calendar/report-deadline.type';
import { Organization } from '../organization/organization.entity';
import { AgreementConnection } from './agreement-connection.type';
import { Agreement } from './agreement.entity';
import { AgreementKind, AgreementStatus } from './agreement.enums';
import { CreateAgreementInput } from './agreement.inputs';
import type { AgreementService } from './agreement.service';

@Resolver(() => Agreement)
export class AgreementResolver {
  constructor(
    private readonly service: AgreementService,
    private readonly calendar: CalendarService,
  ) {}

  @Access(...ANY_ROLE)
  @Query(() => Agreement, {
    nullable: true,
    description: '协议: one agreement by id; null when none matches.',
  })
  agreement(
    @Arg('id', () => ID, { description: "协议标识: the agreement's id." }) id: string,
  ): Promise<Agreement | null> {
    return this.service.byId(id);
  }

  @Access(...ANY_ROLE)
  @Query(() => AgreementConnection, {
    description: '协议列表: agreements by code, a page at a time (first ≤ 100).',
  })
  agreements(
    @Arg('kind', () => AgreementKind, { nullable: true, description: '协议类别: only this kind.' })
    kind: AgreementKind | null,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: 20,
      description: '每页条数: page size, 0 to 100.',
    })
    first: number | null,
    @Arg('after', () => String, {
      nullable: true,
      description: '游标: the endCursor of the previous page.',
    })
    after: string | null,
  ): Promise<AgreementConnection> {
    return this.service.list(kind, first, after);
  }

  @Access(Role.AGENCY)
  @Mutation(() => Agreement, {
    description:
      '新增协议: creates an agreement; party kinds checked, effectiveTo ≥ effectiveFrom, unique code (rules.md §1).',
  })
  createAgreement(
    @Arg('input', () => CreateAgreementInput, { description: '新增协议: the agreement to create.' })
    input: CreateAgreementInput,
    @Ctx() ctx: Context,
  ): Promise<Agreement> {
    return this.service.create(actorOf(ctx), input);
  }

  @Access(Role.AGENCY, Role.INSURER, Role.REPORTING)
  @Query(() => [ReportDeadline], {
    description:
      "报送期限: the year's 12 monthly, one half-year and one annual report deadlines, each moved to the next working day (Henan arts. 25–26; rules.md §8). NOT_FOUND for an agreement the caller may not read.",
  })
  async reportDeadlines(
    @Arg('agreementId', () => ID, { description: '协议标识: the agreement whose reports are due.' })
    agreementId: string,
    @Arg('year', () => Int, { description: '报告年度: the reporting year.' }) year: number,
    @Ctx() ctx: Context,
  ): Promise<ReportDeadline[]> {
    const agreement = await this.service.byId(agreementId);
    if (!agreement || !this.service.mayReadReporting(callerOf(ctx), agreement)) {
      throw notFound('Agreement', 'agreementId');
    }
    const rows = await this.calendar.reportDeadlines(year);
    return rows.map((r) => ({ ...r, kind: r.kind as ReportKind }));
  }

  @FieldResolver(() => Organization, { description: '甲方: party A, the agency.' })
  partyA(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<Organization | null> {
    return ctx.loaders.organizationById.load(agreement.partyAId);
  }

  @FieldResolver(() => Organization, {
    description: '乙方: party B, the insurer or the designated institution.',
  })
  partyB(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<Organization | null> {
    return ctx.loaders.organizationById.load(agreement.partyBId);
  }

  @FieldResolver(() => AgreementStatus, { description: '协议状态: standing today (rules.md §1).' })
  status(@Root() agreement: Agreement): AgreementStatus {
    return this.service.statusOf(agreement);
  }
}
