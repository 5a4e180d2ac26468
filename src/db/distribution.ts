/**
 * How the schema would be sharded with Citus (docs/scaling.md): the insured person is the distribution key. Every table
 * a person's claims touch is distributed by `insured_person_id` and co-located with `insured_person`, so the claim
 * path (lock the accumulator, write the claim and its ledger entry) stays on one node; the small tables every node
 * joins against (agreements and their terms, the calendar, the region table, the violation catalogue, the economics of
 * a few hundred agreements) are reference tables, copied to every node; the audit trail stays on the coordinator.
 *
 * A test (test/e2e/distribution.e2e-spec.ts) reads the live schema and checks this plan: every table classified, every
 * primary key and unique constraint of a distributed table containing its distribution column, every foreign key one
 * Citus can enforce. This is the plan as data; nothing here runs against a Citus cluster (none on this machine).
 */
export interface DistributionPlan {
  /** Distributed by the column, co-located with `insured_person`. */
  readonly byPerson: Readonly<Record<string, string>>;
  /** Distributed by a key of their own (uniqueness tables): not co-located with persons, no foreign keys. */
  readonly ownKey: Readonly<Record<string, string>>;
  /** Replicated to every node. */
  readonly reference: readonly string[];
  /** On the coordinator only. */
  readonly local: readonly string[];
}

export const DISTRIBUTION: DistributionPlan = {
  byPerson: {
    insured_person: 'id',
    person_special_status: 'insured_person_id',
    person_access_log: 'insured_person_id',
    claim: 'insured_person_id',
    accumulator: 'insured_person_id',
    ledger_entry: 'insured_person_id',
    claim_review_proposal: 'insured_person_id',
    audit_item: 'insured_person_id',
  },
  ownKey: {
    insured_person_key: 'id_number_hash',
    unmatched_id_lookup: 'id_number_hash',
    claim_idempotency: 'institution_id',
  },
  reference: [
    'organization',
    'calendar_day',
    'calendar_year',
    'region',
    'agreement',
    'agreement_terms',
    'agreement_suspension',
    'agreement_suspension_continuation',
    'violation_type',
    'insured_count',
    'quarterly_audit',
    'handling_breach',
    'staffing_report',
    'fund_raised',
    'fund_clearing',
    'report_filing',
    'inspection',
    'inspection_finding',
    'penalty',
    'penalty_payment',
  ],
  local: ['audit_trail', 'migrations'],
};

/** The Citus statements that would apply the plan to a migrated database, in an order Citus accepts. */
export const citusSetupSql = (plan: DistributionPlan = DISTRIBUTION): string[] => [
  'CREATE EXTENSION IF NOT EXISTS citus;',
  ...plan.reference.map((t) => `SELECT create_reference_table('${t}');`),
  `SELECT create_distributed_table('insured_person', '${plan.byPerson.insured_person}');`,
  ...Object.entries(plan.byPerson)
    .filter(([t]) => t !== 'insured_person')
    .map(
      ([t, c]) =>
        `SELECT create_distributed_table('${t}', '${c}', colocate_with => 'insured_person');`,
    ),
  ...Object.entries(plan.ownKey).map(
    ([t, c]) => `SELECT create_distributed_table('${t}', '${c}', colocate_with => 'none');`,
  ),
];
