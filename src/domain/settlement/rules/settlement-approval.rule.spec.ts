import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { ErrorCode } from '../../../shared/domain-error';
import { Money, ZERO } from '../../../shared/money';
import type { OffsetPenalty } from './penalty-offsets.rule';
import { approvalOutcome, checkApproval, checkPayment } from './settlement-approval.rule';
import type { SettlementItemFact, SettlementState } from './settlement-items.rule';

const m = (s: string): Decimal => new Money(s);
const MAY: SettlementState = { id: 's-may', status: 'DECLARED', declaredOn: '2024-06-07' };
const P: OffsetPenalty = {
  id: 'p',
  noticeOn: '2024-01-29',
  dueOn: '2024-03-14',
  enforceableFrom: '2024-03-29',
  totalDue: m('24000.00'),
  payments: [],
};
const item = (
  kind: SettlementItemFact['kind'],
  amount: string,
  claimId: string,
): SettlementItemFact => ({
  settlementId: 's-may',
  kind,
  claimId,
  penaltyId: null,
  amount: m(amount),
  recordedOn: '2024-06-10',
});
const MAY_ITEMS = [item('DEDUCTION', '500.50', 'c2'), item('WITHHELD', '4999.50', 'c3')];

describe('checkApproval', () => {
  it.each<[string, SettlementState, string, string, unknown]>([
    ['on the declaration day', MAY, '2024-06-07', '2024-06-07', 'accepted'],
    ['a later day', MAY, '2024-06-20', '2024-06-25', 'accepted'],
    ['today', MAY, '2024-06-20', '2024-06-20', 'accepted'],
    ['before the declaration', MAY, '2024-06-06', '2024-06-20', { field: 'approvedOn' }],
    ['after today', MAY, '2024-06-21', '2024-06-20', { field: 'approvedOn' }],
    ['not a date', MAY, '2024-06-31', '2024-07-20', { field: 'approvedOn' }],
    [
      'already approved',
      { ...MAY, status: 'APPROVED' },
      '2024-06-20',
      '2024-06-20',
      { code: ErrorCode.CONFLICT, field: 'settlementId' },
    ],
    [
      'already paid',
      { ...MAY, status: 'PAID' },
      '2024-06-20',
      '2024-06-20',
      { code: ErrorCode.CONFLICT, field: 'settlementId' },
    ],
  ])('%s', (_, settlement, approvedOn, today, expected) => {
    const r = checkApproval(settlement, approvedOn, today);
    if (expected === 'accepted') {
      expect(r).toEqual({ ok: true, value: approvedOn });
    } else {
      expect(r).toMatchObject({ ok: false, refusal: expected });
    }
  });
});

