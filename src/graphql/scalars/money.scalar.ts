import Decimal from 'decimal.js';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from '../../shared/domain-error';
import { Money, formatMoney } from '../../shared/money';

/** The contract's description of `Money` (spec/contract.graphql), kept word for word, plus its Chinese name. */
const DESCRIPTION =
  'An amount of money in yuan, as a string: always exactly two decimals on output ("23400.00", "-750.00"); ' +
  'on input a string with at most two decimals (JSON numbers are refused). 金额(元)';

/** Input form: optional minus, digits, at most two decimals. Negatives pass here; business rules refuse them by field. */
const INPUT_RE = /^-?(\d+)(?:\.\d{1,2})?$/;
/** `numeric(18,2)` leaves 16 integer digits; 15 keeps a margin for sums computed from inputs. */
const MAX_INTEGER_DIGITS = 15;
/** Forms a value may have when it comes from our own code or the database (`numeric` arrives as a string). */
const STORED_RE = /^-?\d+(?:\.\d+)?$/;

const FORMAT_MESSAGE = 'Money must be a string with at most two decimals, e.g. "1234.50"';
const SIZE_MESSAGE = `Money must have at most ${MAX_INTEGER_DIGITS} digits before the decimal point`;

// Messages never contain the value: an input may be personal data.
const refuse = (message: string): GraphQLError =>
  new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_MONEY' },
  });

const parseMoney = (value: unknown): Decimal => {
  if (typeof value !== 'string') {
    throw refuse(FORMAT_MESSAGE);
  }
  const m = INPUT_RE.exec(value);
  if (!m) {
    throw refuse(FORMAT_MESSAGE);
  }
  if ((m[1] ?? '').length > MAX_INTEGER_DIGITS) {
    throw refuse(SIZE_MESSAGE);
  }
  return new Money(value);
};

const toOutput = (value: unknown): Decimal => {
  let d: Decimal | undefined;
  if (Decimal.isDecimal(value)) {
    d = value;
  } else if (typeof value === 'string' && STORED_RE.test(value)) {
    d = new Money(value);
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    d = new Money(value);
  }
  if (d === undefined || !d.isFinite()) {
    // A server-side bug, not a caller's mistake: no BAD_USER_INPUT code, so the formatter masks it.
    throw new GraphQLError('Money cannot represent this value');
  }
  return d;
};

/**
 * The `Money` scalar: an amount in yuan (style.md §3; contract, scalar `Money`).
 *
 * - Output: exactly two decimals through {@link formatMoney} (half-up, `-0.00` shown as `0.00`). Accepts a `Decimal`, or a
 *   plain numeric string or finite number (as a database driver may hand over) converted through {@link Money}; refuses
 *   NaN, Infinity and anything else. Amounts are rounded at the rules' named boundaries, so rounding here is a no-op.
 * - Input (variables and inline literals alike): only a string `-?digits[.d[d]]` with at most 15 integer digits. JSON
 *   numbers and inline `Int`/`Float` literals are refused, because a JSON number has already lost precision by the time
 *   it reaches the server. A minus sign is accepted here so that business rules can refuse a negative amount naming the
 *   input field. Returns a {@link Money} `Decimal`.
 * - Error messages never echo the value (it may be personal data); errors carry `extensions.code = BAD_USER_INPUT` and
 *   `extensions.reason = INVALID_MONEY`. Note that graphql-js itself prefixes a failed *variable* with its value
 *   (`Variable "$v" got invalid value …`); the error formatter must rewrite that prefix (stack.md).
 */
export const MoneyScalar = new GraphQLScalarType<Decimal, string>({
  name: 'Money',
  description: DESCRIPTION,
  serialize: (value: unknown): string => formatMoney(toOutput(value)),
  parseValue: (value: unknown): Decimal => parseMoney(value),
  parseLiteral: (ast: ValueNode): Decimal => {
    if (ast.kind !== Kind.STRING) {
      throw refuse(FORMAT_MESSAGE);
    }
    return parseMoney(ast.value);
  },
});
