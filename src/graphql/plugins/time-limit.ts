import { GraphQLError } from 'graphql';
import type { Context } from '../context';

/**
 * 请求时限 (docs/security.md, "Query limits"): every request has a deadline, checked before each resolver runs, so a
 * request that has run past it stops at the next field instead of going on (PGlite ignores `statement_timeout`; on
 * PostgreSQL the pool also sets `statement_timeout`, src/db/data-source.ts).
 */
export const REQUEST_TIME_LIMIT_MS = 30_000;

export const TIMEOUT_CODE = 'REQUEST_TIMEOUT';

export const enforceDeadline = (context: Context): void => {
  if (context.deadline !== undefined && Date.now() > context.deadline) {
    throw new GraphQLError(
      `The request ran past its time limit of ${REQUEST_TIME_LIMIT_MS / 1000} s; ask for less at once`,
      { extensions: { code: TIMEOUT_CODE } },
    );
  }
};
