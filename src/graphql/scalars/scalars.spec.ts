import Decimal from 'decimal.js';
import {
  GraphQLError,
  GraphQLInt,
  GraphQLObjectType,
  type GraphQLScalarType,
  GraphQLSchema,
  graphql,
  type ExecutionResult,
} from 'graphql';
import { Money } from '../../shared/money';
import { DateScalar, DateTimeScalar, DecimalScalar, MoneyScalar, ScaledDecimal } from './';

interface Ctx {
  readonly out: unknown;
}

type ScalarName = 'Money' | 'Decimal' | 'Date' | 'DateTime';

const scalars: Record<ScalarName, GraphQLScalarType> = {
  Money: MoneyScalar,
  Decimal: DecimalScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
};

/** Per scalar: `echo(v)` returns its argument, `out` serializes whatever the context holds. */
const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, Ctx>({
    name: 'Query',
    fields: Object.fromEntries(
      Object.entries(scalars).flatMap(([name, type]) => [
        [
          `echo${name}`,
          { type, args: { v: { type } }, resolve: (_: unknown, args: { v: unknown }) => args.v },
        ],
        [
          `isDecimal${name}`,
          {
            type: GraphQLInt,
            args: { v: { type } },
            resolve: (_: unknown, args: { v: unknown }) => (Decimal.isDecimal(args.v) ? 1 : 0),
          },
        ],
        [`out${name}`, { type, resolve: (_: unknown, __: unknown, ctx: Ctx) => ctx.out }],
      ]),
    ),
  }),
});

const viaVariable = (name: ScalarName, value: unknown): Promise<ExecutionResult> =>
  graphql({
    schema,
    source: `query ($v: ${name}) { echo${name}(v: $v) }`,
    variableValues: { v: value },
  });

/** `literal` is GraphQL source text, e.g. `"12.5"` (a string) or `12.5` (a float). */
const viaLiteral = (name: ScalarName, literal: string): Promise<ExecutionResult> =>
  graphql({ schema, source: `{ echo${name}(v: ${literal}) }` });

const output = (name: ScalarName, out: unknown): Promise<ExecutionResult> =>
  graphql({ schema, source: `{ out${name} }`, contextValue: { out } });

const str = (s: string): string => JSON.stringify(s);

/** The scalar's own error: for variables graphql-js wraps it (and prefixes the value, see below). */
const scalarError = (result: ExecutionResult): GraphQLError => {
  expect(result.errors).toHaveLength(1);
  const error = result.errors?.[0] as GraphQLError;
  return error.originalError instanceof GraphQLError ? error.originalError : error;
};

const expectEcho = async (name: ScalarName, input: string, expected: string): Promise<void> => {
  for (const result of [await viaVariable(name, input), await viaLiteral(name, str(input))]) {
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ [`echo${name}`]: expected });
  }
};

const expectRefusedVariable = async (
  name: ScalarName,
  value: unknown,
  message: RegExp,
): Promise<void> => {
  const result = await viaVariable(name, value);
  expect(result.data).toBeUndefined();
  const error = scalarError(result);
  expect(error.message).toMatch(message);
  expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
};

const expectRefusedLiteral = async (
  name: ScalarName,
  literal: string,
  message: RegExp,
): Promise<void> => {
  const result = await viaLiteral(name, literal);
  expect(result.data).toBeUndefined();
  expect(scalarError(result).message).toMatch(message);
};

