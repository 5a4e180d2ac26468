import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
} from 'graphql';
import { ACCESS_EXTENSION } from '../../src/graphql/auth/access.decorator';
import { Role, type Caller } from '../../src/shared/caller';
import { claimInput, claimWorld, violationInput, type ClaimWorld } from '../helpers/claim-fixtures';
import {
  agency,
  insurer,
  reporting,
  startTestApp,
  type GqlResult,
  type TestApp,
} from '../helpers/test-app';

/*
 * The access matrix of runtime.md ("Tokens and roles"), generated from the running schema:
 *
 * - EXPECTED lists, for every root Query and Mutation field, the roles runtime.md lets call it. The schema's root fields
 *   and EXPECTED must name the same operations (a new operation without a rule here fails), and each field's `access`
 *   extension (the `@Access` decorator) must list exactly those roles.
 * - Each root field is called with a generated minimal document (type-correct placeholder arguments, the first scalar
 *   of its result): without a token over HTTP → UNAUTHENTICATED and no data; as each role in-process → FORBIDDEN for
 *   a role runtime.md refuses; for an allowed role never FORBIDDEN, UNAUTHENTICATED or INTERNAL_SERVER_ERROR (a
 *   placeholder id that matches nothing may answer null, NOT_FOUND or BAD_USER_INPUT).
 * - With real data, single-object queries answer inside the caller's regions and organization and are absent outside
 *   (null or NOT_FOUND, never the data), and nested fields reveal nothing the top level refuses.
 */

const { AGENCY, INSURER, INSTITUTION, REPORTING } = Role;
const ROLES: readonly Role[] = [AGENCY, INSURER, INSTITUTION, REPORTING];
const ANY: readonly Role[] = ROLES;

/**
 * Who may call each root field, read from runtime.md's matrix (the row it follows is in the comment). Keep this table
 * by hand: it is the spec side of the comparison with the `@Access` declarations.
 */
