import type Decimal from 'decimal.js';
import { Money } from '../../../shared/money';

/**
 * Money as whole fen (0.01 yuan) for the what-if replay (rules.md §12): every amount the ledger holds is `numeric(18,2)`,
 * so in fen it is an integer. A `number` holds it exactly up to `Number.MAX_SAFE_INTEGER` (2^53 − 1 fen, about 90
 * trillion yuan); beyond that — a year's sums of `numeric(18,2)` reach 10^18 fen — the amount is a `bigint`. Every
 * helper here is exact; nothing is rounded.
 */
export type Fen = number | bigint;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const BIG_MAX_SAFE = BigInt(MAX_SAFE);

/** Integer digits a money text may have for {@link parseFen} to answer a number: 10^13 yuan is 10^15 fen < 2^53. */
const MAX_INTEGER_DIGITS = 13;

/**
 * A money text as PostgreSQL returns a `numeric` ("50000.00", "-1200.5", "7") in whole fen, or null when it is not a
 * plain decimal with at most two decimals and {@link MAX_INTEGER_DIGITS} integer digits (the caller then uses decimal
 * arithmetic). Exact: no floating-point parse.
 */
export const parseFen = (text: string): number | null => {
  const n = text.length;
  let i = 0;
  let negative = false;
  if (n > 0 && text.charCodeAt(0) === 45 /* - */) {
    negative = true;
    i = 1;
  }
  let whole = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) {
      break;
    }
    whole = whole * 10 + c;
    digits += 1;
  }
  if (digits === 0 || digits > MAX_INTEGER_DIGITS) {
    return null;
  }
  let cents = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46 /* . */) {
      return null;
    }
    i += 1;
    let decimals = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9 || decimals === 2) {
        return null;
      }
      cents = cents * 10 + c;
      decimals += 1;
    }
    if (decimals === 0) {
      return null;
    }
    if (decimals === 1) {
      cents *= 10;
    }
  }
  const fen = whole * 100 + cents;
  return negative && fen !== 0 ? -fen : fen;
};

/** An amount with at most two decimals in whole fen; a `number` when it is safe, else a `bigint`. */
export const fenOf = (amount: Decimal): Fen => {
  const f = amount.times(100);
  if (!f.isInteger()) {
    throw new Error(`${amount.toFixed()} has more than two decimals`);
  }
  return f.abs().lessThanOrEqualTo(MAX_SAFE) ? f.toNumber() : BigInt(f.toFixed(0));
};

/** Whole fen as an amount in yuan (exact). */
export const moneyOfFen = (fen: Fen): Decimal => new Money(fen.toString()).div(100);

/** A `bigint` as a `number` when it is safe, else itself. */
const narrowed = (x: bigint): Fen => (x <= BIG_MAX_SAFE && x >= -BIG_MAX_SAFE ? Number(x) : x);

/** The sum of two amounts, exact whatever their size. */
export const addFen = (a: Fen, b: Fen): Fen => {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    // Both operands are safe, so a sum within the safe range is exact; one beyond it stays beyond it when rounded.
    if (s <= MAX_SAFE && s >= -MAX_SAFE) {
      return s;
    }
  }
  return narrowed(BigInt(a) + BigInt(b));
};

/** The sign of an amount: −1, 0 or 1. */
export const signOfFen = (x: Fen): number => (x > 0 ? 1 : x < 0 ? -1 : 0);

/**
 * A running total of whole-fen amounts, exact however many are added: a `number` while the total is safe, carried into
 * a `bigint` when it would not be.
 */
export class FenSum {
  private small = 0;
  private big = 0n;

  add(x: Fen): void {
    if (typeof x === 'number') {
      const s = this.small + x;
      if (s <= MAX_SAFE && s >= -MAX_SAFE) {
        this.small = s;
        return;
      }
      this.big += BigInt(this.small) + BigInt(x);
      this.small = 0;
      return;
    }
    this.big += x;
  }

  /** The total in fen. */
  get value(): Fen {
    return this.big === 0n ? this.small : narrowed(this.big + BigInt(this.small));
  }

  /** The total in yuan. */
  get money(): Decimal {
    return moneyOfFen(this.value);
  }
}

/**
 * A growing column of whole-fen amounts, one per person, for percentiles over 200 000 persons and more: a
 * `Float64Array` (8 bytes an amount; every safe integer is exact in it) doubled as needed, and a side list for the
 * rare amounts beyond the safe range.
 */
export class FenColumn {
  private values = new Float64Array(1024);
  private count = 0;
  private readonly huge: bigint[] = [];

  push(x: Fen): void {
    if (typeof x === 'bigint') {
      this.huge.push(x);
      return;
    }
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = x;
  }

  /** How many amounts were pushed. */
  get length(): number {
    return this.count + this.huge.length;
  }

  /** Bytes the column holds (for the memory budget: 200 000 persons take 2 MB at most). */
  get bytes(): number {
    return this.values.byteLength;
  }

  /**
   * The amounts at the given percentiles by nearest rank (for a whole `p` from 1 to 100: the `⌈p × N / 100⌉`-th
   * smallest of the `N` amounts, computed on integers), in the order asked; 0 for every percentile of an empty column.
   */
  nearestRanks(percentiles: readonly number[]): Fen[] {
    const n = this.length;
    if (n === 0) {
      return percentiles.map(() => 0);
    }
    const values = this.values.slice(0, this.count);
    // The amounts beyond the safe range lie below or above every number in the column.
    const huge = [...this.huge].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const below = huge.filter((x) => x < 0n);
    const above = huge.filter((x) => x > 0n);
    const ranks = percentiles.map((p) => {
      if (!Number.isInteger(p) || p < 1 || p > 100) {
        throw new Error(`a percentile is a whole number from 1 to 100: ${p}`);
      }
      return Math.floor((p * n + 99) / 100) - 1; // 0-based rank
    });
    // The ranks among the numbers, selected in increasing order: each selection leaves the ones above it to the right.
    let from = 0;
    for (const k of [...ranks].sort((a, b) => a - b)) {
      const r = k - below.length;
      if (r >= 0 && r < values.length) {
        select(values, r, from, values.length - 1);
        from = r;
      }
    }
    return ranks.map((k) => {
      if (k < below.length) {
        return below[k]!;
      }
      if (k < below.length + values.length) {
        return values[k - below.length]!;
      }
      return above[k - below.length - values.length]!;
    });
  }
}

/**
 * Hoare's selection: rearranges `a[lo..hi]` so that `a[k]` is the value a sort would put there, with none larger before
 * it and none smaller after it. Linear on average (a median of three as pivot), so three percentiles of 200 000 persons
 * cost a few passes rather than a sort.
 */
const select = (a: Float64Array, k: number, lo: number, hi: number): void => {
  while (hi > lo) {
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) {
        i += 1;
      }
      while (a[j]! > pivot) {
        j -= 1;
      }
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i += 1;
        j -= 1;
      }
    }
    // a[lo..j] ≤ pivot ≤ a[i..hi], and everything between equals the pivot
    if (k <= j) {
      hi = j;
    } else if (k >= i) {
      lo = i;
    } else {
      return;
    }
  }
};
