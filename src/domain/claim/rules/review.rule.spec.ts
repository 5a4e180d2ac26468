import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { Role } from '../../../shared/caller';
import { addDays } from '../../../shared/calendar-date';
import { DomainError } from '../../../shared/domain-error';
import { Money, ZERO } from '../../../shared/money';
import {
  checkConfirmation,
  checkReviewAmount,
  checkWithdrawal,
  reviewDay,
  reviewRoom,
  reviewRoute,
  type ProposalState,
  type ReviewTally,
} from './review.rule';

const m = (s: string): Decimal => new Money(s);

/** The refusal a check throws, as `{code, field}`, or `'ok'` with its answer. */
const outcome = (f: () => unknown): unknown => {
  try {
    return { ok: f() };
  } catch (e) {
    if (e instanceof DomainError) {
      return { code: e.code, field: e.field };
    }
    throw e;
  }
};

describe('reviewRoute (rules.md §10.2; Henan art. 16)', () => {
  it.each<[Role, 'DIRECT' | 'MANUAL', string, 'APPLY' | 'PROPOSE']>([
    [Role.INSURER, 'DIRECT', '0.01', 'PROPOSE'],
    [Role.INSURER, 'DIRECT', '10000.00', 'PROPOSE'],
    [Role.INSURER, 'DIRECT', '0', 'APPLY'], // a review that finds nothing applies at once
    [Role.INSURER, 'MANUAL', '10000.00', 'APPLY'], // the person's own reimbursement: no institution to agree
    [Role.AGENCY, 'DIRECT', '10000.00', 'APPLY'], // the agency is the party that confirms
    [Role.AGENCY, 'MANUAL', '10000.00', 'APPLY'],
  ])('%s reviewing a %s claim for %s: %s', (role, channel, x, route) => {
    expect(reviewRoute(role, channel, m(x))).toBe(route);
  });
});

describe('reviewDay (rules.md §3.4: never in the future, not before the declaration)', () => {
  const declared = '2024-05-20';
  const today = '2024-06-15';
  it.each<[string, string | null | undefined, unknown]>([
    ['no date: today', undefined, { ok: today }],
    ['null: today', null, { ok: today }],
    ['today', today, { ok: today }],
    ['the declaration day', declared, { ok: declared }],
    [
      'the day before the declaration',
      '2024-05-19',
      { code: 'BAD_USER_INPUT', field: 'reviewedOn' },
    ],
    ['tomorrow', '2024-06-16', { code: 'BAD_USER_INPUT', field: 'reviewedOn' }],
    ['not a date', '2024-02-30', { code: 'BAD_USER_INPUT', field: 'reviewedOn' }],
  ])('%s', (_name, reviewedOn, expected) => {
    expect(outcome(() => reviewDay(reviewedOn, declared, today))).toEqual(expected);
  });
});

