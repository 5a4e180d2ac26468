import type Decimal from 'decimal.js';

import { badInput } from '../../../shared/domain-error';
import { Money } from '../../../shared/money';
import { maxTier, tierRank } from '../breach-tier-order';
import { BreachTier } from '../breach-tier.enum';
import {
  type AmountThresholds,
  findViolationType,
  type ViolationCode,
  type ViolationType,
} from '../violation-catalogue';

/** A breach already recorded in the same agreement term (the caller selects the term). */
export interface PriorBreach {
  readonly code: string;
  /** The tier recorded for it (after escalation). */
  readonly tier: BreachTier;
  /** Whether its penalty suspended the agreement (or a department or service of it). */
  readonly suspended: boolean;
  readonly selfReported: boolean;
  /** Kept for the record: every prior breach counts, fraud or not, self-reported or not. */
  readonly fraud: boolean;
}

export interface ViolationTierInput {
  /** Catalogue code (`input.violationCode`). */
  readonly code: string;
  /**
   * The amount the entry's thresholds measure (涉及金额). The contract carries one amount, the violating amount, and the
   * service passes it; `null`: no amount involved (the lowest step applies).
   */
  readonly amount?: Decimal | null;
  /** All the institution's purchases, for the 15% of 64(五); absent: only the 50 000 step is tested. */
  readonly purchasesTotal?: Decimal | null;
  /** For a ratio entry: the tier an inspection measured (see `assessInspection`); absent: the entry's default tier. */
  readonly measuredTier?: BreachTier | null;
  /** Found by the institution itself before any inspection (art. 72; `detectedBy: SELF_REPORT`). */
  readonly selfReported: boolean;
  /** The penalty would suspend the agreement (`suspensionMonths` ≥ 1): a second suspension is grave (66(十四)). */
  readonly suspensionRequested?: boolean;
  /** The breaches recorded before this one in the same agreement term. */
  readonly priorBreaches: readonly PriorBreach[];
}

/** The escalation rules, by the catalogue code of the item that states them. */
export type EscalationCode = Extract<ViolationCode, 'REPEATED_BREACHES' | 'REPEATED_SUSPENSION'>;

export interface ViolationTierResult {
  readonly violationType: ViolationType<ViolationCode>;
  /** The article of the clause the breach falls under, before escalation, e.g. `66(三)`. */
  readonly article: string;
  /** Tier from the catalogue and the amount or ratio rule. */
  readonly baseTier: BreachTier;
  /** Tier after escalation. */
  readonly tier: BreachTier;
  /** `tier` is heavier than `baseTier`. */
  readonly escalated: boolean;
  /** The rules that raised the tier: `REPEATED_BREACHES` (65(十六)), `REPEATED_SUSPENSION` (66(十四)). */
  readonly escalatedBy: readonly EscalationCode[];
  /** 骗取医保基金: never lenient. */
  readonly fraud: boolean;
  /** Self-reported and not fraud (art. 72): interview, rectification and refund only. */
  readonly lenient: boolean;
  /** The amount falls where the agreement is silent (虚记 10 000 to under 30 000). */
  readonly needsOfficerDecision: boolean;
}

/** How many breaches in a term, this one included, make any breach at least SEVERE (65(十六): 累计5次). */
export const ESCALATION_BREACH_COUNT = 5;

interface Placement {
  readonly tier: BreachTier;
  readonly article: string;
  readonly needsOfficerDecision: boolean;
}

const checkAmount = (value: Decimal | null | undefined, field: string): Decimal | null => {
  if (value === undefined || value === null) {
    return null;
  }
  if (!value.isFinite() || value.isNegative()) {
    throw badInput(field, 'An amount must be at least 0');
  }
  return value;
};

/** The step of an amount rule the amount reaches ("以上"/"达到" inclusive, "以下" exclusive: annex 22). */
const placeByAmount = (
  rule: AmountThresholds,
  amount: Decimal | null,
  purchasesTotal: Decimal | null,
): Placement => {
  const base = amount ?? new Money(0);
  let placed: Placement | null = null;
  for (const step of rule.steps) {
    if (base.greaterThanOrEqualTo(step.from)) {
      placed = {
        tier: step.tier,
        article: step.article,
        needsOfficerDecision: step.needsOfficerDecision ?? false,
      };
    }
  }
  if (!placed) {
    throw new Error('an amount rule must have a step from 0');
  }
  const share = rule.shareOfPurchases;
  if (
    share &&
    amount !== null &&
    purchasesTotal !== null &&
    purchasesTotal.greaterThan(0) &&
    amount.greaterThanOrEqualTo(new Money(share.from).times(purchasesTotal)) &&
    tierRank(share.tier) > tierRank(placed.tier)
  ) {
    placed = { tier: share.tier, article: share.article, needsOfficerDecision: false };
  }
  return placed;
};

