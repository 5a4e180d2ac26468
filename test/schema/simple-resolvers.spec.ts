import { isObjectType, type GraphQLSchema } from 'graphql';
import { buildJingbanSchema } from '../../src/graphql/build-schema';

/*
 * Plain fields (a property read, no @FieldResolver) resolve with graphql-js's default resolver, not through
 * the guards (deadline, text guard, deny-by-default; build-schema.ts) that concern root fields
 * and field resolvers, and wrapping every property of every node cost the 100-claim list most of its time
 * (docs/performance.md). Every object type says `simpleResolvers: true`.
 */
describe('plain fields', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildJingbanSchema();
  });

  it.each([
    ['Claim', 'totalCost', undefined],
    ['Claim', 'settlementNumber', undefined],
    ['Agreement', 'code', undefined],
    ['BandAmount', 'amount', undefined],
  ])('%s.%s resolves by default', (type, field, resolve) => {
    const t = schema.getType(type);
    expect(isObjectType(t) && t.getFields()[field]?.resolve).toBe(resolve);
  });

  it.each([
    ['Claim', 'insuredPerson'],
    ['Claim', 'agreement'],
    ['InsuredPerson', 'idNumber'],
  ])('%s.%s keeps its resolver (a @FieldResolver, with the guards)', (type, field) => {
    const t = schema.getType(type);
    expect(isObjectType(t) && typeof t.getFields()[field]?.resolve).toBe('function');
  });

  it('covers every non-root object type: a plain field with a resolver would be a type without simpleResolvers', () => {
    const wrapped: string[] = [];
    for (const t of Object.values(schema.getTypeMap())) {
      if (!isObjectType(t) || t.name.startsWith('__') || ['Query', 'Mutation'].includes(t.name)) {
        continue;
      }
      const fields = Object.values(t.getFields());
      // A type whose every field has a resolver is suspect unless it is all field resolvers (none such here).
      if (fields.length > 0 && fields.every((f) => typeof f.resolve === 'function')) {
        wrapped.push(t.name);
      }
    }
    expect(wrapped).toEqual([]);
  });
});
