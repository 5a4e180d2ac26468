import { In, type DataSource, type EntityManager } from 'typeorm';
import { groupedInKeyOrder } from '../../../shared/batching';
import { coversRegion } from '../../../shared/caller';
import { isCalendarDate } from '../../../shared/calendar-date';
import type { Clock } from '../../../shared/clock';
import { isUniqueViolation } from '../../../shared/db-errors';
import { badInput, conflict, notFound } from '../../../shared/domain-error';
import { isUuid } from '../../../shared/uuid';
import type { AuditActor, AuditTrailService } from '../../audit-trail/audit-trail.service';
import { Agreement } from '../agreement.entity';
import { AgreementKind } from '../agreement.enums';
import { termsVersionOn } from '../rules/terms-in-force.rule';
import { validateTerms } from '../rules/terms-validation.rule';
import { AgreementTermsVersion } from './agreement-terms.entity';
import { decodeTerms, encodeTerms, mergeTerms } from './terms.codec';
import {
  criticalIllnessPatch,
  handlingPatch,
  institutionPatch,
  type CriticalIllnessTermsInput,
  type HandlingTermsInput,
  type InstitutionTermsInput,
} from './terms.inputs';
import { DEFAULT_TERMS, type TermsValue } from './terms.model';

/** The terms inputs of one operation, with the path each stands at (for `extensions.field`). */
export interface TermsInputs {
  readonly criticalIllnessTerms?: CriticalIllnessTermsInput | null;
  readonly handlingTerms?: HandlingTermsInput | null;
  readonly institutionTerms?: InstitutionTermsInput | null;
}

/** A terms value as the API shows it: with the first day of its version. */
export type TermsView = TermsValue & { readonly effectiveFrom: string };

const INPUT_OF_KIND = {
  [AgreementKind.CRITICAL_ILLNESS]: 'criticalIllnessTerms',
  [AgreementKind.COMMISSIONED_HANDLING]: 'handlingTerms',
  [AgreementKind.DESIGNATED_INSTITUTION]: 'institutionTerms',
} as const;

/**
 * Terms as data, versioned (rules.md §1; docs/decisions.md, "Terms as data, versioned"). Every agreement has a first
 * version from its `effectiveFrom`, made at creation from the seed values and the creation's terms input; `reviseTerms`
 * adds a version (a policy change, "如遇政策调整，按调整后的政策执行") and keeps the old ones.
 */
