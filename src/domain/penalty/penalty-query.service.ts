import { In, type DataSource, type EntityManager } from 'typeorm';
import { groupedInKeyOrder, inKeyOrder } from '../../shared/batching';
import { Role, coversRegion, type Caller } from '../../shared/caller';
import type { Clock } from '../../shared/clock';
import { Money } from '../../shared/money';
import { isUuid } from '../../shared/uuid';
import { Agreement } from '../agreement/agreement.entity';
import type { BreachTier } from './breach-tier.enum';
import { Inspection, InspectionFinding } from './inspection.entity';
import { Penalty } from './penalty.entity';
import type { ViolationType } from './penalty.inputs';
import {
  penaltyStatusOn,
  type PenaltyPayment,
  type PenaltyStatusValue,
} from './rules/penalty-dates.rule';

/**
 * Reading supervision (Suining arts. 60–72; rules.md §7): the breach catalogue, inspections, penalties, their
 * payments and standing. Inspections and penalties are read by AGENCY and REPORTING in their regions and by the
 * INSTITUTION that is the agreement's party B; INSURER never (runtime.md).
 */
export class PenaltyQueryService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * 违约情形目录: the catalogue (migration-seeded reference data), by article; with `tier`, the entries that can fall in
   * that tier — by default or through one of their amount or ratio clauses (`FICTITIOUS_CHARGES` is listed under
   * SEVERE and GRAVE).
   */
  async violationTypes(tier: BreachTier | null | undefined): Promise<ViolationType[]> {
    const rows = await this.db.query<
      { code: string; article: string; description: string; default_tier: string; fraud: boolean }[]
    >(
      `SELECT code, article, description, default_tier, fraud FROM violation_type
       WHERE $1::text IS NULL OR default_tier = $1
          OR jsonb_path_exists(coalesce(thresholds, '{}'::jsonb), '$.**.tier ? (@ == $t)', jsonb_build_object('t', $1::text))
       ORDER BY article, code`,
      [tier ?? null],
    );
    return rows.map((r) => ({
      code: r.code,
      article: r.article,
      description: r.description,
      defaultTier: r.default_tier as BreachTier,
      fraud: r.fraud,
    }));
  }

  async paymentsOf(em: EntityManager, penaltyId: string): Promise<PenaltyPayment[]> {
    const rows = await em.query<{ paid_on: string; amount: string }[]>(
      `SELECT paid_on::text AS paid_on, amount FROM penalty_payment WHERE penalty_id = $1 ORDER BY paid_on, id`,
      [penaltyId],
    );
    return rows.map((r) => ({ paidOn: r.paid_on, amount: new Money(r.amount) }));
  }

  /** The payments of each of `penaltyIds`, by date, in their order: one statement. */
  async paymentsOfMany(penaltyIds: readonly string[]): Promise<PenaltyPayment[][]> {
    const rows = await this.db.query<{ penalty_id: string; paid_on: string; amount: string }[]>(
      `SELECT penalty_id, paid_on::text AS paid_on, amount FROM penalty_payment
       WHERE penalty_id = ANY($1::uuid[]) ORDER BY paid_on, id`,
      [[...penaltyIds]],
    );
    return groupedInKeyOrder(penaltyIds, rows, (r) => r.penalty_id).map((g) =>
      g.map((r) => ({ paidOn: r.paid_on, amount: new Money(r.amount) })),
    );
  }

  /** The findings of each of `inspectionIds`, in recording order, in their order: one statement. */
  async findingsOf(inspectionIds: readonly string[]): Promise<InspectionFinding[][]> {
    return groupedInKeyOrder(
      inspectionIds,
      await this.db
        .getRepository(InspectionFinding)
        .find({ where: { inspectionId: In([...inspectionIds]) }, order: { id: 'ASC' } }),
      (f) => f.inspectionId,
    );
  }

  /** The penalty decided on each of `inspectionIds` (null for none), in their order: one statement. */
  async penaltiesOfInspections(inspectionIds: readonly string[]): Promise<(Penalty | null)[]> {
    return inKeyOrder(
      inspectionIds,
      await this.db.getRepository(Penalty).findBy({ inspectionId: In([...inspectionIds]) }),
      (p) => p.inspectionId!,
    );
  }

  /** A penalty's status on `asOf` (default today), given its payments. */
  statusOn(
    penalty: Penalty,
    payments: readonly PenaltyPayment[],
    asOf?: string | null,
  ): PenaltyStatusValue {
    return penaltyStatusOn(penalty, payments, asOf ?? this.clock.today());
  }

  /** Whether the caller may read the penalties and inspections of `agreement` (runtime.md). */
  mayRead(user: Caller, agreement: Agreement): boolean {
    switch (user.role) {
      case Role.AGENCY:
      case Role.REPORTING:
        return coversRegion(user, agreement.regionCode);
      case Role.INSTITUTION:
        return user.org === agreement.partyBId;
      default:
        return false;
    }
  }

  async penaltyById(user: Caller, id: string): Promise<Penalty | null> {
    const penalty = isUuid(id) ? await this.db.getRepository(Penalty).findOneBy({ id }) : null;
    return penalty && (await this.readable(user, penalty.agreementId)) ? penalty : null;
  }

  async inspectionById(user: Caller, id: string): Promise<Inspection | null> {
    const inspection = isUuid(id)
      ? await this.db.getRepository(Inspection).findOneBy({ id })
      : null;
    return inspection && (await this.readable(user, inspection.agreementId)) ? inspection : null;
  }

  /** The penalties of an agreement the caller may read (none otherwise), oldest first. */
  async penaltiesOf(user: Caller, agreement: Agreement): Promise<Penalty[]> {
    return this.mayRead(user, agreement)
      ? this.db.getRepository(Penalty).find({
          where: { agreementId: agreement.id },
          order: { createdAt: 'ASC' },
        })
      : [];
  }

  /** Penalties enforceable on `asOf`: unpaid (payments up to that day) and on or after their `enforceableFrom`. */
  async enforceable(
    user: Caller,
    asOf: string,
    agreementId: string | null | undefined,
  ): Promise<Penalty[]> {
    const q = this.db
      .getRepository(Penalty)
      .createQueryBuilder('p')
      .where('p.enforceable_from <= :asOf', { asOf })
      .andWhere(
        `p.total_due > coalesce((SELECT sum(x.amount) FROM penalty_payment x
                                 WHERE x.penalty_id = p.id AND x.paid_on <= :asOf), 0)`,
      )
      .orderBy('p.enforceable_from', 'ASC')
      .addOrderBy('p.id', 'ASC');
    if (agreementId != null) {
      q.andWhere(isUuid(agreementId) ? 'p.agreement_id = :agreementId' : 'FALSE', { agreementId });
    }
    const rows = await q.getMany();
    const agreements = new Map<string, boolean>();
    const out: Penalty[] = [];
    for (const p of rows) {
      if (!agreements.has(p.agreementId)) {
        agreements.set(p.agreementId, await this.readable(user, p.agreementId));
      }
      if (agreements.get(p.agreementId)) {
        out.push(p);
      }
    }
    return out;
  }

  private async readable(user: Caller, agreementId: string): Promise<boolean> {
    const agreement = await this.db.getRepository(Agreement).findOneBy({ id: agreementId });
    return agreement !== null && this.mayRead(user, agreement);
  }
}
