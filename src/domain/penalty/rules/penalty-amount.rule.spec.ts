import type Decimal from 'decimal.js';

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
    ['minor: no money', { tier: MINOR, amount: '100.00' }, '0.00', '0.00', '0.00', null],
    ['general: no money', { tier: GENERAL, amount: '100.00' }, '0.00', '0.00', '0.00', null],
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
    ['minor', { tier: MINOR }, ['INTERVIEW', 'RECTIFICATION']],
    ['general', { tier: GENERAL, amount: '10.00' }, ['INTERVIEW', 'RECTIFICATION', 'WITHHOLD']],
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

describe('suspension and termination (arts. 65, 66; rules.md §7.3; Civil Code art. 202)', () => {
  it.each<[string, number, string]>([
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-01-29', 1, '2024-02-29'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-08-31', 6, '2025-02-28'],
    ['2024-05-15', 6, '2024-11-15'],
    ['2023-12-31', 2, '2024-02-29'],
  ])(
    'a severe breach noticed %s, suspended %i month(s) → last day %s',
    (noticeOn, months, last) => {
      const p = amounts({ tier: SEVERE, amount: '100.00', suspensionMonths: months, noticeOn });
      expect([p.suspensionFrom, p.suspensionTo, p.terminatedOn]).toEqual([noticeOn, last, null]);
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
    expect(ok.suspensionTo).toBe('2024-04-29');
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
