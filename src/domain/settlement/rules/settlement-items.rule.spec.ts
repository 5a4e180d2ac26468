import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { ErrorCode } from '../../../shared/domain-error';
import { Money, ZERO } from '../../../shared/money';
import {
  checkDeduction,
  checkRelease,
  checkWithholding,
  claimPosition,
  releaseItems,
  releasesPlacedBy,
  releaseTarget,
  reversalItems,
  settlementFigures,
  type ReleaseFact,
  type SettledClaim,
  type SettlementItemFact,
  type SettlementState,
} from './settlement-items.rule';

const m = (s: string): Decimal => new Money(s);

const MAY: SettlementState = { id: 's-may', status: 'DECLARED', declaredOn: '2024-06-07' };
const c2: SettledClaim = { id: 'c2', basicFundPaid: m('25000.50'), settlementId: 's-may' };
const c3: SettledClaim = { id: 'c3', basicFundPaid: m('4999.50'), settlementId: 's-may' };

const item = (
  kind: SettlementItemFact['kind'],
  amount: string,
  extra: Partial<SettlementItemFact> = {},
): SettlementItemFact => ({
  settlementId: 's-may',
  kind,
  claimId: kind === 'PENALTY_OFFSET' ? null : 'c2',
  penaltyId: kind === 'PENALTY_OFFSET' ? 'p' : null,
  amount: m(amount),
  recordedOn: '2024-06-10',
  ...extra,
});

const refusalOf = (r: { ok: boolean; refusal?: unknown }): unknown =>
  r.ok ? 'accepted' : r.refusal;

describe('settlementFigures (recomputed from the items)', () => {
  it('computes the §10.3 May figures', () => {
    const items = [
      item('DEDUCTION', '500.50'),
      item('WITHHELD', '4999.50', { claimId: 'c3' }),
      item('PENALTY_OFFSET', '24000.00'),
      item('DEDUCTION', '7.00', { settlementId: 's-june' }),
    ];
    const f = settlementFigures({ id: 's-may', declaredAmount: m('41000.00') }, items);
    expect(
      [f.declaredAmount, f.deductions, f.withheld, f.released, f.penaltyOffsets, f.netPayable].map(
        (x) => x.toFixed(2),
      ),
    ).toEqual(['41000.00', '500.50', '4999.50', '0.00', '24000.00', '11500.00']);
  });

  it('computes the §10.3 June figures', () => {
    const items = [
      item('RELEASED', '4999.50', { settlementId: 's-june', claimId: 'c3' }),
      item('DEDUCTION', '999.50', { settlementId: 's-june', claimId: 'c3' }),
    ];
    const f = settlementFigures({ id: 's-june', declaredAmount: m('0.00') }, items);
    expect([f.deductions, f.released, f.netPayable].map((x) => x.toFixed(2))).toEqual([
      '999.50',
      '4999.50',
      '4000.00',
    ]);
  });

  it('is the declared amount alone with no items', () => {
    const f = settlementFigures({ id: 's', declaredAmount: m('12.34') }, []);
    expect(f.netPayable.toFixed(2)).toBe('12.34');
    expect(f.deductions.toFixed(2)).toBe('0.00');
  });
});

