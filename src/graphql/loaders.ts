import DataLoader from 'dataloader';
import type { AgreementSuspension } from '../domain/agreement/agreement-suspension.entity';
import type { Agreement } from '../domain/agreement/agreement.entity';
import type { AgreementStandingValue } from '../domain/agreement/rules/agreement-standing.rule';
import type { AgreementTermsVersion } from '../domain/agreement/terms/agreement-terms.entity';
import type { Claim } from '../domain/claim/claim.entity';
import type { ClaimReviewProposal } from '../domain/claim/claim-review-proposal.entity';
import type { Accumulator, ClaimAdjustment } from '../domain/claim/claim.types';
import type { AccumulatorRead } from '../domain/claim/ledger-query.service';
import type { AuditItem } from '../domain/handling/quarterly-audit.entity';
import type { InsuredPerson } from '../domain/insured-person/insured-person.entity';
import type { IdNumberRead } from '../domain/insured-person/insured-person.service';
import type { SpecialStatusPeriod } from '../domain/insured-person/special-status-period.entity';
import type { Organization } from '../domain/organization/organization.entity';
import type { InspectionFinding } from '../domain/penalty/inspection.entity';
import type { Penalty } from '../domain/penalty/penalty.entity';
import type { PenaltyPayment } from '../domain/penalty/rules/penalty-dates.rule';
import type { Services } from '../services';
import { lazily } from '../shared/batching';
import type { Caller } from '../shared/caller';

/** Who a request is for, as the loaders that log or scope by caller need it. */
export interface LoaderCaller {
  readonly user?: Caller;
  readonly requestId: string;
}

/** A claim's ledger key from its loader key `personId|claimId`. */
const claimKeyOf = (k: string): { personId: string; claimId: string } => {
  const [personId = '', claimId = ''] = k.split('|');
  return { personId, claimId };
};

/**
 * One DataLoader per relation, made fresh for every request (never shared between requests), when a field first uses
 * it: making all of them for every request cost about 20 µs whatever the query used (docs/performance.md). Each
 * batches one narrow service method that reads many keys in one statement and answers in key order (style.md §5);
 * nothing here reads the database itself.
 */
export const createLoaders = (services: Services, caller: LoaderCaller) =>
  lazily('request loaders', {
    specialStatusesByPersonId: () =>
      new DataLoader<string, SpecialStatusPeriod[]>((ids) =>
        services.persons.specialStatusesOf(ids),
      ),
    /**
     * Full ID numbers (AGENCY and INSURER): a batch of reads is decrypted and logged in one INSERT before any number
     * is answered (InsuredPersonService.revealIdNumbers).
     */
    fullIdNumber: () =>
      new DataLoader<IdNumberRead, string, string>(
        (reads) => {
          if (!caller.user) {
            throw new Error('fullIdNumber used without a caller');
          }
          return services.persons.revealIdNumbers(
            { user: caller.user, requestId: caller.requestId },
            reads,
          );
        },
        { cacheKeyFn: (r) => `${r.operation}\u0000${r.person.id}` },
      ),
    /**
     * Persons' ledgers (`accumulator(year)`): every person of a page in one statement
     * (LedgerQueryService.accumulatorsFor), an INSTITUTION's reads logged in the same batch.
     */
    accumulator: () =>
      new DataLoader<AccumulatorRead, Accumulator, string>(
        (reads) => {
          if (!caller.user) {
            throw new Error('accumulator used without a caller');
          }
          return services.ledgers.accumulatorsFor(
            { user: caller.user, requestId: caller.requestId },
            reads,
          );
        },
        { cacheKeyFn: (r) => `${r.operation}\u0000${r.person.id}\u0000${r.year}` },
      ),
    /** Persons found by a look-up by ID number in this request: the look-up logged them (InsuredPersonResolver). */
    personsLookedUp: () => new Set<string>(),
    organizationById: () =>
      new DataLoader<string, Organization | null>((ids) => services.organizations.byIds(ids)),
    agreementById: () =>
      new DataLoader<string, Agreement | null>((ids) => services.agreements.byIds(ids)),
    insuredPersonById: () =>
      new DataLoader<string, InsuredPerson | null>((ids) => services.persons.byIds(ids)),
    /** Reviews and reversals of claims, keyed `personId|claimId`, oldest first. */
    adjustmentsByClaim: () =>
      new DataLoader<string, ClaimAdjustment[]>((keys) =>
        services.ledgers.adjustmentsOf(keys.map(claimKeyOf)),
      ),
    /**
     * Claims by `personId|claimId`, unscoped: a review proposal's claim. Every proposal scope lies inside the claim scope
     * (review-proposal-query.service.ts), so its reader may read the claim.
     */
    claimByKey: () =>
      new DataLoader<string, Claim | null>((keys) =>
        services.claimQueries.byKeys(keys.map(claimKeyOf)),
      ),
    /** Review proposals of claims the caller may read, keyed `personId|claimId`, oldest first (scoped as the queue). */
    reviewProposalsByClaim: () =>
      new DataLoader<string, ClaimReviewProposal[]>((keys) => {
        if (!caller.user) {
          throw new Error('reviewProposalsByClaim used without a caller');
        }
        return services.reviewProposals.ofClaims(caller.user, keys.map(claimKeyOf));
      }),
    auditItemsByAuditId: () =>
      new DataLoader<string, AuditItem[]>((ids) => services.quarterlyAudits.itemsOf(ids)),
    paymentsByPenaltyId: () =>
      new DataLoader<string, PenaltyPayment[]>((ids) =>
        services.penaltyQueries.paymentsOfMany(ids),
      ),
    findingsByInspectionId: () =>
      new DataLoader<string, InspectionFinding[]>((ids) => services.penaltyQueries.findingsOf(ids)),
    penaltyByInspectionId: () =>
      new DataLoader<string, Penalty | null>((ids) =>
        services.penaltyQueries.penaltiesOfInspections(ids),
      ),
    termsVersionsByAgreementId: () =>
      new DataLoader<string, AgreementTermsVersion[]>((ids) => services.terms.versionsOf(ids)),
    suspensionsByAgreementId: () =>
      new DataLoader<string, AgreementSuspension[]>((ids) =>
        services.agreements.suspensionsOf(ids),
      ),
    /** An agreement's standing (status, continuation, lapse: rules.md §3.5, §7.3), keyed by the agreement's id. */
    standingByAgreement: () =>
      new DataLoader<Agreement, AgreementStandingValue, string>(
        (agreements) => services.agreementStandings.standingsOf(agreements),
        { cacheKeyFn: (a) => a.id },
      ),
  });

export type Loaders = ReturnType<typeof createLoaders>;
