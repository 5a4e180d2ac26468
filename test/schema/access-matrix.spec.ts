import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { accessMatrix } from '../../src/cli/access-matrix';
import { ACCESS_EXTENSION } from '../../src/graphql/auth/access.decorator';
import { buildJingbanSchema } from '../../src/graphql/build-schema';

describe('docs/access-matrix.md', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildJingbanSchema();
  });

  it('is what `npm run docs:access` writes from the schema’s access declarations', () => {
    const committed = readFileSync(
      path.join(__dirname, '..', '..', 'docs', 'access-matrix.md'),
      'utf8',
    );
    expect(committed).toBe(accessMatrix(schema));
  });

  it('has a row for every root field, marking exactly its declared roles', () => {
    const text = accessMatrix(schema);
    for (const type of [schema.getQueryType()!, schema.getMutationType()!]) {
      for (const field of Object.values(type.getFields())) {
        const roles = field.extensions[ACCESS_EXTENSION] as string[];
        const row = text.split('\n').find((l) => l.startsWith(`| \`${field.name}\` |`));
        const cells = row!.split(' | ').slice(1, 5);
        expect([field.name, cells]).toEqual([
          field.name,
          ['AGENCY', 'INSURER', 'INSTITUTION', 'REPORTING'].map((r) =>
            roles.includes(r) ? 'yes' : '—',
          ),
        ]);
      }
    }
  });

  it('changes when a declaration changes, and keeps a description’s first sentence on one line', () => {
    const small = buildSchema(`
      type Query {
        """协议: an agreement | by id. More text
        on a second line."""
        agreement: Int
        "No period at the end"
        zebra: Int
      }
      type Mutation { act: Int }
    `);
    const fields = small.getQueryType()!.getFields();
    fields.agreement!.extensions = { [ACCESS_EXTENSION]: ['AGENCY', 'REPORTING'] };
    fields.zebra!.extensions = { [ACCESS_EXTENSION]: ['INSURER'] };
    small.getMutationType()!.getFields().act!.extensions = { [ACCESS_EXTENSION]: ['AGENCY'] };
    const text = accessMatrix(small);
    expect(text).toContain('## Queries (2)');
    expect(text).toContain(
      '| `agreement` | yes | — | — | yes | 协议: an agreement \\| by id. |\n| `zebra` | — | yes | — | — | No period at the end |',
    );
    expect(text).toContain('## Mutations (1)');
    expect(text).toContain('| `act` | yes | — | — | — |  |');
    fields.zebra!.extensions = { [ACCESS_EXTENSION]: ['INSURER', 'INSTITUTION'] };
    expect(accessMatrix(small)).toContain('| `zebra` | — | yes | yes | — |');
  });
});
