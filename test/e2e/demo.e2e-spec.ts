import { DEMO_PERSON_COUNT, DEMO_PERSON_ID_NUMBER } from '../../src/demo/demo-persons';
import { isEmpty, seedDemo } from '../../src/demo/seed-demo';
import { parseResidentId } from '../../src/domain/insured-person/rules/resident-id.rule';
import { Kind, parse, validate } from 'graphql';
import {
  LANDING_PERSON_ID_NUMBER,
  landingExample,
  landingVariables,
} from '../../src/graphql/landing-example';
import { FixedClock } from '../../src/shared/clock';
import { agency, startTestApp, type TestApp } from '../helpers/test-app';

/** The demo data of `npm start` (runtime.md, `SEED_DEMO`), loaded on a fresh database with the clock in 2026. */
describe('demo data', () => {
  let t: TestApp;
  const TODAY = '2026-11-22';

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(TODAY) });
    expect(await isEmpty(t.db.dataSource)).toBe(true);
    await seedDemo(t.db.dataSource, t.app.services, TODAY);
  }, 120_000);
  afterAll(() => t.close());

  const rows = <T>(sql: string) => t.db.dataSource.query<T[]>(sql);

  it('has the seed agreements, the current year’s, and designated-institution agreements alive today', async () => {
    const r = await t.gql<{
      agreements: {
        nodes: { code: string; kind: string; status: string; coveredRegions: string[] }[];
      };
    }>(`{ agreements(first: 100) { nodes { code kind status coveredRegions } } }`, {}, agency());
    const byCode = new Map(r.data!.agreements.nodes.map((a) => [a.code, a]));
    expect(byCode.get('HN-DBBX-2024')).toMatchObject({
      kind: 'CRITICAL_ILLNESS',
      status: 'EXPIRED',
    });
    expect(byCode.get('HN-DBBX-2024')!.coveredRegions).toHaveLength(7);
    expect(byCode.get('LY-WTJB-2024')).toMatchObject({ kind: 'COMMISSIONED_HANDLING' });
    expect(byCode.get('HN-DBBX-2026')).toMatchObject({ status: 'ACTIVE' });
    expect(byCode.get('LY-WTJB-2026')).toMatchObject({ status: 'ACTIVE' });
    const designated = [...byCode.values()].filter((a) => a.kind === 'DESIGNATED_INSTITUTION');
    expect(designated.filter((a) => a.code.startsWith('HN-DD-'))).toHaveLength(8);
    expect(designated.every((a) => a.status === 'ACTIVE')).toBe(true);
    expect(byCode.has('SN-DD-2026-H3')).toBe(true);
  });

  it('gives every agreement a first terms version from its first day', async () => {
    const [row] = await rows<{ missing: string }>(
      `SELECT count(*) AS missing FROM agreement a
       WHERE NOT EXISTS (SELECT 1 FROM agreement_terms v WHERE v.agreement_id = a.id AND v.effective_from = a.effective_from)`,
    );
    expect(Number(row!.missing)).toBe(0);
  });

  it('registers at least 1 000 persons with valid numbers in Henan and Sichuan, some with a special status', async () => {
    const [counts] = await rows<{ all: string; henan: string; sichuan: string; special: string }>(
      `SELECT count(*) AS all,
              count(*) FILTER (WHERE region_code LIKE '41%') AS henan,
              count(*) FILTER (WHERE region_code LIKE '51%') AS sichuan,
              (SELECT count(DISTINCT insured_person_id) FROM person_special_status) AS special
       FROM insured_person`,
    );
    expect(Number(counts!.all)).toBe(DEMO_PERSON_COUNT);
    expect(Number(counts!.all)).toBeGreaterThanOrEqual(1000);
    expect(Number(counts!.henan)).toBeGreaterThan(500);
    expect(Number(counts!.sichuan)).toBeGreaterThan(100);
    expect(Number(counts!.special)).toBeGreaterThan(30);
    expect(Number(counts!.special)).toBeLessThan(150);

    const page = await t.gql<{ insuredPersons: { nodes: { idNumber: string }[] } }>(
      `{ insuredPersons(first: 100) { nodes { idNumber } } }`,
      {},
      agency(),
    );
    for (const p of page.data!.insuredPersons.nodes) {
      expect(parseResidentId(p.idNumber, TODAY).ok).toBe(true);
    }
  });

  it('has the documented demo person, findable by number', async () => {
    const r = await t.gql<{ insuredPersonByIdNumber: { regionCode: string; name: string } | null }>(
      `query($n: String!) { insuredPersonByIdNumber(idNumber: $n) { regionCode name } }`,
      { n: DEMO_PERSON_ID_NUMBER },
      agency(),
    );
    expect(r.data!.insuredPersonByIdNumber).toEqual({ regionCode: '410305', name: '示例参保人' });
  });

  it('has claims through the real engine in 2024 and this year: both channels and schedules, capped, reviewed, paid, overdue, rejected', async () => {
    const [c] = await rows<Record<string, string>>(
      `SELECT count(*) AS all,
              count(*) FILTER (WHERE accumulator_year = 2024) AS y2024,
              count(*) FILTER (WHERE accumulator_year = 2026) AS y2026,
              count(DISTINCT channel) AS channels,
              count(DISTINCT schedule) AS schedules,
              count(*) FILTER (WHERE status = 'PAID') AS paid,
              count(*) FILTER (WHERE status = 'REJECTED' AND rejection_reason = 'NOT_DESIGNATED') AS rejected,
              count(*) FILTER (WHERE status = 'ADJUDICATED' AND benefit > 0 AND payment_due_on < '${TODAY}') AS overdue,
              (SELECT count(*) FROM ledger_entry WHERE kind = 'REVIEW') AS reviews,
              (SELECT count(*) FROM accumulator WHERE benefit_total >= 400000) AS capped
       FROM claim`,
    );
    expect(Number(c!.all)).toBeGreaterThanOrEqual(2000);
    expect(Number(c!.y2024)).toBeGreaterThan(1000);
    expect(Number(c!.y2026)).toBeGreaterThan(1000);
    expect(Number(c!.channels)).toBe(2);
    expect(Number(c!.schedules)).toBe(2);
    expect(Number(c!.paid)).toBeGreaterThan(1000);
    expect(Number(c!.rejected)).toBeGreaterThan(0);
    expect(Number(c!.overdue)).toBeGreaterThan(10);
    expect(Number(c!.reviews)).toBeGreaterThan(10);
    expect(Number(c!.capped)).toBeGreaterThan(0);
    const [ledger] = await rows<{ bad: string }>(
      `SELECT count(*) AS bad FROM accumulator a
       LEFT JOIN (SELECT insured_person_id, year, sum(eligible_delta) AS e, sum(benefit_delta) AS b
                  FROM ledger_entry GROUP BY 1, 2) s
         ON s.insured_person_id = a.insured_person_id AND s.year = a.year
       WHERE a.eligible_total <> coalesce(s.e, 0) OR a.benefit_total <> coalesce(s.b, 0)`,
    );
    expect(Number(ledger!.bad)).toBe(0);
  });

  it('runs every operation of the landing page’s example on the demo data, as a newcomer would', async () => {
    const doc = landingExample(2026);
    expect(validate(t.app.schema, parse(doc))).toEqual([]);
    const run = (operationName: string, variables: Record<string, unknown>) =>
      t.app.apollo
        .executeOperation(
          { query: doc, operationName, variables },
          { contextValue: t.app.contextFor(agency()) },
        )
        .then((r) => {
          if (r.body.kind !== 'single') {
            throw new Error('single result expected');
          }
          return r.body.singleResult;
        });
    const op = async <T>(operationName: string, variables: Record<string, unknown> = {}) => {
      const r = await run(operationName, variables);
      expect(r.errors).toBeUndefined();
      return r.data as T;
    };
    const operations = parse(doc).definitions.map((d) =>
      d.kind === Kind.OPERATION_DEFINITION ? d.name?.value : undefined,
    );
    expect(operations).toEqual([
      'FirstLook',
      'ForAClaim',
      'AnAgreement',
      'RegisterAPerson',
      'SubmitAClaim',
      'Quote',
      'FeeStatement',
      'ClaimStatistics',
    ]);
    await op('FirstLook');
    const ids = await op<{
      insuredPersonByIdNumber: { id: string; idNumber: string };
      agreements: { nodes: { id: string; code: string }[] };
      handling: { nodes: { id: string; code: string }[] };
      organizations: { id: string; code: string }[];
    }>('ForAClaim');
    expect(ids.insuredPersonByIdNumber.idNumber).toBe(DEMO_PERSON_ID_NUMBER);
    // One set of variables for the whole document, as the IDE's variables editor holds it.
    const variables = {
      personId: ids.insuredPersonByIdNumber.id,
      agreementId: ids.agreements.nodes.find((a) => a.code === 'HN-DBBX-2026')!.id,
      institutionId: ids.organizations.find((o) => o.code === 'DEMO-LY-H1')!.id,
      handlingAgreementId: ids.handling.nodes.find((a) => a.code === 'LY-WTJB-2026')!.id,
    };
    const declared = new Set(
      parse(doc).definitions.flatMap((d) =>
        d.kind === Kind.OPERATION_DEFINITION
          ? (d.variableDefinitions ?? []).map((v) => v.variable.name.value)
          : [],
      ),
    );
    expect(Object.keys(variables).sort()).toEqual([...declared].sort());
    expect(Object.keys(landingVariables(2026)).sort()).toEqual([...declared].sort());
    // What embedded mode hands the IDEs at start: these very ids, found with the demo token, in place of every
    // placeholder.
    expect(await t.app.prefillIde(await t.token(agency()))).toEqual(variables);
    expect(landingVariables(2026, variables)).toEqual(variables);

    const agreement = await op<{
      agreement: {
        code: string;
        partyB: { code: string };
        terms: { general: { deductible: string; annualCap: string } };
        termsVersions: { effectiveFrom: string }[];
      };
    }>('AnAgreement', variables);
    expect(agreement.agreement).toMatchObject({
      code: 'HN-DBBX-2026',
      partyB: { code: 'CLIC-HN' },
      terms: { general: { deductible: '11000.00', annualCap: '400000.00' } },
    });
    expect(agreement.agreement.termsVersions[0]).toEqual({ effectiveFrom: '2026-01-01' });

    expect(parseResidentId(LANDING_PERSON_ID_NUMBER, TODAY).ok).toBe(true);
    const registered = await op<{
      registerInsuredPerson: { idNumber: string; birthDate: string; sex: string };
    }>('RegisterAPerson', variables);
    expect(registered.registerInsuredPerson).toMatchObject({
      idNumber: LANDING_PERSON_ID_NUMBER,
      birthDate: '2018-06-01',
      sex: 'FEMALE',
    });
    const twice = await run('RegisterAPerson', variables);
    expect(twice.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.idNumber',
    });

    const first = await op<{ submitClaim: { id: string; benefit: string; status: string } }>(
      'SubmitAClaim',
      variables,
    );
    expect(first.submitClaim.status).toBe('ADJUDICATED');
    const again = await op<{ submitClaim: { id: string } }>('SubmitAClaim', variables);
    expect(again.submitClaim.id).toBe(first.submitClaim.id);
    const quote = await op<{ benefitQuote: { benefit: string } }>('Quote', variables);
    expect(quote.benefitQuote.benefit).toBe('88400.00');

    const fee = await op<{
      handlingFeeStatement: {
        agreement: { code: string };
        insuredCountBasis: number;
        netPayable: string;
      };
    }>('FeeStatement', variables);
    // 4 800 003 + 2 × 12 000 persons at the end of 2025 (demo-economics.ts).
    expect(fee.handlingFeeStatement).toMatchObject({
      agreement: { code: 'LY-WTJB-2026' },
      insuredCountBasis: 4824003,
    });

    const stats = await op<{
      claimStats: { keys: string[]; claimCount: number; benefit: string }[];
    }>('ClaimStatistics', variables);
    expect(stats.claimStats.length).toBeGreaterThan(1);
    expect(stats.claimStats.every((r) => /^2026-Q[1-4]$/.test(r.keys[0]!))).toBe(true);
    expect(stats.claimStats.reduce((n, r) => n + r.claimCount, 0)).toBeGreaterThan(1000);
  });

  it('has the figures to try economics and supervision: fee statements, an audit, the fund, triggers, a penalty', async () => {
    const ids = await t.gql<{ agreements: { nodes: { id: string; code: string }[] } }>(
      `{ agreements(first: 100) { nodes { id code } } }`,
      {},
      agency(),
    );
    const id = (code: string) => ids.data!.agreements.nodes.find((a) => a.code === code)!.id;
    const fee = await t.gql<{
      handlingFeeStatement: { insuredCountBasis: number; quarterlyFee: string };
    }>(
      `query($a: ID!) { handlingFeeStatement(agreementId: $a, year: 2024, quarter: 2) { insuredCountBasis quarterlyFee } }`,
      { a: id('LY-WTJB-2024') },
      agency(),
    );
    expect(fee.data!.handlingFeeStatement).toEqual({
      insuredCountBasis: 4800003,
      quarterlyFee: '1800001.13',
    });
    const audit = await t.gql<{ startQuarterlyAudit: { sampledCount: number } }>(
      `mutation($a: ID!) { startQuarterlyAudit(agreementId: $a, year: 2024, quarter: 2, seed: "demo") { sampledCount } }`,
      { a: id('LY-WTJB-2024') },
      agency(),
    );
    expect(audit.data!.startQuarterlyAudit.sampledCount).toBeGreaterThan(0);
    const fund = await t.gql<{ fundClearing: { provisional: boolean; raisedAmount: string } }>(
      `query($a: ID!) { fundClearing(agreementId: $a, year: 2024) { provisional raisedAmount } }`,
      { a: id('HN-DBBX-2024') },
      agency(),
    );
    expect(fund.data!.fundClearing).toEqual({ provisional: true, raisedAmount: '3200000000.00' });
    const triggers = await t.gql<{ interviewTriggers: { kind: string }[] }>(
      `query($a: ID!) { interviewTriggers(agreementId: $a) { kind } }`,
      { a: id('HN-DBBX-2026') },
      agency(),
    );
    const kinds = new Set(triggers.data!.interviewTriggers.map((x) => x.kind));
    expect(kinds.has('REPORT_NOT_FILED')).toBe(true);
    expect(kinds.has('OVERDUE_CLAIMS')).toBe(true);
    const penalties = await t.gql<{
      agreement: { penalties: { violationCode: string; status: string }[] };
    }>(
      `query($a: ID!) { agreement(id: $a) { penalties { violationCode status } } }`,
      { a: id('SN-DD-2023-H1') },
      agency(),
    );
    expect(penalties.data!.agreement.penalties).toEqual(
      expect.arrayContaining([
        // Severe with no amount involved: nothing due (flagged for an officer), so PAID from the start.
        { violationCode: 'SERVICE_QUANTITY_RATIO', status: 'PAID' },
        { violationCode: 'OUT_OF_SCOPE_BILLING', status: 'ENFORCEABLE' },
      ]),
    );
  });
});
