import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { DomainError, ErrorCode } from '../../../shared/domain-error';
import { Money } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import { BreachTier } from '../breach-tier.enum';
import {
  type PenaltyAction,
  type PenaltyAmountInput,
  type PenaltyAmounts,
  penaltyAmounts,
} from './penalty-amount.rule';
import type { EscalationCode } from './violation-tier.rule';

const { MINOR, GENERAL, SERIOUS, SEVERE, GRAVE } = BreachTier;
const TERMS = DEFAULT_TERMS[AgreementKind.DESIGNATED_INSTITUTION];

interface Case {
  readonly tier: BreachTier;
  /** The tier before escalation; default `tier`. */
  readonly baseTier?: BreachTier;
  readonly amount?: string | null;
  readonly multiplier?: string;
  readonly occurrences?: number;
  readonly suspensionMonths?: number;
  readonly lenient?: boolean;
  readonly flagged?: boolean;
  readonly escalatedBy?: EscalationCode[];
  readonly noticeOn?: string;
}

const build = (c: Case): PenaltyAmountInput => ({
  breach: {
    tier: c.tier,
    baseTier: c.baseTier ?? c.tier,
    lenient: c.lenient ?? false,
    needsOfficerDecision: c.flagged ?? false,
    escalatedBy: c.escalatedBy ?? [],
  },
  violatingAmount: c.amount === undefined || c.amount === null ? null : new Money(c.amount),
  occurrences: c.occurrences,
  multiplier: c.multiplier === undefined ? undefined : new Money(c.multiplier),
  suspensionMonths: c.suspensionMonths,
  noticeOn: c.noticeOn ?? '2024-01-29',
  terms: TERMS,
});

const amounts = (c: Case): PenaltyAmounts => penaltyAmounts(build(c));

const money = (x: Decimal): string => x.toFixed(2);

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

