/** The hand-written SQL of the baselines (served by baseline-server.ts, timed alone by bench.ts). */

/**
 * The optimal SQL of a page of claims with their person, institution and agreement: one join, the same rows, order
 * and visibility (AGENCY of region 41: `region_code LIKE '41%'`) as the application's `claims(first:)`.
 */
export const LIST_SQL = `
  SELECT c.id, c.discharge_date, c.benefit, c.status,
         p.name AS person_name, o.name AS institution_name, a.code AS agreement_code
  FROM claim c
  JOIN insured_person p ON p.id = c.insured_person_id
  JOIN organization o ON o.id = c.institution_id
  JOIN agreement a ON a.id = c.agreement_id
  WHERE c.region_code LIKE $1
  ORDER BY c.discharge_date DESC, c.id DESC
  LIMIT $2`;

/** An agreement with its party A's name, in one join. */
export const AGREEMENT_SQL = `
  SELECT a.code, a.title, o.name AS party_a_name
  FROM agreement a JOIN organization o ON o.id = a.party_a_id
  WHERE a.id = $1`;

/**
 * The equivalent of `claimStats(groupBy: [REGION, MONTH])` for AGENCY of region 41, written by hand: counts and sums
 * by region and discharge month, benefits net of review adjustments (ledger entries other than CLAIM).
 */
export const STATS_SQL = `
  SELECT c.region_code::text AS region, to_char(c.discharge_date, 'YYYY-MM') AS month,
         count(*)::int AS claim_count, sum(c.total_cost) AS total_cost,
         sum(c.eligible_self_pay) AS eligible_self_pay, sum(c.benefit + coalesce(adj.delta, 0)) AS benefit
  FROM claim c
  LEFT JOIN (SELECT insured_person_id, claim_id, sum(benefit_delta) AS delta
             FROM ledger_entry WHERE kind <> 'CLAIM' GROUP BY insured_person_id, claim_id) adj
    ON adj.insured_person_id = c.insured_person_id AND adj.claim_id = c.id
  WHERE c.region_code LIKE $1
  GROUP BY 1, 2 ORDER BY 1, 2`;
