import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

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

/**
 * The entity properties a selection of fields needs, or `undefined` for all of them: a field listed in `reads` needs
 * those (a resolver's inputs); another field the property of its own name, when that is a column; any other field (a
 * resolver not listed) all of them, so a forgotten entry costs speed, never a wrong answer. `always` are added.
 */
export const propertiesNeeded = (
  fields: readonly SelectedField[],
  columns: ReadonlySet<string>,
  reads: Readonly<Record<string, readonly string[]>>,
  always: readonly string[],
): string[] | undefined => {
  const wanted = new Set(always);
  for (const field of fields) {
    const needs = reads[field.name] ?? (columns.has(field.name) ? [field.name] : undefined);
    if (!needs) {
      return undefined;
    }
    needs.forEach((p) => wanted.add(p));
  }
  return [...wanted];
};

/**
 * A memo of what a resolver derives from its selection alone (which columns, which statement), kept per field node:
 * Apollo keeps a parsed document for each query text, so the same query finds its answer again instead of walking its
 * selection every time. A field reached through several nodes (the same field twice) is not kept.
 */
export const perSelection = <T>(): ((info: GraphQLResolveInfo, derive: () => T) => T) => {
  const kept = new WeakMap<FieldNode, T>();
  return (info, derive) => {
    const node = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
    if (!node) {
      return derive();
    }
    let value = kept.get(node);
    if (value === undefined) {
      value = derive();
      kept.set(node, value);
    }
    return value;
  };
};