const EXPECTED: Readonly<Record<string, readonly Role[]>> = {
  // read organizations, agreements and their terms, the calendar, the violation catalogue: every role
  'Query.organizations': ANY,
  'Query.agreement': ANY,
  'Query.agreements': ANY,
  'Query.isWorkingDay': ANY,
  'Query.addWorkingDays': ANY,
  'Query.dueDate': ANY,
  'Query.violationTypes': ANY,
  // ask for a benefit quote: "yes (no quotes)" for REPORTING
  'Query.benefitQuote': [AGENCY, INSURER, INSTITUTION],
  // read claims and persons: REPORTING "— (FORBIDDEN)"
  'Query.claim': [AGENCY, INSURER, INSTITUTION],
  'Query.claims': [AGENCY, INSURER, INSTITUTION],
  'Query.overdueClaims': [AGENCY, INSURER, INSTITUTION],
  'Query.insuredPerson': [AGENCY, INSURER, INSTITUTION],
  'Query.insuredPersonByIdNumber': [AGENCY, INSURER, INSTITUTION],
  'Query.insuredPersons': [AGENCY, INSURER, INSTITUTION],
  // read aggregates (claimStats): every role, each over what it may aggregate
  'Query.claimStats': ANY,
  // aggregates …; regions: every role (rules.md §11 "queryable by every role"; the table is reference data, read whole)
  'Query.region': ANY,
  'Query.regions': ANY,
  // read audits and fee statements: not INSTITUTION
  'Query.handlingFeeStatement': [AGENCY, INSURER, REPORTING],
  'Query.quarterlyAudit': [AGENCY, INSURER, REPORTING],
  'Query.staffingCompliance': [AGENCY, INSURER, REPORTING],
  // read fund clearing, report deadlines: not INSTITUTION
  'Query.fundClearing': [AGENCY, INSURER, REPORTING],
  'Query.fundAppropriation': [AGENCY, INSURER, REPORTING],
  // rules.md §8 reports: the readers of the fund and the report deadlines
  'Query.fundPublication': [AGENCY, INSURER, REPORTING],
  'Query.monthlyReport': [AGENCY, INSURER, REPORTING],
  'Query.reportDeadlines': [AGENCY, INSURER, REPORTING],
  // Henan art. 33's grounds (staffing, overdue counts, report filings): the readers of audits, fund and deadlines
  'Query.interviewTriggers': [AGENCY, INSURER, REPORTING],
  // read inspections and penalties: not INSURER
  'Query.penalty': [AGENCY, INSTITUTION, REPORTING],
  'Query.enforceablePenalties': [AGENCY, INSTITUTION, REPORTING],
  'Query.inspection': [AGENCY, INSTITUTION, REPORTING],
  // create organizations, agreements, terms versions, persons; load calendar; record inspections, violations,
  // audits, staffing, fund: AGENCY only
  'Mutation.createOrganization': [AGENCY],
  'Mutation.createAgreement': [AGENCY],
  'Mutation.reviseTerms': [AGENCY],
  'Mutation.registerInsuredPerson': [AGENCY],
  'Mutation.setSpecialStatus': [AGENCY],
  'Mutation.loadCalendarYear': [AGENCY],
  'Mutation.recordInspection': [AGENCY],
  'Mutation.recordViolation': [AGENCY],
  'Mutation.recordPenaltyPayment': [AGENCY],
  'Mutation.startQuarterlyAudit': [AGENCY],
  'Mutation.recordAuditVerdicts': [AGENCY],
  'Mutation.finalizeQuarterlyAudit': [AGENCY],
  'Mutation.recordStaffing': [AGENCY],
  'Mutation.recordFundRaised': [AGENCY],
  'Mutation.clearFundYear': [AGENCY],
  'Mutation.recordInsuredCount': [AGENCY],
  'Mutation.recordHandlingBreach': [AGENCY],
  'Mutation.recordReportFiling': [AGENCY],
  // continue an agreement, record a suspension at the institution's request: AGENCY in its regions
  'Mutation.continueAgreement': [AGENCY],
  'Mutation.requestSuspension': [AGENCY],
  'Mutation.resumeAfterSuspension': [AGENCY],
  // submit claims: AGENCY, INSURER (party B), INSTITUTION (as the claim's institution)
  'Mutation.submitClaim': [AGENCY, INSURER, INSTITUTION],
  'Mutation.submitClaims': [AGENCY, INSURER, INSTITUTION],
  // mark paid, review, reverse claims: AGENCY, INSURER (party B)
  'Mutation.markClaimPaid': [AGENCY, INSURER],
  'Mutation.reviewClaim': [AGENCY, INSURER],
  'Mutation.reverseClaim': [AGENCY, INSURER],
  // "deduct, withhold, … confirm review proposals": AGENCY in its regions (rules.md §10.2)
  'Mutation.confirmClaimReview': [AGENCY],
  // "withdraw a review proposal": AGENCY in its regions, INSURER its own proposals
  'Mutation.withdrawClaimReview': [AGENCY, INSURER],
  // "read review proposals": AGENCY in its regions, INSURER its own agreements', INSTITUTION its own claims'
  'Query.reviewProposals': [AGENCY, INSURER, INSTITUTION],
  // "critical-illness statement (§10.2)": AGENCY in its regions, INSURER of its own agreements, INSTITUTION its own
  'Query.criticalIllnessStatement': [AGENCY, INSURER, INSTITUTION],
};

/** Operations of the contract not built yet (schema/contract-pending.txt): checked only once the schema has them. */
const UPCOMING: Readonly<Record<string, readonly Role[]>> = {
  'Query.accessLog': [AGENCY],
  'Query.auditTrail': [AGENCY],
};

/**
 * Role-matrix cases where the code and runtime.md disagree, as "<Type.field> <ROLE>" → why; those tests are skipped
 * (never fix the code from here). Empty: every @Access matches the matrix. (The nested-field mismatches found are the
 * skipped InsuredPerson.accumulator tests below.)
 */
const KNOWN_MISMATCHES: Readonly<Record<string, string>> = {};

/** A caller of each role, inside Henan (41); the organizations are unknown ones. */
const caller: Readonly<Record<Role, Caller>> = {
  [AGENCY]: agency(['41']),
  [INSURER]: insurer(randomUUID(), ['41']),
  [INSTITUTION]: { sub: 'test-institution', role: INSTITUTION, org: randomUUID(), regions: ['41'] },
  [REPORTING]: reporting(['41']),
};
const institution = (org: string, regions: string[] = ['41']): Caller => ({
  sub: 'test-institution',
  role: INSTITUTION,
  org,
  regions,
});

