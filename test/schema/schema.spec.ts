import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLSchema,
} from 'graphql';
import { ACCESS_EXTENSION } from '../../src/graphql/auth/access.decorator';
import { buildJingbanSchema, printSortedSchema } from '../../src/graphql/build-schema';
import { contractDifferences } from '../../src/graphql/schema-tools/contract-diff';

const root = path.resolve(__dirname, '..', '..');
const read = (...p: string[]) => readFileSync(path.join(root, ...p), 'utf8');

describe('the emitted schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildJingbanSchema();
  });

  it('is what schema/schema.graphql holds (run `npm run schema:emit` after changing the API)', () => {
    expect(read('schema', 'schema.graphql')).toBe(printSortedSchema(schema));
  });

  it('declares who may call every Query and Mutation field (deny by default)', () => {
    const undeclared = [schema.getQueryType(), schema.getMutationType()].flatMap((t) =>
      Object.values(t?.getFields() ?? {})
        .filter((f) => {
          const roles = f.extensions?.[ACCESS_EXTENSION];
          return !Array.isArray(roles) || roles.length === 0;
        })
        .map((f) => `${t!.name}.${f.name}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        type.name.startsWith('__') ||
        (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
      ) {
        continue;
      }
      if (!type.description && !['Query', 'Mutation'].includes(type.name)) {
        missing.push(type.name);
      }
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) {
            missing.push(`${type.name}.${field.name}`);
          }
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) {
              missing.push(`${type.name}.${field.name}(${arg.name})`);
            }
          }
        }
      }
      if (isEnumType(type)) {
        missing.push(
          ...type
            .getValues()
            .filter((v) => !v.description)
            .map((v) => `${type.name}.${v.name}`),
        );
      }
      if (isUnionType(type) && !type.description) {
        missing.push(type.name);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('the public contract', () => {
  const shared = path.resolve(root, '..', 'shared', 'spec', 'contract.graphql');

  (existsSync(shared) ? it : it.skip)(
    'schema/contract.graphql is the shared contract, unchanged',
    () => {
      expect(read('schema', 'contract.graphql')).toBe(readFileSync(shared, 'utf8'));
    },
  );

  it('differs from the emitted schema only where schema/contract-pending.txt says, and that list only shrinks', () => {
    const differences = contractDifferences(
      read('schema', 'contract.graphql'),
      read('schema', 'schema.graphql'),
    );
    const pending = read('schema', 'contract-pending.txt')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect({ notPending: differences.filter((d) => !pending.includes(d)) }).toEqual({
      notPending: [],
    });
    expect({ noLongerOccurring: pending.filter((p) => !differences.includes(p)) }).toEqual({
      noLongerOccurring: [],
    });
  });
});
