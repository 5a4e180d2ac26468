import { Arg, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Access, ANY_ROLE } from '../auth/access.decorator';
import { Region } from '../../domain/region/region.entity';
import type { RegionService } from '../../domain/region/region.service';

/** The administrative divisions (rules.md §11): reference data every role may read, in every region. */
@Resolver(() => Region)
export class RegionResolver {
  constructor(private readonly service: RegionService) {}

  @Access(...ANY_ROLE)
  @Query(() => Region, {
    nullable: true,
    description:
      '行政区划: the administrative division with this code, or null when the table has none (rules.md §11).',
  })
  region(
    @Arg('code', () => String, {
      description: '行政区划代码: a six-digit code, e.g. 410302 (else BAD_USER_INPUT).',
    })
    code: string,
  ): Promise<Region | null> {
    return this.service.byCode(code);
  }

  @Access(...ANY_ROLE)
  @Query(() => [Region], {
    description:
      "下级行政区划: the divisions directly under `parentCode`, by code — the provinces without it; a province's cities, and its counties that have no city (a municipality's districts, 济源 419001); a city's counties; none under a county (rules.md §11).",
  })
  regions(
    @Arg('parentCode', () => String, {
      nullable: true,
      description:
        '上级行政区划代码: the six-digit code of the parent; omitted or null for the provinces. A code the table does not have is BAD_USER_INPUT.',
    })
    parentCode: string | null,
  ): Promise<readonly Region[]> {
    return this.service.children(parentCode ?? null);
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: '上级行政区划: the division this one belongs to; null for a province.',
  })
  parent(@Root() region: Region): Promise<Region | null> {
    return this.service.parentOf(region);
  }
}
