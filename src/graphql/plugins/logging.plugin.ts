import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { isClientError } from '../errors/format-error';

/**
 * One JSON log line per GraphQL request: request id, user, operation, duration and error codes. Faults (anything
 * not a client error) are logged here with their stack, once; the response shows only a masked message.
 */
export const loggingPlugin = (): ApolloServerPlugin<Context> => ({
  async requestDidStart({ contextValue }) {
    const started = process.hrtime.bigint();
    return {
      async didEncounterErrors({ errors, operationName }) {
        for (const error of errors) {
          if (!isClientError(error)) {
            contextValue.logger.error(
              {
                requestId: contextValue.requestId,
                operationName,
                err: error.originalError ?? error,
              },
              'request failed',
            );
          }
        }
      },
      async willSendResponse({ operationName, operation, response }) {
        const body = response.body;
        const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
        contextValue.logger.info(
          {
            requestId: contextValue.requestId,
            user: contextValue.user?.sub,
            role: contextValue.user?.role,
            operation: operationName ?? operation?.operation,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            errors: errors.map((e) => e.extensions?.code),
          },
          'graphql',
        );
      },
    };
  },
});
