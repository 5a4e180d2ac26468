import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
} from 'graphql';
import { checkCharacter } from '../../src/domain/insured-person/rules/resident-id.rule';
import { claimInput, claimWorld, violationInput } from '../helpers/claim-fixtures';
import { agency, startTestApp, type GqlResult, type TestApp } from '../helpers/test-app';
import { onRealPostgres } from '../helpers/test-db';

/*
 * Hostile input (docs/security.md, "Threat model, in short"): fast-check generates malformed variables for every
 * mutation of the running schema (wrong JSON types, huge strings, SQL and script fragments, unicode, negative and huge
 * numbers, bad dates, unknown and malformed ids, resident ID numbers embedded in strings), mixed with valid-looking
 * values and real ids so that many requests reach the services. For every request: no INTERNAL_SERVER_ERROR, no stack
 * trace, SQL or file path in what the server refused, no personal number that was sent echoed by a refusal, and no row
 * written by a rejected request (row counts of every table compared). Afterwards the server still answers, in process
 * and over HTTP.
 *
 * Reproduce: FC_SEED=<seed> (printed at the start) runs the same cases; mutation i uses seed + i. FC_RUNS=<n> runs
 * more cases (at least 1 100).
 */

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20_240_615;
/** Cases over all mutations together (FC_RUNS may ask for more); each mutation gets an equal share (rounded up). */
const TOTAL_RUNS = Math.max(1_100, Number(process.env.FC_RUNS ?? 0) || 0);
/** Hostility levels: the percentage of values (at every level of the input) replaced by hostile ones. */
const LEVELS = [0, 5, 15, 40, 80] as const;
/** The row counts of the issue's list of main tables are compared (every other table of the schema too). */
const MAIN_TABLES = [
  'organization',
  'agreement',
  'agreement_terms',
  'insured_person',
  'person_special_status',
  'claim',
  'ledger_entry',
  'accumulator',
  'claim_idempotency',
  'audit_trail',
  'penalty',
  'inspection',
  'quarterly_audit',
  'audit_item',
  'insured_count',
  'staffing_report',
  'fund_raised',
  'fund_clearing',
  'handling_breach',
  'report_filing',
  'penalty_payment',
  'calendar_day',
];
/** Codes a refusal may carry: the contract's five and graphql-js's request-shape failures. */
const ALLOWED_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
]);
const LEAK_PATTERNS: Array<[string, RegExp]> = [
  ['a stack trace', /\bat .*\(.*:\d+:\d+\)/],
  ['SQL', /\bSELECT\b|\bINSERT INTO\b|relation "/],
  ['a file path', /\/work\/|node_modules|\.ts:\d+/],
];

const AGENCY = agency(['41', '51']);

// ---------------------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------------------

const SQL = [
  "'; DROP TABLE claim; --",
  '1 OR 1=1',
  "' OR '1'='1",
  "1'; DELETE FROM organization WHERE '1'='1",
  "' UNION ALL SELECT id_number_enc FROM insured_person --",
  '\\',
  "\\'; --",
  '$1',
  '%',
  '_',
  '"; TRUNCATE ledger_entry; --',
];
const SCRIPT = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  '__proto__',
  'constructor',
  '{"$gt": ""}',
];
const UNICODE = [
  '😀',
  '👨‍👩‍👧‍👦',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\u202Eevil',
  'Ω≈ç√∫',
  'ｔｅｓｔ',
  '١٢٣٤',
  '２０２４-０１-０１',
  '\n\r\t',
  ' ',
  '',
  '\uFEFF',
  '河南省洛阳市',
];
const NUMERIC_STRINGS = [
  '1e308',
  '-1e308',
  '-0.00',
  '-0',
  '+1',
  '99999999999999999999.999',
  '999999999999999.99',
  '9999999999999999.99',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '-1.00',
  '0x10',
  '1_000',
  '1,000.00',
  ' 1.00',
  '1.005',
  '9007199254740993',
  '2147483648',
  '.5',
  '5.',
];
const BAD_DATES = [
  '2024-02-30',
  '2024-13-01',
  '0000-00-00',
  'yesterday',
  '2024-1-1',
  '20240101',
  '2024-06-15T00:00:00Z',
  '2024/06/15',
  '2023-02-29',
  '0999-01-01',
  '9999-12-31',
  '1000-01-01',
  '-2024-01-01',
  '',
];
const BAD_IDS = [
  'not-a-uuid',
  '',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '1',
  '-1',
  '12345678-1234-1234-1234-1234567890123',
];
const WRONG_TYPES: unknown[] = [
  0,
  -1,
  1.5,
  -0,
  2 ** 31,
  2 ** 53,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  true,
  false,
  {},
  [],
  { a: 1 },
  [1, 'x'],
  [[]],
];
const REGIONS = ['410000', '410300', '410302', '410305', '510000', '510900', '110105'];
const KNOWN_ID_NUMBERS = ['11010519491231002X', '440524188001010014', '11010519491231002x'];

/** The YYYY-MM-DD form of a UTC date. */
const iso = (d: Date): string => d.toISOString().slice(0, 10);
const dateBetween = (from: string, to: string) =>
  fc.date({
    min: new Date(`${from}T00:00:00Z`),
    max: new Date(`${to}T00:00:00Z`),
    noInvalidDate: true,
  });