describe('checkDeduction (Suining arts. 42, 51)', () => {
  const base = { settlement: MAY, claim: c2, items: [], release: null, recordedOn: '2024-06-10' };

  it('records a DEDUCTION of the amount on the settlement', () => {
    expect(checkDeduction({ ...base, amount: m('500.50') })).toEqual({
      ok: true,
      value: {
        settlementId: 's-may',
        kind: 'DEDUCTION',
        claimId: 'c2',
        penaltyId: null,
        amount: m('500.50'),
        recordedOn: '2024-06-10',
      },
    });
  });

  it.each<[string, Partial<Parameters<typeof checkDeduction>[0]>, unknown]>([
    ['the whole fund share', { amount: m('25000.50') }, 'accepted'],
    [
      'one fen above the fund share',
      { amount: m('25000.51') },
      { code: ErrorCode.BAD_USER_INPUT, field: 'amount' },
    ],
    [
      'what remains after an earlier deduction',
      { amount: m('24500.00'), items: [item('DEDUCTION', '500.50')] },
      'accepted',
    ],
    [
      'one fen more than remains',
      { amount: m('24500.01'), items: [item('DEDUCTION', '500.50')] },
      { field: 'amount' },
    ],
    [
      'counting deductions on other settlements',
      { amount: m('25000.00'), items: [item('DEDUCTION', '0.51', { settlementId: 's-june' })] },
      { field: 'amount' },
    ],
    [
      'ignoring other claims’ deductions',
      { amount: m('25000.50'), items: [item('DEDUCTION', '1.00', { claimId: 'c3' })] },
      'accepted',
    ],
    ['0', { amount: m('0') }, { field: 'amount' }],
    ['a negative amount', { amount: m('-1') }, { field: 'amount' }],
    ['three decimals', { amount: m('1.005') }, { field: 'amount' }],
    [
      'a claim of another settlement',
      { amount: m('1'), claim: { ...c2, settlementId: 's-june' } },
      { code: ErrorCode.BAD_USER_INPUT, field: 'claimId' },
    ],
    [
      'a claim not declared',
      { amount: m('1'), claim: { ...c2, settlementId: null } },
      { field: 'claimId' },
    ],
    [
      'an approved settlement',
      { amount: m('1'), settlement: { ...MAY, status: 'APPROVED' } },
      { code: ErrorCode.CONFLICT, field: 'settlementId' },
    ],
    [
      'a paid settlement',
      { amount: m('1'), settlement: { ...MAY, status: 'PAID' } },
      { code: ErrorCode.CONFLICT, field: 'settlementId' },
    ],
    [
      'a withheld claim',
      { amount: m('1'), items: [item('WITHHELD', '25000.50')] },
      { code: ErrorCode.BAD_USER_INPUT, field: 'claimId' },
    ],
    [
      'a withheld claim whose release is recorded, within what the release leaves',
      {
        amount: m('24000.50'),
        items: [item('WITHHELD', '25000.50')],
        release: { claimId: 'c2', releasedOn: '2024-06-15', refusedAmount: m('1000.00') },
      },
      'accepted',
    ],
    [
      'a withheld claim whose release is recorded, beyond what the release leaves',
      {
        amount: m('24000.51'),
        items: [item('WITHHELD', '25000.50')],
        release: { claimId: 'c2', releasedOn: '2024-06-15', refusedAmount: m('1000.00') },
      },
      { field: 'amount' },
    ],
  ])('%s', (_, patch, expected) => {
    const r = refusalOf(checkDeduction({ ...base, amount: m('1'), ...patch }));
    if (expected === 'accepted') {
      expect(r).toBe('accepted');
    } else {
      expect(r).toMatchObject(expected as object);
    }
  });
});

describe('checkWithholding (Suining arts. 43, 46)', () => {
  const base = { settlement: MAY, claim: c3, items: [], release: null, recordedOn: '2024-06-12' };

  it('withholds basicFundPaid less the deductions', () => {
    expect(checkWithholding(base)).toMatchObject({
      ok: true,
      value: { kind: 'WITHHELD', claimId: 'c3', settlementId: 's-may', recordedOn: '2024-06-12' },
    });
    const after = checkWithholding({
      ...base,
      items: [item('DEDUCTION', '999.50', { claimId: 'c3' })],
    });
    expect(after.ok && after.value.amount.toFixed(2)).toBe('4000.00');
  });

  it.each<[string, Partial<Parameters<typeof checkWithholding>[0]>, object]>([
    [
      'an approved settlement',
      { settlement: { ...MAY, status: 'APPROVED' } },
      { code: ErrorCode.CONFLICT, field: 'settlementId' },
    ],
    [
      'a claim of another settlement',
      { claim: { ...c3, settlementId: 's-x' } },
      { field: 'claimId' },
    ],
    [
      'a claim withheld already',
      { items: [item('WITHHELD', '4999.50', { claimId: 'c3' })] },
      { code: ErrorCode.BAD_USER_INPUT, field: 'claimId' },
    ],
    [
      'a claim withheld and released before',
      {
        items: [
          item('WITHHELD', '4999.50', { claimId: 'c3' }),
          item('RELEASED', '4999.50', { claimId: 'c3' }),
        ],
      },
      { field: 'claimId' },
    ],
    [
      'a claim deducted in full',
      { items: [item('DEDUCTION', '4999.50', { claimId: 'c3' })] },
      { field: 'claimId' },
    ],
  ])('refuses %s', (_, patch, expected) => {
    expect(refusalOf(checkWithholding({ ...base, ...patch }))).toMatchObject(expected);
  });
});

