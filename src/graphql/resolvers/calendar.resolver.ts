import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Access, ANY_ROLE } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { actorOf, type Context } from '../context';
import { DateScalar } from '../scalars';
import {
  MAX_DUE_DATE_WORKING_DAYS,
  type CalendarService,
} from '../../domain/calendar/calendar.service';
import { DueDate } from '../../domain/calendar/due-date.type';

@Resolver()
export class CalendarResolver {
  constructor(private readonly calendar: CalendarService) {}

  @Access(...ANY_ROLE)
  @Query(() => Boolean, {
    description:
      '是否工作日: whether a date is a working day on the official calendar — weekends off except 调休 working days, statutory holidays off (rules.md §3.4); in a year whose schedule is not loaded, the provisional statutory calendar (rules.md §3.6).',
  })
  isWorkingDay(
    @Arg('date', () => DateScalar, { description: '日期: the date asked about.' }) date: string,
  ): Promise<boolean> {
    return this.calendar.isWorkingDay(date);
  }

  @Access(...ANY_ROLE)
  @Query(() => DateScalar, {
    description:
      '工作日顺延: the `days`-th working day after `date`; `date` itself is not counted (rules.md §3.4, Civil Code arts. 201, 203). 0 returns `date`. Years whose schedule is not loaded count on the provisional statutory calendar (rules.md §3.6): `dueDate` also says whether the answer is provisional.',
  })
  addWorkingDays(
    @Arg('date', () => DateScalar, {
      description: '起算日: the day the period runs from (not counted).',
    })
    date: string,
    @Arg('days', () => Int, { description: '工作日数: working days, 0 to 3660.' }) days: number,
  ): Promise<string> {
    return this.calendar.addWorkingDays(date, days);
  }

  @Access(...ANY_ROLE)
  @Query(() => DueDate, {
    description:
      '到期日计算: the due date N working days after a date, and whether it is provisional — counted over a year whose holiday schedule is not loaded, on the provisional statutory calendar (rules.md §3.4, §3.6). The 15 working days of a DIRECT claim from its declaration, the 20 of a MANUAL one, the 30 of a penalty notice are such counts.',
  })
  dueDate(
    @Arg('from', () => DateScalar, {
      description: '起算日: the day the period runs from (not counted), e.g. the declaration day.',
    })
    from: string,
    @Arg('workingDays', () => Int, {
      description: `工作日数: working days, 0 to ${MAX_DUE_DATE_WORKING_DAYS}; 0 answers \`from\` itself, not provisional.`,
    })
    workingDays: number,
  ): Promise<DueDate> {
    return this.calendar.dueDate(from, workingDays);
  }

  @Access(Role.AGENCY)
  @Mutation(() => Int, {
    description:
      "载入年度节假日安排: replaces one year's official schedule (statutory holidays and 调休 working days, from the State Council notice); answers the number of working days the year then has (rules.md §3.4).",
  })
  loadCalendarYear(
    @Arg('year', () => Int, { description: '年度: the year replaced.' }) year: number,
    @Arg('holidays', () => [DateScalar], {
      description: '法定节假日: the days off, weekend days of a holiday block included.',
    })
    holidays: string[],
    @Arg('adjustedWorkdays', () => [DateScalar], {
      description: '调休上班日: weekend days worked in exchange.',
    })
    adjustedWorkdays: string[],
    @Ctx() ctx: Context,
  ): Promise<number> {
    return this.calendar.loadYear(actorOf(ctx), year, holidays, adjustedWorkdays);
  }
}
