import { DomainError, ErrorCode } from '../../../shared/domain-error';
import { Money } from '../../../shared/money';
import { BreachTier } from '../breach-tier.enum';
import {
  ESCALATION_BREACH_COUNT,
  type PriorBreach,
  violationTier,
  type ViolationTierInput,
} from './violation-tier.rule';

const { MINOR, GENERAL, SERIOUS, SEVERE, GRAVE } = BreachTier;

const input = (code: string, more: Partial<ViolationTierInput> = {}): ViolationTierInput => ({
  code,
  selfReported: false,
  priorBreaches: [],
  ...more,
});

const prior = (code: string, tier: BreachTier, more: Partial<PriorBreach> = {}): PriorBreach => ({
  code,
  tier,
  suspended: false,
  selfReported: false,
  fraud: false,
  ...more,
});

const refusal = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) {
      return e;
    }
    throw e;
  }
  throw new Error('not refused');
};

describe('base tier from the catalogue (rules.md §7.2)', () => {
  it.each<[string, BreachTier, string, boolean]>([
    ['NO_PRICE_DISCLOSURE', MINOR, '62(七)', false],
    ['COSTS_SHIFTED_TO_PATIENT', GENERAL, '63(七)', false],
    ['OUT_OF_SCOPE_BILLING', SERIOUS, '64(一)', false],
    ['SPLIT_ADMISSION', SERIOUS, '64(二十二)', false],
    ['EXCESSIVE_TREATMENT', SERIOUS, '64(二十三)', false],
    ['IDENTITY_NOT_VERIFIED', SEVERE, '65(十二)', false],
    ['NO_STOCK_RECORDS', SEVERE, '65(四)', false],
    ['FAKE_TREATMENT_FRAUD', GRAVE, '66(一)', true],
    ['FRAUD_CONFIRMED', GRAVE, '66(十三)', true],
  ])('%s → %s (%s), fraud %s', (code, tier, article, fraud) => {
    const r = violationTier(input(code, { amount: new Money('1000.00') }));
    expect([r.baseTier, r.tier, r.article, r.fraud, r.escalated]).toEqual([
      tier,
      tier,
      article,
      fraud,
      false,
    ]);
    expect(r.needsOfficerDecision).toBe(false);
    expect(r.violationType.code).toBe(code);
  });
});

describe('amount thresholds ("以上" includes the number, "以下" excludes it: annex 22)', () => {
  it.each<[string, string | null, BreachTier, string, boolean]>([
    // 虚记医疗费用: below 10 000 severe (65(二)), from 30 000 grave (66(三)); between, severe and flagged
    ['FICTITIOUS_CHARGES', null, SEVERE, '65(二)', false],
    ['FICTITIOUS_CHARGES', '0.01', SEVERE, '65(二)', false],
    ['FICTITIOUS_CHARGES', '9999.99', SEVERE, '65(二)', false],
    ['FICTITIOUS_CHARGES', '10000.00', SEVERE, '65(二)', true],
    ['FICTITIOUS_CHARGES', '29999.99', SEVERE, '65(二)', true],
    ['FICTITIOUS_CHARGES', '30000.00', GRAVE, '66(三)', false],
    ['FICTITIOUS_CHARGES', '250000.00', GRAVE, '66(三)', false],
    // 串换: severe (65(三)), from 100 000 grave (66(六))
    ['ITEM_SUBSTITUTION', null, SEVERE, '65(三)', false],
    ['ITEM_SUBSTITUTION', '99999.99', SEVERE, '65(三)', false],
    ['ITEM_SUBSTITUTION', '100000.00', GRAVE, '66(六)', false],
    // offline procurement: general (63(一)), 达到 50 000 serious (64(五))
    ['OFFLINE_PROCUREMENT', null, GENERAL, '63(一)', false],
    ['OFFLINE_PROCUREMENT', '49999.99', GENERAL, '63(一)', false],
    ['OFFLINE_PROCUREMENT', '50000.00', SERIOUS, '64(五)', false],
  ])('%s %s → %s (%s), officer decision %s', (code, amount, tier, article, flagged) => {
    const r = violationTier(input(code, { amount: amount === null ? null : new Money(amount) }));
    expect([r.tier, r.article, r.needsOfficerDecision, r.escalated]).toEqual([
      tier,
      article,
      flagged,
      false,
    ]);
  });

  it.each<[string, string | null, BreachTier]>([
    ['20000.00', '200000.00', GENERAL], // 10%
    ['29999.99', '200000.00', GENERAL], // just under 15%
    ['30000.00', '200000.00', SERIOUS], // 15% exactly: 达到
    ['30000.00', '0', GENERAL], // no purchases known: only the 50 000 step
    ['30000.00', null, GENERAL],
    ['60000.00', '1000000.00', SERIOUS], // 6%, but 50 000 reached
  ])('offline procurement %s of purchases %s → %s (64(五): 15%%)', (amount, total, tier) => {
    const r = violationTier(
      input('OFFLINE_PROCUREMENT', {
        amount: new Money(amount),
        purchasesTotal: total === null ? null : new Money(total),
      }),
    );
    expect(r.tier).toBe(tier);
    expect(r.article).toBe(tier === SERIOUS ? '64(五)' : '63(一)');
  });
});

