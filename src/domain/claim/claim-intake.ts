import { createHash } from 'node:crypto';
import type Decimal from 'decimal.js';
import type { DataSource } from 'typeorm';
import { findByIds, findByUuids, hydratorOf } from '../../db/fast/hydrate';
import { Role, coversRegion, type Caller } from '../../shared/caller';
import { yearOf } from '../../shared/calendar-date';
import { badInput, DomainError, notFound } from '../../shared/domain-error';
import { groupBy } from '../../shared/group-by';
import { matchesPrefix, regionPrefix } from '../../shared/region';
import { isUuid } from '../../shared/uuid';
import type { AgreementSuspension } from '../agreement/agreement-suspension.entity';
import { Agreement } from '../agreement/agreement.entity';
import { AgreementKind } from '../agreement/agreement.enums';
import { agreementStanding } from '../agreement/rules/agreement-standing.rule';
import { termsVersionOn } from '../agreement/rules/terms-in-force.rule';
import { readSuspensions } from '../agreement/suspension-read';
import { AgreementTermsVersion } from '../agreement/terms/agreement-terms.entity';
import { decodeTerms } from '../agreement/terms/terms.codec';
import type { CriticalIllnessTermsValue } from '../agreement/terms/terms.model';
import type { CalendarService } from '../calendar/calendar.service';
import type { InsuredPerson } from '../insured-person/insured-person.entity';
import { SpecialStatus } from '../insured-person/insured-person.enums';
import { specialStatusOn } from '../insured-person/rules/special-status.rule';
import { SpecialStatusPeriod } from '../insured-person/special-status-period.entity';
import { OrganizationKind } from '../organization/organization-kind.enum';
import { Organization } from '../organization/organization.entity';
import { scheduleOf } from './claim-mappers';
import { ClaimChannel, ScheduleKind, type RejectionReason } from './claim.enums';
import type { SubmitClaimInput } from './claim.inputs';
import type { Schedule } from './rules/benefit.rule';
import {
  checkClaimInput,
  checkDeclaration,
  type CheckedClaimInput,
} from './rules/claim-input.rule';
import { designationGate } from './rules/designation.rule';

/** What adjudication needs of a person. */
type PersonRef = Pick<InsuredPerson, 'id' | 'regionCode'>;

/** One input, checked against stored data and ready to adjudicate. */
export interface PreparedClaim {
  readonly index: number;
  /** Where the input stands in the arguments: `input` or `inputs[3]`. */
  readonly at: string;
  readonly input: SubmitClaimInput;
  readonly checked: CheckedClaimInput;
  readonly person: PersonRef;
  readonly year: number;
  readonly termsVersionId: string;
  readonly scheduleKind: ScheduleKind;
  readonly schedule: Schedule;
  /**
   * The working days from `declaredOn` to the payment due date (the terms' DIRECT or MANUAL days, rules.md §3.4): the
   * date itself is counted when the claim is stored, on the calendar then in force (rules.md §3.6).
   */
  readonly paymentWorkingDays: number;
  readonly payloadHash: Buffer;
  readonly rejection: RejectionReason | null;
}

/** The payload an (institution, settlement number) stands for: equal payloads hash equal (idempotency). */
const payloadHashOf = (input: SubmitClaimInput, checked: CheckedClaimInput): Buffer =>
  createHash('sha256')
    .update(
      JSON.stringify([
        input.agreementId,
        input.institutionId,
        input.insuredPersonId,
        checked.settlementNumber,
        input.channel,
        input.admissionDate,
        input.dischargeDate,
        input.declaredOn,
        ...Object.values(checked.components).map((d: Decimal) => d.toFixed(2)),
      ]),
    )
    .digest();

/** Decoded critical-illness terms of each version. */
const criticalIllnessTerms = (
  versions: readonly AgreementTermsVersion[],
  agreements: ReadonlyMap<string, Agreement>,
): Map<string, CriticalIllnessTermsValue> => {
  const out = new Map<string, CriticalIllnessTermsValue>();
  for (const v of versions) {
    const a = agreements.get(v.agreementId);
    if (a?.kind === AgreementKind.CRITICAL_ILLNESS) {
      out.set(v.id, decodeTerms(a.kind, v.terms) as CriticalIllnessTermsValue);
    }
  }
  return out;
};

