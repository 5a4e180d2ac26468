import type { DataSource } from 'typeorm';
import { AgreementService } from './domain/agreement/agreement.service';
import { AgreementTermsService } from './domain/agreement/terms/agreement-terms.service';
import { AuditTrailService } from './domain/audit-trail/audit-trail.service';
import { CalendarService } from './domain/calendar/calendar.service';
import { OrganizationService } from './domain/organization/organization.service';
import type { Config } from './config';
import { InsuredPersonService } from './domain/insured-person/insured-person.service';
import type { Clock } from './shared/clock';
import { PiiCipher } from './shared/pii-cipher';
import type { Logger } from './shared/logger';

export interface ServiceDeps {
  readonly db: DataSource;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: Pick<Config, 'piiEncKey' | 'piiHmacKey'>;
}

/** Every service of one running server, wired by hand (no DI framework: style.md §15). */
export const createServices = ({ db, clock, logger, config }: ServiceDeps) => {
  const audit = new AuditTrailService();
  const terms = new AgreementTermsService(db, audit, clock);
  return {
    audit,
    terms,
    organizations: new OrganizationService(db, audit),
    calendar: new CalendarService(db, audit, clock, logger),
    agreements: new AgreementService(db, audit, clock, terms),
    persons: new InsuredPersonService(
      db,
      audit,
      clock,
      new PiiCipher(config.piiEncKey, config.piiHmacKey),
    ),
  };
};

export type Services = ReturnType<typeof createServices>;
