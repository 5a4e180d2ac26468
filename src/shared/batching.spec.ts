import { groupedInKeyOrder, inKeyOrder, lazily, required } from './batching';

/* Batching helpers (style.md §5): key order, groups, and objects made on first read. */
describe('lazily', () => {
  it('makes a property on its first read, once, and never one not read', () => {
    const made: string[] = [];
    const o = lazily<{ a: { n: number }; b: { n: number } }>('test', {
      a: () => (made.push('a'), { n: 1 }),
      b: () => (made.push('b'), { n: 2 }),
    });
    expect(made).toEqual([]);
    const first = o.a;
    expect(o.a).toBe(first);
    expect(first).toEqual({ n: 1 });
    expect(made).toEqual(['a']);
    expect(o.b).toEqual({ n: 2 });
    expect(made).toEqual(['a', 'b']);
    // Another object of the same shape has its own makers and values.
    const other = lazily<{ a: { n: number }; b: { n: number } }>('test', {
      a: () => ({ n: 3 }),
      b: () => ({ n: 4 }),
    });
    expect([other.a, o.a]).toEqual([{ n: 3 }, { n: 1 }]);
  });
});

describe('key order', () => {
  const rows = [
    { k: 'b', v: 1 },
    { k: 'a', v: 2 },
    { k: 'b', v: 3 },
  ];

  it('answers rows in key order, null for a miss', () => {
    expect(inKeyOrder(['a', 'x', 'b'], rows.slice(0, 2), (r) => r.k)).toEqual([
      { k: 'a', v: 2 },
      null,
      { k: 'b', v: 1 },
    ]);
  });

  it('groups rows in key order, [] for a key with none, keeping their order', () => {
    expect(
      groupedInKeyOrder(['b', 'x', 'a'], rows, (r) => r.k).map((g) => g.map((r) => r.v)),
    ).toEqual([[1, 3], [], [2]]);
  });

  it('required: a miss is a server fault', () => {
    expect(required(0)).toBe(0);
    expect(() => required(null)).toThrow('does not exist');
  });
});
