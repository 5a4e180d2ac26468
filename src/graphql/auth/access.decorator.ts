import { Extensions } from 'type-graphql';
import { ALL_ROLES, type Role } from '../../shared/caller';

/** The schema extension that records who may call a root field; read by the deny-by-default guard and the tests. */
export const ACCESS_EXTENSION = 'access';

/**
 * Declares who may call a Query or Mutation field (runtime.md's matrix). Every root field needs one: a root field
 * without it is refused at run time (`checkAccess`, applied by build-schema.ts) and fails the schema test. Object-level rules
 * (regions, organization) are the service's to apply.
 */
export const Access = (...roles: Role[]): MethodDecorator & PropertyDecorator => {
  if (roles.length === 0) {
    throw new Error(
      'Access() needs at least one role; use Access(...ALL_ROLES) for every signed-in caller',
    );
  }
  return Extensions({ [ACCESS_EXTENSION]: roles });
};

/** Every signed-in role. */
export const ANY_ROLE: readonly Role[] = ALL_ROLES;
