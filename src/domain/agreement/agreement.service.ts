import type { DataSource, EntityManager } from 'typeorm';
import { findByIds, hydratorOf, selectListOf } from '../../db/fast/hydrate';
import { preparedFamily, readRows } from '../../db/fast/read';
import { Role, coversRegion, type Caller } from '../../shared/caller';
import { isCalendarDate } from '../../shared/calendar-date';
import type { Clock } from '../../shared/clock';
import { isUniqueViolation } from '../../shared/db-errors';
import { badInput, conflict, notFound } from '../../shared/domain-error';
import {
  intersectPrefixes,
  isRegionCode,
  regionPrefix,
  requiredRegionCode,
} from '../../shared/region';
import { isStorableText, requiredName } from '../../shared/text';
import { groupedInKeyOrder, inKeyOrder } from '../../shared/batching';
import { keysetPage, type KeysetOrder, type Page, type PageRequest } from '../../shared/paging';
import { isUuid } from '../../shared/uuid';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import { OrganizationKind } from '../organization/organization-kind.enum';
import { Organization } from '../organization/organization.entity';
import { Agreement } from './agreement.entity';
import { AgreementKind } from './agreement.enums';
import type { CreateAgreementInput } from './agreement.inputs';
import { AgreementSuspension } from './agreement-suspension.entity';
import { readSuspensions } from './suspension-read';
import type { AgreementTermsService } from './terms/agreement-terms.service';

/** Party B's kind for each agreement kind (rules.md §1). */
const PARTY_B_KIND: Record<AgreementKind, OrganizationKind> = {
  [AgreementKind.COMMISSIONED_HANDLING]: OrganizationKind.INSURER,
  [AgreementKind.CRITICAL_ILLNESS]: OrganizationKind.INSURER,
  [AgreementKind.DESIGNATED_INSTITUTION]: OrganizationKind.MEDICAL_INSTITUTION,
};

/** An agreement with its two parties, read in one statement. */
export interface AgreementWithParties {
  readonly agreement: Agreement;
  /** Present when read (the parties asked for). */
  readonly partyA?: Organization;
  readonly partyB?: Organization;
}

/**
 * `agreement(id)` with its parties is prepared (src/db/fast/README.md): one text per selection shape, each listing its
 * columns; clients use a handful of shapes, and the first 24 seen are named.
 */
const WITH_PARTIES = preparedFamily('agreement with parties', 24);

/** The parties of an agreement as a join reads them. */
const PARTIES = [
  { party: 'partyA', alias: 'pa', column: 'party_a_id' },
  { party: 'partyB', alias: 'pb', column: 'party_b_id' },
] as const;

/** The agreements list's order: by code (unique). */
const BY_CODE: KeysetOrder<Agreement> = {
  list: 'agreements',
  direction: 'ASC',
  keys: [{ sql: 'a.code', of: (a) => a.code, valid: isStorableText }],
};

