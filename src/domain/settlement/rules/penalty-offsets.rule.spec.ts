import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { addDays } from '../../../shared/calendar-date';
import { Money, ZERO } from '../../../shared/money';
import { amountPaid, penaltyStatusOn } from '../../penalty/rules/penalty-dates.rule';
import { penaltyOffsets, type OffsetPenalty } from './penalty-offsets.rule';

const m = (s: string): Decimal => new Money(s);

/** P of rules.md §10.3: 24 000.00, notice 2024-01-29, due 2024-03-14, enforceable from 2024-03-29, unpaid. */
const P: OffsetPenalty = {
  id: 'p',
  noticeOn: '2024-01-29',
  dueOn: '2024-03-14',
  enforceableFrom: '2024-03-29',
  totalDue: m('24000.00'),
  payments: [],
};

const show = (offsets: ReturnType<typeof penaltyOffsets>): string[] =>
  offsets.map((o) => `${o.penaltyId} ${o.amount.toFixed(2)}`);

describe('penaltyOffsets (Suining art. 67; rules.md §7.4, §10.1)', () => {
  it.each<[string, readonly OffsetPenalty[], string, string, string[]]>([
    ['§10.3: P in full out of 35 500.00', [P], '2024-06-20', '35500.00', ['p 24000.00']],
    ['up to what the settlement leaves', [P], '2024-06-20', '10000.00', ['p 10000.00']],
    ['exactly the outstanding', [P], '2024-06-20', '24000.00', ['p 24000.00']],
    ['nothing from an empty settlement', [P], '2024-06-20', '0.00', []],
    ['nothing from a negative balance', [P], '2024-06-20', '-5.00', []],
    ['enforceable on its first day', [P], '2024-03-29', '50000.00', ['p 24000.00']],
    ['not the day before (OPEN)', [P], '2024-03-28', '50000.00', []],
    [
      'less what was paid',
      [{ ...P, payments: [{ paidOn: '2024-03-01', amount: m('20000.00') }] }],
      '2024-06-20',
      '50000.00',
      ['p 4000.00'],
    ],
    [
      'not a penalty paid off by the approval date (PAID)',
      [{ ...P, payments: [{ paidOn: '2024-06-01', amount: m('24000.00') }] }],
      '2024-06-20',
      '50000.00',
      [],
    ],
    [
      'less a payment recorded with a later date (never beyond the total)',
      [{ ...P, payments: [{ paidOn: '2024-06-25', amount: m('23000.00') }] }],
      '2024-06-20',
      '50000.00',
      ['p 1000.00'],
    ],
    [
      'nothing when later-dated payments cover it',
      [{ ...P, payments: [{ paidOn: '2024-06-25', amount: m('24000.00') }] }],
      '2024-06-20',
      '50000.00',
      [],
    ],
    [
      'oldest dueOn first, then noticeOn, then id, until nothing is left',
      [
        {
          ...P,
          id: 'late',
          dueOn: '2024-04-01',
          enforceableFrom: '2024-04-16',
          totalDue: m('300.00'),
        },
        { ...P, id: 'b', totalDue: m('200.00') },
        { ...P, id: 'a', totalDue: m('100.00') },
        { ...P, id: 'early-notice', noticeOn: '2024-01-28', totalDue: m('50.00') },
      ],
      '2024-06-20',
      '500.00',
      ['early-notice 50.00', 'a 100.00', 'b 200.00', 'late 150.00'],
    ],
    [
      'by dueOn before noticeOn: a later notice due earlier goes first',
      [
        {
          ...P,
          id: 'x',
          noticeOn: '2024-01-02',
          dueOn: '2024-05-06',
          enforceableFrom: '2024-05-21',
        },
        {
          ...P,
          id: 'y',
          noticeOn: '2024-02-01',
          dueOn: '2024-03-01',
          enforceableFrom: '2024-03-15',
        },
      ],
      '2024-06-20',
      '30000.00',
      ['y 24000.00', 'x 6000.00'],
    ],
    [
      'skipping one not yet enforceable',
      [
        {
          ...P,
          id: 'open',
          dueOn: '2024-06-01',
          enforceableFrom: '2024-06-21',
          totalDue: m('10.00'),
        },
        { ...P, id: 'p2', dueOn: '2024-06-02', totalDue: m('10.00') },
      ],
      '2024-06-20',
      '500.00',
      ['p2 10.00'],
    ],
  ])('%s', (_, penalties, approvedOn, available, expected) => {
    expect(show(penaltyOffsets(penalties, approvedOn, m(available)))).toEqual(expected);
  });
});

