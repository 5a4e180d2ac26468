import fc from 'fast-check';

import { DomainError, ErrorCode } from '../../../shared/domain-error';
import { Money } from '../../../shared/money';
import { BreachTier } from '../breach-tier.enum';
import {
  type BreachThresholdTerms,
  DEFAULT_BREACH_THRESHOLDS,
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
    const r = violationTier(input(code, { violatingAmount: new Money('1000.00') }));
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
    const r = violationTier(
      input(code, { violatingAmount: amount === null ? null : new Money(amount) }),
    );
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
        violatingAmount: new Money(amount),
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
    const r = violationTier(input(code, { priorBreaches, violatingAmount: new Money('100.00') }));
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
        violatingAmount: new Money('15000.00'),
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
      input('ITEM_SUBSTITUTION', { selfReported: true, violatingAmount: new Money('100000.00') }),
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
        violatingAmount: amount === null ? null : new Money(amount),
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
      violationTier(input('FICTITIOUS_CHARGES', { violatingAmount: new Money('-0.01') })),
    );
    expect([e.code, e.field]).toEqual([ErrorCode.BAD_USER_INPUT, 'input.violatingAmount']);
  });
});

const money = (s: string | null): Money | null => (s === null ? null : new Money(s));

describe('thresholds on the amount involved (涉及金额; rules.md §7.2; 64(五), 65(二)/66(三), 65(三)/66(六))', () => {
  it.each<
    [string, string, string | null, string | null, string | null, BreachTier, string, boolean]
  >([
    // [name, code, amountInvolved, violatingAmount, purchasesTotal, tier, article, flagged]
    [
      'rules.md §7.2: offline purchases 60 000.00, 0.00 charged to the fund → SERIOUS',
      'OFFLINE_PROCUREMENT',
      '60000.00',
      '0.00',
      null,
      SERIOUS,
      '64(五)',
      false,
    ],
    [
      'offline purchases 60 000.00, nothing charged (null)',
      'OFFLINE_PROCUREMENT',
      '60000.00',
      null,
      null,
      SERIOUS,
      '64(五)',
      false,
    ],
    [
      'offline 49 999.99 involved, 60 000 violating: the involved amount decides',
      'OFFLINE_PROCUREMENT',
      '49999.99',
      '60000.00',
      null,
      GENERAL,
      '63(一)',
      false,
    ],
    [
      'offline 50 000.00 involved: 达到 includes the number',
      'OFFLINE_PROCUREMENT',
      '50000.00',
      '100.00',
      null,
      SERIOUS,
      '64(五)',
      false,
    ],
    [
      'without amountInvolved the violating amount stands in for it',
      'OFFLINE_PROCUREMENT',
      null,
      '50000.00',
      null,
      SERIOUS,
      '64(五)',
      false,
    ],
    [
      'offline 15 000.00 of purchases 100 000.01 (15% = 15 000.0015, not rounded): GENERAL',
      'OFFLINE_PROCUREMENT',
      '15000.00',
      '15000.00',
      '100000.01',
      GENERAL,
      '63(一)',
      false,
    ],
    [
      'offline 15 000.01 of purchases 100 000.01: SERIOUS',
      'OFFLINE_PROCUREMENT',
      '15000.01',
      '0.00',
      '100000.01',
      SERIOUS,
      '64(五)',
      false,
    ],
    [
      'offline 30 000.00 of purchases 200 000.00, exactly 15%: SERIOUS',
      'OFFLINE_PROCUREMENT',
      '30000.00',
      null,
      '200000.00',
      SERIOUS,
      '64(五)',
      false,
    ],
    [
      'offline 0.00 involved of purchases 200 000.00: GENERAL',
      'OFFLINE_PROCUREMENT',
      '0.00',
      null,
      '200000.00',
      GENERAL,
      '63(一)',
      false,
    ],
    [
      'offline 10.00 involved, purchases 0.00 (unknown share): GENERAL',
      'OFFLINE_PROCUREMENT',
      '10.00',
      null,
      '0.00',
      GENERAL,
      '63(一)',
      false,
    ],
    [
      '虚记 9 999.99 involved: SEVERE',
      'FICTITIOUS_CHARGES',
      '9999.99',
      '9999.99',
      null,
      SEVERE,
      '65(二)',
      false,
    ],
    [
      '虚记 10 000.00 involved, 2 000.00 in the fund’s scope: SEVERE, flagged',
      'FICTITIOUS_CHARGES',
      '10000.00',
      '2000.00',
      null,
      SEVERE,
      '65(二)',
      true,
    ],
    [
      '虚记 29 999.99 involved: SEVERE, flagged',
      'FICTITIOUS_CHARGES',
      '29999.99',
      '29999.99',
      null,
      SEVERE,
      '65(二)',
      true,
    ],
    [
      '虚记 30 000.00 involved, 5 000.00 violating: GRAVE',
      'FICTITIOUS_CHARGES',
      '30000.00',
      '5000.00',
      null,
      GRAVE,
      '66(三)',
      false,
    ],
    [
      '虚记 5 000.00 involved, 30 000.00 violating: SEVERE (the threshold is on the involved amount)',
      'FICTITIOUS_CHARGES',
      '5000.00',
      '30000.00',
      null,
      SEVERE,
      '65(二)',
      false,
    ],
    [
      '串换 99 999.99 involved: SEVERE',
      'ITEM_SUBSTITUTION',
      '99999.99',
      '500.00',
      null,
      SEVERE,
      '65(三)',
      false,
    ],
    [
      '串换 100 000.00 involved, 500.00 violating: GRAVE',
      'ITEM_SUBSTITUTION',
      '100000.00',
      '500.00',
      null,
      GRAVE,
      '66(六)',
      false,
    ],
    [
      'an entry without thresholds ignores the amount involved',
      'OUT_OF_SCOPE_BILLING',
      '999999.00',
      '8000.00',
      '1.00',
      SERIOUS,
      '64(一)',
      false,
    ],
  ])('%s', (_name, code, involved, violating, total, tier, article, flagged) => {
    const r = violationTier(
      input(code, {
        amountInvolved: money(involved),
        violatingAmount: money(violating),
        purchasesTotal: money(total),
      }),
    );
    expect([r.tier, r.article, r.needsOfficerDecision]).toEqual([tier, article, flagged]);
    expect(r.amountInvolved?.toFixed(2) ?? null).toBe(involved ?? violating);
  });

  it('still reads the former name `amount` as the violating amount', () => {
    const r = violationTier(input('ITEM_SUBSTITUTION', { amount: new Money('100000.00') }));
    expect([r.tier, r.amountInvolved?.toFixed(2)]).toEqual([GRAVE, '100000.00']);
  });

  it.each<[keyof ViolationTierInput, string, string]>([
    ['amountInvolved', '-0.01', 'input.amountInvolved'],
    ['amountInvolved', '1.005', 'input.amountInvolved'],
    ['purchasesTotal', '-1.00', 'input.purchasesTotal'],
    ['purchasesTotal', '0.001', 'input.purchasesTotal'],
    ['violatingAmount', '0.001', 'input.violatingAmount'],
  ])('refuses %s %s on %s', (key, value, field) => {
    const e = refusal(() =>
      violationTier(input('OFFLINE_PROCUREMENT', { [key]: new Money(value) })),
    );
    expect([e.code, e.field]).toEqual([ErrorCode.BAD_USER_INPUT, field]);
  });

  it('property: the 15% branch is exactly 100 × involved ≥ 15 × purchases (amounts in fen)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 4_999_999n }),
        fc.bigInt({ min: 1n, max: 100_000_000n }),
        (involvedFen, totalFen) => {
          const r = violationTier(
            input('OFFLINE_PROCUREMENT', {
              amountInvolved: new Money(involvedFen.toString()).dividedBy(100),
              purchasesTotal: new Money(totalFen.toString()).dividedBy(100),
            }),
          );
          expect(r.tier).toBe(100n * involvedFen >= 15n * totalFen ? SERIOUS : GENERAL);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: a larger amount involved never gives a lighter tier', () => {
    const RANK = [MINOR, GENERAL, SERIOUS, SEVERE, GRAVE];
    fc.assert(
      fc.property(
        fc.constantFrom('OFFLINE_PROCUREMENT', 'FICTITIOUS_CHARGES', 'ITEM_SUBSTITUTION'),
        fc.bigInt({ min: 0n, max: 20_000_000n }),
        fc.bigInt({ min: 0n, max: 20_000_000n }),
        fc.option(fc.bigInt({ min: 1n, max: 100_000_000n }), { nil: null }),
        (code, a, b, total) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const tierOf = (fen: bigint) =>
            violationTier(
              input(code, {
                amountInvolved: new Money(fen.toString()).dividedBy(100),
                purchasesTotal: total === null ? null : new Money(total.toString()).dividedBy(100),
              }),
            ).tier;
          expect(RANK.indexOf(tierOf(hi))).toBeGreaterThanOrEqual(RANK.indexOf(tierOf(lo)));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('thresholds and counts are terms (rules.md preamble: every number is a default of the terms)', () => {
  const d = (s: string) => new Money(s);

  it('reads the seed values from the catalogue', () => {
    const t = DEFAULT_BREACH_THRESHOLDS;
    expect([
      t.offlineProcurementSeriousFrom.toFixed(),
      t.offlineProcurementSeriousShare.toFixed(),
      t.fictitiousChargesFlaggedFrom.toFixed(),
      t.fictitiousChargesGraveFrom.toFixed(),
      t.itemSubstitutionGraveFrom.toFixed(),
      t.repeatedSeriousCount,
      t.escalationBreachCount,
      t.repeatedSuspensionCount,
    ]).toEqual(['50000', '0.15', '10000', '30000', '100000', 2, 5, 2]);
  });

  const terms: BreachThresholdTerms = {
    offlineProcurementSeriousFrom: d('40000'),
    offlineProcurementSeriousShare: d('0.10'),
    fictitiousChargesFlaggedFrom: d('5000'),
    fictitiousChargesGraveFrom: d('20000'),
    itemSubstitutionGraveFrom: d('80000'),
    repeatedSeriousCount: 3,
    escalationBreachCount: 4,
    repeatedSuspensionCount: 3,
  };

  it.each<[string, string, string | null, BreachTier, boolean]>([
    ['OFFLINE_PROCUREMENT', '39999.99', null, GENERAL, false],
    ['OFFLINE_PROCUREMENT', '40000.00', null, SERIOUS, false],
    ['OFFLINE_PROCUREMENT', '10000.00', '100000.00', SERIOUS, false],
    ['OFFLINE_PROCUREMENT', '9999.99', '100000.00', GENERAL, false],
    ['FICTITIOUS_CHARGES', '4999.99', null, SEVERE, false],
    ['FICTITIOUS_CHARGES', '5000.00', null, SEVERE, true],
    ['FICTITIOUS_CHARGES', '20000.00', null, GRAVE, false],
    ['ITEM_SUBSTITUTION', '79999.99', null, SEVERE, false],
    ['ITEM_SUBSTITUTION', '80000.00', null, GRAVE, false],
  ])('%s %s (purchases %s) under other terms → %s', (code, involved, total, tier, flagged) => {
    const r = violationTier(
      input(code, { amountInvolved: d(involved), purchasesTotal: money(total), thresholds: terms }),
    );
    expect([r.tier, r.needsOfficerDecision]).toEqual([tier, flagged]);
  });

  it.each<[string, PriorBreach[], BreachTier]>([
    ['second serious of a type, 3 needed', [prior('SPLIT_ADMISSION', SERIOUS)], SERIOUS],
    [
      'third serious of a type',
      [prior('SPLIT_ADMISSION', SERIOUS), prior('SPLIT_ADMISSION', SERIOUS)],
      SEVERE,
    ],
    [
      'fourth breach of any tier',
      [prior('A', MINOR), prior('B', MINOR), prior('C', MINOR)],
      SEVERE,
    ],
  ])('escalation counts: %s → %s', (_name, priorBreaches, tier) => {
    const r = violationTier(input('SPLIT_ADMISSION', { priorBreaches, thresholds: terms }));
    expect(r.tier).toBe(tier);
  });

  it('a second suspension is not grave when the terms ask for three', () => {
    const r = violationTier(
      input('IDENTITY_NOT_VERIFIED', {
        suspensionRequested: true,
        priorBreaches: [prior('A', SEVERE, { suspended: true })],
        thresholds: terms,
      }),
    );
    expect(r.tier).toBe(SEVERE);
    const third = violationTier(
      input('IDENTITY_NOT_VERIFIED', {
        suspensionRequested: true,
        priorBreaches: [
          prior('A', SEVERE, { suspended: true }),
          prior('B', SEVERE, { suspended: true }),
        ],
        thresholds: terms,
      }),
    );
    expect(third.tier).toBe(GRAVE);
  });

  it('refuses terms whose grave step of 虚记 lies below the flagged one (a programming error)', () => {
    expect(() =>
      violationTier(
        input('FICTITIOUS_CHARGES', {
          amountInvolved: d('1.00'),
          thresholds: { ...terms, fictitiousChargesGraveFrom: d('4999.99') },
        }),
      ),
    ).toThrow(RangeError);
  });
});