/** Agreements (rules.md §1): creation with their first terms version, reading, standing. */
export class AgreementService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly terms: AgreementTermsService,
  ) {}

  /**
   * Creates an agreement: party A an AGENCY; party B an INSURER (handling, critical illness) or a
   * MEDICAL_INSTITUTION (designated institution); `effectiveTo ≥ effectiveFrom`; unique code (`CONFLICT`);
   * covered regions default to the agreement's region. Only inside the caller's regions (runtime.md: "create
   * organizations and agreements … only inside its regions"): the agreement's region, every covered region whole
   * (`410000` is all of Henan: a token for `41` may cover it, one for `4103` may not), and party A an agency of those
   * regions; else `BAD_USER_INPUT` on the field at fault (docs/decisions.md, "Agreements inside the caller's
   * regions"). The audit row carries the agreement's region and every covered region.
   */
  async create(actor: AuditActor, input: CreateAgreementInput): Promise<Agreement> {
    const code = requiredName('input.code', input.code, 64);
    const title = requiredName('input.title', input.title, 200);
    requiredRegionCode('input.regionCode', input.regionCode);
    if (!coversRegion(actor.user, input.regionCode)) {
      throw badInput('input.regionCode', 'regionCode lies outside the regions of your token');
    }
    const covered = [...new Set(input.coveredRegions ?? [input.regionCode])];
    if (covered.length === 0) {
      throw badInput('input.coveredRegions', 'coveredRegions must name at least one region');
    }
    (input.coveredRegions ?? []).forEach((r, i) => {
      if (!isRegionCode(r)) {
        throw badInput(
          `input.coveredRegions[${i}]`,
          'a covered region must be a six-digit division code',
        );
      }
      // A covered code stands for its whole region (410000: all Henan): all of it must lie in the token's regions.
      if (!coversRegion(actor.user, regionPrefix(r))) {
        throw badInput(
          `input.coveredRegions[${i}]`,
          'a covered region must lie inside the regions of your token',
        );
      }
    });
    if (!isCalendarDate(input.effectiveFrom) || !isCalendarDate(input.effectiveTo)) {
      throw badInput('input.effectiveFrom', 'effective dates must be calendar dates');
    }
    if (input.effectiveTo < input.effectiveFrom) {
      throw badInput('input.effectiveTo', 'effectiveTo must not be before effectiveFrom');
    }
    const terms = this.terms.initialTerms(input.kind, input, 'input.');
    try {
      return await this.db.transaction(async (em) => {
        const partyA = isUuid(input.partyAId)
          ? await em.findOneBy(Organization, { id: input.partyAId })
          : null;
        if (!partyA) {
          throw notFound('Party A', 'input.partyAId');
        }
        if (partyA.kind !== OrganizationKind.AGENCY) {
          throw badInput('input.partyAId', 'party A must be an AGENCY');
        }
        if (!coversRegion(actor.user, partyA.regionCode)) {
          throw badInput('input.partyAId', 'party A must be an agency of your regions');
        }
        const partyB = isUuid(input.partyBId)
          ? await em.findOneBy(Organization, { id: input.partyBId })
          : null;
        if (!partyB) {
          throw notFound('Party B', 'input.partyBId');
        }
        if (partyB.kind !== PARTY_B_KIND[input.kind]) {
          throw badInput(
            'input.partyBId',
            `party B of a ${input.kind} agreement must be a ${PARTY_B_KIND[input.kind]}`,
          );
        }
        if (await em.existsBy(Agreement, { code })) {
          throw conflict('An agreement with this code exists', 'input.code');
        }
        const agreement = em.create(Agreement, {
          code,
          kind: input.kind,
          title,
          partyAId: partyA.id,
          partyBId: partyB.id,
          regionCode: input.regionCode,
          coveredRegions: covered,
          effectiveFrom: input.effectiveFrom,
          effectiveTo: input.effectiveTo,
        });
        await em.insert(Agreement, agreement);
        await this.terms.insertFirst(em, agreement, terms);
        // Every covered region's agency reads this row in its audit trail (runtime.md: audits in its regions).
        await this.audit.record(em, actor, 'createAgreement', [agreement.id], input, [
          input.regionCode,
          ...covered,
        ]);
        return agreement;
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw conflict('An agreement with this code exists', 'input.code');
      }
      throw e;
    }
  }

  /** An agreement by id; ids of any form that match nothing answer null. Agreements are readable by every role. */
  async byId(id: string): Promise<Agreement | null> {
    return (await findByIds(this.db, Agreement, [id]))[0] ?? null;
  }

  /** Agreements by id, in the order of `ids` (null for a miss): one statement. Readable by every role. */
  async byIds(ids: readonly string[]): Promise<(Agreement | null)[]> {
    return inKeyOrder(ids, await findByIds(this.db, Agreement, ids), (a) => a.id);
  }

  /**
   * The suspensions of each of `agreementIds`, earliest first, in their order, each with the institution's request to
   * continue after it (art. 76), if any: one statement. Inside a transaction through its `em`.
   */
  async suspensionsOf(
    agreementIds: readonly string[],
    em: DataSource | EntityManager = this.db,
  ): Promise<AgreementSuspension[][]> {
    const ids = [...new Set(agreementIds.filter(isUuid))];
    return groupedInKeyOrder(
      agreementIds,
      ids.length ? await readSuspensions(em, '', 's.agreement_id = ANY($1::uuid[])', [ids]) : [],
      (s) => s.agreementId,
    );
  }

  /**
   * An agreement by id with its two parties, in one statement (docs/performance.md, `httpRatio`:
   * `agreement(id) { partyA { name } }` took two round trips, the agreement and then its party through the loader).
   * With `properties`, only those of the agreement and `partyProperties` of the parties are read (the rest unset): what
   * the caller needs.
   */
  async byIdWithParties(
    id: string,
    properties?: readonly string[],
    partyProperties?: readonly string[],
  ): Promise<AgreementWithParties | null> {
    return this.withPartiesReader(properties, partyProperties)(id);
  }

  /** {@link byIdWithParties} for fixed properties, its statement and hydrators made once. */
  withPartiesReader(
    properties?: readonly string[],
    partyProperties?: readonly string[],
    parties: readonly ('partyA' | 'partyB')[] = ['partyA', 'partyB'],
  ): (id: string) => Promise<AgreementWithParties | null> {
    const db = this.db;
    const joined = PARTIES.filter((p) => parties.includes(p.party));
    const sql = `SELECT ${[
      selectListOf(db, Agreement, 'a', 'a_', properties),
      ...joined.map((p) => selectListOf(db, Organization, p.alias, `${p.alias}_`, partyProperties)),
    ].join(', ')}
       FROM agreement a
       ${joined.map((p) => `JOIN organization ${p.alias} ON ${p.alias}.id = a.${p.column}`).join(' ')}
       WHERE a.id = $1`;
    const agreementOf = hydratorOf(db, Agreement, 'a_', properties);
    const partiesOf = joined.map((p) => ({
      party: p.party,
      of: hydratorOf(db, Organization, `${p.alias}_`, partyProperties),
    }));
    return async (id) => {
      if (!isUuid(id)) {
        return null;
      }
      const row = (await readRows(db, sql, [id], WITH_PARTIES))[0];
      if (!row) {
        return null;
      }
      const read: { -readonly [K in keyof AgreementWithParties]: AgreementWithParties[K] } = {
        agreement: agreementOf(row),
      };
      for (const p of partiesOf) {
        read[p.party] = p.of(row);
      }
      return read;
    };
  }

  /** A page of agreements by code, optionally of one kind. */
  list(kind: AgreementKind | null | undefined, paging: PageRequest): Promise<Page<Agreement>> {
    const base = this.db.getRepository(Agreement).createQueryBuilder('a');
    if (kind) {
      base.where('a.kind = :kind', { kind });
    }
    return keysetPage(base, BY_CODE, paging);
  }

  /**
   * 中止协议: records a suspension from `startsOn` to `endsOn`, both included (Suining arts. 65, 76). The caller computes
   * the period: for a penalty (art. 65; rules.md §7.3) from the day **after** the notice date to the corresponding day
   * N months after the notice date (`suspensionPeriod`); at the institution's request (arts. 76–78), the days it asked
   * for, with `request` (the day received and the day a 180-day one lapses: `AgreementStandingService`). Inside the
   * caller's transaction.
   */
  async suspend(
    em: EntityManager,
    agreement: Agreement,
    startsOn: string,
    endsOn: string,
    reason: string,
    request?: { readonly requestedOn: string; readonly lapsesOn: string | null },
  ): Promise<AgreementSuspension> {
    if (endsOn < startsOn) {
      throw new RangeError('A suspension ends on or after its first day');
    }
    const suspension = em.create(AgreementSuspension, {
      agreementId: agreement.id,
      startsOn,
      endsOn,
      reason,
      requestedOn: request?.requestedOn ?? null,
      lapsesOn: request?.lapsesOn ?? null,
    });
    await em.insert(AgreementSuspension, suspension);
    return suspension;
  }

  /**
   * 解除协议: terminates an agreement from `on` (the notice date; rules.md §7.5), inside the caller's transaction. An
   * agreement already terminated keeps the earlier of its termination dates.
   */
  async terminate(
    em: EntityManager,
    agreement: Agreement,
    on: string,
    reason: string,
  ): Promise<void> {
    await em
      .createQueryBuilder()
      .update(Agreement)
      .set({ terminatedOn: on, terminationReason: reason })
      .where('id = :id AND (terminated_on IS NULL OR terminated_on > :on)', {
        id: agreement.id,
        on,
      })
      .execute();
  }

  /**
   * The agreement `id` for an operation on it (economics, fund, staffing, supervision), or a refusal: for a change
   * (`write`), AGENCY in its regions; for reading, as {@link mayReadReporting}. Absent or not visible → `NOT_FOUND` on
   * `field`; a kind other than `kinds` → `BAD_USER_INPUT` on `field`, saying `why`. Inside the caller's transaction.
   */
  async agreementFor(
    em: EntityManager,
    user: Caller,
    id: string,
    options: {
      readonly write: boolean;
      readonly kinds: readonly AgreementKind[];
      readonly why: string;
      readonly field?: string;
    },
  ): Promise<Agreement> {
    const field = options.field ?? 'agreementId';
    const agreement = isUuid(id) ? await em.findOneBy(Agreement, { id }) : null;
    const visible =
      agreement &&
      (options.write
        ? user.role === Role.AGENCY && coversRegion(user, agreement.regionCode)
        : this.mayReadReporting(user, agreement));
    if (!agreement || !visible) {
      throw notFound('Agreement', field);
    }
    if (!options.kinds.includes(agreement.kind)) {
      throw badInput(field, options.why);
    }
    return agreement;
  }

  /**
   * Whether the caller may read the agreement's reports, deadlines and fund (runtime.md): AGENCY and REPORTING in
   * their regions, INSURER for its own agreements (party B) where its token's regions meet the agreement's (its
   * region or a covered region, each standing for its whole area), INSTITUTION never. The insurer's token bounds what
   * it reads as in `claimStats` and `monthlyReport`: a token for Zhengzhou (`4101`) reads the Henan agreement, its
   * monthly claim figures counted in Zhengzhou only; a token for Sichuan (`51`) reads nothing of it (`NOT_FOUND`)
   * (docs/decisions.md, "An insurer's token regions").
   */
  mayReadReporting(user: Caller, agreement: Agreement): boolean {
    switch (user.role) {
      case Role.AGENCY:
      case Role.REPORTING:
        return coversRegion(user, agreement.regionCode);
      case Role.INSURER:
        return (
          user.org === agreement.partyBId &&
          intersectPrefixes(
            user.regions,
            [agreement.regionCode, ...agreement.coveredRegions].map(regionPrefix),
          ).length > 0
        );
      default:
        return false;
    }
  }
}
