import type Decimal from 'decimal.js';

import { Money } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import { officialSchedule } from '../../calendar/rules/calendar-data';
import { type WorkingDayCalendar } from '../../calendar/rules/working-days.rule';
import { adjustmentDelta, claimBenefit } from '../../claim/rules/claim-benefit.rule';
import { penaltyAmounts } from '../../penalty/rules/penalty-amount.rule';
import { penaltyDueDates, penaltyStatusOn } from '../../penalty/rules/penalty-dates.rule';
import { violationTier } from '../../penalty/rules/violation-tier.rule';
import {
  criticalIllnessStatement,
  type AppliedAdjustment,
  type StatementClaim,
} from './critical-illness-statement.rule';
import {
  checkDeclarationDate,
  claimsToDeclare,
  declarationDeadline,
  declaredAmount,
  isLateDeclaration,
  type DeclarationCandidate,
} from './declaration.rule';
import type { OffsetPenalty } from './penalty-offsets.rule';
import { approvalOutcome, checkApproval, checkPayment } from './settlement-approval.rule';
import { valueOrThrow } from './settlement-check';
import {
  isSettlementHeld,
  isSettlementOverdue,
  settlementDue,
  type PaymentHoldFact,
} from './settlement-due.rule';
import {
  checkDeduction,
  checkRelease,
  checkWithholding,
  releaseItems,
  releasesPlacedBy,
  releaseTarget,
  settlementFigures,
  type SettlementItemFact,
  type SettlementSlot,
} from './settlement-items.rule';

/**
 * rules.md §10.3 end to end in the pure rules, every figure and date: designated agreement D between the agency and
 * hospital H (2024-01-01 to 2026-12-31, seed terms: declare by the 10th, pay in 30 working days), the official 2024
 * calendar, the 2024 critical-illness agreement's general schedule, each claim of a different person with no other
 * claim that year.
 */

const schedule = officialSchedule(2015, 2026);
const cal: WorkingDayCalendar = {
  holidays: new Set(schedule.holidays),
  adjustedWorkdays: new Set(schedule.adjustedWorkdays),
  scheduledYears: new Set(schedule.years),
};
const TERMS = DEFAULT_TERMS[AgreementKind.DESIGNATED_INSTITUTION];
const GENERAL = DEFAULT_TERMS[AgreementKind.CRITICAL_ILLNESS].general;
const m = (s: string): Decimal => new Money(s);
const f2 = (x: Decimal): string => x.toFixed(2);

const D = 'D';
const H = 'H';
const CI = 'ci-2024';

/** Each claim is the first of its person's year, so its benefit is B(E) (rules.md §3.3). */
const benefitOf = (eligible: string): Decimal =>
  claimBenefit({
    schedule: GENERAL,
    cumulativeBefore: m('0'),
    eligible: m(eligible),
    benefitsRecorded: m('0'),
  }).benefit;

interface ExampleClaim extends DeclarationCandidate {
  readonly eligible: string;
  /** Declared to the insurer (Henan art. 15). */
  readonly declaredOn: string;
}

const claims: readonly ExampleClaim[] = [
  // c0: discharged in April, submitted on 2024-05-15 after April had been declared. Reading: its declaration to the
  // insurer is dated in April (entered late), which the §10.3 count of 4 claims in May's statement requires.
  {
    id: 'c0',
    channel: 'DIRECT',
    status: 'ADJUDICATED',
    designationAgreementId: D,
    dischargeDate: '2024-04-28',
    declaredOn: '2024-04-30',
    settlementId: null,
    basicFundPaid: m('1000.00'),
    eligible: '1000.00',
  },
  ...(
    [
      ['c1', '2024-05-10', '10000.00', '50000.00'],
      ['c2', '2024-05-12', '25000.50', '5000.00'],
      ['c3', '2024-05-15', '4999.50', '1000.00'],
    ] as const
  ).map(([id, dischargeDate, basicFundPaid, eligible]) => ({
    id,
    channel: 'DIRECT' as const,
    status: 'ADJUDICATED' as const,
    designationAgreementId: D,
    dischargeDate,
    declaredOn: '2024-05-20',
    settlementId: null,
    basicFundPaid: m(basicFundPaid),
    eligible,
  })),
  // c6: discharged in May, declared to the insurer on 2024-05-20, REVERSED before 2024-06-07.
  {
    id: 'c6',
    channel: 'DIRECT',
    status: 'REVERSED',
    designationAgreementId: D,
    dischargeDate: '2024-05-16',
    declaredOn: '2024-05-20',
    settlementId: null,
    basicFundPaid: m('1000.00'),
    eligible: '1000.00',
  },
];
const C6_REVERSED_ON = '2024-06-05';

