import Decimal from 'decimal.js';
import fc from 'fast-check';
import { groupBy } from './group-by';
import { maxOf, minOf, Money, roundToCents } from './money';

/*
 *  The copy-free helpers (docs/performance.md) answer what decimal.js's own max, min and rounding answer, always as
 * Money.
 */
describe('money helpers', () => {
  const amount = fc
    .tuple(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer({ min: 0, max: 6 }))
    .map(([n, dp]) => new Money(n.toString()).dividedBy(10 ** dp));

  it('maxOf and minOf equal Money.max and Money.min', () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(maxOf(a, b).equals(Money.max(a, b))).toBe(true);
        expect(minOf(a, b).equals(Money.min(a, b))).toBe(true);
      }),
    );
  });

  it.each([
    ['2.345', '2.35'],
    ['-2.345', '-2.35'],
    ['2.344999', '2.34'],
    ['0.005', '0.01'],
  ])('rounds %s half-up to %s', (x, expected) => {
    expect(roundToCents(new Money(x)).toFixed(2)).toBe(expected);
    expect(roundToCents(x).toFixed(2)).toBe(expected);
  });

  it('answers Money even for a Decimal of another configuration, and a Money as itself', () => {
    // decimal.js clones share a prototype: `instanceof Money` is true of a plain Decimal, so look at the constructor.
    const plain = new Decimal('12345678901234567890.5');
    expect(plain.constructor).not.toBe(Money);
    expect(maxOf(plain, new Money(1)).constructor).toBe(Money);
    expect(minOf(new Money(1e30), plain).constructor).toBe(Money);
    expect(roundToCents(plain).constructor).toBe(Money);
    const m = new Money('2.50');
    expect(maxOf(m, new Money(1))).toBe(m);
  });

  it('groups rows by key, in their order', () => {
    const groups = groupBy(['a1', 'b1', 'a2'], (s) => s[0]);
    expect([...groups]).toEqual([
      ['a', ['a1', 'a2']],
      ['b', ['b1']],
    ]);
  });
});
