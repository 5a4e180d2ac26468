import type { DataSource } from 'typeorm';
import { Agreement } from '../domain/agreement/agreement.entity';
import type { AuditActor } from '../domain/audit-trail/audit-trail.service';
import { ReportKind } from '../domain/calendar/report-deadline.type';
import { StaffLevel, type StaffingInput } from '../domain/handling/staffing.types';
import { DetectedBy } from '../domain/penalty/penalty.enums';
import type { Services } from '../services';
import { addDays, dateOf, yearOf } from '../shared/calendar-date';
import { Money } from '../shared/money';

/**
 * Demo figures for the economics and supervision parts (rules.md §4–§7), entered through the services: Luoyang's
 * insured counts (4 800 003 at the end of 2023, rules.md §9) and staffing, Henan's funds raised and monthly report
 * filings (one filed late, one missing), and at a Suining hospital an inspection with a penalty, part paid.
 */
export async function seedDemoEconomics(
  db: DataSource,
  services: Services,
  actor: AuditActor,
  today: string,
): Promise<number> {
  const year = yearOf(today);
  const byCode = async (code: string) => db.getRepository(Agreement).findOneBy({ code });
  let rows = 0;
  for (const code of [...new Set(['LY-WTJB-2024', `LY-WTJB-${year}`])]) {
    const a = await byCode(code);
    if (!a) {
      continue;
    }
    for (let y = yearOf(a.effectiveFrom) - 1; y < Math.min(year, yearOf(a.effectiveTo)); y++) {
      await services.handling.recordInsuredCount(actor, a.id, y, 4_800_003 + (y - 2023) * 12_000);
      rows += 1;
    }
    const staff = (
      level: StaffLevel,
      regionCode: string,
      medical: number,
      other: number,
    ): StaffingInput => ({
      agreementId: a.id,
      level,
      regionCode,
      medical,
      finance: level === StaffLevel.CITY ? 2 : 5,
      it: level === StaffLevel.CITY ? 2 : 5,
      other,
    });
    for (const s of [
      staff(StaffLevel.CITY, '410300', 41, 20),
      staff(StaffLevel.COUNTY, '410305', 26, 10),
      staff(StaffLevel.COUNTY, '410311', 22, 14),
    ]) {
      await services.staffing.record(actor, s);
      rows += 1;
    }
  }
  for (const code of [...new Set(['HN-DBBX-2024', `HN-DBBX-${year}`])]) {
    const a = await byCode(code);
    if (!a) {
      continue;
    }
    const y = yearOf(a.effectiveFrom);
    await services.fund.recordRaised(actor, a.id, y, new Money('3200000000.00'));
    rows += 1;
    // Monthly reports filed on their due dates, except March (filed late) and the latest due one (missing).
    const deadlines = (await services.interviews.deadlines(db.manager, a, y)).filter(
      (d) => d.kind === ReportKind.MONTHLY && d.dueOn < today,
    );
    for (const [i, d] of deadlines.entries()) {
      if (i === deadlines.length - 1 && y === year) {
        continue;
      }
      const filedOn = d.period.endsWith('-03') ? addDays(d.dueOn, 3) : d.dueOn;
      await services.interviews.recordFiling(actor, a.id, ReportKind.MONTHLY, d.period, filedOn);
      rows += 1;
    }
  }
  const sn = await byCode('SN-DD-2023-H1');
  if (sn) {
    const inspectedOn = dateOf(year, 1, 15) < today ? dateOf(year, 1, 15) : dateOf(2024, 6, 3);
    await services.penalties.recordInspection(actor, {
      agreementId: sn.id,
      inspectedOn,
      stockItems: [
        {
          itemCode: 'YP-0001 阿莫西林胶囊',
          opening: new Money(1200),
          purchased: new Money(3000),
          sold: new Money(2800),
          closing: new Money(1800),
        },
        {
          itemCode: 'YP-0002 头孢克肟片',
          opening: new Money(500),
          purchased: new Money(1000),
          sold: new Money(900),
          closing: new Money(600),
          declared: new Money(1080),
        },
      ],
      serviceItems: [
        { itemCode: 'XM-0101 静脉输液', declared: new Money(1260), standard: new Money(1000) },
      ],
      noStockRecords: false,
    });
    const penalty = await services.penalties.recordViolation(actor, {
      agreementId: sn.id,
      violationCode: 'OUT_OF_SCOPE_BILLING',
      occurredOn: dateOf(2024, 1, 10),
      noticeOn: dateOf(2024, 1, 29),
      detectedBy: DetectedBy.AUDIT,
      violatingAmount: new Money('8000.00'),
      multiplier: new Money(2),
      occurrences: 1,
    });
    await services.penalties.recordPayment(
      actor,
      penalty.id,
      dateOf(2024, 3, 1),
      new Money('20000.00'),
    );
    rows += 3;
  }
  return rows;
}
