import { Init1763800000000 } from './1763800000000-Init';
import { SeedCalendar1763800000001 } from './1763800000001-SeedCalendar';
import { Agreements1763800000002 } from './1763800000002-Agreements';
import { AgreementTerms1763800000003 } from './1763800000003-AgreementTerms';
import { InsuredPersons1763800000004 } from './1763800000004-InsuredPersons';
import { Claims1763800000005 } from './1763800000005-Claims';
import { ViolationCatalogue1763800000006 } from './1763800000006-ViolationCatalogue';
import { Economics1763800000007 } from './1763800000007-Economics';
import { Penalties1763800000008 } from './1763800000008-Penalties';
import { AuditTrailRegions1763800000009 } from './1763800000009-AuditTrailRegions';
import { DistributionKeys1763800000010 } from './1763800000010-DistributionKeys';
import { AdjustmentIndex1763800000011 } from './1763800000011-AdjustmentIndex';
import { Regions1763800000012 } from './1763800000012-Regions';
import { RuleCorrections1763800000040 } from './1763800000040-RuleCorrections';
import { SuspensionsFromDayAfterNotice1763800000041 } from './1763800000041-SuspensionsFromDayAfterNotice';
import { EventDates1763800000050 } from './1763800000050-EventDates';
import { IdNumberMasks1763800001600 } from './1763800001600-IdNumberMasks';
import { UnmatchedIdLookups1763800001601 } from './1763800001601-UnmatchedIdLookups';

/** Every migration in order. Merged migrations are immutable history: fix forward (style.md §8). */
export const migrations = [
  Init1763800000000,
  SeedCalendar1763800000001,
  Agreements1763800000002,
  AgreementTerms1763800000003,
  InsuredPersons1763800000004,
  Claims1763800000005,
  ViolationCatalogue1763800000006,
  Economics1763800000007,
  Penalties1763800000008,
  AuditTrailRegions1763800000009,
  DistributionKeys1763800000010,
  AdjustmentIndex1763800000011,
  Regions1763800000012,
  RuleCorrections1763800000040,
  SuspensionsFromDayAfterNotice1763800000041,
  EventDates1763800000050,
  IdNumberMasks1763800001600,
  UnmatchedIdLookups1763800001601,
];
