import type Decimal from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import { type Caller } from '../../shared/caller';
import { dateOf, daysInMonth, isCalendarDate } from '../../shared/calendar-date';
import { badInput } from '../../shared/domain-error';
import { Money, ZERO } from '../../shared/money';
import { quarterDays, requiredQuarter, requiredYear } from '../../shared/period';
import { type Agreement } from '../agreement/agreement.entity';
import { AgreementKind } from '../agreement/agreement.enums';
import type { AgreementService } from '../agreement/agreement.service';
import type { AgreementTermsService } from '../agreement/terms/agreement-terms.service';
import type { CriticalIllnessTermsValue } from '../agreement/terms/terms.model';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import type { CalendarService } from '../calendar/calendar.service';
import type { FundAppropriation, FundClearing, FundPublication } from './fund.types';
import { clearFund, type FundClearingValue } from './rules/fund-clearing.rule';

interface ClearingRow {
  cleared_at: Date;
  policy_loss: boolean;
  deposit_return_ratio: string;
  raised_amount: string;
  benefits_paid: string;
  risk_reserve: string;
  assessment_deposit: string;
  deposit_returned: string;
  available_to_insurer: string;
  surplus: string;
  insurer_retained: string;
  to_treasury: string;
  insurer_bears_loss: string;
  from_risk_reserve: string;
  carried_forward: string;
}

/**
 * The critical-illness fund (Henan arts. 20–24; rules.md §4): funds raised, the quarterly appropriation, and the
 * year-end clearing. Changes are AGENCY's in its regions; reading is AGENCY and REPORTING in their regions and the
 * INSURER of its own agreements (runtime.md).
 */
