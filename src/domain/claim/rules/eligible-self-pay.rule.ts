import type Decimal from 'decimal.js';

/** The basic-insurance settlement's components a claim carries (rules.md §3.1; Henan arts. 11–12). */
export interface SettlementComponents {
  /** 医疗总费用 */
  readonly totalCost: Decimal;
  /** 基本医保统筹支付 */
  readonly basicFundPaid: Decimal;
  /** 目录外(丙类)费用, art. 12(二) */
  readonly outOfCatalogCost: Decimal;
  /** 乙类先行自付, art. 11(二) */
  readonly classBFirstPay: Decimal;
  /** 基本医保起付标准及以下, art. 12(一) */
  readonly belowBasicDeductible: Decimal;
  /** 未按规定转诊降低比例部分, art. 12(一) */
  readonly transferReduction: Decimal;
  /** 按病种定额超出部分, art. 12(一) */
  readonly overFixedRate: Decimal;
  /** 医疗救助已支付, art. 12(三) */
  readonly medicalAssistancePaid: Decimal;
  /** 其他不予支付的费用, art. 12(三) */
  readonly otherExcludedCost: Decimal;
}

/** The components subtracted from `totalCost`, in the order of rules.md §3.1. */
export const EXCLUDED_COMPONENTS = [
  'basicFundPaid',
  'outOfCatalogCost',
  'classBFirstPay',
  'belowBasicDeductible',
  'transferReduction',
  'overFixedRate',
  'medicalAssistancePaid',
  'otherExcludedCost',
] as const satisfies readonly (keyof SettlementComponents)[];

/**
 * 合规自付医疗费用 of one settlement (rules.md §3.1): `totalCost` minus every excluded component. Exact (inputs have at
 * most two decimals, so the result has too). Negative when the components exceed `totalCost`: the caller refuses such
 * a claim as bad input.
 */
export const eligibleSelfPay = (c: SettlementComponents): Decimal =>
  EXCLUDED_COMPONENTS.reduce((rest, k) => rest.minus(c[k]), c.totalCost);
