/*
 * The as-of tests of rules/as-of.rule.ts as SQL, for the lists and counts that must agree with them (rules.md §3.4):
 * the overdue list (claim-query.service.ts), the interview triggers (fund/interview.service.ts) and the monthly report
 * (report/monthly-report.service.ts). test/e2e/as-of.e2e-spec.ts compares them with the rule.
 */

/**
 * `isOverdueAsOf` as a SQL condition on a claim alias `c` and an as-of parameter (e.g. `:asOf` or `$2`): a claim with
 * a benefit above 0, not REJECTED, unpaid on the day, due before it, not reversed by then and with a net benefit above 0
 * after the reviews applied by then. The ledger is read through its adjustment index (one probe per candidate claim).
 */
export const overdueAsOfSql = (asOf: string, c = 'c'): string =>
  `(${c}.benefit > 0 AND ${c}.status <> 'REJECTED' AND ${c}.payment_due_on < ${asOf}
    AND (${c}.paid_on IS NULL OR ${c}.paid_on > ${asOf})
    AND NOT EXISTS (SELECT 1 FROM ledger_entry r WHERE r.insured_person_id = ${c}.insured_person_id
      AND r.claim_id = ${c}.id AND r.kind = 'REVERSAL' AND r.applied_on <= ${asOf})
    AND ${c}.benefit + coalesce((SELECT sum(a.benefit_delta) FROM ledger_entry a
      WHERE a.insured_person_id = ${c}.insured_person_id AND a.claim_id = ${c}.id AND a.kind <> 'CLAIM'
        AND a.applied_on <= ${asOf}), 0) > 0)`;
