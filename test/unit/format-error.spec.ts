import { ApolloServer } from '@apollo/server';
import {
  GraphQLInputObjectType,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { formatError, isClientError } from '../../src/graphql/errors/format-error';
import { DomainError, ErrorCode, rateLimited } from '../../src/shared/domain-error';
import { MoneyScalar } from '../../src/graphql/scalars';

/**
 * The error formatter on a Money argument (the domain's first Money field comes with claims): a bad Money, sent as a
 * variable or inline, answers BAD_USER_INPUT naming the input field, never the value.
 */
describe('formatError with Money inputs', () => {
  const Input = new GraphQLInputObjectType({
    name: 'ClaimLikeInput',
    fields: {
      totalCost: { type: new GraphQLNonNull(MoneyScalar) },
      idNumber: { type: GraphQLString },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        echo: {
          type: GraphQLString,
          args: { input: { type: new GraphQLNonNull(Input) } },
          resolve: (_r, { input }: { input: { totalCost: { toFixed(n: number): string } } }) =>
            input.totalCost.toFixed(2),
        },
      },
    }),
  });
  const server = new ApolloServer({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  const run = async (query: string, variables?: Record<string, unknown>) => {
    const res = await server.executeOperation({ query, variables });
    if (res.body.kind !== 'single') {
      throw new Error('single result expected');
    }
    return res.body.singleResult;
  };

  it('accepts a good Money', async () => {
    expect((await run('{ echo(input: { totalCost: "12.5" }) }')).data).toEqual({ echo: '12.50' });
  });

  it.each([
    ['a JSON number', 12.5],
    ['three decimals', '1.234'],
    ['a personal number', '110105194912310021'.slice(0, 17) + 'x'],
    ['words', 'abc'],
  ])('refuses %s as a variable, naming input.totalCost without the value', async (_name, value) => {
    const r = await run('query Q($i: ClaimLikeInput!) { echo(input: $i) }', {
      i: { totalCost: value, idNumber: '110105194912310021' },
    });
    const text = JSON.stringify(r);
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.totalCost' });
    expect(text).not.toContain('110105194912310021');
    expect(text).not.toContain(String(value));
  });

  it('refuses a bad inline Money literal, naming input.totalCost', async () => {
    const r = await run('{ echo(input: { totalCost: 12.5 }) }');
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.totalCost' });
    expect(JSON.stringify(r)).not.toContain('12.5');
  });

  it('masks an unexpected error as INTERNAL_SERVER_ERROR with no stack', () => {
    const out = formatError(
      { message: 'relation "x" does not exist at /src/db.ts:10' },
      new Error('boom'),
    );
    expect(out).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it.each(Object.values(ErrorCode))('passes the contract code %s through', (code) => {
    const error = new DomainError(code, 'refused', { field: 'input.x' });
    expect(formatError({ message: 'refused' }, error)).toEqual({
      message: 'refused',
      extensions: { code, field: 'input.x' },
    });
    expect(isClientError(error)).toBe(true);
  });

  it('answers RATE_LIMITED with the seconds to wait', () => {
    const out = formatError({ message: 'x' }, rateLimited('At most 60 look-ups a minute', 17));
    expect(out.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 17 });
  });
});
