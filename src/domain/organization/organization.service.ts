import type { DataSource } from 'typeorm';
import { findByIds } from '../../db/fast/hydrate';
import { inKeyOrder } from '../../shared/batching';
import { coversRegion } from '../../shared/caller';
import { badInput, conflict } from '../../shared/domain-error';
import { isUniqueViolation } from '../../shared/db-errors';
import { requiredRegionCode } from '../../shared/region';
import { requiredName } from '../../shared/text';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import type { CreateOrganizationInput } from './organization.inputs';
import { Organization } from './organization.entity';
import { OrganizationKind } from './organization-kind.enum';

/** Parties to agreements (rules.md §1). */
export class OrganizationService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
  ) {}

  /**
   * Creates an organization. Codes are unique (`CONFLICT`); the region is a six-digit division code inside the
   * caller's regions (runtime.md: "create organizations … only inside its regions"; else `BAD_USER_INPUT` on
   * `input.regionCode`); code and name are one line of visible text (`requiredName`); only a MEDICAL_INSTITUTION may be
   * a public institution (公立医疗机构, Suining art. 78; `BAD_USER_INPUT` on `input.publicInstitution`).
   */
  async create(actor: AuditActor, input: CreateOrganizationInput): Promise<Organization> {
    const code = requiredName('input.code', input.code, 64);
    const name = requiredName('input.name', input.name, 200);
    requiredRegionCode('input.regionCode', input.regionCode);
    if (!coversRegion(actor.user, input.regionCode)) {
      throw badInput('input.regionCode', 'regionCode lies outside the regions of your token');
    }
    const publicInstitution = input.publicInstitution ?? false;
    if (publicInstitution && input.kind !== OrganizationKind.MEDICAL_INSTITUTION) {
      throw badInput(
        'input.publicInstitution',
        'only a MEDICAL_INSTITUTION is a public institution (公立医疗机构, Suining art. 78)',
      );
    }
    try {
      return await this.db.transaction(async (em) => {
        if (await em.existsBy(Organization, { code })) {
          throw conflict('An organization with this code exists', 'input.code');
        }
        const org = em.create(Organization, {
          code,
          name,
          kind: input.kind,
          regionCode: input.regionCode,
          publicInstitution,
        });
        await em.insert(Organization, org);
        await this.audit.record(em, actor, 'createOrganization', [org.id], input);
        return org;
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw conflict('An organization with this code exists', 'input.code');
      }
      throw e;
    }
  }

  /** Every organization, or those of one kind, by code. Organizations are reference data every role reads. */
  list(kind?: OrganizationKind | null): Promise<Organization[]> {
    return this.db.getRepository(Organization).find({
      where: kind ? { kind } : {},
      order: { code: 'ASC' },
    });
  }

  /** Organizations by id, in the order of `ids` (null for a miss): one statement. */
  async byIds(ids: readonly string[]): Promise<(Organization | null)[]> {
    return inKeyOrder(ids, await findByIds(this.db, Organization, ids), (o) => o.id);
  }
}
