import type { DataSource } from 'typeorm';
import { AgreementService } from './domain/agreement/agreement.service';
import { AgreementStandingService } from './domain/agreement/agreement-standing.service';
import { AgreementTermsService } from './domain/agreement/terms/agreement-terms.service';
import { AuditTrailService } from './domain/audit-trail/audit-trail.service';
import { CalendarService } from './domain/calendar/calendar.service';
import { OrganizationService } from './domain/organization/organization.service';
import type { Config } from './config';
import { ClaimAdjustmentService } from './domain/claim/claim-adjustment.service';
import { ClaimQueryService } from './domain/claim/claim-query.service';
import { LedgerQueryService } from './domain/claim/ledger-query.service';
import { ReviewProposalQueryService } from './domain/claim/review-proposal-query.service';
import { ClaimSubmissionService } from './domain/claim/claim-submission.service';
import { FundService } from './domain/fund/fund.service';
import { InterviewService } from './domain/fund/interview.service';
import { HandlingService } from './domain/handling/handling.service';
import { QuarterlyAuditService } from './domain/handling/quarterly-audit.service';
import { StaffingService } from './domain/handling/staffing.service';
import { PenaltyQueryService } from './domain/penalty/penalty-query.service';
import { PenaltyService } from './domain/penalty/penalty.service';
import { MonthlyReportService } from './domain/report/monthly-report.service';
import { InsuredPersonService } from './domain/insured-person/insured-person.service';
import { PersonAccessLog } from './domain/insured-person/person-access-log';
import { RegionService } from './domain/region/region.service';
import { CriticalIllnessStatementService } from './domain/settlement/critical-illness-statement.service';
import type { Clock } from './shared/clock';
import { PiiCipher } from './shared/pii-cipher';
import { SlidingWindowLimiter } from './shared/rate-limiter';
import type { Logger } from './shared/logger';

export interface ServiceDeps {
  readonly db: DataSource;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: Pick<
    Config,
    'piiEncKey' | 'piiHmacKey' | 'piiEncKeysPrevious' | 'idLookupsPerMinute'
  >;
}

/** Every service of one running server, wired by hand (no DI framework: style.md §15). */
export const createServices = ({ db, clock, logger, config }: ServiceDeps) => {
  const audit = new AuditTrailService(db);
  const terms = new AgreementTermsService(db, audit, clock);
  const calendar = new CalendarService(db, audit, clock, logger);
  const agreements = new AgreementService(db, audit, clock, terms);
  const staffing = new StaffingService(db, audit, clock, terms, agreements);
  const interviews = new InterviewService(db, audit, terms, agreements, calendar, staffing, clock);
  const penaltyQueries = new PenaltyQueryService(db, clock);
  const accessLog = new PersonAccessLog(db);
  return {
    audit,
    terms,
    organizations: new OrganizationService(db, audit),
    calendar,
    agreements,
    agreementStandings: new AgreementStandingService(db, audit, clock, agreements, terms),
    persons: new InsuredPersonService(
      db,
      audit,
      clock,
      new PiiCipher(config.piiEncKey, config.piiHmacKey, config.piiEncKeysPrevious),
      accessLog,
      new SlidingWindowLimiter(config.idLookupsPerMinute, 60_000, () => clock.now().getTime()),
    ),
    claims: new ClaimSubmissionService(db, audit, calendar, clock),
    claimQueries: new ClaimQueryService(db),
    ledgers: new LedgerQueryService(db, clock, terms, accessLog),
    claimAdjustments: new ClaimAdjustmentService(db, audit, clock),
    reviewProposals: new ReviewProposalQueryService(db),
    handling: new HandlingService(db, audit, clock, terms, agreements),
    quarterlyAudits: new QuarterlyAuditService(db, audit, terms, agreements),
    staffing,
    interviews,
    penalties: new PenaltyService(db, audit, clock, terms, agreements, calendar, penaltyQueries),
    penaltyQueries,
    fund: new FundService(db, audit, terms, agreements, calendar),
    monthlyReports: new MonthlyReportService(db, clock, agreements, interviews),
    regions: new RegionService(db),
    criticalIllnessStatements: new CriticalIllnessStatementService(db, clock),
  };
};

export type Services = ReturnType<typeof createServices>;