describe('MoneyScalar', () => {
  it.each([
    ['0', '0.00'],
    ['12.5', '12.50'],
    ['-750', '-750.00'],
    ['-0', '0.00'],
    ['0.01', '0.01'],
    ['12345678901234.01', '12345678901234.01'],
    ['999999999999999.99', '999999999999999.99'],
    ['100000.00', '100000.00'],
  ])('accepts %s and answers %s', async (input, expected) => {
    await expectEcho('Money', input, expected);
  });

  it('hands resolvers an exact Money Decimal', async () => {
    const result = await graphql({
      schema,
      source: 'query ($v: Money) { isDecimalMoney(v: $v) }',
      variableValues: { v: '12345678901234.01' },
    });
    expect(result.data).toEqual({ isDecimalMoney: 1 });
    expect(MoneyScalar.parseValue('12345678901234.01')).toEqual(new Money('12345678901234.01'));
  });

  it.each<[string, unknown]>([
    ['a JSON number', 12.5],
    ['a JSON integer', 12],
    ['three decimals', '1.234'],
    ['letters', 'abc'],
    ['an exponent', '1e5'],
    ['an empty string', ''],
    ['a leading space', ' 1'],
    ['a trailing space', '1 '],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['a plus sign', '+1'],
    ['a bare point', '1.'],
    ['no integer part', '.5'],
    ['a comma', '1,5'],
    ['a boolean', true],
    ['an object', { amount: '1.00' }],
  ])('refuses %s', async (_, value) => {
    await expectRefusedVariable(
      'Money',
      value,
      /^Money must be a string with at most two decimals/,
    );
    if (typeof value === 'string') {
      await expectRefusedLiteral('Money', str(value), /^Money must be a string/);
    }
  });

  it('refuses more than 15 integer digits', async () => {
    await expectRefusedVariable('Money', '1234567890123456', /at most 15 digits/);
    await expectRefusedLiteral('Money', str('1234567890123456.00'), /at most 15 digits/);
  });

  it.each([['12.5'], ['12'], ['true'], ['MONEY'], ['["1.00"]'], ['{ a: "1.00" }']])(
    'refuses the inline literal %s',
    async (literal) => {
      await expectRefusedLiteral('Money', literal, /^Money must be a string/);
    },
  );

  it.each<[string, unknown, string]>([
    ['a Decimal', new Money('23400'), '23400.00'],
    ['a negative Decimal', new Money('-750'), '-750.00'],
    ['a plain decimal.js Decimal', new Decimal('0.5'), '0.50'],
    ['a numeric string from the database', '23400.00', '23400.00'],
    ['a number', 12.5, '12.50'],
    ['a sum that is exact in Decimal', new Money('0.1').plus('0.2'), '0.30'],
  ])('serializes %s', async (_, out, expected) => {
    expect(await output('Money', out)).toEqual({ data: { outMoney: expected } });
  });

  it.each<[string, unknown]>([
    ['a NaN Decimal', new Money(NaN)],
    ['an infinite Decimal', new Money(Infinity)],
    ['NaN', NaN],
    ['a non-numeric string', 'abc'],
    ['an object', {}],
  ])('refuses to serialize %s', async (_, out) => {
    const result = await output('Money', out);
    expect(result.data).toEqual({ outMoney: null });
    expect(result.errors?.[0]?.message).toBe('Money cannot represent this value');
  });
});

