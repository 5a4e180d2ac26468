/**
 * The error codes of the public contract (spec/contract.graphql, header). Every refusal a service makes is a
 * `DomainError` with one of them; `src/graphql/errors/format-error.ts` maps it to `extensions.code`.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  /** Too many look-ups by ID number (rules.md §2; runtime.md): answered with HTTP 429 and `Retry-After`. */
  RATE_LIMITED = 'RATE_LIMITED',
}

export interface DomainErrorOptions {
  /** The input at fault, as a path from the operation's arguments, e.g. `input.totalCost`. */
  readonly field?: string;
  /** A finer, stable reason where useful, e.g. `INSTITUTION_SUSPENDED`. */
  readonly reason?: string;
  /** For `RATE_LIMITED`: whole seconds until a retry may pass (the HTTP answer's `Retry-After`). */
  readonly retryAfterSeconds?: number;
}

/** A refusal with a contract code. Its message is shown to the caller: never put personal data or SQL in it. */
export class DomainError extends Error {
  readonly field?: string;
  readonly reason?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.field = options.field;
    this.reason = options.reason;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const badInput = (field: string, message: string): DomainError =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, { field });

export const notFound = (what: string, field?: string): DomainError =>
  new DomainError(ErrorCode.NOT_FOUND, `${what} not found`, { field });

export const conflict = (message: string, field?: string): DomainError =>
  new DomainError(ErrorCode.CONFLICT, message, { field });

export const forbidden = (message = 'Your role may not do this'): DomainError =>
  new DomainError(ErrorCode.FORBIDDEN, message);

export const rateLimited = (message: string, retryAfterSeconds: number): DomainError =>
  new DomainError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });
