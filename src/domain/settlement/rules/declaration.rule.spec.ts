import fc from 'fast-check';

import { addDays, dateOf } from '../../../shared/calendar-date';
import { ErrorCode } from '../../../shared/domain-error';
import { Money } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import { officialSchedule } from '../../calendar/rules/calendar-data';
import { isWorkingDay, type WorkingDayCalendar } from '../../calendar/rules/working-days.rule';
import {
  checkDeclarationDate,
  claimsToDeclare,
  declarationDeadline,
  declaredAmount,
  isLateDeclaration,
  type DeclarationCandidate,
} from './declaration.rule';
import { monthLastDay } from './settlement-month.rule';

const schedule = officialSchedule(2015, 2026);
const cal: WorkingDayCalendar = {
  holidays: new Set(schedule.holidays),
  adjustedWorkdays: new Set(schedule.adjustedWorkdays),
  scheduledYears: new Set(schedule.years),
};
const DAY = DEFAULT_TERMS[AgreementKind.DESIGNATED_INSTITUTION].declarationDayOfMonth;

describe('checkDeclarationDate (not before the month has ended, not after today)', () => {
  it.each([
    ['2024-05', '2024-06-01', '2024-06-01', 'the first day after the month'],
    ['2024-05', '2024-06-07', '2024-06-20', 'a past day'],
    ['2024-05', '2024-06-20', '2024-06-20', 'today'],
    ['2023-12', '2024-01-01', '2024-03-01', 'across the year'],
  ])('accepts %s declared on %s when today is %s (%s)', (month, declaredOn, today) => {
    expect(checkDeclarationDate(month, declaredOn, today)).toEqual({ ok: true, value: declaredOn });
  });

  it.each([
    ['2024-05', '2024-06-01', '2024-05-31', 'month', 'the month has not ended by today'],
    ['2024-05', '2024-05-20', '2024-05-20', 'month', 'the month is running'],
    ['2024-05', '2024-05-31', '2024-06-03', 'declaredOn', 'on the month’s last day'],
    ['2024-05', '2024-05-15', '2024-06-03', 'declaredOn', 'inside the month'],
    ['2024-05', '2024-06-04', '2024-06-03', 'declaredOn', 'after today'],
    ['2024-05', '2024-06-31', '2024-07-03', 'declaredOn', 'not a date'],
  ])('refuses %s declared on %s when today is %s on %s (%s)', (month, declaredOn, today, field) => {
    const r = checkDeclarationDate(month, declaredOn, today);
    expect(r).toMatchObject({ ok: false, refusal: { code: ErrorCode.BAD_USER_INPUT, field } });
    if (!r.ok) {
      expect(r.refusal.message).not.toContain(declaredOn);
    }
  });
});

