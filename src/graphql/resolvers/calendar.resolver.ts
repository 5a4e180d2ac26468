import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Access, ANY_ROLE } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { actorOf, type Context } from '../context';
import { DateScalar } from '../scalars';
import type { CalendarService } from '../../domain/calendar/calendar.service';

@Resolver()
export class CalendarResolver {
  constructor(private readonly calendar: CalendarService) {}

  @Access(...ANY_ROLE)
  @Query(() => Boolean, {
    description:
      '是否工作日: whether a date is a working day on the official calendar — weekends off except 调休 working days, statutory holidays off (rules.md §3.4).',
  })
  isWorkingDay(
    @Arg('date', () => DateScalar, { description: '日期: the date asked about.' }) date: string,
  ): Promise<boolean> {
    return this.calendar.isWorkingDay(date);
  }

  @Access(...ANY_ROLE)
  @Query(() => DateScalar, {
    description:
      '工作日顺延: the `days`-th working day after `date`; `date` itself is not counted (rules.md §3.4, Civil Code arts. 201, 203). 0 returns `date`.',
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
