import fc from 'fast-check';

import { addDays } from '../../../shared/calendar-date';
import type { AgreementBetweenParties } from '../../claim/rules/continuation.rule';
import {
  agreementStanding,
  type StandingAgreement,
  standingStatusOn,
  type StoredSuspension,
} from './agreement-standing.rule';

const A: StandingAgreement = {
  id: 'a',
  kind: 'DESIGNATED_INSTITUTION',
  partyAId: 'agency',
  partyBId: 'hospital',
  effectiveFrom: '2024-01-01',
  effectiveTo: '2024-12-31',
};

const successor = (effectiveFrom: string): AgreementBetweenParties => ({
  ...A,
  id: 'next',
  effectiveFrom,
  effectiveTo: addDays(effectiveFrom, 364),
});

/** A 180-day suspension at the institution's request from 2024-03-01 (last day 2024-08-27, lapse 2024-08-28). */
const REQUESTED_180: StoredSuspension = {
  startsOn: '2024-03-01',
  endsOn: '2024-08-27',
  requestedOn: '2023-11-15',
  lapsesOn: '2024-08-28',
};

describe('agreementStanding: continuation (Suining art. 82; rules.md §3.5)', () => {
  it.each<[string, Partial<StandingAgreement>, AgreementBetweenParties[], string | null]>([
    ['not continued: no continuation', {}, [successor('2025-04-01')], null],
    ['continued, no successor: open', { continues: true }, [], null],
    [
      'continued: to the day before the successor',
      { continues: true },
      [successor('2025-04-01')],
      '2025-03-31',
    ],
  ])('%s', (_name, over, others, until) => {
    const s = agreementStanding({ ...A, ...over }, [], others);
    expect(s.continuedUntil).toBe(until);
    expect(s.continues).toBe(over.continues === true);
  });

  it.each<[string, Partial<StandingAgreement>, AgreementBetweenParties[], string, string]>([
    ['not continued: EXPIRED the day after effectiveTo', {}, [], '2025-01-01', 'EXPIRED'],
    ['not continued: ACTIVE on effectiveTo', {}, [], '2024-12-31', 'ACTIVE'],
    [
      'continued with no successor: ACTIVE years later',
      { continues: true },
      [],
      '2030-06-01',
      'ACTIVE',
    ],
    [
      'continued: ACTIVE on continuedUntil',
      { continues: true },
      [successor('2025-04-01')],
      '2025-03-31',
      'ACTIVE',
    ],
    [
      'continued: EXPIRED once the successor takes effect',
      { continues: true },
      [successor('2025-04-01')],
      '2025-04-01',
      'EXPIRED',
    ],
    [
      'continued but terminated: TERMINATED',
      { continues: true, terminatedOn: '2025-02-01' },
      [],
      '2025-02-01',
      'TERMINATED',
    ],
  ])('status: %s', (_name, over, others, day, status) => {
    expect(standingStatusOn(agreementStanding({ ...A, ...over }, [], others), day)).toBe(status);
  });
});

describe('agreementStanding: the lapse of a 180-day suspension at the institution’s request (art. 76; rules.md §7.3)', () => {
  it.each<[string, StoredSuspension, Partial<StandingAgreement>, string | null]>([
    ['no request to continue: ends the day after the last day', REQUESTED_180, {}, '2024-08-28'],
    [
      'a request to continue on the last day: no lapse',
      { ...REQUESTED_180, continuationRequestedOn: '2024-08-27' },
      {},
      null,
    ],
    [
      'a request to continue well before: no lapse',
      { ...REQUESTED_180, continuationRequestedOn: '2024-04-01' },
      {},
      null,
    ],
    [
      'a request to continue after the last day (never stored; the rule refuses it) does not count',
      { ...REQUESTED_180, continuationRequestedOn: '2024-08-28' },
      {},
      '2024-08-28',
    ],
    [
      'a shorter suspension has no lapse day: nothing',
      { ...REQUESTED_180, lapsesOn: null },
      {},
      null,
    ],
    [
      'a lapse after the term’s last day ends nothing (the agreement expired)',
      {
        startsOn: '2024-07-06',
        endsOn: '2024-12-31',
        requestedOn: '2024-04-01',
        lapsesOn: '2025-01-01',
      },
      {},
      null,
    ],
    [
      'the same lapse falls inside a continuation (art. 82): it ends the agreement',
      {
        startsOn: '2024-07-06',
        endsOn: '2024-12-31',
        requestedOn: '2024-04-01',
        lapsesOn: '2025-01-01',
      },
      { continues: true },
      '2025-01-01',
    ],
  ])('%s', (_name, suspension, over, lapsed) => {
    const s = agreementStanding({ ...A, ...over }, [suspension], []);
    expect(s.lapsedOn).toBe(lapsed);
    expect(s.terminatedOn).toBe(lapsed);
  });

  it('keeps the earlier of a recorded termination and the lapse', () => {
    expect(
      agreementStanding({ ...A, terminatedOn: '2024-06-01' }, [REQUESTED_180], []).terminatedOn,
    ).toBe('2024-06-01');
    expect(
      agreementStanding({ ...A, terminatedOn: '2024-10-01' }, [REQUESTED_180], []).terminatedOn,
    ).toBe('2024-08-28');
  });

  it.each([
    ['2024-02-29', 'ACTIVE'],
    ['2024-03-01', 'SUSPENDED'],
    ['2024-08-27', 'SUSPENDED'],
    ['2024-08-28', 'TERMINATED'],
    ['2025-06-01', 'TERMINATED'],
  ])('status on %s: %s', (day, status) => {
    expect(standingStatusOn(agreementStanding(A, [REQUESTED_180], []), day)).toBe(status);
  });
});