describe('checkRelease', () => {
  const withheld = item('WITHHELD', '4999.50', { claimId: 'c3', recordedOn: '2024-06-12' });
  const base = {
    claim: c3,
    items: [withheld],
    release: null,
    releasedOn: '2024-07-03',
    deductAmount: m('999.50'),
    today: '2024-07-05',
  };

  it('releases the whole withheld amount, refusing a part', () => {
    expect(checkRelease(base)).toEqual({
      ok: true,
      value: {
        claimId: 'c3',
        releasedOn: '2024-07-03',
        refusedAmount: m('999.50'),
        withheldAmount: m('4999.50'),
      },
    });
  });

  it.each<[string, Partial<Parameters<typeof checkRelease>[0]>, unknown]>([
    ['refusing nothing', { deductAmount: m('0') }, 'accepted'],
    ['refusing everything', { deductAmount: m('4999.50') }, 'accepted'],
    ['on the day it was withheld', { releasedOn: '2024-06-12' }, 'accepted'],
    ['today', { releasedOn: '2024-07-05' }, 'accepted'],
    ['refusing more than was withheld', { deductAmount: m('4999.51') }, { field: 'deductAmount' }],
    ['a negative refusal', { deductAmount: m('-0.01') }, { field: 'deductAmount' }],
    ['three decimals', { deductAmount: m('0.001') }, { field: 'deductAmount' }],
    ['after today', { releasedOn: '2024-07-06' }, { field: 'releasedOn' }],
    ['before the withholding', { releasedOn: '2024-06-11' }, { field: 'releasedOn' }],
    ['not a date', { releasedOn: '2024-02-30' }, { field: 'releasedOn' }],
    ['a claim never withheld', { items: [] }, { code: ErrorCode.BAD_USER_INPUT, field: 'claimId' }],
    [
      'a release already recorded',
      { release: { claimId: 'c3', releasedOn: '2024-07-01', refusedAmount: m('0') } },
      { code: ErrorCode.CONFLICT, field: 'claimId' },
    ],
    [
      'a withholding closed by its reversal',
      { items: [withheld, item('RELEASED', '4999.50', { claimId: 'c3' })] },
      { code: ErrorCode.CONFLICT, field: 'claimId' },
    ],
  ])('%s', (_, patch, expected) => {
    const r = refusalOf(checkRelease({ ...base, ...patch }));
    if (expected === 'accepted') {
      expect(r).toBe('accepted');
    } else {
      expect(r).toMatchObject(expected as object);
    }
  });
});

