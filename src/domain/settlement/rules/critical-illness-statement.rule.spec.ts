import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { addDays } from '../../../shared/calendar-date';
import { Money, ZERO } from '../../../shared/money';
import {
  criticalIllnessStatement,
  type AppliedAdjustment,
  type StatementClaim,
} from './critical-illness-statement.rule';

const m = (s: string): Decimal => new Money(s);
const H = 'hospital-H';
const CI = 'ci-2024';

const claim = (id: string, patch: Partial<StatementClaim> = {}): StatementClaim => ({
  id,
  channel: 'DIRECT',
  institutionId: H,
  agreementId: CI,
  status: 'ADJUDICATED',
  declaredOn: '2024-05-20',
  benefit: m('100.00'),
  ...patch,
});
const adjustment = (
  claimId: string,
  appliedOn: string,
  delta: string,
  patch: Partial<AppliedAdjustment> = {},
): AppliedAdjustment => ({
  claimId,
  channel: 'DIRECT',
  institutionId: H,
  agreementId: CI,
  appliedOn,
  benefitDelta: m(delta),
  ...patch,
});

const statement = (
  month: string,
  claims: readonly StatementClaim[],
  adjustments: readonly AppliedAdjustment[] = [],
) => {
  const s = criticalIllnessStatement({
    institutionId: H,
    agreementId: CI,
    month,
    claims,
    adjustments,
  });
  return {
    claimCount: s.claimCount,
    benefits: s.benefits.toFixed(2),
    clawbacks: s.clawbacks.toFixed(2),
    net: s.net.toFixed(2),
  };
};

describe('criticalIllnessStatement (Henan art. 16; rules.md §10.2)', () => {
  it.each<[string, StatementClaim[], AppliedAdjustment[], string, object]>([
    [
      'counts a claim declared in the month',
      [claim('a')],
      [],
      '2024-05',
      { claimCount: 1, benefits: '100.00', clawbacks: '0.00', net: '100.00' },
    ],
    [
      'on the first and last day of the month',
      [claim('a', { declaredOn: '2024-05-01' }), claim('b', { declaredOn: '2024-05-31' })],
      [],
      '2024-05',
      { claimCount: 2, benefits: '200.00' },
    ],
    [
      'not one declared the day before or after',
      [claim('a', { declaredOn: '2024-04-30' }), claim('b', { declaredOn: '2024-06-01' })],
      [],
      '2024-05',
      { claimCount: 0, benefits: '0.00' },
    ],
    [
      'zero-benefit claims count',
      [claim('a', { benefit: ZERO })],
      [],
      '2024-05',
      { claimCount: 1, benefits: '0.00' },
    ],
    [
      'a REVERSED claim stays, as adjudicated',
      [claim('a', { status: 'REVERSED' })],
      [],
      '2024-05',
      { claimCount: 1, benefits: '100.00' },
    ],
    [
      'a PAID claim counts',
      [claim('a', { status: 'PAID' })],
      [],
      '2024-05',
      { claimCount: 1, benefits: '100.00' },
    ],
    [
      'a REJECTED claim is left out',
      [claim('a', { status: 'REJECTED' })],
      [],
      '2024-05',
      { claimCount: 0 },
    ],
    [
      'a MANUAL claim is left out',
      [claim('a', { channel: 'MANUAL' })],
      [],
      '2024-05',
      { claimCount: 0 },
    ],
    [
      'another institution’s claim is left out',
      [claim('a', { institutionId: 'other' })],
      [],
      '2024-05',
      { claimCount: 0 },
    ],
    [
      'a claim under another agreement is left out',
      [claim('a', { agreementId: 'ci-2023' })],
      [],
      '2024-05',
      { claimCount: 0 },
    ],
    [
      'claws back a review applied in the month before, as a positive amount',
      [],
      [adjustment('a', '2024-06-03', '-6000.00')],
      '2024-07',
      { claimCount: 0, benefits: '0.00', clawbacks: '6000.00', net: '-6000.00' },
    ],
    [
      'on the first and last day of the month before',
      [],
      [adjustment('a', '2024-06-01', '-1.00'), adjustment('b', '2024-06-30', '-2.00')],
      '2024-07',
      { clawbacks: '3.00' },
    ],
    [
      'not in the month it applied, nor two months later',
      [],
      [adjustment('a', '2024-06-03', '-6000.00')],
      '2024-06',
      { clawbacks: '0.00' },
    ],
    [
      'across the year',
      [],
      [adjustment('a', '2023-12-31', '-5.00')],
      '2024-01',
      { clawbacks: '5.00' },
    ],
    [
      'a review that found nothing claws back nothing',
      [],
      [adjustment('a', '2024-06-03', '0.00')],
      '2024-07',
      { clawbacks: '0.00' },
    ],
    [
      'a MANUAL claim’s clawback is recovered from the person, not here',
      [],
      [adjustment('a', '2024-06-03', '-10.00', { channel: 'MANUAL' })],
      '2024-07',
      { clawbacks: '0.00' },
    ],
    [
      'another institution’s clawback is not here',
      [],
      [adjustment('a', '2024-06-03', '-10.00', { institutionId: 'other' })],
      '2024-07',
      { clawbacks: '0.00' },
    ],
    [
      'a month’s benefits less the month before’s clawbacks',
      [claim('a', { declaredOn: '2024-07-02', benefit: m('500.00') })],
      [adjustment('b', '2024-06-03', '-600.00'), adjustment('c', '2024-07-03', '-1.00')],
      '2024-07',
      { claimCount: 1, benefits: '500.00', clawbacks: '600.00', net: '-100.00' },
    ],
  ])('%s', (_, claims, adjustments, month, expected) => {
    expect(statement(month, claims, adjustments)).toMatchObject(expected);
  });
});

