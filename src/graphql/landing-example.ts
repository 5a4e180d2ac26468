import { DEMO_PERSON_ID_NUMBER } from '../demo/demo-persons';

/**
 * The document the Sandbox opens with: operations a newcomer can run at once on the demo data with a token, in the
 * order a first visit goes (look around, find a person and the ids a claim needs, submit a claim, quote). `year` is
 * the current year, the year of the live demo agreements. Every operation is checked against the schema by a test.
 */
export const landingExample = (
  year: number,
): string => `# Jingban (经办) — paste a token into the Authorization header first:
#   npm run -s token -- --role AGENCY --regions 41,51
# then set the header  Authorization: Bearer <token>, pick an operation and run it.
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

# The demo person, whole ID number for AGENCY (each such read is logged), and the ids a claim needs.
query ForAClaim {
  insuredPersonByIdNumber(idNumber: "${DEMO_PERSON_ID_NUMBER}") {
    id name idNumber specialStatus
    accumulator(year: ${year}) { eligibleTotal benefitTotal remainingCap }
    claims(first: 3) { nodes { settlementNumber dischargeDate benefit status } }
  }
  agreements(kind: CRITICAL_ILLNESS) { nodes { id code } }
  organizations(kind: MEDICAL_INSTITUTION) { id code name }
}

# Put the person's id, the HN-DBBX-${year} agreement's id and DEMO-LY-H1's id in the variables, then run.
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
`;
