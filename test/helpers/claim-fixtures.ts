import { checkCharacter } from '../../src/domain/insured-person/rules/resident-id.rule';
import { agency, type TestApp } from './test-app';

/** The parties, agreements and persons a claim test needs, made through the API as a user would. */
export interface ClaimWorld {
  readonly agencyId: string;
  readonly insurerId: string;
  readonly hospitalId: string;
  /** The Henan critical-illness agreement 2024, covering 410000. */
  readonly agreementId: string;
  /** The hospital's designated-institution agreement 2024. */
  readonly designationId: string;
  person(special?: string, from?: string, region?: string): Promise<string>;
}

let serial = 0;

/** A fresh valid ID number born `birth` (YYYYMMDD) in `area`. */
export const freshIdNumber = (birth = '19700101', area = '410302'): string => {
  serial += 1;
  const body = `${area}${birth}${String(serial % 1000).padStart(3, '0')}`;
  return body + checkCharacter(body);
};

const must = <T>(r: { data?: T | null; errors?: unknown[] }): T => {
  if (r.errors?.length || !r.data) {
    throw new Error(`operation failed: ${JSON.stringify(r.errors)}`);
  }
  return r.data;
};

/** Creates a Henan-like world: an agency, an insurer, a hospital, the critical-illness and designation agreements. */
export const claimWorld = async (t: TestApp, prefix = 'W'): Promise<ClaimWorld> => {
  const org = async (code: string, kind: string, regionCode: string) =>
    must(
      await t.gql<{ createOrganization: { id: string } }>(
        `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
        { i: { code: `${prefix}-${code}`, name: code, kind, regionCode } },
        agency(),
      ),
    ).createOrganization.id;
  const agencyId = await org('AG', 'AGENCY', '410000');
  const insurerId = await org('INS', 'INSURER', '410000');
  const hospitalId = await org('HOSP', 'MEDICAL_INSTITUTION', '410300');
  const agreement = async (code: string, kind: string, partyBId: string, regionCode: string) =>
    must(
      await t.gql<{ createAgreement: { id: string } }>(
        `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`,
        {
          i: {
            code: `${prefix}-${code}`,
            kind,
            title: code,
            partyAId: agencyId,
            partyBId,
            regionCode,
            effectiveFrom: '2024-01-01',
            effectiveTo: '2024-12-31',
          },
        },
        agency(),
      ),
    ).createAgreement.id;
  const agreementId = await agreement('CI', 'CRITICAL_ILLNESS', insurerId, '410000');
  const designationId = await agreement('DD', 'DESIGNATED_INSTITUTION', hospitalId, '410300');
  return {
    agencyId,
    insurerId,
    hospitalId,
    agreementId,
    designationId,
    async person(special = 'NONE', from = '2024-01-01', region = '410302') {
      return must(
        await t.gql<{ registerInsuredPerson: { id: string } }>(
          `mutation($i: RegisterInsuredPersonInput!) { registerInsuredPerson(input: $i) { id } }`,
          {
            i: {
              idNumber: freshIdNumber(),
              name: '测试',
              regionCode: region,
              specialStatus: special,
              specialStatusFrom: from,
            },
          },
          agency(),
        ),
      ).registerInsuredPerson.id;
    },
  };
};

/** A DIRECT claim input whose eligible self-pay is `eligible` (all of total cost beyond the fund's part). */
export const claimInput = (
  w: ClaimWorld,
  personId: string,
  settlementNumber: string,
  eligible: string,
  over: Record<string, unknown> = {},
) => ({
  agreementId: w.agreementId,
  institutionId: w.hospitalId,
  insuredPersonId: personId,
  settlementNumber,
  channel: 'DIRECT',
  admissionDate: '2024-04-10',
  dischargeDate: '2024-04-20',
  declaredOn: '2024-04-26',
  totalCost: (Number(eligible) + 1000).toFixed(2),
  basicFundPaid: '1000.00',
  ...over,
});

/** A `RecordViolationInput` of the §9 kind (out-of-scope billing noticed 2024-01-29) on `agreementId`, with overrides. */
export const violationInput = (agreementId: string, over: Record<string, unknown> = {}) => ({
  agreementId,
  violationCode: 'OUT_OF_SCOPE_BILLING',
  occurredOn: '2024-01-10',
  noticeOn: '2024-01-29',
  detectedBy: 'INSPECTION',
  violatingAmount: '100.00',
  ...over,
});