/** A valid 18-character resident ID number (MOD 11-2 check character). */
const withCheck = (body: string): string => body + checkCharacter(body);
const idNumberArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...KNOWN_ID_NUMBERS),
  fc
    .tuple(
      fc.constantFrom('410302', '410300', '510902', '110105', '440524'),
      dateBetween('1900-01-01', '2024-06-01'),
      fc.integer({ min: 0, max: 999 }),
    )
    .map(([area, d, seq]) =>
      withCheck(`${area}${iso(d).replaceAll('-', '')}${String(seq).padStart(3, '0')}`),
    ),
);
/** Malformed ID numbers: wrong check character, future or impossible birth date, 17 or 19 characters. */
const badIdNumberArb: fc.Arbitrary<string> = fc.oneof(
  idNumberArb.map((n) => n.slice(0, 17) + (n[17] === '0' ? '1' : '0')),
  fc.constant(withCheck('41030220990101001')),
  fc.constant(withCheck('41030219990230001')),
  idNumberArb.map((n) => n.slice(0, 17)),
  idNumberArb.map((n) => `${n}0`),
  idNumberArb.map((n) => ` ${n}`),
);
/** A string carrying a full ID number, as a careless client might put one into a name or a reason. */
const embeddedIdArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '姓名', 'id:', 'x ', '患者 '),
    idNumberArb,
    fc.constantFrom('', ' ', '号', '\n', ';'),
  )
  .map(([a, n, b]) => `${a}${n}${b}`);
/** 10 000 to 40 000 characters of one repeated unit. */
const hugeArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom('x', '漢', '😀', "'; DROP TABLE claim; --", '<script>alert(1)</script>', '9'),
      idNumberArb.map((n) => `${n};`),
    ),
    fc.integer({ min: 10_000, max: 40_000 }),
  )
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

/** Any hostile value, whatever the expected type. */
const hostileArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...WRONG_TYPES),
  fc.jsonValue({ maxDepth: 2 }),
  hugeArb,
  fc.constantFrom(...SQL, ...SCRIPT, ...UNICODE, ...NUMERIC_STRINGS, ...BAD_DATES, ...BAD_IDS),
  fc.uuid(),
  idNumberArb,
  embeddedIdArb,
  badIdNumberArb,
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const numberish = fc.oneof(
  fc.constantFrom(...NUMERIC_STRINGS),
  fc.constantFrom(-1, 0, 1.5, -0.01, 2 ** 31, 2 ** 53, 1e308, -1e308, 100),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map((n) => n.toString()),
);

type Category =
  'number' | 'Int' | 'Date' | 'ID' | 'Boolean' | 'idNumber' | 'region' | 'String' | 'enum';

/** The kind of hostile value a leaf attracts, by its type and the name of its argument or field. */
const categoryOf = (type: GraphQLNamedType, name: string): Category => {
  if (isEnumType(type)) {
    return 'enum';
  }
  switch (type.name) {
    case 'Money':
    case 'Decimal':
    case 'Float':
      return 'number';
    case 'Int':
    case 'ID':
    case 'Boolean':
      return type.name;
    case 'Date':
    case 'DateTime':
      return 'Date';
    default:
      return /idnumber/i.test(name) ? 'idNumber' : /region/i.test(name) ? 'region' : 'String';
  }
};

/** Hostile values aimed at one kind of leaf (used twice as often as the generic ones). */
const TARGETED: Record<Category, fc.Arbitrary<unknown>> = {
  number: numberish,
  Int: fc.oneof(
    fc.constantFrom(-1, -(2 ** 31), 2 ** 31, 2 ** 31 - 1, 2 ** 53, 1e308, 1.5, '12', '1e3'),
    fc.integer({ min: -1_000_000, max: -1 }),
    fc.integer({ min: 10_000, max: 2 ** 31 - 1 }),
  ),
  Date: fc.oneof(
    fc.constantFrom(...BAD_DATES),
    dateBetween('1000-01-01', '9999-12-31').map(iso),
    fc.constantFrom(20240101, 0),
  ),
  ID: fc.oneof(
    fc.constantFrom(...BAD_IDS),
    fc.uuid(),
    fc.uuid().map((u) => u.toUpperCase()),
  ),
  Boolean: fc.constantFrom('true', 'false', 1, 0, 'yes'),
  idNumber: fc.oneof(
    badIdNumberArb,
    embeddedIdArb,
    idNumberArb.map((n) => n.toLowerCase()),
  ),
  region: fc.constantFrom(
    '41',
    '4103021',
    '000000',
    '999999',
    'abcdef',
    '41030X',
    '５１００００',
    '110105',
  ),
  String: fc.oneof(
    hugeArb,
    fc.constantFrom(...SQL, ...SCRIPT, ...UNICODE),
    embeddedIdArb,
    fc.constantFrom(1, 0, true, {}, ['x']),
  ),
  enum: fc.constantFrom('unknown', '', 'none', 'NONE;--', 1, true),
};

/** The real parties, agreements, persons, claims, penalties and audits the setup made. */
interface Refs {
  agencyId: string;
  insurerId: string;
  hospitalId: string;
  /** The CRITICAL_ILLNESS agreement. */
  agreementId: string;
  designationId: string;
  handlingId: string;
  personIds: string[];
  claimIds: string[];
  penaltyId: string;
  auditIds: string[];
  itemIds: string[];
}

interface World {
  refs: Refs;
  /** Every real id of the setup. */
  ids: string[];
  /** Real ids by the lower-cased name of the argument or field that takes them. */
  idsFor: Record<string, string[]>;
  violationCodes: string[];
}

