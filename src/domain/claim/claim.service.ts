import { createHash, randomUUID } from 'node:crypto';
import type Decimal from 'decimal.js';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Role, coversRegion, type Caller } from '../../shared/caller';
import { yearOf } from '../../shared/calendar-date';
import type { Clock } from '../../shared/clock';
import { withRetry } from '../../shared/db-errors';
import { badInput, conflict, DomainError, notFound } from '../../shared/domain-error';
import { Money, ZERO } from '../../shared/money';
import { matchesPrefix, regionPrefix } from '../../shared/region';
import { groupBy } from '../../shared/group-by';
import { isUuid } from '../../shared/uuid';
import { AgreementSuspension } from '../agreement/agreement-suspension.entity';
import { Agreement } from '../agreement/agreement.entity';
import { AgreementKind } from '../agreement/agreement.enums';
import { termsVersionOn } from '../agreement/rules/terms-in-force.rule';
import { AgreementTermsVersion } from '../agreement/terms/agreement-terms.entity';
import { decodeTerms } from '../agreement/terms/terms.codec';
import type { CriticalIllnessTermsValue } from '../agreement/terms/terms.model';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import type { CalendarService } from '../calendar/calendar.service';
import type { InsuredPerson } from '../insured-person/insured-person.entity';

import { SpecialStatus } from '../insured-person/insured-person.enums';
import { specialStatusOn } from '../insured-person/rules/special-status.rule';
import { SpecialStatusPeriod } from '../insured-person/special-status-period.entity';
import { OrganizationKind } from '../organization/organization-kind.enum';
import { Organization } from '../organization/organization.entity';
import { Claim, type StoredBand } from './claim.entity';
import { ClaimChannel, ClaimStatus, ScheduleKind, type RejectionReason } from './claim.enums';
import type { SubmitClaimInput } from './claim.inputs';
import type { BatchError } from './claim.types';
import { LedgerEntry } from './ledger.entity';
import { findByIds, findByUuids, hydratorOf } from '../../db/fast/hydrate';
import { insertMany } from '../../db/fast/insert-many';
import type { Schedule } from './rules/benefit.rule';
import { claimBenefit, type BandAmount } from './rules/claim-benefit.rule';
import { checkClaimInput, type CheckedClaimInput } from './rules/claim-input.rule';
import { designationGate } from './rules/designation.rule';

/** What adjudication needs of a person. */
type PersonRef = Pick<InsuredPerson, 'id' | 'regionCode'>;

/** The most inputs one `submitClaims` takes (issue 4). */
export const MAX_BATCH = 1000;
/** Inputs adjudicated per transaction: locks are held for one chunk, and a crash loses at most the open chunk. */
export const CHUNK = 200;

/** One input, checked against stored data and ready to adjudicate. */
interface Prepared {
  readonly index: number;
  /** Where the input stands in the arguments: `input` or `inputs[3]`. */
  readonly at: string;
  readonly input: SubmitClaimInput;
  readonly checked: CheckedClaimInput;
  readonly person: PersonRef;
  readonly year: number;
  readonly termsVersionId: string;
  readonly scheduleKind: ScheduleKind;
  readonly schedule: Schedule;
  readonly dueOn: string;
  readonly payloadHash: Buffer;
  readonly rejection: RejectionReason | null;
}

/** The outcome of one input: its claim, or why it was refused. */
export type ClaimOutcome =
  | {
      readonly claim: Claim;
      /** false: the first claim of a repeated submission */ readonly created: boolean;
    }
  | { readonly error: DomainError };

/** The schedule of `kind` in a critical-illness terms value. */
export const scheduleOf = (terms: CriticalIllnessTermsValue, kind: string): Schedule =>
  kind === String(ScheduleKind.PREFERENTIAL) ? terms.preferential : terms.general;

