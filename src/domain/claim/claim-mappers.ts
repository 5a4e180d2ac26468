import type { CriticalIllnessTermsValue } from '../agreement/terms/terms.model';
import { Money } from '../../shared/money';
import type { StoredBand } from './claim.entity';
import { ScheduleKind } from './claim.enums';
import type { Schedule } from './rules/benefit.rule';
import type { BandAmount } from './rules/claim-benefit.rule';

/*
 * Mappers between the claim's stored forms and the values the rules take (rules.md §3.2–3.3): which schedule of the
 * terms a claim is adjudicated on, and its band breakdown as stored (exact strings) and as decimals.
 */

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