describe('penaltyAmounts: recovered, damages, total (arts. 64–66, annex 16; rules.md §7.2)', () => {
  it('computes the rules.md §9 example: OUT_OF_SCOPE_BILLING, 8 000.00, k = 2', () => {
    const p = amounts({ tier: SERIOUS, amount: '8000.00', multiplier: '2' });
    expect([money(p.recoveredAmount), money(p.damages), money(p.totalDue)]).toEqual([
      '8000.00',
      '16000.00',
      '24000.00',
    ]);
    expect(p.multiplier?.toString()).toBe('2');
    expect(p.actions).toEqual(['WITHHOLD', 'RECOVER']);
    expect(p.needsOfficerDecision).toBe(false);
  });

  it.each<[string, Case, string, string, string, string | null]>([
    // [name, case, recovered, damages, total, k]
    [
      'serious, default k = 1',
      { tier: SERIOUS, amount: '8000.00' },
      '8000.00',
      '8000.00',
      '16000.00',
      '1',
    ],
    [
      'serious, k = 1.5, half-up to the cent',
      { tier: SERIOUS, amount: '333.33', multiplier: '1.5' },
      '333.33',
      '500.00',
      '833.33',
      '1.5',
    ],
    [
      'serious, k = 1.25 on 0.02',
      { tier: SERIOUS, amount: '0.02', multiplier: '1.25' },
      '0.02',
      '0.03',
      '0.05',
      '1.25',
    ],
    [
      'serious, no amount: 1 000 per occurrence',
      { tier: SERIOUS },
      '0.00',
      '1000.00',
      '1000.00',
      null,
    ],
    [
      'serious, no amount, 3 occurrences',
      { tier: SERIOUS, occurrences: 3 },
      '0.00',
      '3000.00',
      '3000.00',
      null,
    ],
    [
      'serious, amount 0 is no amount',
      { tier: SERIOUS, amount: '0.00', occurrences: 2 },
      '0.00',
      '2000.00',
      '2000.00',
      null,
    ],
    [
      'serious, occurrences ignored beside an amount',
      { tier: SERIOUS, amount: '100.00', occurrences: 4 },
      '100.00',
      '100.00',
      '200.00',
      '1',
    ],
    ['severe, k = 3', { tier: SEVERE, amount: '5000.00' }, '5000.00', '15000.00', '20000.00', '3'],
    ['severe, no amount: no damages', { tier: SEVERE }, '0.00', '0.00', '0.00', null],
    [
      'grave, default k = 3',
      { tier: GRAVE, amount: '30000.00' },
      '30000.00',
      '90000.00',
      '120000.00',
      '3',
    ],
    [
      'grave, k = 5',
      { tier: GRAVE, amount: '30000.00', multiplier: '5' },
      '30000.00',
      '150000.00',
      '180000.00',
      '5',
    ],
    [
      'grave, k = 4.25',
      { tier: GRAVE, amount: '1234.57', multiplier: '4.25' },
      '1234.57',
      '5246.92',
      '6481.49',
      '4.25',
    ],
    ['grave, no amount', { tier: GRAVE }, '0.00', '0.00', '0.00', null],
    // arts. 43, 51: the violating amount is recovered at every tier; minor and general carry no damages
    [
      'minor: recovered, no damages',
      { tier: MINOR, amount: '100.00' },
      '100.00',
      '0.00',
      '100.00',
      null,
    ],
    [
      'general: recovered, no damages',
      { tier: GENERAL, amount: '100.00' },
      '100.00',
      '0.00',
      '100.00',
      null,
    ],
    [
      'minor, 5 000.00 found by inspection: recovered like the self-reported refund',
      { tier: MINOR, amount: '5000.00' },
      '5000.00',
      '0.00',
      '5000.00',
      null,
    ],
    ['general, one fen', { tier: GENERAL, amount: '0.01' }, '0.01', '0.00', '0.01', null],
    ['minor, no amount: nothing', { tier: MINOR }, '0.00', '0.00', '0.00', null],
    [
      'general, amount 0.00: nothing',
      { tier: GENERAL, amount: '0.00' },
      '0.00',
      '0.00',
      '0.00',
      null,
    ],
    [
      'self-reported serious: refund only',
      { tier: SERIOUS, amount: '8000.00', lenient: true },
      '8000.00',
      '0.00',
      '8000.00',
      null,
    ],
    [
      'self-reported minor: refund only',
      { tier: MINOR, amount: '120.50', lenient: true },
      '120.50',
      '0.00',
      '120.50',
      null,
    ],
    [
      'self-reported serious, no amount: nothing',
      { tier: SERIOUS, lenient: true },
      '0.00',
      '0.00',
      '0.00',
      null,
    ],
    [
      'self-reported grave (not fraud): refund only',
      { tier: GRAVE, amount: '150000.00', lenient: true },
      '150000.00',
      '0.00',
      '150000.00',
      null,
    ],
  ])('%s', (_name, c, recovered, damages, total, k) => {
    const p = amounts(c);
    expect([money(p.recoveredAmount), money(p.damages), money(p.totalDue)]).toEqual([
      recovered,
      damages,
      total,
    ]);
    expect(p.multiplier?.toString() ?? null).toBe(k);
    // invariants: every amount in cents, total = recovered + damages
    for (const x of [p.recoveredAmount, p.damages, p.totalDue]) {
      expect(x.decimalPlaces()).toBeLessThanOrEqual(2);
      expect(x.isNegative()).toBe(false);
    }
    expect(p.totalDue.equals(p.recoveredAmount.plus(p.damages))).toBe(true);
  });

  it('uses the terms: per-occurrence damages and ranges are data', () => {
    const terms = {
      ...TERMS,
      nonFeeDamagesPerOccurrence: new Money('500'),
      damagesRanges: [
        {
          tier: 'SERIOUS' as const,
          minMultiplier: new Money('1.2'),
          maxMultiplier: new Money('2'),
        },
        ...TERMS.damagesRanges.filter((r) => r.tier !== 'SERIOUS'),
      ],
    };
    expect(
      money(penaltyAmounts({ ...build({ tier: SERIOUS, occurrences: 2 }), terms }).damages),
    ).toBe('1000.00');
    expect(
      money(penaltyAmounts({ ...build({ tier: SERIOUS, amount: '1000.00' }), terms }).damages),
    ).toBe('1200.00');
  });
});