/** A band breakdown as stored (strings, exact). */
export const storedBands = (bands: readonly BandAmount[]): StoredBand[] =>
  bands.map((b) => ({
    upTo: b.upTo === null ? null : b.upTo.toFixed(2),
    rate: b.rate.toFixed(),
    base: b.base.toFixed(2),
    amount: b.amount.toFixed(2),
  }));

/** A stored breakdown back to decimals. */
export const bandsOf = (bands: readonly StoredBand[]): BandAmount[] =>
  bands.map((b) => ({
    upTo: b.upTo === null ? null : new Money(b.upTo),
    rate: new Money(b.rate),
    base: new Money(b.base),
    amount: new Money(b.amount),
  }));

/** The payload an (institution, settlement number) stands for: equal payloads hash equal (idempotency). */
const payloadHashOf = (input: SubmitClaimInput, checked: CheckedClaimInput): Buffer =>
  createHash('sha256')
    .update(
      JSON.stringify([
        input.agreementId,
        input.institutionId,
        input.insuredPersonId,
        checked.settlementNumber,
        input.channel,
        input.admissionDate,
        input.dischargeDate,
        input.declaredOn,
        ...Object.values(checked.components).map((d: Decimal) => d.toFixed(2)),
      ]),
    )
    .digest();

/** Decoded critical-illness terms of each version. */
const criticalIllnessTerms = (
  versions: readonly AgreementTermsVersion[],
  agreements: ReadonlyMap<string, Agreement>,
): Map<string, CriticalIllnessTermsValue> => {
  const out = new Map<string, CriticalIllnessTermsValue>();
  for (const v of versions) {
    const a = agreements.get(v.agreementId);
    if (a?.kind === AgreementKind.CRITICAL_ILLNESS) {
      out.set(v.id, decodeTerms(a.kind, v.terms) as CriticalIllnessTermsValue);
    }
  }
  return out;
};

/**
 * Critical-illness claims (rules.md §3; issue 4): submission with validation, the designation gate, adjudication on
 * the person's annual ledger under a row lock, idempotency by (institution, settlement number).
 */
