import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isCalendarDate } from '../../shared/calendar-date';
import { ErrorCode } from '../../shared/domain-error';

/** RFC 3339 profile of ISO 8601: date, `T`, time with seconds, optional fraction, and `Z` or a `±hh:mm` offset. */
const INSTANT_RE =
  /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const FORMAT_MESSAGE =
  'DateTime must be an ISO 8601 instant with seconds and an offset, e.g. "2024-03-01T09:30:00+08:00"';

// Messages never contain the value: an input may be personal data.
const refuse = (): GraphQLError =>
  new GraphQLError(FORMAT_MESSAGE, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_DATE_TIME' },
  });

/** The instant a string names, or `undefined` when it is not a valid RFC 3339 instant. */
const parseInstant = (s: string): Date | undefined => {
  const m = INSTANT_RE.exec(s);
  if (!m) {
    return undefined;
  }
  const [, date = '', hh = '', mi = '', ss = '', fraction = '', zulu, sign, oh = '', om = ''] = m;
  const [h, min, sec, offH, offM] = [Number(hh), Number(mi), Number(ss), Number(oh), Number(om)];
  if (!isCalendarDate(date) || h > 23 || min > 59 || sec > 59 || offH > 23 || offM > 59) {
    return undefined;
  }
  const offsetMinutes = zulu ? 0 : (sign === '-' ? -1 : 1) * (offH * 60 + offM);
  // JS Dates hold milliseconds: finer digits are truncated.
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const [y, mo, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8))];
  return new Date(Date.UTC(y, mo - 1, d, h, min, sec, ms) - offsetMinutes * 60_000);
};

const parseDateTime = (value: unknown): Date => {
  const instant = typeof value === 'string' ? parseInstant(value) : undefined;
  if (instant === undefined) {
    throw refuse();
  }
  return instant;
};

/**
 * The `DateTime` scalar: an instant (contract, scalar `DateTime`). Internally a JS `Date`, as `timestamptz` columns are
 * read.
 *
 * - Output: `toISOString()` in UTC with millisecond precision (`"2024-03-01T01:30:00.000Z"`), from a valid JS `Date` or
 *   from a string that is itself a valid instant (as below); anything else, including an invalid `Date`, is refused.
 * - Input (variables and inline string literals): an RFC 3339 instant, `YYYY-MM-DDThh:mm:ss[.fraction]` followed by `Z`
 *   or `±hh:mm`; a real calendar date and time (no 2024-02-30, no 24:00, no leap second 60). A local time without an
 *   offset is refused, since it names no instant. Digits beyond milliseconds are truncated.
 * - Error messages never echo the value; input errors carry `extensions.code = BAD_USER_INPUT` and
 *   `extensions.reason = INVALID_DATE_TIME`.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with offset.',
  serialize: (value: unknown): string => {
    const instant =
      value instanceof Date ? value : typeof value === 'string' ? parseInstant(value) : undefined;
    if (instant === undefined || Number.isNaN(instant.getTime())) {
      // A server-side bug, not a caller's mistake: no BAD_USER_INPUT code, so the formatter masks it.
      throw new GraphQLError('DateTime cannot represent this value');
    }
    return instant.toISOString();
  },
  parseValue: (value: unknown): Date => parseDateTime(value),
  parseLiteral: (ast: ValueNode): Date => {
    if (ast.kind !== Kind.STRING) {
      throw refuse();
    }
    return parseDateTime(ast.value);
  },
});