describe('DecimalScalar', () => {
  // decimal.js keeps no trailing zeros: "0.60" comes back as "0.6", "1.0750" as "1.075" (equal numbers).
  it.each([
    ['0.60', '0.6'],
    ['1.0750', '1.075'],
    ['200.5', '200.5'],
    ['0', '0'],
    ['-0.25', '-0.25'],
    ['5000', '5000'],
    ['0.000000000000000000000000001', '0.000000000000000000000000001'],
    ['123456789012345678901234567890', '123456789012345678901234567890'],
  ])('accepts %s and answers %s', async (input, expected) => {
    await expectEcho('Decimal', input, expected);
  });

  it.each<[string, unknown]>([
    ['a JSON number', 0.6],
    ['an exponent', '1e5'],
    ['a small exponent', '1e-7'],
    ['letters', 'abc'],
    ['an empty string', ''],
    ['a leading space', ' 1'],
    ['NaN', 'NaN'],
    ['a bare point', '1.'],
  ])('refuses %s', async (_, value) => {
    await expectRefusedVariable('Decimal', value, /^Decimal must be a string of digits/);
    if (typeof value === 'string') {
      await expectRefusedLiteral('Decimal', str(value), /^Decimal must be a string of digits/);
    }
  });

  it('refuses more than 30 digits', async () => {
    await expectRefusedVariable('Decimal', '1234567890123456789012345678901', /at most 30 digits/);
    await expectRefusedLiteral('Decimal', str('0.0000000000000000000000000000001'), /at most 30/);
  });

  it.each([['0.6'], ['1']])('refuses the inline number literal %s', async (literal) => {
    await expectRefusedLiteral('Decimal', literal, /^Decimal must be a string of digits/);
  });

  it.each<[string, unknown, string]>([
    ['a Decimal, without exponent', new Money('1e-7'), '0.0000001'],
    ['a large Decimal, without exponent', new Decimal('1e25'), '10000000000000000000000000'],
    ['a numeric string from the database', '0.6000', '0.6'],
    ['a ScaledDecimal with 4 places', new ScaledDecimal(new Money('0.95'), 4), '0.9500'],
    ['a ScaledDecimal rounded half-up', new ScaledDecimal(new Money(2).div(3), 4), '0.6667'],
    ['a ScaledDecimal of 0.00005', new ScaledDecimal(new Money('0.00005'), 4), '0.0001'],
    ['a ScaledDecimal with 0 places', new ScaledDecimal(new Money('2.5'), 0), '3'],
    ['negative zero', new Money('-0'), '0'],
    ['a ScaledDecimal of a tiny negative', new ScaledDecimal(new Money('-0.00001'), 4), '0.0000'],
  ])('serializes %s', async (_, out, expected) => {
    expect(await output('Decimal', out)).toEqual({ data: { outDecimal: expected } });
  });

  it.each<[string, unknown]>([
    ['a NaN Decimal', new Money(NaN)],
    ['Infinity', Infinity],
    ['a ScaledDecimal of NaN', new ScaledDecimal(new Money(NaN), 2)],
  ])('refuses to serialize %s', async (_, out) => {
    const result = await output('Decimal', out);
    expect(result.errors?.[0]?.message).toBe('Decimal cannot represent this value');
  });

  it.each([[-1], [1.5], [21]])('refuses %s places for a ScaledDecimal', (places) => {
    expect(() => new ScaledDecimal(new Money(1), places)).toThrow(RangeError);
  });
});

describe('DateScalar', () => {
  it.each([['2024-02-29'], ['2023-12-31'], ['1000-01-01'], ['9999-12-31']])(
    'accepts %s unchanged',
    async (input) => {
      await expectEcho('Date', input, input);
    },
  );

  it.each<[string, unknown]>([
    ['29 February in a common year', '2023-02-29'],
    ['30 February', '2024-02-30'],
    ['month 13', '2024-13-01'],
    ['month 00', '2024-00-10'],
    ['day 00', '2024-01-00'],
    ['no dashes', '20240101'],
    ['a number', 20240101],
    ['a time', '2024-01-01T00:00:00Z'],
    ['single digits', '2024-1-1'],
    ['an empty string', ''],
  ])('refuses %s', async (_, value) => {
    await expectRefusedVariable('Date', value, /^Date must be a real calendar date/);
    if (typeof value === 'string') {
      await expectRefusedLiteral('Date', str(value), /^Date must be a real calendar date/);
    }
  });

  it('refuses the inline number literal 20240101', async () => {
    await expectRefusedLiteral('Date', '20240101', /^Date must be a real calendar date/);
  });

  it('serializes a date string and refuses a JS Date', async () => {
    expect(await output('Date', '2024-10-01')).toEqual({ data: { outDate: '2024-10-01' } });
    const result = await output('Date', new Date('2024-10-01T00:00:00Z'));
    expect(result.errors?.[0]?.message).toBe('Date cannot represent this value');
  });
});

