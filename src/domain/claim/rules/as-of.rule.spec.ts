import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { addDays } from '../../../shared/calendar-date';
import { Money } from '../../../shared/money';
import {
  claimStandingOn,
  isOverdueAsOf,
  type ClaimFacts,
  type DatedAdjustment,
} from './as-of.rule';

const m = (s: string): Decimal => new Money(s);

/** A claim of benefit 23 400.00 due 2024-05-20 (the §9 deadline example), unpaid, as stored now. */
const claim = (patch: Partial<ClaimFacts> = {}): ClaimFacts => ({
  benefit: m('23400.00'),
  status: 'ADJUDICATED',
  paymentDueOn: '2024-05-20',
  paidOn: null,
  ...patch,
});
const review = (appliedOn: string, delta: string): DatedAdjustment => ({
  kind: 'REVIEW',
  appliedOn,
  benefitDelta: m(delta),
});
const reversal = (appliedOn: string, delta = '-23400.00'): DatedAdjustment => ({
  kind: 'REVERSAL',
  appliedOn,
  benefitDelta: m(delta),
});

describe('isOverdueAsOf (rules.md §3.4: as the claim stood that day)', () => {
  it.each<[string, ClaimFacts, DatedAdjustment[], string, boolean]>([
    // The due date: payment on it is on time; the day after, unpaid, it is overdue.
    ['unpaid, on its due date', claim(), [], '2024-05-20', false],
    ['unpaid, the day after its due date', claim(), [], '2024-05-21', true],
    ['no benefit', claim({ benefit: m('0.00') }), [], '2024-06-10', false],
    ['REJECTED', claim({ status: 'REJECTED', benefit: m('0.00') }), [], '2024-06-10', false],
    // Payments by their own day.
    ['paid on asOf', claim({ status: 'PAID', paidOn: '2024-06-10' }), [], '2024-06-10', false],
    [
      'paid the day after asOf',
      claim({ status: 'PAID', paidOn: '2024-06-11' }),
      [],
      '2024-06-10',
      true,
    ],
    // Reversals by their own day: the reversal on asOf counts, the day after does not.
    [
      'reversed on asOf',
      claim({ status: 'REVERSED' }),
      [reversal('2024-06-10')],
      '2024-06-10',
      false,
    ],
    [
      'reversed the day after asOf',
      claim({ status: 'REVERSED' }),
      [reversal('2024-06-11')],
      '2024-06-10',
      true,
    ],
    [
      'paid, then reversed the day after asOf (paid by asOf)',
      claim({ status: 'REVERSED', paidOn: '2024-06-01' }),
      [reversal('2024-06-11')],
      '2024-06-10',
      false,
    ],
    // Reviews by their own day: one that takes the whole benefit back counts from its day.
    [
      'reviewed to nothing on asOf',
      claim(),
      [review('2024-06-10', '-23400.00')],
      '2024-06-10',
      false,
    ],
    [
      'reviewed to nothing the day after asOf',
      claim(),
      [review('2024-06-11', '-23400.00')],
      '2024-06-10',
      true,
    ],
    [
      'reviewed in part before asOf',
      claim(),
      [review('2024-06-01', '-6000.00')],
      '2024-06-10',
      true,
    ],
    [
      'a review that found nothing, then a reversal after asOf',
      claim({ status: 'REVERSED' }),
      [review('2024-05-25', '0.00'), reversal('2024-06-11')],
      '2024-06-10',
      true,
    ],
  ])('%s', (_name, c, adjustments, asOf, expected) => {
    expect(isOverdueAsOf(c, adjustments, asOf)).toBe(expected);
  });
});

describe('claimStandingOn', () => {
  it.each<[string, ClaimFacts, DatedAdjustment[], string, string, string]>([
    ['as adjudicated', claim(), [], '2024-06-10', 'ADJUDICATED', '23400.00'],
    [
      'paid by then',
      claim({ status: 'PAID', paidOn: '2024-06-10' }),
      [],
      '2024-06-10',
      'PAID',
      '23400.00',
    ],
    [
      'paid later',
      claim({ status: 'PAID', paidOn: '2024-06-11' }),
      [],
      '2024-06-10',
      'ADJUDICATED',
      '23400.00',
    ],
    [
      'reviewed, then reversed later',
      claim({ status: 'REVERSED' }),
      [review('2024-06-03', '-6000.00'), reversal('2024-07-01', '-17400.00')],
      '2024-06-30',
      'ADJUDICATED',
      '17400.00',
    ],
    [
      'reviewed, then reversed by then',
      claim({ status: 'REVERSED' }),
      [review('2024-06-03', '-6000.00'), reversal('2024-07-01', '-17400.00')],
      '2024-07-01',
      'REVERSED',
      '0.00',
    ],
    [
      'REJECTED stays REJECTED',
      claim({ status: 'REJECTED' }),
      [],
      '2024-01-01',
      'REJECTED',
      '23400.00',
    ],
  ])('%s', (_name, c, adjustments, asOf, status, net) => {
    const s = claimStandingOn(c, adjustments, asOf);
    expect([s.status, s.netBenefit.toFixed(2)]).toEqual([status, net]);
  });
});

describe('a past answer never changes with a later-dated event (property)', () => {
  const day = fc.integer({ min: 0, max: 120 }).map((n) => addDays('2024-04-01', n));
  const cents = fc.integer({ min: 0, max: 5_000_000 }).map((n) => new Money(n).div(100));
  const adjustment = fc.record({
    kind: fc.constantFrom('REVIEW', 'REVERSAL'),
    appliedOn: day,
    benefitDelta: cents.map((c) => c.negated()),
  });
  const facts = fc.record({
    benefit: cents,
    status: fc.constantFrom('ADJUDICATED', 'PAID', 'REJECTED', 'REVERSED' as const),
    paymentDueOn: day,
    paidOn: fc.option(day, { nil: null }),
  });

  it('adding reviews or reversals dated after asOf, or a payment after asOf, leaves isOverdueAsOf unchanged', () => {
    fc.assert(
      fc.property(
        facts,
        fc.array(adjustment, { maxLength: 4 }),
        day,
        fc.array(adjustment, { maxLength: 4 }),
        fc.integer({ min: 1, max: 30 }),
        (c, earlier, asOf, later, after) => {
          const before = earlier.filter((a) => a.appliedOn <= asOf);
          const answer = isOverdueAsOf({ ...c, paidOn: null }, before, asOf);
          // Later events: adjustments dated after asOf, a reversal after asOf, a payment after asOf.
          const dated = later.map((a) => ({ ...a, appliedOn: addDays(asOf, after) }));
          const status = dated.some((a) => a.kind === 'REVERSAL') ? 'REVERSED' : 'PAID';
          const laterClaim = { ...c, status, paidOn: addDays(asOf, after) } as ClaimFacts;
          return (
            c.status === 'REJECTED' ||
            isOverdueAsOf(laterClaim, [...before, ...dated], asOf) === answer
          );
        },
      ),
    );
  });

  it('an overdue claim has a benefit above 0 before and after the reviews applied by then', () => {
    fc.assert(
      fc.property(facts, fc.array(adjustment, { maxLength: 4 }), day, (c, adjustments, asOf) => {
        if (!isOverdueAsOf(c, adjustments, asOf)) {
          return true;
        }
        return (
          c.benefit.greaterThan(0) &&
          claimStandingOn(c, adjustments, asOf).netBenefit.greaterThan(0) &&
          c.paymentDueOn < asOf &&
          (c.paidOn === null || c.paidOn > asOf)
        );
      }),
    );
  });
});
