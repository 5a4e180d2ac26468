import type { ApolloServer } from '@apollo/server';
import type express from 'express';
import {
  getNamedType,
  isObjectType,
  type GraphQLFormattedError,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { Context } from '../graphql/context';

/**
 * CSV exports for reporting tools (rules.md §8, §11; docs/guides/reporting.md, "CSV exports"): `GET
 * /exports/<name>.csv?…` answers, as a file, exactly what the matching GraphQL query answers to the same token — the
 * export runs that query through Apollo with the caller's context (same roles, same row security, same limits, same
 * error codes), then writes the answer as CSV: UTF-8 with a byte-order mark (spreadsheet programs then read the
 * Chinese), CRLF line ends, RFC 4180 quoting.
 */

/** One export: the GraphQL document it runs, how query-string parameters become its variables, how rows come out. */
interface ExportDef {
  readonly document: string;
  /** The root field the answer is under. */
  readonly field: string;
  /** Query-string parameter → variable; `int` ones are sent as numbers, `list` ones split on commas. */
  readonly params: Readonly<Record<string, 'string' | 'int' | 'list'>>;
  /** Filename stem; the parameters named are appended. */
  /** Filename stem, from the variables and the answer (record exports name their agreement's code). */
  readonly filename: (v: Record<string, unknown>, answer: unknown) => string;
  /** Rows, the first one the header. */
  readonly rows: (answer: unknown, schema: GraphQLSchema, v: Record<string, unknown>) => string[][];
}

type Json = null | string | number | boolean | Json[] | { [k: string]: Json };

const MONTHLY_REPORT_FIELDS = `agreement { code } period asOf dueOn filedOn late
  claimCount totalCost eligibleSelfPay benefit
  channels { channel claimCount rejectedCount totalCost eligibleSelfPay benefit }
  paidCount paidAmount reviewCount reviewDeductedCost reviewBenefitReduction reversalCount reversedBenefit
  inspectionCount penaltyCount penaltyRecovered penaltyDamages overdueCount overdueAmount`;

/** The Chinese term a description starts with ("理赔件数: number of claims." → "理赔件数"), or "". */
const termOf = (description: string | null | undefined): string => {
  const head = (description ?? '').split(/[:：(（]/)[0]!.trim();
  return /[\u4e00-\u9fff]/.test(head) && head.length <= 24 ? head : '';
};

/**
 * One record as rows `item, 项目, value`: nested objects by dotted path, lists of objects by their first enum-like key
 * (`channels.DIRECT.claimCount`), Chinese labels from the schema's descriptions.
 */
const recordRows = (value: Json, type: GraphQLObjectType): string[][] => {
  const rows: string[][] = [['item', '项目', 'value']];
  const walk = (v: Json, t: GraphQLObjectType, path: string, label: string): void => {
    for (const [name, field] of Object.entries(t.getFields())) {
      if (!v || typeof v !== 'object' || Array.isArray(v) || !(name in v)) {
        continue;
      }
      const x = v[name]!;
      const named = getNamedType(field.type);
      const term = termOf(field.description);
      const here = `${path}${name}`;
      const hereLabel = [label, term].filter(Boolean).join(' ');
      if (isObjectType(named) && Array.isArray(x)) {
        for (const item of x) {
          const first =
            item && typeof item === 'object' && !Array.isArray(item) ? Object.values(item)[0] : '';
          const key = typeof first === 'string' ? first : '';
          walk(item, named, `${here}.${key}.`, `${hereLabel} ${key}`.trim());
        }
      } else if (isObjectType(named)) {
        walk(x, named, `${here}.`, hereLabel);
      } else {
        rows.push([here, hereLabel, x === null || typeof x === 'object' ? '' : String(x)]);
      }
    }
  };
  walk(value, type, '', '');
  return rows;
};

/** The answer's agreement code, reduced to characters safe in a filename. */
const codeOf = (answer: unknown): string => {
  const code = (answer as { agreement?: { code?: unknown } }).agreement?.code;
  return typeof code === 'string' ? code.replace(/[^A-Za-z0-9._-]/g, '_') : 'agreement';
};

const rootType = (schema: GraphQLSchema, field: string): GraphQLObjectType =>
  getNamedType(schema.getQueryType()!.getFields()[field]!.type) as GraphQLObjectType;

const EXPORTS: Readonly<Record<string, ExportDef>> = {
  'claim-stats': {
    document: `query ClaimStatsExport($groupBy: [ClaimGroupBy!]!, $agreementId: ID, $channel: ClaimChannel,
      $status: ClaimStatus, $dischargedFrom: Date, $dischargedTo: Date, $institutionId: ID, $regionCode: String) {
      claimStats(groupBy: $groupBy, filter: { agreementId: $agreementId, channel: $channel, status: $status,
        dischargedFrom: $dischargedFrom, dischargedTo: $dischargedTo, institutionId: $institutionId,
        regionCode: $regionCode }) {
        keys claimCount totalCost eligibleSelfPay benefit
      }
    }`,
    field: 'claimStats',
    params: {
      groupBy: 'list',
      agreementId: 'string',
      channel: 'string',
      status: 'string',
      dischargedFrom: 'string',
      dischargedTo: 'string',
      institutionId: 'string',
      regionCode: 'string',
    },
    filename: () => 'claim-stats',
    rows: (answer, _schema, v) => {
      const header = [
        ...(v.groupBy as string[]),
        'claimCount',
        'totalCost',
        'eligibleSelfPay',
        'benefit',
      ];
      const list = answer as Array<{
        keys: string[];
        claimCount: number;
        totalCost: string;
        eligibleSelfPay: string;
        benefit: string;
      }>;
      return [
        header,
        ...list.map((r) => [
          ...r.keys,
          String(r.claimCount),
          r.totalCost,
          r.eligibleSelfPay,
          r.benefit,
        ]),
      ];
    },
  },
  'monthly-report': {
    document: `query MonthlyReportExport($agreementId: ID!, $year: Int!, $month: Int!) {
      monthlyReport(agreementId: $agreementId, year: $year, month: $month) { ${MONTHLY_REPORT_FIELDS} }
    }`,
    field: 'monthlyReport',
    params: { agreementId: 'string', year: 'int', month: 'int' },
    filename: (v, a) =>
      `monthly-report-${codeOf(a)}-${String(v.year)}-${String(v.month).padStart(2, '0')}`,
    rows: (answer, schema) => recordRows(answer as Json, rootType(schema, 'monthlyReport')),
  },
  'fee-statement': {
    document: `query FeeStatementExport($agreementId: ID!, $year: Int!, $quarter: Int!) {
      handlingFeeStatement(agreementId: $agreementId, year: $year, quarter: $quarter) {
        agreement { code } year quarter insuredCountBasis annualFee quarterlyFee auditFinalized auditDeduction
        breachCount breachDamages savingsReward netPayable
      }
    }`,
    field: 'handlingFeeStatement',
    params: { agreementId: 'string', year: 'int', quarter: 'int' },
    filename: (v, a) => `fee-statement-${codeOf(a)}-${String(v.year)}-Q${String(v.quarter)}`,
    rows: (answer, schema) => recordRows(answer as Json, rootType(schema, 'handlingFeeStatement')),
  },
  'fund-publication': {
    document: `query FundPublicationExport($agreementId: ID!, $year: Int!, $quarter: Int!) {
      fundPublication(agreementId: $agreementId, year: $year, quarter: $quarter) {
        agreement { code } year quarter raisedAmount heldBack appropriated appropriatedToDate benefitsPaid
        benefitsPaidToDate balance
      }
    }`,
    field: 'fundPublication',
    params: { agreementId: 'string', year: 'int', quarter: 'int' },
    filename: (v, a) => `fund-publication-${codeOf(a)}-${String(v.year)}-Q${String(v.quarter)}`,
    rows: (answer, schema) => recordRows(answer as Json, rootType(schema, 'fundPublication')),
  },
};

/** Names of the exports, `GET /exports/<name>.csv`. */
export const EXPORT_NAMES = Object.keys(EXPORTS);

/** A spreadsheet would run a cell starting with = + - @ as a formula: such text (not a number) gets a leading '. */
const cell = (s: string): string => {
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** RFC 4180 text with a UTF-8 byte-order mark and CRLF line ends. */
export const toCsv = (rows: readonly (readonly string[])[]): string =>
  '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

const STATUS: Readonly<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 503,
  INTERNAL_SERVER_ERROR: 500,
};

const variablesOf = (
  def: ExportDef,
  query: Record<string, unknown>,
): { variables: Record<string, unknown>; unknown: string[]; repeated: string[] } => {
  const variables: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(def.params)) {
    const raw = query[name];
    if (typeof raw !== 'string' || raw === '') {
      continue;
    }
    variables[name] =
      kind === 'int' && /^-?\d{1,9}$/.test(raw)
        ? Number(raw)
        : kind === 'list'
          ? raw.split(',').map((s) => s.trim())
          : raw;
  }
  return {
    variables,
    unknown: Object.keys(query).filter((k) => !(k in def.params)),
    repeated: Object.keys(query).filter((k) => typeof query[k] !== 'string'),
  };
};

export interface ExportDeps {
  readonly apollo: ApolloServer<Context>;
  readonly schema: GraphQLSchema;
  /** The caller from the Authorization header, as the GraphQL endpoint reads it. */
  readonly contextOf: (req: express.Request, res: express.Response) => Promise<Context>;
}

/** Mounts `GET /exports/<name>.csv` for every export. */
export const mountExports = (app: express.Express, deps: ExportDeps): void => {
  app.get('/exports/:file', async (req, res, next) => {
    try {
      const m = /^([a-z-]+)\.csv$/.exec(req.params.file ?? '');
      const def = m ? EXPORTS[m[1]!] : undefined;
      if (!def) {
        res.status(404).json({
          errors: [
            {
              message: `No such export; there are ${EXPORT_NAMES.map((n) => `${n}.csv`).join(', ')}`,
              extensions: { code: 'NOT_FOUND' },
            },
          ],
        });
        return;
      }
      // Who is asking comes first: without a valid token the answer is 401 whatever the parameters.
      const contextValue = await deps.contextOf(req, res);
      if (!contextValue.user) {
        res.status(401).json({
          errors: [
            {
              message: contextValue.authError ?? 'A bearer token is required',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
        return;
      }
      const { variables, unknown, repeated } = variablesOf(def, req.query);
      const refused = unknown[0] ?? repeated[0];
      if (refused !== undefined) {
        res.status(400).json({
          errors: [
            {
              message: unknown.length
                ? `Unknown parameter; this export takes ${Object.keys(def.params).join(', ')}`
                : 'Give each parameter once',
              extensions: { code: 'BAD_USER_INPUT', field: refused },
            },
          ],
        });
        return;
      }
      const response = await deps.apollo.executeOperation(
        { query: def.document, variables },
        { contextValue },
      );
      const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
      const errors: readonly GraphQLFormattedError[] = body?.errors ?? [];
      const answer = body?.data?.[def.field];
      if (errors.length > 0 || answer == null) {
        const given = errors[0]?.extensions?.code;
        const code = typeof given === 'string' ? given : 'NOT_FOUND';
        // The export's parameters are flat: name the parameter, not the GraphQL path (filter.regionCode → regionCode).
        const flat = errors.map((e) =>
          typeof e.extensions?.field === 'string'
            ? {
                ...e,
                extensions: { ...e.extensions, field: e.extensions.field.replace(/^filter\./, '') },
              }
            : e,
        );
        res.status(STATUS[code] ?? 400).json({
          errors: flat.length > 0 ? flat : [{ message: 'Not found', extensions: { code } }],
        });
        return;
      }
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .setHeader('cache-control', 'no-store')
        .setHeader(
          'content-disposition',
          `attachment; filename="${def.filename(variables, answer)}.csv"`,
        )
        .send(toCsv(def.rows(answer, deps.schema, variables)));
    } catch (e) {
      next(e);
    }
  });
};
