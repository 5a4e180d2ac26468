import type { EntityManager } from 'typeorm';
import type { User } from '../../graphql/auth/user';
import { AuditTrailEntry } from './audit-trail.entity';
import { redactPersonalData } from './redact';

export interface AuditActor {
  readonly user: User;
  readonly requestId: string;
}

/**
 * 操作留痕 (runtime.md; issue 2 item 8): every successful mutation appends one row — who, when, which operation,
 * which ids, and its input with personal numbers removed — in the same transaction as the change, so a rejected
 * mutation leaves none.
 */
export class AuditTrailService {
  async record(
    em: EntityManager,
    actor: AuditActor,
    operation: string,
    ids: readonly string[],
    input: unknown,
  ): Promise<void> {
    await em.insert(AuditTrailEntry, {
      userSub: actor.user.sub,
      role: actor.user.role,
      org: actor.user.org ?? null,
      requestId: actor.requestId,
      operation,
      ids: [...ids],
      input: redactPersonalData(input ?? {}) as object,
    });
  }
}
