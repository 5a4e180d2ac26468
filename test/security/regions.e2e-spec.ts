import { agency, insurer, startTestApp, type TestApp } from '../helpers/test-app';
import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import { ok, probeOf, type Probe } from './data-probe';

/**
 * Regions (runtime.md: "create organizations and agreements: only inside its regions: the organization's region, the
 * agreement's region and every covered region, and party A an agency of its regions"; "An object outside the
 * caller's regions … is treated as absent"). Replayed over HTTP against a server this test starts:
 * - a Suining agency opened all of Henan to an insurer: `createAgreement` with `coveredRegions: ["410000"]` and the
 *   Henan agency as party A, after which a Luoyang insurer read every Henan person, full numbers included;
 * - `createOrganization` took any region;
 * - the audit row of an agreement named its own region only, so a covered region's agency never saw it;
 * - an INSURER token for region 51 read a Henan agreement's fund, deadlines and interview grounds.
 */
describe('security: regions', () => {
  let t: TestApp;
  let probe: Probe;
  let w: ClaimWorld;
  let suiningAgencyId: string;
  let luoyangInsurerId: string;
  const suining = agency(['5109']);
  const henan = agency(['41']);

  const CREATE_AGREEMENT = `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id coveredRegions } }`;
  const CREATE_ORG = `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`;
  const handling = (over: Record<string, unknown>) => ({
    code: `HD-${Math.random().toString(36).slice(2, 10)}`,
    kind: 'COMMISSIONED_HANDLING',
    title: '委托经办',
    partyAId: suiningAgencyId,
    partyBId: luoyangInsurerId,
    regionCode: '510900',
    effectiveFrom: '2024-01-01',
    effectiveTo: '2024-12-31',
    ...over,
  });
  const count = async (table: string): Promise<number> =>
    Number(
      (await t.db.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]!.n,
    );

  beforeAll(async () => {
    t = await startTestApp();
    probe = await probeOf(t);
    w = await claimWorld(t, 'RG');
    const org = async (code: string, kind: string, regionCode: string) =>
      ok(
        await t.gql<{ createOrganization: { id: string } }>(
          CREATE_ORG,
          { i: { code, name: code, kind, regionCode } },
          agency(),
        ),
      ).createOrganization.id;
    suiningAgencyId = await org('SN-AG', 'AGENCY', '510900');
    luoyangInsurerId = await org('LY-INS', 'INSURER', '410300');
    // Henan persons with claims: what an insurer opened to the province would read.
    for (let i = 0; i < 3; i++) {
      const person = await w.person();
      ok(
        await t.gql(
          `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { id } }`,
          { i: claimInput(w, person, `RG-${i}`, '25000.00') },
          agency(),
        ),
      );
    }
    ok(
      await t.gql(
        `mutation($a: ID!) { recordFundRaised(agreementId: $a, year: 2024, amount: "1000000.00") { year } }`,
        { a: w.agreementId },
        agency(),
      ),
    );
  }, 120_000);
  afterAll(() => t.close());

  describe('createAgreement', () => {
    it('refuses a Suining agency covering Henan (410000), stores nothing, and the Luoyang insurer reads no Henan person or claim', async () => {
      const before = await count('agreement');
      const trail = await count('audit_trail');
      const r = await probe.post(
        CREATE_AGREEMENT,
        { i: handling({ partyAId: w.agencyId, coveredRegions: ['410000'] }) },
        suining,
      );
      expect(r.status).toBe(200);
      expect(r.body.data?.createAgreement ?? null).toBeNull();
      expect(r.body.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.coveredRegions[0]',
      });
      expect([await count('agreement'), await count('audit_trail')]).toEqual([before, trail]);

      const reads = await probe.post<{
        insuredPersons: { nodes: { idNumber: string }[] };
        claims: { nodes: { id: string }[] };
      }>(
        `{ insuredPersons(first: 100) { nodes { idNumber } } claims(first: 100) { nodes { id } } }`,
        {},
        insurer(luoyangInsurerId, ['41']),
      );
      expect(ok(reads)).toEqual({ insuredPersons: { nodes: [] }, claims: { nodes: [] } });

      // Inside its own region, with its own agency as party A, the same agency may.
      const own = await probe.post<{ createAgreement: { coveredRegions: string[] } }>(
        CREATE_AGREEMENT,
        { i: handling({ coveredRegions: ['510900'] }) },
        suining,
      );
      expect(ok(own).createAgreement.coveredRegions).toEqual(['510900']);
    });

    it.each([
      [
        'a covered region of another province',
        { coveredRegions: ['510900', '410300'] },
        'input.coveredRegions[1]',
      ],
      [
        'a whole province from a city token',
        { coveredRegions: ['510000'] },
        'input.coveredRegions[0]',
      ],
      [
        'party A an agency of another province',
        { partyAId: 'HENAN', coveredRegions: ['510900'] },
        'input.partyAId',
      ],
    ])('refuses %s (BAD_USER_INPUT naming the field)', async (_case, over, field) => {
      const before = await count('agreement');
      const input = handling(over);
      if (input.partyAId === 'HENAN') {
        input.partyAId = w.agencyId;
      }
      const r = await probe.post(CREATE_AGREEMENT, { i: input }, suining);
      expect(r.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(await count('agreement')).toBe(before);
    });

    it('writes every covered region into the audit row, so each covered region’s agency reads it', async () => {
      const created = ok(
        await probe.post<{ createAgreement: { id: string } }>(
          CREATE_AGREEMENT,
          {
            i: handling({
              partyAId: w.agencyId,
              regionCode: '410300',
              coveredRegions: ['410300', '410100'],
            }),
          },
          henan,
        ),
      ).createAgreement.id;
      const TRAIL = `{ auditTrail(operation: "createAgreement", first: 100) { nodes { ids regionCodes } } }`;
      type Trail = { auditTrail: { nodes: { ids: string[]; regionCodes: string[] }[] } };
      const zhengzhou = ok(await probe.post<Trail>(TRAIL, {}, agency(['4101'])));
      const row = zhengzhou.auditTrail.nodes.find((n) => n.ids.includes(created));
      expect(row?.regionCodes).toEqual(['410100', '410300']);
      const sichuan = ok(await probe.post<Trail>(TRAIL, {}, agency(['51'])));
      expect(sichuan.auditTrail.nodes.some((n) => n.ids.includes(created))).toBe(false);
    });
  });

  describe('createOrganization', () => {
    it('refuses a region outside the caller’s (BAD_USER_INPUT on input.regionCode), stores nothing', async () => {
      const before = await count('organization');
      const r = await probe.post(
        CREATE_ORG,
        { i: { code: 'FAKE-HN-AG', name: '河南假经办', kind: 'AGENCY', regionCode: '410000' } },
        suining,
      );
      expect(r.body.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.regionCode',
      });
      expect(await count('organization')).toBe(before);
      const inside = await probe.post<{ createOrganization: { id: string } }>(
        CREATE_ORG,
        {
          i: { code: 'SN-H9', name: '遂宁医院', kind: 'MEDICAL_INSTITUTION', regionCode: '510903' },
        },
        suining,
      );
      expect(ok(inside).createOrganization.id).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('INSURER reads by the token’s regions (as claimStats and monthlyReport)', () => {
    const reads: Array<[string, string]> = [
      [
        'fundClearing',
        `query($a: ID!) { fundClearing(agreementId: $a, year: 2024) { year raisedAmount } }`,
      ],
      [
        'fundPublication',
        `query($a: ID!) { fundPublication(agreementId: $a, year: 2024, quarter: 2) { year benefitsPaid } }`,
      ],
      [
        'fundAppropriation',
        `query($a: ID!) { fundAppropriation(agreementId: $a, year: 2024, quarter: 2) { amount } }`,
      ],
      [
        'reportDeadlines',
        `query($a: ID!) { reportDeadlines(agreementId: $a, year: 2024) { period dueOn } }`,
      ],
      ['interviewTriggers', `query($a: ID!) { interviewTriggers(agreementId: $a) { kind } }`],
      [
        'monthlyReport',
        `query($a: ID!) { monthlyReport(agreementId: $a, year: 2024, month: 4) { claimCount } }`,
      ],
    ];

    it.each(reads)(
      '%s: the party-B insurer reads it with a token for 41, gets NOT_FOUND and no figure with one for 51',
      async (field, query) => {
        const inside = await probe.post(query, { a: w.agreementId }, insurer(w.insurerId, ['41']));
        expect(inside.body.errors).toBeUndefined();
        expect(inside.body.data?.[field]).not.toBeNull();
        const r = await probe.post(query, { a: w.agreementId }, insurer(w.insurerId, ['51']));
        expect(r.body.data?.[field] ?? null).toBeNull();
        expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      },
    );
  });
});