/** A valid-looking value of a scalar, by its type and the name of its argument or field. */
const validScalar = (scalar: string, name: string, world: World): fc.Arbitrary<unknown> => {
  const n = name.toLowerCase();
  switch (scalar) {
    case 'ID': {
      const own = world.idsFor[n];
      return fc.oneof(
        { weight: own ? 6 : 0, arbitrary: fc.constantFrom(...(own ?? world.ids)) },
        { weight: 2, arbitrary: fc.constantFrom(...world.ids) },
        { weight: 1, arbitrary: fc.uuid() },
      );
    }
    case 'Int':
      if (n === 'year' || n === 'yearend') {
        return fc.oneof(fc.constant(2024), fc.integer({ min: 2023, max: 2025 }));
      }
      if (n === 'quarter') {
        return fc.integer({ min: 1, max: 4 });
      }
      if (n.includes('count')) {
        return fc.integer({ min: 0, max: 2_000_000 });
      }
      if (n === 'suspensionmonths') {
        return fc.integer({ min: 0, max: 6 });
      }
      return fc.integer({ min: 0, max: 40 });
    case 'Float':
      return fc.double({ min: 0, max: 100, noNaN: true });
    case 'Boolean':
      return fc.boolean();
    case 'Date':
      return fc.oneof(
        dateBetween('2023-01-01', '2025-12-31').map(iso),
        fc.constantFrom('2024-01-01', '2024-04-20', '2024-06-15', '2024-12-31'),
      );
    case 'DateTime':
      return dateBetween('2023-01-01', '2025-12-31').map((d) => d.toISOString());
    case 'Money':
      return fc.oneof(
        fc.integer({ min: 0, max: 200_000_000 }).map((c) => (c / 100).toFixed(2)),
        fc.constantFrom('0.00', '0', '1000.00', '8000.00', '20000.00', '400000.00'),
      );
    case 'Decimal':
      return fc.constantFrom('0', '0.02', '0.5', '0.6', '0.9', '1', '1.0750', '2', '3', '200.5');
    default:
      if (n.includes('idnumber')) {
        return idNumberArb;
      }
      if (n.includes('region')) {
        return fc.constantFrom(...REGIONS);
      }
      if (n === 'period') {
        return fc.constantFrom(
          '2024-09',
          '2024-01',
          '2024-H1',
          '2024-H2',
          '2024',
          '2023',
          '2024-13',
        );
      }
      if (n === 'violationcode') {
        return fc.constantFrom(...world.violationCodes);
      }
      if (n === 'code' || n === 'settlementnumber' || n === 'itemcode') {
        return fc.stringMatching(/^[A-Z]{1,3}-[0-9A-Z]{1,10}$/);
      }
      return fc.oneof(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.constantFrom('测试', '审核发现不合规', '洛阳市第一人民医院', 'seed-1'),
        embeddedIdArb,
      );
  }
};

interface Slot {
  readonly name: string;
  readonly type: GraphQLInputType;
  readonly defaultValue?: unknown;
}
const requiredSlot = (s: Slot) => isNonNullType(s.type) && s.defaultValue === undefined;

/** Variables or input-object fields: sometimes a required one left out, sometimes unknown keys added. */
const fieldsArb = (
  slots: readonly Slot[],
  h: number,
  depth: number,
  world: World,
): fc.Arbitrary<Record<string, unknown>> => {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const s of slots) {
    model[s.name] = valueArb(s.type, s.name, h, depth + 1, world);
  }
  const required = slots.filter(requiredSlot).map((s) => s.name);
  const base = fc.record(model, { requiredKeys: required });
  if (h === 0) {
    return base;
  }
  const drop =
    required.length === 0
      ? fc.constant(undefined)
      : fc.oneof(
          { weight: 200 - h, arbitrary: fc.constant(undefined) },
          { weight: h, arbitrary: fc.constantFrom(...required) },
        );
  const unknownKeys = fc.oneof(
    { weight: 200 - h, arbitrary: fc.constant({}) },
    {
      weight: h,
      arbitrary: fc.dictionary(
        fc.oneof(
          fc.constantFrom('__proto__', 'constructor', 'id', 'idNumber', 'extra', 'createdAt'),
          fc.string({ minLength: 1, maxLength: 8 }),
        ),
        hostileArb,
        { maxKeys: 2 },
      ),
    },
  );
  return fc.tuple(base, drop, unknownKeys).map(([value, dropped, extra]) => {
    const out: Record<string, unknown> = { ...value };
    if (dropped !== undefined) {
      delete out[dropped];
    }
    for (const [k, v] of Object.entries(extra)) {
      Object.defineProperty(out, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  });
};

/** A value for an input type: valid-looking, or hostile with probability h %. */
function valueArb(
  type: GraphQLInputType,
  name: string,
  h: number,
  depth: number,
  world: World,
): fc.Arbitrary<unknown> {
  const valid = validArb(type, name, h, depth, world);
  if (h === 0) {
    return valid;
  }
  const named = getNamedType(type);
  const targeted = isLeafType(named) ? TARGETED[categoryOf(named, name)] : hostileArb;
  return fc.oneof(
    { weight: 3 * (100 - h), arbitrary: valid },
    { weight: 2 * h, arbitrary: targeted },
    { weight: h, arbitrary: hostileArb },
  );
}

function validArb(
  type: GraphQLInputType,
  name: string,
  h: number,
  depth: number,
  world: World,
): fc.Arbitrary<unknown> {
  if (depth > 8) {
    return fc.constant(null);
  }
  if (isNonNullType(type)) {
    return validArb(type.ofType, name, h, depth, world);
  }
  if (isListType(type)) {
    const item = valueArb(type.ofType, name, h, depth + 1, world);
    // A single value is coerced to a list of one (GraphQL input coercion).
    return fc.oneof(
      { weight: 9, arbitrary: fc.array(item, { maxLength: 3 }) },
      { weight: 1, arbitrary: item },
    );
  }
  if (isEnumType(type)) {
    return fc.constantFrom(...type.getValues().map((v) => v.name));
  }
  if (isInputObjectType(type)) {
    const slots = Object.values(type.getFields()).map((f) => ({
      name: f.name,
      type: f.type,
      defaultValue: f.defaultValue,
    }));
    return fieldsArb(slots, h, depth, world);
  }
  return validScalar(type.name, name, world);
}

interface Leaf {
  readonly path: ReadonlyArray<string | number>;
  readonly category: Category | 'any';
}

/** Every place of a value that can be replaced: its leaves (absent optional ones too), lists and objects. */
const leavesOf = (
  type: GraphQLInputType,
  name: string,
  value: unknown,
  path: Array<string | number>,
  out: Leaf[],
): void => {
  if (isNonNullType(type)) {
    leavesOf(type.ofType, name, value, path, out);
    return;
  }
  if (isListType(type)) {
    out.push({ path, category: 'any' });
    if (Array.isArray(value)) {
      value.forEach((v, i) => leavesOf(type.ofType, name, v, [...path, i], out));
    }
    return;
  }
  if (isInputObjectType(type)) {
    out.push({ path, category: 'any' });
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const f of Object.values(type.getFields())) {
        leavesOf(
          f.type,
          f.name,
          (value as Record<string, unknown>)[f.name],
          [...path, f.name],
          out,
        );
      }
    }
    return;
  }
  out.push({ path, category: categoryOf(type, name) });
};

