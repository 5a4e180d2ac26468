import { BreakingChangeType, buildSchema, findBreakingChanges, type BreakingChange } from 'graphql';

/**
 * The schema coordinate a breaking change is about (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`,
 * `@directive`), read from graphql-js's description of it: what CHANGELOG.md's "Breaking" list must name.
 */
export const coordinateOf = (change: BreakingChange): string => {
  const d = change.description;
  const match = (re: RegExp) => re.exec(d);
  let m: RegExpExecArray | null;
  switch (change.type) {
    case BreakingChangeType.ARG_REMOVED:
    case BreakingChangeType.ARG_CHANGED_KIND:
      m = match(/^(\w+)\.(\w+) arg (\w+) /);
      return m ? `${m[1]}.${m[2]}(${m[3]}:)` : d;
    case BreakingChangeType.REQUIRED_ARG_ADDED:
      m = match(/^A required arg (\w+) on (\w+)\.(\w+) was added/);
      return m ? `${m[2]}.${m[3]}(${m[1]}:)` : d;
    case BreakingChangeType.VALUE_REMOVED_FROM_ENUM:
      m = match(/^(\w+) was removed from enum type (\w+)\./);
      return m ? `${m[2]}.${m[1]}` : d;
    case BreakingChangeType.REQUIRED_INPUT_FIELD_ADDED:
      m = match(/^A required field (\w+) on input type (\w+) was added/);
      return m ? `${m[2]}.${m[1]}` : d;
    case BreakingChangeType.TYPE_REMOVED_FROM_UNION:
      m = match(/^\w+ was removed from union type (\w+)\./);
      return m ? m[1]! : d;
    case BreakingChangeType.IMPLEMENTED_INTERFACE_REMOVED:
    case BreakingChangeType.TYPE_CHANGED_KIND:
      m = match(/^(\w+) /);
      return m ? m[1]! : d;
    case BreakingChangeType.FIELD_REMOVED:
    case BreakingChangeType.FIELD_CHANGED_KIND:
      m = match(/^(\w+)\.(\w+) /);
      return m ? `${m[1]}.${m[2]}` : d;
    case BreakingChangeType.TYPE_REMOVED:
      m = match(/^(?:Standard scalar )?(\w+) was removed\b/);
      return m ? m[1]! : d;
    case BreakingChangeType.DIRECTIVE_REMOVED:
      m = match(/^(\w+) was removed\.$/);
      return m ? `@${m[1]}` : d;
    default:
      // The other directive changes name the directive last.
      m = match(/(\w+)\.$/);
      return m ? `@${m[1]}` : d;
  }
};

/** The "### Breaking" list of CHANGELOG.md's "## [Unreleased]" section (Keep a Changelog), or '' without one. */
export const unreleasedBreaking = (changelog: string): string => {
  const lines = changelog.split('\n');
  const start = lines.findIndex((l) => /^## \[?unreleased\]?\s*$/i.test(l));
  if (start < 0) {
    return '';
  }
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^## /.test(l));
  const unreleased = end < 0 ? rest : rest.slice(0, end);
  const heading = unreleased.findIndex((l) => /^### breaking\b/i.test(l));
  if (heading < 0) {
    return '';
  }
  const list = unreleased.slice(heading + 1);
  const next = list.findIndex((l) => /^#{1,3} /.test(l));
  return (next < 0 ? list : list.slice(0, next)).join('\n');
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The breaking changes from `released` to `current` (graphql-js's findBreakingChanges, the check GraphQL Inspector's
 * `diff` runs) that CHANGELOG.md's Unreleased "Breaking" list does not name by coordinate, e.g. `Query.claims` or
 * `Query.claims(first:)` (a coordinate inside a longer one, `Query.claim` in `Query.claims`, does not count).
 */
export const unlistedBreakingChanges = (
  released: string,
  current: string,
  changelog: string,
): Array<{ coordinate: string; description: string }> => {
  const listed = unreleasedBreaking(changelog);
  return findBreakingChanges(buildSchema(released), buildSchema(current))
    .map((change) => ({ coordinate: coordinateOf(change), description: change.description }))
    .filter(
      ({ coordinate }) => !new RegExp(`(^|[^\\w.@])${escape(coordinate)}(?![\\w(])`).test(listed),
    );
};
