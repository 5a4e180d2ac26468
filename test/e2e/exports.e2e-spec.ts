import { parse } from 'csv-parse/sync';
import { toCsv } from '../../src/http/exports';
import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import {
  agency,
  institution,
  reporting,
  startTestApp,
  type GqlResult,
  type TestApp,
} from '../helpers/test-app';
import type { Caller } from '../../src/shared/caller';

/*
 * CSV exports (docs/guides/reporting.md, "CSV exports"): GET /exports/<name>.csv with the same token and row security
 * as GraphQL, UTF-8 with a BOM, and the same numbers as the GraphQL answer to the same caller — compared here cell by
 * cell.
 */

const ok = <T>(r: GqlResult<T>): T => {
  if (r.errors?.length || !r.data) {
    throw new Error(`operation failed: ${JSON.stringify(r.errors)}`);
  }
  return r.data;
};

describe('CSV exports', () => {
  let t: TestApp;
  let base: string;
  let w: ClaimWorld;
  let handlingId: string;

  const download = async (path: string, user?: Caller) => {
    const res = await fetch(`${base}${path}`, {
      headers: user ? { authorization: `Bearer ${await t.token(user)}` } : {},
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { res, bytes, text: bytes.toString('utf8') };
  };
  const rowsOf = (text: string): string[][] => {
    const rows: string[][] = parse(text, { bom: true });
    return rows;
  };
  /** item → value of a record export. */
  const valuesOf = (text: string): Record<string, string> =>
    Object.fromEntries(
      rowsOf(text)
        .slice(1)
        .map(([item, , value]) => [item!, value!]),
    );

  beforeAll(async () => {
    t = await startTestApp();
    base = await t.listen();
    w = await claimWorld(t, 'EX');
    const persons = [await w.person(), await w.person('MINIMUM_LIVING'), await w.person()];
    const inputs = [
      claimInput(w, persons[0]!, 'EX-1', '150000.00'),
      claimInput(w, persons[1]!, 'EX-2', '40000.00', { channel: 'MANUAL' }),
      claimInput(w, persons[2]!, 'EX-3', '9000.00', {
        admissionDate: '2024-05-01',
        dischargeDate: '2024-05-09',
        declaredOn: '2024-05-10',
      }),
    ];
    ok(
      await t.gql(
        `mutation($i: [SubmitClaimInput!]!) { submitClaims(inputs: $i) { claims { id } } }`,
        { i: inputs },
        agency(),
      ),
    );
    handlingId = ok(
      await t.gql<{ createAgreement: { id: string } }>(
        `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`,
        {
          i: {
            code: 'EX-HANDLING',
            title: '洛阳市经办协议',
            kind: 'COMMISSIONED_HANDLING',
            partyAId: w.agencyId,
            partyBId: w.insurerId,
            regionCode: '410300',
            effectiveFrom: '2024-01-01',
            effectiveTo: '2024-12-31',
          },
        },
        agency(),
      ),
    ).createAgreement.id;
    ok(
      await t.gql(
        `mutation($a: ID!) { recordInsuredCount(agreementId: $a, yearEnd: 2023, count: 1234567) { id } }`,
        { a: handlingId },
        agency(),
      ),
    );
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('claim statistics: the GraphQL rows, as CSV with a BOM, for the same caller', async () => {
    const path = '/exports/claim-stats.csv?groupBy=REGION,MONTH,CHANNEL&dischargedFrom=2024-01-01';
    const { res, bytes, text } = await download(path, agency());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="claim-stats.csv"');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain('\r\n');
    const gql = ok(
      await t.gql<{
        claimStats: Array<{
          keys: string[];
          claimCount: number;
          totalCost: string;
          eligibleSelfPay: string;
          benefit: string;
        }>;
      }>(
        `{ claimStats(groupBy: [REGION, MONTH, CHANNEL], filter: { dischargedFrom: "2024-01-01" }) {
          keys claimCount totalCost eligibleSelfPay benefit } }`,
        {},
        agency(),
      ),
    ).claimStats;
    expect(gql.length).toBeGreaterThanOrEqual(3);
    expect(rowsOf(text)).toEqual([
      ['REGION', 'MONTH', 'CHANNEL', 'claimCount', 'totalCost', 'eligibleSelfPay', 'benefit'],
      ...gql.map((r) => [
        ...r.keys,
        String(r.claimCount),
        r.totalCost,
        r.eligibleSelfPay,
        r.benefit,
      ]),
    ]);
  });

  it('applies the caller’s rows: REPORTING of Sichuan sees no Henan claim', async () => {
    const { res, text } = await download(
      '/exports/claim-stats.csv?groupBy=REGION',
      reporting(['51']),
    );
    expect(res.status).toBe(200);
    expect(rowsOf(text)).toEqual([
      ['REGION', 'claimCount', 'totalCost', 'eligibleSelfPay', 'benefit'],
    ]);
  });

  it('monthly report: every figure of the GraphQL answer, with its Chinese term', async () => {
    const { res, text } = await download(
      `/exports/monthly-report.csv?agreementId=${w.agreementId}&year=2024&month=4`,
      reporting(['41']),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('monthly-report-EX-CI-2024-04.csv');
    const r = ok(
      await t.gql<{
        monthlyReport: Record<string, unknown> & { channels: Array<Record<string, unknown>> };
      }>(
        `query($a: ID!) { monthlyReport(agreementId: $a, year: 2024, month: 4) {
          period asOf dueOn filedOn late claimCount totalCost benefit paidAmount overdueCount
          channels { channel claimCount benefit } } }`,
        { a: w.agreementId },
        reporting(['41']),
      ),
    ).monthlyReport;
    const v = valuesOf(text);
    for (const k of [
      'period',
      'asOf',
      'dueOn',
      'claimCount',
      'totalCost',
      'benefit',
      'paidAmount',
      'overdueCount',
    ]) {
      expect([k, v[k]]).toEqual([k, String(r[k])]);
    }
    expect(v.filedOn).toBe('');
    expect(v.late).toBe(String(r.late));
    for (const line of r.channels) {
      expect(v[`channels.${String(line.channel)}.claimCount`]).toBe(String(line.claimCount));
      expect(v[`channels.${String(line.channel)}.benefit`]).toBe(line.benefit);
    }
    expect(r.claimCount).toBe(2);
    const labels = Object.fromEntries(rowsOf(text).map(([item, label]) => [item!, label!]));
    expect(labels.claimCount).toBe('理赔件数合计');
    expect(labels['channels.DIRECT.benefit']).toBe('按渠道 DIRECT 赔付金额');
    expect(labels['agreement.code']).toBe('协议 协议编号');
  });

  it('fee statement: the same numbers as handlingFeeStatement', async () => {
    const { res, text } = await download(
      `/exports/fee-statement.csv?agreementId=${handlingId}&year=2024&quarter=4`,
      agency(),
    );
    expect(res.status).toBe(200);
    const s = ok(
      await t.gql<{ handlingFeeStatement: Record<string, string | number | boolean> }>(
        `query($a: ID!) { handlingFeeStatement(agreementId: $a, year: 2024, quarter: 4) {
          insuredCountBasis annualFee quarterlyFee auditDeduction breachDamages savingsReward netPayable } }`,
        { a: handlingId },
        agency(),
      ),
    ).handlingFeeStatement;
    const v = valuesOf(text);
    expect(Object.keys(s).map((k) => [k, v[k]])).toEqual(
      Object.entries(s).map(([k, x]) => [k, String(x)]),
    );
    // 1 234 567 × 1.50 = 1 851 850.50 a year; Q1–Q3 462 962.63 each (rounded), Q4 the remainder 462 962.61.
    expect([v.annualFee, v.quarterlyFee]).toEqual(['1851850.50', '462962.61']);
  });

  it('fund publication: as fundPublication', async () => {
    const { res, text } = await download(
      `/exports/fund-publication.csv?agreementId=${w.agreementId}&year=2024&quarter=2`,
      agency(),
    );
    expect(res.status).toBe(200);
    const p = ok(
      await t.gql<{ fundPublication: Record<string, string | null> }>(
        `query($a: ID!) { fundPublication(agreementId: $a, year: 2024, quarter: 2) {
          appropriated benefitsPaid benefitsPaidToDate raisedAmount balance } }`,
        { a: w.agreementId },
        agency(),
      ),
    ).fundPublication;
    const v = valuesOf(text);
    expect(Object.keys(p).map((k) => [k, v[k]])).toEqual(
      Object.entries(p).map(([k, x]) => [k, x ?? '']),
    );
  });

  it.each([
    ['no token', undefined, 401, 'UNAUTHENTICATED'],
    ['an INSTITUTION', institution('00000000-0000-4000-8000-000000000001'), 403, 'FORBIDDEN'],
  ])('refuses %s with the GraphQL error code', async (_label, user, status, code) => {
    const { res, text } = await download(
      `/exports/monthly-report.csv?agreementId=${w.agreementId}&year=2024&month=4`,
      user,
    );
    expect(res.status).toBe(status);
    expect(JSON.parse(text).errors[0].extensions.code).toBe(code);
  });

  it('asks for the token before looking at the parameters', async () => {
    const { res, text } = await download('/exports/monthly-report.csv?color=red');
    expect(res.status).toBe(401);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('names the flat parameter at fault in claim statistics (regionCode, not filter.regionCode)', async () => {
    const { res, text } = await download(
      '/exports/claim-stats.csv?groupBy=REGION&regionCode=41x',
      agency(),
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(text).errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'regionCode',
    });
  });

  it.each([
    ['month=13', 400, 'BAD_USER_INPUT', 'month'],
    ['month=abc', 400, 'BAD_USER_INPUT', 'month'],
    ['month=4&color=red', 400, 'BAD_USER_INPUT', 'color'],
    ['month=4&month=5', 400, 'BAD_USER_INPUT', 'month'],
  ])('refuses %s naming the field', async (q, status, code, field) => {
    const { res, text } = await download(
      `/exports/monthly-report.csv?agreementId=${w.agreementId}&year=2024&${q}`,
      agency(),
    );
    expect(res.status).toBe(status);
    expect(JSON.parse(text).errors[0].extensions).toMatchObject({ code, field });
    expect(text).not.toMatch(/SELECT|at .*\.js|\/work\//);
  });

  it('answers NOT_FOUND for another region’s agreement and for an unknown export', async () => {
    const other = await download(
      `/exports/monthly-report.csv?agreementId=${w.agreementId}&year=2024&month=4`,
      agency(['51']),
    );
    expect(other.res.status).toBe(404);
    const unknown = await download('/exports/everything.csv', agency());
    expect(unknown.res.status).toBe(404);
  });

  it.each([
    [[['a', 'b']], '\uFEFFa,b\r\n'],
    [[['1,5', 'say "hi"', '第一\n行']], '\uFEFF"1,5","say ""hi""","第一\n行"\r\n'],
    [[['=SUM(A1)', '-12.50', '+1', '@x']], "\uFEFF'=SUM(A1),-12.50,'+1,'@x\r\n"],
  ])('writes RFC 4180 cells, numbers as they are, formulas defused: %j', (rows, csv) => {
    expect(toCsv(rows)).toBe(csv);
  });
});
