import type { EntityManager } from 'typeorm';
import { Role, type Caller } from '../../shared/caller';
import { intersectPrefixes, regionPrefix } from '../../shared/region';
import { isUuid } from '../../shared/uuid';
import { Agreement } from '../agreement/agreement.entity';
import { AgreementKind } from '../agreement/agreement.enums';

/**
 * Which claims a caller may read (runtime.md, "read claims and persons"), as a SQL condition on a claim alias:
 * - AGENCY: claims of persons in its token's regions;
 * - INSURER: claims of agreements where it is party B, and claims of persons in the covered regions of its
 *   COMMISSIONED_HANDLING agreements — in both cases inside its token's regions;
 * - INSTITUTION: its own claims (as the claim's institution), inside its token's regions;
 * - REPORTING: none, except aggregates (`claimStats`) in its token's regions.
 */
export interface ClaimScope {
  readonly sql: string;
  readonly params: Record<string, unknown>;
}

const NONE: ClaimScope = { sql: 'FALSE', params: {} };

export const prefixCondition = (column: string, prefixes: readonly string[], name: string) => ({
  sql: prefixes.length
    ? `(${prefixes.map((_, i) => `${column} LIKE :${name}${i}`).join(' OR ')})`
    : 'FALSE',
  params: Object.fromEntries(prefixes.map((p, i) => [`${name}${i}`, `${p}%`])),
});

export async function claimScope(
  em: EntityManager,
  user: Caller,
  alias: string,
  purpose: 'read' | 'aggregate' = 'read',
): Promise<ClaimScope> {
  const regions = prefixCondition(`${alias}.region_code`, user.regions, 'scopeRegion');
  switch (user.role) {
    case Role.AGENCY:
      return regions;
    case Role.REPORTING:
      // runtime.md: REPORTING reads aggregates (claimStats) in its regions, never single claims.
      return purpose === 'aggregate' ? regions : NONE;
    case Role.INSTITUTION:
      return user.org && isUuid(user.org)
        ? {
            sql: `(${alias}.institution_id = :scopeOrg AND ${regions.sql})`,
            params: { ...regions.params, scopeOrg: user.org },
          }
        : NONE;
    case Role.INSURER: {
      if (!user.org || !isUuid(user.org)) {
        return NONE;
      }
      const agreements = await em.getRepository(Agreement).find({
        select: { id: true, kind: true, coveredRegions: true },
        where: { partyBId: user.org },
      });
      if (agreements.length === 0) {
        return NONE;
      }
      const handling = intersectPrefixes(
        user.regions,
        agreements
          .filter((a) => a.kind === AgreementKind.COMMISSIONED_HANDLING)
          .flatMap((a) => a.coveredRegions.map(regionPrefix)),
      );
      const handled = prefixCondition(`${alias}.region_code`, handling, 'scopeHandled');
      return {
        sql: `((${alias}.agreement_id IN (:...scopeAgreements) OR ${handled.sql}) AND ${regions.sql})`,
        params: {
          ...regions.params,
          ...handled.params,
          scopeAgreements: agreements.map((a) => a.id),
        },
      };
    }
    default:
      return NONE;
  }
}
