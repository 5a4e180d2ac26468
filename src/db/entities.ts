import { Agreement } from '../domain/agreement/agreement.entity';
import { AuditTrailEntry } from '../domain/audit-trail/audit-trail.entity';
import { CalendarDay, CalendarYear } from '../domain/calendar/calendar-day.entity';
import { Organization } from '../domain/organization/organization.entity';

/** Every entity, listed (not globbed) so the same list works from `src` under jest and from `dist`. */
export const entities = [Organization, Agreement, CalendarDay, CalendarYear, AuditTrailEntry];
