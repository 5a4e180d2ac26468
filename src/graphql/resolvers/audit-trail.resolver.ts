import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { callerOf, type Context } from '../context';
import { AuditTrailEntry } from '../../domain/audit-trail/audit-trail.entity';
import type { Page } from '../../shared/paging';
import { AuditTrailConnection } from '../connections';
import { PageArgs, pageRequestOf } from '../paging';
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
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<AuditTrailEntry>> {
    return this.audit.list(callerOf(ctx), operation, pageRequestOf(paging, info));
  }

  @FieldResolver(() => String, {
    description: '输入: the mutation’s input as JSON, ID numbers masked.',
  })
  input(@Root() entry: AuditTrailEntry): string {
    return JSON.stringify(entry.input);
  }
}
