import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../../shared/caller';
import {
  isBigintId,
  keysetPage,
  type KeysetOrder,
  type Page,
  type PageRequest,
} from '../../shared/paging';
import { isUuid } from '../../shared/uuid';
import { AuditTrailEntry } from './audit-trail.entity';
import { redactPersonalData } from './redact';

export interface AuditActor {
  readonly user: Caller;
  readonly requestId: string;
}

/**
 * 操作留痕 (runtime.md; docs/decisions.md, "Audit trail"): every successful mutation appends one row — who, when, which
 * operation, which ids, and its input with personal numbers removed — in the same transaction as the change, so a
 * rejected mutation leaves none. The region codes of the touched objects are looked up from the ids, so that agencies
 * read the trail of their own regions (`auditTrail`).
 */
/** The audit trail's order: newest first (ids are numbered in the order written). */
const NEWEST_FIRST: KeysetOrder<AuditTrailEntry> = {
  list: 'auditTrail',
  direction: 'DESC',
  keys: [{ sql: 'a.id', of: (e) => e.id, valid: isBigintId }],
};

export class AuditTrailService {
  constructor(private readonly db: DataSource) {}

  async record(
    em: EntityManager,
    actor: AuditActor,
    operation: string,
    ids: readonly string[],
    input: unknown,
    /** The touched objects' region codes when the caller has them at hand (no look-up then). */
    knownRegions?: readonly string[],
  ): Promise<void> {
    // By uuid, so each look-up is an index probe (a cast of the column to text would scan every claim).
    const uuids = ids.filter(isUuid);
    const regions = knownRegions
      ? [...new Set(knownRegions)].sort().map((region_code) => ({ region_code }))
      : uuids.length === 0
        ? []
        : await em.query<{ region_code: string }[]>(
            `SELECT DISTINCT region_code::text AS region_code FROM (
               SELECT region_code FROM agreement WHERE id = ANY($1::uuid[])
               UNION ALL SELECT region_code FROM insured_person WHERE id = ANY($1::uuid[])
               UNION ALL SELECT region_code FROM organization WHERE id = ANY($1::uuid[])
               UNION ALL SELECT region_code FROM claim WHERE id = ANY($1::uuid[])) r
             ORDER BY 1`,
            [uuids],
          );
    await em.insert(AuditTrailEntry, {
      regionCodes: regions.map((r) => r.region_code),
      userSub: actor.user.sub,
      role: actor.user.role,
      org: actor.user.org ?? null,
      requestId: actor.requestId,
      operation,
      ids: [...ids],
      input: redactPersonalData(input ?? {}) as object,
    });
  }

  /** The entries an AGENCY may read: objects in its token's regions, or none (national reference data). */
  list(
    user: Caller,
    operation: string | null | undefined,
    paging: PageRequest,
  ): Promise<Page<AuditTrailEntry>> {
    const base = this.db
      .getRepository(AuditTrailEntry)
      .createQueryBuilder('a')
      .where(
        `(cardinality(a.region_codes) = 0 OR EXISTS (SELECT 1 FROM unnest(a.region_codes) r WHERE r LIKE ANY(:prefixes)))`,
        { prefixes: user.regions.map((p) => `${p}%`) },
      );
    if (operation != null) {
      base.andWhere('a.operation = :operation', { operation });
    }
    return keysetPage(base, NEWEST_FIRST, paging);
  }
}
