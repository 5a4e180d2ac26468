import type { Pool } from 'pg';
import type { AuditActor } from '../src/domain/audit-trail/audit-trail.service';
import type { SubmitClaimInput } from '../src/domain/claim/claim.inputs';
import type { ClaimSubmissionService } from '../src/domain/claim/claim-submission.service';
import type { InsuredPersonService } from '../src/domain/insured-person/insured-person.service';
import type { Caller } from '../src/shared/caller';
import { Money } from '../src/shared/money';
import { COMPONENT_FIELDS } from './province';

/** Counts of rows breaking an invariant of the ledger (rules.md §3.3); all must be 0. */
export interface LedgerChecks {
  /** Accumulators whose totals or entry count differ from the sums of their entries. */
  accumulatorsOffTheirEntries: number;
  /** Entries whose cumulative_before is not the previous entry's cumulative_after (0 for the first). */
  brokenChains: number;
  /** Settled claims without exactly one CLAIM entry, and REJECTED claims with one. */
  claimsWithoutTheirEntry: number;
  /** Claims without their idempotency key. */
  claimsWithoutKey: number;
  /** Person-years on the general schedule whose benefits pass the cap (400 000). */
  generalAboveCap: number;
  /** Persons without their ID-number key (insured_person_key), which the look-up by ID number reads. */
  personsWithoutKey: number;
}

/** Checks the loaded ledger with SQL (after the load, before anything else writes). */
export const checkLedger = async (pool: Pool): Promise<LedgerChecks> => {
  const one = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);
  return {
    accumulatorsOffTheirEntries: await one(`
      SELECT count(*) AS n FROM accumulator a
      LEFT JOIN (SELECT insured_person_id, year, sum(eligible_delta) AS e, sum(benefit_delta) AS b, count(*) AS c
                 FROM ledger_entry GROUP BY 1, 2) l USING (insured_person_id, year)
      WHERE a.eligible_total <> coalesce(l.e, 0) OR a.benefit_total <> coalesce(l.b, 0)
         OR a.entry_count <> coalesce(l.c, 0)`),
    brokenChains: await one(`
      SELECT count(*) AS n FROM (
        SELECT cumulative_before,
               lag(cumulative_after, 1, 0::numeric) OVER (PARTITION BY insured_person_id, year ORDER BY id) AS prev
        FROM ledger_entry) x
      WHERE cumulative_before <> prev`),
    claimsWithoutTheirEntry: await one(`
      SELECT count(*) AS n FROM claim c
      LEFT JOIN (SELECT insured_person_id, claim_id, count(*) AS k FROM ledger_entry WHERE kind = 'CLAIM'
                 GROUP BY 1, 2) e ON e.insured_person_id = c.insured_person_id AND e.claim_id = c.id
      WHERE (c.status = 'REJECTED') <> (e.k IS NULL) OR e.k > 1`),
    claimsWithoutKey: await one(`
      SELECT count(*) AS n FROM claim c
      LEFT JOIN claim_idempotency k ON k.institution_id = c.institution_id
                                   AND k.settlement_number = c.settlement_number AND k.claim_id = c.id
      WHERE k.claim_id IS NULL`),
    generalAboveCap: await one(`
      SELECT count(*) AS n FROM accumulator a
      WHERE a.benefit_total > 400000
        AND NOT EXISTS (SELECT 1 FROM person_special_status s WHERE s.insured_person_id = a.insured_person_id)`),
    personsWithoutKey: await one(`
      SELECT count(*) AS n FROM insured_person p
      LEFT JOIN insured_person_key k ON k.id_number_hash = p.id_number_hash AND k.insured_person_id = p.id
      WHERE k.insured_person_id IS NULL`),
  };
};

/**
 * Finds loaded persons by their ID number through the real service (`insuredPersonByIdNumber`: the keyed hash) and
 * reads their number back decrypted (`revealIdNumbers`, which also logs the read): both must give the
 * person and the number the loader wrote. Answers how many did.
 */
export const lookUpLoadedPersons = async (
  persons: InsuredPersonService,
  user: Caller,
  samples: readonly { id: string; idNumber: string }[],
): Promise<{ looked: number; found: number; decrypted: number }> => {
  let found = 0;
  let decrypted = 0;
  for (const s of samples) {
    const person = await persons.byIdNumber({ user, requestId: 'bench-lookup' }, s.idNumber);
    if (person?.id === s.id) {
      found += 1;
      const [plain] = await persons.revealIdNumbers({ user, requestId: 'bench-lookup' }, [
        { person, operation: 'bench' },
      ]);
      decrypted += plain === s.idNumber ? 1 : 0;
    }
  }
  return { looked: samples.length, found, decrypted };
};

/**
 * Submits `count` loaded claims again through the real service, with the values stored: the service must answer
 * each with its first claim (`created: false`) — not CONFLICT — which holds only if the loader wrote the same payload
 * hash and idempotency key as the service. Answers how many came back as already present.
 */
export const resubmitLoadedClaims = async (
  pool: Pool,
  claims: ClaimSubmissionService,
  actor: AuditActor,
  count: number,
): Promise<{ submitted: number; alreadyPresent: number; sameClaim: number }> => {
  const rows = await pool.query<Record<string, string>>(
    `SELECT id, agreement_id, institution_id, insured_person_id, settlement_number, channel, admission_date::text,
            discharge_date::text, declared_on::text, ${COMPONENT_FIELDS.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(', ')}
     FROM claim ORDER BY md5(id::text) LIMIT $1`,
    [count],
  );
  const inputs = rows.rows.map((r) => {
    const input: Record<string, unknown> = {
      agreementId: r.agreement_id,
      institutionId: r.institution_id,
      insuredPersonId: r.insured_person_id,
      settlementNumber: r.settlement_number,
      channel: r.channel,
      admissionDate: r.admission_date,
      dischargeDate: r.discharge_date,
      declaredOn: r.declared_on,
    };
    for (const f of COMPONENT_FIELDS) {
      input[f] = new Money(r[f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]!);
    }
    return input as unknown as SubmitClaimInput;
  });
  const outcomes = await claims.submitAll(actor, inputs, (i) => `inputs[${i}]`, 'submitClaims');
  let alreadyPresent = 0;
  let sameClaim = 0;
  outcomes.forEach((o, i) => {
    if ('claim' in o && !o.created) {
      alreadyPresent += 1;
      sameClaim += o.claim.id === rows.rows[i]!.id ? 1 : 0;
    }
  });
  return { submitted: inputs.length, alreadyPresent, sameClaim };
};