/** A copy of `root` with the value at `path` replaced. */
const replacedAt = (
  root: Record<string, unknown>,
  path: ReadonlyArray<string | number>,
  value: unknown,
): Record<string, unknown> => {
  const copy = structuredClone(root);
  let at = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) {
    at = at[k] as Record<string | number, unknown>;
  }
  at[path[path.length - 1]!] = value;
  return copy;
};

/** `variables` with one place (a leaf, a list or an object) made hostile. */
const withOneHostile = (
  variablesArb: fc.Arbitrary<Record<string, unknown>>,
  slots: readonly Slot[],
): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(variablesArb, fc.nat(), fc.record(TARGETED), hostileArb, fc.nat({ max: 2 }))
    .map(([variables, pick, targeted, generic, g]) => {
      const leaves: Leaf[] = [];
      for (const s of slots) {
        leavesOf(s.type, s.name, variables[s.name], [s.name], leaves);
      }
      const leaf = leaves[pick % Math.max(leaves.length, 1)];
      if (!leaf) {
        return variables;
      }
      const value = leaf.category === 'any' || g === 0 ? generic : targeted[leaf.category];
      return replacedAt(variables, leaf.path, value);
    });

/** What a base needs to be fresh: a unique tag, a valid ID number, a pick among the real ids. */
interface Fresh {
  tag: string;
  idNumber: string;
  pick: number;
}
const freshArb: fc.Arbitrary<Fresh> = fc.record({
  tag: fc.stringMatching(/^[A-Z0-9]{8}$/),
  idNumber: idNumberArb,
  pick: fc.nat(),
});
const pickOf = <T>(list: readonly T[], pick: number): T => list[pick % list.length]!;

/**
 * Variables that pass coercion and, on the setup's data, can pass the service's checks too: one hostile place in them
 * is then met by the service's own validation (and the database), not by the GraphQL coercion. A mutation without a
 * base here is still fuzzed from the schema alone.
 */
const BASES: Record<string, (r: Refs, f: Fresh) => Record<string, unknown>> = {
  createOrganization: (_r, f) => ({
    input: { code: `HB-${f.tag}`, name: '医院', kind: 'MEDICAL_INSTITUTION', regionCode: '410300' },
  }),
  createAgreement: (r, f) => ({
    input: {
      code: `HB-${f.tag}`,
      kind: 'CRITICAL_ILLNESS',
      title: '大病保险承办服务合同',
      partyAId: r.agencyId,
      partyBId: r.insurerId,
      regionCode: '410000',
      coveredRegions: ['410000'],
      effectiveFrom: '2024-01-01',
      effectiveTo: '2024-12-31',
    },
  }),
  reviseTerms: (r, f) => ({
    agreementId: r.agreementId,
    effectiveFrom: `2024-${String((f.pick % 11) + 2).padStart(2, '0')}-01`,
    criticalIllnessTerms: {
      riskReserveRate: '0.05',
      general: {
        deductible: '11000.00',
        bands: [{ upTo: '50000.00', rate: '0.6' }, { rate: '0.7' }],
        annualCap: '400000.00',
      },
    },
  }),
  loadCalendarYear: () => ({
    year: 2026,
    holidays: ['2026-01-01'],
    adjustedWorkdays: ['2026-01-04'],
  }),
  submitClaim: (r, f) => ({ input: claimBase(r, f) }),
  submitClaims: (r, f) => ({ inputs: [claimBase(r, f), claimBase(r, { ...f, tag: `${f.tag}B` })] }),
  markClaimPaid: (r, f) => ({ claimId: pickOf(r.claimIds, f.pick), paidOn: '2024-06-01' }),
  reviewClaim: (r, f) => ({
    claimId: pickOf(r.claimIds, f.pick),
    nonCompliantAmount: '10.00',
    reason: '审核',
  }),
  reverseClaim: (r, f) => ({ claimId: pickOf(r.claimIds, f.pick), reason: '冲正' }),
  recordReportFiling: (r) => ({
    agreementId: r.agreementId,
    filedOn: '2024-06-01',
    kind: 'MONTHLY',
    period: '2024-05',
  }),
  recordFundRaised: (r) => ({ agreementId: r.agreementId, amount: '1000000.00', year: 2024 }),
  clearFundYear: (r) => ({
    agreementId: r.agreementId,
    year: 2024,
    depositReturnRatio: '1',
    policyLoss: false,
  }),
  recordInsuredCount: (r) => ({ agreementId: r.handlingId, yearEnd: 2023, count: 1_000_000 }),
  recordHandlingBreach: (r) => ({
    agreementId: r.handlingId,
    description: '报表迟报',
    occurredOn: '2024-03-01',
  }),
  startQuarterlyAudit: (r, f) => ({
    agreementId: r.handlingId,
    year: 2024,
    quarter: (f.pick % 4) + 1,
    seed: f.tag,
  }),
  recordAuditVerdicts: (r) => ({
    auditId: r.auditIds[0],
    verdicts: r.itemIds.map((itemId) => ({ itemId, passed: true, note: '合格' })),
  }),
  finalizeQuarterlyAudit: (r, f) => ({ auditId: pickOf(r.auditIds, f.pick) }),
  recordStaffing: (r) => ({
    input: {
      agreementId: r.handlingId,
      level: 'CITY',
      regionCode: '410300',
      medical: 5,
      finance: 2,
      it: 2,
      other: 1,
    },
  }),
  recordViolation: (r) => ({
    input: violationInput(r.designationId),
  }),
  recordPenaltyPayment: (r) => ({ penaltyId: r.penaltyId, amount: '10.00', paidOn: '2024-06-01' }),
  recordInspection: (r) => ({
    input: {
      agreementId: r.designationId,
      inspectedOn: '2024-05-01',
      violatingAmount: '100.00',
      stockItems: [
        { itemCode: 'D001', opening: '10', purchased: '5', sold: '8', closing: '7', declared: '8' },
      ],
      serviceItems: [{ itemCode: 'S001', declared: '12', standard: '10' }],
    },
  }),
  registerInsuredPerson: (_r, f) => ({
    input: { idNumber: f.idNumber, name: '张三', regionCode: '410302', specialStatus: 'NONE' },
  }),
  setSpecialStatus: (r, f) => ({
    insuredPersonId: pickOf(r.personIds, f.pick),
    status: 'MINIMUM_LIVING',
    from: '2024-03-01',
  }),
};