describe('where a release goes', () => {
  const slots = [
    { id: 's-apr', month: '2024-04', status: 'PAID' as const, declaredOn: '2024-05-08' },
    { id: 's-may', month: '2024-05', status: 'APPROVED' as const, declaredOn: '2024-06-07' },
    { id: 's-jun', month: '2024-06', status: 'DECLARED' as const, declaredOn: '2024-07-08' },
    { id: 's-jul', month: '2024-07', status: 'DECLARED' as const, declaredOn: '2024-08-09' },
  ];

  it.each<[string, string | null, string]>([
    ['2024-07-03', 's-jun', 'the first declared on or after it'],
    ['2024-07-08', 's-jun', 'declared that very day'],
    ['2024-07-09', 's-jul', 'June was declared before it'],
    ['2024-06-01', 's-jun', 'May is approved'],
    ['2024-08-10', null, 'none yet: waits for the next declaration'],
  ])('released on %s → %s (%s)', (releasedOn, target) => {
    expect(releaseTarget(slots, releasedOn)).toBe(target);
  });

  it('takes the earliest declaration, then the earliest month, when two are open', () => {
    const open = [
      { id: 's-b', month: '2024-07', status: 'DECLARED' as const, declaredOn: '2024-08-01' },
      { id: 's-a', month: '2024-06', status: 'DECLARED' as const, declaredOn: '2024-08-01' },
      { id: 's-c', month: '2024-05', status: 'DECLARED' as const, declaredOn: '2024-08-02' },
    ];
    expect(releaseTarget(open, '2024-07-20')).toBe('s-a');
  });

  it('places pending releases dated on or before a new declaration, oldest first', () => {
    const pending: ReleaseFact[] = [
      { claimId: 'b', releasedOn: '2024-07-03', refusedAmount: ZERO },
      { claimId: 'c', releasedOn: '2024-07-09', refusedAmount: ZERO },
      { claimId: 'a', releasedOn: '2024-07-08', refusedAmount: ZERO },
      { claimId: 'a0', releasedOn: '2024-07-03', refusedAmount: ZERO },
    ];
    expect(releasesPlacedBy(pending, '2024-07-08').map((r) => r.claimId)).toEqual(['a0', 'b', 'a']);
  });

  it('places a RELEASED item of the whole and a DEDUCTION of the refused part', () => {
    const release = {
      claimId: 'c3',
      releasedOn: '2024-07-03',
      refusedAmount: m('999.50'),
      withheldAmount: m('4999.50'),
    };
    expect(releaseItems(release, 's-jun')).toEqual([
      {
        settlementId: 's-jun',
        kind: 'RELEASED',
        claimId: 'c3',
        penaltyId: null,
        amount: m('4999.50'),
        recordedOn: '2024-07-03',
      },
      {
        settlementId: 's-jun',
        kind: 'DEDUCTION',
        claimId: 'c3',
        penaltyId: null,
        amount: m('999.50'),
        recordedOn: '2024-07-03',
      },
    ]);
    expect(releaseItems({ ...release, refusedAmount: ZERO }, 's-jun').map((i) => i.kind)).toEqual([
      'RELEASED',
    ]);
  });
});

describe('reversalItems (a reversal after declaration, before approval)', () => {
  const base = { claim: c2, settlement: MAY, items: [], release: null, reversedOn: '2024-06-15' };
  const kinds = (items: SettlementItemFact[]) =>
    items.map((i) => `${i.settlementId} ${i.kind} ${i.amount.toFixed(2)} ${i.recordedOn}`);

  it.each<[string, Partial<Parameters<typeof reversalItems>[0]>, string[]]>([
    ['deducts the whole fund share', {}, ['s-may DEDUCTION 25000.50 2024-06-15']],
    [
      'deducts what remains after a deduction',
      { items: [item('DEDUCTION', '500.50')] },
      ['s-may DEDUCTION 24500.00 2024-06-15'],
    ],
    ['nothing when fully deducted', { items: [item('DEDUCTION', '25000.50')] }, []],
    [
      'nothing after approval (recovered as §7 says)',
      { settlement: { ...MAY, status: 'APPROVED' } },
      [],
    ],
    ['nothing once paid', { settlement: { ...MAY, status: 'PAID' } }, []],
    [
      'nothing for a claim never declared',
      { settlement: null, claim: { ...c2, settlementId: null } },
      [],
    ],
    [
      'closes an open withholding with everything refused',
      { items: [item('DEDUCTION', '0.50'), item('WITHHELD', '25000.00')] },
      ['s-may RELEASED 25000.00 2024-06-15', 's-may DEDUCTION 25000.00 2024-06-15'],
    ],
    [
      'leaves a recorded release to be placed, deducting what it does not refuse',
      {
        items: [item('WITHHELD', '25000.50')],
        release: { claimId: 'c2', releasedOn: '2024-06-14', refusedAmount: m('1000.00') },
      },
      ['s-may DEDUCTION 24000.50 2024-06-15'],
    ],
    [
      'deducts what a placed release left',
      {
        items: [
          item('WITHHELD', '25000.50'),
          item('RELEASED', '25000.50', { settlementId: 's-may' }),
          item('DEDUCTION', '1000.00', { settlementId: 's-may' }),
        ],
        release: { claimId: 'c2', releasedOn: '2024-06-14', refusedAmount: m('1000.00') },
      },
      ['s-may DEDUCTION 24000.50 2024-06-15'],
    ],
  ])('%s', (_, patch, expected) => {
    expect(kinds(reversalItems({ ...base, ...patch }))).toEqual(expected);
  });
});

