import {
  AgreementSuspension,
  AgreementSuspensionContinuation,
} from '../domain/agreement/agreement-suspension.entity';
import { Agreement } from '../domain/agreement/agreement.entity';
import { AgreementTermsVersion } from '../domain/agreement/terms/agreement-terms.entity';
import { AuditTrailEntry } from '../domain/audit-trail/audit-trail.entity';
import { CalendarDay, CalendarYear } from '../domain/calendar/calendar-day.entity';
import { Claim } from '../domain/claim/claim.entity';
import { ClaimReviewProposal } from '../domain/claim/claim-review-proposal.entity';
import { AccumulatorRow, ClaimIdempotencyKey, LedgerEntry } from '../domain/claim/ledger.entity';
import { AuditItem, QuarterlyAudit } from '../domain/handling/quarterly-audit.entity';
import { Inspection, InspectionFinding } from '../domain/penalty/inspection.entity';
import { Penalty } from '../domain/penalty/penalty.entity';
import { InsuredPerson } from '../domain/insured-person/insured-person.entity';
import { PersonAccessLogEntry } from '../domain/insured-person/person-access-log.entity';
import { SpecialStatusPeriod } from '../domain/insured-person/special-status-period.entity';
import { Organization } from '../domain/organization/organization.entity';
import { Region } from '../domain/region/region.entity';

/** Every entity, listed (not globbed) so the same list works from `src` under jest and from `dist`. */
export const entities = [
  Organization,
  Agreement,
  AgreementTermsVersion,
  AgreementSuspension,
  AgreementSuspensionContinuation,
  InsuredPerson,
  SpecialStatusPeriod,
  PersonAccessLogEntry,
  Claim,
  AccumulatorRow,
  LedgerEntry,
  ClaimIdempotencyKey,
  ClaimReviewProposal,
  QuarterlyAudit,
  AuditItem,
  Inspection,
  InspectionFinding,
  Penalty,
  CalendarDay,
  CalendarYear,
  AuditTrailEntry,
  Region,
];
