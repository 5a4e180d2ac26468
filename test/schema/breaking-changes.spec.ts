import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  coordinateOf,
  unlistedBreakingChanges,
  unreleasedBreaking,
} from '../helpers/breaking-changes';

const root = path.resolve(__dirname, '..', '..');
const read = (...p: string[]) => readFileSync(path.join(root, ...p), 'utf8');

/** Released versions in schema/released/, oldest first. */
const releases = (): string[] =>
  readdirSync(path.join(root, 'schema', 'released'))
    .map((f) => /^(\d+)\.(\d+)\.(\d+)\.graphql$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort(
      (a, b) =>
        Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]) || Number(a[3]) - Number(b[3]),
    )
    .map((m) => `${m[1]}.${m[2]}.${m[3]}`);

describe('schema changes visible to clients', () => {
  it('break nothing since the last release that CHANGELOG.md’s Unreleased section does not list under “Breaking”', () => {
    const last = releases().at(-1)!;
    expect(
      unlistedBreakingChanges(
        read('schema', 'released', `${last}.graphql`),
        read('schema', 'schema.graphql'),
        read('CHANGELOG.md'),
      ),
    ).toEqual([]);
  });

  it('keep the schema of every release CHANGELOG.md names, the current version’s included', () => {
    const changelog = read('CHANGELOG.md');
    const named = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\]/gm)].map((m) => m[1]);
    const { version } = JSON.parse(read('package.json')) as { version: string };
    expect(named).toContain(version);
    expect(releases()).toEqual([...named].reverse());
  });
});

describe('the breaking-change check', () => {
  const released = `
    type Query {
      claim(id: ID!): Claim
      claims(first: Int): [Claim!]!
      legacy: String
    }
    type Claim { id: ID! status: Status! amount: String count: Int }
    enum Status { PAID OPEN GONE }
    input Filter { from: String }
    type Orphan { x: Int }
    type Mutation { act(filter: Filter): Boolean }
  `;
  const changelog = (breaking: string, elsewhere = '') => `# Changelog

## [Unreleased]

### Added

- something${elsewhere}

### Breaking

${breaking}

## [0.1.0] - 2026-12-07

### Breaking

- \`Query.legacy\` (listed under a release, which does not count)
`;

  it('finds nothing between a schema and itself, or after additions only', () => {
    expect(unlistedBreakingChanges(released, released, '')).toEqual([]);
    const added = released
      .replace('legacy: String', 'legacy: String\n newField: Int')
      .replace('PAID OPEN GONE', 'PAID OPEN GONE LATE')
      .replace('claims(first: Int)', 'claims(first: Int, after: String)');
    expect(unlistedBreakingChanges(released, added, '')).toEqual([]);
  });

  it.each([
    ['a removed field', released.replace('legacy: String', ''), 'Query.legacy'],
    [
      'a field made nullable',
      released.replace('status: Status!', 'status: Status'),
      'Claim.status',
    ],
    [
      'an argument whose type changed',
      released.replace('claims(first: Int)', 'claims(first: String)'),
      'Query.claims(first:)',
    ],
    [
      'a required argument added',
      released.replace('claims(first: Int)', 'claims(first: Int, region: String!)'),
      'Query.claims(region:)',
    ],
    [
      'a removed argument',
      released.replace('claims(first: Int)', 'claims'),
      'Query.claims(first:)',
    ],
    ['a removed enum value', released.replace('PAID OPEN GONE', 'PAID OPEN'), 'Status.GONE'],
    [
      'a required input field added',
      released.replace('from: String', 'from: String to: String!'),
      'Filter.to',
    ],
    ['a removed type', released.replace('type Orphan { x: Int }', ''), 'Orphan'],
  ])(
    'names %s by its coordinate, and accepts it once listed under Breaking',
    (_name, current, coordinate) => {
      expect(unlistedBreakingChanges(released, current, changelog('- nothing yet'))).toEqual([
        { coordinate, description: expect.any(String) as string },
      ]);
      expect(
        unlistedBreakingChanges(
          released,
          current,
          changelog(`- \`${coordinate}\`: why, and what clients do instead`),
        ),
      ).toEqual([]);
    },
  );

  it('does not take a mention outside Unreleased’s Breaking list, or a longer coordinate, for a listing', () => {
    const current = released.replace('legacy: String', '').replace('claim(id: ID!): Claim', '');
    // Query.legacy is listed under 0.1.0 and under Unreleased's Added; Query.claims is not Query.claim.
    const answer = unlistedBreakingChanges(
      released,
      current,
      changelog('- `Query.claims` changed', ': Query.legacy, Query.claim'),
    );
    expect(answer.map((c) => c.coordinate).sort()).toEqual(['Query.claim', 'Query.legacy']);
    expect(
      unlistedBreakingChanges(
        released,
        current,
        changelog('- Query.claim and Query.legacy removed'),
      ),
    ).toEqual([]);
  });

  it('reads the Breaking list of the Unreleased section only', () => {
    expect(unreleasedBreaking(changelog('- `A.b`'))).toBe('\n- `A.b`\n');
    expect(unreleasedBreaking('# Changelog\n\n## [Unreleased]\n\n### Added\n\n- x\n')).toBe('');
    expect(unreleasedBreaking('# Changelog\n\n## [0.1.0]\n\n### Breaking\n\n- `A.b`\n')).toBe('');
  });

  it('names directive changes by the directive', () => {
    expect(
      coordinateOf({ type: 'DIRECTIVE_REMOVED' as never, description: 'cached was removed.' }),
    ).toBe('@cached');
    expect(
      coordinateOf({
        type: 'DIRECTIVE_LOCATION_REMOVED' as never,
        description: 'FIELD was removed from cached.',
      }),
    ).toBe('@cached');
  });
});