export class FundService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly terms: AgreementTermsService,
    private readonly agreements: AgreementService,
    private readonly calendar: CalendarService,
  ) {}

  /** 筹集资金: records the year's funds raised (a correction is a new row; the latest counts); answers the clearing. */
  async recordRaised(
    actor: AuditActor,
    agreementId: string,
    year: number,
    amount: Decimal,
  ): Promise<FundClearing> {
    requiredYear('year', year);
    if (amount.isNegative()) {
      throw badInput('amount', 'amount must not be negative');
    }
    return this.db.transaction(async (em) => {
      const agreement = await this.fundAgreement(em, actor.user, agreementId, year, true);
      await em.query(`INSERT INTO fund_raised (agreement_id, year, amount) VALUES ($1, $2, $3)`, [
        agreement.id,
        year,
        amount.toFixed(2),
      ]);
      await this.audit.record(em, actor, 'recordFundRaised', [agreement.id], {
        agreementId,
        year,
        amount,
      });
      return this.clearingOf(em, agreement, year);
    });
  }

  /**
   * 年度清算 (art. 24): clears the year on the latest funds raised and the year's benefits, with the assessment's
   * deposit return ratio (0 to 1) and whether a loss was caused by a policy change. Repeatable: a later clearing
   * replaces the earlier one as the current, and the earlier stays in the history.
   */
  async clear(
    actor: AuditActor,
    agreementId: string,
    year: number,
    policyLoss: boolean,
    depositReturnRatio: Decimal,
  ): Promise<FundClearing> {
    requiredYear('year', year);
    if (depositReturnRatio.isNegative() || depositReturnRatio.greaterThan(1)) {
      throw badInput('depositReturnRatio', 'depositReturnRatio must be from 0 to 1');
    }
    return this.db.transaction(async (em) => {
      const agreement = await this.fundAgreement(em, actor.user, agreementId, year, true);
      const value = await this.compute(em, agreement, year, policyLoss, depositReturnRatio);
      await em.query(
        `INSERT INTO fund_clearing (agreement_id, year, policy_loss, deposit_return_ratio, raised_amount, benefits_paid,
           risk_reserve, assessment_deposit, deposit_returned, available_to_insurer, surplus, insurer_retained,
           to_treasury, insurer_bears_loss, from_risk_reserve, carried_forward)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          agreement.id,
          year,
          policyLoss,
          depositReturnRatio.toFixed(),
          ...[
            value.raisedAmount,
            value.benefitsPaid,
            value.riskReserve,
            value.assessmentDeposit,
            value.depositReturned,
            value.availableToInsurer,
            value.surplus,
            value.insurerRetained,
            value.toTreasury,
            value.insurerBearsLoss,
            value.fromRiskReserve,
            value.carriedForward,
          ].map((d) => d.toFixed(2)),
        ],
      );
      await this.audit.record(em, actor, 'clearFundYear', [agreement.id], {
        agreementId,
        year,
        policyLoss,
        depositReturnRatio,
      });
      return this.clearingOf(em, agreement, year);
    });
  }

  /** The latest clearing of the year, or a provisional computation before any (`provisional: true`). */
  async clearing(user: Caller, agreementId: string, year: number): Promise<FundClearing> {
    requiredYear('year', year);
    const em = this.db.manager;
    return this.clearingOf(em, await this.fundAgreement(em, user, agreementId, year, false), year);
  }

  /**
   * 季度预拨 (art. 21): the request at the start of `quarter` is the benefits of the previous quarter (claims of this
   * agreement discharged in it, net of adjustments); party A pays by the last day of the quarter's first month; the
   * receipt is due 2 working days (a term) after the money arrives (`arrivedOn`, else the payment's due date).
   */
  async appropriation(
    user: Caller,
    agreementId: string,
    year: number,
    quarter: number,
    arrivedOn: string | null | undefined,
  ): Promise<FundAppropriation> {
    requiredQuarter(year, quarter);
    if (arrivedOn != null && !isCalendarDate(arrivedOn)) {
      throw badInput('arrivedOn', 'arrivedOn must be a calendar date');
    }
    const em = this.db.manager;
    const agreement = await this.fundAgreement(em, user, agreementId, year, false);
    const prev = quarter === 1 ? { y: year - 1, q: 4 } : { y: year, q: quarter - 1 };
    const { from, to } = quarterDays(prev.y, prev.q);
    const amount = await this.benefits(em, agreement, from, to);
    const firstMonth = quarter * 3 - 2;
    const dueOn = dateOf(year, firstMonth, daysInMonth(year, firstMonth));
    const terms = (await this.terms.valueOn(
      em,
      agreement,
      quarterDays(year, quarter).from,
    )) as CriticalIllnessTermsValue;
    const receiptDueOn = await this.calendar.addWorkingDays(
      arrivedOn ?? dueOn,
      terms.appropriationReceiptWorkingDays,
      'arrivedOn',
    );
    return { agreement, year, quarter, amount, dueOn, receiptDueOn };
  }

  /**
   * 基金收支公布 (Anhui 三(二); rules.md §8): the quarter's appropriation and benefits, year to date, and what remains of
   * the year's funds after the amounts held back and the benefits so far. Every figure uses the same definitions as the
   * appropriation (art. 21) and the clearing (art. 24), so Q4's balance is the clearing's surplus before any deposit is
   * returned.
   */
  async publication(
    user: Caller,
    agreementId: string,
    year: number,
    quarter: number,
  ): Promise<FundPublication> {
    requiredQuarter(year, quarter);
    const em = this.db.manager;
    const agreement = await this.fundAgreement(em, user, agreementId, year, false);
    const benefitsOf = (q: number): Promise<Decimal> => {
      const { from, to } = quarterDays(q === 0 ? year - 1 : year, q === 0 ? 4 : q);
      return this.benefits(em, agreement, from, to);
    };
    // Quarter q's appropriation is the benefits of quarter q − 1 (quarter 0: the previous year's fourth).
    const byQuarter: Decimal[] = [];
    for (let q = 0; q <= quarter; q++) {
      byQuarter.push(await benefitsOf(q));
    }
    const sum = (xs: Decimal[]): Decimal => xs.reduce((a, b) => a.plus(b), ZERO);
    const appropriatedToDate = sum(byQuarter.slice(0, quarter));
    const benefitsPaidToDate = sum(byQuarter.slice(1, quarter + 1));
    const raisedAmount = await this.latestRaised(em, agreement, year);
    // The clearing's own arithmetic with no deposit returned: held back = reserve + deposit, balance = its surplus.
    const cleared =
      raisedAmount &&
      (await this.clearingFigures(
        em,
        agreement,
        year,
        raisedAmount,
        benefitsPaidToDate,
        false,
        ZERO,
      ));
    return {
      agreement,
      year,
      quarter,
      raisedAmount,
      heldBack: cleared ? cleared.riskReserve.plus(cleared.assessmentDeposit) : null,
      appropriated: byQuarter[quarter - 1]!,
      appropriatedToDate,
      benefitsPaid: byQuarter[quarter]!,
      benefitsPaidToDate,
      balance: cleared ? cleared.surplus : null,
    };
  }

  private async clearingOf(
    em: EntityManager,
    agreement: Agreement,
    year: number,
  ): Promise<FundClearing> {
    const [row] = await em.query<ClearingRow[]>(
      `SELECT * FROM fund_clearing WHERE agreement_id = $1 AND year = $2 ORDER BY id DESC LIMIT 1`,
      [agreement.id, year],
    );
    if (row) {
      const m = (s: string) => new Money(s);
      return {
        agreement,
        year,
        provisional: false,
        clearedAt: row.cleared_at,
        policyLoss: row.policy_loss,
        depositReturnRatio: m(row.deposit_return_ratio),
        raisedAmount: m(row.raised_amount),
        benefitsPaid: m(row.benefits_paid),
        riskReserve: m(row.risk_reserve),
        assessmentDeposit: m(row.assessment_deposit),
        depositReturned: m(row.deposit_returned),
        availableToInsurer: m(row.available_to_insurer),
        surplus: m(row.surplus),
        insurerRetained: m(row.insurer_retained),
        toTreasury: m(row.to_treasury),
        insurerBearsLoss: m(row.insurer_bears_loss),
        fromRiskReserve: m(row.from_risk_reserve),
        carriedForward: m(row.carried_forward),
      };
    }
    const ratio = new Money(1);
    const value = await this.compute(em, agreement, year, false, ratio);
    return {
      agreement,
      year,
      provisional: true,
      clearedAt: null,
      policyLoss: false,
      depositReturnRatio: ratio,
      ...value,
    };
  }

  /** The clearing's figures on the latest funds raised; `BAD_USER_INPUT` on `year` when none are recorded. */
  private async compute(
    em: EntityManager,
    agreement: Agreement,
    year: number,
    policyLoss: boolean,
    depositReturnRatio: Decimal,
  ): Promise<FundClearingValue> {
    const raised = await this.latestRaised(em, agreement, year);
    if (!raised) {
      throw badInput(
        'year',
        `no funds raised are recorded for ${year}: record them with recordFundRaised`,
      );
    }
    const benefits = await this.benefits(em, agreement, dateOf(year, 1, 1), dateOf(year, 12, 31));
    return this.clearingFigures(
      em,
      agreement,
      year,
      raised,
      benefits,
      policyLoss,
      depositReturnRatio,
    );
  }

  /** `clearFund` (art. 24) on these amounts under the terms in force on 1 January of the year. */
  private async clearingFigures(
    em: EntityManager,
    agreement: Agreement,
    year: number,
    raised: Decimal,
    benefits: Decimal,
    policyLoss: boolean,
    depositReturnRatio: Decimal,
  ): Promise<FundClearingValue> {
    const terms = (await this.terms.valueOn(
      em,
      agreement,
      dateOf(year, 1, 1),
    )) as CriticalIllnessTermsValue;
    return clearFund({
      raised,
      benefits,
      riskReserveRate: terms.riskReserveRate,
      assessmentDepositRate: terms.assessmentDepositRate,
      profitCapRate: terms.profitCapRate,
      depositReturnRatio,
      policyLoss,
    });
  }

  /** The year's funds raised: the latest record (a correction is a new row), or null when none is recorded. */
  private async latestRaised(
    em: EntityManager,
    agreement: Agreement,
    year: number,
  ): Promise<Decimal | null> {
    const [row] = await em.query<{ amount: string }[]>(
      `SELECT amount FROM fund_raised WHERE agreement_id = $1 AND year = $2 ORDER BY id DESC LIMIT 1`,
      [agreement.id, year],
    );
    return row ? new Money(row.amount) : null;
  }

  /** Benefits of the agreement's claims discharged from `from` to `to`, net of their adjustments. */
  private async benefits(
    em: EntityManager,
    agreement: Agreement,
    from: string,
    to: string,
  ): Promise<Decimal> {
    const [row] = await em.query<{ total: string }[]>(
      `SELECT coalesce(sum(c.benefit), 0) + coalesce((
           SELECT sum(e.benefit_delta) FROM ledger_entry e JOIN claim c2
             ON c2.insured_person_id = e.insured_person_id AND c2.id = e.claim_id
           WHERE e.kind <> 'CLAIM' AND c2.agreement_id = $1 AND c2.discharge_date BETWEEN $2 AND $3), 0) AS total
       FROM claim c WHERE c.agreement_id = $1 AND c.discharge_date BETWEEN $2 AND $3 AND c.status <> 'REJECTED'`,
      [agreement.id, from, to],
    );
    return new Money(row?.total ?? 0);
  }

  private async fundAgreement(
    em: EntityManager,
    user: Caller,
    id: string,
    year: number,
    write: boolean,
  ): Promise<Agreement> {
    const agreement = await this.agreements.agreementFor(em, user, id, {
      write,
      kinds: [AgreementKind.CRITICAL_ILLNESS],
      why: 'the fund belongs to CRITICAL_ILLNESS agreements',
    });
    if (
      dateOf(year, 12, 31) < agreement.effectiveFrom ||
      dateOf(year, 1, 1) > agreement.effectiveTo
    ) {
      throw badInput('year', 'the year lies outside the agreement’s term');
    }
    return agreement;
  }
}
