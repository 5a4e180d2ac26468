import { MAX_NAMED, preparedFamily, statementName } from './read';

/* The prepared-statement policy of the fast path (src/db/fast/README.md): budgets per declared family, no SELECT *. */
describe('prepared statements', () => {
  const text = (i: number) =>
    `SELECT a.id, a.code FROM agreement a WHERE a.id = $1 AND ${i} = ${i}`;

  it('names the first texts of a family up to its budget, the same text always alike, then no more', () => {
    const family = preparedFamily('spec: budget', 3);
    const names = [0, 1, 2, 3, 4].map((i) => statementName(family, text(i)));
    expect(names.slice(0, 3).every((n) => /^jingban_[0-9a-f]{24}$/.test(n ?? ''))).toBe(true);
    expect(new Set(names.slice(0, 3)).size).toBe(3);
    expect(names.slice(3)).toEqual([undefined, undefined]);
    expect(statementName(family, text(1))).toBe(names[1]);
  });

  it('gives each family its own slots: one that is full takes none of another’s', () => {
    const full = preparedFamily('spec: full', 1);
    const other = preparedFamily('spec: other', 1);
    expect(statementName(full, text(10))).toBeDefined();
    expect(statementName(full, text(11))).toBeUndefined();
    expect(statementName(other, text(11))).toBeDefined();
  });

  it(`refuses to declare more than ${MAX_NAMED} named texts in all, or a family twice`, () => {
    // 5 are declared above; the rest fit exactly, and then nothing more.
    preparedFamily('spec: the rest', MAX_NAMED - 5);
    expect(() => preparedFamily('spec: one more', 1)).toThrow(/0 of 32 left/);
    expect(() => preparedFamily('spec: budget', 1)).toThrow(/declared twice/);
  });

  it.each([
    'SELECT * FROM agreement WHERE id = $1',
    'select distinct * from agreement',
    'SELECT a.*, o.name FROM agreement a JOIN organization o ON o.id = a.party_a_id',
    'SELECT "a".* FROM agreement "a"',
  ])('refuses to name a text that selects every column: %s', (sql) => {
    const family = { family: 'spec: budget', budget: 3 };
    expect(() => statementName(family, sql)).toThrow(/never SELECT \*/);
  });

  it('names a text that only counts rows', () => {
    expect(
      statementName({ family: 'spec: the rest', budget: 27 }, 'SELECT count(*) FROM claim'),
    ).toBeDefined();
  });

  it('refuses a family nobody declared', () => {
    expect(() => statementName({ family: 'spec: nobody', budget: 1 }, text(0))).toThrow(
      /not declared/,
    );
  });
});
