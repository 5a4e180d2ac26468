import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { findByIds } from '../../db/fast/hydrate';
import { groupedInKeyOrder, inKeyOrder } from '../../shared/batching';
import { Role, coversRegion, type Caller } from '../../shared/caller';
import { dateOf, isCalendarDate, yearOf } from '../../shared/calendar-date';
import type { Clock } from '../../shared/clock';
import { isUniqueViolation } from '../../shared/db-errors';
import { badInput, conflict, notFound, rateLimited } from '../../shared/domain-error';
import type { PiiCipher } from '../../shared/pii-cipher';
import type { SlidingWindowLimiter } from '../../shared/rate-limiter';
import {
  intersectPrefixes,
  isRegionCode,
  matchesPrefix,
  regionPrefix,
  requiredRegionCode,
} from '../../shared/region';
import { requiredName } from '../../shared/text';
import {
  emptyPage,
  isBigintId,
  keysetPage,
  pageWindow,
  type KeysetOrder,
  type Page,
  type PageRequest,
} from '../../shared/paging';
import { isUuid } from '../../shared/uuid';
import { Agreement } from '../agreement/agreement.entity';
import { prefixCondition } from '../claim/claim-access';
import type { AuditActor, AuditTrailService } from '../audit-trail/audit-trail.service';
import { InsuredPerson } from './insured-person.entity';
import { SpecialStatus } from './insured-person.enums';
import type { RegisterInsuredPersonInput } from './insured-person.inputs';
import { distinctReads, type PersonAccessLog } from './person-access-log';
import { PersonAccessLogEntry } from './person-access-log.entity';
import { maskIdNumber } from './rules/id-number-mask.rule';
import { parseResidentId } from './rules/resident-id.rule';
import { specialStatusOn } from './rules/special-status.rule';
import { SpecialStatusPeriod } from './special-status-period.entity';

/** Roles that see a full ID number, each read logged (runtime.md); the others see it masked. */
const FULL_ID_ROLES: ReadonlySet<Role> = new Set([Role.AGENCY, Role.INSURER]);

/** The persons list's order: by region code, then id. */
const BY_REGION: KeysetOrder<InsuredPerson> = {
  list: 'insuredPersons',
  direction: 'ASC',
  keys: [
    { sql: 'p.region_code', of: (p) => p.regionCode, valid: isRegionCode },
    { sql: 'p.id', of: (p) => p.id, valid: isUuid },
  ],
};

/** The access log's order: newest first (ids are numbered in the order written). */
const NEWEST_FIRST: KeysetOrder<PersonAccessLogEntry> = {
  list: 'accessLog',
  direction: 'DESC',
  keys: [{ sql: 'a.id', of: (e) => e.id, valid: isBigintId }],
};

/** One full read of an ID number: the person and the operation whose answer carries it. */
export interface IdNumberRead {
  readonly person: InsuredPerson;
  readonly operation: string;
  /**
   * Already in the access log for this request: the person a look-up by ID number found (the look-up logged it before
   * answering), read again under that look-up. Decrypted, not logged twice.
   */
  readonly logged?: boolean;
}

/** The root field of a look-up by ID number, as the access log names it. */
export const LOOKUP_OPERATION = 'insuredPersonByIdNumber';

/** Who counts as one caller for the look-up limit: the token's role, organization and subject. */
const lookupKeyOf = (user: Caller): string =>
  `${user.role}\u0000${user.org ?? ''}\u0000${user.sub}`;

/**
 * Insured persons (rules.md §2; runtime.md "read claims and persons"): registration with GB 11643 validation, the
 * protected ID number, special-status history, and who may see whom:
 * - AGENCY: persons in its token's regions;
 * - INSURER: persons in its token's regions that lie in the covered regions of an agreement where it is party B
 *   (its critical-illness agreements and its handling agreements);
 * - INSTITUTION: persons of its own claims, and any person in its token's regions through
 *   `insuredPersonByIdNumber`, to find a patient;
 * - REPORTING: none (the resolvers refuse it).
 */
