import type { DataSource, EntityManager } from 'typeorm';
import { hydratorOf } from '../../db/fast/hydrate';
import { readRows } from '../../db/fast/read';
import { AgreementSuspension } from './agreement-suspension.entity';

/**
 * Suspensions with the institution's request to continue after each (Suining art. 76; `continuationRequestedOn`), read
 * in one statement: `agreement_suspension s` left-joined to its continuation, plus `join` (e.g. the agreement `a`) and
 * filtered by `where`, earliest first. The standing of an agreement (rules/agreement-standing.rule.ts) needs both.
 */
export const readSuspensions = async (
  db: DataSource | EntityManager,
  join: string,
  where: string,
  params: unknown[],
): Promise<AgreementSuspension[]> => {
  const rows = await readRows(
    db,
    `SELECT s.*, c.requested_on AS continuation_requested_on
       FROM agreement_suspension s
       LEFT JOIN agreement_suspension_continuation c ON c.suspension_id = s.id
       ${join}
      WHERE ${where}
      ORDER BY s.starts_on, s.id`,
    params,
  );
  const hydrate = hydratorOf(db, AgreementSuspension);
  return rows.map((row) => {
    const s = hydrate(row);
    s.continuationRequestedOn = (row.continuation_requested_on as string | null) ?? null;
    return s;
  });
};