type RootField = GraphQLField<unknown, unknown>;

// ---------------------------------------------------------------------------------------------------------------
// Documents generated from the schema
// ---------------------------------------------------------------------------------------------------------------

/** A type-correct placeholder for an input of `type`; `name` is the argument or input field it fills. */
const placeholder = (type: GraphQLInputType, name: string): unknown => {
  if (isNonNullType(type)) {
    return placeholder(type.ofType, name);
  }
  if (isListType(type)) {
    return [placeholder(type.ofType, name)];
  }
  if (isEnumType(type)) {
    return type.getValues()[0]!.value;
  }
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) {
        value[field.name] = placeholder(field.type, field.name);
      }
    }
    return value;
  }
  if (!isScalarType(type)) {
    throw new Error(`No placeholder for ${String(type)}`);
  }
  switch (type.name) {
    case 'ID':
      return randomUUID();
    case 'String':
      return 'x';
    case 'Int':
      return /^year/i.test(name) ? 2024 : 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'Date':
      return '2024-06-01';
    case 'DateTime':
      return '2024-06-01T00:00:00+08:00';
    case 'Money':
      return '1.00';
    case 'Decimal':
      return '1';
    default:
      throw new Error(`No placeholder for scalar ${type.name} (argument ${name}): add one`);
  }
};

/** The smallest selection of a result: nothing for a leaf, else its first argument-free scalar, else __typename. */
const selectionOf = (type: GraphQLOutputType): string => {
  const named = getNamedType(type);
  if (isLeafType(named)) {
    return '';
  }
  if (isObjectType(named) || isInterfaceType(named)) {
    const scalar = Object.values(named.getFields()).find(
      (f) =>
        isLeafType(getNamedType(f.type)) &&
        f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined),
    );
    if (scalar) {
      return ` { ${scalar.name} }`;
    }
  }
  return ' { __typename }';
};

