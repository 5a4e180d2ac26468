import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Access, ANY_ROLE } from '../auth/access.decorator';
import { Role } from '../../shared/caller';
import { actorOf, type Context } from '../context';
import { CreateOrganizationInput } from '../../domain/organization/organization.inputs';
import { Organization } from '../../domain/organization/organization.entity';
import { OrganizationKind } from '../../domain/organization/organization-kind.enum';
import type { OrganizationService } from '../../domain/organization/organization.service';

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(private readonly service: OrganizationService) {}

  @Access(...ANY_ROLE)
  @Query(() => [Organization], {
    description: '机构列表: every organization, or those of one kind, by code.',
  })
  organizations(
    @Arg('kind', () => OrganizationKind, {
      nullable: true,
      description: '机构类别: only this kind.',
    })
    kind: OrganizationKind | null,
  ): Promise<Organization[]> {
    return this.service.list(kind);
  }

  @Access(Role.AGENCY)
  @Mutation(() => Organization, {
    description: '新增机构: registers a party (rules.md §1); codes are unique.',
  })
  createOrganization(
    @Arg('input', () => CreateOrganizationInput, {
      description: '新增机构: the organization to create.',
    })
    input: CreateOrganizationInput,
    @Ctx() ctx: Context,
  ): Promise<Organization> {
    return this.service.create(actorOf(ctx), input);
  }
}
