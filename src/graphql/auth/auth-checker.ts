import type { AuthChecker, MiddlewareFn } from 'type-graphql';
import { DomainError, ErrorCode } from '../../shared/domain-error';
import type { Context } from '../context';
import { ACCESS_EXTENSION } from './access.decorator';
import type { Role } from './role.enum';

/**
 * type-graphql's check for `@Access`: no valid token → UNAUTHENTICATED (with the token's fault: expired, bad
 * signature…); a role not listed → FORBIDDEN (runtime.md).
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  if (!context.user) {
    throw new DomainError(
      ErrorCode.UNAUTHENTICATED,
      context.authError ?? 'A bearer token is required',
    );
  }
  if (roles.length > 0 && !roles.includes(context.user.role)) {
    throw new DomainError(ErrorCode.FORBIDDEN, `The role ${context.user.role} may not do this`);
  }
  return true;
};

/**
 * Deny by default: a Query or Mutation field that declares no `@Access` is refused, even if someone forgets the
 * decorator (the schema test also fails then).
 */
export const denyUndeclaredRootFields: MiddlewareFn<Context> = ({ info }, next) => {
  const root = info.parentType;
  if (root === info.schema.getQueryType() || root === info.schema.getMutationType()) {
    const field = root.getFields()[info.fieldName];
    if (!field?.extensions?.[ACCESS_EXTENSION]) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'This operation declares no access rule');
    }
  }
  return next();
};