describe('DateTimeScalar', () => {
  it.each([
    ['2024-03-01T09:30:00+08:00', '2024-03-01T01:30:00.000Z'],
    ['2024-03-01T01:30:00Z', '2024-03-01T01:30:00.000Z'],
    ['2024-03-01T01:30:00.123Z', '2024-03-01T01:30:00.123Z'],
    ['2024-03-01T01:30:00.123456789Z', '2024-03-01T01:30:00.123Z'],
    ['2024-03-01T01:30:00.5-05:30', '2024-03-01T07:00:00.500Z'],
    ['2024-01-01T00:30:00+08:00', '2023-12-31T16:30:00.000Z'],
    ['2024-02-29T23:59:59-00:00', '2024-02-29T23:59:59.000Z'],
  ])('accepts %s and answers %s', async (input, expected) => {
    await expectEcho('DateTime', input, expected);
  });

  it('hands resolvers a JS Date', () => {
    expect(DateTimeScalar.parseValue('2024-03-01T09:30:00+08:00')).toEqual(
      new Date('2024-03-01T01:30:00Z'),
    );
  });

  it.each<[string, unknown]>([
    ['no offset', '2024-03-01T09:30:00'],
    ['no seconds', '2024-03-01T09:30Z'],
    ['a date only', '2024-03-01'],
    ['an impossible date', '2024-02-30T00:00:00Z'],
    ['hour 24', '2024-03-01T24:00:00Z'],
    ['a leap second', '2024-03-01T23:59:60Z'],
    ['a bad offset', '2024-03-01T09:30:00+0800'],
    ['offset minutes 60', '2024-03-01T09:30:00+08:60'],
    ['a space instead of T', '2024-03-01 09:30:00Z'],
    ['epoch milliseconds', 1709256600000],
    ['letters', 'yesterday'],
  ])('refuses %s', async (_, value) => {
    await expectRefusedVariable('DateTime', value, /^DateTime must be an ISO 8601 instant/);
    if (typeof value === 'string') {
      await expectRefusedLiteral('DateTime', str(value), /^DateTime must be an ISO 8601 instant/);
    }
  });

  it.each<[string, unknown, string]>([
    ['a JS Date', new Date(Date.UTC(2024, 2, 1, 1, 30)), '2024-03-01T01:30:00.000Z'],
    ['an ISO string with offset', '2024-03-01T09:30:00+08:00', '2024-03-01T01:30:00.000Z'],
  ])('serializes %s', async (_, out, expected) => {
    expect(await output('DateTime', out)).toEqual({ data: { outDateTime: expected } });
  });

  it.each<[string, unknown]>([
    ['an invalid JS Date', new Date('nonsense')],
    ['a string without offset', '2024-03-01T09:30:00'],
    ['a number', 0],
  ])('refuses to serialize %s', async (_, out) => {
    const result = await output('DateTime', out);
    expect(result.errors?.[0]?.message).toBe('DateTime cannot represent this value');
  });
});

describe('error messages never echo the refused value', () => {
  // An ID number sent where a date or an amount belongs must not come back in any message of ours.
  const idNumber = '110105194912310021';

  it.each<[ScalarName, string]>([
    ['Date', idNumber],
    ['Money', idNumber],
    ['Decimal', `${idNumber}X`],
    ['DateTime', idNumber],
    ['Money', `${idNumber}.123`],
  ])('%s refusing %s as an inline literal', async (name, value) => {
    const result = await viaLiteral(name, str(value));
    expect(result.errors).toHaveLength(1);
    expect(JSON.stringify(result.errors)).not.toContain(value);
    expect(result.errors?.[0]?.message).not.toContain(value);
  });

  it.each<[ScalarName, string]>([
    ['Date', idNumber],
    ['Money', idNumber],
    ['Decimal', `${idNumber}X`],
    ['DateTime', idNumber],
  ])('%s refusing %s as a variable', async (name, value) => {
    const result = await viaVariable(name, value);
    const error = result.errors?.[0];
    // graphql-js prefixes the variable's value itself (`Variable "$v" got invalid value "…"`): the error formatter
    // rewrites that prefix (stack.md). The scalar's own message, which the formatter keeps, lacks it.
    expect(error?.originalError).toBeInstanceOf(GraphQLError);
    expect(error?.originalError?.message).not.toContain(value);
    expect(error?.originalError?.message).not.toContain(value.slice(6, 14));
  });
});

describe('scalar descriptions', () => {
  it('keep the contract text', () => {
    expect(MoneyScalar.description).toMatch(
      /^An amount of money in yuan, as a string: always exactly two decimals on output \("23400\.00", "-750\.00"\); on input a string with at most two decimals \(JSON numbers are refused\)\./,
    );
    expect(DecimalScalar.description).toBe(
      'A decimal number that is not money (a rate, a ratio, a quantity), as a string, e.g. "0.60", "1.0750", "200.5".',
    );
    expect(DateScalar.description).toMatch(/^A calendar date, YYYY-MM-DD\./);
    expect(DateTimeScalar.description).toBe('An instant, ISO 8601 with offset.');
  });
});
