import type { DataSource } from 'typeorm';
import type { AuditActor } from '../audit-trail/audit-trail.service';
import { PersonAccessLogEntry } from './person-access-log.entity';

/** One logged read of a person: whose, and under which operation (`insuredPersons`, `insuredPerson.accumulator`, …). */
export interface PersonRead {
  readonly personId: string;
  readonly operation: string;
}

/**
 * 个人信息查阅记录 (rules.md §2; PIPL art. 51): writes the access log, always before what was read is answered, so
 * that a read the log could not record is never shown.
 * - `person_access_log`: a full ID number shown (AGENCY, INSURER), a look-up by ID number that matched a registered
 *   person (any role, answered or not: the caller typed the number), an INSTITUTION's read of a person's accumulator;
 * - `unmatched_id_lookup`: a look-up that matched no one, named by the keyed hash of the number typed.
 */
export class PersonAccessLog {
  constructor(private readonly db: DataSource) {}

  /** Appends one row per read, in one INSERT; nothing for none. */
  async record(actor: AuditActor, reads: readonly PersonRead[]): Promise<void> {
    if (reads.length === 0) {
      return;
    }
    const { user, requestId } = actor;
    await this.db.getRepository(PersonAccessLogEntry).insert(
      reads.map(({ personId, operation }) => ({
        insuredPersonId: personId,
        userSub: user.sub,
        role: user.role,
        org: user.org ?? null,
        requestId,
        operation,
      })),
    );
  }

  /** Appends a look-up that matched no registered person: the number's keyed hash, never the number. */
  async recordUnmatched(actor: AuditActor, idNumberHash: Buffer, operation: string): Promise<void> {
    const { user, requestId } = actor;
    await this.db.query(
      `INSERT INTO unmatched_id_lookup (id_number_hash, user_sub, role, org, request_id, operation)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [idNumberHash, user.sub, user.role, user.org ?? null, requestId, operation],
    );
  }
}

/** Reads once each: the same person under the same operation is logged one time. */
export const distinctReads = (reads: readonly PersonRead[]): PersonRead[] => {
  const seen = new Set<string>();
  return reads.filter((r) => {
    const key = `${r.operation}\u0000${r.personId}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
};