describe('approvalOutcome (Suining arts. 43, 67)', () => {
  const may = { id: 's-may', declaredAmount: m('41000.00') };

  it('offsets P in full on 2024-06-20: netPayable 11 500.00 (rules.md §10.3)', () => {
    const out = approvalOutcome({
      settlement: may,
      items: MAY_ITEMS,
      penalties: [P],
      approvedOn: '2024-06-20',
      offsetPenalties: true,
    });
    expect(out.offsetItems).toEqual([
      {
        settlementId: 's-may',
        kind: 'PENALTY_OFFSET',
        claimId: null,
        penaltyId: 'p',
        amount: m('24000.00'),
        recordedOn: '2024-06-20',
      },
    ]);
    expect(out.figures.penaltyOffsets.toFixed(2)).toBe('24000.00');
    expect(out.figures.netPayable.toFixed(2)).toBe('11500.00');
    expect([out.status, out.paidOn]).toEqual(['APPROVED', null]);
  });

  it('approves without offsets when party A so chooses', () => {
    const out = approvalOutcome({
      settlement: may,
      items: MAY_ITEMS,
      penalties: [P],
      approvedOn: '2024-06-20',
      offsetPenalties: false,
    });
    expect(out.offsetItems).toEqual([]);
    expect(out.figures.netPayable.toFixed(2)).toBe('35500.00');
  });

  it('stops the offsets at 0 and pays a settlement approved at 0.00 on its approval date', () => {
    const out = approvalOutcome({
      settlement: { id: 's-may', declaredAmount: m('25000.00') },
      items: MAY_ITEMS,
      penalties: [P],
      approvedOn: '2024-06-20',
      offsetPenalties: true,
    });
    expect(out.offsetItems.map((i) => i.amount.toFixed(2))).toEqual(['19500.00']);
    expect(out.figures.netPayable.toFixed(2)).toBe('0.00');
    expect([out.status, out.paidOn]).toEqual(['PAID', '2024-06-20']);
  });

  it('pays an empty settlement on approval', () => {
    const out = approvalOutcome({
      settlement: { id: 's-aug', declaredAmount: ZERO },
      items: [],
      penalties: [P],
      approvedOn: '2024-09-20',
      offsetPenalties: true,
    });
    expect([out.offsetItems.length, out.status, out.paidOn]).toEqual([0, 'PAID', '2024-09-20']);
  });

  it('never leaves netPayable below 0 and offsets only what was left (property)', () => {
    const fen = (n: number) => new Money(n).div(100);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 4 }),
        fc.boolean(),
        (declared, parts, totals, offset) => {
          // deductions and withholdings of claims whose fund shares sum to `declared`
          let left = declared;
          const items = parts.map((p, i) => {
            const amount = Math.floor((left * p) / 100);
            left -= amount;
            return item(i % 2 === 0 ? 'DEDUCTION' : 'WITHHELD', fen(amount).toFixed(2), `c${i}`);
          });
          const penalties = totals.map((t, i) => ({ ...P, id: `p${i}`, totalDue: fen(t) }));
          const out = approvalOutcome({
            settlement: { id: 's-may', declaredAmount: fen(declared) },
            items: items.filter((i) => i.amount.greaterThan(0)),
            penalties,
            approvedOn: '2024-06-20',
            offsetPenalties: offset,
          });
          expect(out.figures.netPayable.isNegative()).toBe(false);
          expect(out.figures.netPayable.toFixed(2)).toBe(
            fen(declared)
              .minus(out.figures.deductions)
              .minus(out.figures.withheld)
              .plus(out.figures.released)
              .minus(out.figures.penaltyOffsets)
              .toFixed(2),
          );
          const due = penalties.reduce((s, p) => s.plus(p.totalDue), ZERO);
          const before = fen(left);
          expect(out.figures.penaltyOffsets.toFixed(2)).toBe(
            (offset ? Money.min(due, before) : ZERO).toFixed(2),
          );
          expect(out.status === 'PAID').toBe(out.figures.netPayable.isZero());
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('checkPayment', () => {
  const approved = { status: 'APPROVED' as const, approvedOn: '2024-06-20' };
  const hold = { startsOn: '2024-07-10', liftedOn: '2024-07-24' };
  it.each<[string, Partial<Parameters<typeof checkPayment>[0]>, unknown]>([
    ['on the approval day', { paidOn: '2024-06-20' }, 'accepted'],
    ['today', { paidOn: '2024-07-30', today: '2024-07-30' }, 'accepted'],
    ['the day before a hold', { paidOn: '2024-07-09', holds: [hold] }, 'accepted'],
    ['on the day the hold is lifted', { paidOn: '2024-07-24', holds: [hold] }, 'accepted'],
    ['on the first held day', { paidOn: '2024-07-10', holds: [hold] }, { field: 'paidOn' }],
    ['on the last held day', { paidOn: '2024-07-23', holds: [hold] }, { field: 'paidOn' }],
    [
      'under an open hold',
      { paidOn: '2024-07-29', holds: [{ startsOn: '2024-07-10', liftedOn: null }] },
      { field: 'paidOn' },
    ],
    ['before the approval', { paidOn: '2024-06-19' }, { field: 'paidOn' }],
    ['after today', { paidOn: '2024-07-31' }, { field: 'paidOn' }],
    ['not a date', { paidOn: '2024-06-31' }, { field: 'paidOn' }],
    [
      'before approval (still DECLARED)',
      { settlement: { status: 'DECLARED', approvedOn: null } },
      { code: ErrorCode.BAD_USER_INPUT, field: 'settlementId' },
    ],
    [
      'twice',
      { settlement: { status: 'PAID', approvedOn: '2024-06-20' } },
      { code: ErrorCode.CONFLICT, field: 'settlementId' },
    ],
  ])('%s', (_, patch, expected) => {
    const r = checkPayment({
      settlement: approved,
      paidOn: '2024-06-25',
      today: '2024-07-30',
      holds: [],
      ...patch,
    });
    if (expected === 'accepted') {
      expect(r.ok).toBe(true);
    } else {
      expect(r).toMatchObject({ ok: false, refusal: expected });
    }
  });
});
