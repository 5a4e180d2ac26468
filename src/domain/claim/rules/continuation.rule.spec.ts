import fc from 'fast-check';

import { addDays } from '../../../shared/calendar-date';
import { type AgreementBetweenParties, continuedUntil, lastDayInForce } from './continuation.rule';

const A: AgreementBetweenParties & { continues: boolean } = {
  id: 'a',
  kind: 'DESIGNATED_INSTITUTION',
  partyAId: 'agency',
  partyBId: 'hospital',
  effectiveFrom: '2024-01-01',
  effectiveTo: '2024-12-31',
  continues: true,
};

const other = (
  id: string,
  effectiveFrom: string,
  more: Partial<AgreementBetweenParties> = {},
): AgreementBetweenParties => ({
  id,
  kind: 'DESIGNATED_INSTITUTION',
  partyAId: 'agency',
  partyBId: 'hospital',
  effectiveFrom,
  effectiveTo: addDays(effectiveFrom, 364),
  ...more,
});

describe('continuedUntil (Suining art. 82; rules.md §3.5)', () => {
  it.each<[string, boolean, AgreementBetweenParties[], string | null]>([
    ['continues, no successor: null (in force indefinitely)', true, [], null],
    ['not continued: null', false, [other('b', '2025-04-01')], null],
    ['the day before the successor takes effect', true, [other('b', '2025-04-01')], '2025-03-31'],
    [
      'the earliest of two successors',
      true,
      [other('c', '2026-01-01'), other('b', '2025-02-15')],
      '2025-02-14',
    ],
    ['a successor from the next day: effectiveTo', true, [other('b', '2025-01-01')], '2024-12-31'],
    [
      'a successor that took effect early does not shorten the term',
      true,
      [other('b', '2024-07-01')],
      '2024-12-31',
    ],
    [
      'another party A is not a successor',
      true,
      [other('b', '2025-04-01', { partyAId: 'other agency' })],
      null,
    ],
    [
      'another institution is not a successor',
      true,
      [other('b', '2025-04-01', { partyBId: 'other hospital' })],
      null,
    ],
    [
      'another kind is not a successor',
      true,
      [other('b', '2025-04-01', { kind: 'CRITICAL_ILLNESS' })],
      null,
    ],
    ['itself is not its successor', true, [A], null],
    ['an earlier agreement is not a successor', true, [other('z', '2023-01-01')], null],
  ])('%s', (_name, continues, others, expected) => {
    expect(continuedUntil({ ...A, continues }, others)).toBe(expected);
  });
});

describe('lastDayInForce', () => {
  it.each<[string, Parameters<typeof lastDayInForce>[0], string | null]>([
    ['not continued', { effectiveTo: '2024-12-31' }, '2024-12-31'],
    ['continued, no successor', { effectiveTo: '2024-12-31', continues: true }, null],
    [
      'continued until',
      { effectiveTo: '2024-12-31', continues: true, continuedUntil: '2025-03-31' },
      '2025-03-31',
    ],
    [
      'continuedUntil never before effectiveTo',
      { effectiveTo: '2024-12-31', continues: true, continuedUntil: '2024-10-01' },
      '2024-12-31',
    ],
    [
      'continuedUntil ignored without continues',
      { effectiveTo: '2024-12-31', continues: false, continuedUntil: '2025-03-31' },
      '2024-12-31',
    ],
  ])('%s', (_name, a, expected) => {
    expect(lastDayInForce(a)).toBe(expected);
  });

  it('property: a continuation never ends before effectiveTo nor on or after a successor’s first day', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -400, max: 800 }), { maxLength: 4 }), (offsets) => {
        const others = offsets.map((n, i) => other(`o${i}`, addDays('2024-01-01', n)));
        const until = continuedUntil(A, others);
        const successors = others.filter((o) => o.effectiveFrom > A.effectiveFrom);
        if (successors.length === 0) {
          expect(until).toBeNull();
          return;
        }
        expect(until).not.toBeNull();
        expect(until! >= A.effectiveTo).toBe(true);
        for (const s of successors) {
          if (s.effectiveFrom > A.effectiveTo) {
            expect(until! < s.effectiveFrom).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