describe('declarationDeadline and lateness (Suining art. 39; Civil Code art. 203)', () => {
  it.each([
    ['2024-05', '2024-06-11', '10 June 2024 is Dragon Boat'],
    ['2024-06', '2024-07-10', 'a Wednesday'],
    ['2024-07', '2024-08-12', '10 August 2024 is a Saturday'],
    ['2024-01', '2024-02-18', 'Spring Festival 10–17 Feb; 18 Feb is an adjusted working Sunday'],
    ['2024-09', '2024-10-10', 'a Thursday'],
    ['2023-12', '2024-01-10', 'across the year'],
  ])('%s: declare by %s (%s)', (month, deadline) => {
    expect(declarationDeadline(cal, month, DAY)).toBe(deadline);
  });

  it.each([
    ['2024-05', '2024-06-07', false],
    ['2024-05', '2024-06-10', false],
    ['2024-05', '2024-06-11', false],
    ['2024-05', '2024-06-12', true],
    ['2024-06', '2024-07-08', false],
    ['2024-06', '2024-07-10', false],
    ['2024-06', '2024-07-11', true],
    ['2024-07', '2024-08-12', false],
    ['2024-07', '2024-08-13', true],
  ])('%s declared on %s: late %s', (month, declaredOn, late) => {
    expect(isLateDeclaration(cal, month, declaredOn, DAY)).toBe(late);
  });

  it.each([
    [1, '2024-09', '2024-10-08', 'the 1st of October is National Day; the holiday runs to the 7th'],
    [31, '2024-01', '2024-02-29', '31 in February is its last day'],
    [31, '2023-01', '2023-02-28', 'a common year'],
    [30, '2024-03', '2024-04-30', 'April has 30 days'],
    [5, '2024-04', '2024-05-06', '5 May 2024 is in the Labour Day holiday'],
  ])('takes the day as a term: day %d of the month after %s → %s (%s)', (day, month, deadline) => {
    expect(declarationDeadline(cal, month, day)).toBe(deadline);
  });

  it.each([0, 32, 9.5, Number.NaN])('refuses declarationDayOfMonth %s', (day) => {
    expect(() => declarationDeadline(cal, '2024-05', day)).toThrow(RangeError);
  });

  it('ends on the first working day on or after the nominal day (property)', () => {
    const arb = fc.record({
      y: fc.integer({ min: 2015, max: 2025 }),
      m: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    });
    fc.assert(
      fc.property(arb, ({ y, m, day }) => {
        const month = dateOf(y, m, 1).slice(0, 7);
        const deadline = declarationDeadline(cal, month, day);
        const nextMonth = addDays(monthLastDay(month), 1);
        const nominal = dateOf(
          Number(nextMonth.slice(0, 4)),
          Number(nextMonth.slice(5, 7)),
          Math.min(day, Number(monthLastDay(nextMonth.slice(0, 7)).slice(8))),
        );
        expect(deadline >= nominal).toBe(true);
        expect(isWorkingDay(cal, deadline)).toBe(true);
        for (let d = nominal; d < deadline; d = addDays(d, 1)) {
          expect(isWorkingDay(cal, d)).toBe(false);
        }
        expect(isLateDeclaration(cal, month, deadline, day)).toBe(false);
        expect(isLateDeclaration(cal, month, addDays(deadline, 1), day)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

const m = (s: string) => new Money(s);
const D = 'agreement-D';
const base: DeclarationCandidate = {
  id: 'c',
  channel: 'DIRECT',
  status: 'ADJUDICATED',
  designationAgreementId: D,
  dischargeDate: '2024-05-20',
  settlementId: null,
  basicFundPaid: m('100.00'),
};

describe('claimsToDeclare (Suining art. 39; rules.md §10.1)', () => {
  it.each<[string, Partial<DeclarationCandidate>, boolean]>([
    ['an ADJUDICATED DIRECT claim of the month', {}, true],
    ['a PAID one', { status: 'PAID' }, true],
    ['one discharged on the month’s last day', { dischargeDate: '2024-05-31' }, true],
    ['one discharged in an earlier month, submitted late', { dischargeDate: '2024-04-28' }, true],
    ['one discharged two years before', { dischargeDate: '2022-01-01' }, true],
    ['one with no fund share', { basicFundPaid: m('0.00') }, true],
    ['one discharged the day after the month', { dischargeDate: '2024-06-01' }, false],
    ['a REJECTED one', { status: 'REJECTED' }, false],
    ['a REVERSED one', { status: 'REVERSED' }, false],
    ['a MANUAL one', { channel: 'MANUAL' }, false],
    ['one let through by another agreement', { designationAgreementId: 'agreement-E' }, false],
    ['one that passed no gate', { designationAgreementId: null }, false],
    ['one an earlier declaration took', { settlementId: 's-april' }, false],
  ])('%s: taken %s', (_, patch, taken) => {
    const claim = { ...base, ...patch };
    expect(claimsToDeclare([claim], D, '2024-05')).toEqual(taken ? [claim] : []);
  });

  it('sums basicFundPaid exactly: 41 000.00 for the §10.3 claims, 0 for none', () => {
    const claims = ['1000.00', '10000.00', '25000.50', '4999.50'].map((b, i) => ({
      ...base,
      id: `c${i}`,
      basicFundPaid: m(b),
    }));
    const taken = claimsToDeclare(claims, D, '2024-05');
    expect(taken.map((c) => c.id)).toEqual(['c0', 'c1', 'c2', 'c3']);
    expect(declaredAmount(taken).toFixed(2)).toBe('41000.00');
    expect(declaredAmount([]).toFixed(2)).toBe('0.00');
  });

  const candidateArb: fc.Arbitrary<DeclarationCandidate> = fc.record({
    id: fc.uuid(),
    channel: fc.constantFrom('DIRECT' as const, 'MANUAL' as const),
    status: fc.constantFrom(
      'ADJUDICATED' as const,
      'PAID' as const,
      'REJECTED' as const,
      'REVERSED' as const,
    ),
    designationAgreementId: fc.constantFrom(D, 'agreement-E', null),
    dischargeDate: fc.integer({ min: 0, max: 200 }).map((n) => addDays('2024-03-01', n)),
    settlementId: fc.constantFrom(null, null, 's-earlier'),
    basicFundPaid: fc.integer({ min: 0, max: 10_000_000 }).map((f) => new Money(f).div(100)),
  });

  it('declaring month after month takes every eligible claim exactly once (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(candidateArb, { selector: (c) => c.id, maxLength: 40 }),
        (candidates) => {
          let rows = candidates;
          const takenBy = new Map<string, string>();
          for (const month of ['2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09']) {
            const taken = claimsToDeclare(rows, D, month);
            for (const c of taken) {
              expect(c.dischargeDate <= monthLastDay(month)).toBe(true);
              expect(takenBy.has(c.id)).toBe(false);
              takenBy.set(c.id, month);
            }
            expect(declaredAmount(taken).toFixed(2)).toBe(
              taken.reduce((s, c) => s.plus(c.basicFundPaid), new Money(0)).toFixed(2),
            );
            const ids = new Set(taken.map((c) => c.id));
            rows = rows.map((c) => (ids.has(c.id) ? { ...c, settlementId: `s-${month}` } : c));
            expect(claimsToDeclare(rows, D, month)).toEqual([]);
          }
          for (const c of candidates) {
            const eligible =
              c.channel === 'DIRECT' &&
              (c.status === 'ADJUDICATED' || c.status === 'PAID') &&
              c.designationAgreementId === D &&
              c.settlementId === null;
            expect(takenBy.has(c.id)).toBe(eligible);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
