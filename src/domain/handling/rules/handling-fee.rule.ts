import type Decimal from 'decimal.js';
import { Money, roundToCents, ZERO } from '../../../shared/money';

/**
 * 委托经办服务费 (Luoyang 3(四); rules.md §5): `feePerPersonYear × insured count at the end of the previous year`,
 * rounded to 0.01.
 */
export const annualFee = (feePerPersonYear: Decimal, insuredCount: number): Decimal =>
  roundToCents(feePerPersonYear.times(insuredCount));

/**
 * The fee of quarter `quarter` (1–4) of `annual` (rules.md §5: "paid quarterly"): a quarter of it rounded to 0.01 for
 * Q1–Q3; Q4 takes the remainder, so the four sum to the annual fee exactly.
 */
export const quarterlyFee = (annual: Decimal, quarter: number): Decimal => {
  const q = roundToCents(annual.div(4));
  return quarter === 4 ? annual.minus(q.times(3)) : q;
};

export interface FeeStatementInput {
  readonly annual: Decimal;
  readonly quarter: number;
  /** The finalized audit's deduction rate for the quarter; null without a finalized audit (no deduction). */
  readonly auditDeductionRate: Decimal | null;
  /** Whether any breach of Luoyang 5(二) was recorded in the quarter. */
  readonly breached: boolean;
  readonly breachDamagesRate: Decimal;
  /** Benefit reductions of the reviews applied in the quarter (a positive amount; rules.md §5). */
  readonly reviewReductions: Decimal;
  readonly savingsRewardRate: Decimal;
}

export interface FeeStatementValue {
  readonly quarterlyFee: Decimal;
  readonly auditDeduction: Decimal;
  readonly breachDamages: Decimal;
  readonly savingsReward: Decimal;
  readonly netPayable: Decimal;
}

/**
 * A quarter's statement (rules.md §5): quarterly fee − audit deduction (Luoyang 3(三)) − breach damages (5(二), once
 * per quarter however many breaches) + savings reward (Anhui 三(五)), each rounded to 0.01 when produced.
 */
export const feeStatement = (i: FeeStatementInput): FeeStatementValue => {
  const fee = quarterlyFee(i.annual, i.quarter);
  const auditDeduction = i.auditDeductionRate
    ? roundToCents(fee.times(i.auditDeductionRate))
    : ZERO;
  const breachDamages = i.breached ? roundToCents(fee.times(i.breachDamagesRate)) : ZERO;
  const savingsReward = roundToCents(
    Money.max(i.reviewReductions, ZERO).times(i.savingsRewardRate),
  );
  return {
    quarterlyFee: fee,
    auditDeduction,
    breachDamages,
    savingsReward,
    netPayable: fee.minus(auditDeduction).minus(breachDamages).plus(savingsReward),
  };
};
