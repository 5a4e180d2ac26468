import type { DataSource, EntityManager } from 'typeorm';
import { type Caller } from '../../shared/caller';
import { badInput } from '../../shared/domain-error';
import { matchesPrefix, regionPrefix, requiredRegionCode } from '../../shared/region';
import { type Agreement } from '../agreement/agreement.entity';
import { AgreementKind } from '../agreement/agreement.enums';
import type { AgreementService } from '../agreement/agreement.service';
import type { AgreementTermsService } from '../agreement/terms/agreement-terms.service';
import type { CriticalIllnessTermsValue, HandlingTermsValue } from '../agreement/terms/terms.model';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Clock } from '../../shared/clock';
import { henanShortfalls, luoyangShortfalls, type StaffingFigures } from './rules/staffing.rule';
import {
  StaffLevel,
  StaffRole,
  type StaffingCompliance,
  type StaffingInput,
} from './staffing.types';

/** The agreements with staffing rules (Luoyang 4(一); Henan arts. 7–8). */
const STAFFED = {
  kinds: [AgreementKind.COMMISSIONED_HANDLING, AgreementKind.CRITICAL_ILLNESS],
  why: 'staffing rules apply to COMMISSIONED_HANDLING and CRITICAL_ILLNESS agreements',
} as const;

/** The kind of staff a rule counts, from its name (`CITY_MEDICAL` → MEDICAL, `MEDICAL_SHARE` → MEDICAL). */
const staffRoleOf = (rule: string): StaffRole | null =>
  rule.includes('MEDICAL')
    ? StaffRole.MEDICAL
    : rule.endsWith('_FINANCE')
      ? StaffRole.FINANCE
      : rule.endsWith('_IT')
        ? StaffRole.IT
        : null;

/**
 * Staffing (Luoyang 4(一); Henan arts. 7–8; rules.md §6): reports per level and region (history kept, the latest
 * counts) and the compliance check — the Luoyang rule set for COMMISSIONED_HANDLING agreements, the Henan one
 * (co-located staff included) for CRITICAL_ILLNESS agreements, with the numbers from the terms in force today.
 */
export class StaffingService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly terms: AgreementTermsService,
    private readonly agreements: AgreementService,
  ) {}

  async record(actor: AuditActor, input: StaffingInput): Promise<StaffingCompliance> {
    const region = requiredRegionCode('input.regionCode', input.regionCode);
    for (const f of ['medical', 'finance', 'it', 'other', 'insuredCount', 'coLocated'] as const) {
      const v = input[f];
      if (v != null && (!Number.isInteger(v) || v < 0)) {
        throw badInput(`input.${f}`, `${f} must be a whole number, 0 or more`);
      }
    }
    if (input.level !== StaffLevel.COUNTY && input.insuredCount != null) {
      throw badInput('input.insuredCount', 'insuredCount is given for a COUNTY only');
    }
    return this.db.transaction(async (em) => {
      const agreement = await this.agreements.agreementFor(em, actor.user, input.agreementId, {
        write: true,
        field: 'input.agreementId',
        ...STAFFED,
      });
      if (!matchesPrefix(region, agreement.coveredRegions.map(regionPrefix))) {
        throw badInput('input.regionCode', 'the region is not covered by the agreement');
      }
      await em.query(
        `INSERT INTO staffing_report (agreement_id, level, region_code, medical, finance, it, other, insured_count, co_located)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          agreement.id,
          input.level,
          region,
          input.medical,
          input.finance,
          input.it,
          input.other,
          input.insuredCount ?? null,
          input.coLocated ?? null,
        ],
      );
      await this.audit.record(em, actor, 'recordStaffing', [agreement.id], input);
      return this.complianceOf(em, agreement);
    });
  }

  async compliance(user: Caller, agreementId: string): Promise<StaffingCompliance> {
    const em = this.db.manager;
    return this.complianceOf(
      em,
      await this.agreements.agreementFor(em, user, agreementId, { write: false, ...STAFFED }),
    );
  }

  /** The agreement's shortfalls on its latest figures; also used by the interview triggers. */
  async complianceOf(em: EntityManager, agreement: Agreement): Promise<StaffingCompliance> {
    const rows = await em.query<
      {
        level: 'CITY' | 'COUNTY';
        region_code: string;
        medical: number;
        finance: number;
        it: number;
        other: number;
        insured_count: string | null;
        co_located: number | null;
      }[]
    >(
      `SELECT DISTINCT ON (level, region_code) level, region_code, medical, finance, it, other, insured_count, co_located
       FROM staffing_report WHERE agreement_id = $1 ORDER BY level, region_code, id DESC`,
      [agreement.id],
    );
    const figures: StaffingFigures[] = rows.map((r) => ({
      level: r.level,
      regionCode: r.region_code,
      medical: Number(r.medical),
      finance: Number(r.finance),
      it: Number(r.it),
      other: Number(r.other),
      insuredCount: r.insured_count === null ? null : Number(r.insured_count),
      coLocated: r.co_located === null ? null : Number(r.co_located),
    }));
    const day = this.clock.today();
    const terms = await this.terms.valueOn(em, agreement, day);
    const shortfalls =
      agreement.kind === AgreementKind.COMMISSIONED_HANDLING
        ? luoyangShortfalls(figures, (terms as HandlingTermsValue).staffing, agreement.regionCode)
        : henanShortfalls(
            figures,
            (terms as CriticalIllnessTermsValue).staffing,
            agreement.coveredRegions,
          );
    return {
      compliant: shortfalls.every((s) => s.advisory),
      shortfalls: shortfalls.map((s) => ({ ...s, staffRole: staffRoleOf(s.rule) })),
    };
  }
}