/** A DIRECT claim of the critical-illness agreement, valid on the setup's data. */
function claimBase(r: Refs, f: Fresh): Record<string, unknown> {
  return {
    agreementId: r.agreementId,
    institutionId: r.hospitalId,
    insuredPersonId: pickOf(r.personIds, f.pick),
    settlementNumber: `HB-${f.tag}`,
    channel: 'DIRECT',
    admissionDate: '2024-05-01',
    dischargeDate: '2024-05-10',
    declaredOn: '2024-05-12',
    totalCost: '30000.00',
    basicFundPaid: '10000.00',
  };
}

/** The selection of a result: its leaf fields, and the leaf fields of its object fields (no required arguments). */
const selectionOf = (type: GraphQLOutputType, depth = 0): string => {
  const named = getNamedType(type);
  if (isLeafType(named)) {
    return '';
  }
  if (!isObjectType(named)) {
    return '{ __typename }';
  }
  const parts = ['__typename'];
  for (const f of Object.values(named.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) {
      continue;
    }
    if (isLeafType(getNamedType(f.type))) {
      parts.push(f.name);
    } else if (depth === 0) {
      parts.push(`${f.name} ${selectionOf(f.type, depth + 1)}`);
    }
  }
  return `{ ${parts.join(' ')} }`;
};

const documentOf = (field: GraphQLField<unknown, unknown>): string => {
  const vars = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `mutation Hostile${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selectionOf(field.type)} }`;
};

// ---------------------------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------------------------

/** Every valid ID number (MOD 11-2) that occurs in the request, upper-cased; overlapping windows included. */
const sentIdNumbers = (variables: unknown): string[] => {
  const text = JSON.stringify(variables) ?? '';
  const found = new Set<string>();
  for (const m of text.matchAll(/(?=(\d{17}[\dXx]))/g)) {
    const n = m[1]!.toUpperCase();
    if (checkCharacter(n) === n[17]) {
      found.add(n);
    }
  }
  return [...found];
};

/** Long strings shortened, so that a report stays readable. */
const shorten = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'string' && v.length > 120
        ? `<${v.length} chars: ${JSON.stringify(v.slice(0, 60))}…>`
        : v,
    ) ?? 'null',
  );

type Rows = Record<string, number>;

/**
 * Inputs known to make the server answer INTERNAL_SERVER_ERROR, each with its regression case (below). For
 * them the property tolerates that one code (and counts it); every other check (leaks, rows) still applies.
 */
const KNOWN_INTERNAL: Array<{
  id: string;
  matches: (mutation: string, variables: unknown) => boolean;
}> = [
  // None left: NUL characters and unpaired surrogates are refused at the input (src/graphql/plugins/text-guard.ts), and
  // a penalty noticed after 9998-12-31 is refused on noticeOn (penalty.service.ts). Their regression cases stay below.
];

/**
 * Refusals known to repeat the value the caller sent, each with its regression case (it.skip below): the mutation and
 * the field the error names. The property does not scan those errors for echoed numbers or patterns (and counts them).
 */
const KNOWN_ECHOES: Array<{ id: string; mutation: string; field: string }> = [
  // None left: the catalogue and the uniqueness refusals no longer repeat the value sent.
];

interface Outcome {
  problems: string[];
  rejected: boolean;
  ok: boolean;
  /** Known failures this response showed (tolerated). */
  knownHits: string[];
}

/**
 * The contract's checks of one response (see the file comment); `before`/`after` are the row counts. Known failures
 * are tolerated unless `strict` (the regression cases).
 */