const place = (type: ViolationType, input: ViolationTierInput): Placement => {
  const rule = type.thresholds;
  if (input.measuredTier !== undefined && input.measuredTier !== null) {
    const measured =
      rule?.basis === 'AMOUNT'
        ? undefined
        : (rule?.bands ?? type.clauses).find((b) => b.tier === input.measuredTier);
    if (!measured) {
      throw new RangeError(`${type.code} cannot be measured at ${input.measuredTier}`);
    }
    return { tier: measured.tier, article: measured.article, needsOfficerDecision: false };
  }
  if (rule?.basis === 'AMOUNT') {
    return placeByAmount(
      rule,
      checkAmount(input.amount, 'input.violatingAmount'),
      checkAmount(input.purchasesTotal, 'input.purchasesTotal'),
    );
  }
  const first = type.clauses[0];
  if (!first) {
    throw new Error(`catalogue entry ${type.code} has no clause`);
  }
  return { tier: first.tier, article: first.article, needsOfficerDecision: false };
};

/**
 * The tier of a breach (rules.md §7.2–7.3; Suining arts. 62–66, 72, annex 22).
 *
 * 1. **Base tier**: the catalogue entry's tier; for an amount entry the step the amount reaches — 虚记医疗费用 below
 *    10 000 SEVERE (65(二)), from 10 000 to under 30 000 SEVERE flagged `needsOfficerDecision` (the agreement is
 *    silent), from 30 000 GRAVE (66(三)); 串换 SEVERE (65(三)), from 100 000 GRAVE (66(六)); offline procurement GENERAL
 *    (63(一)), from 50 000 or from 15% of all purchases SERIOUS (64(五)). For a ratio entry, the tier the inspection
 *    measured (else the entry's lowest tier); an inspection's finding of no stock records
 *    may pass its tier too.
 * 2. **Escalation within the agreement term** (65(十六)): a serious breach when a breach of the same type of at least
 *    SERIOUS was recorded before, or the fifth breach of any tier (all prior breaches count, self-reported ones
 *    included), is at least SEVERE. Then (66(十四)) a SEVERE breach whose penalty would suspend the agreement when an
 *    earlier penalty of the term suspended it is GRAVE: the second suspension ends the agreement. Escalation never
 *    lowers a tier; `escalated` says it raised one.
 * 3. **Self-report** (72): a breach the institution reported itself before any inspection, unless it is fraud
 *    (骗取医保基金), is `lenient` and never escalated (it still counts for later breaches).
 *
 * Refused: an unknown code (`input.violationCode`), a negative amount (`input.violatingAmount`).
 */
export function violationTier(input: ViolationTierInput): ViolationTierResult {
  const type = findViolationType(input.code);
  if (!type) {
    throw badInput('input.violationCode', 'Not a code of the violation catalogue (violationTypes)');
  }
  const placed = place(type, input);
  const lenient = input.selfReported && !type.fraud;

  let tier = placed.tier;
  const escalatedBy: EscalationCode[] = [];
  if (!lenient) {
    const repeatedSerious =
      placed.tier === BreachTier.SERIOUS &&
      input.priorBreaches.some(
        (p) => p.code === type.code && tierRank(p.tier) >= tierRank(BreachTier.SERIOUS),
      );
    const countReached = input.priorBreaches.length + 1 >= ESCALATION_BREACH_COUNT;
    if ((repeatedSerious || countReached) && tierRank(tier) < tierRank(BreachTier.SEVERE)) {
      tier = maxTier(tier, BreachTier.SEVERE);
      escalatedBy.push('REPEATED_BREACHES');
    }
    if (
      tier === BreachTier.SEVERE &&
      input.suspensionRequested === true &&
      input.priorBreaches.some((p) => p.suspended)
    ) {
      tier = BreachTier.GRAVE;
      escalatedBy.push('REPEATED_SUSPENSION');
    }
  }

  return {
    violationType: type,
    article: placed.article,
    baseTier: placed.tier,
    tier,
    escalated: tier !== placed.tier,
    escalatedBy,
    fraud: type.fraud,
    lenient,
    // The flag asks whether the breach is grave; a breach escalated to GRAVE leaves nothing to decide.
    needsOfficerDecision: placed.needsOfficerDecision && tier !== BreachTier.GRAVE,
  };
}
