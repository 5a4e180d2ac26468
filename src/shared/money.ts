import Decimal from 'decimal.js';

/**
 * The one configured decimal constructor (never `Decimal.set` globally). 40 significant digits hold any sum of
 * `numeric(18,2)` amounts and any rate product exactly; rounding is half-up (rules.md, conventions).
 */
export const Money = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Money = Decimal;

/**
 * `x` as a Money: itself when it is one (Decimals are immutable, so nothing is copied: docs/performance.md, the rules
 * of a 200-claim batch made thousands of copies), else converted.
 */
const money = (x: Decimal.Value): Decimal =>
  // Not `instanceof`: every decimal.js clone shares one prototype, and a plain Decimal (precision 20) must be copied.
  typeof x === 'object' && x.constructor === Money ? x : new Money(x);

/** Rounds half-up to 0.01 yuan: the only rounding money takes (rules.md, conventions). */
export const roundToCents = (x: Decimal.Value): Decimal =>
  money(x).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** The larger of two amounts (`Money.max` without its copies). */
export const maxOf = (a: Decimal, b: Decimal): Decimal =>
  money(a).lessThan(b) ? money(b) : money(a);

/** The smaller of two amounts (`Money.min` without its copies). */
export const minOf = (a: Decimal, b: Decimal): Decimal =>
  money(b).lessThan(a) ? money(b) : money(a);

/** The money string of the contract: exactly two decimals ("23400.00", "-750.00"). */
export const formatMoney = (x: Decimal.Value): string => {
  const s = money(x).toFixed(2, Decimal.ROUND_HALF_UP);
  return s === '-0.00' ? '0.00' : s;
};

export const ZERO = new Money(0);
