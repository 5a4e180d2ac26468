import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { callerOf, type Context } from '../context';
import { Agreement } from '../../domain/agreement/agreement.entity';
import type { MonthlyReportService } from '../../domain/report/monthly-report.service';
import { MonthlyReport } from '../../domain/report/monthly-report.types';

@Resolver(() => MonthlyReport)
export class MonthlyReportResolver {
  constructor(private readonly reports: MonthlyReportService) {}

  @Access(Role.AGENCY, Role.INSURER, Role.REPORTING)
  @Query(() => MonthlyReport, {
    description:
      '月报: the monthly report of a CRITICAL_ILLNESS agreement for one month (Henan arts. 25, 35; rules.md §8). AGENCY and REPORTING in their regions, the INSURER of the agreement. A month outside the agreement’s term → BAD_USER_INPUT on month.',
  })
  monthlyReport(
    @Arg('agreementId', () => ID, { description: '协议标识: a CRITICAL_ILLNESS agreement.' })
    agreementId: string,
    @Arg('year', () => Int, { description: '年度.' }) year: number,
    @Arg('month', () => Int, { description: '月份: 1–12.' }) month: number,
    @Ctx() ctx: Context,
  ): Promise<MonthlyReport> {
    return this.reports.report(callerOf(ctx), agreementId, year, month);
  }

  @FieldResolver(() => Agreement, { description: '协议: the critical-illness agreement.' })
  agreement(@Root() r: MonthlyReport): Agreement {
    return r.agreement;
  }
}
