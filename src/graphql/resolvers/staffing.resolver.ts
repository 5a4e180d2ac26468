import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { actorOf, callerOf, type Context } from '../context';
import type { StaffingService } from '../../domain/handling/staffing.service';
import { StaffingCompliance, StaffingInput } from '../../domain/handling/staffing.types';

@Resolver(() => StaffingCompliance)
export class StaffingResolver {
  constructor(private readonly staffing: StaffingService) {}

  @Access(Role.AGENCY)
  @Mutation(() => StaffingCompliance, {
    description:
      '人员配置报告: records the staff at one level and region (history kept; the latest per level and region counts) and answers the compliance check.',
  })
  recordStaffing(
    @Arg('input', () => StaffingInput, { description: '人员配置.' }) input: StaffingInput,
    @Ctx() ctx: Context,
  ): Promise<StaffingCompliance> {
    return this.staffing.record(actorOf(ctx), input);
  }

  @Access(Role.AGENCY, Role.INSURER, Role.REPORTING)
  @Query(() => StaffingCompliance, {
    description:
      '人员配置合规: the Luoyang rule set for a COMMISSIONED_HANDLING agreement, the Henan one (co-located staff included) for a CRITICAL_ILLNESS agreement, on the latest reports (rules.md §6).',
  })
  staffingCompliance(
    @Arg('agreementId', () => ID, { description: '协议标识.' }) agreementId: string,
    @Ctx() ctx: Context,
  ): Promise<StaffingCompliance> {
    return this.staffing.compliance(callerOf(ctx), agreementId);
  }
}