interface Probe {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** A minimal valid operation calling one root field: its required arguments filled, its first scalar selected. */
const probeOf = (operation: 'query' | 'mutation', field: RootField): Probe => {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const variables = Object.fromEntries(required.map((a) => [a.name, placeholder(a.type, a.name)]));
  const definitions = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query =
    `${operation} Probe${definitions ? `(${definitions})` : ''} ` +
    `{ ${field.name}${args ? `(${args})` : ''}${selectionOf(field.type)} }`;
  return { query, variables };
};

const codesOf = (r: GqlResult): unknown[] => (r.errors ?? []).map((e) => e.extensions?.code);

/** The value of the root field answered (undefined when the whole data is null). */
const rootValue = (r: GqlResult, name: string): unknown => r.data?.[name];

const ok = <T>(r: GqlResult<T>): T => {
  if (r.errors?.length || !r.data) {
    throw new Error(`operation failed: ${JSON.stringify(r.errors)}`);
  }
  return r.data;
};

describe('the access matrix (runtime.md "Tokens and roles")', () => {
  let t: TestApp;
  let url: string;
  let fields: Map<string, { operation: 'query' | 'mutation'; field: RootField }>;
  /** EXPECTED plus the upcoming operations the schema already has. */
  let expected: Record<string, readonly Role[]>;

  beforeAll(async () => {
    t = await startTestApp();
    url = `${await t.listen()}/graphql`;
    fields = new Map();
    const roots: Array<['query' | 'mutation', GraphQLObjectType | null | undefined]> = [
      ['query', t.app.schema.getQueryType()],
      ['mutation', t.app.schema.getMutationType()],
    ];
    for (const [operation, type] of roots) {
      for (const field of Object.values(type?.getFields() ?? {})) {
        fields.set(`${type!.name}.${field.name}`, { operation, field });
      }
    }
    expected = { ...EXPECTED };
    for (const [name, roles] of Object.entries(UPCOMING)) {
      if (fields.has(name)) {
        expected[name] = roles;
      }
    }
  });
  afterAll(() => t.close());

  describe('the rules', () => {
    it('name every root field of the schema, and no other (a new operation needs a rule here)', () => {
      const inSchema = [...fields.keys()].sort();
      expect({
        withoutRule: inSchema.filter((name) => !(name in expected)),
        notInSchema: Object.keys(expected)
          .filter((name) => !fields.has(name))
          .sort(),
      }).toEqual({ withoutRule: [], notInSchema: [] });
    });

    it('are what each field declares with @Access (its `access` extension)', () => {
      const declared = Object.fromEntries(
        [...fields].map(([name, { field }]) => {
          const roles = field.extensions?.[ACCESS_EXTENSION];
          return [name, Array.isArray(roles) ? [...(roles as Role[])].sort() : roles];
        }),
      );
      const wanted = Object.fromEntries(
        [...fields.keys()].map((name) => [name, [...(expected[name] ?? [])].sort()]),
      );
      expect(declared).toEqual(wanted);
    });
  });

  const names = [...Object.keys(EXPECTED), ...Object.keys(UPCOMING)];

  describe.each(names)('%s', (name) => {
    /** The field and its probe; null for an upcoming operation the schema does not have yet. */
    const probe = (): { field: RootField; probe: Probe } | null => {
      const entry = fields.get(name);
      if (!entry) {
        if (name in UPCOMING) {
          return null;
        }
        throw new Error(`${name} is not in the schema`);
      }
      return { field: entry.field, probe: probeOf(entry.operation, entry.field) };
    };

    it('answers UNAUTHENTICATED and no data without a token (HTTP)', async () => {
      const p = probe();
      if (!p) {
        return;
      }
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
        body: JSON.stringify(p.probe),
      });
      const body = (await res.json()) as GqlResult;
      expect(codesOf(body)).toEqual(['UNAUTHENTICATED']);
      expect(rootValue(body, p.field.name) ?? null).toBeNull();
    });

    for (const role of ROLES) {
      // A known mismatch is skipped, and reported: see KNOWN_MISMATCHES.
      const test = KNOWN_MISMATCHES[`${name} ${role}`] ? it.skip : it;
      test(`as ${role}: allowed or FORBIDDEN as the matrix says`, async () => {
        const p = probe();
        if (!p) {
          return;
        }
        const r = await t.gql(p.probe.query, p.probe.variables, caller[role]);
        const errors = (r.errors ?? []).map((e) => `${String(e.extensions?.code)}: ${e.message}`);
        if (expected[name]!.includes(role)) {
          // Allowed: the placeholders may match nothing (null, NOT_FOUND, BAD_USER_INPUT), but the role is let in.
          expect({
            role,
            refused: errors.filter((e) =>
              /^(FORBIDDEN|UNAUTHENTICATED|INTERNAL_SERVER_ERROR):/.test(e),
            ),
          }).toEqual({ role, refused: [] });
        } else {
          expect({ role, codes: codesOf(r) }).toEqual({ role, codes: ['FORBIDDEN'] });
          expect(rootValue(r, p.field.name) ?? null).toBeNull();
        }
      });
    }
  });

  // -------------------------------------------------------------------------------------------------------------
  // Regions and organizations, with real data
  // -------------------------------------------------------------------------------------------------------------

