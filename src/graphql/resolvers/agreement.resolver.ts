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
import type { AgreementStandingService } from '../../domain/agreement/agreement-standing.service';

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
    private readonly standings: AgreementStandingService,
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

  @Access(Role.AGENCY)
  @Mutation(() => Agreement, {
    description:
      '协议继续有效: party A records that the agreement continues past effectiveTo until the next agreement between the same parties takes effect, because party A has not signed it yet (Suining art. 82: "因甲方原因，协议到期时仍未签订下一年度医保服务协议的，本协议继续有效，有效期至下一年度协议签订之日止"; rules.md §3.5). DESIGNATED_INSTITUTION agreements only; recording it again changes nothing. BAD_USER_INPUT on agreementId for another kind or a terminated agreement; NOT_FOUND outside your regions.',
  })
  continueAgreement(
    @Arg('agreementId', () => ID, {
      description: '协议标识: the DESIGNATED_INSTITUTION agreement that continues.',
    })
    agreementId: string,
    @Ctx() ctx: Context,
  ): Promise<Agreement> {
    return this.standings.continueAgreement(actorOf(ctx), agreementId);
  }

  @Access(Role.AGENCY)
  @Mutation(() => Agreement, {
    description:
      '申请中止协议: records the institution’s own request to suspend its agreement (Suining arts. 76–78; rules.md §7.3): asked at least 3 months before the first day (78), for 1 to 180 days (76); a public institution may not ask (78). The term’s second such request terminates the agreement from its first day instead and records no suspension (77(四)); a 180-day suspension ends the agreement the day after its last day unless the institution asks to continue by then (76; resumeAfterSuspension). BAD_USER_INPUT on the argument at fault (extensions.reason: PUBLIC_INSTITUTION, NOT_A_DATE, IN_THE_FUTURE, OUTSIDE_TERM, NOTICE_TOO_SHORT, DAYS_OUT_OF_RANGE), nothing stored; NOT_FOUND outside your regions.',
  })
  requestSuspension(
    @Arg('agreementId', () => ID, {
      description: '协议标识: the DESIGNATED_INSTITUTION agreement to suspend.',
    })
    agreementId: string,
    @Arg('requestedOn', () => DateScalar, {
      description:
        '申请日期: the day party A received the request; not after today, while the agreement is in force.',
    })
    requestedOn: string,
    @Arg('startsOn', () => DateScalar, {
      description:
        '中止起始日: the first day suspended; on or after the day 3 months after requestedOn (Suining art. 78; the month’s last day where there is no such day), while the agreement is in force.',
    })
    startsOn: string,
    @Arg('days', () => Int, {
      description:
        '中止日数: days suspended, startsOn included (startsOn to startsOn + days − 1), 1 to 180 (Suining art. 76).',
    })
    days: number,
    @Ctx() ctx: Context,
  ): Promise<Agreement> {
    return this.standings.requestSuspension(actorOf(ctx), agreementId, requestedOn, startsOn, days);
  }

  @Access(Role.AGENCY)
  @Mutation(() => Agreement, {
    description:
      '继续履行协议申请: records the institution’s request to continue after its latest suspension at its request (Suining art. 76; rules.md §7.3): made by that suspension’s last day, it keeps a 180-day suspension from ending the agreement. BAD_USER_INPUT on agreementId with no such suspension (reason NO_SUSPENSION), on requestedOn after today or after the suspension’s last day (reason TOO_LATE: the agreement has ended), nothing stored; NOT_FOUND outside your regions.',
  })
  resumeAfterSuspension(
    @Arg('agreementId', () => ID, {
      description:
        '协议标识: the DESIGNATED_INSTITUTION agreement suspended at the institution’s request.',
    })
    agreementId: string,
    @Arg('requestedOn', () => DateScalar, {
      description:
        '申请日期: the day party A received the request to continue; not after today, nor after the suspension’s last day.',
    })
    requestedOn: string,
    @Ctx() ctx: Context,
  ): Promise<Agreement> {
    return this.standings.resumeAfterSuspension(actorOf(ctx), agreementId, requestedOn);
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
      '协议状态: standing on a day: TERMINATED from the termination date, or from the day a 180-day suspension at the institution’s request ended it without a request to continue (Suining art. 76); EXPIRED after its last day in force — effectiveTo, or the end of its continuation (art. 82) —; SUSPENDED inside a suspension; else ACTIVE (rules.md §1, §3.5, §7.3).',
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
    const standing = await ctx.loaders.standingByAgreement.load(agreement);
    return this.standings.statusOn(standing, asOf);
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description:
      '继续有效至: for an agreement that continues (continues, Suining art. 82), the last day of the continuation — the day before the next DESIGNATED_INSTITUTION agreement between the same parties takes effect, never before effectiveTo; null while there is none (in force until one is made) or when the agreement does not continue (rules.md §3.5).',
  })
  async continuedUntil(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<string | null> {
    if (!agreement.continues) {
      return null;
    }
    return (await ctx.loaders.standingByAgreement.load(agreement)).continuedUntil;
  }

  @FieldResolver(() => [AgreementSuspension], {
    description:
      '中止期间: the suspensions of the agreement, earliest first: ordered by penalties (Suining art. 65) or at the institution’s request (arts. 76–78).',
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
