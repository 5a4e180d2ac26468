import type Decimal from 'decimal.js';

import { badInput } from '../../../shared/domain-error';
import { Money, roundToCents, ZERO } from '../../../shared/money';
import type { DamagesRangeTerm, InstitutionTermsValue } from '../../agreement/terms/terms.model';
import { BreachTier } from '../breach-tier.enum';
import { suspensionPeriod } from './suspension-period.rule';
import type { ViolationTierResult } from './violation-tier.rule';

/** What the agency does (rules.md §7.2), in this order. */
export const PENALTY_ACTIONS = [
  'INTERVIEW',
  'RECTIFICATION',
  'WITHHOLD',
  'RECOVER',
  'REFUND',
  'SUSPEND',
  'TERMINATE',
  'PUBLISH',
] as const;
export type PenaltyAction = (typeof PENALTY_ACTIONS)[number];

export interface PenaltyAmountInput {
  /** The breach as {@link violationTier} placed it; `baseTier` is its tier before escalation. */
  readonly breach: Pick<
    ViolationTierResult,
    'tier' | 'baseTier' | 'lenient' | 'needsOfficerDecision' | 'escalatedBy'
  >;
  /**
   * 违规费用 (annex 16): what the fund paid or would pay; `null` or 0: no amount involved. Not the amount involved
   * (涉及金额) that placed the breach: recovery and damages are on this one (rules.md §7.2).
   */
  readonly violatingAmount: Decimal | null;
  /** Occurrences, for the 1 000 yuan per occurrence of a serious breach with no amount (art. 64); default 1. */
  readonly occurrences?: number | null;
  /** Damages multiple `k`; default the lowest of the tier's range. */
  readonly multiplier?: Decimal | null;
  /** SEVERE only: months of suspension, 1 to the terms' maximum; 0 or absent: none. */
  readonly suspensionMonths?: number | null;
  /** The day the institution received the notice (rules.md §7.4). */
  readonly noticeOn: string;
  readonly terms: Pick<
    InstitutionTermsValue,
    'nonFeeDamagesPerOccurrence' | 'damagesRanges' | 'maxSuspensionMonths'
  >;
}

export interface PenaltyAmounts {
  /** The violating amount recovered, or refunded by a self-reporting institution; 0 where there is none. */
  readonly recoveredAmount: Decimal;
  readonly damages: Decimal;
  /** recoveredAmount + damages. */
  readonly totalDue: Decimal;
  /** The `k` applied to the violating amount; `null` where damages are not a multiple of it. */
  readonly multiplier: Decimal | null;
  readonly actions: readonly PenaltyAction[];
  readonly needsOfficerDecision: boolean;
  /**
   * The damages are those of the tier before escalation, because the escalated tier would charge less (rules.md
   * §7.3: escalation never lowers the money); the penalty is then flagged for an officer's decision about more.
   */
  readonly damagesFromBaseTier: boolean;
  /** First and last day of the suspension (both included), SEVERE only: the day after the notice to N months after it. */
  readonly suspensionFrom: string | null;
  readonly suspensionTo: string | null;
  /** The day the agreement is terminated (the notice date), GRAVE only. */
  readonly terminatedOn: string | null;
}

const hasDamagesRange = (tier: BreachTier): boolean =>
  tier === BreachTier.SERIOUS || tier === BreachTier.SEVERE || tier === BreachTier.GRAVE;

const checkViolatingAmount = (amount: Decimal | null): Decimal | null => {
  if (amount === null) {
    return null;
  }
  if (!amount.isFinite() || amount.isNegative()) {
    throw badInput('input.violatingAmount', 'The violating amount must be at least 0');
  }
  if (amount.decimalPlaces() > 2) {
    throw badInput('input.violatingAmount', 'The violating amount has at most two decimals');
  }
  return amount.isZero() ? null : roundToCents(amount);
};

const checkOccurrences = (occurrences: number | null | undefined): number => {
  const n = occurrences ?? 1;
  if (!Number.isInteger(n) || n < 1) {
    throw badInput('input.occurrences', 'Occurrences must be a whole number of at least 1');
  }
  return n;
};

type Terms = PenaltyAmountInput['terms'];

const rangeOf = (terms: Terms, tier: BreachTier): DamagesRangeTerm | undefined =>
  hasDamagesRange(tier) ? terms.damagesRanges.find((r) => r.tier === (tier as string)) : undefined;