describe('ratio entries take the tier the inspection measured', () => {
  it.each<[string, BreachTier | null, BreachTier, string]>([
    ['STOCK_RATIO', MINOR, MINOR, '62(八)'],
    ['STOCK_RATIO', SERIOUS, SERIOUS, '64(二)'],
    ['STOCK_RATIO', SEVERE, SEVERE, '65(九)'],
    ['STOCK_RATIO', null, MINOR, '62(八)'],
    ['SERVICE_QUANTITY_RATIO', SEVERE, SEVERE, '65(十)'],
    ['DECLARED_OVER_SOLD', SERIOUS, SERIOUS, '64(四)'],
    ['DECLARED_OVER_SOLD', null, SERIOUS, '64(四)'],
    ['NO_STOCK_RECORDS', SEVERE, SEVERE, '65(四)'],
  ])('%s measured %s → %s (%s)', (code, measuredTier, tier, article) => {
    const r = violationTier(input(code, { measuredTier }));
    expect([r.tier, r.article]).toEqual([tier, article]);
  });

  it.each<[string, BreachTier]>([
    ['DECLARED_OVER_SOLD', MINOR],
    ['STOCK_RATIO', GRAVE],
    ['FICTITIOUS_CHARGES', GRAVE],
    ['OUT_OF_SCOPE_BILLING', SEVERE],
  ])('refuses %s measured %s (a programming error)', (code, measuredTier) => {
    expect(() => violationTier(input(code, { measuredTier }))).toThrow(RangeError);
  });
});

describe('escalation within the agreement term (65(十六), 66(十四); rules.md §7.3)', () => {
  it.each<[string, string, PriorBreach[], BreachTier, boolean]>([
    [
      'a second serious breach of the same type',
      'OUT_OF_SCOPE_BILLING',
      [prior('OUT_OF_SCOPE_BILLING', SERIOUS)],
      SEVERE,
      true,
    ],
    [
      'a serious breach after the same type escalated to severe',
      'OUT_OF_SCOPE_BILLING',
      [prior('OUT_OF_SCOPE_BILLING', SEVERE)],
      SEVERE,
      true,
    ],
    [
      'a second serious breach of the same type, the first self-reported',
      'SPLIT_ADMISSION',
      [prior('SPLIT_ADMISSION', SERIOUS, { selfReported: true })],
      SEVERE,
      true,
    ],
    [
      'a serious breach after a serious one of another type',
      'OUT_OF_SCOPE_BILLING',
      [prior('SPLIT_ADMISSION', SERIOUS)],
      SERIOUS,
      false,
    ],
    [
      'a fourth breach',
      'NO_PRICE_DISCLOSURE',
      [prior('A', MINOR), prior('B', MINOR), prior('C', GENERAL)],
      MINOR,
      false,
    ],
    [
      'a fifth breach, minor',
      'NO_PRICE_DISCLOSURE',
      [prior('A', MINOR), prior('B', MINOR), prior('C', GENERAL), prior('D', MINOR)],
      SEVERE,
      true,
    ],
    [
      'a fifth breach, two earlier ones self-reported',
      'COSTS_SHIFTED_TO_PATIENT',
      [
        prior('A', MINOR, { selfReported: true }),
        prior('B', SERIOUS, { selfReported: true }),
        prior('C', GENERAL),
        prior('D', MINOR),
      ],
      SEVERE,
      true,
    ],
    [
      'a sixth breach',
      'NO_PRICE_DISCLOSURE',
      [
        prior('A', MINOR),
        prior('B', MINOR),
        prior('C', MINOR),
        prior('D', MINOR),
        prior('E', MINOR),
      ],
      SEVERE,
      true,
    ],
    [
      'a fifth breach already severe: not lowered, not escalated',
      'IDENTITY_NOT_VERIFIED',
      [prior('A', MINOR), prior('B', MINOR), prior('C', MINOR), prior('D', MINOR)],
      SEVERE,
      false,
    ],
    [
      'a fifth breach already grave: never lowered',
      'FAKE_TREATMENT_FRAUD',
      [prior('A', MINOR), prior('B', MINOR), prior('C', MINOR), prior('D', MINOR)],
      GRAVE,
      false,
    ],
  ])('%s (%s) → %s', (_name, code, priorBreaches, tier, escalated) => {
    const r = violationTier(input(code, { priorBreaches, amount: new Money('100.00') }));
    expect([r.tier, r.escalated]).toEqual([tier, escalated]);
    expect(r.escalatedBy).toEqual(escalated ? ['REPEATED_BREACHES'] : []);
  });

  it.each<[BreachTier, BreachTier, BreachTier, boolean]>([
    [MINOR, SERIOUS, SERIOUS, false],
    [SERIOUS, MINOR, MINOR, false],
    [SERIOUS, SERIOUS, SEVERE, true],
    [SEVERE, SERIOUS, SEVERE, true],
  ])(
    'a stock ratio breach after one of %s, measured %s → %s',
    (before, measuredTier, tier, escalated) => {
      const r = violationTier(
        input('STOCK_RATIO', { measuredTier, priorBreaches: [prior('STOCK_RATIO', before)] }),
      );
      expect([r.tier, r.escalated]).toEqual([tier, escalated]);
    },
  );

  it('counts to five', () => {
    expect(ESCALATION_BREACH_COUNT).toBe(5);
  });

  it.each<[string, boolean, PriorBreach[], BreachTier, string[]]>([
    [
      'second suspension',
      true,
      [prior('A', SEVERE, { suspended: true })],
      GRAVE,
      ['REPEATED_SUSPENSION'],
    ],
    ['first suspension', true, [prior('A', SEVERE)], SEVERE, []],
    ['no suspension asked after one', false, [prior('A', SEVERE, { suspended: true })], SEVERE, []],
  ])('a severe breach, %s → %s', (_name, suspensionRequested, priorBreaches, tier, by) => {
    const r = violationTier(input('IDENTITY_NOT_VERIFIED', { suspensionRequested, priorBreaches }));
    expect([r.baseTier, r.tier, r.escalated, r.escalatedBy]).toEqual([
      SEVERE,
      tier,
      tier !== SEVERE,
      by,
    ]);
  });

  it('escalates a repeated serious breach to severe, then a second suspension to grave', () => {
    const r = violationTier(
      input('OUT_OF_SCOPE_BILLING', {
        suspensionRequested: true,
        priorBreaches: [prior('OUT_OF_SCOPE_BILLING', SEVERE, { suspended: true })],
      }),
    );
    expect([r.baseTier, r.tier, r.escalatedBy]).toEqual([
      SERIOUS,
      GRAVE,
      ['REPEATED_BREACHES', 'REPEATED_SUSPENSION'],
    ]);
  });

  it('ignores a suspension asked for a breach that cannot be suspended (the penalty rule refuses it)', () => {
    const r = violationTier(
      input('OUT_OF_SCOPE_BILLING', {
        suspensionRequested: true,
        priorBreaches: [prior('A', SEVERE, { suspended: true })],
      }),
    );
    expect([r.tier, r.escalated]).toEqual([SERIOUS, false]);
  });

  it('drops the officer-decision flag of 虚记 between 10 000 and 30 000 once the breach is grave', () => {
    const r = violationTier(
      input('FICTITIOUS_CHARGES', {
        amount: new Money('15000.00'),
        suspensionRequested: true,
        priorBreaches: [prior('A', SEVERE, { suspended: true })],
      }),
    );
    expect([r.tier, r.needsOfficerDecision]).toEqual([GRAVE, false]);
  });
});

