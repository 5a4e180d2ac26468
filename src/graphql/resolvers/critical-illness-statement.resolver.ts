import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Agreement } from '../../domain/agreement/agreement.entity';
import { Organization } from '../../domain/organization/organization.entity';
import type { CriticalIllnessStatementService } from '../../domain/settlement/critical-illness-statement.service';
import { CriticalIllnessStatement } from '../../domain/settlement/critical-illness-statement.types';
import { Role } from '../../shared/caller';
import { Access } from '../auth/access.decorator';
import { callerOf, type Context } from '../context';

/** 大病保险结算单 (Henan art. 16; rules.md §10.2): an institution's month with the critical-illness insurer. */
@Resolver(() => CriticalIllnessStatement)
export class CriticalIllnessStatementResolver {
  constructor(private readonly statements: CriticalIllnessStatementService) {}

  @Access(Role.AGENCY, Role.INSURER, Role.INSTITUTION)
  @Query(() => CriticalIllnessStatement, {
    nullable: true,
    description:
      '大病保险结算单 (Henan art. 16 “不合规费用在下月结算资金时扣除”; rules.md §10.2): the institution’s statement under a CRITICAL_ILLNESS agreement for a month — benefits of its DIRECT claims declared in the month, as adjudicated, less the clawbacks of reviews and reversals applied the month before. A flow: a past month never changes. AGENCY for institutions in its regions, INSURER of its own agreements, INSTITUTION its own; null otherwise. A month after the current one: BAD_USER_INPUT on month.',
  })
  criticalIllnessStatement(
    @Arg('agreementId', () => ID, { description: '协议标识: the CRITICAL_ILLNESS agreement.' })
    agreementId: string,
    @Arg('institutionId', () => ID, {
      description: '定点医疗机构: the institution that advanced the benefits.',
    })
    institutionId: string,
    @Arg('month', () => String, {
      description: '结算月份: "YYYY-MM", not after the current month.',
    })
    month: string,
    @Ctx() ctx: Context,
  ): Promise<CriticalIllnessStatement | null> {
    return this.statements.statement(callerOf(ctx), agreementId, institutionId, month);
  }

  @FieldResolver(() => Agreement, { description: '协议: the critical-illness agreement.' })
  agreement(@Root() s: CriticalIllnessStatement): Agreement {
    return s.agreement;
  }

  @FieldResolver(() => Organization, { description: '定点医疗机构: the institution.' })
  institution(@Root() s: CriticalIllnessStatement): Organization {
    return s.institution;
  }
}
