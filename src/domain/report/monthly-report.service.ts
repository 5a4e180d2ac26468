import type { DataSource } from 'typeorm';
import { type Caller, Role } from '../../shared/caller';
import { dateOf, daysInMonth } from '../../shared/calendar-date';
import type { Clock } from '../../shared/clock';
import { badInput } from '../../shared/domain-error';
import { Money, ZERO } from '../../shared/money';
import { requiredYear } from '../../shared/period';
import { regionPrefix } from '../../shared/region';
import { AgreementKind } from '../agreement/agreement.enums';
import type { AgreementService } from '../agreement/agreement.service';
import { ReportKind } from '../calendar/report-deadline.type';
import { isReportLate } from '../calendar/rules/report-deadlines.rule';
import { ClaimChannel } from '../claim/claim.enums';
import type { InterviewService } from '../fund/interview.service';
import type { MonthlyChannelLine, MonthlyReport } from './monthly-report.types';

interface ChannelRow {
  channel: ClaimChannel;
  claim_count: number;
  rejected_count: number;
  total_cost: string;
  eligible_self_pay: string;
  benefit: string;
}

interface FiguresRow {
  paid_count: number;
  paid_amount: string;
  review_count: number;
  review_cost: string;
  review_benefit: string;
  reversal_count: number;
  reversed_benefit: string;
  overdue_count: number;
  overdue_amount: string;
}

interface SupervisionRow {
  inspection_count: number;
  penalty_count: number;
  penalty_recovered: string;
  penalty_damages: string;
}

/**
 * The day a ledger entry took effect, by its own date (rules.md §3.4, "As of"): a review's day or a proposal's
 * confirmation day, a reversal's day — not the moment it was recorded.
 */
const ENTRY_DAY = `e.applied_on`;

/**
 * A claim's review adjustments and reversals made on or before the report's as-of day (`$5`): their benefit delta and
 * whether one was a reversal (one index probe of the ledger per claim). Later ones never change a past month's report.
 */
const ADJUSTED_JOIN = `LEFT JOIN LATERAL (
    SELECT sum(e.benefit_delta) AS delta, bool_or(e.kind = 'REVERSAL') AS reversed FROM ledger_entry e
    WHERE e.insured_person_id = c.insured_person_id AND e.claim_id = c.id AND e.kind <> 'CLAIM'
      AND ${ENTRY_DAY} <= $5
  ) adj ON true`;

/** Claims of the agreement (`$1`) of persons inside the caller's regions (`$4`, LIKE patterns): as claimStats scopes. */
const CLAIMS_IN_SCOPE = `c.agreement_id = $1 AND c.region_code LIKE ANY ($4::text[])`;

/**
 * 月报 (Henan arts. 25, 35; rules.md §8): what a critical-illness insurer reports to party A each month, computed from
 * the ledger — claims discharged in the month by channel, payments made in it, reviews and reversals applied in it (by
 * their own dates: a proposal counts once confirmed, on its confirmation day), inspections and penalties on the designated institutions of its regions, and
 * the claims overdue for payment on the month's last day — with the report's due date and filing.
 */