describe('criticalIllnessStatement (property: a flow that never rewrites a past month)', () => {
  const fen = (n: number) => new Money(n).div(100);
  const claimArb = fc.record({
    id: fc.uuid(),
    channel: fc.constantFrom('DIRECT' as const, 'MANUAL' as const),
    institutionId: fc.constantFrom(H, 'other'),
    agreementId: fc.constant(CI),
    status: fc.constantFrom(
      'ADJUDICATED' as const,
      'PAID' as const,
      'REJECTED' as const,
      'REVERSED' as const,
    ),
    declaredOn: fc.integer({ min: 0, max: 365 }).map((n) => addDays('2024-01-01', n)),
    benefit: fc.integer({ min: 0, max: 5_000_000 }).map(fen),
  });
  const adjustmentArb = fc.record({
    claimId: fc.uuid(),
    channel: fc.constantFrom('DIRECT' as const, 'MANUAL' as const),
    institutionId: fc.constantFrom(H, 'other'),
    agreementId: fc.constant(CI),
    appliedOn: fc.integer({ min: 0, max: 365 }).map((n) => addDays('2024-01-01', n)),
    benefitDelta: fc.integer({ min: -5_000_000, max: 0 }).map(fen),
  });

  it('over a year, the statements add up to every benefit less every clawback, and adding events later changes no earlier month', () => {
    const months = Array.from({ length: 13 }, (_, i) =>
      i < 12 ? `2024-${String(i + 1).padStart(2, '0')}` : '2025-01',
    );
    fc.assert(
      fc.property(
        fc.array(claimArb, { maxLength: 30 }),
        fc.array(adjustmentArb, { maxLength: 30 }),
        (claims, adjustments) => {
          const ours = (c: { channel: string; institutionId: string }) =>
            c.channel === 'DIRECT' && c.institutionId === H;
          const all = months.map((month) =>
            criticalIllnessStatement({
              institutionId: H,
              agreementId: CI,
              month,
              claims,
              adjustments,
            }),
          );
          const net = all.reduce((s, x) => s.plus(x.net), ZERO);
          const expected = claims
            .filter((c) => ours(c) && c.status !== 'REJECTED')
            .reduce((s, c) => s.plus(c.benefit), ZERO)
            .plus(adjustments.filter(ours).reduce((s, a) => s.plus(a.benefitDelta), ZERO));
          expect(net.toFixed(2)).toBe(expected.toFixed(2));
          for (const x of all) {
            expect(x.clawbacks.isNegative()).toBe(false);
            expect(x.net.toFixed(2)).toBe(x.benefits.minus(x.clawbacks).toFixed(2));
          }
          // events of a later month (claims declared, adjustments applied in 2025) leave 2024 as it was
          const later = criticalIllnessStatement({
            institutionId: H,
            agreementId: CI,
            month: '2024-12',
            claims: [...claims, claim('late', { declaredOn: '2025-01-02' })],
            adjustments: [...adjustments, adjustment('late', '2024-12-31', '-9.00')],
          });
          expect(later.benefits.toFixed(2)).toBe(all[11]!.benefits.toFixed(2));
          expect(later.clawbacks.toFixed(2)).toBe(all[11]!.clawbacks.toFixed(2));
        },
      ),
      { numRuns: 300 },
    );
  });
});