describe('multiplier (k within the tier range, default the lowest)', () => {
  it.each<[BreachTier, string]>([
    [SERIOUS, '1'],
    [SERIOUS, '2'],
    [SERIOUS, '1.75'],
    [SEVERE, '3'],
    [GRAVE, '3'],
    [GRAVE, '5'],
  ])('accepts %s k = %s', (tier, k) => {
    expect(amounts({ tier, amount: '100.00', multiplier: k }).multiplier?.toString()).toBe(k);
  });

  it.each<[string, Case]>([
    ['serious k = 0.99', { tier: SERIOUS, amount: '100.00', multiplier: '0.99' }],
    ['serious k = 2.01', { tier: SERIOUS, amount: '100.00', multiplier: '2.01' }],
    ['serious k = 0', { tier: SERIOUS, amount: '100.00', multiplier: '0' }],
    ['severe k = 2.99', { tier: SEVERE, amount: '100.00', multiplier: '2.99' }],
    ['severe k = 3.5', { tier: SEVERE, amount: '100.00', multiplier: '3.5' }],
    ['grave k = 2', { tier: GRAVE, amount: '100.00', multiplier: '2' }],
    ['grave k = 5.01', { tier: GRAVE, amount: '100.00', multiplier: '5.01' }],
    ['minor, any k', { tier: MINOR, amount: '100.00', multiplier: '1' }],
    ['general, any k', { tier: GENERAL, multiplier: '1' }],
    ['self-reported, any k', { tier: SERIOUS, amount: '100.00', multiplier: '1', lenient: true }],
    ['serious without amount, k outside', { tier: SERIOUS, multiplier: '3' }],
  ])('refuses %s on input.multiplier', (_name, c) => {
    const e = refusal(() => amounts(c));
    expect([e.code, e.field]).toEqual([ErrorCode.BAD_USER_INPUT, 'input.multiplier']);
  });
});

describe('actions per tier (rules.md §7.2)', () => {
  it.each<[string, Case, PenaltyAction[]]>([
    ['minor without an amount', { tier: MINOR }, ['INTERVIEW', 'RECTIFICATION']],
    [
      'minor with an amount',
      { tier: MINOR, amount: '10.00' },
      ['INTERVIEW', 'RECTIFICATION', 'RECOVER'],
    ],
    ['general without an amount', { tier: GENERAL }, ['INTERVIEW', 'RECTIFICATION', 'WITHHOLD']],
    [
      'general with an amount',
      { tier: GENERAL, amount: '10.00' },
      ['INTERVIEW', 'RECTIFICATION', 'WITHHOLD', 'RECOVER'],
    ],
    ['serious with an amount', { tier: SERIOUS, amount: '10.00' }, ['WITHHOLD', 'RECOVER']],
    ['serious without', { tier: SERIOUS }, ['WITHHOLD']],
    ['severe with an amount', { tier: SEVERE, amount: '10.00' }, ['WITHHOLD', 'RECOVER']],
    [
      'severe, suspended',
      { tier: SEVERE, amount: '10.00', suspensionMonths: 2 },
      ['WITHHOLD', 'RECOVER', 'SUSPEND'],
    ],
    [
      'severe without an amount, suspended',
      { tier: SEVERE, suspensionMonths: 1 },
      ['WITHHOLD', 'SUSPEND'],
    ],
    ['grave with an amount', { tier: GRAVE, amount: '10.00' }, ['RECOVER', 'TERMINATE', 'PUBLISH']],
    ['grave without', { tier: GRAVE }, ['TERMINATE', 'PUBLISH']],
    [
      'self-reported with an amount',
      { tier: GRAVE, amount: '10.00', lenient: true },
      ['INTERVIEW', 'RECTIFICATION', 'REFUND'],
    ],
    ['self-reported without', { tier: SEVERE, lenient: true }, ['INTERVIEW', 'RECTIFICATION']],
  ])('%s → %j', (_name, c, actions) => {
    expect(amounts(c).actions).toEqual(actions);
  });
});