export class AgreementTermsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
  ) {}

  /**
   * The first terms value of a new agreement of `kind`: the seed values with the given input's fields. A terms input
   * of another kind is `BAD_USER_INPUT` on it. `prefix` is where the inputs stand (`input.` in createAgreement).
   */
  initialTerms(kind: AgreementKind, inputs: TermsInputs, prefix: string): TermsValue {
    return this.patched(DEFAULT_TERMS[kind], inputs, prefix);
  }

  /** Stores the first version of a new agreement, inside its creation's transaction. */
  async insertFirst(em: EntityManager, agreement: Agreement, terms: TermsValue): Promise<void> {
    await em.insert(AgreementTermsVersion, {
      agreementId: agreement.id,
      effectiveFrom: agreement.effectiveFrom,
      terms: encodeTerms(terms),
    });
  }

  /**
   * 政策调整: adds a terms version in force from `effectiveFrom`. Fields left out keep the values of the version in force
   * the day before. `effectiveFrom` must lie after the agreement's first day and not after its last
   * (`BAD_USER_INPUT`); a version starting the same day exists → `CONFLICT`. Later versions are kept as they were.
   * AGENCY only, in its regions (else `NOT_FOUND`).
   */
  async revise(
    actor: AuditActor,
    agreementId: string,
    effectiveFrom: string,
    inputs: TermsInputs,
  ): Promise<Agreement> {
    if (!isCalendarDate(effectiveFrom)) {
      throw badInput('effectiveFrom', 'effectiveFrom must be a calendar date');
    }
    try {
      return await this.db.transaction(async (em) => {
        const agreement = isUuid(agreementId)
          ? await em
              .getRepository(Agreement)
              .createQueryBuilder('a')
              .setLock('pessimistic_write')
              .where('a.id = :agreementId', { agreementId })
              .getOne()
          : null;
        if (!agreement || !coversRegion(actor.user, agreement.regionCode)) {
          throw notFound('Agreement', 'agreementId');
        }
        if (!inputs[INPUT_OF_KIND[agreement.kind]]) {
          throw badInput(
            INPUT_OF_KIND[agreement.kind],
            `a revision of a ${agreement.kind} agreement gives ${INPUT_OF_KIND[agreement.kind]}`,
          );
        }
        if (effectiveFrom <= agreement.effectiveFrom || effectiveFrom > agreement.effectiveTo) {
          throw badInput(
            'effectiveFrom',
            `a revision takes effect after the agreement's first day (${agreement.effectiveFrom}) and not after its last (${agreement.effectiveTo})`,
          );
        }
        const versions = await em.findBy(AgreementTermsVersion, { agreementId: agreement.id });
        if (versions.some((v) => v.effectiveFrom === effectiveFrom)) {
          throw conflict(`A terms version from ${effectiveFrom} exists`, 'effectiveFrom');
        }
        const base = termsVersionOn(versions, effectiveFrom);
        if (!base) {
          throw new Error(`Agreement ${agreement.id} has no terms version`);
        }
        const terms = this.patched(decodeTerms(agreement.kind, base.terms), inputs, '');
        const version = em.create(AgreementTermsVersion, {
          agreementId: agreement.id,
          effectiveFrom,
          terms: encodeTerms(terms),
        });
        await em.insert(AgreementTermsVersion, version);
        await this.audit.record(em, actor, 'reviseTerms', [agreement.id, version.id], {
          agreementId,
          effectiveFrom,
          ...inputs,
        });
        return agreement;
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw conflict(`A terms version from ${effectiveFrom} exists`, 'effectiveFrom');
      }
      throw e;
    }
  }

  /** The version in force on `day` (default today) among an agreement's versions, as the API shows it. */
  viewOn(
    agreement: Pick<Agreement, 'id' | 'kind'>,
    versions: readonly Pick<AgreementTermsVersion, 'effectiveFrom' | 'terms'>[],
    day: string | null | undefined,
  ): TermsView {
    const version = termsVersionOn(versions, day ?? this.clock.today());
    if (!version) {
      throw new Error(`Agreement ${agreement.id} has no terms version`);
    }
    return this.view(agreement, version);
  }

  /** The terms versions of each of `agreementIds`, in their order: one statement. */
  async versionsOf(agreementIds: readonly string[]): Promise<AgreementTermsVersion[][]> {
    return groupedInKeyOrder(
      agreementIds,
      await this.db
        .getRepository(AgreementTermsVersion)
        .findBy({ agreementId: In([...agreementIds]) }),
      (v) => v.agreementId,
    );
  }

  /** Every version of an agreement, oldest first, as the API shows them. */
  history(agreement: Agreement, versions: readonly AgreementTermsVersion[]): TermsView[] {
    return [...versions]
      .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
      .map((v) => this.view(agreement, v));
  }

  /** The terms value of `agreementId` in force on `day`, for computations (claims, fees, penalties). */
  async valueOn(em: EntityManager, agreement: Agreement, day: string): Promise<TermsValue> {
    const versions = await em.findBy(AgreementTermsVersion, { agreementId: agreement.id });
    return this.viewOn(agreement, versions, day);
  }

  private view(
    agreement: Pick<Agreement, 'kind'>,
    version: Pick<AgreementTermsVersion, 'effectiveFrom' | 'terms'>,
  ): TermsView {
    return { ...decodeTerms(agreement.kind, version.terms), effectiveFrom: version.effectiveFrom };
  }

  /** `base` with the inputs' fields; only the input of `base`'s kind is allowed. Validated. */
  private patched(base: TermsValue, inputs: TermsInputs, prefix: string): TermsValue {
    for (const [kind, name] of Object.entries(INPUT_OF_KIND)) {
      if (kind !== String(base.kind) && inputs[name]) {
        throw badInput(`${prefix}${name}`, `${name} apply to ${kind} agreements only`);
      }
    }
    const merged =
      base.kind === AgreementKind.CRITICAL_ILLNESS
        ? mergeTerms(base, criticalIllnessPatch(inputs.criticalIllnessTerms))
        : base.kind === AgreementKind.COMMISSIONED_HANDLING
          ? mergeTerms(base, handlingPatch(inputs.handlingTerms))
          : mergeTerms(base, institutionPatch(inputs.institutionTerms));
    validateTerms(merged, `${prefix}${INPUT_OF_KIND[base.kind]}`);
    return merged;
  }
}
