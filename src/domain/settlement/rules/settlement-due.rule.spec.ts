import fc from 'fast-check';

import { addDays } from '../../../shared/calendar-date';
import { ErrorCode } from '../../../shared/domain-error';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import { officialSchedule } from '../../calendar/rules/calendar-data';
import {
  addWorkingDays,
  isWorkingDay,
  type WorkingDayCalendar,
} from '../../calendar/rules/working-days.rule';
import {
  checkHoldLift,
  checkHoldStart,
  holdsAsOf,
  isHeldOn,
  isSettlementHeld,
  isSettlementOverdue,
  settlementDue,
  type PaymentHoldFact,
} from './settlement-due.rule';

const schedule = officialSchedule(2015, 2026);
const cal: WorkingDayCalendar = {
  holidays: new Set(schedule.holidays),
  adjustedWorkdays: new Set(schedule.adjustedWorkdays),
  scheduledYears: new Set(schedule.years),
};
const N = DEFAULT_TERMS[AgreementKind.DESIGNATED_INSTITUTION].paymentWorkingDays;

/** The hold of rules.md §10.3: placed 2024-07-10, lifted 2024-07-24 (held 07-10 to 07-23). */
const HOLD: PaymentHoldFact = { startsOn: '2024-07-10', liftedOn: '2024-07-24' };
const open = (startsOn: string): PaymentHoldFact => ({ startsOn, liftedOn: null });

describe('holds', () => {
  it.each([
    ['2024-07-09', false],
    ['2024-07-10', true],
    ['2024-07-23', true],
    ['2024-07-24', false],
  ])('the §10.3 hold covers %s: %s', (day, held) => {
    expect(isHeldOn([HOLD], day)).toBe(held);
  });

  it('an open hold covers every day from its start', () => {
    expect(isHeldOn([open('2024-07-10')], '2024-07-09')).toBe(false);
    expect(isHeldOn([open('2024-07-10')], '2030-01-01')).toBe(true);
  });

  it('as of a date, leaves out holds placed later and keeps open those lifted later', () => {
    const later = { startsOn: '2024-08-01', liftedOn: null };
    expect(holdsAsOf([HOLD, later], '2024-07-23')).toEqual([open('2024-07-10')]);
    expect(holdsAsOf([HOLD, later], '2024-07-24')).toEqual([HOLD]);
    expect(holdsAsOf([HOLD, later], '2024-08-01')).toEqual([HOLD, later]);
  });
});

describe('settlementDue (Suining art. 43; rules.md §10.1)', () => {
  it.each<[string, string, readonly PaymentHoldFact[], string | null]>([
    ['May of §10.3', '2024-06-07', [], '2024-07-22'],
    ['May, with the hold', '2024-06-07', [HOLD], '2024-08-05'],
    ['May, the hold still open', '2024-06-07', [open('2024-07-10')], null],
    ['May, a hold from the due day itself, open', '2024-06-07', [open('2024-07-22')], null],
    [
      'May, a hold of the due day only',
      '2024-06-07',
      [{ startsOn: '2024-07-22', liftedOn: '2024-07-23' }],
      '2024-07-23',
    ],
    [
      'May, an open hold starting after the due date',
      '2024-06-07',
      [open('2024-07-23')],
      '2024-07-22',
    ],
    [
      'May, a hold before the declaration',
      '2024-06-07',
      [{ startsOn: '2024-05-01', liftedOn: '2024-06-08' }],
      '2024-07-22',
    ],
    [
      'May, a hold from before the declaration lifted after it (06-08 to 06-11 held: 06-11 is a working day)',
      '2024-06-07',
      [{ startsOn: '2024-05-01', liftedOn: '2024-06-12' }],
      '2024-07-23',
    ],
    [
      'May, a hold over the weekend only',
      '2024-06-07',
      [{ startsOn: '2024-06-08', liftedOn: '2024-06-10' }],
      '2024-07-22',
    ],
    [
      'May, two overlapping holds count each day once',
      '2024-06-07',
      [HOLD, { startsOn: '2024-07-15', liftedOn: '2024-07-20' }],
      '2024-08-05',
    ],
    ['June of §10.3', '2024-07-08', [], '2024-08-19'],
    ['June, with the hold', '2024-07-08', [HOLD], '2024-09-02'],
    ['June, the hold still open', '2024-07-08', [open('2024-07-10')], null],
    [
      'across National Day 2024 (29 Sep and 12 Oct are adjusted working days)',
      '2024-09-20',
      [],
      '2024-11-06',
    ],
  ])('%s: declared %s', (_, declaredOn, holds, dueOn) => {
    expect(settlementDue(cal, declaredOn, N, holds)).toEqual({ dueOn, provisional: false });
  });

  it('counts the days as a term', () => {
    expect(settlementDue(cal, '2024-06-07', 1, []).dueOn).toBe('2024-06-11');
    expect(settlementDue(cal, '2024-06-07', 0, []).dueOn).toBe('2024-06-07');
  });

  it('marks a count that touches a year without a loaded schedule provisional (rules.md §3.6)', () => {
    expect(settlementDue(cal, '2026-12-01', N, [])).toEqual({
      dueOn: addWorkingDays(cal, '2026-12-01', N),
      provisional: true,
    });
    expect(settlementDue(cal, '2026-11-02', N, []).provisional).toBe(false);
  });

  it.each([
    ['2024-06-31', N],
    ['2024-06-07', -1],
    ['2024-06-07', 1.5],
  ])('refuses declaredOn %s with %d days', (declaredOn, n) => {
    expect(() => settlementDue(cal, declaredOn, n, [])).toThrow(RangeError);
  });
});

