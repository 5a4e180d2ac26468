import type Decimal from 'decimal.js';
import { In } from 'typeorm';
import type { AuditActor } from '../domain/audit-trail/audit-trail.service';
import { Agreement } from '../domain/agreement/agreement.entity';
import { AgreementKind } from '../domain/agreement/agreement.enums';
import { ClaimChannel, ClaimStatus } from '../domain/claim/claim.enums';
import type { SubmitClaimInput } from '../domain/claim/claim.inputs';
import { InsuredPerson } from '../domain/insured-person/insured-person.entity';
import { Organization } from '../domain/organization/organization.entity';
import type { Services } from '../services';
import { addDays, dateOf, daysInMonth, yearOf } from '../shared/calendar-date';
import { Money } from '../shared/money';
import { generator } from './demo-persons';
import type { DataSource } from 'typeorm';

/** How many claims the demo submits per year shown (2024 and the current year). */
export const DEMO_CLAIMS_PER_YEAR = 1200;

type Rnd = (n: number) => number;

/**
 * An eligible self-pay amount: mostly under the 11 000 deductible, a long tail above it, now and then one that reaches
 * the 400 000 cap (rules.md §3.2), in fen.
 */
const eligibleAmount = (rnd: Rnd): Decimal => {
  const r = rnd(1000);
  const fen =
    r < 700
      ? rnd(1_000_000) // up to 10 000 yuan
      : r < 950
        ? 1_000_000 + rnd(9_000_000) // 10 000 – 100 000
        : r < 995
          ? 10_000_000 + rnd(20_000_000) // 100 000 – 300 000
          : 50_000_000 + rnd(20_000_000); // 500 000 – 700 000: capped
  return new Money(fen).div(100);
};

/**
 * The demo claims (runtime.md, `npm start`'s demo data): for 2024 and for the current year, claims of the Henan demo
 * persons at the Henan demo hospitals under the critical-illness agreement of that year, through the real engine: both
 * channels, both schedules (the persons with a special status), some capped, some reviewed, most paid, some left
 * overdue; and a few at the Suining hospital designated only this year, which are REJECTED as NOT_DESIGNATED in 2024.
 */
export async function seedDemoClaims(
  db: DataSource,
  services: Services,
  actor: AuditActor,
  today: string,
): Promise<number> {
  const rnd = generator(20241231);
  const persons = (await db.getRepository(InsuredPerson).find({ order: { id: 'ASC' } })).filter(
    (p) => p.regionCode.startsWith('41'),
  );
  const hospitals = await db.getRepository(Organization).findBy({
    code: In(['DEMO-ZZ-H1', 'DEMO-LY-H1', 'DEMO-LY-H2', 'DEMO-AY-H1', 'DEMO-XX-H1', 'DEMO-XY-H1']),
  });
  const suining = await db.getRepository(Organization).findOneByOrFail({ code: 'DEMO-SN-H3' });
  const thisYear = yearOf(today);
  let count = 0;
  for (const year of [...new Set([2024, thisYear])]) {
    const agreement = await db.getRepository(Agreement).findOneBy({
      code: `HN-DBBX-${year}`,
      kind: AgreementKind.CRITICAL_ILLNESS,
    });
    if (!agreement || persons.length === 0) {
      continue;
    }
    // Discharges up to a month before today in the current year, so that most are due and some overdue.
    const lastDay = year === thisYear ? addDays(today, -30) : dateOf(year, 12, 20);
    const inputs: SubmitClaimInput[] = [];
    for (let i = 0; i < DEMO_CLAIMS_PER_YEAR; i++) {
      const month = 1 + rnd(Number(lastDay.slice(5, 7)));
      const day = 1 + rnd(daysInMonth(year, month));
      let discharge = dateOf(year, month, day);
      if (discharge > lastDay) {
        discharge = lastDay;
      }
      if (discharge < `${year}-01-02`) {
        discharge = `${year}-01-02`;
      }
      const person = persons[rnd(persons.length)]!;
      const channel = rnd(10) < 8 ? ClaimChannel.DIRECT : ClaimChannel.MANUAL;
      const eligible = eligibleAmount(rnd);
      const basic = eligible.times(1 + rnd(3));
      const rejected = year === 2024 && i % 200 === 0;
      inputs.push({
        agreementId: agreement.id,
        institutionId: rejected ? suining.id : hospitals[rnd(hospitals.length)]!.id,
        insuredPersonId: person.id,
        settlementNumber: `DEMO-${year}-${String(i).padStart(5, '0')}`,
        channel,
        admissionDate: addDays(discharge, -(1 + rnd(20))),
        dischargeDate: discharge,
        declaredOn: addDays(discharge, 1 + rnd(6)),
        totalCost: eligible.plus(basic),
        basicFundPaid: basic,
      });
    }
    const claims = [];
    for (let from = 0; from < inputs.length; from += 500) {
      const result = await services.claims.submitMany(actor, inputs.slice(from, from + 500));
      claims.push(...result.claims);
    }
    count += claims.length;
    for (const [k, claim] of claims.entries()) {
      if (claim.status !== ClaimStatus.ADJUDICATED || !claim.benefit.greaterThan(0)) {
        continue;
      }
      if (k % 25 === 0) {
        // A review that finds a tenth of the claim not compliant; every 100th finds nothing.
        const x = k % 100 === 0 ? new Money(0) : claim.eligibleSelfPay.div(10).toDecimalPlaces(2);
        // Dated ten days after the declaration (rules.md §3.4: a review is applied on its own day).
        const reviewedOn =
          addDays(claim.declaredOn, 10) < today ? addDays(claim.declaredOn, 10) : today;
        await services.claimAdjustments.review(actor, claim.id, x, '示例: 人工抽审', reviewedOn);
      }
      // Paid on a day around the due date; one in eight is left unpaid (overdue once due).
      const paidOn = addDays(claim.paymentDueOn, rnd(7) - 4);
      if (k % 8 !== 3 && paidOn <= today && paidOn >= claim.declaredOn) {
        await services.claimAdjustments.markPaid(actor, claim.id, paidOn);
      }
    }
  }
  return count;
}
