import type { GraphQLField, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { ACCESS_EXTENSION } from '../graphql/auth/access.decorator';
import { ALL_ROLES } from '../shared/caller';

/** What the file says before the tables; the tables come from the schema. */
const HEADER = `# Who may call what: the access matrix

Written by \`npm run docs:access\` from the schema's access declarations: the \`@Access(...)\` roles of every Query and
Mutation field (\`src/graphql/auth/access.decorator.ts\`), which the server enforces before the field runs (deny by
default: a root field without a declaration is refused, and fails the schema test). A test fails when this file differs
from what the script writes: do not edit it, change the declarations and run the script.

**yes**: the role may call the field. **—**: the field answers \`FORBIDDEN\` to that role. A role that may call a field
still sees only its own share of the data, decided by the services: an object outside the caller's regions, or not of
its organization or of agreements where it is party B, is absent (\`null\` from a single-object query, left out of lists,
\`NOT_FOUND\` from a mutation), and a nested field never reveals what the top-level query would refuse. The roles, the
token claims and those rules: [guides/front-end.md](guides/front-end.md) ("Tokens, roles and regions"),
[security.md](security.md); per area, [rules-as-implemented.md](rules-as-implemented.md), whose sections §1–§9 are
those the descriptions cite as \`rules.md §N\`.
`;

/**
 * The first sentence of a description, on one line, safe inside a Markdown table cell. A period after `art`, `arts`,
 * `e.g` or `i.e` does not end a sentence (`Henan art. 21`).
 */
const summary = (description: string | null | undefined): string => {
  const text = (description ?? '').replace(/\s+/g, ' ').trim();
  const end = text.search(/(?<!\b(?:arts?|e\.g|i\.e))[.。](\s|$)/);
  return (end >= 0 ? text.slice(0, end + 1) : text).replace(/\|/g, '\\|');
};

const rolesOf = (field: GraphQLField<unknown, unknown>): readonly string[] => {
  const roles = field.extensions?.[ACCESS_EXTENSION];
  return Array.isArray(roles) ? (roles as string[]) : [];
};

const table = (type: GraphQLObjectType | null | undefined, title: string): string[] => {
  const fields = Object.values(type?.getFields() ?? {}).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  return [
    `## ${title} (${fields.length})`,
    '',
    `| field | ${ALL_ROLES.join(' | ')} | what it does |`,
    `|---|${ALL_ROLES.map(() => ':-:').join('|')}|---|`,
    ...fields.map((f) => {
      const roles = rolesOf(f);
      const cells = ALL_ROLES.map((r) => (roles.includes(r) ? 'yes' : '—'));
      return `| \`${f.name}\` | ${cells.join(' | ')} | ${summary(f.description)} |`;
    }),
    '',
  ];
};

/** docs/access-matrix.md as the schema declares it. */
export const accessMatrix = (schema: GraphQLSchema): string =>
  [
    HEADER,
    ...table(schema.getQueryType(), 'Queries'),
    ...table(schema.getMutationType(), 'Mutations'),
  ].join('\n');
