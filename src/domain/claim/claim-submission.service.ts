import { In, type DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { withRetry } from '../../shared/db-errors';
import { badInput, conflict, DomainError } from '../../shared/domain-error';
import { ZERO } from '../../shared/money';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import type { CalendarService } from '../calendar/calendar.service';
import type { DueDate } from '../calendar/rules/working-days.rule';
import { ClaimIntake, type PreparedClaim } from './claim-intake';
import { storedBands } from './claim-mappers';
import { Claim } from './claim.entity';
import { ClaimStatus } from './claim.enums';
import type { SubmitClaimInput } from './claim.inputs';
import type { BatchError } from './claim.types';
import type { LedgerEntry } from './ledger.entity';
import {
  appendToLedger,
  claimIdempotencyKeys,
  lockAccumulators,
  type Balance,
} from './ledger.store';
import { claimBenefit } from './rules/claim-benefit.rule';

/** The most inputs one `submitClaims` takes (docs/security.md, "batch size"). */
export const MAX_BATCH = 1000;
/** Inputs adjudicated per transaction: locks are held for one chunk, and a crash loses at most the open chunk. */
export const CHUNK = 200;

/** The outcome of one input: its claim, or why it was refused. */
export type ClaimOutcome =
  | {
      readonly claim: Claim;
      /** false: the first claim of a repeated submission */ readonly created: boolean;
    }
  | { readonly error: DomainError };

/**
 * Submitting critical-illness claims (rules.md §3): each input through the intake (checks against stored data, the
 * designation gate: claim-intake.ts), then adjudicated on the person's annual ledger under a row lock — the benefit
 * from the rule (`claimBenefit`), the claim and its ledger entry appended through the ledger store (ledger.store.ts),
 * idempotent by (institution, settlement number) — with one audit row per transaction.
 */
export class ClaimSubmissionService {
  private readonly intake: ClaimIntake;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {
    this.intake = new ClaimIntake(db, calendar);
  }

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
    const today = this.clock.today();
    const prepared = await this.intake.prepare(actor.user, inputs, at, today);
    const ready: PreparedClaim[] = [];
    prepared.forEach((p, i) => {
      if (p instanceof DomainError) {
        outcomes[i] = { error: p };
      } else {
        ready.push(p);
      }
    });
    for (let from = 0; from < ready.length; from += CHUNK) {
      const chunk = ready.slice(from, from + CHUNK);
      const results = await withRetry(() => this.adjudicate(actor, chunk, operation, today));
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

  /**
   * Adjudicates one chunk in one transaction (rules.md §3.3): creates the accumulators it needs without a race
   * (`INSERT … ON CONFLICT DO NOTHING`), locks them in (person, year) order (`SELECT … FOR UPDATE`), then for each input
   * in list order claims its idempotency key — an existing key answers the first claim (same payload) or `CONFLICT`
   * (another payload) — computes the benefit from the locked balance (`claimBenefit`), and appends the claim and its
   * ledger entry (applied on `today`, the day it is adjudicated); finally writes the new balances and one audit row.
   */
  private async adjudicate(
    actor: AuditActor,
    chunk: readonly PreparedClaim[],
    operation: string,
    today: string,
  ): Promise<ClaimOutcome[]> {
    const found: { k: number; claimId: string }[] = [];
    const results = await this.db.transaction(async (em) => {
      // The payment due dates are counted on the calendar in force, after any load in progress (rules.md §3.6).
      const cal = await this.calendar.currentIn(em);
      const balances = await lockAccumulators(
        em,
        chunk.map((p) => ({ personId: p.person.id, year: p.year })),
      );
      const outcomes: (ClaimOutcome | undefined)[] = [];
      const claims: Claim[] = [];
      const entries: Partial<LedgerEntry>[] = [];
      const keys = await claimIdempotencyKeys(
        em,
        chunk.map((p) => ({
          institutionId: p.input.institutionId,
          settlementNumber: p.checked.settlementNumber,
          personId: p.person.id,
          payloadHash: p.payloadHash,
        })),
      );
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
        const due = this.calendar.countOn(
          cal,
          p.input.declaredOn,
          p.paymentWorkingDays,
          `${p.at}.declaredOn`,
        );
        const claim = this.newClaim(claimId, p, balance, due);
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
            appliedOn: today,
          });
          balance.eligibleTotal = claim.cumulativeAfter;
          balance.benefitTotal = balance.benefitTotal.plus(claim.benefit);
          balance.entryCount += 1;
          balance.changed = true;
        }
      }
      await appendToLedger(em, claims, entries, balances.values());
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

  private newClaim(id: string, p: PreparedClaim, balance: Balance, due: DueDate): Claim {
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
      paymentDueOn: due.date,
      paymentDueProvisional: due.provisional,
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
