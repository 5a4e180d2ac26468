import { Kind, parse, visit, type ASTNode, type DocumentNode } from 'graphql';

type PathPart = string | number;

const render = (parts: readonly PathPart[]): string =>
  parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

const parseQuietly = (body: string): DocumentNode | undefined => {
  try {
    return parse(body, { noLocation: false });
  } catch {
    return undefined;
  }
};

/**
 * The input path (`input.totalCost`, `inputs[3].totalCost`) from an operation's argument down to the AST node that
 * starts at `offset`, or down to a use of variable `$name`. Undefined when nothing matches.
 */
const pathTo = (body: string, matches: (node: ASTNode) => boolean): string | undefined => {
  const doc = parseQuietly(body);
  if (!doc) {
    return undefined;
  }
  let found: string | undefined;
  visit(doc, {
    enter(node, _key, parent, _path, ancestors) {
      if (found !== undefined || !matches(node)) {
        return undefined;
      }
      const chain = [...ancestors, parent, node].filter(
        (a): a is ASTNode => a !== undefined && !Array.isArray(a),
      );
      const argIndex = chain.findIndex((a) => a.kind === Kind.ARGUMENT);
      if (argIndex < 0) {
        return undefined;
      }
      const parts: PathPart[] = [];
      for (let i = argIndex; i < chain.length; i++) {
        const a = chain[i]!;
        if (a.kind === Kind.ARGUMENT || a.kind === Kind.OBJECT_FIELD) {
          parts.push(a.name.value);
        } else if (a.kind === Kind.LIST) {
          const child = chain[i + 1];
          const index = child ? a.values.indexOf(child as never) : -1;
          if (index >= 0) {
            parts.push(index);
          }
        }
      }
      found = render(parts);
      return false;
    },
  });
  return found;
};

/** The input path of the literal that starts at `offset` in the document. */
export const inputPathAtOffset = (body: string, offset: number): string | undefined =>
  pathTo(
    body,
    (n) => n.loc?.start === offset && n.kind !== Kind.ARGUMENT && n.kind !== Kind.OBJECT_FIELD,
  );

/** The input path where variable `$name` is used (its first use). */
export const inputPathOfVariable = (body: string, name: string): string | undefined =>
  pathTo(body, (n) => n.kind === Kind.VARIABLE && n.name.value === name);