/**
 * The intake of claim submissions (rules.md §3.1, §3.3–3.5): each input checked against stored data and made ready to
 * adjudicate — the caller's right to submit it, its agreement, institution and person, the terms version and the
 * schedule on the discharge date, the payment due date, the designation gate — with what the inputs name loaded in
 * one round trip's worth of reads. Stores nothing.
 */
export class ClaimIntake {
  constructor(
    private readonly db: DataSource,
    private readonly calendar: CalendarService,
  ) {}

  /** The designated-institution agreements whose party B is one of `institutionIds`. */
  private async designationsOf(institutionIds: readonly string[]): Promise<Agreement[]> {
    if (institutionIds.length === 0) {
      return [];
    }
    const rows = await this.db.query<Record<string, unknown>[]>(
      `SELECT * FROM agreement WHERE party_b_id = ANY($1::uuid[]) AND kind = $2`,
      [institutionIds, AgreementKind.DESIGNATED_INSTITUTION],
    );
    return rows.map(hydratorOf(this.db, Agreement));
  }

  /**
   * The suspensions of those agreements with the requests to continue after them (art. 76), read beside them rather
   * than after them.
   */
  private async designationSuspensionsOf(
    institutionIds: readonly string[],
  ): Promise<AgreementSuspension[]> {
    if (institutionIds.length === 0) {
      return [];
    }
    return readSuspensions(
      this.db,
      'JOIN agreement a ON a.id = s.agreement_id',
      'a.party_b_id = ANY($1::uuid[]) AND a.kind = $2',
      [institutionIds, AgreementKind.DESIGNATED_INSTITUTION],
    );
  }

