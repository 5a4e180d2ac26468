import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Access, ANY_ROLE } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { actorOf, callerOf, type Context } from '../context';
import { perSelection } from '../selection';
import type { InterviewService } from '../../domain/fund/interview.service';
import { ReportDeadline } from '../../domain/calendar/report-deadline.type';
import { Organization } from '../../domain/organization/organization.entity';
import { DateScalar } from '../scalars';
import { AgreementSuspension } from '../../domain/agreement/agreement-suspension.entity';
import { Agreement } from '../../domain/agreement/agreement.entity';
import { AgreementKind, AgreementStatus } from '../../domain/agreement/agreement.enums';
import { CreateAgreementInput } from '../../domain/agreement/agreement.inputs';
import type { Page } from '../../shared/paging';
import { AgreementConnection } from '../connections';
import { PageArgs, pageRequestOf } from '../paging';
import { agreementPartiesRead } from '../plans/agreement.plan';
import type {
  AgreementService,
  AgreementWithParties,
} from '../../domain/agreement/agreement.service';
import type {
  AgreementTermsService,
  TermsView,
} from '../../domain/agreement/terms/agreement-terms.service';
import {
  CriticalIllnessTermsInput,
  HandlingTermsInput,
  InstitutionTermsInput,
} from '../../domain/agreement/terms/terms.inputs';
import { AgreementTerms } from '../../domain/agreement/terms/terms.types';

@Resolver(() => Agreement)
export class AgreementResolver {
  /**
   * How `agreement(id)` reads for a selection (plans/agreement.plan.ts): the reader of the agreement with its parties,
   * its statement and hydrators made once per query text, or null for the plain read by id. Kept per resolver, whose
   * reader is bound to its service's database.
   */
  private readonly readerFor = perSelection<
    ((id: string) => Promise<AgreementWithParties | null>) | null
  >();

  constructor(
    private readonly service: AgreementService,
    private readonly termsService: AgreementTermsService,
    private readonly interviews: InterviewService,
  ) {}