describe('rules.md §10.3 worked example', () => {
  // ------------------------------------------------------------------ the claims
  it('has the benefits of §10.3: c1 23 400.00; c0, c2, c3 and c6 0.00', () => {
    expect(claims.map((c) => `${c.id} ${f2(benefitOf(c.eligible))}`)).toEqual([
      'c0 0.00',
      'c1 23400.00',
      'c2 0.00',
      'c3 0.00',
      'c6 0.00',
    ]);
  });

  // ------------------------------------------------------------------ May, declared on 2024-06-07
  const MAY_ON = '2024-06-07';
  const taken = claimsToDeclare(claims, D, '2024-05');
  const may = { id: 's-may', month: '2024-05', declaredAmount: declaredAmount(taken) };

  it('declares May on 2024-06-07: c0, c1, c2, c3 (4), 41 000.00, not late, due 2024-07-22', () => {
    expect(valueOrThrow(checkDeclarationDate('2024-05', MAY_ON, MAY_ON))).toBe(MAY_ON);
    expect(taken.map((c) => c.id)).toEqual(['c0', 'c1', 'c2', 'c3']);
    expect(f2(may.declaredAmount)).toBe('41000.00');
    // 10 June is Dragon Boat: the deadline moves to the 11th
    expect(declarationDeadline(cal, '2024-05', TERMS.declarationDayOfMonth)).toBe('2024-06-11');
    expect(isLateDeclaration(cal, '2024-05', MAY_ON, TERMS.declarationDayOfMonth)).toBe(false);
    expect(settlementDue(cal, MAY_ON, TERMS.paymentWorkingDays, [])).toEqual({
      dueOn: '2024-07-22',
      provisional: false,
    });
  });

  const declared = claims.map((c) =>
    taken.some((t) => t.id === c.id) ? { ...c, settlementId: may.id } : c,
  );
  const claimOf = (id: string) => declared.find((c) => c.id === id)!;
  const mayState = { id: may.id, status: 'DECLARED' as const, declaredOn: MAY_ON };

  // ------------------------------------------------------------------ deduction and withholding
  const REVIEWED_ON = '2024-06-12';
  const items: SettlementItemFact[] = [];
  const deduction = valueOrThrow(
    checkDeduction({
      settlement: mayState,
      claim: claimOf('c2'),
      items,
      release: null,
      amount: m('500.50'),
      recordedOn: REVIEWED_ON,
    }),
  );
  items.push(deduction);
  const withholding = valueOrThrow(
    checkWithholding({
      settlement: mayState,
      claim: claimOf('c3'),
      items,
      release: null,
      recordedOn: REVIEWED_ON,
    }),
  );
  items.push(withholding);

  it('deducts 500.50 from c2 (重复收费) and withholds c3 (4 999.50), which cannot then be deducted directly', () => {
    expect([deduction.kind, deduction.claimId, f2(deduction.amount)]).toEqual([
      'DEDUCTION',
      'c2',
      '500.50',
    ]);
    expect([withholding.kind, withholding.claimId, f2(withholding.amount)]).toEqual([
      'WITHHELD',
      'c3',
      '4999.50',
    ]);
    const direct = checkDeduction({
      settlement: mayState,
      claim: claimOf('c3'),
      items,
      release: null,
      amount: m('1.00'),
      recordedOn: REVIEWED_ON,
    });
    expect(direct).toMatchObject({ ok: false, refusal: { field: 'claimId' } });
  });

  // ------------------------------------------------------------------ penalty P and the approval
  const breach = violationTier({
    code: 'OUT_OF_SCOPE_BILLING',
    amount: m('8000.00'),
    selfReported: false,
    priorBreaches: [],
  });
  const amounts = penaltyAmounts({
    breach,
    violatingAmount: m('8000.00'),
    multiplier: m('2'),
    noticeOn: '2024-01-29',
    terms: TERMS,
  });
  const P: OffsetPenalty = {
    id: 'P',
    noticeOn: '2024-01-29',
    ...penaltyDueDates(cal, '2024-01-29', TERMS),
    totalDue: amounts.totalDue,
    payments: [],
  };
  const APPROVED_ON = '2024-06-20';
  const approval = approvalOutcome({
    settlement: may,
    items,
    penalties: [P],
    approvedOn: APPROVED_ON,
    offsetPenalties: true,
  });

  it('has P: OUT_OF_SCOPE_BILLING 8 000.00, k = 2, total 24 000.00, enforceable from 2024-03-29, unpaid', () => {
    expect(f2(P.totalDue)).toBe('24000.00');
    expect([P.dueOn, P.enforceableFrom]).toEqual(['2024-03-14', '2024-03-29']);
    expect(penaltyStatusOn(P, [], APPROVED_ON)).toBe('ENFORCEABLE');
  });

  it('approves on 2024-06-20: offsets 24 000.00 (P becomes PAID), netPayable 11 500.00', () => {
    expect(valueOrThrow(checkApproval(mayState, APPROVED_ON, APPROVED_ON))).toBe(APPROVED_ON);
    expect(
      approval.offsetItems.map((i) => `${i.penaltyId} ${f2(i.amount)} ${i.recordedOn}`),
    ).toEqual(['P 24000.00 2024-06-20']);
    const fig = approval.figures;
    expect(
      [
        fig.declaredAmount,
        fig.deductions,
        fig.withheld,
        fig.released,
        fig.penaltyOffsets,
        fig.netPayable,
      ].map(f2),
    ).toEqual(['41000.00', '500.50', '4999.50', '0.00', '24000.00', '11500.00']);
    expect([approval.status, approval.paidOn]).toEqual(['APPROVED', null]);
    const offsetPayment = { paidOn: APPROVED_ON, amount: approval.offsetItems[0]!.amount };
    expect(penaltyStatusOn(P, [offsetPayment], APPROVED_ON)).toBe('PAID');
    // the figures recomputed from the items alone
    expect(f2(settlementFigures(may, [...items, ...approval.offsetItems]).netPayable)).toBe(
      '11500.00',
    );
  });

  const mayTimeline = { declaredOn: MAY_ON, paidOn: null };
  const N = TERMS.paymentWorkingDays;

  it('unpaid, is overdue as of 2024-07-23, not as of 2024-07-22', () => {
    expect(isSettlementOverdue(cal, mayTimeline, N, [], '2024-07-22')).toBe(false);
    expect(isSettlementOverdue(cal, mayTimeline, N, [], '2024-07-23')).toBe(true);
  });

  const HOLD: PaymentHoldFact = { startsOn: '2024-07-10', liftedOn: '2024-07-24' };

  it('instead, with a hold from 2024-07-10 lifted on 2024-07-24: due 2024-08-05, not overdue as of 2024-07-23', () => {
    expect(settlementDue(cal, MAY_ON, N, [HOLD]).dueOn).toBe('2024-08-05');
    // while the hold runs, there is no due date yet
    expect(settlementDue(cal, MAY_ON, N, [{ ...HOLD, liftedOn: null }]).dueOn).toBeNull();
    expect(isSettlementOverdue(cal, mayTimeline, N, [HOLD], '2024-07-23')).toBe(false);
    expect(isSettlementOverdue(cal, mayTimeline, N, [HOLD], '2024-08-05')).toBe(false);
    expect(isSettlementOverdue(cal, mayTimeline, N, [HOLD], '2024-08-06')).toBe(true);
    // held 07-10 to 07-23: it cannot be paid then
    expect(isSettlementHeld(mayTimeline, [HOLD], '2024-07-23')).toBe(true);
    expect(isSettlementHeld(mayTimeline, [HOLD], '2024-07-24')).toBe(false);
    const pay = (paidOn: string) =>
      checkPayment({
        settlement: { status: 'APPROVED', approvedOn: APPROVED_ON },
        paidOn,
        today: '2024-07-30',
        holds: [HOLD],
      });
    expect(pay('2024-07-15')).toMatchObject({ ok: false, refusal: { field: 'paidOn' } });
    expect(pay('2024-07-24')).toEqual({ ok: true, value: '2024-07-24' });
  });

  // ------------------------------------------------------------------ the release and June
  const RELEASED_ON = '2024-07-03';
  const release = valueOrThrow(
    checkRelease({
      claim: claimOf('c3'),
      items,
      release: null,
      releasedOn: RELEASED_ON,
      deductAmount: m('999.50'),
      today: RELEASED_ON,
    }),
  );
  const JUNE_ON = '2024-07-08';
  const slotsOnRelease: SettlementSlot[] = [
    { id: 's-apr', month: '2024-04', status: 'PAID', declaredOn: '2024-05-08' },
    { id: may.id, month: may.month, status: 'APPROVED', declaredOn: MAY_ON },
  ];

  it('releases c3 on 2024-07-03 with 999.50 refused: no settlement qualifies yet, so June takes it', () => {
    expect([f2(release.withheldAmount), f2(release.refusedAmount)]).toEqual(['4999.50', '999.50']);
    expect(releaseTarget(slotsOnRelease, RELEASED_ON)).toBeNull();
    expect(releasesPlacedBy([release], JUNE_ON)).toEqual([release]);
  });

  it('declares June on 2024-07-08 with no June claims: declared 0.00, released 4 999.50, deductions 999.50, netPayable 4 000.00, due 2024-08-19 (with the hold 2024-09-02)', () => {
    expect(valueOrThrow(checkDeclarationDate('2024-06', JUNE_ON, JUNE_ON))).toBe(JUNE_ON);
    expect(isLateDeclaration(cal, '2024-06', JUNE_ON, TERMS.declarationDayOfMonth)).toBe(false);
    const juneClaims = claimsToDeclare(declared, D, '2024-06');
    expect(juneClaims).toEqual([]);
    const june = { id: 's-jun', month: '2024-06', declaredAmount: declaredAmount(juneClaims) };
    const juneItems = releasesPlacedBy([release], JUNE_ON).flatMap((r) => releaseItems(r, june.id));
    expect(juneItems.map((i) => `${i.kind} ${i.claimId} ${f2(i.amount)} ${i.recordedOn}`)).toEqual([
      'RELEASED c3 4999.50 2024-07-03',
      'DEDUCTION c3 999.50 2024-07-03',
    ]);
    const fig = settlementFigures(june, [...items, ...approval.offsetItems, ...juneItems]);
    expect(
      [fig.declaredAmount, fig.released, fig.deductions, fig.withheld, fig.netPayable].map(f2),
    ).toEqual(['0.00', '4999.50', '999.50', '0.00', '4000.00']);
    expect(settlementDue(cal, JUNE_ON, N, []).dueOn).toBe('2024-08-19');
    expect(settlementDue(cal, JUNE_ON, N, [HOLD]).dueOn).toBe('2024-09-02');
    // P was paid by May's offset: approving June offsets nothing more
    const paidP = { ...P, payments: [{ paidOn: APPROVED_ON, amount: m('24000.00') }] };
    const juneApproval = approvalOutcome({
      settlement: june,
      items: juneItems,
      penalties: [paidP],
      approvedOn: '2024-07-15',
      offsetPenalties: true,
    });
    expect(juneApproval.offsetItems).toEqual([]);
    expect(f2(juneApproval.figures.netPayable)).toBe('4000.00');
  });

  // ------------------------------------------------------------------ Henan art. 16: the critical-illness statement
  const statementClaims: StatementClaim[] = claims.map((c) => ({
    id: c.id,
    channel: c.channel,
    institutionId: H,
    agreementId: CI,
    status: c.status,
    declaredOn: c.declaredOn,
    benefit: benefitOf(c.eligible),
  }));
  // The insurer's proposal of 2024-05-25 changes nothing; the agency confirms it on 2024-06-03.
  const reviewDelta = adjustmentDelta(GENERAL, m('50000.00'), m('10000.00'), m('23400.00'));
  const reversalDelta = adjustmentDelta(GENERAL, m('1000.00'), m('1000.00'), m('0.00'));
  const applied: AppliedAdjustment[] = [
    {
      claimId: 'c1',
      channel: 'DIRECT',
      institutionId: H,
      agreementId: CI,
      appliedOn: '2024-06-03',
      benefitDelta: reviewDelta,
    },
    {
      claimId: 'c6',
      channel: 'DIRECT',
      institutionId: H,
      agreementId: CI,
      appliedOn: C6_REVERSED_ON,
      benefitDelta: reversalDelta,
    },
  ];
  const ciStatement = (month: string, adjustments: readonly AppliedAdjustment[] = applied) => {
    const s = criticalIllnessStatement({
      institutionId: H,
      agreementId: CI,
      month,
      claims: statementClaims,
      adjustments,
    });
    return `${s.claimCount} ${f2(s.benefits)} ${f2(s.clawbacks)} ${f2(s.net)}`;
  };

  it('confirms the review of c1 on 2024-06-03: 17 400.00 − 23 400.00 = −6 000.00', () => {
    expect(f2(reviewDelta)).toBe('-6000.00');
    expect(f2(reversalDelta)).toBe('0.00');
  });

  it('states H for 2024-05: c1, c2, c3 and c6 (4), benefits 23 400.00, clawbacks 0.00', () => {
    expect(ciStatement('2024-05')).toBe('4 23400.00 0.00 23400.00');
    // while the review is only a proposal (not applied), June's statement is unchanged too
    expect(ciStatement('2024-06', [])).toBe('0 0.00 0.00 0.00');
  });

  it('states H for 2024-07: no claims, clawbacks 6 000.00, net −6 000.00', () => {
    expect(ciStatement('2024-07')).toBe('0 0.00 6000.00 -6000.00');
    expect(ciStatement('2024-06')).toBe('0 0.00 0.00 0.00');
  });

  it('would count c0 in May’s statement (5 claims, benefits unchanged) if its declaration to the insurer were dated 2024-05-15', () => {
    const s = criticalIllnessStatement({
      institutionId: H,
      agreementId: CI,
      month: '2024-05',
      claims: statementClaims.map((c) => (c.id === 'c0' ? { ...c, declaredOn: '2024-05-15' } : c)),
      adjustments: applied,
    });
    expect([s.claimCount, f2(s.benefits)]).toEqual([5, '23400.00']);
  });
});
