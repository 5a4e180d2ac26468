import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../../shared/caller';
import type { Clock } from '../../shared/clock';
import { daysBetween, isCalendarDate } from '../../shared/calendar-date';
import { badInput, DomainError, ErrorCode } from '../../shared/domain-error';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import { Organization } from '../organization/organization.entity';
import {
  decideContinuationRequest,
  decideSuspensionRequest,
  lapseTermination,
  type Refused,
} from '../penalty/rules/suspension-request.rule';
import { Agreement } from './agreement.entity';
import { AgreementKind, type AgreementStatus } from './agreement.enums';
import type { AgreementService } from './agreement.service';
import { AgreementSuspensionContinuation } from './agreement-suspension.entity';
import {
  agreementStanding,
  type AgreementStandingValue,
  standingStatusOn,
} from './rules/agreement-standing.rule';
import type { AgreementTermsService } from './terms/agreement-terms.service';
import type { InstitutionTermsValue } from './terms/terms.model';

/** Continuation and suspensions at the institution's request: AGENCY, in its regions, on a designated agreement. */
const DESIGNATED = {
  write: true,
  kinds: [AgreementKind.DESIGNATED_INSTITUTION],
} as const;

/** A refusal of the suspension rules as the contract's error: `BAD_USER_INPUT` on the argument, with its reason. */
const refusal = (r: Refused): DomainError =>
  new DomainError(ErrorCode.BAD_USER_INPUT, r.message, { field: r.field, reason: r.reason });

/**
 * An agreement's standing over time (rules.md §1, §3.5, §7.3; Suining arts. 65, 76–78, 82): its status on a day, its
 * continuation (art. 82) and the suspensions at the institution's request (arts. 76–78) with their lapse, each
 * computed on read from the stored facts (`agreementStanding`). The changes are AGENCY's in its regions (runtime.md:
 * "continue an agreement, record a suspension at the institution's request"), on DESIGNATED_INSTITUTION agreements,
 * the only ones whose contract has these clauses.
 */