describe('self-report (art. 72)', () => {
  const many = [prior('A', MINOR), prior('B', MINOR), prior('C', MINOR), prior('D', MINOR)];

  it('is lenient and never escalated, not fraud', () => {
    const r = violationTier(
      input('OUT_OF_SCOPE_BILLING', {
        selfReported: true,
        suspensionRequested: true,
        priorBreaches: [...many, prior('OUT_OF_SCOPE_BILLING', SERIOUS, { suspended: true })],
      }),
    );
    expect([r.tier, r.escalated, r.lenient, r.fraud, r.escalatedBy]).toEqual([
      SERIOUS,
      false,
      true,
      false,
      [],
    ]);
  });

  it('keeps the amount rule: a self-reported 串换 of 100 000 is grave, and lenient', () => {
    const r = violationTier(
      input('ITEM_SUBSTITUTION', { selfReported: true, amount: new Money('100000.00') }),
    );
    expect([r.tier, r.lenient]).toEqual([GRAVE, true]);
  });

  it.each<[string, string | null, BreachTier, BreachTier]>([
    ['FICTITIOUS_CHARGES', '5000.00', SEVERE, GRAVE],
    ['FAKE_TREATMENT_FRAUD', null, GRAVE, GRAVE],
  ])('gives fraud (%s) no leniency and escalates it', (code, amount, base, tier) => {
    const r = violationTier(
      input(code, {
        selfReported: true,
        amount: amount === null ? null : new Money(amount),
        suspensionRequested: true,
        priorBreaches: [prior('A', SEVERE, { suspended: true })],
      }),
    );
    expect([r.baseTier, r.tier, r.lenient, r.fraud]).toEqual([base, tier, false, true]);
  });

  it('is not lenient when detected otherwise', () => {
    expect(violationTier(input('OUT_OF_SCOPE_BILLING')).lenient).toBe(false);
  });
});

describe('refusals', () => {
  it('refuses an unknown code on input.violationCode', () => {
    const e = refusal(() => violationTier(input('NOT_A_CODE')));
    expect([e.code, e.field]).toEqual([ErrorCode.BAD_USER_INPUT, 'input.violationCode']);
  });

  it('refuses a negative amount on input.violatingAmount', () => {
    const e = refusal(() =>
      violationTier(input('FICTITIOUS_CHARGES', { amount: new Money('-0.01') })),
    );
    expect([e.code, e.field]).toEqual([ErrorCode.BAD_USER_INPUT, 'input.violatingAmount']);
  });
});