export class ClaimService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
  ) {}

  /** `submitClaim`: one input; a refusal is thrown with its field under `input`. */
  async submit(actor: AuditActor, input: SubmitClaimInput): Promise<Claim> {
    const [outcome] = await this.submitAll(actor, [input], () => 'input', 'submitClaim');
    if (!outcome) {
      throw new Error('submitAll answered no outcome');
    }
    if ('error' in outcome) {
      throw outcome.error;
    }
    return outcome.claim;
  }

  /**
   * `submitClaims`: up to 1 000 inputs. Each valid input is stored, each invalid one reported by index with its code
   * and field (`inputs[3].totalCost`); no input is ever half stored. Inputs are adjudicated in list order, in chunks
   * of {@link CHUNK} per transaction.
   */
  async submitMany(
    actor: AuditActor,
    inputs: readonly SubmitClaimInput[],
  ): Promise<{ claims: Claim[]; errors: BatchError[] }> {
    if (inputs.length > MAX_BATCH) {
      throw badInput('inputs', `submitClaims takes at most ${MAX_BATCH} inputs; split the list`);
    }
    const outcomes = await this.submitAll(actor, inputs, (i) => `inputs[${i}]`, 'submitClaims');
    const claims: Claim[] = [];
    const errors: BatchError[] = [];
    outcomes.forEach((o, index) => {
      if ('claim' in o) {
        claims.push(o.claim);
      } else {
        errors.push({
          index,
          code: o.error.code,
          message: o.error.message,
          field: o.error.field ?? null,
        });
      }
    });
    return { claims, errors };
  }

  /** Every input's outcome, in input order. */
  async submitAll(
    actor: AuditActor,
    inputs: readonly SubmitClaimInput[],
    at: (i: number) => string,
    operation: string,
  ): Promise<ClaimOutcome[]> {
    const outcomes: (ClaimOutcome | undefined)[] = new Array<ClaimOutcome | undefined>(
      inputs.length,
    );
    const prepared = await this.prepare(actor.user, inputs, at);
    const ready: Prepared[] = [];
    prepared.forEach((p, i) => {
      if (p instanceof DomainError) {
        outcomes[i] = { error: p };
      } else {
        ready.push(p);
      }
    });
    for (let from = 0; from < ready.length; from += CHUNK) {
      const chunk = ready.slice(from, from + CHUNK);
      const results = await withRetry(() => this.adjudicate(actor, chunk, operation));
      chunk.forEach((p, k) => {
        outcomes[p.index] = results[k];
      });
    }
    return outcomes.map((o) => {
      if (!o) {
        throw new Error('an input has no outcome');
      }
      return o;
    });
  }

  /** The designated-institution agreements whose party B is one of `institutionIds`. */
  private async designationsOf(institutionIds: readonly string[]): Promise<Agreement[]> {
    if (institutionIds.length === 0) {
      return [];
    }
    const rows = await this.db.query<Record<string, unknown>[]>(
      `SELECT * FROM agreement WHERE party_b_id = ANY($1::uuid[]) AND kind = $2`,
      [institutionIds, AgreementKind.DESIGNATED_INSTITUTION],
    );
    return rows.map(hydratorOf(this.db, Agreement));
  }

  /** The suspensions of those agreements, read beside them rather than after them. */
  private async designationSuspensionsOf(
    institutionIds: readonly string[],
  ): Promise<AgreementSuspension[]> {
    if (institutionIds.length === 0) {
      return [];
    }
    const rows = await this.db.query<Record<string, unknown>[]>(
      `SELECT s.* FROM agreement_suspension s JOIN agreement a ON a.id = s.agreement_id
       WHERE a.party_b_id = ANY($1::uuid[]) AND a.kind = $2`,
      [institutionIds, AgreementKind.DESIGNATED_INSTITUTION],
    );
    return rows.map(hydratorOf(this.db, AgreementSuspension));
  }

  /**
   * Checks every input against stored data, loading what the inputs name in a few queries: the agreement (a
   * CRITICAL_ILLNESS one, which the caller may submit under, covering the person's region and the discharge date), the
   * institution, the person, the terms version and the special status on the discharge date, the payment due date, and
   * the designation gate.
   */
  private async prepare(
    user: Caller,
    inputs: readonly SubmitClaimInput[],
    at: (i: number) => string,
  ): Promise<(Prepared | DomainError)[]> {
    const ids = (f: (i: SubmitClaimInput) => string) => [...new Set(inputs.map(f).filter(isUuid))];
    const agreementIds = ids((i) => i.agreementId);
    const institutionIds = ids((i) => i.institutionId);
    const personIds = ids((i) => i.insuredPersonId);
    const db = this.db;
    // One round trip's worth of reads, side by side, each with one array parameter (issue 8).
    const [agreements, institutions, persons, versions, statuses, designations, suspensions] =
      await Promise.all([
        findByIds(db, Agreement, agreementIds),
        findByIds(db, Organization, institutionIds),
        // Only what adjudication uses of a person (not the encrypted number): issue 8.
        personIds.length
          ? db
              .query<{ id: string; region_code: string }[]>(
                `SELECT id, region_code FROM insured_person WHERE id = ANY($1::uuid[])`,
                [personIds],
              )
              .then((rows) => rows.map((r): PersonRef => ({ id: r.id, regionCode: r.region_code })))
          : [],
        findByUuids(db, AgreementTermsVersion, 'agreementId', agreementIds),
        findByUuids(db, SpecialStatusPeriod, 'insuredPersonId', personIds),
        this.designationsOf(institutionIds),
        this.designationSuspensionsOf(institutionIds),
      ]);
    const byId = <T extends { id: string }>(rows: readonly T[]) =>
      new Map(rows.map((r) => [r.id, r]));
    const agreementById = byId(agreements);
    const institutionById = byId(institutions);
    const personById = byId(persons);
    const terms = criticalIllnessTerms(versions, agreementById);

    // Looked up per input: grouped once (issue 8: filtering the batch's rows for each of its inputs was quadratic).
    const versionsByAgreement = groupBy(versions, (v) => v.agreementId);
    const statusesByPerson = groupBy(statuses, (s) => s.insuredPersonId);
    const designationsByInstitution = groupBy(designations, (d) => d.partyBId);
    const suspensionsByAgreement = groupBy(suspensions, (s) => s.agreementId);
    const out: (Prepared | DomainError)[] = [];
    const dueDates = new Map<string, string>();
    for (let index = 0; index < inputs.length; index++) {
      const input = inputs[index]!;
      const a = at(index);
      try {
        const checked = checkClaimInput(input, a);
        const agreement = agreementById.get(input.agreementId);
        if (!agreement || (user.role === Role.INSURER && agreement.partyBId !== user.org)) {
          throw notFound('Agreement', `${a}.agreementId`);
        }
        if (agreement.kind !== AgreementKind.CRITICAL_ILLNESS) {
          throw badInput(
            `${a}.agreementId`,
            'claims are submitted under a CRITICAL_ILLNESS agreement',
          );
        }
        const institution = institutionById.get(input.institutionId);
        if (!institution || (user.role === Role.INSTITUTION && institution.id !== user.org)) {
          throw notFound('Institution', `${a}.institutionId`);
        }
        if (institution.kind !== OrganizationKind.MEDICAL_INSTITUTION) {
          throw badInput(`${a}.institutionId`, 'the institution must be a MEDICAL_INSTITUTION');
        }
        const person = personById.get(input.insuredPersonId);
        if (!person || !coversRegion(user, person.regionCode)) {
          throw notFound('Insured person', `${a}.insuredPersonId`);
        }
        if (!matchesPrefix(person.regionCode, agreement.coveredRegions.map(regionPrefix))) {
          throw badInput(
            `${a}.insuredPersonId`,
            'the person’s region is not covered by the agreement',
          );
        }
        if (
          input.dischargeDate < agreement.effectiveFrom ||
          input.dischargeDate > agreement.effectiveTo
        ) {
          throw badInput(
            `${a}.dischargeDate`,
            `the discharge date lies outside the agreement's term (${agreement.effectiveFrom} to ${agreement.effectiveTo})`,
          );
        }
        const version = termsVersionOn(
          versionsByAgreement.get(agreement.id) ?? [],
          input.dischargeDate,
        );
        const value = version && terms.get(version.id);
        if (!version || !value) {
          throw new Error(`Agreement ${agreement.id} has no terms version`);
        }
        const status = specialStatusOn(
          statusesByPerson.get(person.id) ?? [],
          input.dischargeDate,
          SpecialStatus.NONE,
        );
        const scheduleKind =
          status === SpecialStatus.NONE ? ScheduleKind.GENERAL : ScheduleKind.PREFERENTIAL;
        const days =
          input.channel === ClaimChannel.DIRECT
            ? value.directPaymentWorkingDays
            : value.manualPaymentWorkingDays;
        // Many inputs of a batch share a declaration day: count its working days once (issue 8).
        const dueKey = `${input.declaredOn}|${days}`;
        let dueOn = dueDates.get(dueKey);
        if (dueOn === undefined) {
          dueOn = await this.calendar.addWorkingDays(input.declaredOn, days, `${a}.declaredOn`);
          dueDates.set(dueKey, dueOn);
        }
        const rejection = designationGate(
          (designationsByInstitution.get(institution.id) ?? []).map((d) => ({
            ...d,
            suspensions: suspensionsByAgreement.get(d.id) ?? [],
          })),
          input.dischargeDate,
        );
        out.push({
          index,
          at: a,
          input,
          checked,
          person,
          year: yearOf(input.dischargeDate),
          termsVersionId: version.id,
          scheduleKind,
          schedule: scheduleOf(value, scheduleKind),
          dueOn,
          payloadHash: payloadHashOf(input, checked),
          rejection,
        });
      } catch (e) {
        if (!(e instanceof DomainError)) {
          throw e;
        }
        out.push(e);
      }
    }
    return out;
  }

  /**
   * Adjudicates one chunk in one transaction (rules.md §3.3, issue 4 item 3): creates the accumulators it needs
   * without a race (`INSERT … ON CONFLICT DO NOTHING`), locks them in (person, year) order (`SELECT … FOR UPDATE`), then
   * for each input in list order claims its idempotency key — an existing key answers the first claim (same payload)
   * or `CONFLICT` (another payload) — computes the benefit from the locked balance, and appends the claim and its
   * ledger entry; finally writes the new balances and one audit row.
   */
  private async adjudicate(
    actor: AuditActor,
    chunk: readonly Prepared[],
    operation: string,
  ): Promise<ClaimOutcome[]> {
    const found: { k: number; claimId: string }[] = [];
    const results = await this.db.transaction(async (em) => {
      const balances = await lockAccumulators(
        em,
        chunk.map((p) => ({ personId: p.person.id, year: p.year })),
      );
      const outcomes: (ClaimOutcome | undefined)[] = [];
      const claims: Claim[] = [];
      const entries: Partial<LedgerEntry>[] = [];
      const keys = await claimKeys(em, chunk);
      for (const [k, p] of chunk.entries()) {
        const key = keys[k]!;
        if (key.claimId !== undefined) {
          // Submitted before (committed, or earlier in this chunk): the first claim, or CONFLICT for another payload.
          if (key.payloadHash.equals(p.payloadHash)) {
            found.push({ k, claimId: key.claimId });
          } else {
            outcomes[k] = {
              error: conflict(
                'This settlement number of the institution was submitted with other data',
                `${p.at}.settlementNumber`,
              ),
            };
          }
          continue;
        }
        const claimId = key.newClaimId;
        const balance = balances.get(`${p.person.id}|${p.year}`)!;
        const claim = this.newClaim(claimId, p, balance);
        claims.push(claim);
        outcomes[k] = { claim, created: true };
        if (claim.status !== ClaimStatus.REJECTED) {
          entries.push({
            insuredPersonId: p.person.id,
            year: p.year,
            claimId,
            kind: 'CLAIM',
            eligibleDelta: p.checked.eligible,
            benefitDelta: claim.benefit,
            cumulativeBefore: claim.cumulativeBefore,
            cumulativeAfter: claim.cumulativeAfter,
            reason: null,
          });
          balance.eligibleTotal = claim.cumulativeAfter;
          balance.benefitTotal = balance.benefitTotal.plus(claim.benefit);
          balance.entryCount += 1;
          balance.changed = true;
        }
      }
      await insertMany(em, Claim, claims);
      await insertMany(em, LedgerEntry, entries);
      await writeBalances(
        em,
        [...balances.values()].filter((b) => b.changed),
      );
      if (claims.length) {
        await this.audit.record(
          em,
          actor,
          operation,
          claims.map((c) => c.id),
          chunk.map((p) => p.input),
          claims.map((c) => c.regionCode),
        );
      }
      return outcomes;
    });
    if (found.length) {
      const existing = await this.db.getRepository(Claim).findBy({
        id: In(found.map((f) => f.claimId)),
      });
      for (const f of found) {
        const claim = existing.find((c) => c.id === f.claimId);
        if (!claim) {
          throw new Error(`Idempotency key names a missing claim ${f.claimId}`);
        }
        results[f.k] = { claim, created: false };
      }
    }
    return chunk.map((_, k) => {
      const r = results[k];
      if (!r) {
        throw new Error('a chunk input has no outcome');
      }
      return r;
    });
  }

  private newClaim(id: string, p: Prepared, balance: Balance): Claim {
    const base = {
      id,
      insuredPersonId: p.person.id,
      agreementId: p.input.agreementId,
      institutionId: p.input.institutionId,
      settlementNumber: p.checked.settlementNumber,
      channel: p.input.channel,
      admissionDate: p.input.admissionDate,
      dischargeDate: p.input.dischargeDate,
      declaredOn: p.input.declaredOn,
      ...p.checked.components,
      eligibleSelfPay: p.checked.eligible,
      schedule: p.scheduleKind,
      termsVersionId: p.termsVersionId,
      accumulatorYear: p.year,
      paymentDueOn: p.dueOn,
      paidOn: null,
      regionCode: p.person.regionCode,
      payloadHash: p.payloadHash,
    };
    if (p.rejection) {
      return Object.assign(new Claim(), base, {
        cumulativeBefore: balance.eligibleTotal,
        cumulativeAfter: balance.eligibleTotal,
        bands: [],
        benefit: ZERO,
        status: ClaimStatus.REJECTED,
        rejectionReason: p.rejection,
      });
    }
    const result = claimBenefit({
      schedule: p.schedule,
      cumulativeBefore: balance.eligibleTotal,
      eligible: p.checked.eligible,
      benefitsRecorded: balance.benefitTotal,
    });
    return Object.assign(new Claim(), base, {
      cumulativeBefore: result.cumulativeBefore,
      cumulativeAfter: result.cumulativeAfter,
      bands: storedBands(result.bands),
      benefit: result.benefit,
      status: ClaimStatus.ADJUDICATED,
      rejectionReason: null,
    });
  }
}

