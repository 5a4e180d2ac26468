import type { DataSource } from 'typeorm';
import { AgreementService } from './domain/agreement/agreement.service';
import { AuditTrailService } from './domain/audit-trail/audit-trail.service';
import { CalendarService } from './domain/calendar/calendar.service';
import { OrganizationService } from './domain/organization/organization.service';
import type { Clock } from './shared/clock';
import type { Logger } from './shared/logger';

export interface ServiceDeps {
  readonly db: DataSource;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Every service of one running server, wired by hand (no DI framework: style.md §15). */
export const createServices = ({ db, clock, logger }: ServiceDeps) => {
  const audit = new AuditTrailService();
  return {
    audit,
    organizations: new OrganizationService(db, audit),
    calendar: new CalendarService(db, audit, clock, logger),
    agreements: new AgreementService(db, audit, clock),
  };
};

export type Services = ReturnType<typeof createServices>;
