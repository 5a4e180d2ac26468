import type Decimal from 'decimal.js';

import { badInput } from '../../../shared/domain-error';
import { Money, ZERO } from '../../../shared/money';
import { maxTier, tierRank } from '../breach-tier-order';
import { BreachTier } from '../breach-tier.enum';
import {
  type AmountStep,
  type AmountThresholds,
  findViolationType,
  type ViolationCode,
  violationType,
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

/**
 * The amounts and counts of Suining arts. 64–66 that place or escalate a breach (rules.md §7.2–7.3). They are agreement
 * terms; {@link DEFAULT_BREACH_THRESHOLDS} holds the seed's values, read from the catalogue's amount rules.
 */
export interface BreachThresholdTerms {
  /** 64(五): offline procurement "达到5万元" (inclusive) is SERIOUS; below, GENERAL (63(一)). Seed 50 000. */
  readonly offlineProcurementSeriousFrom: Decimal;
  /** 64(五): "或占乙方全部采购金额的15%" (inclusive) of all purchases is SERIOUS. Seed 0.15. */
  readonly offlineProcurementSeriousShare: Decimal;
  /**
   * 65(二): 虚记医疗费用 "10000元以下" (exclusive, annex 22) is SEVERE; from this amount up to the grave step the
   * agreement is silent: SEVERE, flagged for an officer's decision. Seed 10 000.
   */
  readonly fictitiousChargesFlaggedFrom: Decimal;
  /** 66(三): 虚记医疗费用 "3万元以上" (inclusive) is GRAVE. Seed 30 000. */
  readonly fictitiousChargesGraveFrom: Decimal;
  /** 66(六): 串换 "达10万元以上" (inclusive) is GRAVE; below, SEVERE (65(三)). Seed 100 000. */
  readonly itemSubstitutionGraveFrom: Decimal;
  /** 65(十六): "累计2次及以上发生同一性质较重违约情形": this breach and the earlier ones of its type. Seed 2. */
  readonly repeatedSeriousCount: number;
  /** 65(十六): "累计5次被查实存在违约情形": breaches in the term, this one included. Seed 5. */
  readonly escalationBreachCount: number;
  /** 66(十四): "累计2次及以上被中止医保协议": suspensions in the term, this one included. Seed 2. */
  readonly repeatedSuspensionCount: number;
}

const amountRuleOf = (code: ViolationCode): AmountThresholds => {
  const rule = violationType(code).thresholds;
  if (rule?.basis !== 'AMOUNT') {
    throw new Error(`${code} has no amount rule`);
  }
  return rule;
};

const stepFrom = (code: ViolationCode, index: number): Decimal => {
  const step = amountRuleOf(code).steps[index];
  if (!step) {
    throw new Error(`${code} has no amount step ${index}`);
  }
  return step.from;
};

/** How many breaches in a term, this one included, make any breach at least SEVERE (65(十六): 累计5次). */
export const ESCALATION_BREACH_COUNT = 5;

/** The seed's thresholds (Suining arts. 64(五), 65(二), 65(三), 65(十六), 66(三), 66(六), 66(十四)). */
export const DEFAULT_BREACH_THRESHOLDS: BreachThresholdTerms = {
  offlineProcurementSeriousFrom: stepFrom('OFFLINE_PROCUREMENT', 1),
  offlineProcurementSeriousShare: (() => {
    const share = amountRuleOf('OFFLINE_PROCUREMENT').shareOfPurchases;
    if (!share) {
      throw new Error('OFFLINE_PROCUREMENT has no share of purchases');
    }
    return share.from;
  })(),
  fictitiousChargesFlaggedFrom: stepFrom('FICTITIOUS_CHARGES', 1),
  fictitiousChargesGraveFrom: stepFrom('FICTITIOUS_CHARGES', 2),
  itemSubstitutionGraveFrom: stepFrom('ITEM_SUBSTITUTION', 1),
  repeatedSeriousCount: 2,
  escalationBreachCount: ESCALATION_BREACH_COUNT,
  repeatedSuspensionCount: 2,
};

export interface ViolationTierInput {
  /** Catalogue code (`input.violationCode`). */
  readonly code: string;
  /** 违规费用 (annex 16): what the fund paid or would pay; `null` or 0: no amount involved. */
  readonly violatingAmount?: Decimal | null;
  /** @deprecated the former name of `violatingAmount`; used only when `violatingAmount` is absent. */
  readonly amount?: Decimal | null;
  /**
   * 涉及金额: the purchases or charges involved, which the thresholds of an amount entry measure (64(五), 65(二)/66(三),
   * 65(三)/66(六)); absent or `null`: the violating amount stands in for it.
   */
  readonly amountInvolved?: Decimal | null;
  /** All drug and consumable purchases of the period checked, for the 15% of 64(五); absent: only the amount step. */
  readonly purchasesTotal?: Decimal | null;
  /** For a ratio entry: the tier an inspection measured (see `assessInspection`); absent: the entry's default tier. */
  readonly measuredTier?: BreachTier | null;
  /** Found by the institution itself before any inspection (art. 72; `detectedBy: SELF_REPORT`). */
  readonly selfReported: boolean;
  /** The penalty would suspend the agreement (`suspensionMonths` ≥ 1): a second suspension is grave (66(十四)). */
  readonly suspensionRequested?: boolean;
  /** The breaches recorded before this one in the same agreement term. */
  readonly priorBreaches: readonly PriorBreach[];
  /** Thresholds and counts of the terms in force; absent: {@link DEFAULT_BREACH_THRESHOLDS}. */
  readonly thresholds?: BreachThresholdTerms | null;
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
  /**
   * The amount the thresholds measured: `amountInvolved` as given, else the violating amount; `null` where neither
   * was given. Only an amount entry's tier depends on it.
   */
  readonly amountInvolved: Decimal | null;
}

interface Placement {
  readonly tier: BreachTier;
  readonly article: string;
  readonly needsOfficerDecision: boolean;
}

/** An amount ≥ 0 with at most two decimals, or `null`; refused on `field` otherwise. */
const checkAmount = (value: Decimal | null | undefined, field: string): Decimal | null => {
  if (value === undefined || value === null) {
    return null;
  }
  if (!value.isFinite() || value.isNegative()) {
    throw badInput(field, 'An amount must be at least 0');
  }
  if (value.decimalPlaces() > 2) {
    throw badInput(field, 'An amount has at most two decimals');
  }
  return value;
};

const checkCount = (n: number, name: string): number => {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${name} must be a whole number of at least 1`);
  }
  return n;
};

/** The catalogue's amount rule of `type` with the thresholds of the terms in force. */
const amountRule = (
  type: ViolationType,
  rule: AmountThresholds,
  t: BreachThresholdTerms,
): AmountThresholds => {
  const at = (index: number, from: Decimal): AmountStep => {
    const step = rule.steps[index];
    if (!step) {
      throw new Error(`${type.code} has no amount step ${index}`);
    }
    return { ...step, from };
  };
  switch (type.code) {
    case 'OFFLINE_PROCUREMENT':
      return {
        ...rule,
        steps: [at(0, ZERO), at(1, t.offlineProcurementSeriousFrom)],
        shareOfPurchases: rule.shareOfPurchases && {
          ...rule.shareOfPurchases,
          from: t.offlineProcurementSeriousShare,
        },
      };
    case 'FICTITIOUS_CHARGES':
      if (t.fictitiousChargesGraveFrom.lessThan(t.fictitiousChargesFlaggedFrom)) {
        throw new RangeError('the grave step of 虚记医疗费用 lies at or above the flagged one');
      }
      return {
        ...rule,
        steps: [
          at(0, ZERO),
          at(1, t.fictitiousChargesFlaggedFrom),
          at(2, t.fictitiousChargesGraveFrom),
        ],
      };
    case 'ITEM_SUBSTITUTION':
      return { ...rule, steps: [at(0, ZERO), at(1, t.itemSubstitutionGraveFrom)] };
    default:
      return rule;
  }
};

/**
 * The step of an amount rule the amount involved reaches ("以上"/"达到" inclusive, "以下" exclusive: annex 22); no
 * amount: the lowest step. The share of all purchases (64(五)) is compared exactly — `amountInvolved ≥ share ×
 * purchasesTotal`, in decimals, with nothing rounded (for 15%: `100 × amountInvolved ≥ 15 × purchasesTotal`) — and only
 * where the purchases are known and above 0.
 */
const placeByAmount = (
  rule: AmountThresholds,
  amountInvolved: Decimal | null,
  purchasesTotal: Decimal | null,
): Placement => {
  const base = amountInvolved ?? ZERO;
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
    amountInvolved !== null &&
    purchasesTotal !== null &&
    purchasesTotal.greaterThan(0) &&
    new Money(amountInvolved).greaterThanOrEqualTo(new Money(share.from).times(purchasesTotal)) &&
    tierRank(share.tier) > tierRank(placed.tier)
  ) {
    placed = { tier: share.tier, article: share.article, needsOfficerDecision: false };
  }
  return placed;
};

const place = (
  type: ViolationType,
  input: ViolationTierInput,
  amountInvolved: Decimal | null,
  purchasesTotal: Decimal | null,
  thresholds: BreachThresholdTerms,
): Placement => {
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
    return placeByAmount(amountRule(type, rule, thresholds), amountInvolved, purchasesTotal);
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
 * 1. **Base tier**: the catalogue entry's tier; for an amount entry the step the **amount involved** (涉及金额:
 *    `amountInvolved`, else the violating amount) reaches — 虚记医疗费用 below 10 000 SEVERE (65(二)), from 10 000 to
 *    under 30 000 SEVERE flagged `needsOfficerDecision` (the agreement is silent), from 30 000 GRAVE (66(三)); 串换
 *    SEVERE (65(三)), from 100 000 GRAVE (66(六)); offline procurement GENERAL (63(一)), from 50 000 or from 15% of
 *    `purchasesTotal` SERIOUS (64(五)). The thresholds are terms (`thresholds`). The violating amount (违规费用), which
 *    recovery and damages are computed on, may be smaller or 0 (offline purchases of 60 000 of which nothing was
 *    charged to the fund are SERIOUS). For a ratio entry, the tier the inspection measured (else the entry's lowest
 *    tier); an inspection's finding of no stock records may pass its tier too.
 * 2. **Escalation within the agreement term** (65(十六)): a serious breach when `repeatedSeriousCount − 1` breaches of
 *    the same type of at least SERIOUS were recorded before, or the `escalationBreachCount`-th breach of any tier (all
 *    prior breaches count, self-reported ones included), is at least SEVERE. Then (66(十四)) a SEVERE breach whose
 *    penalty would suspend the agreement, when `repeatedSuspensionCount − 1` earlier penalties of the term suspended
 *    it, is GRAVE: the second suspension ends the agreement. Escalation never lowers a tier; `escalated` says it raised
 *    one. (Escalation never lowers the money either: `penaltyAmounts` takes `baseTier` for that.)
 * 3. **Self-report** (72): a breach the institution reported itself before any inspection, unless it is fraud
 *    (骗取医保基金), is `lenient` and never escalated (it still counts for later breaches).
 *
 * Refused (`BAD_USER_INPUT`): an unknown code (`input.violationCode`); an amount below 0 or with more than two decimals
 * (`input.violatingAmount`, `input.amountInvolved`, `input.purchasesTotal`).
 */
export function violationTier(input: ViolationTierInput): ViolationTierResult {
  const type = findViolationType(input.code);
  if (!type) {
    throw badInput('input.violationCode', 'Not a code of the violation catalogue (violationTypes)');
  }
  const thresholds = input.thresholds ?? DEFAULT_BREACH_THRESHOLDS;
  const violating = checkAmount(input.violatingAmount ?? input.amount, 'input.violatingAmount');
  const involved = checkAmount(input.amountInvolved, 'input.amountInvolved') ?? violating;
  const purchasesTotal = checkAmount(input.purchasesTotal, 'input.purchasesTotal');
  const placed = place(type, input, involved, purchasesTotal, thresholds);
  const lenient = input.selfReported && !type.fraud;

  let tier = placed.tier;
  const escalatedBy: EscalationCode[] = [];
  if (!lenient) {
    const sameType = input.priorBreaches.filter(
      (p) => p.code === type.code && tierRank(p.tier) >= tierRank(BreachTier.SERIOUS),
    ).length;
    const repeatedSerious =
      placed.tier === BreachTier.SERIOUS &&
      sameType + 1 >= checkCount(thresholds.repeatedSeriousCount, 'repeatedSeriousCount');
    const countReached =
      input.priorBreaches.length + 1 >=
      checkCount(thresholds.escalationBreachCount, 'escalationBreachCount');
    if ((repeatedSerious || countReached) && tierRank(tier) < tierRank(BreachTier.SEVERE)) {
      tier = maxTier(tier, BreachTier.SEVERE);
      escalatedBy.push('REPEATED_BREACHES');
    }
    const suspensions = input.priorBreaches.filter((p) => p.suspended).length;
    if (
      tier === BreachTier.SEVERE &&
      input.suspensionRequested === true &&
      suspensions + 1 >= checkCount(thresholds.repeatedSuspensionCount, 'repeatedSuspensionCount')
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
    amountInvolved: involved,
  };
}
