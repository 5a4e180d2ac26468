import fc from 'fast-check';

import { addDays, dateOf, daysInMonth, isCalendarDate } from '../../../shared/calendar-date';
import { type DomainError, ErrorCode } from '../../../shared/domain-error';
import { valueOrThrow } from './settlement-check';
import {
  addMonthsToMonth,
  checkSettlementMonth,
  isSettlementMonth,
  monthFirstDay,
  monthHasEndedBy,
  monthLastDay,
  monthOf,
} from './settlement-month.rule';

describe('checkSettlementMonth', () => {
  it.each(['2024-05', '2024-01', '2024-12', '1000-01', '9998-12'])('accepts %s', (m) => {
    expect(checkSettlementMonth(m)).toEqual({ ok: true, value: m });
  });

  it.each([
    ['2024-5'],
    ['2024-13'],
    ['2024-00'],
    ['24-05'],
    [' 2024-05'],
    ['2024-05 '],
    ['2024-05-01'],
    ['2024/05'],
    ['0999-12'],
    ['9999-01'],
    [''],
    [202405],
    [null],
  ])('refuses %j on month without repeating it', (m) => {
    const r = checkSettlementMonth(m);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'month' });
      if (typeof m === 'string' && m.trim() !== '') {
        expect(r.refusal.message).not.toContain(m.trim());
      }
    }
  });

  it('names another field when asked, and throws it as BAD_USER_INPUT', () => {
    expect(() => valueOrThrow(checkSettlementMonth('2024-13', 'input.month'))).toThrow(
      expect.objectContaining({
        code: ErrorCode.BAD_USER_INPUT,
        field: 'input.month',
      }) as DomainError,
    );
    expect(valueOrThrow(checkSettlementMonth('2024-05'))).toBe('2024-05');
  });
});

describe('month days', () => {
  it.each([
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2023-02', '2023-02-01', '2023-02-28'],
    ['1900-02', '1900-02-01', '1900-02-28'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['2024-04', '2024-04-01', '2024-04-30'],
    ['2024-12', '2024-12-01', '2024-12-31'],
  ])('%s runs %s to %s', (m, first, last) => {
    expect(monthFirstDay(m)).toBe(first);
    expect(monthLastDay(m)).toBe(last);
  });

  it.each([
    ['2024-05', '2024-05-31', false],
    ['2024-05', '2024-06-01', true],
    ['2024-05', '2024-05-01', false],
    ['2024-05', '2023-12-31', false],
    ['2024-12', '2025-01-01', true],
  ])('%s has ended by %s: %s', (m, date, ended) => {
    expect(monthHasEndedBy(m, date)).toBe(ended);
  });

  it.each([
    ['2024-05', 1, '2024-06'],
    ['2024-12', 1, '2025-01'],
    ['2024-01', -1, '2023-12'],
    ['2024-05', -17, '2022-12'],
    ['2024-05', 0, '2024-05'],
  ])('%s plus %d months → %s', (m, n, out) => {
    expect(addMonthsToMonth(m, n)).toBe(out);
  });

  it('refuses malformed months and dates as programming errors', () => {
    expect(() => monthLastDay('2024-13')).toThrow(RangeError);
    expect(() => monthHasEndedBy('2024-05', '2024-06-31')).toThrow(RangeError);
    expect(() => monthOf('2024-06')).toThrow(RangeError);
    expect(() => addMonthsToMonth('9998-12', 1)).toThrow(RangeError);
  });

  it('has ended exactly from the day after its last day (property)', () => {
    const monthArb = fc
      .record({ y: fc.integer({ min: 1900, max: 2100 }), m: fc.integer({ min: 1, max: 12 }) })
      .map(({ y, m }) => dateOf(y, m, 1).slice(0, 7));
    fc.assert(
      fc.property(monthArb, fc.integer({ min: -400, max: 400 }), (m, offset) => {
        expect(isSettlementMonth(m)).toBe(true);
        const last = monthLastDay(m);
        expect(isCalendarDate(last)).toBe(true);
        expect(monthOf(last)).toBe(m);
        expect(monthOf(addDays(last, 1))).toBe(addMonthsToMonth(m, 1));
        expect(Number(last.slice(8))).toBe(daysInMonth(Number(m.slice(0, 4)), Number(m.slice(5))));
        const date = addDays(last, offset);
        expect(monthHasEndedBy(m, date)).toBe(offset > 0);
      }),
      { numRuns: 500 },
    );
  });
});
