import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, ErrorCode } from '../../shared/domain-error';
import type { Context } from '../context';

/**
 * The HTTP side of `RATE_LIMITED` (rules.md §2; runtime.md: "Too many look-ups by ID number (60 a minute):
 * RATE_LIMITED (HTTP 429)"): a response with such an error is answered with status 429 and a `Retry-After` header (the
 * longest wait of its refusals, in seconds), whatever else the operation answered. Both request paths (POST /graphql
 * past express, and express) and the exports run through Apollo, so all answer alike.
 */
export const rateLimitPlugin = (): ApolloServerPlugin<Context> => ({
  async requestDidStart() {
    let retryAfter = 0;
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) {
          const original = unwrapResolverError(error);
          if (original instanceof DomainError && original.code === ErrorCode.RATE_LIMITED) {
            retryAfter = Math.max(retryAfter, original.retryAfterSeconds ?? 1);
          }
        }
      },
      async willSendResponse({ response }) {
        if (retryAfter > 0) {
          response.http.status = 429;
          response.http.headers.set('retry-after', String(retryAfter));
        }
      },
    };
  },
});