/** `k` within the tier's range, default its lowest (arts. 64–66); refused outside it or where no damages apply. */
const multiplierFor = (input: PenaltyAmountInput): Decimal | null => {
  const { tier, lenient } = input.breach;
  const range = lenient ? undefined : rangeOf(input.terms, tier);
  const given = input.multiplier ?? null;
  if (!range) {
    if (given !== null) {
      throw badInput(
        'input.multiplier',
        lenient
          ? 'A self-reported breach carries no damages (art. 72)'
          : `A ${tier} breach carries no damages`,
      );
    }
    return null;
  }
  if (
    given !== null &&
    (!given.isFinite() ||
      given.lessThan(range.minMultiplier) ||
      given.greaterThan(range.maxMultiplier))
  ) {
    throw badInput(
      'input.multiplier',
      `The multiplier of a ${tier} breach lies between ${range.minMultiplier.toString()} and ${range.maxMultiplier.toString()}`,
    );
  }
  return new Money(given ?? range.minMultiplier);
};

/** The suspension months asked for: 0 for none; refused outside 1..max or for a breach that cannot be suspended. */
const checkSuspension = (input: PenaltyAmountInput): number => {
  const months = input.suspensionMonths ?? 0;
  const max = input.terms.maxSuspensionMonths;
  if (!Number.isInteger(months) || months < 0 || months > max) {
    throw badInput('input.suspensionMonths', `A suspension lasts 1 to ${max} months`);
  }
  if (months === 0) {
    return 0;
  }
  const { tier, lenient, escalatedBy } = input.breach;
  if (tier === BreachTier.GRAVE && escalatedBy.includes('REPEATED_SUSPENSION')) {
    // The second suspension of the term is the termination (66(十四)): asked for, but not carried out as such.
    return 0;
  }
  if (tier !== BreachTier.SEVERE || lenient) {
    throw badInput(
      'input.suspensionMonths',
      lenient
        ? 'A self-reported breach is not suspended (art. 72)'
        : `Only a SEVERE breach may be suspended, not a ${tier} one`,
    );
  }
  return months;
};

interface Damages {
  readonly damages: Decimal;
  /** The `k` applied to the violating amount, `null` where the damages are not a multiple of it. */
  readonly multiplier: Decimal | null;
}

const NO_DAMAGES: Damages = { damages: ZERO, multiplier: null };

/**
 * The damages a tier charges with multiple `k` (`null`: the tier carries none): `k × amount` rounded half-up to the
 * cent; with no amount, `nonFeeDamagesPerOccurrence × occurrences` for SERIOUS (64: 每次1000元), none otherwise.
 */
const damagesOf = (
  tier: BreachTier,
  k: Decimal | null,
  amount: Decimal | null,
  occurrences: number,
  terms: Terms,
): Damages => {
  if (k === null) {
    return NO_DAMAGES;
  }
  if (amount !== null) {
    return { damages: roundToCents(k.times(amount)), multiplier: k };
  }
  if (tier === BreachTier.SERIOUS) {
    return {
      damages: roundToCents(new Money(terms.nonFeeDamagesPerOccurrence).times(occurrences)),
      multiplier: null,
    };
  }
  return NO_DAMAGES;
};

const actionsFor = (
  tier: BreachTier,
  lenient: boolean,
  amount: boolean,
  suspended: boolean,
): PenaltyAction[] => {
  if (lenient) {
    return ['INTERVIEW', 'RECTIFICATION', ...(amount ? (['REFUND'] as const) : [])];
  }
  const recover = amount ? (['RECOVER'] as const) : [];
  switch (tier) {
    case BreachTier.MINOR:
      return ['INTERVIEW', 'RECTIFICATION', ...recover];
    case BreachTier.GENERAL:
      return ['INTERVIEW', 'RECTIFICATION', 'WITHHOLD', ...recover];
    case BreachTier.SERIOUS:
      return ['WITHHOLD', ...recover];
    case BreachTier.SEVERE:
      return ['WITHHOLD', ...recover, ...(suspended ? (['SUSPEND'] as const) : [])];
    case BreachTier.GRAVE:
      return [...recover, 'TERMINATE', 'PUBLISH'];
  }
};

