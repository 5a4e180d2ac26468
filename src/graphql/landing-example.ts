import { DEMO_PERSON_ID_NUMBER } from '../demo/demo-persons';
import { checkCharacter } from '../domain/insured-person/rules/resident-id.rule';

/**
 * The person `RegisterAPerson` registers: an invented Luoyang (涧西区) girl born 2018-06-01, a valid GB 11643 number
 * (check character by ISO 7064 MOD 11-2). Demo persons are born 1940–2015, so the number is free on fresh demo data
 * and the second run answers `CONFLICT`.
 */
export const LANDING_PERSON_ID_NUMBER = `41030520180601002${checkCharacter('41030520180601002')}`;

/** The headers the IDEs open with when they hold no token: where the token goes. */
export const LANDING_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  Authorization: 'Bearer <paste a token>',
});

/** The headers the IDEs open with when the server hands them a token (embedded mode: main.ts). */
export const landingHeaders = (token?: string): Readonly<Record<string, string>> =>
  token === undefined ? LANDING_HEADERS : Object.freeze({ Authorization: `Bearer ${token}` });

/** The demo data's ids the example's variables take, as far as they were found ({@link landingIdsOf}). */
export interface LandingIds {
  readonly agreementId?: string;
  readonly institutionId?: string;
  readonly personId?: string;
  readonly handlingAgreementId?: string;
}

/**
 * The variables the IDEs open with: one set for every operation of {@link landingExample} (an operation ignores the
 * ones it does not declare). The demo data's ids where they are known (embedded mode finds them at start), else
 * placeholders that say where each id comes from (an id that is not one answers NOT_FOUND).
 */
export const landingVariables = (year: number, ids: LandingIds = {}): Record<string, string> => ({
  agreementId: ids.agreementId ?? `<id of HN-DBBX-${year}, from ForAClaim>`,
  institutionId: ids.institutionId ?? '<id of DEMO-LY-H1, from ForAClaim>',
  personId: ids.personId ?? '<insuredPersonByIdNumber.id, from ForAClaim>',
  handlingAgreementId: ids.handlingAgreementId ?? `<id of LY-WTJB-${year}, from ForAClaim>`,
});

/**
 * The query that finds {@link LandingIds} on the demo data, as ForAClaim does (run as the demo token's AGENCY user,
 * so the ids are those that user reads): the demo person's id (not its number, so no access-log entry), the year's
 * critical-illness and handling agreements, and the demo hospital.
 */
export const LANDING_IDS_QUERY = `query LandingIds($idNumber: String!) {
  insuredPersonByIdNumber(idNumber: $idNumber) { id }
  agreements(kind: CRITICAL_ILLNESS) { nodes { id code } }
  handling: agreements(kind: COMMISSIONED_HANDLING) { nodes { id code } }
  organizations(kind: MEDICAL_INSTITUTION) { id code }
}`;

/** The variables of {@link LANDING_IDS_QUERY}. */
export const landingIdsVariables = (): Record<string, string> => ({
  idNumber: DEMO_PERSON_ID_NUMBER,
});

interface LandingIdsAnswer {
  readonly insuredPersonByIdNumber?: { readonly id: string } | null;
  readonly agreements?: { readonly nodes: ReadonlyArray<{ id: string; code: string }> } | null;
  readonly handling?: { readonly nodes: ReadonlyArray<{ id: string; code: string }> } | null;
  readonly organizations?: ReadonlyArray<{ id: string; code: string }> | null;
}

/** {@link LandingIds} from the answer of {@link LANDING_IDS_QUERY}; what is missing stays a placeholder. */
export const landingIdsOf = (data: unknown, year: number): LandingIds => {
  const answer = (data ?? {}) as LandingIdsAnswer;
  const byCode = (list: ReadonlyArray<{ id: string; code: string }> | undefined, code: string) =>
    list?.find((x) => x.code === code)?.id;
  return {
    agreementId: byCode(answer.agreements?.nodes, `HN-DBBX-${year}`),
    institutionId: byCode(answer.organizations ?? undefined, 'DEMO-LY-H1'),
    personId: answer.insuredPersonByIdNumber?.id,
    handlingAgreementId: byCode(answer.handling?.nodes, `LY-WTJB-${year}`),
  };
};

/**
 * The document the IDEs (Sandbox and GraphiQL) open with: operations a newcomer can run at once on the demo data with
 * a token, in the order a first visit goes (look around, find a person and the ids the rest needs, read an agreement
 * and its terms, register a person, submit a claim, quote, a fee statement, claim statistics). `year` is the current
 * year, the year of the live demo agreements. Every operation is checked against the schema, and run on demo data,
 * by a test.
 */