const fen = (n: number): Decimal => new Money(n).div(100);

const penaltyArb: fc.Arbitrary<OffsetPenalty> = fc
  .record({
    id: fc.uuid(),
    notice: fc.integer({ min: 0, max: 300 }),
    dueAfter: fc.integer({ min: 0, max: 60 }),
    graceAfter: fc.integer({ min: 1, max: 20 }),
    total: fc.integer({ min: 0, max: 5_000_000 }),
    payments: fc.array(
      fc.record({ day: fc.integer({ min: 0, max: 400 }), part: fc.integer({ min: 0, max: 100 }) }),
      { maxLength: 3 },
    ),
  })
  .map(({ id, notice, dueAfter, graceAfter, total, payments }) => {
    const noticeOn = addDays('2024-01-01', notice);
    const dueOn = addDays(noticeOn, dueAfter);
    // payments together never above the total, some dated after the approval
    let left = total;
    const ps = payments.map((p) => {
      const amount = Math.floor((left * p.part) / 100);
      left -= amount;
      return { paidOn: addDays('2024-01-01', p.day), amount: fen(amount) };
    });
    return {
      id,
      noticeOn,
      dueOn,
      enforceableFrom: addDays(dueOn, graceAfter),
      totalDue: fen(total),
      payments: ps,
    };
  });

describe('penaltyOffsets (properties)', () => {
  const args = fc.tuple(
    fc.uniqueArray(penaltyArb, { selector: (p) => p.id, maxLength: 8 }),
    fc.integer({ min: 0, max: 400 }).map((n) => addDays('2024-01-01', n)),
    fc.integer({ min: -100_000, max: 20_000_000 }).map(fen),
  );

  it('never exceeds a penalty’s outstanding nor what the settlement leaves, and takes the oldest first', () => {
    fc.assert(
      fc.property(args, ([penalties, approvedOn, available]) => {
        const offsets = penaltyOffsets(penalties, approvedOn, available);
        const byId = new Map(penalties.map((p) => [p.id, p]));
        const total = offsets.reduce((s, o) => s.plus(o.amount), ZERO);

        // never makes netPayable negative; offsets stop at 0
        expect(total.lessThanOrEqualTo(Money.max(available, ZERO))).toBe(true);
        for (const o of offsets) {
          const p = byId.get(o.penaltyId)!;
          expect(o.amount.greaterThan(0)).toBe(true);
          // never beyond what is outstanding, every recorded payment counted
          expect(o.amount.lessThanOrEqualTo(p.totalDue.minus(amountPaid(p.payments)))).toBe(true);
          expect(penaltyStatusOn(p, p.payments, approvedOn)).toBe('ENFORCEABLE');
        }
        expect(new Set(offsets.map((o) => o.penaltyId)).size).toBe(offsets.length);

        // oldest first: the offsets come in (dueOn, noticeOn, id) order …
        const key = (id: string) => {
          const p = byId.get(id)!;
          return `${p.dueOn} ${p.noticeOn} ${p.id}`;
        };
        const keys = offsets.map((o) => key(o.penaltyId));
        expect(keys).toEqual([...keys].sort());
        // … each but the last is paid in full, and a younger eligible penalty gets nothing while an older one
        // is not paid in full
        offsets.slice(0, -1).forEach((o) => {
          const p = byId.get(o.penaltyId)!;
          expect(o.amount.toFixed(2)).toBe(p.totalDue.minus(amountPaid(p.payments)).toFixed(2));
        });
        const eligible = penalties.filter(
          (p) =>
            penaltyStatusOn(p, p.payments, approvedOn) === 'ENFORCEABLE' &&
            p.totalDue.minus(amountPaid(p.payments)).greaterThan(0),
        );
        const offsetIds = new Set(offsets.map((o) => o.penaltyId));
        const last = offsets[offsets.length - 1];
        for (const p of eligible) {
          if (!offsetIds.has(p.id) && last !== undefined) {
            expect(key(p.id) > key(last.penaltyId)).toBe(true);
          }
        }
        // nothing left on the table: either every eligible penalty is paid off or the settlement is used up
        const outstanding = eligible.reduce(
          (s, p) => s.plus(p.totalDue.minus(amountPaid(p.payments))),
          ZERO,
        );
        expect(total.toFixed(2)).toBe(
          Money.min(outstanding, Money.max(available, ZERO)).toFixed(2),
        );
      }),
      { numRuns: 400 },
    );
  });
});