  @Access(...ANY_ROLE)
  @Query(() => Agreement, {
    nullable: true,
    description: '协议: one agreement by id; null when none matches.',
  })
  async agreement(
    @Arg('id', () => ID, { description: "协议标识: the agreement's id." }) id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Agreement | null> {
    const read = this.readerFor(info, () => {
      const plan = agreementPartiesRead(info, ctx.db);
      return (
        plan && this.service.withPartiesReader(plan.properties, plan.partyProperties, plan.parties)
      );
    });
    if (!read) {
      return this.service.byId(id);
    }
    const found = await read(id);
    if (!found) {
      return null;
    }
    ctx.readAhead.keepParties(found);
    return found.agreement;
  }

  @Access(...ANY_ROLE)
  @Query(() => AgreementConnection, {
    description: '协议列表: agreements by code, a page at a time (first ≤ 100).',
  })
  agreements(
    @Arg('kind', () => AgreementKind, { nullable: true, description: '协议类别: only this kind.' })
    kind: AgreementKind | null,
    @Args(() => PageArgs) paging: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<Agreement>> {
    return this.service.list(kind, pageRequestOf(paging, info));
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

  @Access(Role.AGENCY)
  @Mutation(() => Agreement, {
    description:
      'A policy change: a new terms version in force from the given date; fields left out keep the previous version’s values. 政策调整: the old versions are kept; give the terms input of the agreement’s kind (rules.md §1).',
  })
  reviseTerms(
    @Arg('agreementId', () => ID, { description: '协议标识: the agreement whose terms change.' })
    agreementId: string,
    @Arg('effectiveFrom', () => DateScalar, {
      description:
        '生效日期: first day of the new version; after the agreement’s first day and not after its last.',
    })
    effectiveFrom: string,
    @Arg('criticalIllnessTerms', () => CriticalIllnessTermsInput, {
      nullable: true,
      description: '大病保险合同条款: the changed critical-illness terms.',
    })
    criticalIllnessTerms: CriticalIllnessTermsInput | null,
    @Arg('handlingTerms', () => HandlingTermsInput, {
      nullable: true,
      description: '委托经办协议条款: the changed handling terms.',
    })
    handlingTerms: HandlingTermsInput | null,
    @Arg('institutionTerms', () => InstitutionTermsInput, {
      nullable: true,
      description: '定点医疗机构协议条款: the changed designated-institution terms.',
    })
    institutionTerms: InstitutionTermsInput | null,
    @Ctx() ctx: Context,
  ): Promise<Agreement> {
    return this.termsService.revise(actorOf(ctx), agreementId, effectiveFrom, {
      criticalIllnessTerms,
      handlingTerms,
      institutionTerms,
    });
  }

  @Access(Role.AGENCY, Role.INSURER, Role.REPORTING)
  @Query(() => [ReportDeadline], {
    description:
      "报送期限: the year's 12 monthly, one half-year and one annual report deadlines, each moved to the next working day (Henan arts. 25–26; rules.md §8). NOT_FOUND for an agreement the caller may not read.",
  })
  reportDeadlines(
    @Arg('agreementId', () => ID, { description: '协议标识: the agreement whose reports are due.' })
    agreementId: string,
    @Arg('year', () => Int, { description: '报告年度: the reporting year.' }) year: number,
    @Ctx() ctx: Context,
  ): Promise<ReportDeadline[]> {
    return this.interviews.reportDeadlines(callerOf(ctx), agreementId, year);
  }

  @FieldResolver(() => Organization, { description: '甲方: party A, the agency.' })
  partyA(
    @Root() agreement: Agreement,
    @Ctx() ctx: Context,
  ): Organization | null | Promise<Organization | null> {
    return (
      ctx.readAhead.party(agreement, 'partyA') ??
      ctx.loaders.organizationById.load(agreement.partyAId)
    );
  }

  @FieldResolver(() => Organization, {
    description: '乙方: party B, the insurer or the designated institution.',
  })
  partyB(
    @Root() agreement: Agreement,
    @Ctx() ctx: Context,
  ): Organization | null | Promise<Organization | null> {
    return (
      ctx.readAhead.party(agreement, 'partyB') ??
      ctx.loaders.organizationById.load(agreement.partyBId)
    );
  }

  @FieldResolver(() => AgreementStatus, {
    description:
      '协议状态: standing on a day: TERMINATED from the termination date, EXPIRED after effectiveTo, SUSPENDED inside a suspension, else ACTIVE (rules.md §1).',
  })
  async status(
    @Root() agreement: Agreement,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, {
      nullable: true,
      description: '日期: the day asked about (default: today).',
    })
    asOf: string | null,
  ): Promise<AgreementStatus> {
    const suspensions = await ctx.loaders.suspensionsByAgreementId.load(agreement.id);
    return this.service.statusOn(agreement, suspensions, asOf);
  }

  @FieldResolver(() => [AgreementSuspension], {
    description:
      '中止期间: the suspensions of the agreement, earliest first (Suining arts. 65, 76).',
  })
  suspensions(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<AgreementSuspension[]> {
    return ctx.loaders.suspensionsByAgreementId.load(agreement.id);
  }

  @FieldResolver(() => AgreementTerms, {
    description:
      'Terms in force on the given date (default: today). 协议条款: the latest version starting on or before the date; before the agreement starts, its first version (rules.md §1).',
  })
  async terms(
    @Root() agreement: Agreement,
    @Ctx() ctx: Context,
    @Arg('on', () => DateScalar, {
      nullable: true,
      description: '日期: the day asked about (default: today).',
    })
    on: string | null,
  ): Promise<TermsView> {
    const versions = await ctx.loaders.termsVersionsByAgreementId.load(agreement.id);
    return this.termsService.viewOn(agreement, versions, on);
  }

  @FieldResolver(() => [AgreementTerms], {
    description: '条款版本: every terms version of the agreement, oldest first (rules.md §1).',
  })
  async termsVersions(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<TermsView[]> {
    const versions = await ctx.loaders.termsVersionsByAgreementId.load(agreement.id);
    return this.termsService.history(agreement, versions);
  }
}
