import fc from 'fast-check';

import { Money } from '../../../shared/money';
import {
  addFen,
  FenColumn,
  fenOf,
  FenSum,
  moneyOfFen,
  parseFen,
  type Fen,
} from './fen-amounts.rule';

/** Whole-fen amounts of the what-if replay (rules.md §12): exact parsing, sums beyond 2^53, percentiles by nearest rank. */

const MAX = Number.MAX_SAFE_INTEGER;
const big = (x: Fen): bigint => BigInt(x);

describe('parseFen', () => {
  it.each<[string, number | null]>([
    ['50000.00', 5_000_000],
    ['-1200.50', -120_050],
    ['-1200.5', -120_050],
    ['7', 700],
    ['0.00', 0],
    ['-0.00', 0],
    ['0.01', 1],
    ['9999999999999.99', 999_999_999_999_999], // 13 integer digits: the most it takes
    ['99999999999999.99', null], // 14: beyond (the decimal path takes it)
    ['1.234', null],
    ['1.', null],
    ['.5', null],
    ['', null],
    ['-', null],
    ['1e5', null],
    [' 1.00', null],
    ['1,000.00', null],
  ])('%s → %s', (text, fen) => {
    expect(parseFen(text)).toBe(fen);
  });

  it('agrees with decimal.js on every money text it accepts', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), // up to 13 integer digits
        fc.constantFrom(0, 1, 2),
        (fen, decimals) => {
          const d = new Money(fen.toString()).div(100);
          const text = d.toDecimalPlaces(decimals, Money.ROUND_DOWN).toFixed(decimals);
          const parsed = parseFen(text);
          expect(parsed).not.toBeNull();
          expect(new Money(parsed!).div(100).equals(new Money(text))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('fenOf / moneyOfFen', () => {
  it('round-trips, a bigint beyond the safe range', () => {
    expect(fenOf(new Money('23400.00'))).toBe(2_340_000);
    const huge = new Money('9999999999999999.99');
    expect(fenOf(huge)).toBe(999_999_999_999_999_999n);
    expect(moneyOfFen(fenOf(huge)).equals(huge)).toBe(true);
    expect(moneyOfFen(-5).toFixed(2)).toBe('-0.05');
  });

  it('refuses parts of a fen', () => {
    expect(() => fenOf(new Money('1.005'))).toThrow(/more than two decimals/);
  });
});

describe('addFen and FenSum', () => {
  it('carry into a bigint past 2^53 and come back to a number', () => {
    expect(addFen(MAX, 1)).toBe(2n ** 53n);
    expect(addFen(addFen(MAX, 1), -2)).toBe(MAX - 1);
    const s = new FenSum();
    s.add(MAX);
    s.add(MAX);
    expect(s.value).toBe(2n * BigInt(MAX));
    s.add(-MAX);
    s.add(-MAX);
    s.add(5);
    expect(s.value).toBe(5);
    expect(s.money.toFixed(2)).toBe('0.05');
  });

  it('are exact for any list of amounts', () => {
    const fenArb: fc.Arbitrary<Fen> = fc.oneof(
      fc.integer({ min: -MAX, max: MAX }),
      fc.integer({ min: -1000, max: 1000 }),
      fc
        .bigInt({ min: -(10n ** 18n), max: 10n ** 18n })
        .map((b) => (b <= BigInt(MAX) && b >= -BigInt(MAX) ? Number(b) : b)),
    );
    fc.assert(
      fc.property(fc.array(fenArb, { maxLength: 40 }), (xs) => {
        const s = new FenSum();
        let a: Fen = 0;
        xs.forEach((x) => {
          s.add(x);
          a = addFen(a, x);
        });
        const expected = xs.reduce((t: bigint, x) => t + big(x), 0n);
        expect(big(s.value)).toBe(expected);
        expect(big(a)).toBe(expected);
        // a safe total is always a number
        expect(typeof s.value).toBe(
          expected <= BigInt(MAX) && expected >= -BigInt(MAX) ? 'number' : 'bigint',
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe('FenColumn: percentiles by nearest rank', () => {
  const column = (xs: readonly Fen[]): FenColumn => {
    const c = new FenColumn();
    xs.forEach((x) => c.push(x));
    return c;
  };
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it.each<[string, Fen[], Fen[]]>([
    ['empty: 0 everywhere', [], [0, 0, 0]],
    ['one person', [700], [700, 700, 700]],
    ['1..10: ranks 5, 9, 10', range(10).reverse(), [5, 9, 10]],
    ['1..200: ranks 100, 180, 198', range(200), [100, 180, 198]],
    ['1..101: ranks 51, 91, 100', range(101), [51, 91, 100]],
    ['ties and zeros', [0, 0, 0, 5, 5], [0, 5, 5]],
    ['negative totals first', [-300, 100, 200, -100], [-100, 200, 200]],
  ])('%s', (_label, xs, expected) => {
    expect(column(xs).nearestRanks([50, 90, 99])).toEqual(expected);
  });

  it('amounts beyond the safe range sort below and above the others', () => {
    const low = -(10n ** 17n);
    const high = 10n ** 17n;
    const c = column([high, 3, low, 1, 2]);
    expect(c.nearestRanks([1, 20, 40, 60, 80, 100])).toEqual([low, low, 1, 2, 3, high]);
  });

  it('matches a sort of all amounts as bigints, percentiles asked in any order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: -1_000_000, max: 1_000_000 }),
            fc
              .bigInt({ min: -(10n ** 18n), max: 10n ** 18n })
              .map((b) => (b <= BigInt(MAX) && b >= -BigInt(MAX) ? Number(b) : b)),
          ),
          { minLength: 1, maxLength: 3000 },
        ),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }),
        (xs, ps) => {
          const sorted = xs.map(big).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          const expected = ps.map((p) => sorted[Math.ceil((p * xs.length) / 100) - 1]!);
          expect(column(xs).nearestRanks(ps).map(big)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('200 000 persons take 2 MiB (a Float64Array doubled from 1 024)', () => {
    const c = new FenColumn();
    for (let i = 0; i < 200_000; i++) {
      c.push(i);
    }
    expect(c.length).toBe(200_000);
    expect(c.bytes).toBe(262_144 * 8);
    expect(c.nearestRanks([50, 99])).toEqual([99_999, 197_999]);
  });

  it('refuses a percentile that is not a whole number from 1 to 100', () => {
    expect(() => column([1]).nearestRanks([0])).toThrow(/whole number/);
    expect(() => column([1]).nearestRanks([99.5])).toThrow(/whole number/);
  });
});
