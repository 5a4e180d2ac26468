import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** A field of a selection: its name and its own selection, if any. */
export interface SelectedField {
  readonly name: string;
  readonly set?: SelectionSetNode;
}

/**
 * The fields of a selection set, through fragments and inline fragments. Directives (`@include`, `@skip`) are
 * ignored: the callers use the answer to read more or less from the database, and reading a field that ends up
 * skipped is only a little slower, never wrong.
 */
export const fieldsOf = (
  set: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  out: SelectedField[] = [],
): SelectedField[] => {
  for (const s of set?.selections ?? []) {
    if (s.kind === Kind.FIELD) {
      out.push({ name: s.name.value, set: s.selectionSet });
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      fieldsOf(s.selectionSet, info, out);
    } else {
      fieldsOf(info.fragments[s.name.value]?.selectionSet, info, out);
    }
  }
  return out;
};

/** The names the resolving field selects directly (all its field nodes, through fragments). */
export const selectedNames = (info: GraphQLResolveInfo): Set<string> =>
  new Set(info.fieldNodes.flatMap((node) => fieldsOf(node.selectionSet, info).map((f) => f.name)));