  /**
   * Checks every input against stored data, loading what the inputs name in a few queries: the agreement (a
   * CRITICAL_ILLNESS one, which the caller may submit under, covering the person's region and the discharge date), the
   * institution, the person, the terms version and the special status on the discharge date, the payment due date, and
   * the designation gate. `today` bounds the declaration day (rules.md §3.4).
   */
  async prepare(
    user: Caller,
    inputs: readonly SubmitClaimInput[],
    at: (i: number) => string,
    today: string,
  ): Promise<(PreparedClaim | DomainError)[]> {
    const ids = (f: (i: SubmitClaimInput) => string) => [...new Set(inputs.map(f).filter(isUuid))];
    const agreementIds = ids((i) => i.agreementId);
    const institutionIds = ids((i) => i.institutionId);
    const personIds = ids((i) => i.insuredPersonId);
    const db = this.db;
    // One round trip's worth of reads, side by side, each with one array parameter (docs/performance.md).
    const [agreements, institutions, persons, versions, statuses, designations, suspensions] =
      await Promise.all([
        findByIds(db, Agreement, agreementIds),
        findByIds(db, Organization, institutionIds),
        // Only what adjudication uses of a person (not the encrypted number): docs/performance.md.
        personIds.length
          ? db
              .query<{ id: string; region_code: string }[]>(
                `SELECT id, region_code FROM insured_person WHERE id = ANY($1::uuid[])`,
                [personIds],
              )
              .then((rows) => rows.map((r): PersonRef => ({ id: r.id, regionCode: r.region_code })))
          : [],
        findByUuids(db, AgreementTermsVersion, 'agreementId', agreementIds),
        findByUuids(db, SpecialStatusPeriod, 'insuredPersonId', personIds),
        this.designationsOf(institutionIds),
        this.designationSuspensionsOf(institutionIds),
      ]);
    const byId = <T extends { id: string }>(rows: readonly T[]) =>
      new Map(rows.map((r) => [r.id, r]));
    const agreementById = byId(agreements);
    const institutionById = byId(institutions);
    const personById = byId(persons);
    const terms = criticalIllnessTerms(versions, agreementById);

    // Looked up per input: grouped once (docs/performance.md: filtering the batch's rows for each of its inputs was
    // quadratic).
    const versionsByAgreement = groupBy(versions, (v) => v.agreementId);
    const statusesByPerson = groupBy(statuses, (s) => s.insuredPersonId);
    const designationsByInstitution = groupBy(designations, (d) => d.partyBId);
    const suspensionsByAgreement = groupBy(suspensions, (s) => s.agreementId);
    const out: (PreparedClaim | DomainError)[] = [];
    const counted = new Set<string>();
    for (let index = 0; index < inputs.length; index++) {
      const input = inputs[index]!;
      const a = at(index);
      try {
        const checked = checkClaimInput(input, a);
        checkDeclaration(input, user.role, today, a);
        const agreement = agreementById.get(input.agreementId);
        if (!agreement || (user.role === Role.INSURER && agreement.partyBId !== user.org)) {
          throw notFound('Agreement', `${a}.agreementId`);
        }
        if (agreement.kind !== AgreementKind.CRITICAL_ILLNESS) {
          throw badInput(
            `${a}.agreementId`,
            'claims are submitted under a CRITICAL_ILLNESS agreement',
          );
        }
        const institution = institutionById.get(input.institutionId);
        if (!institution || (user.role === Role.INSTITUTION && institution.id !== user.org)) {
          throw notFound('Institution', `${a}.institutionId`);
        }
        if (institution.kind !== OrganizationKind.MEDICAL_INSTITUTION) {
          throw badInput(`${a}.institutionId`, 'the institution must be a MEDICAL_INSTITUTION');
        }
        const person = personById.get(input.insuredPersonId);
        if (!person || !coversRegion(user, person.regionCode)) {
          throw notFound('Insured person', `${a}.insuredPersonId`);
        }
        if (!matchesPrefix(person.regionCode, agreement.coveredRegions.map(regionPrefix))) {
          throw badInput(
            `${a}.insuredPersonId`,
            'the person’s region is not covered by the agreement',
          );
        }
        if (
          input.dischargeDate < agreement.effectiveFrom ||
          input.dischargeDate > agreement.effectiveTo
        ) {
          throw badInput(
            `${a}.dischargeDate`,
            `the discharge date lies outside the agreement's term (${agreement.effectiveFrom} to ${agreement.effectiveTo})`,
          );
        }
        const version = termsVersionOn(
          versionsByAgreement.get(agreement.id) ?? [],
          input.dischargeDate,
        );
        const value = version && terms.get(version.id);
        if (!version || !value) {
          throw new Error(`Agreement ${agreement.id} has no terms version`);
        }
        const status = specialStatusOn(
          statusesByPerson.get(person.id) ?? [],
          input.dischargeDate,
          SpecialStatus.NONE,
        );
        const scheduleKind =
          status === SpecialStatus.NONE ? ScheduleKind.GENERAL : ScheduleKind.PREFERENTIAL;
        const days =
          input.channel === ClaimChannel.DIRECT
            ? value.directPaymentWorkingDays
            : value.manualPaymentWorkingDays;
        // The count must end by 9999-12-31 (else BAD_USER_INPUT on declaredOn). Many inputs of a batch share a
        // declaration day: count its working days once (docs/performance.md).
        const dueKey = `${input.declaredOn}|${days}`;
        if (!counted.has(dueKey)) {
          await this.calendar.workingDaysAfter(input.declaredOn, days, `${a}.declaredOn`);
          counted.add(dueKey);
        }
        // The gate sees each agreement's standing (its continuation, art. 82, and the lapse of art. 76) and the whole
        // stay (rules.md §3.5).
        const designations = designationsByInstitution.get(institution.id) ?? [];
        const rejection = designationGate(
          designations.map((d) =>
            agreementStanding(d, suspensionsByAgreement.get(d.id) ?? [], designations),
          ),
          { admissionDate: input.admissionDate, dischargeDate: input.dischargeDate },
        );
        out.push({
          index,
          at: a,
          input,
          checked,
          person,
          year: yearOf(input.dischargeDate),
          termsVersionId: version.id,
          scheduleKind,
          schedule: scheduleOf(value, scheduleKind),
          paymentWorkingDays: days,
          payloadHash: payloadHashOf(input, checked),
          rejection,
        });
      } catch (e) {
        if (!(e instanceof DomainError)) {
          throw e;
        }
        out.push(e);
      }
    }
    return out;
  }
}
