import { lazily } from '../../src/graphql/loaders';

/* Per-request loaders are made on first use (src/graphql/loaders.ts, issue 8): once each, and only those read. */
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
