import type Decimal from 'decimal.js';
import type { ValueTransformer } from 'typeorm';
import { Money } from '../shared/money';

/**
 * `numeric` ↔ `Decimal`, null-safe (style.md §3). PostgreSQL returns `numeric` as a string; it becomes a `Money`
 * decimal, never a float.
 */
export const decimalTransformer: ValueTransformer = {
  to: (v?: Decimal | null) => (v == null ? v : v.toFixed()),
  from: (v?: string | null) => (v == null ? v : new Money(v)),
};

/** A `numeric(18,2)` money column read as a `Money` decimal (rules.md conventions). */
export const moneyColumn = {
  type: 'numeric',
  precision: 18,
  scale: 2,
  transformer: decimalTransformer,
} as const;