const check = (
  mutation: string,
  variables: unknown,
  res: GqlResult,
  before: Rows,
  after: Rows,
  strict = false,
): Outcome => {
  const problems: string[] = [];
  const knownHits = new Set<string>();
  const errors = res.errors ?? [];
  const knownInternal = strict
    ? []
    : KNOWN_INTERNAL.filter((k) => k.matches(mutation, variables)).map((k) => k.id);
  for (const e of errors) {
    const code = e.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' && knownInternal.length > 0) {
      knownInternal.forEach((id) => knownHits.add(id));
    } else if (code === 'INTERNAL_SERVER_ERROR') {
      problems.push(`INTERNAL_SERVER_ERROR at ${JSON.stringify(e.path)}`);
    } else if (typeof code !== 'string' || !ALLOWED_CODES.has(code)) {
      problems.push(`unexpected error code ${JSON.stringify(code)}`);
    }
  }
  const echoOf = (e: (typeof errors)[number]) =>
    strict
      ? undefined
      : KNOWN_ECHOES.find((k) => k.mutation === mutation && k.field === e.extensions?.field);
  const scanned = errors.filter((e) => !echoOf(e));
  const sent = sentIdNumbers(variables);
  for (const e of errors) {
    const echo = echoOf(e);
    const text = JSON.stringify(e).toUpperCase();
    if (
      echo &&
      (sent.some((n) => text.includes(n)) || LEAK_PATTERNS.some(([, re]) => re.test(text)))
    ) {
      knownHits.add(echo.id);
    }
  }
  const data = res.data ?? null;
  const result = data?.[mutation] ?? null;
  const batchErrors =
    mutation === 'submitClaims' && result !== null
      ? ((result as { errors?: unknown[] }).errors ?? [])
      : [];
  // What the server refused: the errors, the batch errors, and the whole answer when the mutation answered null.
  const refusedParts = [JSON.stringify(scanned), JSON.stringify(batchErrors)];
  if (result === null) {
    refusedParts.push(JSON.stringify({ ...res, errors: scanned }));
  }
  const refused = refusedParts.join('\n');
  for (const [what, re] of LEAK_PATTERNS) {
    if (re.test(refused)) {
      problems.push(`${what} in the refusal: ${JSON.stringify(re.exec(refused)![0])}`);
    }
  }
  if (errors.length > 0 || batchErrors.length > 0) {
    const upper = refused.toUpperCase();
    for (const n of sent) {
      if (upper.includes(n)) {
        problems.push(`the personal number ${n} that was sent is echoed by a refusal`);
      }
    }
  }
  const rejected =
    mutation === 'submitClaims'
      ? result === null || ((result as { claims?: unknown[] }).claims ?? []).length === 0
      : result === null;
  if (rejected) {
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    if (changed.length > 0) {
      problems.push(
        `a rejected request wrote rows: ${changed.map((k) => `${k} ${before[k]} → ${after[k]}`).join(', ')}`,
      );
    }
  }
  return { problems, rejected, ok: errors.length === 0, knownHits: [...knownHits] };
};

// ---------------------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------------------

