import {
  isObjectType,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { Role } from '../../src/shared/caller';
import { buildJingbanSchema } from '../../src/graphql/build-schema';
import type { Context } from '../../src/graphql/context';
import { ReadAhead } from '../../src/graphql/read-ahead';

/*
 * The guards around every resolver (build-schema.ts `guardResolvers`, plain calls (docs/performance.md) instead of
 * type-graphql middlewares): on a root field who may call it, then the deadline, then unstorable text; on any other
 * field with a resolver the deadline. Each refusal, and their order, as a table.
 */
describe('resolver guards', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildJingbanSchema();
  });

  const fieldOf = (type: string, name: string): GraphQLField<unknown, Context> => {
    const t = schema.getType(type);
    if (!isObjectType(t)) {
      throw new Error(type);
    }
    return t.getFields()[name] as GraphQLField<unknown, Context>;
  };
  const agency = { sub: 'a', role: Role.AGENCY, regions: ['41'] };
  const insurer = { sub: 'i', role: Role.INSURER, regions: ['41'], organizationId: 'x' };
  const later = Date.now() + 60_000;
  /** Loaders that find nothing: the guards let the relation through, and what it then answers is not the point. */
  const noRows = {
    insuredPersonById: { load: () => Promise.resolve(null) },
  } as unknown as Context['loaders'];
  const earlier = Date.now() - 1;

  /** The code and field of what the resolver throws, or 'passed' when the guards let it through. */
  const refusal = (
    field: GraphQLField<unknown, Context>,
    context: Partial<Context>,
    args: Record<string, unknown>,
  ): string => {
    try {
      void Promise.resolve(
        field.resolve!({}, args, context as Context, {} as GraphQLResolveInfo),
      ).catch(() => undefined);
      return 'passed';
    } catch (e) {
      const err = e as { code?: string; field?: string; extensions?: { code?: string } };
      return [err.code ?? err.extensions?.code, err.field].filter(Boolean).join(' ');
    }
  };

  it.each([
    ['no token', 'Query', 'agreement', { deadline: later }, { id: 'x' }, 'UNAUTHENTICATED'],
    [
      'no token, bad text: access first',
      'Query',
      'agreement',
      { deadline: later },
      { id: 'a\u0000' },
      'UNAUTHENTICATED',
    ],
    [
      'a role not listed',
      'Mutation',
      'createAgreement',
      { user: insurer, deadline: later },
      {},
      'FORBIDDEN',
    ],
    [
      'past the deadline',
      'Query',
      'agreement',
      { user: agency, deadline: earlier },
      { id: 'x' },
      'REQUEST_TIMEOUT',
    ],
    [
      'a NUL in an argument',
      'Query',
      'agreement',
      { user: agency, deadline: later },
      { id: 'a\u0000' },
      'BAD_USER_INPUT id',
    ],
    [
      'a lone surrogate deep in an input',
      'Mutation',
      'createAgreement',
      { user: agency, deadline: later },
      { input: { title: ['ok', 'x\uD800'] } },
      'BAD_USER_INPUT input.title[1]',
    ],
    [
      'a zero-width space in a code',
      'Mutation',
      'createOrganization',
      { user: agency, deadline: later },
      { input: { code: 'DEMO-ZZ-H1\u200B', name: 'x' } },
      'BAD_USER_INPUT input.code',
    ],
    [
      'a right-to-left override in a name',
      'Mutation',
      'createOrganization',
      { user: agency, deadline: later },
      { input: { code: 'C', name: 'ab\u202Ecba' } },
      'BAD_USER_INPUT input.name',
    ],
    [
      'no token, zero-width text: access first',
      'Mutation',
      'createOrganization',
      { deadline: later },
      { input: { code: 'DEMO-ZZ-H1\u200B' } },
      'UNAUTHENTICATED',
    ],
    [
      'a relation past the deadline',
      'Claim',
      'insuredPerson',
      { user: agency, deadline: earlier },
      {},
      'REQUEST_TIMEOUT',
    ],
    [
      'a relation in time',
      'Claim',
      'insuredPerson',
      { user: agency, deadline: later, loaders: noRows, readAhead: new ReadAhead() },
      {},
      'passed',
    ],
    ['allowed', 'Query', 'agreement', { user: agency, deadline: later }, { id: 'x' }, 'passed'],
  ] as const)('%s', (_case, type, name, context, args, expected) => {
    expect(refusal(fieldOf(type, name), context, args)).toBe(expected);
  });

  it('refuses a root field that declares no access rule, whoever calls', () => {
    const field = fieldOf('Query', 'agreement');
    const extensions = field.extensions;
    (field as { extensions: unknown }).extensions = {};
    try {
      expect(refusal(field, { user: agency, deadline: later }, { id: 'x' })).toBe('FORBIDDEN');
    } finally {
      (field as { extensions: unknown }).extensions = extensions;
    }
  });
});
