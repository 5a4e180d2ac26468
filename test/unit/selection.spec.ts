import {
  Kind,
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import { fieldsOf, perSelection, propertiesNeeded } from '../../src/graphql/selection';

/* What a resolver reads of its selection (src/graphql/selection.ts; docs/performance.md): fields through fragments, the
 * properties they need (all, for a field nobody listed), and the memo per field node. */
const infoOf = (query: string): GraphQLResolveInfo => {
  const doc = parse(query);
  const op = doc.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments } as never;
};
const top = (info: GraphQLResolveInfo) => fieldsOf(info.fieldNodes[0]!.selectionSet, info);

describe('selection', () => {
  it('reads fields through fragments and inline fragments', () => {
    const info = infoOf(
      `{ agreement(id: "x") { code ...F ... on Agreement { title } } } fragment F on Agreement { partyA { name } }`,
    );
    expect(top(info).map((f) => f.name)).toEqual(['code', 'partyA', 'title']);
  });

  it.each([
    ['columns and listed resolvers', ['code', 'partyA'], ['id', 'code', 'partyAId']],
    ['a resolver nobody listed: every column', ['code', 'status'], undefined],
    ['__typename only', ['__typename'], ['id']],
  ])('%s', (_case, names, expected) => {
    const needed = propertiesNeeded(
      names.map((name) => ({ name })),
      new Set(['id', 'code', 'title', 'partyAId']),
      { __typename: [], partyA: ['partyAId'] },
      ['id'],
    );
    expect(needed).toEqual(expected);
  });

  it('derives once per field node, and for each node of its own', () => {
    const memo = perSelection<string>();
    const a = infoOf(`{ agreement(id: "x") { code } }`);
    const b = infoOf(`{ agreement(id: "x") { code } }`);
    let derived = 0;
    const derive = () => String(++derived);
    expect([memo(a, derive), memo(a, derive), memo(b, derive)]).toEqual(['1', '1', '2']);
    const twice = { ...a, fieldNodes: [a.fieldNodes[0]!, b.fieldNodes[0]!] } as GraphQLResolveInfo;
    expect([memo(twice, derive), memo(twice, derive)]).toEqual(['3', '4']);
  });
});