describe('checkReviewAmount (rules.md §3.3, §10.2: applied and pending never exceed the eligible amount)', () => {
  const tally = (applied: string, pending: string): ReviewTally => ({
    eligible: m('50000.00'),
    applied: m(applied),
    pending: m(pending),
  });
  it.each<[string, string, string, string, unknown]>([
    ['all of it, nothing taken', '0', '0', '50000.00', { ok: undefined }],
    [
      'a cent more than all',
      '0',
      '0',
      '50000.01',
      { code: 'BAD_USER_INPUT', field: 'nonCompliantAmount' },
    ],
    ['what is left after a pending proposal', '0', '40000.00', '10000.00', { ok: undefined }],
    [
      'a cent more than that',
      '0',
      '40000.00',
      '10000.01',
      { code: 'BAD_USER_INPUT', field: 'nonCompliantAmount' },
    ],
    [
      'what is left after applied and pending',
      '30000.00',
      '10000.00',
      '10000.00',
      { ok: undefined },
    ],
    ['zero when nothing is left', '40000.00', '10000.00', '0', { ok: undefined }],
    ['negative', '0', '0', '-0.01', { code: 'BAD_USER_INPUT', field: 'nonCompliantAmount' }],
  ])('%s', (_name, applied, pending, x, expected) => {
    expect(outcome(() => checkReviewAmount(m(x), tally(applied, pending)))).toEqual(expected);
  });

  it('accepted reviews, one after another, never take more than the eligible amount (property)', () => {
    const cents = fc.integer({ min: 0, max: 6_000_000 }).map((n) => new Money(n).div(100));
    fc.assert(
      fc.property(
        cents,
        fc.array(fc.tuple(cents, fc.boolean()), { maxLength: 12 }),
        (eligible, asks) => {
          let t: ReviewTally = { eligible, applied: ZERO, pending: ZERO };
          for (const [x, pending] of asks) {
            try {
              checkReviewAmount(x, t);
            } catch {
              continue;
            }
            t = pending
              ? { ...t, pending: t.pending.plus(x) }
              : { ...t, applied: t.applied.plus(x) };
          }
          return !reviewRoom(t).isNegative() && !t.applied.plus(t.pending).greaterThan(eligible);
        },
      ),
    );
  });
});

describe('checkConfirmation (三方确认, rules.md §10.2)', () => {
  const proposed: ProposalState = {
    status: 'PROPOSED',
    proposedOn: '2024-05-25',
    confirmedOn: null,
  };
  const today = '2024-06-15';
  it.each<[string, ProposalState, string, unknown]>([
    ['on the proposal’s day', proposed, '2024-05-25', { ok: 'CONFIRM' }],
    ['today', proposed, today, { ok: 'CONFIRM' }],
    [
      'the day before the proposal',
      proposed,
      '2024-05-24',
      { code: 'BAD_USER_INPUT', field: 'confirmedOn' },
    ],
    ['tomorrow', proposed, '2024-06-16', { code: 'BAD_USER_INPUT', field: 'confirmedOn' }],
    ['not a date', proposed, '2024-13-01', { code: 'BAD_USER_INPUT', field: 'confirmedOn' }],
    [
      'confirmed before on the same day',
      { ...proposed, status: 'CONFIRMED', confirmedOn: '2024-06-03' },
      '2024-06-03',
      { ok: 'DONE' },
    ],
    [
      'confirmed before on another day',
      { ...proposed, status: 'CONFIRMED', confirmedOn: '2024-06-03' },
      '2024-06-04',
      { code: 'CONFLICT', field: 'proposalId' },
    ],
    [
      'withdrawn',
      { ...proposed, status: 'WITHDRAWN' },
      '2024-06-03',
      { code: 'CONFLICT', field: 'proposalId' },
    ],
  ])('%s', (_name, p, on, expected) => {
    expect(outcome(() => checkConfirmation(p, on, today))).toEqual(expected);
  });

  it('a confirmation accepted lies between the proposal and today (property)', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => addDays('2024-05-01', n));
    fc.assert(
      fc.property(day, day, day, (proposedOn, on, today) => {
        const r = outcome(() =>
          checkConfirmation({ status: 'PROPOSED', proposedOn, confirmedOn: null }, on, today),
        );
        const accepted = (r as { ok?: string }).ok === 'CONFIRM';
        return accepted === (proposedOn <= on && on <= today);
      }),
    );
  });
});

describe('checkWithdrawal', () => {
  it.each<[ProposalState['status'], unknown]>([
    ['PROPOSED', { ok: undefined }],
    ['CONFIRMED', { code: 'CONFLICT', field: 'proposalId' }],
    ['WITHDRAWN', { code: 'CONFLICT', field: 'proposalId' }],
  ])('%s', (status, expected) => {
    expect(
      outcome(() => checkWithdrawal({ status, proposedOn: '2024-05-25', confirmedOn: null })),
    ).toEqual(expected);
  });
});