export class MonthlyReportService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly agreements: AgreementService,
    private readonly interviews: InterviewService,
  ) {}

  async report(
    user: Caller,
    agreementId: string,
    year: number,
    month: number,
  ): Promise<MonthlyReport> {
    requiredYear('year', year);
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      throw badInput('month', 'month must be from 1 to 12');
    }
    const em = this.db.manager;
    const agreement = await this.agreements.agreementFor(em, user, agreementId, {
      write: false,
      kinds: [AgreementKind.CRITICAL_ILLNESS],
      why: 'monthly reports belong to CRITICAL_ILLNESS agreements',
    });
    const from = dateOf(year, month, 1);
    const to = dateOf(year, month, daysInMonth(year, month));
    if (to < agreement.effectiveFrom || from > agreement.effectiveTo) {
      throw badInput('month', 'the month lies outside the agreement’s term');
    }
    if (from > this.clock.today()) {
      throw badInput('month', 'the month has not begun');
    }
    const period = from.slice(0, 7);
    const deadline = (await this.interviews.deadlines(em, agreement, year)).find(
      (d) => d.kind === ReportKind.MONTHLY && d.period === period,
    )!;

    // Figures as of the month's last day, or today while the month runs: a past month's report does not move. A claim is
    // there from its declaration day (`declaredOn`, rules.md §3.4): one discharged in the month but declared after
    // `asOf` is left out, however early it is recorded. Payments, reviews and reversals are dated on or after the
    // declaration, and a claim is overdue only after its due date, so their figures need no such test.
    const today = this.clock.today();
    const asOf = to < today ? to : today;
    const scope = user.regions.map((r) => `${r}%`);
    const params = [agreement.id, from, to, scope, asOf];
    const channelRows = await em.query<ChannelRow[]>(
      `SELECT c.channel,
         count(*) FILTER (WHERE c.status <> 'REJECTED')::int AS claim_count,
         count(*) FILTER (WHERE c.status = 'REJECTED')::int AS rejected_count,
         coalesce(sum(c.total_cost) FILTER (WHERE c.status <> 'REJECTED'), 0) AS total_cost,
         coalesce(sum(c.eligible_self_pay) FILTER (WHERE c.status <> 'REJECTED'), 0) AS eligible_self_pay,
         coalesce(sum(c.benefit + coalesce(adj.delta, 0)) FILTER (WHERE c.status <> 'REJECTED'), 0) AS benefit
       FROM claim c ${ADJUSTED_JOIN}
       WHERE ${CLAIMS_IN_SCOPE} AND c.discharge_date BETWEEN $2 AND $3 AND c.declared_on <= $5
       GROUP BY c.channel`,
      params,
    );
    const [f] = await em.query<FiguresRow[]>(
      `WITH paid AS (
         SELECT count(*)::int AS n, coalesce(sum(c.benefit + coalesce(adj.delta, 0)), 0) AS amount
         FROM claim c ${ADJUSTED_JOIN.replace('<= $5', '<= c.paid_on')}
         WHERE ${CLAIMS_IN_SCOPE} AND c.paid_on BETWEEN $2 AND $3
       ), adjustments AS (
         SELECT
           count(*) FILTER (WHERE e.kind = 'REVIEW')::int AS review_count,
           coalesce(-sum(e.eligible_delta) FILTER (WHERE e.kind = 'REVIEW'), 0) AS review_cost,
           coalesce(-sum(e.benefit_delta) FILTER (WHERE e.kind = 'REVIEW'), 0) AS review_benefit,
           count(*) FILTER (WHERE e.kind = 'REVERSAL')::int AS reversal_count,
           coalesce(-sum(e.benefit_delta) FILTER (WHERE e.kind = 'REVERSAL'), 0) AS reversed_benefit
         FROM ledger_entry e
         JOIN claim c ON c.insured_person_id = e.insured_person_id AND c.id = e.claim_id
         WHERE ${CLAIMS_IN_SCOPE} AND e.kind <> 'CLAIM' AND ${ENTRY_DAY} BETWEEN $2 AND $5
       ), overdue AS (
         SELECT count(*)::int AS n, coalesce(sum(c.benefit + coalesce(adj.delta, 0)), 0) AS amount
         FROM claim c ${ADJUSTED_JOIN}
         WHERE ${CLAIMS_IN_SCOPE} AND c.benefit > 0 AND c.status <> 'REJECTED'
           AND adj.reversed IS NOT TRUE AND c.benefit + coalesce(adj.delta, 0) > 0
           AND c.payment_due_on < $5 AND (c.paid_on IS NULL OR c.paid_on > $5)
       )
       SELECT paid.n AS paid_count, paid.amount AS paid_amount, adjustments.*,
         overdue.n AS overdue_count, overdue.amount AS overdue_amount
       FROM paid, adjustments, overdue`,
      params,
    );
    // Party A's supervision of the designated institutions of the covered regions: not the insurer's to read
    // (runtime.md: inspections and penalties are AGENCY's, REPORTING's and the institution's).
    const supervision =
      user.role === Role.INSURER
        ? null
        : (
            await em.query<SupervisionRow[]>(
              `WITH institutions AS (
                 SELECT a.id FROM agreement a
                 WHERE a.kind = '${AgreementKind.DESIGNATED_INSTITUTION}' AND a.region_code LIKE ANY ($1::text[])
               )
               SELECT
                 (SELECT count(*)::int FROM inspection i WHERE i.agreement_id IN (SELECT id FROM institutions)
                    AND i.inspected_on BETWEEN $2 AND $3) AS inspection_count,
                 count(p.id)::int AS penalty_count,
                 coalesce(sum(p.recovered_amount), 0) AS penalty_recovered,
                 coalesce(sum(p.damages), 0) AS penalty_damages
               FROM penalty p
               WHERE p.agreement_id IN (SELECT id FROM institutions) AND p.notice_on BETWEEN $2 AND $3`,
              [agreement.coveredRegions.map((r) => `${regionPrefix(r)}%`), from, to],
            )
          )[0];

    const channels: MonthlyChannelLine[] = [ClaimChannel.DIRECT, ClaimChannel.MANUAL].map(
      (channel) => {
        const r = channelRows.find((x) => x.channel === channel);
        return {
          channel,
          claimCount: r?.claim_count ?? 0,
          rejectedCount: r?.rejected_count ?? 0,
          totalCost: new Money(r?.total_cost ?? 0),
          eligibleSelfPay: new Money(r?.eligible_self_pay ?? 0),
          benefit: new Money(r?.benefit ?? 0),
        };
      },
    );
    const sum = (pick: (l: MonthlyChannelLine) => Money): Money =>
      channels.reduce((a, l) => a.plus(pick(l)), ZERO);
    const m = (s: string | undefined): Money => new Money(s ?? 0);
    const filedOn = deadline.filedOn ?? null;
    return {
      agreement,
      year,
      month,
      period,
      asOf,
      dueOn: deadline.dueOn,
      filedOn,
      late: isReportLate(deadline, today),
      channels,
      claimCount: channels.reduce((n, l) => n + l.claimCount, 0),
      totalCost: sum((l) => l.totalCost),
      eligibleSelfPay: sum((l) => l.eligibleSelfPay),
      benefit: sum((l) => l.benefit),
      paidCount: f?.paid_count ?? 0,
      paidAmount: m(f?.paid_amount),
      reviewCount: f?.review_count ?? 0,
      reviewDeductedCost: m(f?.review_cost),
      reviewBenefitReduction: m(f?.review_benefit),
      reversalCount: f?.reversal_count ?? 0,
      reversedBenefit: m(f?.reversed_benefit),
      inspectionCount: supervision ? supervision.inspection_count : null,
      penaltyCount: supervision ? supervision.penalty_count : null,
      penaltyRecovered: supervision ? m(supervision.penalty_recovered) : null,
      penaltyDamages: supervision ? m(supervision.penalty_damages) : null,
      overdueCount: f?.overdue_count ?? 0,
      overdueAmount: m(f?.overdue_amount),
    };
  }
}