describe(`hostile input to every mutation (${onRealPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let world: World;
  let countRows: () => Promise<Rows>;

  beforeAll(async () => {
    t = await startTestApp();
    const w = await claimWorld(t, 'HX');
    const gqlOk = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const r = await t.gql<T>(query, variables, AGENCY);
      if (r.errors?.length || !r.data) {
        throw new Error(`setup failed: ${JSON.stringify(r.errors)}`);
      }
      return r.data;
    };
    const personId = await w.person();
    const claimIds: string[] = [];
    for (const [n, channel] of ['DIRECT', 'MANUAL', 'DIRECT', 'MANUAL'].entries()) {
      const claim = await gqlOk<{ submitClaim: { id: string } }>(
        `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { id } }`,
        { i: claimInput(w, personId, `HX-${n}`, '20000.00', { channel }) },
      );
      claimIds.push(claim.submitClaim.id);
    }
    const handling = await gqlOk<{ createAgreement: { id: string } }>(
      `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`,
      {
        i: {
          code: 'HX-LY',
          kind: 'COMMISSIONED_HANDLING',
          title: 'handling',
          partyAId: w.agencyId,
          partyBId: w.insurerId,
          regionCode: '410300',
          coveredRegions: ['410300', '410302'],
          effectiveFrom: '2024-01-01',
          effectiveTo: '2025-12-31',
        },
      },
    );
    const penalty = await gqlOk<{ recordViolation: { id: string } }>(
      `mutation($i: RecordViolationInput!) { recordViolation(input: $i) { id } }`,
      {
        i: violationInput(w.designationId, { violatingAmount: '8000.00' }),
      },
    );
    const audit = await gqlOk<{ startQuarterlyAudit: { id: string; items: { id: string }[] } }>(
      `mutation($a: ID!) { startQuarterlyAudit(agreementId: $a, year: 2024, quarter: 2, seed: "hx") { id items { id } } }`,
      { a: handling.createAgreement.id },
    );
    const audit3 = await gqlOk<{ startQuarterlyAudit: { id: string } }>(
      `mutation($a: ID!) { startQuarterlyAudit(agreementId: $a, year: 2024, quarter: 3, seed: "hx") { id } }`,
      { a: handling.createAgreement.id },
    );
    const catalogue = await gqlOk<{ violationTypes: { code: string }[] }>(
      `{ violationTypes { code } }`,
      {},
    );
    const refs: Refs = {
      agencyId: w.agencyId,
      insurerId: w.insurerId,
      hospitalId: w.hospitalId,
      agreementId: w.agreementId,
      designationId: w.designationId,
      handlingId: handling.createAgreement.id,
      personIds: [personId, await w.person('MINIMUM_LIVING')],
      claimIds,
      penaltyId: penalty.recordViolation.id,
      auditIds: [audit.startQuarterlyAudit.id, audit3.startQuarterlyAudit.id],
      itemIds: audit.startQuarterlyAudit.items.map((i) => i.id),
    };
    const idsFor: Record<string, string[]> = {
      agreementid: [refs.agreementId, refs.designationId, refs.handlingId],
      partyaid: [refs.agencyId],
      partybid: [refs.insurerId, refs.hospitalId],
      institutionid: [refs.hospitalId],
      insuredpersonid: refs.personIds,
      claimid: refs.claimIds,
      penaltyid: [refs.penaltyId],
      auditid: refs.auditIds,
      itemid: refs.itemIds,
    };
    for (const [k, v] of Object.entries(idsFor)) {
      if (v.length === 0) {
        delete idsFor[k];
      }
    }
    world = {
      refs,
      ids: [...new Set(Object.values(idsFor).flat())],
      idsFor,
      violationCodes: [...catalogue.violationTypes.map((v) => v.code), 'NO_SUCH_CODE'],
    };

    const tables = (
      await t.db.dataSource.query<{ name: string }[]>(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
      )
    )
      .map((r) => r.name)
      .filter((n) => !/migration/i.test(n));
    expect(tables).toEqual(expect.arrayContaining(MAIN_TABLES));
    const sql = `SELECT ${tables.map((n) => `(SELECT count(*) FROM "${n}")::int AS "${n}"`).join(', ')}`;
    countRows = async () => (await t.db.dataSource.query<Rows[]>(sql))[0]!;
  }, 120_000);
  afterAll(() => t.close());

  it('never answers INTERNAL_SERVER_ERROR, leaks nothing and writes nothing when it refuses', async () => {
    const fields = Object.values(t.app.schema.getMutationType()!.getFields());
    const runsEach = Math.ceil(TOTAL_RUNS / fields.length);
    console.log(
      `hostile-input: fast-check seed ${SEED} (FC_SEED overrides; mutation i uses seed + i), ` +
        `${fields.length} mutations × ${runsEach} runs`,
    );
    let rows = await countRows();
    const failures: string[] = [];
    const stats = { cases: 0, ok: 0, rejected: 0, withIdNumbers: 0 };
    const knownHits: Record<string, number> = Object.fromEntries(
      [...KNOWN_INTERNAL, ...KNOWN_ECHOES].map((k) => [k.id, 0]),
    );
    const perMutation: Record<string, string> = {};

    for (const [index, field] of fields.entries()) {
      const document = documentOf(field);
      const slots: Slot[] = field.args.map((a) => ({
        name: a.name,
        type: a.type,
        defaultValue: a.defaultValue,
      }));
      const byLevel = new Map(LEVELS.map((h) => [h, fieldsArb(slots, h, 0, world)]));
      const fromSchema = fc
        .constantFrom(...LEVELS)
        .chain((h) => byLevel.get(h)!.map((variables) => ({ mode: `schema ${h}%`, variables })));
      const base = BASES[field.name];
      const baseArb = base
        ? freshArb.map((f) => base(world.refs, f))
        : fieldsArb(slots, 0, 0, world);
      const cases = fc.oneof(
        {
          weight: 5,
          arbitrary: withOneHostile(baseArb, slots).map((variables) => ({
            mode: 'base+1',
            variables,
          })),
        },
        {
          weight: 1,
          arbitrary: withOneHostile(withOneHostile(baseArb, slots), slots).map((variables) => ({
            mode: 'base+2',
            variables,
          })),
        },
        { weight: 1, arbitrary: baseArb.map((variables) => ({ mode: 'base', variables })) },
        {
          weight: 2,
          arbitrary: withOneHostile(fieldsArb(slots, 0, 0, world), slots).map((variables) => ({
            mode: 'schema+1',
            variables,
          })),
        },
        { weight: 3, arbitrary: fromSchema },
      );
      let last:
        { mode: string; variables: unknown; response: unknown; problems: string[] } | undefined;
      const counts = { cases: 0, ok: 0, rejected: 0 };

      const details = await fc.check(
        fc.asyncProperty(cases, async ({ mode, variables }) => {
          const res = await t.gql(document, variables, AGENCY);
          const after = await countRows();
          const outcome = check(field.name, variables, res, rows, after);
          rows = after;
          for (const id of outcome.knownHits) {
            knownHits[id]! += 1;
          }
          counts.cases += 1;
          counts.ok += outcome.ok ? 1 : 0;
          counts.rejected += outcome.rejected ? 1 : 0;
          stats.withIdNumbers += sentIdNumbers(variables).length > 0 ? 1 : 0;
          if (outcome.problems.length > 0) {
            last = { mode, variables, response: res, problems: outcome.problems };
            return false;
          }
          return true;
        }),
        { seed: SEED + index, numRuns: runsEach, interruptAfterTimeLimit: 60_000 },
      );
      stats.cases += counts.cases;
      stats.ok += counts.ok;
      stats.rejected += counts.rejected;
      perMutation[field.name] =
        `${counts.cases} cases, ${counts.ok} ok, ${counts.rejected} rejected`;
      if (details.failed) {
        failures.push(
          [
            `${field.name} (seed ${details.seed}, path ${details.counterexamplePath ?? '-'}, ` +
              `${details.numShrinks} shrinks): ${last?.problems.join('; ') ?? String(details.errorInstance)}`,
            `  mode:      ${last?.mode ?? '-'}`,
            `  document:  ${document}`,
            `  variables: ${JSON.stringify(shorten(last?.variables ?? details.counterexample))}`,
            `  response:  ${JSON.stringify(shorten(last?.response))}`,
          ].join('\n'),
        );
      }
    }

    console.log(
      `hostile-input: ${stats.cases} cases (${stats.ok} accepted, ${stats.rejected} rejected, ` +
        `${stats.withIdNumbers} carrying an ID number; known failures met: ` +
        `${JSON.stringify(knownHits)})\n` +
        Object.entries(perMutation)
          .map(([m, s]) => `  ${m}: ${s}`)
          .join('\n'),
    );
    expect(failures).toEqual([]);
    expect(stats.cases).toBeGreaterThanOrEqual(1_000);
    // The mix reaches the services: some requests pass, most are refused.
    expect(stats.ok).toBeGreaterThan(0);
    expect(stats.rejected).toBeGreaterThan(stats.cases / 2);
  }, 600_000);

  /*
   * Regression cases of the failures this test found, all fixed since (the property above would tolerate a listed
   * failure through KNOWN_INTERNAL and KNOWN_ECHOES; both lists are empty now).
   */
  describe('known failures', () => {
    const ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id code } }`;
    const strictCheck = async (
      mutation: string,
      document: string,
      variables: Record<string, unknown>,
    ) => {
      const before = await countRows();
      const res = await t.gql(document, variables, AGENCY);
      return check(mutation, variables, res, before, await countRows(), true).problems;
    };

    // LONE_SURROGATE. Found by the property (createOrganization; met again with FC_SEED=12 FC_RUNS=3000): the code
    // "\uD800" passes validation; the audit trail stores the input as JSON, which PostgreSQL refuses (22P02 "Unicode
    // low surrogate must follow a high surrogate") → INTERNAL_SERVER_ERROR. Any audited mutation with such a string
    // does the same.
    it('refuses a string with an unpaired UTF-16 surrogate as BAD_USER_INPUT, not INTERNAL_SERVER_ERROR', async () => {
      expect(
        await strictCheck('createOrganization', ORG, {
          input: {
            code: '\uD800',
            name: '11010519491231002X',
            kind: 'AGENCY',
            regionCode: '410000',
          },
        }),
      ).toEqual([]);
    });

    // NUL. Met by the property (default seed). A NUL character in a string that reaches SQL: PostgreSQL refuses the
    // parameter (22021 "invalid byte sequence for encoding UTF8: 0x00") → INTERNAL_SERVER_ERROR (here at the code's
    // uniqueness check).
    it('refuses a string with a NUL character as BAD_USER_INPUT, not INTERNAL_SERVER_ERROR', async () => {
      expect(
        await strictCheck('createOrganization', ORG, {
          input: { code: 'a\u0000b', name: 'n', kind: 'AGENCY', regionCode: '410000' },
        }),
      ).toEqual([]);
    });

    // PENALTY_AFTER_9999. Found by the property (recordInspection, FC_SEED=12 FC_RUNS=3000): an inspection on
    // 9999-12-31 with a finding decides a penalty whose due dates (working days after the notice) fall after
    // 9999-12-31; the working-day rule throws RangeError ("got \"+010000-01\"") → INTERNAL_SERVER_ERROR.
    // recordViolation with a notice on 9999-12-31 does the same. (submitClaim refuses the like case: "the result would
    // fall after 9999-12-31".)
    it('refuses an inspection on 9999-12-31 whose penalty would fall due after 9999, not INTERNAL_SERVER_ERROR', async () => {
      expect(
        await strictCheck(
          'recordInspection',
          `mutation($input: InspectionInput!) { recordInspection(input: $input) { id } }`,
          {
            input: {
              agreementId: world.refs.designationId,
              inspectedOn: '9999-12-31',
              violatingAmount: '100.00',
              stockItems: [
                {
                  itemCode: 'D001',
                  opening: '10',
                  purchased: '5',
                  sold: '8',
                  closing: '7',
                  declared: '8',
                },
              ],
              serviceItems: [{ itemCode: 'S001', declared: '12', standard: '10' }],
            },
          },
        ),
      ).toEqual([]);
    });
    // ECHO_VIOLATION_CODE. Found by the property (recordViolation, default seed): "Unknown violation code
    // 410302197001010006" repeated the value, here a personal number. PENALTY_AFTER_9999 for a violation: a notice on
    // 9999-12-31 made the due dates fall after 9999-12-31 (RangeError → INTERNAL_SERVER_ERROR).
    it.each([
      ['a violation noticed on 9999-12-31 (due dates past 9999)', { noticeOn: '9999-12-31' }],
      [
        'an unknown violation code that is a personal number, without repeating it',
        { violationCode: '410302197001010006' },
      ],
    ])('refuses %s', async (_name, over) => {
      expect(
        await strictCheck(
          'recordViolation',
          `mutation($input: RecordViolationInput!) { recordViolation(input: $input) { id } }`,
          { input: violationInput(world.refs.designationId, over) },
        ),
      ).toEqual([]);
    });

    // ECHO_ORGANIZATION_CODE. Found reading the services after the one above: "An organization with code
    // 11010519491231002X exists" repeats the code sent.
    it('does not repeat a taken organization code (here a personal number) in the CONFLICT', async () => {
      const input = { code: '11010519491231002X', name: 'n', kind: 'AGENCY', regionCode: '410000' };
      await t.gql(ORG, { input }, AGENCY);
      expect(await strictCheck('createOrganization', ORG, { input })).toEqual([]);
    });

    // ECHO_AGREEMENT_CODE. "An agreement with code 440524188001010014 exists" repeats the code sent.
    it('does not repeat a taken agreement code (here a personal number) in the CONFLICT', async () => {
      const AGREEMENT = `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`;
      const input = {
        code: '440524188001010014',
        kind: 'CRITICAL_ILLNESS',
        title: 't',
        partyAId: world.refs.agencyId,
        partyBId: world.refs.insurerId,
        regionCode: '410000',
        effectiveFrom: '2024-01-01',
        effectiveTo: '2024-12-31',
      };
      await t.gql(AGREEMENT, { input }, AGENCY);
      expect(await strictCheck('createAgreement', AGREEMENT, { input })).toEqual([]);
    });
  });

  it('is healthy afterwards: a normal query answers, /healthz and /readyz answer 200', async () => {
    const r = await t.gql<{ organizations: { code: string }[] }>(
      `{ organizations { code } }`,
      {},
      AGENCY,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.organizations.map((o) => o.code)).toEqual(
      expect.arrayContaining(['HX-AG', 'HX-INS']),
    );
    const base = await t.listen();
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