/** A locked accumulator's balance while a transaction works on it. */
export interface Balance {
  readonly personId: string;
  readonly year: number;
  eligibleTotal: Decimal;
  benefitTotal: Decimal;
  entryCount: number;
  changed: boolean;
}

/**
 * Creates the missing accumulators and locks all of `keys` in (person, year) order, so that two transactions locking
 * overlapping sets never deadlock; answers their balances by `person|year`.
 */
/** A chunk input's idempotency key: new (its claim gets `newClaimId`), or held by `claimId` with `payloadHash`. */
type ClaimKey =
  | { readonly claimId: undefined; readonly newClaimId: string }
  | { readonly claimId: string; readonly payloadHash: Buffer };

/**
 * Claims the idempotency keys of a chunk in one statement (issue 4 item 4; one round trip per chunk, issue 8): each
 * key's first input in the chunk is inserted (`ON CONFLICT DO NOTHING`); a later input with the same key meets the
 * first one's claim, and a key committed before is read back in one more statement.
 */
async function claimKeys(em: EntityManager, chunk: readonly Prepared[]): Promise<ClaimKey[]> {
  const keyOf = (p: Prepared) => `${p.input.institutionId}|${p.checked.settlementNumber}`;
  const first = new Map<string, number>();
  chunk.forEach((p, k) => {
    if (!first.has(keyOf(p))) {
      first.set(keyOf(p), k);
    }
  });
  const firsts = [...first.values()].map((k) => ({ k, p: chunk[k]!, claimId: randomUUID() }));
  const inserted = new Set(
    (
      await em.query<{ institution_id: string; settlement_number: string }[]>(
        `INSERT INTO claim_idempotency (institution_id, settlement_number, insured_person_id, claim_id, payload_hash)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::bytea[])
         ON CONFLICT DO NOTHING RETURNING institution_id, settlement_number`,
        [
          firsts.map((f) => f.p.input.institutionId),
          firsts.map((f) => f.p.checked.settlementNumber),
          firsts.map((f) => f.p.person.id),
          firsts.map((f) => f.claimId),
          firsts.map((f) => f.p.payloadHash),
        ],
      )
    ).map((r) => `${r.institution_id}|${r.settlement_number}`),
  );
  const held = firsts.filter((f) => !inserted.has(keyOf(f.p)));
  const committed = new Map(
    (held.length
      ? await em.query<
          {
            institution_id: string;
            settlement_number: string;
            claim_id: string;
            payload_hash: Buffer;
          }[]
        >(
          `SELECT k.institution_id, k.settlement_number, k.claim_id, k.payload_hash
           FROM claim_idempotency k JOIN unnest($1::uuid[], $2::text[]) AS u (i, s)
             ON k.institution_id = u.i AND k.settlement_number = u.s`,
          [held.map((f) => f.p.input.institutionId), held.map((f) => f.p.checked.settlementNumber)],
        )
      : []
    ).map((r) => [`${r.institution_id}|${r.settlement_number}`, r]),
  );
  const newIds = new Map(firsts.map((f) => [f.k, f.claimId]));
  return chunk.map((p, k): ClaimKey => {
    const key = keyOf(p);
    const earlier = committed.get(key);
    if (earlier) {
      return { claimId: earlier.claim_id, payloadHash: earlier.payload_hash };
    }
    const f = first.get(key)!;
    return f === k
      ? { claimId: undefined, newClaimId: newIds.get(k)! }
      : { claimId: newIds.get(f)!, payloadHash: chunk[f]!.payloadHash };
  });
}

