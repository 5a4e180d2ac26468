import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCode } from '../../shared/domain-error';
import { inputPathAtOffset, inputPathOfVariable } from './input-path';

/** Codes a client may see as they are: the contract's (ErrorCode), and the request-shape failures of Apollo/graphql-js. */
const PASS_THROUGH = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'REQUEST_TIMEOUT',
  ...Object.values(ErrorCode),
]);

/** graphql-js's own messages that repeat the refused value; the value may be a personal number. */
const withoutValue = (reason: string): string =>
  reason
    .replace(/^(\w+ cannot represent[^:]*):[\s\S]*$/, '$1.')
    .replace(
      /^Value [\s\S]* does not exist in "(\w+)" enum\.[\s\S]*$/,
      'Not a value of the $1 enum.',
    )
    .replace(
      /^Expected value of type "([^"]+)", found [\s\S]*?(?:; ([\s\S]*))?$/,
      (_m, t: string, r?: string) => (r ? r : `Expected a value of type ${t}.`),
    );

const badInput = (
  message: string,
  field: string | undefined,
  formatted: GraphQLFormattedError,
): GraphQLFormattedError => ({
  message,
  locations: formatted.locations,
  extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) },
});

const VAR_INVALID = /^Variable "\$(\w+)" got invalid value /;
const VAR_MISSING =
  /^Variable "\$(\w+)" of (?:required|non-null) type "[^"]+" (?:was not provided|must not be null)\./;
const FIELD_MISSING = /^Field "(?:\w+\.)?(\w+)" of required type "[^"]+" was not provided\./;
const FIELD_UNKNOWN = /^Field "(\w+)" is not defined by type "\w+"\./;

/** A variable that failed coercion: keep the path, drop the value (stack.md, "Personal numbers in error messages"). */
const variableError = (
  error: GraphQLError,
  formatted: GraphQLFormattedError,
): GraphQLFormattedError => {
  const body = error.source?.body ?? '';
  const missing = VAR_MISSING.exec(error.message);
  if (missing) {
    const field = inputPathOfVariable(body, missing[1]!);
    return badInput(`${field ?? `$${missing[1]}`} is required.`, field, formatted);
  }
  const name = VAR_INVALID.exec(error.message)![1]!;
  const originalMessage = error.originalError?.message ?? '';
  const prefix = originalMessage
    ? error.message.slice(0, error.message.length - originalMessage.length - 2)
    : '';
  const at = new RegExp(`at "${name}((?:\\.\\w+|\\[\\d+\\])*)"$`).exec(prefix);
  let suffix = at?.[1] ?? '';
  let reason = withoutValue(originalMessage || 'Invalid value.');
  const fieldMissing = FIELD_MISSING.exec(originalMessage) ?? FIELD_UNKNOWN.exec(originalMessage);
  if (fieldMissing) {
    suffix += `.${fieldMissing[1]}`;
    reason = FIELD_UNKNOWN.test(originalMessage) ? 'Not a field of this input.' : 'Required.';
  }
  const base = inputPathOfVariable(body, name) ?? name;
  const field = `${base}${suffix}`;
  return badInput(`Invalid value for ${field}: ${reason}`, field, formatted);
};

/**
 * A bad inline literal: graphql-js reports it as a validation error on the value node. When that node lies inside an
 * argument, it is the caller's input: `BAD_USER_INPUT` with the path found in the document, without the value.
 * Undefined for other validation errors.
 */
const inlineError = (
  error: GraphQLError,
  formatted: GraphQLFormattedError,
): GraphQLFormattedError | undefined => {
  const body = error.source?.body ?? '';
  const start = error.nodes?.[0]?.loc?.start;
  const at = start === undefined ? undefined : inputPathAtOffset(body, start);
  if (at === undefined) {
    return undefined;
  }
  let field = at;
  let reason = withoutValue(error.message);
  const fieldMissing = FIELD_MISSING.exec(error.message) ?? FIELD_UNKNOWN.exec(error.message);
  if (fieldMissing) {
    field = `${at}.${fieldMissing[1]}`;
    reason = FIELD_UNKNOWN.test(error.message) ? 'Not a field of this input.' : 'Required.';
  }
  return badInput(`Invalid value for ${field}: ${reason}`, field, formatted);
};

/**
 * The one error formatter (style.md §6; contract.graphql's header: the error codes). `DomainError` → its contract code,
 * `field`, `reason` and, for `RATE_LIMITED`, `retryAfter` (seconds; the HTTP answer also carries it as `Retry-After`:
 * plugins/rate-limit.plugin.ts); variable-coercion failures and bad inline literals → `BAD_USER_INPUT` naming the
 * field, without the value; request shape failures pass; anything else → `INTERNAL_SERVER_ERROR` with a fixed message
 * (it is logged with the request id by the logging plugin). No stack, SQL or path reaches the client.
 */
export const formatError = (
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError => {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: original.code,
        ...(original.field ? { field: original.field } : {}),
        ...(original.reason ? { reason: original.reason } : {}),
        ...(original.retryAfterSeconds !== undefined
          ? { retryAfter: original.retryAfterSeconds }
          : {}),
      },
    };
  }
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : '';
  if (error instanceof GraphQLError) {
    if (
      code === 'BAD_USER_INPUT' &&
      (VAR_INVALID.test(error.message) || VAR_MISSING.test(error.message))
    ) {
      return variableError(error, formatted);
    }
    const inline = code === 'GRAPHQL_VALIDATION_FAILED' ? inlineError(error, formatted) : undefined;
    if (inline) {
      return inline;
    }
    if (PASS_THROUGH.has(code)) {
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code,
          ...(formatted.extensions?.field ? { field: formatted.extensions.field } : {}),
        },
      };
    }
  }
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
};

/** Whether an error is one the client caused (not logged as a server fault). */
export const isClientError = (error: unknown): boolean => {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return true;
  }
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  return typeof code === 'string' && PASS_THROUGH.has(code);
};
