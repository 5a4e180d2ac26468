import Decimal from 'decimal.js';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from '../../shared/domain-error';
import { Money } from '../../shared/money';

/** The contract's description of `Decimal` (spec/contract.graphql), word for word. */
const DESCRIPTION =
  'A decimal number that is not money (a rate, a ratio, a quantity), as a string, e.g. "0.60", "1.0750", "200.5".';

const INPUT_RE = /^-?(\d+)(?:\.(\d+))?$/;
/** Well inside the 40 significant digits of {@link Money}, so an input is always held exactly. */
const MAX_DIGITS = 30;
/** The largest display scale a {@link ScaledDecimal} may ask for. */
const MAX_PLACES = 20;

const FORMAT_MESSAGE =
  'Decimal must be a string of digits with an optional decimal point, e.g. "0.60"';
const SIZE_MESSAGE = `Decimal must have at most ${MAX_DIGITS} digits`;

// Messages never contain the value: an input may be personal data.
const refuse = (message: string): GraphQLError =>
  new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_DECIMAL' },
  });

/**
 * A decimal with a fixed display scale: {@link DecimalScalar} prints it with exactly `places` decimals, half-up
 * (`new ScaledDecimal(new Money('0.95'), 4)` → `"0.9500"`). Used where the contract shows a fixed scale, such as pass
 * rates with 4 decimals. The value itself is not rounded; only its printed form is.
 */
export class ScaledDecimal {
  /**
   * @param value - the exact value
   * @param places - decimals to print, an integer from 0 to 20
   */
  constructor(
    readonly value: Decimal,
    readonly places: number,
  ) {
    if (!Number.isInteger(places) || places < 0 || places > MAX_PLACES) {
      throw new RangeError(`ScaledDecimal places must be an integer from 0 to ${MAX_PLACES}`);
    }
  }
}

const parseDecimal = (value: unknown): Decimal => {
  if (typeof value !== 'string') {
    throw refuse(FORMAT_MESSAGE);
  }
  const m = INPUT_RE.exec(value);
  if (!m) {
    throw refuse(FORMAT_MESSAGE);
  }
  if ((m[1] ?? '').length + (m[2] ?? '').length > MAX_DIGITS) {
    throw refuse(SIZE_MESSAGE);
  }
  return new Money(value);
};

const toOutput = (value: unknown): Decimal | undefined => {
  if (Decimal.isDecimal(value)) {
    return value;
  }
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value)) {
    return new Money(value);
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return new Money(value);
  }
  return undefined;
};

const serialize = (value: unknown): string => {
  const scaled = value instanceof ScaledDecimal;
  const d = toOutput(scaled ? value.value : value);
  if (d === undefined || !d.isFinite()) {
    // A server-side bug, not a caller's mistake: no BAD_USER_INPUT code, so the formatter masks it.
    throw new GraphQLError('Decimal cannot represent this value');
  }
  const s = scaled ? d.toFixed(value.places, Decimal.ROUND_HALF_UP) : d.toFixed();
  return /^-0(?:\.0*)?$/.test(s) ? s.slice(1) : s;
};

/**
 * The `Decimal` scalar: a rate, ratio or quantity that is not money (style.md §3; contract, scalar `Decimal`).
 *
 * - Output: the plain `toFixed()` of the value, never an exponent. decimal.js keeps no trailing zeros, so a stored
 *   `1.0750` prints as `"1.075"` and `0.60` as `"0.6"`: equal numbers, the contract's examples only show the string form.
 *   Where a fixed scale is wanted, resolve a {@link ScaledDecimal}, printed with exactly its `places` (half-up). Also
 *   accepts a plain numeric string or finite number (as a database driver may hand over); refuses NaN and Infinity.
 *   Negative zero prints without its sign.
 * - Input (variables and inline literals alike): only a string `-?digits[.digits]` of at most 30 digits; JSON numbers,
 *   exponents and inline `Int`/`Float` literals are refused. Returns a {@link Money} `Decimal`, exact.
 * - Error messages never echo the value; errors carry `extensions.code = BAD_USER_INPUT` and
 *   `extensions.reason = INVALID_DECIMAL`.
 */
export const DecimalScalar = new GraphQLScalarType<Decimal, string>({
  name: 'Decimal',
  description: DESCRIPTION,
  serialize,
  parseValue: (value: unknown): Decimal => parseDecimal(value),
  parseLiteral: (ast: ValueNode): Decimal => {
    if (ast.kind !== Kind.STRING) {
      throw refuse(FORMAT_MESSAGE);
    }
    return parseDecimal(ast.value);
  },
});
