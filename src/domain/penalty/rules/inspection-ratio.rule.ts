import type Decimal from 'decimal.js';

import { badInput } from '../../../shared/domain-error';
import { Money } from '../../../shared/money';
import { tierRank } from '../breach-tier-order';
import { type BreachTier } from '../breach-tier.enum';
import {
  type RatioBand,
  type RatioKind,
  type RatioThresholds,
  type ViolationCode,
  violationType,
} from '../violation-catalogue';

/** One drug or consumable (同一品规) counted at inspection (annex 19). */
export interface StockItemCount {
  readonly itemCode: string;
  readonly opening: Decimal;
  readonly purchased: Decimal;
  readonly sold: Decimal;
  readonly closing: Decimal;
  /** Quantity declared to the fund, for declared ÷ sold (64(四), 65(十一)); absent: that ratio is not measured. */
  readonly declared?: Decimal | null;
}

/** One 诊疗项目 or 医疗服务设施 service counted at inspection (62(九), 64(三), 65(十)). */
export interface ServiceItemCount {
  readonly itemCode: string;
  readonly declared: Decimal;
  readonly standard: Decimal;
}

export interface InspectionCounts {
  readonly stockItems: readonly StockItemCount[];
  readonly serviceItems: readonly ServiceItemCount[];
  /** The institution keeps no purchase-sale-stock records at all (65(四)). */
  readonly noStockRecords: boolean;
}

export type FindingKind = RatioKind | 'NO_STOCK_RECORDS';

/** `itemCode` of the one finding that concerns no single item: no stock records at all. */
export const ALL_ITEMS = '*';

export interface InspectionFinding {
  readonly itemCode: string;
  readonly ratioKind: FindingKind;
  /** numerator ÷ denominator (40 significant digits); `null` when the denominator is zero or no ratio applies. */
  readonly ratio: Decimal | null;
  readonly tier: BreachTier;
  readonly violationCode: ViolationCode;
  /** The article of the band the ratio falls in, e.g. `64(二)`. */
  readonly article: string;
}

export interface InspectionAssessment {
  /** One finding per ratio outside its normal band, in input order (no stock records first). */
  readonly findings: readonly InspectionFinding[];
  /** The finding of the heaviest tier (the first of them on a tie), for the inspection's penalty; `null`: none. */
  readonly worst: InspectionFinding | null;
}

/**
 * Sums of quantities and bounds × denominators are computed at this precision, so every comparison is exact for any
 * sane quantity.
 */
const Exact = Money.clone({ precision: 1000 });

/**
 * The sign of `numerator ÷ denominator − bound`, computed without dividing (`numerator − bound × denominator`), so a
 * ratio exactly on an edge (105.00 ÷ 100) is on it and never a rounding away. A zero denominator (with a non-zero
 * numerator) is above every bound (rules.md §7.1).
 */
const compareRatio = (numerator: Decimal, denominator: Decimal, bound: Decimal): number => {
  if (denominator.isZero()) {
    return 1;
  }
  return numerator.comparedTo(new Exact(bound).times(denominator));
};

const inBand = (band: RatioBand, numerator: Decimal, denominator: Decimal): boolean => {
  const cmp = (bound: Decimal): number => compareRatio(numerator, denominator, bound);
  return (
    (band.above === undefined || cmp(band.above) > 0) &&
    (band.atLeast === undefined || cmp(band.atLeast) >= 0) &&
    (band.atMost === undefined || cmp(band.atMost) <= 0) &&
    (band.below === undefined || cmp(band.below) < 0)
  );
};

/**
 * The band a ratio falls in (rules.md §7.1; Suining 62(八)(九), 64(二)(三)(四), 65(九)(十)(十一), annex 19), or `null`
 * inside the normal band. Edges are compared exactly: "大于105%且小于等于110%" is (1.05, 1.10], "大于等于90%且小于95%" is
 * [0.90, 0.95). A zero denominator with a non-zero numerator counts as above every bound (the open top band); zero over
 * zero is no activity and no finding.
 */
export function ratioBand(
  rule: RatioThresholds,
  numerator: Decimal,
  denominator: Decimal,
): RatioBand | null {
  if (denominator.isZero() && numerator.isZero()) {
    return null;
  }
  return rule.bands.find((band) => inBand(band, numerator, denominator)) ?? null;
}

const RATIO_CODES: Readonly<Record<RatioKind, ViolationCode>> = {
  STOCK: 'STOCK_RATIO',
  SERVICE_QUANTITY: 'SERVICE_QUANTITY_RATIO',
  DECLARED_OVER_SOLD: 'DECLARED_OVER_SOLD',
};