describe('needsOfficerDecision', () => {
  it.each<[string, Case, boolean]>([
    ['severe without an amount', { tier: SEVERE }, true],
    ['severe without an amount, suspended', { tier: SEVERE, suspensionMonths: 3 }, true],
    ['severe with an amount', { tier: SEVERE, amount: '1.00' }, false],
    [
      'flagged by the tier rule (虚记 10 000–30 000)',
      { tier: SEVERE, amount: '15000.00', flagged: true },
      true,
    ],
    ['grave without an amount', { tier: GRAVE }, false],
    ['serious without an amount', { tier: SERIOUS }, false],
    ['self-reported severe without an amount', { tier: SEVERE, lenient: true }, false],
  ])('%s → %s', (_name, c, flagged) => {
    expect(amounts(c).needsOfficerDecision).toBe(flagged);
  });
});

describe('suspension and termination (arts. 65, 66; rules.md §7.3; Civil Code arts. 201, 202)', () => {
  it.each<[string, number, string, string]>([
    // rules.md §7.3: notice 2024-01-31, 1 month → 2024-02-01 to 2024-02-29
    ['2024-01-31', 1, '2024-02-01', '2024-02-29'],
    ['2024-01-29', 1, '2024-01-30', '2024-02-29'],
    ['2024-03-31', 1, '2024-04-01', '2024-04-30'],
    ['2024-08-31', 6, '2024-09-01', '2025-02-28'],
    ['2024-05-15', 6, '2024-05-16', '2024-11-15'],
    ['2023-12-31', 2, '2024-01-01', '2024-02-29'],
    ['2024-12-31', 1, '2025-01-01', '2025-01-31'],
  ])(
    'a severe breach noticed %s, suspended %i month(s) → %s to %s',
    (noticeOn, months, first, last) => {
      const p = amounts({ tier: SEVERE, amount: '100.00', suspensionMonths: months, noticeOn });
      expect([p.suspensionFrom, p.suspensionTo, p.terminatedOn]).toEqual([first, last, null]);
    },
  );

  it.each<[string, Case]>([
    ['no months', { tier: SEVERE }],
    ['0 months', { tier: SEVERE, suspensionMonths: 0 }],
    ['serious, 0 months', { tier: SERIOUS, suspensionMonths: 0 }],
  ])('has no suspension for %s', (_name, c) => {
    const p = amounts(c);
    expect([p.suspensionFrom, p.suspensionTo]).toEqual([null, null]);
    expect(p.actions).not.toContain('SUSPEND');
  });

  it.each<[string, Case]>([
    ['7 months', { tier: SEVERE, suspensionMonths: 7 }],
    ['-1 months', { tier: SEVERE, suspensionMonths: -1 }],
    ['1.5 months', { tier: SEVERE, suspensionMonths: 1.5 }],
    ['a serious breach', { tier: SERIOUS, suspensionMonths: 1 }],
    ['a minor breach', { tier: MINOR, suspensionMonths: 1 }],
    ['a grave breach', { tier: GRAVE, suspensionMonths: 1 }],
    ['a self-reported severe breach', { tier: SEVERE, lenient: true, suspensionMonths: 1 }],
  ])('refuses a suspension of %s on input.suspensionMonths', (_name, c) => {
    const e = refusal(() => amounts(c));
    expect([e.code, e.field]).toEqual([ErrorCode.BAD_USER_INPUT, 'input.suspensionMonths']);
  });

  it('takes the longest suspension from the terms', () => {
    const terms = { ...TERMS, maxSuspensionMonths: 3 };
    const ok = penaltyAmounts({ ...build({ tier: SEVERE, suspensionMonths: 3 }), terms });
    expect([ok.suspensionFrom, ok.suspensionTo]).toEqual(['2024-01-30', '2024-04-29']);
    const e = refusal(() =>
      penaltyAmounts({ ...build({ tier: SEVERE, suspensionMonths: 4 }), terms }),
    );
    expect(e.field).toBe('input.suspensionMonths');
  });

  it('terminates a grave breach on the notice date', () => {
    const p = amounts({ tier: GRAVE, amount: '100.00', noticeOn: '2024-06-03' });
    expect([p.terminatedOn, p.suspensionFrom]).toEqual(['2024-06-03', null]);
  });

  it('turns the second suspension of the term into the termination (66(十四))', () => {
    const p = amounts({
      tier: GRAVE,
      amount: '100.00',
      suspensionMonths: 2,
      escalatedBy: ['REPEATED_SUSPENSION'],
      noticeOn: '2024-06-03',
    });
    expect([p.suspensionFrom, p.suspensionTo, p.terminatedOn]).toEqual([null, null, '2024-06-03']);
    expect(p.actions).toEqual(['RECOVER', 'TERMINATE', 'PUBLISH']);
    expect(money(p.damages)).toBe('300.00');
  });

  it('does not terminate a self-reported grave breach (art. 72)', () => {
    expect(amounts({ tier: GRAVE, amount: '100.00', lenient: true }).terminatedOn).toBeNull();
  });
});