export class InsuredPersonService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly pii: PiiCipher,
    private readonly readLog: PersonAccessLog,
    /** Look-ups by ID number per caller (rules.md §2: 60 a minute by default, `ID_LOOKUPS_PER_MINUTE`). */
    private readonly lookups: SlidingWindowLimiter,
  ) {}

  /**
   * 参保登记: registers a person. The ID number is validated (`BAD_USER_INPUT` on `input.idNumber`), birth date and
   * sex derived, a registered number is `CONFLICT`; the region must lie in the caller's token. A special status other
   * than NONE starts the history from `specialStatusFrom` (default 1 January of the current year, or the birth date
   * of a person born since), which may not lie before the birth date.
   */
  async register(actor: AuditActor, input: RegisterInsuredPersonInput): Promise<InsuredPerson> {
    const parsed = parseResidentId(input.idNumber, this.clock.today());
    if (!parsed.ok) {
      throw badInput('input.idNumber', parsed.message);
    }
    const name = requiredName('input.name', input.name, 100);
    const regionCode = requiredRegionCode('input.regionCode', input.regionCode);
    if (!coversRegion(actor.user, regionCode)) {
      throw badInput('input.regionCode', 'regionCode lies outside the regions of your token');
    }
    const status = input.specialStatus ?? SpecialStatus.NONE;
    // Default: 1 January of this year, or the birth date for a person born since.
    const yearStart = dateOf(yearOf(this.clock.today()), 1, 1);
    const from =
      input.specialStatusFrom ?? (parsed.birthDate > yearStart ? parsed.birthDate : yearStart);
    if (!isCalendarDate(from)) {
      throw badInput('input.specialStatusFrom', 'specialStatusFrom must be a calendar date');
    }
    if (from < parsed.birthDate) {
      throw badInput(
        'input.specialStatusFrom',
        'a special status cannot start before the person’s birth',
      );
    }
    const id = randomUUID();
    const person: InsuredPerson = Object.assign(new InsuredPerson(), {
      id,
      idNumberHash: this.pii.lookupHash(parsed.idNumber),
      idNumberEnc: this.pii.encrypt(parsed.idNumber, id),
      idNumberKeyId: this.pii.keyId,
      idNumberMasked: maskIdNumber(parsed.idNumber),
      name,
      sex: parsed.sex,
      birthDate: parsed.birthDate,
      regionCode,
    });
    try {
      return await this.db.transaction(async (em) => {
        // The ID number's uniqueness lives in its own table (keyed by the hash, Citus-ready: docs/scaling.md).
        await em.query(
          `INSERT INTO insured_person_key (id_number_hash, insured_person_id) VALUES ($1, $2)`,
          [person.idNumberHash, id],
        );
        await em.insert(InsuredPerson, person);
        if (status !== SpecialStatus.NONE) {
          await em.insert(SpecialStatusPeriod, {
            insuredPersonId: id,
            status,
            effectiveFrom: from,
          });
        }
        // The audit trail names the person by id, never by number (rules.md §2).
        const { idNumber: _number, ...recorded } = input;
        await this.audit.record(em, actor, 'registerInsuredPerson', [id], {
          insuredPersonId: id,
          ...recorded,
        });
        return person;
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw conflict('A person with this ID number is registered', 'input.idNumber');
      }
      throw e;
    }
  }

  /**
   * 身份变更: appends a special status from `from` to the person's history (AGENCY, in its regions; else `NOT_FOUND`).
   * `from` may not lie before the person's birth.
   */
  async setSpecialStatus(
    actor: AuditActor,
    personId: string,
    status: SpecialStatus,
    from: string,
  ): Promise<InsuredPerson> {
    if (!isCalendarDate(from)) {
      throw badInput('from', 'from must be a calendar date');
    }
    return this.db.transaction(async (em) => {
      const person = isUuid(personId) ? await em.findOneBy(InsuredPerson, { id: personId }) : null;
      if (!person || !coversRegion(actor.user, person.regionCode)) {
        throw notFound('Insured person', 'insuredPersonId');
      }
      if (from < person.birthDate) {
        throw badInput('from', 'a special status cannot start before the person’s birth');
      }
      await em.insert(SpecialStatusPeriod, {
        insuredPersonId: person.id,
        status,
        effectiveFrom: from,
      });
      await this.audit.record(em, actor, 'setSpecialStatus', [person.id], {
        insuredPersonId: personId,
        status,
        from,
      });
      return person;
    });
  }

  /** A person by id, or null when none the caller may see matches. */
  async byId(user: Caller, id: string): Promise<InsuredPerson | null> {
    if (!isUuid(id)) {
      return null;
    }
    const q = await this.scoped(user);
    return q ? q.andWhere('p.id = :id', { id }).getOne() : null;
  }

  /**
   * A person by ID number (`insuredPersonByIdNumber`; rules.md §2). In this order:
   * 1. the caller's look-up is counted: beyond {@link SlidingWindowLimiter.limit} in a minute, `RATE_LIMITED` (HTTP 429
   *    with `Retry-After`), nothing read or logged; a refused look-up is not counted;
   * 2. a malformed number is `BAD_USER_INPUT` on `idNumber` (a typo at the desk deserves a clear answer); it counted;
   * 3. the look-up is logged before anything is answered, found or not: a number that matches a registered person
   *    under that person in the access log (whether or not the caller may see them: the caller typed their number);
   *    one that matches no one under its keyed hash (`unmatched_id_lookup`), never the number;
   * 4. the person is answered if the caller may see them, else null. INSTITUTION finds any person in its token's
   *    regions (runtime.md: "to find a patient").
   */
  async byIdNumber(actor: AuditActor, raw: string): Promise<InsuredPerson | null> {
    const user = actor.user;
    const decision = this.lookups.take(lookupKeyOf(user));
    if (!decision.ok) {
      throw rateLimited(
        `At most ${this.lookups.limit} look-ups by ID number a minute; try again in ${decision.retryAfterSeconds} s`,
        decision.retryAfterSeconds,
      );
    }
    const parsed = parseResidentId(raw, this.clock.today());
    if (!parsed.ok) {
      throw badInput('idNumber', parsed.message);
    }
    const hash = this.pii.lookupHash(parsed.idNumber);
    const [key] = await this.db.query<{ insured_person_id: string }[]>(
      `SELECT insured_person_id FROM insured_person_key WHERE id_number_hash = $1`,
      [hash],
    );
    const person = key
      ? await this.db.getRepository(InsuredPerson).findOneBy({ id: key.insured_person_id })
      : null;
    if (!person) {
      await this.readLog.recordUnmatched(actor, hash, LOOKUP_OPERATION);
      return null;
    }
    await this.readLog.record(actor, [{ personId: person.id, operation: LOOKUP_OPERATION }]);
    const prefixes =
      user.role === Role.INSTITUTION
        ? user.regions
        : await this.readablePrefixes(this.db.manager, user);
    return matchesPrefix(person.regionCode, prefixes) ? person : null;
  }

  /** A page of the persons the caller may see, by region then id, optionally inside `regionCode`'s region. */
  async list(
    user: Caller,
    regionCode: string | null | undefined,
    paging: PageRequest,
  ): Promise<Page<InsuredPerson>> {
    const window = pageWindow(BY_REGION, paging);
    const filter =
      regionCode != null ? regionPrefix(requiredRegionCode('regionCode', regionCode)) : null;
    const base = await this.scoped(user);
    if (!base) {
      return emptyPage();
    }
    if (filter) {
      base.andWhere('p.region_code LIKE :regionFilter', { regionFilter: `${filter}%` });
    }
    return keysetPage(base, BY_REGION, window);
  }

  /**
   * 访问记录 (rules.md §2; docs/security.md, "What is logged"): the full-number reads of persons in the caller's regions
   * (AGENCY), newest first, optionally of one person.
   */
  accessLog(
    user: Caller,
    personId: string | null | undefined,
    paging: PageRequest,
  ): Promise<Page<PersonAccessLogEntry>> {
    const regions = prefixCondition('p.region_code', user.regions, 'logRegion');
    const base = this.db
      .getRepository(PersonAccessLogEntry)
      .createQueryBuilder('a')
      .innerJoin(InsuredPerson, 'p', 'p.id = a.insured_person_id')
      .where(regions.sql, regions.params);
    if (personId != null) {
      base.andWhere(isUuid(personId) ? 'a.insured_person_id = :personId' : 'FALSE', { personId });
    }
    return keysetPage(base, NEWEST_FIRST, paging);
  }

  /**
   * 密钥轮换 (docs/security.md): re-encrypts up to `limit` numbers written under an earlier key (`PII_ENC_KEY_PREVIOUS`)
   * with the current `PII_ENC_KEY`; answers how many. Run until it answers 0, then drop the earlier key.
   */
  async reencrypt(limit = 500): Promise<number> {
    return this.db.transaction(async (em) => {
      const rows = await em
        .getRepository(InsuredPerson)
        .createQueryBuilder('p')
        .where('p.id_number_key_id <> :keyId', { keyId: this.pii.keyId })
        .orderBy('p.id', 'ASC')
        .take(limit)
        .setLock('pessimistic_write')
        .getMany();
      for (const p of rows) {
        const plain = this.pii.decrypt(p.idNumberEnc, p.idNumberKeyId, p.id);
        await em.update(
          InsuredPerson,
          { id: p.id },
          { idNumberEnc: this.pii.encrypt(plain, p.id), idNumberKeyId: this.pii.keyId },
        );
      }
      return rows.length;
    });
  }

  /** The status in force on `day` (default today) given the person's history. */
  statusOn(history: readonly SpecialStatusPeriod[], day?: string | null): SpecialStatus {
    return specialStatusOn(history, day ?? this.clock.today(), SpecialStatus.NONE);
  }

  /** Whether the caller's role sees ID numbers whole (each read logged) rather than masked. */
  seesFullIdNumbers(user: Caller): boolean {
    return FULL_ID_ROLES.has(user.role);
  }

  /**
   * Persons by id, in the order of `ids` (null for a miss), unscoped: for the person of a row the caller may already
   * read (a claim's insuredPerson). One statement.
   */
  async byIds(ids: readonly string[]): Promise<(InsuredPerson | null)[]> {
    return inKeyOrder(ids, await findByIds(this.db, InsuredPerson, ids), (p) => p.id);
  }

  /** The special-status histories of `personIds`, in their order (`[]` for a person with none): one statement. */
  async specialStatusesOf(personIds: readonly string[]): Promise<SpecialStatusPeriod[][]> {
    const rows = await this.db
      .getRepository(SpecialStatusPeriod)
      .createQueryBuilder('s')
      .where('s.insured_person_id IN (:...ids)', { ids: [...personIds] })
      .getMany();
    return groupedInKeyOrder(personIds, rows, (r) => r.insuredPersonId);
  }

  /**
   * The full ID numbers of `reads`, in their order, for a caller whose role sees them whole (runtime.md; rules.md §2).
   * Decrypts them, then appends one access-log row per read (person and operation) not already logged in a single
   * INSERT before any number is answered: if the log cannot be written, no number is shown (PIPL art. 51).
   */
  async revealIdNumbers(actor: AuditActor, reads: readonly IdNumberRead[]): Promise<string[]> {
    if (!this.seesFullIdNumbers(actor.user)) {
      throw new Error('revealIdNumbers used for a role that sees masked numbers');
    }
    const numbers = reads.map(({ person }) =>
      this.pii.decrypt(person.idNumberEnc, person.idNumberKeyId, person.id),
    );
    await this.readLog.record(
      actor,
      distinctReads(
        reads
          .filter((r) => !r.logged)
          .map(({ person, operation }) => ({ personId: person.id, operation })),
      ),
    );
    return numbers;
  }

  /**
   * The persons `user` may read (see the class comment) as a query on alias `p`, or null for none. INSTITUTION: the
   * persons of its own claims, inside its token's regions.
   */
  private async scoped(user: Caller): Promise<SelectQueryBuilder<InsuredPerson> | null> {
    const q = this.db.getRepository(InsuredPerson).createQueryBuilder('p');
    if (user.role === Role.INSTITUTION) {
      if (!user.org || !isUuid(user.org)) {
        return null;
      }
      const regions = prefixCondition('p.region_code', user.regions, 'personRegion');
      return q
        .where(regions.sql, regions.params)
        .andWhere(
          'EXISTS (SELECT 1 FROM claim c WHERE c.insured_person_id = p.id AND c.institution_id = :personOrg)',
          { personOrg: user.org },
        );
    }
    const prefixes = await this.readablePrefixes(this.db.manager, user);
    if (prefixes.length === 0) {
      return null;
    }
    const regions = prefixCondition('p.region_code', prefixes, 'personRegion');
    return q.where(regions.sql, regions.params);
  }

  /**
   * Region prefixes of the persons `user` may read (see the class comment). INSURER: its token's regions intersected
   * with the covered regions of its agreements.
   */
  private async readablePrefixes(em: EntityManager, user: Caller): Promise<string[]> {
    switch (user.role) {
      case Role.AGENCY:
        return [...user.regions];
      case Role.INSURER: {
        if (!user.org || !isUuid(user.org)) {
          return [];
        }
        const agreements = await em.getRepository(Agreement).find({
          select: { coveredRegions: true },
          where: { partyBId: user.org },
        });
        const covered = agreements.flatMap((a) => a.coveredRegions.map(regionPrefix));
        return intersectPrefixes(user.regions, covered);
      }
      default:
        return [];
    }
  }
}
