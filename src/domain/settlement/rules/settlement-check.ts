import { DomainError, ErrorCode } from '../../../shared/domain-error';

/**
 * Why a settlement action is refused (rules.md §10.1). `BAD_USER_INPUT` names the argument at fault (`month`,
 * `declaredOn`, `claimId`, `amount`, …: the contract's argument names); `CONFLICT` is a state that another action
 * changed first (a settlement already approved or paid, a hold already lifted). The message never repeats the
 * refused value.
 */
export interface Refusal {
  readonly code: ErrorCode.BAD_USER_INPUT | ErrorCode.CONFLICT;
  readonly field: string;
  readonly message: string;
}

/** The result of a settlement check: the accepted value, or why it is refused. Nothing is thrown by the rules. */
export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };

export const accept = <T>(value: T): Checked<T> => ({ ok: true, value });

export const refuse = <T = never>(field: string, message: string): Checked<T> => ({
  ok: false,
  refusal: { code: ErrorCode.BAD_USER_INPUT, field, message },
});

export const conflictOn = <T = never>(field: string, message: string): Checked<T> => ({
  ok: false,
  refusal: { code: ErrorCode.CONFLICT, field, message },
});

/**
 * The accepted value, or the refusal thrown as the `DomainError` the contract expects (`extensions.code`, and
 * `extensions.field` for `BAD_USER_INPUT`): how a service turns a check into its answer.
 */
export function valueOrThrow<T>(checked: Checked<T>): T {
  if (!checked.ok) {
    const { code, field, message } = checked.refusal;
    throw new DomainError(code, message, { field });
  }
  return checked.value;
}