/** Writes the changed balances of a chunk in one statement. */
async function writeBalances(em: EntityManager, changed: readonly Balance[]): Promise<void> {
  if (changed.length === 0) {
    return;
  }
  await em.query(
    `UPDATE accumulator a
     SET eligible_total = u.e, benefit_total = u.b, entry_count = u.n, updated_at = now()
     FROM unnest($1::uuid[], $2::int[], $3::numeric[], $4::numeric[], $5::int[]) AS u (p, y, e, b, n)
     WHERE a.insured_person_id = u.p AND a.year = u.y`,
    [
      changed.map((b) => b.personId),
      changed.map((b) => b.year),
      changed.map((b) => b.eligibleTotal.toFixed(2)),
      changed.map((b) => b.benefitTotal.toFixed(2)),
      changed.map((b) => b.entryCount),
    ],
  );
}

export async function lockAccumulators(
  em: EntityManager,
  keys: readonly { personId: string; year: number }[],
): Promise<Map<string, Balance>> {
  const unique = [...new Map(keys.map((k) => [`${k.personId}|${k.year}`, k])).values()].sort(
    (a, b) => a.personId.localeCompare(b.personId) || a.year - b.year,
  );
  const persons = unique.map((k) => k.personId);
  const years = unique.map((k) => k.year);
  await em.query(
    `INSERT INTO accumulator (insured_person_id, year)
     SELECT p, y FROM unnest($1::uuid[], $2::int[]) AS k (p, y) ORDER BY p, y
     ON CONFLICT DO NOTHING`,
    [persons, years],
  );
  const rows = await em.query<
    {
      insured_person_id: string;
      year: number;
      eligible_total: string;
      benefit_total: string;
      entry_count: number;
    }[]
  >(
    `SELECT a.insured_person_id, a.year, a.eligible_total, a.benefit_total, a.entry_count
     FROM accumulator a JOIN unnest($1::uuid[], $2::int[]) AS k (p, y)
       ON a.insured_person_id = k.p AND a.year = k.y
     ORDER BY a.insured_person_id, a.year
     FOR UPDATE OF a`,
    [persons, years],
  );
  return new Map(
    rows.map((r) => [
      `${r.insured_person_id}|${r.year}`,
      {
        personId: r.insured_person_id,
        year: Number(r.year),
        eligibleTotal: new Money(r.eligible_total),
        benefitTotal: new Money(r.benefit_total),
        entryCount: Number(r.entry_count),
        changed: false,
      },
    ]),
  );
}