export const landingExample = (
  year: number,
): string => `# Jingban (经办). Every operation needs a token in the Authorization header: in embedded mode the headers
# hold one already; otherwise paste the one the start line prints, or the output of
#   npm run -s token -- --role AGENCY --regions 41,51
# Then pick an operation and run it. The variables hold the demo data's ids when this server loaded it; otherwise
# ForAClaim shows them.
query FirstLook {
  organizations { code name kind regionCode }
  isWorkingDay(date: "2024-04-28")
  dueDirect: addWorkingDays(date: "2024-04-26", days: 15)
  agreements(kind: CRITICAL_ILLNESS) {
    nodes {
      id code status
      terms { ... on CriticalIllnessTerms { general { deductible annualCap bands { upTo rate } } } }
    }
  }
}

# The demo person, whole ID number for AGENCY (each such read is logged), and the ids the other operations take
# from the variables.
query ForAClaim {
  insuredPersonByIdNumber(idNumber: "${DEMO_PERSON_ID_NUMBER}") {
    id name idNumber specialStatus
    accumulator(year: ${year}) { eligibleTotal benefitTotal remainingCap }
    claims(first: 3) { nodes { settlementNumber dischargeDate benefit status } }
  }
  agreements(kind: CRITICAL_ILLNESS) { nodes { id code } }
  handling: agreements(kind: COMMISSIONED_HANDLING) { nodes { id code } }
  organizations(kind: MEDICAL_INSTITUTION) { id code name }
}

# An agreement and its terms: the parties, the version in force today and every version with its start.
# HN-DBBX-${year}: deductible 11 000, 60% up to 100 000 then 70%, cap 400 000; preferential: halved, +5 points, no cap.
query AnAgreement($agreementId: ID!) {
  agreement(id: $agreementId) {
    code title kind status effectiveFrom effectiveTo coveredRegions
    partyA { code name } partyB { code name }
    terms {
      ... on CriticalIllnessTerms {
        effectiveFrom directPaymentWorkingDays
        general { deductible annualCap bands { upTo rate } }
        preferential { deductible annualCap bands { upTo rate } }
      }
    }
    termsVersions { ... on CriticalIllnessTerms { effectiveFrom } }
  }
}

# Registers an invented person: birth date and sex come from the ID number (GB 11643, check character checked).
# Running it again answers CONFLICT on input.idNumber: the number is registered, nothing changes.
mutation RegisterAPerson {
  registerInsuredPerson(input: {
    idNumber: "${LANDING_PERSON_ID_NUMBER}", name: "试用参保人", regionCode: "410305"
  }) {
    id name idNumber birthDate sex regionCode specialStatus
  }
}

# Takes the person's id, the HN-DBBX-${year} agreement's id and DEMO-LY-H1's id from the variables.
# Running it twice answers the same claim (idempotent); watch accumulator move in ForAClaim.
mutation SubmitAClaim($agreementId: ID!, $institutionId: ID!, $personId: ID!) {
  submitClaim(input: {
    agreementId: $agreementId, institutionId: $institutionId, insuredPersonId: $personId,
    settlementNumber: "SANDBOX-0001", channel: DIRECT,
    admissionDate: "${year}-01-05", dischargeDate: "${year}-01-20", declaredOn: "${year}-01-22",
    totalCost: "180000.00", basicFundPaid: "30000.00"
  }) {
    id status schedule eligibleSelfPay cumulativeBefore cumulativeAfter benefit paymentDueOn
    bands { upTo rate base amount }
  }
}

# A what-if that stores nothing: 150 000 of eligible self-pay on the general schedule is 88 400.00.
query Quote($agreementId: ID!) {
  benefitQuote(input: { agreementId: $agreementId, eligibleSelfPay: "150000.00" }) {
    schedule benefit bands { upTo rate base amount }
  }
}

# Luoyang's handling fee for the first quarter: 1.50 yuan a year per person insured at the end of ${year - 1},
# less the audit deduction and breach damages, plus the savings reward. handlingAgreementId is LY-WTJB-${year}'s id.
query FeeStatement($handlingAgreementId: ID!) {
  handlingFeeStatement(agreementId: $handlingAgreementId, year: ${year}, quarter: 1) {
    agreement { code }
    insuredCountBasis annualFee quarterlyFee auditDeduction breachDamages savingsReward netPayable
    auditFinalized breachCount
  }
}

# Claims of ${year} you may read, counted and summed in the database by quarter and schedule.
query ClaimStatistics {
  claimStats(
    filter: { dischargedFrom: "${year}-01-01", dischargedTo: "${year}-12-31" }
    groupBy: [QUARTER, SCHEDULE]
  ) {
    keys claimCount totalCost eligibleSelfPay benefit
  }
}
`;