describe('refused amounts', () => {
  it.each<[string, Case, string]>([
    ['a negative violating amount', { tier: SERIOUS, amount: '-1.00' }, 'input.violatingAmount'],
    ['three decimals', { tier: SERIOUS, amount: '1.005' }, 'input.violatingAmount'],
    ['0 occurrences', { tier: SERIOUS, occurrences: 0 }, 'input.occurrences'],
    ['1.5 occurrences', { tier: SERIOUS, occurrences: 1.5 }, 'input.occurrences'],
  ])('%s on %s', (_name, c, field) => {
    const e = refusal(() => amounts(c));
    expect([e.code, e.field]).toEqual([ErrorCode.BAD_USER_INPUT, field]);
  });
});

describe('escalation never lowers the money (rules.md §7.3)', () => {
  it.each<[string, Case, string, string, boolean, boolean]>([
    // [name, case, damages, total, flagged, damagesFromBaseTier]
    [
      'a no-amount SERIOUS breach escalated to SEVERE still pays 1 000 per occurrence, flagged',
      { baseTier: SERIOUS, tier: SEVERE, escalatedBy: ['REPEATED_BREACHES'] },
      '1000.00',
      '1000.00',
      true,
      true,
    ],
    [
      'the second of two 3-occurrence no-amount SERIOUS breaches, escalated: 3 000.00 like the first',
      {
        baseTier: SERIOUS,
        tier: SEVERE,
        occurrences: 3,
        escalatedBy: ['REPEATED_BREACHES'],
      },
      '3000.00',
      '3000.00',
      true,
      true,
    ],
    [
      'violating amount 0.00 is no amount alike',
      { baseTier: SERIOUS, tier: SEVERE, amount: '0.00', escalatedBy: ['REPEATED_BREACHES'] },
      '1000.00',
      '1000.00',
      true,
      true,
    ],
    [
      'no-amount SERIOUS escalated to SEVERE, then GRAVE by a second suspension',
      {
        baseTier: SERIOUS,
        tier: GRAVE,
        occurrences: 2,
        suspensionMonths: 1,
        escalatedBy: ['REPEATED_BREACHES', 'REPEATED_SUSPENSION'],
      },
      '2000.00',
      '2000.00',
      true,
      true,
    ],
    [
      'with an amount the escalated tier charges more: its own 3 ×',
      { baseTier: SERIOUS, tier: SEVERE, amount: '1000.00', escalatedBy: ['REPEATED_BREACHES'] },
      '3000.00',
      '4000.00',
      false,
      false,
    ],
    [
      'a no-amount MINOR breach escalated to SEVERE (fifth breach): no damages either way, flagged as severe',
      { baseTier: MINOR, tier: SEVERE, escalatedBy: ['REPEATED_BREACHES'] },
      '0.00',
      '0.00',
      true,
      false,
    ],
    [
      'a GENERAL breach of 500.00 escalated to SEVERE: recovered, 3 × damages',
      { baseTier: GENERAL, tier: SEVERE, amount: '500.00', escalatedBy: ['REPEATED_BREACHES'] },
      '1500.00',
      '2000.00',
      false,
      false,
    ],
  ])('%s', (_name, c, damages, total, flagged, fromBase) => {
    const p = amounts(c);
    expect([
      money(p.damages),
      money(p.totalDue),
      p.needsOfficerDecision,
      p.damagesFromBaseTier,
    ]).toEqual([damages, total, flagged, fromBase]);
  });

  it('keeps the base tier’s lowest k where the terms make the escalated tier cheaper', () => {
    const terms = {
      ...TERMS,
      damagesRanges: [
        { tier: 'SERIOUS' as const, minMultiplier: new Money('2'), maxMultiplier: new Money('2') },
        { tier: 'SEVERE' as const, minMultiplier: new Money('1.5'), maxMultiplier: new Money('3') },
        { tier: 'GRAVE' as const, minMultiplier: new Money('3'), maxMultiplier: new Money('5') },
      ],
    };
    const p = penaltyAmounts({
      ...build({
        baseTier: SERIOUS,
        tier: SEVERE,
        amount: '100.00',
        escalatedBy: ['REPEATED_BREACHES'],
      }),
      terms,
    });
    expect([money(p.damages), p.multiplier?.toString(), p.damagesFromBaseTier]).toEqual([
      '200.00',
      '2',
      true,
    ]);
  });

  const tierArb = fc.constantFrom(MINOR, GENERAL, SERIOUS, SEVERE, GRAVE);
  const amountArb = fc.option(
    fc.bigInt({ min: 0n, max: 10_000_000_000n }).map((c) => new Money(c.toString()).dividedBy(100)),
    { nil: null },
  );
  const RANK = [MINOR, GENERAL, SERIOUS, SEVERE, GRAVE];

  it('property: damages(escalated) ≥ damages(the tier before escalation), for any amount and occurrences', () => {
    fc.assert(
      fc.property(
        tierArb,
        tierArb,
        amountArb,
        fc.integer({ min: 1, max: 10_000 }),
        (a, b, amount, occurrences) => {
          const [base, tier] = RANK.indexOf(a) <= RANK.indexOf(b) ? [a, b] : [b, a];
          const common = {
            violatingAmount: amount,
            occurrences,
            noticeOn: '2024-01-29',
            terms: TERMS,
          };
          const escalated = penaltyAmounts({
            ...common,
            breach: {
              tier,
              baseTier: base,
              lenient: false,
              needsOfficerDecision: false,
              escalatedBy: tier === base ? [] : ['REPEATED_BREACHES'],
            },
          });
          const unescalated = penaltyAmounts({
            ...common,
            breach: {
              tier: base,
              baseTier: base,
              lenient: false,
              needsOfficerDecision: false,
              escalatedBy: [],
            },
          });
          expect(escalated.damages.greaterThanOrEqualTo(unescalated.damages)).toBe(true);
          // recovery does not depend on the tier (arts. 43, 51)
          expect(escalated.recoveredAmount.equals(unescalated.recoveredAmount)).toBe(true);
          expect(escalated.totalDue.equals(escalated.recoveredAmount.plus(escalated.damages))).toBe(
            true,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('property: the violating amount is recovered at every tier, lenient or not', () => {
    fc.assert(
      fc.property(tierArb, amountArb, fc.boolean(), (tier, amount, lenient) => {
        const p = penaltyAmounts({
          breach: { tier, baseTier: tier, lenient, needsOfficerDecision: false, escalatedBy: [] },
          violatingAmount: amount,
          noticeOn: '2024-01-29',
          terms: TERMS,
        });
        expect(money(p.recoveredAmount)).toBe(amount === null ? '0.00' : money(amount));
        expect(p.actions.includes(lenient ? 'REFUND' : 'RECOVER')).toBe(
          amount !== null && !amount.isZero(),
        );
      }),
      { numRuns: 500 },
    );
  });
});