/**
 * Properties over random sequences of actions on one claim of the May settlement (deduct, withhold, release, reverse;
 * the release placed on June's settlement, declared later): what the fund pays for the claim over both settlements
 * is never negative nor above its fund share, a withheld claim is never deducted directly, and after a reversal it
 * pays nothing once the release is placed.
 */
describe('a claim’s items over any sequence of actions (property)', () => {
  type Action =
    | { readonly kind: 'deduct'; readonly fen: number }
    | { readonly kind: 'withhold' }
    | { readonly kind: 'release'; readonly fen: number }
    | { readonly kind: 'reverse' };
  const actionArb: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ kind: fc.constant('deduct' as const), fen: fc.integer({ min: -1, max: 600_000 }) }),
    fc.record({ kind: fc.constant('withhold' as const) }),
    fc.record({ kind: fc.constant('release' as const), fen: fc.integer({ min: 0, max: 600_000 }) }),
    fc.record({ kind: fc.constant('reverse' as const) }),
  );

  it('keeps the claim’s credit within [0, basicFundPaid] and 0 after a reversal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000 }),
        fc.array(actionArb, { maxLength: 12 }),
        (bfpFen, actions) => {
          const claim: SettledClaim = {
            id: 'c',
            basicFundPaid: new Money(bfpFen).div(100),
            settlementId: 's-may',
          };
          const items: SettlementItemFact[] = [];
          let release: (ReleaseFact & { withheldAmount: Decimal }) | null = null;
          let reversed = false;
          const today = '2024-06-15';
          for (const a of actions) {
            if (reversed) {
              break;
            }
            const input = { settlement: MAY, claim, items, release, recordedOn: today };
            const before = claimPosition(claim, items, release);
            if (a.kind === 'deduct') {
              const r = checkDeduction({ ...input, amount: new Money(a.fen).div(100) });
              if (before.withheldOpen) {
                expect(r.ok).toBe(false);
              }
              if (r.ok) {
                items.push(r.value);
              }
            } else if (a.kind === 'withhold') {
              const r = checkWithholding(input);
              if (r.ok) {
                items.push(r.value);
              }
            } else if (a.kind === 'release') {
              const r = checkRelease({
                claim,
                items,
                release,
                releasedOn: today,
                deductAmount: new Money(a.fen).div(100),
                today,
              });
              if (r.ok) {
                release = r.value;
              }
            } else {
              items.push(
                ...reversalItems({ claim, settlement: MAY, items, release, reversedOn: today }),
              );
              reversed = true;
            }
            const pos = claimPosition(claim, items, release);
            expect(pos.deducted.lessThanOrEqualTo(claim.basicFundPaid)).toBe(true);
            expect(pos.remaining.isNegative()).toBe(false);
          }
          if (release !== null) {
            items.push(...releaseItems(release, 's-jun'));
          }
          const credit = (['s-may', 's-jun'] as const).reduce(
            (s, id) =>
              s.plus(
                settlementFigures(
                  { id, declaredAmount: id === 's-may' ? claim.basicFundPaid : ZERO },
                  items,
                ).netPayable,
              ),
            ZERO,
          );
          expect(credit.isNegative()).toBe(false);
          expect(credit.lessThanOrEqualTo(claim.basicFundPaid)).toBe(true);
          const end = claimPosition(claim, items, release);
          const stillWithheld = end.withheldOpen ? end.withholding!.amount : ZERO;
          expect(credit.toFixed(2)).toBe(
            claim.basicFundPaid.minus(end.deducted).minus(stillWithheld).toFixed(2),
          );
          if (reversed) {
            expect(credit.toFixed(2)).toBe('0.00');
          }
          expect(items.every((i) => i.amount.greaterThan(0))).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
