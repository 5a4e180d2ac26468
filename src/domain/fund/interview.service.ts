import type { DataSource, EntityManager } from 'typeorm';
import { type Caller } from '../../shared/caller';
import { isCalendarDate, yearOf } from '../../shared/calendar-date';
import type { Clock } from '../../shared/clock';
import { badInput, notFound } from '../../shared/domain-error';
import { type Agreement } from '../agreement/agreement.entity';
import { AgreementKind } from '../agreement/agreement.enums';
import type { AgreementService } from '../agreement/agreement.service';
import { monthDayOf } from '../agreement/rules/terms-validation.rule';
import type { AgreementTermsService } from '../agreement/terms/agreement-terms.service';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import type { CalendarService } from '../calendar/calendar.service';
import { ReportKind, type ReportDeadline } from '../calendar/report-deadline.type';
import { isReportLate } from '../calendar/rules/report-deadlines.rule';
import { overdueAsOfSql } from '../claim/claim-as-of.sql';
import type { StaffingService } from '../handling/staffing.service';
import type { InterviewTrigger, ReportFiling } from './interview.types';

/** The agreements report filings and interview triggers belong to (Henan arts. 25–26, 33). */
const CRITICAL_ILLNESS = {
  kinds: [AgreementKind.CRITICAL_ILLNESS],
  why: 'report filings and interview triggers belong to CRITICAL_ILLNESS agreements',
} as const;

/** The period forms of each report kind (contract `ReportDeadline.period`). */
const PERIOD: Record<ReportKind, RegExp> = {
  [ReportKind.MONTHLY]: /^\d{4}-(0[1-9]|1[0-2])$/,
  [ReportKind.HALF_YEAR]: /^\d{4}-H1$/,
  [ReportKind.ANNUAL]: /^\d{4}$/,
};

/**
 * Report filings (Henan arts. 25–26) and the interview triggers the system can see (Henan art. 33; rules.md §5):
 * staffing shortfalls (一), claims overdue for payment (二), monthly reports not filed by their due date (五).
 */
