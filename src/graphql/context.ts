import type { DataSource } from 'typeorm';
import type { AuditActor } from '../domain/audit-trail/audit-trail.service';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Caller } from '../shared/caller';
import type { Loaders } from './loaders';
import type { ReadAhead } from './read-ahead';

/** What every resolver sees for one request: who calls, its per-request loaders, and the request id. */
export interface Context {
  readonly requestId: string;
  /** The verified caller; absent without a valid token. */
  readonly user?: Caller;
  /** Why the token was refused, when one was sent (shown in the UNAUTHENTICATED error). */
  readonly authError?: string;
  readonly loaders: Loaders;
  /** Rows read ahead for the field resolvers under the resolver that read them (read-ahead.ts). */
  readonly readAhead: ReadAhead;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly db: DataSource;
  /** Epoch milliseconds after which resolvers refuse to run (plugins/time-limit.ts). */
  readonly deadline?: number;
}

/** The caller of an operation that `@Access` has let through (it guarantees a user). */
export const callerOf = (ctx: Context): Caller => {
  if (!ctx.user) {
    throw new Error('callerOf() used on an operation without @Access');
  }
  return ctx.user;
};

/** Who a mutation is recorded against in the audit trail. */
export const actorOf = (ctx: Context): AuditActor => ({
  user: callerOf(ctx),
  requestId: ctx.requestId,
});
