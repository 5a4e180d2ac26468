import { Init1763800000000 } from './1763800000000-Init';
import { SeedCalendar1763800000001 } from './1763800000001-SeedCalendar';
import { Agreements1763800000002 } from './1763800000002-Agreements';

/** Every migration in order. Merged migrations are immutable history: fix forward (style.md §8). */
export const migrations = [Init1763800000000, SeedCalendar1763800000001, Agreements1763800000002];