export class InterviewService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly terms: AgreementTermsService,
    private readonly agreements: AgreementService,
    private readonly calendar: CalendarService,
    private readonly staffing: StaffingService,
    private readonly clock: Clock,
  ) {}

  /**
   * 报表报送: records that a report was filed on `filedOn` (AGENCY, in its regions): a day in the past or today, never in
   * the future (rules.md §3.4: an event is dated by its own day, and later answers as of earlier days leave it out).
   */
  async recordFiling(
    actor: AuditActor,
    agreementId: string,
    kind: ReportKind,
    period: string,
    filedOn: string,
  ): Promise<ReportFiling> {
    if (!PERIOD[kind].test(period)) {
      throw badInput(
        'period',
        'period is "2024-09" for MONTHLY, "2024-H1" for HALF_YEAR, "2024" for ANNUAL',
      );
    }
    if (!isCalendarDate(filedOn)) {
      throw badInput('filedOn', 'filedOn must be a calendar date');
    }
    if (filedOn > this.clock.today()) {
      throw badInput('filedOn', 'filedOn must not be after today');
    }
    return this.db.transaction(async (em) => {
      const agreement = await this.agreements.agreementFor(em, actor.user, agreementId, {
        write: true,
        ...CRITICAL_ILLNESS,
      });
      await em.query(
        `INSERT INTO report_filing (agreement_id, kind, period, filed_on) VALUES ($1, $2, $3, $4)`,
        [agreement.id, kind, period, filedOn],
      );
      await this.audit.record(em, actor, 'recordReportFiling', [agreement.id], {
        agreementId,
        kind,
        period,
        filedOn,
      });
      return { kind, period, filedOn };
    });
  }

  /**
   * The earliest filing day of each report of an agreement, by `kind|period`; with `asOf`, only the filings dated on
   * or before it (rules.md §3.4, "As of").
   */
  async filings(
    em: EntityManager,
    agreementId: string,
    asOf?: string,
  ): Promise<Map<string, string>> {
    const rows = await em.query<{ kind: string; period: string; filed_on: string }[]>(
      `SELECT kind, period, min(filed_on)::text AS filed_on FROM report_filing
       WHERE agreement_id = $1 AND ($2::date IS NULL OR filed_on <= $2::date) GROUP BY kind, period`,
      [agreementId, asOf ?? null],
    );
    return new Map(rows.map((r) => [`${r.kind}|${r.period}`, r.filed_on]));
  }

  /**
   * 报送期限 (Henan arts. 25–26; rules.md §8): the report deadlines of `year` of an agreement the caller may read
   * (`mayReadReporting`), each with its filing if recorded; else `NOT_FOUND` on `agreementId`.
   */
  async reportDeadlines(
    user: Caller,
    agreementId: string,
    year: number,
  ): Promise<ReportDeadline[]> {
    const agreement = await this.agreements.byId(agreementId);
    if (!agreement || !this.agreements.mayReadReporting(user, agreement)) {
      throw notFound('Agreement', 'agreementId');
    }
    return this.deadlines(this.db.manager, agreement, year);
  }

  /** The report deadlines of `year` under the agreement's terms, with the filing day of each (`filings` if loaded). */
  async deadlines(
    em: EntityManager,
    agreement: Agreement,
    year: number,
    filings?: ReadonlyMap<string, string>,
  ): Promise<ReportDeadline[]> {
    const terms = await this.terms.valueOn(em, agreement, `${year}-01-01`);
    const rows = await this.calendar.reportDeadlines(
      year,
      terms.kind === AgreementKind.CRITICAL_ILLNESS
        ? {
            monthlyDueDay: terms.monthlyReportDueDay,
            halfYearDue: monthDayOf(terms.halfYearReportDue),
            annualDue: monthDayOf(terms.annualReportDue),
          }
        : {},
    );
    const filed = filings ?? (await this.filings(em, agreement.id));
    return rows.map((r) => ({
      ...r,
      kind: r.kind as ReportKind,
      filedOn: filed.get(`${r.kind}|${r.period}`) ?? null,
    }));
  }

  /** 约谈情形 on `on` (default today) for a CRITICAL_ILLNESS agreement (Henan art. 33). */
  async triggers(user: Caller, agreementId: string, on: string): Promise<InterviewTrigger[]> {
    if (!isCalendarDate(on)) {
      throw badInput('on', 'on must be a calendar date');
    }
    const em = this.db.manager;
    const agreement = await this.agreements.agreementFor(em, user, agreementId, {
      write: false,
      ...CRITICAL_ILLNESS,
    });
    const out: InterviewTrigger[] = [];
    const none = { regionCode: null, count: null, period: null, dueOn: null };
    for (const s of (await this.staffing.complianceOf(em, agreement)).shortfalls) {
      if (!s.advisory) {
        out.push({
          ...none,
          kind: 'STAFFING_SHORTFALL',
          article: '33(一)',
          description: `${s.rule}: ${s.actual} staff where ${s.required} are required`,
          regionCode: s.regionCode,
        });
      }
    }
    // As the claims stood on `on` (rules.md §3.4): reviews, reversals and payments dated later are left out.
    const [overdue] = await em.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM claim c WHERE c.agreement_id = $1 AND ${overdueAsOfSql('$2::date')}`,
      [agreement.id, on],
    );
    const n = Number(overdue?.n ?? 0);
    if (n > 0) {
      out.push({
        ...none,
        kind: 'OVERDUE_CLAIMS',
        article: '33(二)',
        description: `${n} claims unpaid after their due date`,
        count: n,
      });
    }
    // A filing dated after `on` was not known then: as of `on` the report is not filed (rules.md §3.4).
    const filed = await this.filings(em, agreement.id, on);
    for (
      let year = yearOf(agreement.effectiveFrom);
      year <= yearOf(on) && year <= yearOf(agreement.effectiveTo);
      year++
    ) {
      for (const d of await this.deadlines(em, agreement, year, filed)) {
        const month = `${d.period}-01`;
        const late = isReportLate(d, on);
        if (
          d.kind === ReportKind.MONTHLY &&
          month >= agreement.effectiveFrom.slice(0, 8) + '01' &&
          month <= agreement.effectiveTo &&
          late
        ) {
          out.push({
            ...none,
            kind: 'REPORT_NOT_FILED',
            article: '33(五)',
            description: d.filedOn
              ? `the ${d.period} monthly report was filed on ${d.filedOn}, after ${d.dueOn}`
              : `the ${d.period} monthly report was due on ${d.dueOn} and is not filed`,
            period: d.period,
            dueOn: d.dueOn,
          });
        }
      }
    }
    return out;
  }
}