const dayArb = (from: string, days: number): fc.Arbitrary<string> =>
  fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));
const closedHoldArb: fc.Arbitrary<PaymentHoldFact> = fc
  .tuple(dayArb('2024-01-01', 700), fc.integer({ min: 1, max: 40 }))
  .map(([startsOn, len]) => ({ startsOn, liftedOn: addDays(startsOn, len) }));

describe('settlementDue (properties)', () => {
  const declaredArb = dayArb('2024-01-01', 600);
  const nArb = fc.integer({ min: 1, max: 60 });

  it('is the n-th unheld working day after the declaration, never earlier than without holds', () => {
    fc.assert(
      fc.property(
        declaredArb,
        nArb,
        fc.array(closedHoldArb, { maxLength: 4 }),
        (declaredOn, n, holds) => {
          const { dueOn } = settlementDue(cal, declaredOn, n, holds);
          expect(dueOn).not.toBeNull();
          const due = dueOn!;
          expect(isWorkingDay(cal, due) && !isHeldOn(holds, due)).toBe(true);
          let counted = 0;
          for (let d = addDays(declaredOn, 1); d <= due; d = addDays(d, 1)) {
            if (isWorkingDay(cal, d) && !isHeldOn(holds, d)) {
              counted += 1;
            }
          }
          expect(counted).toBe(n);
          expect(due >= addWorkingDays(cal, declaredOn, n)).toBe(true);
          expect(settlementDue(cal, declaredOn, n, []).dueOn).toBe(
            addWorkingDays(cal, declaredOn, n),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is not moved by a hold that starts after it; is null iff an open hold starts on or before it', () => {
    fc.assert(
      fc.property(
        declaredArb,
        nArb,
        fc.array(closedHoldArb, { maxLength: 3 }),
        fc.integer({ min: 0, max: 120 }),
        (declaredOn, n, holds, startOffset) => {
          const due = settlementDue(cal, declaredOn, n, holds).dueOn!;
          const later = { startsOn: addDays(due, 1), liftedOn: addDays(due, 30) };
          expect(settlementDue(cal, declaredOn, n, [...holds, later]).dueOn).toBe(due);
          const start = addDays(declaredOn, startOffset - 20);
          const withOpen = settlementDue(cal, declaredOn, n, [...holds, open(start)]).dueOn;
          expect(withOpen === null).toBe(start <= due);
          if (withOpen !== null) {
            expect(withOpen).toBe(due);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('held(asOf) and overdue(asOf) (Suining art. 61(三); rules.md §10.1)', () => {
  const may = { declaredOn: '2024-06-07', paidOn: null };

  it.each<
    [
      string,
      { declaredOn: string; paidOn: string | null },
      readonly PaymentHoldFact[],
      string,
      boolean,
    ]
  >([
    ['§10.3: unpaid, on its due date', may, [], '2024-07-22', false],
    ['§10.3: unpaid, the day after', may, [], '2024-07-23', true],
    ['§10.3 with the hold, on 07-23 (the hold still runs then)', may, [HOLD], '2024-07-23', false],
    ['with the hold, on the new due date', may, [HOLD], '2024-08-05', false],
    ['with the hold, the day after the new due date', may, [HOLD], '2024-08-06', true],
    ['under an open hold', may, [open('2024-07-10')], '2024-12-31', false],
    [
      'a hold placed after the due date does not save it',
      may,
      [open('2024-07-23')],
      '2024-07-23',
      true,
    ],
    [
      'a hold recorded with a later start is left out',
      may,
      [{ startsOn: '2024-07-30', liftedOn: null }],
      '2024-07-25',
      true,
    ],
    ['paid on its due date', { ...may, paidOn: '2024-07-22' }, [], '2024-07-23', false],
    [
      'paid later: overdue before the payment',
      { ...may, paidOn: '2024-07-30' },
      [],
      '2024-07-29',
      true,
    ],
    ['paid later: not from the payment', { ...may, paidOn: '2024-07-30' }, [], '2024-07-30', false],
    ['not yet declared on asOf', { ...may, declaredOn: '2024-08-01' }, [], '2024-07-31', false],
  ])('overdue: %s', (_, settlement, holds, asOf, overdue) => {
    expect(isSettlementOverdue(cal, settlement, N, holds, asOf)).toBe(overdue);
  });

  it.each<
    [
      string,
      { declaredOn: string; paidOn: string | null },
      readonly PaymentHoldFact[],
      string,
      boolean,
    ]
  >([
    ['on the first held day', may, [HOLD], '2024-07-10', true],
    ['on the last held day', may, [HOLD], '2024-07-23', true],
    ['on the lift day', may, [HOLD], '2024-07-24', false],
    ['the day before the hold', may, [HOLD], '2024-07-09', false],
    ['once paid', { ...may, paidOn: '2024-07-05' }, [HOLD], '2024-07-15', false],
    ['paid later: held until then', { ...may, paidOn: '2024-07-30' }, [HOLD], '2024-07-15', true],
    ['before its declaration', { ...may, declaredOn: '2024-07-12' }, [HOLD], '2024-07-11', false],
  ])('held: %s', (_, settlement, holds, asOf, held) => {
    expect(isSettlementHeld(settlement, holds, asOf)).toBe(held);
  });

  it('judges a date by the events dated on or before it (property)', () => {
    fc.assert(
      fc.property(
        dayArb('2024-01-01', 300),
        fc.array(closedHoldArb, { maxLength: 3 }),
        dayArb('2024-01-01', 700),
        fc.integer({ min: 1, max: 60 }),
        (declaredOn, holds, asOf, liftGap) => {
          const s = { declaredOn, paidOn: null };
          const now = isSettlementOverdue(cal, s, N, holds, asOf);
          // a hold placed after asOf changes nothing
          expect(isSettlementOverdue(cal, s, N, [...holds, open(addDays(asOf, 1))], asOf)).toBe(
            now,
          );
          // a payment after asOf changes nothing
          expect(
            isSettlementOverdue(cal, { ...s, paidOn: addDays(asOf, liftGap) }, N, holds, asOf),
          ).toBe(now);
          // a hold lifted after asOf is still open on asOf
          const running = { startsOn: addDays(asOf, -liftGap), liftedOn: addDays(asOf, 1) };
          expect(isSettlementOverdue(cal, s, N, [...holds, running], asOf)).toBe(
            isSettlementOverdue(cal, s, N, [...holds, open(running.startsOn)], asOf),
          );
          // without holds: overdue exactly after the 30th working day
          expect(isSettlementOverdue(cal, s, N, [], asOf)).toBe(
            declaredOn <= asOf && asOf > addWorkingDays(cal, declaredOn, N),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('hold checks', () => {
  it.each([
    ['2024-07-10', '2024-07-10', null],
    ['2024-07-01', '2024-07-10', null],
    ['2024-07-11', '2024-07-10', 'startsOn'],
    ['2024-02-30', '2024-07-10', 'startsOn'],
  ])('a hold from %s placed on %s: refused on %s', (startsOn, today, field) => {
    const r = checkHoldStart(startsOn, today);
    expect(r.ok ? null : r.refusal.field).toBe(field);
  });

  it.each<[string, string | null, string, string, object | null]>([
    ['2024-07-10', null, '2024-07-24', '2024-07-24', null],
    ['2024-07-10', null, '2024-07-11', '2024-07-24', null],
    ['2024-07-10', null, '2024-07-10', '2024-07-24', { field: 'liftedOn' }],
    ['2024-07-10', null, '2024-07-09', '2024-07-24', { field: 'liftedOn' }],
    ['2024-07-10', null, '2024-07-25', '2024-07-24', { field: 'liftedOn' }],
    ['2024-07-10', null, '2024-07-32', '2024-07-24', { field: 'liftedOn' }],
    [
      '2024-07-10',
      '2024-07-24',
      '2024-07-24',
      '2024-07-30',
      { code: ErrorCode.CONFLICT, field: 'holdId' },
    ],
  ])(
    'a hold from %s (lifted %s) lifted on %s, today %s',
    (startsOn, lifted, liftedOn, today, refusal) => {
      const r = checkHoldLift({ startsOn, liftedOn: lifted }, liftedOn, today);
      if (refusal === null) {
        expect(r).toEqual({ ok: true, value: liftedOn });
      } else {
        expect(r).toMatchObject({ ok: false, refusal });
      }
    },
  );
});
