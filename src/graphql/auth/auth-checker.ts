import type { GraphQLField } from 'graphql';
import { DomainError, ErrorCode } from '../../shared/domain-error';
import type { Context } from '../context';
import { ACCESS_EXTENSION } from './access.decorator';
import type { Role } from '../../shared/caller';

/**
 * The check of a root field before it runs (runtime.md): a Query or Mutation field that declares no `@Access` is
 * refused, even if someone forgets the decorator (deny by default; the schema test also fails then); no valid token →
 * UNAUTHENTICATED (with the token's fault: expired, bad signature…); a role not listed → FORBIDDEN.
 */
export const checkAccess = (field: GraphQLField<unknown, Context>, context: Context): void => {
  const roles = field.extensions?.[ACCESS_EXTENSION] as readonly Role[] | undefined;
  if (!roles) {
    throw new DomainError(ErrorCode.FORBIDDEN, 'This operation declares no access rule');
  }
  if (!context.user) {
    throw new DomainError(
      ErrorCode.UNAUTHENTICATED,
      context.authError ?? 'A bearer token is required',
    );
  }
  if (!roles.includes(context.user.role)) {
    throw new DomainError(ErrorCode.FORBIDDEN, `The role ${context.user.role} may not do this`);
  }
};