  describe('inside and outside regions and organizations', () => {
    let w: ClaimWorld;
    let personId: string;
    let claimId: string;
    let handlingId: string;
    let auditId: string;
    let penaltyId: string;
    /** An insurer party to nothing. */
    let strangerInsurerId: string;
    /** An insurer with its own critical-illness agreement over Henan: it may see the person, not the claim. */
    let rivalInsurerId: string;
    /** Another hospital of Luoyang. */
    let otherHospitalId: string;
    /** A third hospital, designated, with its own claim on the same person. */
    let thirdHospitalId: string;

    const createOrg = async (code: string, kind: string, regionCode: string): Promise<string> =>
      ok(
        await t.gql<{ createOrganization: { id: string } }>(
          `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
          { i: { code, name: code, kind, regionCode } },
          agency(),
        ),
      ).createOrganization.id;
    const createAgreement = async (input: Record<string, unknown>): Promise<string> =>
      ok(
        await t.gql<{ createAgreement: { id: string } }>(
          `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`,
          {
            i: {
              title: String(input.code),
              partyAId: w.agencyId,
              effectiveFrom: '2024-01-01',
              effectiveTo: '2024-12-31',
              ...input,
            },
          },
          agency(),
        ),
      ).createAgreement.id;

    beforeAll(async () => {
      w = await claimWorld(t, 'AM');
      personId = await w.person();
      claimId = ok(
        await t.gql<{ submitClaim: { id: string; status: string } }>(
          `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { id status } }`,
          { i: claimInput(w, personId, 'AM-1', '50000.00', { channel: 'MANUAL' }) },
          agency(),
        ),
      ).submitClaim.id;
      handlingId = await createAgreement({
        code: 'AM-HANDLING',
        kind: 'COMMISSIONED_HANDLING',
        partyBId: w.insurerId,
        regionCode: '410300',
        effectiveTo: '2025-12-31',
      });
      const audit = ok(
        await t.gql<{ startQuarterlyAudit: { id: string; items: Array<{ claimId: string }> } }>(
          `mutation($a: ID!) {
            startQuarterlyAudit(agreementId: $a, year: 2024, quarter: 2, seed: "matrix") { id items { claimId } }
          }`,
          { a: handlingId },
          agency(),
        ),
      ).startQuarterlyAudit;
      auditId = audit.id;
      expect(audit.items.map((i) => i.claimId)).toContain(claimId);
      penaltyId = ok(
        await t.gql<{ recordViolation: { id: string } }>(
          `mutation($i: RecordViolationInput!) { recordViolation(input: $i) { id } }`,
          {
            i: violationInput(w.designationId),
          },
          agency(),
        ),
      ).recordViolation.id;
      ok(
        await t.gql(
          `mutation($a: ID!) { recordFundRaised(agreementId: $a, year: 2024, amount: "1000000.00") { year } }`,
          { a: w.agreementId },
          agency(),
        ),
      );
      strangerInsurerId = await createOrg('AM-STRANGER', 'INSURER', '410000');
      rivalInsurerId = await createOrg('AM-RIVAL', 'INSURER', '410000');
      await createAgreement({
        code: 'AM-RIVAL-CI',
        kind: 'CRITICAL_ILLNESS',
        partyBId: rivalInsurerId,
        regionCode: '410000',
      });
      otherHospitalId = await createOrg('AM-HOSP2', 'MEDICAL_INSTITUTION', '410300');
      thirdHospitalId = await createOrg('AM-HOSP3', 'MEDICAL_INSTITUTION', '410300');
      await createAgreement({
        code: 'AM-HOSP3-DD',
        kind: 'DESIGNATED_INSTITUTION',
        partyBId: thirdHospitalId,
        regionCode: '410300',
      });
      const third = ok(
        await t.gql<{ submitClaim: { status: string } }>(
          `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { status } }`,
          {
            i: claimInput(w, personId, 'AM-2', '10000.00', {
              institutionId: thirdHospitalId,
              admissionDate: '2024-05-06',
              dischargeDate: '2024-05-10',
              declaredOn: '2024-05-13',
            }),
          },
          agency(),
        ),
      ).submitClaim;
      expect(third.status).toBe('ADJUDICATED');
    });

    interface ScopeCase {
      readonly field: string;
      readonly query: string;
      readonly variables: () => Record<string, unknown>;
      /** The id the answer carries when the caller may read the object (undefined: any non-null answer). */
      readonly id: () => string | undefined;
      readonly inside: ReadonlyArray<[string, () => Caller]>;
      readonly outside: ReadonlyArray<[string, () => Caller]>;
    }

    const cases: ScopeCase[] = [
      {
        field: 'insuredPerson',
        query: `query($id: ID!) { insuredPerson(id: $id) { id idNumber name regionCode } }`,
        variables: () => ({ id: personId }),
        id: () => personId,
        inside: [
          ['AGENCY 41', () => agency(['41'])],
          ['AGENCY 4103', () => agency(['4103'])],
          ['INSURER party B', () => insurer(w.insurerId)],
          ['INSURER with an agreement covering the person', () => insurer(rivalInsurerId)],
          ['INSTITUTION of its claim', () => institution(w.hospitalId)],
        ],
        outside: [
          ['AGENCY 51', () => agency(['51'])],
          ['AGENCY 4101', () => agency(['4101'])],
          ['INSURER party B, token 51', () => insurer(w.insurerId, ['51'])],
          ['INSURER of no agreement', () => insurer(strangerInsurerId)],
          ['another INSTITUTION', () => institution(otherHospitalId)],
        ],
      },
      {
        field: 'claim',
        query: `query($id: ID!) { claim(id: $id) { id settlementNumber benefit totalCost } }`,
        variables: () => ({ id: claimId }),
        id: () => claimId,
        inside: [
          ['AGENCY 41', () => agency(['41'])],
          ['INSURER party B', () => insurer(w.insurerId)],
          ['the INSTITUTION of the claim', () => institution(w.hospitalId)],
        ],
        outside: [
          ['AGENCY 51', () => agency(['51'])],
          ['INSURER party B, token 51', () => insurer(w.insurerId, ['51'])],
          ['INSURER of no agreement', () => insurer(strangerInsurerId)],
          ['INSURER of another agreement', () => insurer(rivalInsurerId)],
          ['INSURER party B, token for 51', () => insurer(w.insurerId, ['51'])],
          ['another INSTITUTION', () => institution(otherHospitalId)],
        ],
      },
      {
        field: 'quarterlyAudit',
        query: `query($id: ID!) { quarterlyAudit(id: $id) { id sampledCount items { claimId } } }`,
        variables: () => ({ id: auditId }),
        id: () => auditId,
        inside: [
          ['AGENCY 41', () => agency(['41'])],
          ['REPORTING 41', () => reporting(['41'])],
          ['INSURER party B', () => insurer(w.insurerId)],
        ],
        outside: [
          ['AGENCY 51', () => agency(['51'])],
          ['REPORTING 51', () => reporting(['51'])],
          ['INSURER of no agreement', () => insurer(strangerInsurerId)],
          ['INSURER of another agreement', () => insurer(rivalInsurerId)],
          ['INSURER party B, token for 51', () => insurer(w.insurerId, ['51'])],
        ],
      },
      {
        field: 'penalty',
        query: `query($id: ID!) { penalty(id: $id) { id tier totalDue violatingAmount } }`,
        variables: () => ({ id: penaltyId }),
        id: () => penaltyId,
        inside: [
          ['AGENCY 41', () => agency(['41'])],
          ['REPORTING 41', () => reporting(['41'])],
          ['the INSTITUTION party B', () => institution(w.hospitalId)],
        ],
        outside: [
          ['AGENCY 51', () => agency(['51'])],
          ['REPORTING 51', () => reporting(['51'])],
          ['another INSTITUTION', () => institution(otherHospitalId)],
        ],
      },
      {
        field: 'monthlyReport',
        query: `query($a: ID!) { monthlyReport(agreementId: $a, year: 2024, month: 6) { year benefit agreement { id } } }`,
        variables: () => ({ a: w.agreementId }),
        id: () => undefined,
        inside: [
          ['AGENCY 41', () => agency(['41'])],
          ['REPORTING 41', () => reporting(['41'])],
          ['INSURER party B', () => insurer(w.insurerId)],
        ],
        outside: [
          ['AGENCY 51', () => agency(['51'])],
          ['REPORTING 51', () => reporting(['51'])],
          ['INSURER of no agreement', () => insurer(strangerInsurerId)],
          ['INSURER of another agreement', () => insurer(rivalInsurerId)],
          ['INSURER party B, token for 51', () => insurer(w.insurerId, ['51'])],
        ],
      },
      {
        field: 'fundPublication',
        query: `query($a: ID!) { fundPublication(agreementId: $a, year: 2024, quarter: 2) { year benefitsPaid agreement { id } } }`,
        variables: () => ({ a: w.agreementId }),
        id: () => undefined,
        inside: [
          ['AGENCY 41', () => agency(['41'])],
          ['REPORTING 41', () => reporting(['41'])],
          ['INSURER party B', () => insurer(w.insurerId)],
        ],
        outside: [
          ['AGENCY 51', () => agency(['51'])],
          ['REPORTING 51', () => reporting(['51'])],
          ['INSURER of no agreement', () => insurer(strangerInsurerId)],
          ['INSURER of another agreement', () => insurer(rivalInsurerId)],
          ['INSURER party B, token for 51', () => insurer(w.insurerId, ['51'])],
        ],
      },
      {
        field: 'fundClearing',
        query: `query($a: ID!) { fundClearing(agreementId: $a, year: 2024) { year raisedAmount agreement { id } } }`,
        variables: () => ({ a: w.agreementId }),
        id: () => undefined,
        inside: [
          ['AGENCY 41', () => agency(['41'])],
          ['REPORTING 41', () => reporting(['41'])],
          ['INSURER party B', () => insurer(w.insurerId)],
        ],
        outside: [
          ['AGENCY 51', () => agency(['51'])],
          ['REPORTING 51', () => reporting(['51'])],
          ['INSURER of no agreement', () => insurer(strangerInsurerId)],
          ['INSURER of another agreement', () => insurer(rivalInsurerId)],
          ['INSURER party B, token for 51', () => insurer(w.insurerId, ['51'])],
        ],
      },
    ];

    describe.each(cases)('$field', (c) => {
      it.each(c.inside.map(([label, user]) => ({ label, user })))(
        'answers $label',
        async ({ user }) => {
          const r = await t.gql(c.query, c.variables(), user());
          expect(codesOf(r)).toEqual([]);
          const value = rootValue(r, c.field) as { id?: string } | null;
          expect(value).not.toBeNull();
          const id = c.id();
          if (id) {
            expect(value?.id).toBe(id);
          }
        },
      );

      it.each(c.outside.map(([label, user]) => ({ label, user })))(
        'is absent to $label (null or NOT_FOUND, never the data)',
        async ({ user }) => {
          const r = await t.gql(c.query, c.variables(), user());
          expect(codesOf(r).filter((code) => code !== 'NOT_FOUND')).toEqual([]);
          expect(rootValue(r, c.field) ?? null).toBeNull();
        },
      );
    });

    it('leaves the claim and the person out of the lists of callers outside', async () => {
      const list = async (user: Caller) => {
        const claims = await t.gql<{ claims: { nodes: Array<{ id: string }> } }>(
          `{ claims(first: 100) { nodes { id } } }`,
          {},
          user,
        );
        const persons = await t.gql<{ insuredPersons: { nodes: Array<{ id: string }> } }>(
          `{ insuredPersons(first: 100) { nodes { id } } }`,
          {},
          user,
        );
        return {
          claims: ok(claims).claims.nodes.map((n) => n.id),
          persons: ok(persons).insuredPersons.nodes.map((n) => n.id),
        };
      };
      const inside = await list(agency(['41']));
      expect(inside.claims).toContain(claimId);
      expect(inside.persons).toContain(personId);
      for (const user of [
        agency(['51']),
        insurer(strangerInsurerId),
        institution(otherHospitalId),
      ]) {
        const seen = await list(user);
        expect({ user: user.role, ...seen }).toEqual({
          user: user.role,
          claims: expect.not.arrayContaining([claimId]),
          persons: expect.not.arrayContaining([personId]),
        });
      }
    });

    describe('nested fields', () => {
      const PENALTIES = `query($id: ID!) { agreement(id: $id) { id penalties { id tier totalDue } } }`;
      const penaltiesAs = async (user: Caller) =>
        ok(
          await t.gql<{ agreement: { id: string; penalties: Array<{ id: string }> } | null }>(
            PENALTIES,
            { id: w.designationId },
            user,
          ),
        ).agreement;

      it('Agreement.penalties is empty for a caller who may not read penalties', async () => {
        for (const user of [
          insurer(w.insurerId),
          insurer(strangerInsurerId),
          agency(['51']),
          reporting(['51']),
          institution(otherHospitalId),
        ]) {
          // Agreements are read by everyone; their penalties are not.
          expect(await penaltiesAs(user)).toEqual({ id: w.designationId, penalties: [] });
        }
        for (const user of [agency(['41']), reporting(['41']), institution(w.hospitalId)]) {
          expect((await penaltiesAs(user))?.penalties.map((p) => p.id)).toEqual([penaltyId]);
        }
      });

      it("masks the claim's person's ID number for the INSTITUTION", async () => {
        const q = `query($id: ID!) { claim(id: $id) { id insuredPerson { id idNumber } } }`;
        type Out = { claim: { insuredPerson: { id: string; idNumber: string } } | null };
        const asHospital = ok(await t.gql<Out>(q, { id: claimId }, institution(w.hospitalId)));
        expect(asHospital.claim?.insuredPerson).toEqual({
          id: personId,
          idNumber: expect.stringMatching(/^410302\*{11}[0-9X]$/),
        });
        const asAgency = ok(await t.gql<Out>(q, { id: claimId }, agency(['41'])));
        expect(asAgency.claim?.insuredPerson.idNumber).toMatch(/^410302\d{11}[0-9X]$/);
      });

      it('QuarterlyAudit.items.claim answers FORBIDDEN on the field to REPORTING, never the claim', async () => {
        const q = `query($id: ID!) {
          quarterlyAudit(id: $id) { id items { claimId claim { id settlementNumber benefit } } }
        }`;
        const r = await t.gql<{
          quarterlyAudit: { items: Array<{ claim: { id: string } | null }> } | null;
        }>(q, { id: auditId }, reporting(['41']));
        expect(r.errors?.length).toBeGreaterThan(0);
        for (const e of r.errors ?? []) {
          expect({ code: e.extensions?.code, path: e.path }).toEqual({
            code: 'FORBIDDEN',
            path: ['quarterlyAudit', 'items', expect.any(Number), 'claim'],
          });
        }
        expect(JSON.stringify(r.data ?? null)).not.toContain('AM-1');
        for (const item of r.data?.quarterlyAudit?.items ?? []) {
          expect(item.claim).toBeNull();
        }
        // The same audit, read by the agency, shows the claim.
        const asAgency = ok(
          await t.gql<{ quarterlyAudit: { items: Array<{ claim: { id: string } }> } }>(
            q,
            { id: auditId },
            agency(['41']),
          ),
        );
        expect(asAgency.quarterlyAudit.items.map((i) => i.claim.id)).toContain(claimId);
      });

      /*
       * Decided (docs/decisions.md, "Accumulator is part of the person"): InsuredPerson.accumulator is the person's
       * province-wide ledger of the year (rules.md §3.3), and whoever may read the person reads it: a designated
       * institution needs the year's totals to settle directly at discharge, and the insurer to pay within the cap. It
       * shows totals, never another party's claims (InsuredPerson.claims, claim(id) and claimStats stay scoped).
       */
      const ACCUMULATOR = `query($id: ID!) {
        insuredPerson(id: $id) { id accumulator(year: 2024) { eligibleTotal benefitTotal entryCount } }
      }`;
      type AccumulatorOut = {
        insuredPerson: {
          accumulator: { eligibleTotal: string; benefitTotal: string; entryCount: number } | null;
        } | null;
      };
      /** The accumulator as `user` reads it: refused (null with FORBIDDEN or NOT_FOUND) or its totals. */
      const accumulatorAs = async (user: Caller) => {
        const r = await t.gql<AccumulatorOut>(ACCUMULATOR, { id: personId }, user);
        expect(codesOf(r).filter((c) => c !== 'FORBIDDEN' && c !== 'NOT_FOUND')).toEqual([]);
        return r.data?.insuredPerson?.accumulator ?? null;
      };

      it('InsuredPerson.accumulator shows the province-wide totals to an INSURER that may see the person', async () => {
        const acc = await accumulatorAs(insurer(rivalInsurerId));
        expect(acc).toMatchObject({ eligibleTotal: '60000.00', entryCount: 2 });
      });

      it('InsuredPerson.accumulator shows the year’s totals to the institution settling its patient', async () => {
        const acc = await accumulatorAs(institution(w.hospitalId));
        expect(acc).toMatchObject({ eligibleTotal: '60000.00', entryCount: 2 });
      });

      it('InsuredPerson.claims shows an INSURER who may see the person none of the claims it may not read', async () => {
        const q = `query($id: ID!) { insuredPerson(id: $id) { id claims { totalCount nodes { id } } } }`;
        const r = ok(
          await t.gql<{
            insuredPerson: { id: string; claims: { totalCount: number; nodes: unknown[] } } | null;
          }>(q, { id: personId }, insurer(rivalInsurerId)),
        );
        expect(r.insuredPerson).toEqual({ id: personId, claims: { totalCount: 0, nodes: [] } });
        const stats = ok(
          await t.gql<{ claimStats: unknown[] }>(
            `query($id: ID!) { claimStats(filter: { insuredPersonId: $id }, groupBy: []) { claimCount } }`,
            { id: personId },
            insurer(rivalInsurerId),
          ),
        );
        expect(stats.claimStats).toEqual([]);
      });
    });
  });
});
