import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isCalendarDate } from '../../shared/calendar-date';
import { ErrorCode } from '../../shared/domain-error';

const FORMAT_MESSAGE = 'Date must be a real calendar date written YYYY-MM-DD, e.g. "2024-02-29"';

// Messages never contain the value: a date-like input may be part of an ID number or a birth date.
const refuse = (): GraphQLError =>
  new GraphQLError(FORMAT_MESSAGE, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_DATE' },
  });

const parseDate = (value: unknown): string => {
  if (!isCalendarDate(value)) {
    throw refuse();
  }
  return value;
};

/**
 * The `Date` scalar: a calendar date as the string `YYYY-MM-DD`, in and out, with no time zone anywhere (contract,
 * scalar `Date`; stack.md "Dates"). The internal form is the same string, as `date` columns are read.
 *
 * - Input (variables and inline string literals): only a real date per {@link isCalendarDate} (years 1000–9999; no
 *   2024-02-30, no 2024-13-01, no `20240101`); numbers and other literals are refused.
 * - Output: the same check; a JS `Date` is refused rather than converted, because converting it would depend on the
 *   process time zone (a local-midnight `Date` prints a day early under Asia/Shanghai).
 * - Error messages never echo the value; input errors carry `extensions.code = BAD_USER_INPUT` and
 *   `extensions.reason = INVALID_DATE`.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD. 日期(中国标准时间)',
  serialize: (value: unknown): string => {
    if (!isCalendarDate(value)) {
      // A server-side bug, not a caller's mistake: no BAD_USER_INPUT code, so the formatter masks it.
      throw new GraphQLError('Date cannot represent this value');
    }
    return value;
  },
  parseValue: (value: unknown): string => parseDate(value),
  parseLiteral: (ast: ValueNode): string => {
    if (ast.kind !== Kind.STRING) {
      throw refuse();
    }
    return parseDate(ast.value);
  },
});