/**
 * The money and measures of a penalty (rules.md §7.2–7.4; Suining arts. 43, 51, 62–66, 72, annex 16; Civil Code arts.
 * 201, 202).
 *
 * - **Recovered** (不予支付或追回, arts. 43, 51: "经核实的乙方违法违规违约行为涉及的费用，甲方不予支付，已经支付的予以追回"):
 *   the violating amount, at **every** tier; a self-reported, non-fraud breach (72) refunds it (清退违规费用). The tiers
 *   differ in damages and actions, not in recovery. A violating amount of `null` or 0 is "no amount involved": nothing
 *   is recovered, whatever amount involved placed the breach.
 * - **Damages** (违约金): `k × violating amount`, `k` within the tier's range of the terms (SERIOUS 1–2, SEVERE 3, GRAVE
 *   3–5), default the lowest; a `multiplier` outside it, or given where no damages apply, is refused on
 *   `input.multiplier`. A serious breach with no amount: `nonFeeDamagesPerOccurrence × occurrences` (64: 每次1000元). A
 *   severe breach with no amount: none, and `needsOfficerDecision`. A grave breach with no amount: none (the
 *   termination stands). MINOR, GENERAL and self-reported non-fraud breaches: none.
 * - **Escalation never lowers the money** (rules.md §7.3): an escalated breach pays at least what its tier before
 *   escalation (`baseTier`) would have charged at that tier's lowest `k` (what the agency charges when it chooses no
 *   other); where that is more, it is what is due (`damagesFromBaseTier`), and the penalty is flagged
 *   (`needsOfficerDecision`). A no-amount SERIOUS breach escalated to SEVERE or GRAVE still pays 1 000 per occurrence.
 * - **Rounding**: the violating amount is in cents already (more decimals are refused on `input.violatingAmount`);
 *   damages are rounded half-up to cents when produced; `totalDue` is the sum of the two rounded amounts.
 * - **Actions**: MINOR interview, rectification; GENERAL also withhold; SERIOUS withhold; SEVERE withhold, suspend if
 *   asked; GRAVE terminate, publish; each with RECOVER where there is a violating amount; self-reported non-fraud:
 *   interview, rectification, and REFUND where there is an amount.
 * - **Suspension** (65, rules.md §7.3): SEVERE only, 1 to `maxSuspensionMonths` months, refused on
 *   `input.suspensionMonths` otherwise; from the day **after** the notice date to the corresponding day N months after
 *   it (`suspensionPeriod`: notice 2024-01-31, 1 month → 2024-02-01 to 2024-02-29), both included. A suspension asked
 *   for a breach escalated to GRAVE as the term's second suspension (66(十四)) becomes the termination.
 * - **Termination** (66): GRAVE, not lenient, from the notice date.
 */
export function penaltyAmounts(input: PenaltyAmountInput): PenaltyAmounts {
  const { tier, baseTier, lenient } = input.breach;
  const amount = checkViolatingAmount(input.violatingAmount);
  const occurrences = checkOccurrences(input.occurrences);
  const multiplier = multiplierFor(input);
  const months = checkSuspension(input);

  let charged = damagesOf(tier, multiplier, amount, occurrences, input.terms);
  let needsOfficerDecision =
    input.breach.needsOfficerDecision ||
    (!lenient && tier === BreachTier.SEVERE && amount === null);
  let damagesFromBaseTier = false;
  if (!lenient && baseTier !== tier) {
    const baseRange = rangeOf(input.terms, baseTier);
    const floor = damagesOf(
      baseTier,
      baseRange ? new Money(baseRange.minMultiplier) : null,
      amount,
      occurrences,
      input.terms,
    );
    if (floor.damages.greaterThan(charged.damages)) {
      charged = floor;
      damagesFromBaseTier = true;
      needsOfficerDecision = true;
    }
  }

  const recoveredAmount = amount ?? ZERO;
  const suspension = months > 0 ? suspensionPeriod(input.noticeOn, months) : null;
  return {
    recoveredAmount,
    damages: charged.damages,
    totalDue: recoveredAmount.plus(charged.damages),
    multiplier: charged.multiplier,
    actions: actionsFor(tier, lenient, amount !== null, suspension !== null),
    needsOfficerDecision,
    damagesFromBaseTier,
    suspensionFrom: suspension?.startsOn ?? null,
    suspensionTo: suspension?.endsOn ?? null,
    terminatedOn: tier === BreachTier.GRAVE && !lenient ? input.noticeOn : null,
  };
}
