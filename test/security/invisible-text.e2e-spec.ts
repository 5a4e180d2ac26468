import { agency, startTestApp, type TestApp } from '../helpers/test-app';
import { claimInput, claimWorld, freshIdNumber, type ClaimWorld } from '../helpers/claim-fixtures';
import { ok, probeOf, type Probe } from './data-probe';

/**
 * Zero-width and bidirectional control characters in codes and names (docs/security.md, "Text"): a fake
 * `DEMO-ZZ-H1\u200B` was accepted beside the real `DEMO-ZZ-H1`, the two alike on every screen. Replayed over HTTP
 * against a server this test starts: each is `BAD_USER_INPUT` naming the field, the value not repeated, nothing stored.
 */
describe('security: invisible characters in codes and names', () => {
  let t: TestApp;
  let probe: Probe;
  let w: ClaimWorld;
  let personId: string;

  const count = async (table: string): Promise<number> =>
    Number(
      (await t.db.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]!.n,
    );

  beforeAll(async () => {
    t = await startTestApp();
    probe = await probeOf(t);
    w = await claimWorld(t, 'TX');
    ok(
      await t.gql(
        `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
        {
          i: {
            code: 'DEMO-ZZ-H1',
            name: '示例医院',
            kind: 'MEDICAL_INSTITUTION',
            regionCode: '410302',
          },
        },
        agency(),
      ),
    );
    personId = await w.person();
  }, 120_000);
  afterAll(() => t.close());

  const ORG = `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`;
  const AGREEMENT = `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`;
  const PERSON = `mutation($i: RegisterInsuredPersonInput!) { registerInsuredPerson(input: $i) { id } }`;
  const CLAIM = `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { id } }`;
  const CLAIMS = `mutation($i: [SubmitClaimInput!]!) { submitClaims(inputs: $i) { claims { id } } }`;
  const org = (over: Record<string, string>) => ({
    i: {
      code: 'DEMO-ZZ-H2',
      name: '示例医院',
      kind: 'MEDICAL_INSTITUTION',
      regionCode: '410302',
      ...over,
    },
  });
  const agreement = (over: Record<string, string>) => ({
    i: {
      code: 'TX-DD-NEW',
      kind: 'DESIGNATED_INSTITUTION',
      title: '定点协议',
      partyAId: w.agencyId,
      partyBId: w.hospitalId,
      regionCode: '410300',
      effectiveFrom: '2024-01-01',
      effectiveTo: '2024-12-31',
      ...over,
    },
  });

  const cases: Array<[string, string, () => Record<string, unknown>, string, string, string]> = [
    [
      'the fake DEMO-ZZ-H1\\u200B beside the real one',
      ORG,
      () => org({ code: 'DEMO-ZZ-H1\u200B' }),
      'input.code',
      'organization',
      'DEMO-ZZ-H1\u200B',
    ],
    [
      'a zero-width joiner in an organization code',
      ORG,
      () => org({ code: 'DEMO\u200DZZ' }),
      'input.code',
      'organization',
      'DEMO\u200DZZ',
    ],
    [
      'a byte-order mark ending an organization code',
      ORG,
      () => org({ code: 'DEMO-ZZ-H1\uFEFF' }),
      'input.code',
      'organization',
      'DEMO-ZZ-H1\uFEFF',
    ],
    [
      'a right-to-left override in an organization name',
      ORG,
      () => org({ name: '医院\u202E院医' }),
      'input.name',
      'organization',
      '医院\u202E院医',
    ],
    [
      'an isolate in an organization name',
      ORG,
      () => org({ name: '\u2066医院\u2069' }),
      'input.name',
      'organization',
      '\u2066医院\u2069',
    ],
    [
      'a left-to-right mark in an agreement code',
      AGREEMENT,
      () => agreement({ code: 'TX-DD\u200E-NEW' }),
      'input.code',
      'agreement',
      'TX-DD\u200E-NEW',
    ],
    [
      'an embedding in an agreement title',
      AGREEMENT,
      () => agreement({ title: '\u202A定点协议\u202C' }),
      'input.title',
      'agreement',
      '\u202A定点协议\u202C',
    ],
    [
      'a zero-width space in a person’s name',
      PERSON,
      () => ({ i: { idNumber: freshIdNumber(), name: '张\u200B三', regionCode: '410302' } }),
      'input.name',
      'insured_person',
      '张\u200B三',
    ],
    [
      'a zero-width space in a settlement number',
      CLAIM,
      () => ({ i: claimInput(w, personId, 'TX-0001\u200B', '1000.00') }),
      'input.settlementNumber',
      'claim',
      'TX-0001\u200B',
    ],
    [
      'a right-to-left mark in the second settlement number of a batch',
      CLAIMS,
      () => ({
        i: [
          claimInput(w, personId, 'TX-0002', '1000.00'),
          claimInput(w, personId, 'TX-\u200F0003', '1000.00'),
        ],
      }),
      'inputs[1].settlementNumber',
      'claim',
      'TX-\u200F0003',
    ],
  ];

  it.each(cases)(
    'refuses %s: BAD_USER_INPUT on the field, the value not repeated, nothing stored',
    async (_case, query, variables, field, table, value) => {
      const before = await count(table);
      const trail = await count('audit_trail');
      for (const path of ['/graphql', '/graphql/'] as const) {
        const r = await probe.post(query, variables(), agency(), path);
        expect(r.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
        expect(JSON.stringify(r.body)).not.toContain(JSON.stringify(value).slice(1, -1));
        expect(JSON.stringify(r.body)).not.toContain(value);
      }
      expect([await count(table), await count('audit_trail')]).toEqual([before, trail]);
    },
  );
});
