import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { actorOf, callerOf, type Context } from '../context';
import { DateScalar } from '../scalars';
import { ReportKind } from '../../domain/calendar/report-deadline.type';
import type { InterviewService } from '../../domain/fund/interview.service';
import { InterviewTrigger, ReportFiling } from '../../domain/fund/interview.types';

@Resolver(() => InterviewTrigger)
export class InterviewResolver {
  constructor(private readonly interviews: InterviewService) {}

  @Access(Role.AGENCY)
  @Mutation(() => ReportFiling, {
    description:
      '报表报送: records that the insurer filed a report (Henan arts. 25–26) on filedOn (not after today); the earliest filing of a period counts.',
  })
  recordReportFiling(
    @Arg('agreementId', () => ID, { description: '协议标识: a CRITICAL_ILLNESS agreement.' })
    agreementId: string,
    @Arg('kind', () => ReportKind, { description: '报表类别.' }) kind: ReportKind,
    @Arg('period', () => String, { description: '报告期: "2024-09", "2024-H1" or "2024".' })
    period: string,
    @Arg('filedOn', () => DateScalar, { description: '报送日期: not after today.' })
    filedOn: string,
    @Ctx() ctx: Context,
  ): Promise<ReportFiling> {
    return this.interviews.recordFiling(actorOf(ctx), agreementId, kind, period, filedOn);
  }

  @Access(Role.AGENCY, Role.INSURER, Role.REPORTING)
  @Query(() => [InterviewTrigger], {
    description:
      '约谈情形: for a CRITICAL_ILLNESS agreement and a day, the grounds for an interview the system can see (Henan art. 33): staffing shortfalls (一), claims overdue for payment (二), monthly reports not filed by their due date (五). Claims and filings as they stood that day (rules.md §3.4): a filing dated later does not count, a claim reversed, reviewed or paid later counts as it stood.',
  })
  interviewTriggers(
    @Arg('agreementId', () => ID, { description: '协议标识.' }) agreementId: string,
    @Arg('on', () => DateScalar, {
      nullable: true,
      description: '日期: the day asked about (default: today).',
    })
    on: string | null,
    @Ctx() ctx: Context,
  ): Promise<InterviewTrigger[]> {
    return this.interviews.triggers(callerOf(ctx), agreementId, on ?? ctx.clock.today());
  }
}