export class AgreementStandingService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly agreements: AgreementService,
    private readonly terms: AgreementTermsService,
  ) {}

  /**
   * The standings of `agreements`, in their order: their suspensions with the requests to continue (one statement)
   * and, for those that continue, the agreements of the same parties B (a second, only when one continues).
   */
  async standingsOf(
    agreements: readonly Agreement[],
    em: DataSource | EntityManager = this.db,
  ): Promise<AgreementStandingValue[]> {
    const continuing = agreements.filter((a) => a.continues);
    // One after the other: inside a transaction both go through its one connection.
    const suspensions = await this.agreements.suspensionsOf(
      agreements.map((a) => a.id),
      em,
    );
    const others = continuing.length
      ? await em.getRepository(Agreement).find({
          where: { partyBId: In([...new Set(continuing.map((a) => a.partyBId))]) },
        })
      : [];
    return agreements.map((a, i) => agreementStanding(a, suspensions[i] ?? [], others));
  }

  /**
   * The agreement's status on `day` (default today; rules.md §1): TERMINATED from a termination or a lapse (art. 76),
   * EXPIRED after its last day in force — `effectiveTo`, or the end of its continuation (art. 82) —, SUSPENDED inside a
   * suspension, else ACTIVE.
   */
  statusOn(standing: AgreementStandingValue, day?: string | null): AgreementStatus {
    return standingStatusOn(standing, day ?? this.clock.today()) as AgreementStatus;
  }

  /**
   * 协议继续有效 (Suining art. 82: "因甲方原因，协议到期时仍未签订下一年度医保服务协议的，本协议继续有效，有效期至下一年度
   * 协议签订之日止"; rules.md §3.5): party A records, before or after `effectiveTo`, that the agreement continues until
   * the day before the next DESIGNATED_INSTITUTION agreement between the same parties takes effect (`continuedUntil`;
   * indefinitely while there is none). Recording it again changes nothing. Refused: an agreement outside the caller's
   * regions (`NOT_FOUND`), of another kind, or terminated — by a recorded termination, or by the lapse of art. 76 once
   * its day has come (`BAD_USER_INPUT` on `agreementId`).
   */
  async continueAgreement(actor: AuditActor, agreementId: string): Promise<Agreement> {
    return this.db.transaction(async (em) => {
      const agreement = await this.lockedAgreement(em, actor.user, agreementId, 'continue');
      const [standing] = await this.standingsOf([agreement], em);
      // A recorded termination, or a lapse (art. 76) that has happened; one still ahead may yet be prevented.
      const lapsed = standing?.lapsedOn != null && standing.lapsedOn <= this.clock.today();
      if (agreement.terminatedOn !== null || lapsed) {
        throw badInput('agreementId', 'A terminated agreement does not continue (Suining art. 82)');
      }
      if (!agreement.continues) {
        await em.update(Agreement, { id: agreement.id }, { continues: true });
        agreement.continues = true;
      }
      await this.audit.record(em, actor, 'continueAgreement', [agreement.id], { agreementId });
      return agreement;
    });
  }

  /**
   * 申请中止协议 (Suining arts. 76–78; rules.md §7.3): the institution's own request, received by party A on
   * `requestedOn`, to suspend its agreement for `days` days from `startsOn` (`decideSuspensionRequest`, with the terms
   * in force on `requestedOn`). Refused (`BAD_USER_INPUT` on the argument, `extensions.reason` the rule's): a public
   * institution (78; on `agreementId`); `requestedOn` not a date, after today, or outside the agreement's term
   * (continuation included) or after its termination; `startsOn` less than 3 months after the request (78) or outside
   * the term; `days` outside 1..180 (76). Accepted: the term's second such request terminates the agreement from its
   * `startsOn` and records no suspension (77(四)); otherwise the suspension is recorded, and one of 180 days carries the
   * day it ends the agreement unless the institution asks to continue by its last day (76: `lapsesOn`). An agreement
   * outside the caller's regions → `NOT_FOUND`; nothing is stored on a refusal.
   */
  async requestSuspension(
    actor: AuditActor,
    agreementId: string,
    requestedOn: string,
    startsOn: string,
    days: number,
  ): Promise<Agreement> {
    const today = this.clock.today();
    return this.db.transaction(async (em) => {
      const agreement = await this.lockedAgreement(em, actor.user, agreementId, 'request');
      const [standing] = await this.standingsOf([agreement], em);
      if (!standing) {
        throw new Error(`no standing for agreement ${agreement.id}`);
      }
      const institution = await em.findOneByOrFail(Organization, { id: agreement.partyBId });
      const terms = await this.termsOn(
        em,
        agreement,
        isCalendarDate(requestedOn) ? requestedOn : today,
      );
      const decision = decideSuspensionRequest({
        requestedOn,
        startsOn,
        days,
        today,
        publicInstitution: institution.publicInstitution,
        agreement: { ...agreement, ...standing },
        earlierRequested: standing.suspensions.filter((s) => s.requestedOn != null),
        terms,
      });
      if (decision.kind === 'refused') {
        throw refusal(decision);
      }
      const reason = `requested by the institution on ${requestedOn} (Suining art. 76)`;
      const ids = [agreement.id];
      if (decision.terminatedOn !== null) {
        await this.agreements.terminate(
          em,
          agreement,
          decision.terminatedOn,
          `a second suspension ${reason}: terminated from its first day (Suining art. 77(四))`,
        );
      } else {
        // Stored even where the term ends first: a continuation (art. 82) recorded later may reach it.
        const lapsesOn = lapseTermination({ ...decision.period, days }, null, terms);
        const suspension = await this.agreements.suspend(
          em,
          agreement,
          decision.period.startsOn,
          decision.period.endsOn,
          reason,
          { requestedOn, lapsesOn },
        );
        ids.push(suspension.id);
      }
      await this.audit.record(em, actor, 'requestSuspension', ids, {
        agreementId,
        requestedOn,
        startsOn,
        days,
      });
      return em.findOneByOrFail(Agreement, { id: agreement.id });
    });
  }

  /**
   * 继续履行协议申请 (Suining art. 76; rules.md §7.3): the institution asks, received by party A on `requestedOn`, to
   * continue after its latest suspension at its request (`decideContinuationRequest`); on or before that suspension's
   * last day it keeps a 180-day suspension from ending the agreement. Refused (`BAD_USER_INPUT`): no suspension at the
   * institution's request (on `agreementId`); `requestedOn` not a date, after today, before the request to suspend, or
   * after the suspension's last day (on `requestedOn`: by then the agreement has ended). Asked again after the same
   * suspension: the first request stands. An agreement outside the caller's regions → `NOT_FOUND`.
   */
  async resumeAfterSuspension(
    actor: AuditActor,
    agreementId: string,
    requestedOn: string,
  ): Promise<Agreement> {
    return this.db.transaction(async (em) => {
      const agreement = await this.lockedAgreement(em, actor.user, agreementId, 'resume');
      const [suspensions = []] = await this.agreements.suspensionsOf([agreement.id], em);
      const requested = suspensions
        .filter((s) => s.requestedOn !== null)
        .map((s) => ({ ...s, days: daysBetween(s.startsOn, s.endsOn) + 1 }));
      // The lapse a request prevents is stored on the suspension (`lapsesOn`); the rule's own count is not needed here.
      const decision = decideContinuationRequest({
        requestedOn,
        today: this.clock.today(),
        requested,
      });
      if (decision.kind === 'refused') {
        throw refusal(decision);
      }
      const suspension = requested.find((s) => s === decision.suspension)!;
      if (requestedOn < (suspension.requestedOn ?? requestedOn)) {
        throw badInput(
          'requestedOn',
          'A request to continue comes on or after the request to suspend (Suining art. 76)',
        );
      }
      await em
        .createQueryBuilder()
        .insert()
        .into(AgreementSuspensionContinuation)
        .values({ suspensionId: suspension.id, agreementId: agreement.id, requestedOn })
        .orIgnore()
        .execute();
      await this.audit.record(em, actor, 'resumeAfterSuspension', [agreement.id, suspension.id], {
        agreementId,
        requestedOn,
      });
      return agreement;
    });
  }

  /** The agreement for a change of its standing, its row locked (the requests of one agreement count each other). */
  private async lockedAgreement(
    em: EntityManager,
    user: Caller,
    agreementId: string,
    what: 'continue' | 'request' | 'resume',
  ): Promise<Agreement> {
    const agreement = await this.agreements.agreementFor(em, user, agreementId, {
      ...DESIGNATED,
      why:
        what === 'continue'
          ? 'only a DESIGNATED_INSTITUTION agreement continues past its end (Suining art. 82)'
          : 'suspensions at the institution’s request apply to DESIGNATED_INSTITUTION agreements (Suining arts. 76–78)',
    });
    await em.query(`SELECT id FROM agreement WHERE id = $1 FOR UPDATE`, [agreement.id]);
    return agreement;
  }

  /** The institution terms in force on `day` (before the agreement starts, its first version). */
  private async termsOn(
    em: EntityManager,
    agreement: Agreement,
    day: string,
  ): Promise<InstitutionTermsValue> {
    return (await this.terms.valueOn(em, agreement, day)) as InstitutionTermsValue;
  }
}
