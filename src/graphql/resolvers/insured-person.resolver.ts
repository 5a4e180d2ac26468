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
import { Access } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { actorOf, callerOf, type Context } from '../context';
import { rootFieldOf } from '../root-field';
import { DateScalar } from '../scalars';
import { InsuredPerson } from '../../domain/insured-person/insured-person.entity';
import { SpecialStatus } from '../../domain/insured-person/insured-person.enums';
import { RegisterInsuredPersonInput } from '../../domain/insured-person/insured-person.inputs';
import {
  LOOKUP_OPERATION,
  type InsuredPersonService,
} from '../../domain/insured-person/insured-person.service';
import type { PersonAccessLogEntry } from '../../domain/insured-person/person-access-log.entity';
import type { Page } from '../../shared/paging';
import { AccessLogConnection, InsuredPersonConnection } from '../connections';
import { PageArgs, pageRequestOf } from '../paging';
import { SpecialStatusPeriod } from '../../domain/insured-person/special-status-period.entity';

/** Roles that may read persons (runtime.md); REPORTING is refused. */
const PERSON_READERS = [Role.AGENCY, Role.INSURER, Role.INSTITUTION] as const;

@Resolver(() => InsuredPerson)
export class InsuredPersonResolver {
  constructor(private readonly service: InsuredPersonService) {}

  @Access(...PERSON_READERS)
  @Query(() => InsuredPerson, {
    nullable: true,
    description:
      '参保人员: one person by id; null when none you may see matches (AGENCY in its regions; INSURER in the regions of its agreements; INSTITUTION persons of its own claims).',
  })
  insuredPerson(
    @Arg('id', () => ID, { description: '人员标识: the person’s id.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<InsuredPerson | null> {
    return this.service.byId(callerOf(ctx), id);
  }

  @Access(...PERSON_READERS)
  @Query(() => InsuredPerson, {
    nullable: true,
    description:
      '按身份证号查询: the person with this resident ID number, or null; a malformed number is BAD_USER_INPUT on idNumber. INSTITUTION may find any patient in its token’s regions (runtime.md). Every look-up is logged, found or not, and a caller gets at most 60 a minute (the default; each alias counts): beyond, RATE_LIMITED with HTTP 429 and Retry-After (rules.md §2).',
  })
  async insuredPersonByIdNumber(
    @Arg('idNumber', () => String, {
      description: '公民身份号码: the 18-character resident ID number.',
    })
    idNumber: string,
    @Ctx() ctx: Context,
  ): Promise<InsuredPerson | null> {
    const person = await this.service.byIdNumber(actorOf(ctx), idNumber);
    if (person) {
      // The look-up logged this person: its number read again under the look-up is not logged twice.
      ctx.loaders.personsLookedUp.add(person.id);
    }
    return person;
  }

  @Access(...PERSON_READERS)
  @Query(() => InsuredPersonConnection, {
    description:
      '参保人员列表: the persons you may see, by region code then id, a page at a time (first ≤ 100).',
  })
  insuredPersons(
    @Arg('regionCode', () => String, {
      nullable: true,
      description:
        '区划: only persons inside this six-digit region (410000 includes 410300 and 410302).',
    })
    regionCode: string | null,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<InsuredPerson>> {
    return this.service.list(callerOf(ctx), regionCode, pageRequestOf(paging, info));
  }

  @Access(Role.AGENCY)
  @Query(() => AccessLogConnection, {
    description:
      '个人信息查阅记录: who read full ID numbers of persons in your regions, looked them up by ID number or read their accumulator as an institution, newest first, optionally of one person (rules.md §2; PIPL art. 51). AGENCY only.',
  })
  accessLog(
    @Arg('insuredPersonId', () => ID, {
      nullable: true,
      description: '人员标识: only this person.',
    })
    insuredPersonId: string | null,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<PersonAccessLogEntry>> {
    return this.service.accessLog(callerOf(ctx), insuredPersonId, pageRequestOf(paging, info));
  }

  @Access(Role.AGENCY)
  @Mutation(() => InsuredPerson, {
    description:
      '参保登记: registers an insured person; ID number validated (GB 11643), birth date and sex derived, a registered number is CONFLICT (rules.md §2).',
  })
  registerInsuredPerson(
    @Arg('input', () => RegisterInsuredPersonInput, {
      description: '参保登记: the person to register.',
    })
    input: RegisterInsuredPersonInput,
    @Ctx() ctx: Context,
  ): Promise<InsuredPerson> {
    return this.service.register(actorOf(ctx), input);
  }

  @Access(Role.AGENCY)
  @Mutation(() => InsuredPerson, {
    description:
      '身份变更: records a special status from a day on; the history is kept and the status in force on a claim’s discharge date decides its schedule (Henan art. 14; rules.md §2).',
  })
  setSpecialStatus(
    @Arg('insuredPersonId', () => ID, { description: '人员标识: the person.' })
    insuredPersonId: string,
    @Arg('status', () => SpecialStatus, { description: '政策倾斜对象: the new status.' })
    status: SpecialStatus,
    @Arg('from', () => DateScalar, { description: '生效日期: first day of the new status.' })
    from: string,
    @Ctx() ctx: Context,
  ): Promise<InsuredPerson> {
    return this.service.setSpecialStatus(actorOf(ctx), insuredPersonId, status, from);
  }

  @FieldResolver(() => String, {
    description:
      "Masked (the first 6 characters and the check character, 410302***********X) unless the caller's role may see it whole (rules.md §2). 公民身份号码: AGENCY and INSURER see it whole, and every such read is logged (who, when, which person, which operation); INSTITUTION sees the mask.",
  })
  idNumber(
    @Root() person: InsuredPerson,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string> | string {
    if (!this.service.seesFullIdNumbers(callerOf(ctx))) {
      return person.idNumberMasked;
    }
    const operation = rootFieldOf(info);
    return ctx.loaders.fullIdNumber.load({
      person,
      operation,
      logged: operation === LOOKUP_OPERATION && ctx.loaders.personsLookedUp.has(person.id),
    });
  }

  @FieldResolver(() => SpecialStatus, {
    description: 'Status in force on the given date (default: today). 政策倾斜对象 (rules.md §2).',
  })
  async specialStatus(
    @Root() person: InsuredPerson,
    @Ctx() ctx: Context,
    @Arg('on', () => DateScalar, {
      nullable: true,
      description: '日期: the day asked about (default: today).',
    })
    on: string | null,
  ): Promise<SpecialStatus> {
    return this.service.statusOn(await ctx.loaders.specialStatusesByPersonId.load(person.id), on);
  }

  @FieldResolver(() => [SpecialStatusPeriod], {
    description:
      '身份变更记录: the special-status history, by effective date then recording order.',
  })
  async specialStatusHistory(
    @Root() person: InsuredPerson,
    @Ctx() ctx: Context,
  ): Promise<SpecialStatusPeriod[]> {
    const rows = await ctx.loaders.specialStatusesByPersonId.load(person.id);
    return [...rows].sort(
      (a, b) =>
        a.effectiveFrom.localeCompare(b.effectiveFrom) || Number(BigInt(a.id) - BigInt(b.id)),
    );
  }
}
