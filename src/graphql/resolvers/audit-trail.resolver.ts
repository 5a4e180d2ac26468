import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { callerOf, type Context } from '../context';
import { AuditTrailConnection, AuditTrailEntry } from '../../domain/audit-trail/audit-trail.entity';
import type { AuditTrailService } from '../../domain/audit-trail/audit-trail.service';

@Resolver(() => AuditTrailEntry)
export class AuditTrailResolver {
  constructor(private readonly audit: AuditTrailService) {}

  @Access(Role.AGENCY)
  @Query(() => AuditTrailConnection, {
    description:
      '操作留痕: the mutations that touched objects in your regions (and national reference data), newest first, optionally of one operation. AGENCY only.',
  })
  auditTrail(
    @Arg('operation', () => String, {
      nullable: true,
      description: '操作: only this mutation, e.g. submitClaims.',
    })
    operation: string | null,
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
    @Ctx() ctx: Context,
  ): Promise<AuditTrailConnection> {
    return this.audit.list(ctx.db, callerOf(ctx), operation, first, after);
  }

  @FieldResolver(() => String, {
    description: '输入: the mutation’s input as JSON, ID numbers masked.',
  })
  input(@Root() entry: AuditTrailEntry): string {
    return JSON.stringify(entry.input);
  }
}
