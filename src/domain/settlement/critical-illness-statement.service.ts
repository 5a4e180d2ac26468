import type { DataSource } from 'typeorm';
import { Role, coversRegion, type Caller } from '../../shared/caller';
import type { Clock } from '../../shared/clock';
import { badInput } from '../../shared/domain-error';
import { Money } from '../../shared/money';
import { isUuid } from '../../shared/uuid';
import { Agreement } from '../agreement/agreement.entity';
import { AgreementKind } from '../agreement/agreement.enums';
import { OrganizationKind } from '../organization/organization-kind.enum';
import { Organization } from '../organization/organization.entity';
import type { CriticalIllnessStatement } from './critical-illness-statement.types';
import {
  criticalIllnessStatement,
  type AppliedAdjustment,
  type StatementClaim,
} from './rules/critical-illness-statement.rule';
import { valueOrThrow } from './rules/settlement-check';
import {
  addMonthsToMonth,
  checkSettlementMonth,
  monthFirstDay,
  monthLastDay,
  monthOf,
} from './rules/settlement-month.rule';

/**
 * 大病保险结算单 (Henan art. 16; rules.md §10.2): an institution's critical-illness statement with the insurer for an
 * agreement and a month, read from the claims and the ledger and computed by the pure rule
 * (`criticalIllnessStatement`). Who (runtime.md): the AGENCY whose regions cover the institution, the INSURER of its own
 * agreements, the INSTITUTION its own; otherwise absent (null).
 */
export class CriticalIllnessStatementService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The statement of `institutionId` under the CRITICAL_ILLNESS agreement `agreementId` for `month` (`YYYY-MM`, not
   * after the current month); null when the caller may not read it or either id names nothing.
   */
  async statement(
    user: Caller,
    agreementId: string,
    institutionId: string,
    monthInput: string,
  ): Promise<CriticalIllnessStatement | null> {
    const month = valueOrThrow(checkSettlementMonth(monthInput));
    if (month > monthOf(this.clock.today())) {
      throw badInput('month', 'the month has not begun');
    }
    const em = this.db.manager;
    const [agreement, institution] = await Promise.all([
      isUuid(agreementId) ? em.findOneBy(Agreement, { id: agreementId }) : null,
      isUuid(institutionId) ? em.findOneBy(Organization, { id: institutionId }) : null,
    ]);
    if (!agreement || !institution || !this.mayRead(user, agreement, institution)) {
      return null;
    }
    if (agreement.kind !== AgreementKind.CRITICAL_ILLNESS) {
      throw badInput(
        'agreementId',
        'critical-illness statements belong to CRITICAL_ILLNESS agreements',
      );
    }
    if (institution.kind !== OrganizationKind.MEDICAL_INSTITUTION) {
      throw badInput('institutionId', 'the institution must be a MEDICAL_INSTITUTION');
    }
    const previous = addMonthsToMonth(month, -1);
    const [claims, adjustments] = await Promise.all([
      em.query<
        {
          id: string;
          status: StatementClaim['status'];
          declared_on: string;
          benefit: string;
        }[]
      >(
        // Declared in the month, so discharged by its last day (the discharge bound lets the institution index help).
        `SELECT c.id, c.status, c.declared_on::text AS declared_on, c.benefit FROM claim c
         WHERE c.institution_id = $1 AND c.agreement_id = $2 AND c.channel = 'DIRECT'
           AND c.discharge_date <= $4 AND c.declared_on BETWEEN $3 AND $4`,
        [institution.id, agreement.id, monthFirstDay(month), monthLastDay(month)],
      ),
      em.query<{ claim_id: string; applied_on: string; benefit_delta: string }[]>(
        `SELECT e.claim_id, e.applied_on::text AS applied_on, e.benefit_delta FROM ledger_entry e
         JOIN claim c ON c.insured_person_id = e.insured_person_id AND c.id = e.claim_id
         WHERE e.kind <> 'CLAIM' AND e.applied_on BETWEEN $3 AND $4
           AND c.institution_id = $1 AND c.agreement_id = $2 AND c.channel = 'DIRECT'`,
        [institution.id, agreement.id, monthFirstDay(previous), monthLastDay(previous)],
      ),
    ]);
    const key = {
      channel: 'DIRECT',
      institutionId: institution.id,
      agreementId: agreement.id,
    } as const;
    const figures = criticalIllnessStatement({
      institutionId: institution.id,
      agreementId: agreement.id,
      month,
      claims: claims.map((c): StatementClaim => ({
        ...key,
        id: c.id,
        status: c.status,
        declaredOn: c.declared_on,
        benefit: new Money(c.benefit),
      })),
      adjustments: adjustments.map((a): AppliedAdjustment => ({
        ...key,
        claimId: a.claim_id,
        appliedOn: a.applied_on,
        benefitDelta: new Money(a.benefit_delta),
      })),
    });
    return { agreement, institution, ...figures };
  }

  private mayRead(user: Caller, agreement: Agreement, institution: Organization): boolean {
    switch (user.role) {
      case Role.AGENCY:
        return coversRegion(user, institution.regionCode);
      case Role.INSURER:
        return agreement.partyBId === user.org;
      case Role.INSTITUTION:
        return institution.id === user.org;
      default:
        return false;
    }
  }
}