describe('agreementStanding: properties', () => {
  const DAY0 = '2024-01-01';
  const day = (n: number) => addDays(DAY0, n);
  const suspensionArb: fc.Arbitrary<StoredSuspension> = fc
    .record({
      start: fc.integer({ min: 0, max: 500 }),
      len: fc.integer({ min: 1, max: 200 }),
      lapses: fc.boolean(),
      continuation: fc.option(fc.integer({ min: -30, max: 30 }), { nil: null }),
    })
    .map(({ start, len, lapses, continuation }) => {
      const endsOn = day(start + len - 1);
      return {
        startsOn: day(start),
        endsOn,
        requestedOn: day(start - 100),
        lapsesOn: lapses ? addDays(endsOn, 1) : null,
        continuationRequestedOn: continuation === null ? null : addDays(endsOn, continuation),
      };
    });
  const agreementArb: fc.Arbitrary<StandingAgreement> = fc
    .record({
      len: fc.integer({ min: 0, max: 500 }),
      continues: fc.boolean(),
      terminated: fc.option(fc.integer({ min: 0, max: 700 }), { nil: null }),
    })
    .map(({ len, continues, terminated }) => ({
      ...A,
      effectiveFrom: DAY0,
      effectiveTo: day(len),
      continues,
      terminatedOn: terminated === null ? null : day(terminated),
    }));
  const othersArb = fc.array(
    fc.integer({ min: 1, max: 800 }).map((n) => successor(day(n))),
    { maxLength: 2 },
  );

  it('a standing never ends later than the recorded termination, and a lapse lies inside the term', () => {
    fc.assert(
      fc.property(
        agreementArb,
        fc.array(suspensionArb, { maxLength: 3 }),
        othersArb,
        (a, ss, others) => {
          const s = agreementStanding(a, ss, others);
          if (a.terminatedOn) {
            expect(s.terminatedOn! <= a.terminatedOn).toBe(true);
          }
          if (s.lapsedOn !== null) {
            expect(ss.some((x) => x.lapsesOn === s.lapsedOn)).toBe(true);
            const last = s.continues ? s.continuedUntil : s.effectiveTo;
            expect(last === null || s.lapsedOn <= last).toBe(true);
          }
        },
      ),
    );
  });

  it('a request to continue by the last day always prevents the lapse', () => {
    fc.assert(
      fc.property(agreementArb, suspensionArb, othersArb, (a, susp, others) => {
        const continued = { ...susp, continuationRequestedOn: susp.startsOn };
        expect(agreementStanding(a, [continued], others).lapsedOn).toBeNull();
      }),
    );
  });

  it('continuing never turns a day of the term from ACTIVE, SUSPENDED or TERMINATED into EXPIRED', () => {
    fc.assert(
      fc.property(
        agreementArb,
        fc.array(suspensionArb, { maxLength: 2 }),
        othersArb,
        fc.integer({ min: 0, max: 900 }),
        (a, ss, others, n) => {
          const plain = standingStatusOn(
            agreementStanding({ ...a, continues: false }, ss, others),
            day(n),
          );
          const continued = standingStatusOn(
            agreementStanding({ ...a, continues: true }, ss, others),
            day(n),
          );
          if (plain !== 'EXPIRED') {
            expect(continued).not.toBe('EXPIRED');
          }
        },
      ),
    );
  });
});
