import fc from 'fast-check';

import { addDays, addMonths, daysBetween } from '../../../shared/calendar-date';
import {
  decideContinuationRequest,
  decideSuspensionRequest,
  lapseTermination,
  type RequestedSuspension,
  type SuspensionRequestDecision,
  type SuspensionRequestInput,
} from './suspension-request.rule';

const agreement2024 = { effectiveFrom: '2024-01-01', effectiveTo: '2024-12-31' };

const request = (more: Partial<SuspensionRequestInput> = {}): SuspensionRequestInput => ({
  requestedOn: '2024-01-15',
  startsOn: '2024-04-15',
  days: 30,
  today: '2024-06-30',
  publicInstitution: false,
  agreement: agreement2024,
  earlierRequested: [],
  ...more,
});

/** `accepted period..` or `refused field reason`, for compact tables. */
const shown = (d: SuspensionRequestDecision): string =>
  d.kind === 'refused'
    ? `refused ${d.field} ${d.reason}`
    : `accepted ${d.period.startsOn}..${d.period.endsOn} terminated ${d.terminatedOn ?? '-'} lapses ${d.lapsesOn ?? '-'}`;

describe('decideSuspensionRequest (Suining arts. 76–78; rules.md §7.3)', () => {
  it.each<[string, Partial<SuspensionRequestInput>, string]>([
    ['three months’ notice, 30 days', {}, 'accepted 2024-04-15..2024-05-14 terminated - lapses -'],
    [
      'starting the day before the corresponding day: notice too short',
      { startsOn: '2024-04-14' },
      'refused startsOn NOTICE_TOO_SHORT',
    ],
    [
      'asked on 2024-01-31: the corresponding day is 2024-04-30',
      { requestedOn: '2024-01-31', startsOn: '2024-04-30' },
      'accepted 2024-04-30..2024-05-29 terminated - lapses -',
    ],
    [
      'asked on 2024-01-31, starting 2024-04-29: too short',
      { requestedOn: '2024-01-31', startsOn: '2024-04-29' },
      'refused startsOn NOTICE_TOO_SHORT',
    ],
    ['1 day', { days: 1 }, 'accepted 2024-04-15..2024-04-15 terminated - lapses -'],
    [
      '179 days: ends, no lapse',
      { startsOn: '2024-05-01', days: 179 },
      'accepted 2024-05-01..2024-10-26 terminated - lapses -',
    ],
    [
      '180 days: ends the agreement the day after unless continued (76)',
      { startsOn: '2024-05-01', days: 180 },
      'accepted 2024-05-01..2024-10-27 terminated - lapses 2024-10-28',
    ],
    ['181 days', { days: 181 }, 'refused days DAYS_OUT_OF_RANGE'],
    ['0 days', { days: 0 }, 'refused days DAYS_OUT_OF_RANGE'],
    ['1.5 days', { days: 1.5 }, 'refused days DAYS_OUT_OF_RANGE'],
    [
      'a public institution may not ask, whatever else is wrong (78)',
      { publicInstitution: true, days: 0, startsOn: '2024-01-16' },
      'refused agreementId PUBLIC_INSTITUTION',
    ],
    [
      'the second in the term terminates from its first day (77(四))',
      { earlierRequested: [{ startsOn: '2024-02-01', endsOn: '2024-02-10' }] },
      'accepted 2024-04-15..2024-05-14 terminated 2024-04-15 lapses -',
    ],
    [
      'the second, of 180 days: terminated, no lapse',
      {
        startsOn: '2024-05-01',
        days: 180,
        earlierRequested: [{ startsOn: '2024-02-01', endsOn: '2024-02-10' }],
      },
      'accepted 2024-05-01..2024-10-27 terminated 2024-05-01 lapses -',
    ],
    [
      '180 days whose lapse falls after the term: nothing to end',
      { startsOn: '2024-09-01', days: 180 },
      'accepted 2024-09-01..2025-02-27 terminated - lapses -',
    ],
    [
      '180 days during an open continuation: the lapse stands',
      {
        startsOn: '2024-09-01',
        days: 180,
        agreement: { ...agreement2024, continues: true },
      },
      'accepted 2024-09-01..2025-02-27 terminated - lapses 2025-02-28',
    ],
    [
      'asked on 2024-11-30 under an open continuation: first day 2025-02-28 at the earliest',
      {
        requestedOn: '2024-11-30',
        startsOn: '2025-02-28',
        today: '2024-12-01',
        agreement: { ...agreement2024, continues: true },
      },
      'accepted 2025-02-28..2025-03-29 terminated - lapses -',
    ],
    [
      'asked on 2024-11-30, starting 2025-02-27',
      {
        requestedOn: '2024-11-30',
        startsOn: '2025-02-27',
        today: '2024-12-01',
        agreement: { ...agreement2024, continues: true },
      },
      'refused startsOn NOTICE_TOO_SHORT',
    ],
    [
      'starting after the term',
      { requestedOn: '2024-11-01', startsOn: '2025-02-01', today: '2024-11-01' },
      'refused startsOn OUTSIDE_TERM',
    ],
    [
      'starting on the termination date',
      { startsOn: '2024-06-01', agreement: { ...agreement2024, terminatedOn: '2024-06-01' } },
      'refused startsOn OUTSIDE_TERM',
    ],
    [
      'starting the day before the termination date',
      { startsOn: '2024-05-31', agreement: { ...agreement2024, terminatedOn: '2024-06-01' } },
      'accepted 2024-05-31..2024-06-29 terminated - lapses -',
    ],
    [
      'asked after a termination',
      {
        requestedOn: '2024-03-01',
        startsOn: '2024-06-01',
        agreement: { ...agreement2024, terminatedOn: '2024-03-01' },
      },
      'refused requestedOn OUTSIDE_TERM',
    ],
    [
      'asked before the term',
      { requestedOn: '2023-12-31', startsOn: '2024-04-01' },
      'refused requestedOn OUTSIDE_TERM',
    ],
    ['asked after today', { today: '2024-01-14' }, 'refused requestedOn IN_THE_FUTURE'],
    [
      'asked today',
      { today: '2024-01-15' },
      'accepted 2024-04-15..2024-05-14 terminated - lapses -',
    ],
    ['requestedOn not a date', { requestedOn: '2024-02-30' }, 'refused requestedOn NOT_A_DATE'],
    ['startsOn not a date', { startsOn: '2024-04-31' }, 'refused startsOn NOT_A_DATE'],
  ])('%s', (_name, more, expected) => {
    expect(shown(decideSuspensionRequest(request(more)))).toBe(expected);
  });

  it('takes its numbers from the terms', () => {
    const terms = {
      requestedSuspensionNoticeMonths: 1,
      requestedSuspensionMaxDays: 90,
      requestedSuspensionLapseDays: 60,
      requestedSuspensionsTerminating: 3,
    };
    expect(
      shown(decideSuspensionRequest(request({ startsOn: '2024-02-15', days: 60, terms }))),
    ).toBe('accepted 2024-02-15..2024-04-14 terminated - lapses 2024-04-15');
    expect(shown(decideSuspensionRequest(request({ startsOn: '2024-02-14', terms })))).toBe(
      'refused startsOn NOTICE_TOO_SHORT',
    );
    expect(shown(decideSuspensionRequest(request({ days: 91, terms })))).toBe(
      'refused days DAYS_OUT_OF_RANGE',
    );
    const second = [{ startsOn: '2024-02-01', endsOn: '2024-02-10' }];
    expect(shown(decideSuspensionRequest(request({ earlierRequested: second, terms })))).toBe(
      'accepted 2024-04-15..2024-05-14 terminated - lapses -',
    );
  });

  it('never echoes a refused value in its message', () => {
    const d = decideSuspensionRequest(request({ days: 999 }));
    expect(d.kind === 'refused' && d.message.includes('999')).toBe(false);
  });

  it('property: accepted exactly when the notice, the term and the days allow; the period has `days` days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: -3, max: 200 }),
        (reqOffset, startOffset, days) => {
          const requestedOn = addDays('2024-01-01', reqOffset);
          const startsOn = addDays(addMonths(requestedOn, 2), startOffset);
          const d = decideSuspensionRequest(
            request({ requestedOn, startsOn, days, today: '2025-12-31' }),
          );
          const ok =
            requestedOn <= '2024-12-31' &&
            startsOn >= addMonths(requestedOn, 3) &&
            startsOn <= '2024-12-31' &&
            days >= 1 &&
            days <= 180;
          expect(d.kind).toBe(ok ? 'accepted' : 'refused');
          if (d.kind === 'accepted') {
            expect(daysBetween(d.period.startsOn, d.period.endsOn) + 1).toBe(days);
            expect(d.terminatedOn).toBeNull();
            expect(d.lapsesOn !== null).toBe(
              days === 180 && addDays(d.period.endsOn, 1) <= '2024-12-31',
            );
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('lapseTermination (76)', () => {
  const s180: RequestedSuspension = { startsOn: '2024-05-01', endsOn: '2024-10-27', days: 180 };
  const s179: RequestedSuspension = { startsOn: '2024-05-01', endsOn: '2024-10-26', days: 179 };

  it.each<[string, RequestedSuspension, string | null, string | null]>([
    ['180 days, no request to continue: from the day after its last day', s180, null, '2024-10-28'],
    ['180 days, asked to continue on its last day', s180, '2024-10-27', null],
    ['180 days, asked to continue before it started', s180, '2024-04-01', null],
    ['180 days, asked the day after its last day: too late', s180, '2024-10-28', '2024-10-28'],
    ['179 days: it just ends', s179, null, null],
  ])('%s', (_name, s, continuedOn, expected) => {
    expect(lapseTermination(s, continuedOn)).toBe(expected);
  });
});

describe('decideContinuationRequest (76; resumeAfterSuspension)', () => {
  const first: RequestedSuspension = { startsOn: '2024-02-01', endsOn: '2024-02-10', days: 10 };
  const long: RequestedSuspension = { startsOn: '2024-05-01', endsOn: '2024-10-27', days: 180 };

  it.each<[string, RequestedSuspension[], string, string, string]>([
    [
      'no suspension at the institution’s request',
      [],
      '2024-06-01',
      '2024-06-01',
      'refused agreementId NO_SUSPENSION',
    ],
    [
      'the 180-day one, in time',
      [first, long],
      '2024-10-27',
      '2024-10-27',
      'accepted 2024-05-01 prevents 2024-10-28',
    ],
    [
      'the 180-day one, too late',
      [long, first],
      '2024-10-28',
      '2024-10-28',
      'refused requestedOn TOO_LATE',
    ],
    [
      'a shorter one: accepted, changes nothing',
      [first],
      '2024-02-05',
      '2024-02-05',
      'accepted 2024-02-01 prevents -',
    ],
    ['dated after today', [long], '2024-07-01', '2024-06-30', 'refused requestedOn IN_THE_FUTURE'],
    ['not a date', [long], '2024-06-31', '2024-07-01', 'refused requestedOn NOT_A_DATE'],
  ])('%s', (_name, requested, requestedOn, today, expected) => {
    const d = decideContinuationRequest({ requestedOn, today, requested });
    expect(
      d.kind === 'refused'
        ? `refused ${d.field} ${d.reason}`
        : `accepted ${d.suspension.startsOn} prevents ${d.preventsLapseOn ?? '-'}`,
    ).toBe(expected);
  });
});