const ratioRule = (kind: RatioKind): RatioThresholds => {
  const thresholds = violationType(RATIO_CODES[kind]).thresholds;
  if (thresholds?.basis !== 'RATIO' || thresholds.ratio !== kind) {
    throw new Error(`catalogue entry ${RATIO_CODES[kind]} has no ${kind} ratio rule`);
  }
  return thresholds;
};

const finding = (
  kind: RatioKind,
  itemCode: string,
  numerator: Decimal,
  denominator: Decimal,
): InspectionFinding | null => {
  const band = ratioBand(ratioRule(kind), numerator, denominator);
  if (!band) {
    return null;
  }
  return {
    itemCode,
    ratioKind: kind,
    ratio: denominator.isZero() ? null : new Money(numerator).div(denominator),
    tier: band.tier,
    violationCode: RATIO_CODES[kind],
    article: band.article,
  };
};

const checkQuantity = (value: Decimal, field: string): void => {
  if (!value.isFinite() || value.isNegative()) {
    throw badInput(field, 'A quantity must be a number of at least 0');
  }
};

const checkItemCodes = (items: readonly { readonly itemCode: string }[], list: string): void => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const code = item.itemCode.trim();
    if (code === '' || code === ALL_ITEMS) {
      throw badInput(`input.${list}[${i}].itemCode`, 'An item code must be given');
    }
    if (seen.has(code)) {
      throw badInput(`input.${list}[${i}].itemCode`, `Item ${code} is listed twice`);
    }
    seen.add(code);
  });
};

/**
 * The findings of an inspection (rules.md §7.1; Suining arts. 62–65, annex 19):
 * - per stock item, the stock ratio (进销存比率) (sold + closing) ÷ (opening + purchased), and, where a declared quantity
 *   is given, declared ÷ sold;
 * - per service item, declared ÷ standard service quantity;
 * - no stock records at all (65(四)): one SEVERE finding for all items (`itemCode` `*`, no ratio).
 * One finding per ratio outside its normal band, tiered by the catalogue's bands (see {@link ratioBand}). `worst` is the
 * finding the inspection's penalty is recorded for.
 *
 * Refused (`BAD_USER_INPUT`): a negative quantity, a blank or repeated item code within a list, and stock items together
 * with `noStockRecords` (an institution without stock records cannot have stock counts).
 */
export function assessInspection(counts: InspectionCounts): InspectionAssessment {
  if (counts.noStockRecords && counts.stockItems.length > 0) {
    throw badInput(
      'input.stockItems',
      'No stock items can be counted when there are no stock records',
    );
  }
  checkItemCodes(counts.stockItems, 'stockItems');
  checkItemCodes(counts.serviceItems, 'serviceItems');

  const findings: InspectionFinding[] = [];
  if (counts.noStockRecords) {
    const noRecords = violationType('NO_STOCK_RECORDS');
    findings.push({
      itemCode: ALL_ITEMS,
      ratioKind: 'NO_STOCK_RECORDS',
      ratio: null,
      tier: noRecords.defaultTier,
      violationCode: 'NO_STOCK_RECORDS',
      article: noRecords.article,
    });
  }
  counts.stockItems.forEach((item, i) => {
    const path = `input.stockItems[${i}]`;
    checkQuantity(item.opening, `${path}.opening`);
    checkQuantity(item.purchased, `${path}.purchased`);
    checkQuantity(item.sold, `${path}.sold`);
    checkQuantity(item.closing, `${path}.closing`);
    const itemCode = item.itemCode.trim();
    const stock = finding(
      'STOCK',
      itemCode,
      new Exact(item.sold).plus(item.closing),
      new Exact(item.opening).plus(item.purchased),
    );
    if (stock) {
      findings.push(stock);
    }
    if (item.declared !== undefined && item.declared !== null) {
      checkQuantity(item.declared, `${path}.declared`);
      const declared = finding('DECLARED_OVER_SOLD', itemCode, item.declared, item.sold);
      if (declared) {
        findings.push(declared);
      }
    }
  });
  counts.serviceItems.forEach((item, i) => {
    const path = `input.serviceItems[${i}]`;
    checkQuantity(item.declared, `${path}.declared`);
    checkQuantity(item.standard, `${path}.standard`);
    const service = finding('SERVICE_QUANTITY', item.itemCode.trim(), item.declared, item.standard);
    if (service) {
      findings.push(service);
    }
  });

  const worst = findings.reduce<InspectionFinding | null>(
    (w, f) => (w === null || tierRank(f.tier) > tierRank(w.tier) ? f : w),
    null,
  );
  return { findings, worst };
}
