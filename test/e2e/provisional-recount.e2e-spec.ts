import fc from 'fast-check';
import { addDays, daysBetween, isWeekend, yearOf } from '../../src/shared/calendar-date';
import { provisionalHolidays } from '../../src/domain/calendar/rules/provisional-calendar.rule';
import {
  countTouchesYear,
  isWorkingDay,
  workingDaysAfter,
  type WorkingDayCalendar,
} from '../../src/domain/calendar/rules/working-days.rule';
import { CalendarService } from '../../src/domain/calendar/calendar.service';
import { ClaimDueDates } from '../../src/domain/claim/claim-due-dates.store';
import { PenaltyDueDates } from '../../src/domain/penalty/penalty-due-dates.store';
import { penaltyDueDates } from '../../src/domain/penalty/rules/penalty-dates.rule';
import { createLogger } from '../../src/shared/logger';
import { FixedClock } from '../../src/shared/clock';
import { freshIdNumber, violationInput } from '../helpers/claim-fixtures';
import { agency, startTestApp, type TestApp } from '../helpers/test-app';

/*
 * loadCalendarYear at the storage level (rules.md §3.6), as properties over a few hundred claims and a dozen penalties
 * stored through the API with declaration and notice days from autumn 2026 to mid-2028 (2027 and 2028 not loaded), under
 * terms revised on 2027-07-01 (DIRECT 15 → 10, MANUAL 20 → 25 working days; penalties 30 + 10 → 20 + 5):
 * - as stored, every date is the count on the calendar of the day, provisional exactly when it went over 2027 or 2028,
 *   and never earlier than the weekends-only count;
 * - loading a year with its provisional calendar moves no date and clears the marks of the counts that reach no other
 *   unloaded year;
 * - after any load of any schedule, every stored date equals `workingDaysAfter` on the new calendar with the days of the
 *   terms version the claim was adjudicated under (the penalty: in force on its notice day), its mark is that count's,
 *   a count that did not touch the year is unchanged, and the audit row counts exactly the dates that moved.
 */

const CLOCK = '2028-06-30';
const FIRST = '2026-09-01';
const REVISED = '2027-07-01';

/** A small deterministic generator (the stored world is the same on every run; the schedules are fast-check's). */
const prng = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

interface StoredClaim {
  id: string;
  declared_on: string;
  discharge_date: string;
  channel: string;
  due: string;
  provisional: boolean;
}
interface StoredPenalty {
  id: string;
  notice_on: string;
  due_on: string;
  enforceable_from: string;
  provisional: boolean;
}

const claimDays = (c: StoredClaim): number =>
  c.channel === 'DIRECT'
    ? c.discharge_date >= REVISED
      ? 10
      : 15
    : c.discharge_date >= REVISED
      ? 25
      : 20;
const penaltyTerms = (noticeOn: string) =>
  noticeOn >= REVISED
    ? { penaltyDueWorkingDays: 20, overdueGraceWorkingDays: 5 }
    : { penaltyDueWorkingDays: 30, overdueGraceWorkingDays: 10 };

/** The count as it was before rules.md §3.6: a year without a schedule counted weekends only. */
const weekendsOnlyAfter = (cal: WorkingDayCalendar, from: string, n: number): string => {
  let day = from;
  for (let counted = 0; counted < n;) {
    day = addDays(day, 1);
    counted += (cal.scheduledYears.has(yearOf(day)) ? isWorkingDay(cal, day) : !isWeekend(day))
      ? 1
      : 0;
  }
  return day;
};

describe('loadCalendarYear recounts every stored date (storage-level properties, rules.md §3.6)', () => {
  let t: TestApp;

  const must = <T>(r: { data?: T | null; errors?: unknown[] }): T => {
    if (r.errors?.length || !r.data) {
      throw new Error(`operation failed: ${JSON.stringify(r.errors)}`);
    }
    return r.data;
  };
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) =>
    must(await t.gql<T>(query, variables, agency()));

  const claims = () =>
    t.db.dataSource.query<StoredClaim[]>(
      `SELECT id, declared_on::text AS declared_on, discharge_date::text AS discharge_date, channel,
              payment_due_on::text AS due, payment_due_provisional AS provisional
       FROM claim ORDER BY id`,
    );
  const penalties = () =>
    t.db.dataSource.query<StoredPenalty[]>(
      `SELECT id, notice_on::text AS notice_on, due_on::text AS due_on, enforceable_from::text AS enforceable_from,
              due_provisional AS provisional
       FROM penalty ORDER BY id`,
    );
  const load = async (year: number, holidays: string[], adjustedWorkdays: string[] = []) => {
    await gql(
      `mutation($y: Int!, $h: [Date!]!, $a: [Date!]!) { loadCalendarYear(year: $y, holidays: $h, adjustedWorkdays: $a) }`,
      { y: year, h: holidays, a: adjustedWorkdays },
    );
    const [row] = await t.db.dataSource.query<[{ input: { datesChanged: number } }]>(
      `SELECT input FROM audit_trail WHERE operation = 'loadCalendarYear' ORDER BY id DESC LIMIT 1`,
    );
    return { datesChanged: row.input.datesChanged, cal: await t.app.services.calendar.calendar() };
  };

  /** `load`, through another calendar service (with the same audit trail). */
  const loadThrough = async (
    calendar: CalendarService,
    year: number,
    holidays: string[],
    adjustedWorkdays: string[],
  ) => {
    await calendar.loadYear(
      { user: agency(), requestId: 'provisional-recount' },
      year,
      holidays,
      adjustedWorkdays,
    );
    const [row] = await t.db.dataSource.query<[{ input: { datesChanged: number } }]>(
      `SELECT input FROM audit_trail WHERE operation = 'loadCalendarYear' ORDER BY id DESC LIMIT 1`,
    );
    return { datesChanged: row.input.datesChanged, cal: await calendar.calendar() };
  };

  /** Every stored date is the count on `cal` with its terms, and carries that count's mark. */
  const expectCounted = async (cal: WorkingDayCalendar) => {
    for (const c of await claims()) {
      expect({ id: c.id, due: c.due, provisional: c.provisional }).toEqual({
        id: c.id,
        ...(({ date, provisional }) => ({ due: date, provisional }))(
          workingDaysAfter(cal, c.declared_on, claimDays(c)),
        ),
      });
    }
    for (const p of await penalties()) {
      const dates = penaltyDueDates(cal, p.notice_on, penaltyTerms(p.notice_on));
      expect({
        id: p.id,
        dueOn: p.due_on,
        enforceableFrom: p.enforceable_from,
        dueProvisional: p.provisional,
      }).toEqual({ id: p.id, ...dates });
    }
  };

  /** Stored dates that differ between two snapshots (a penalty has two). */
  const moved = (
    before: [StoredClaim[], StoredPenalty[]],
    after: [StoredClaim[], StoredPenalty[]],
  ) =>
    before[0].filter((c, i) => c.due !== after[0][i]!.due).length +
    before[1].reduce(
      (n, p, i) =>
        n +
        (p.due_on !== after[1][i]!.due_on ? 1 : 0) +
        (p.enforceable_from !== after[1][i]!.enforceable_from ? 1 : 0),
      0,
    );
  const snapshot = async (): Promise<[StoredClaim[], StoredPenalty[]]> => [
    await claims(),
    await penalties(),
  ];

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(CLOCK) });
    const random = prng(20261225);
    const org = async (code: string, kind: string, regionCode: string) =>
      (
        await gql<{ createOrganization: { id: string } }>(
          `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
          { i: { code, name: code, kind, regionCode } },
        )
      ).createOrganization.id;
    const agreement = async (
      code: string,
      kind: string,
      partyAId: string,
      partyBId: string,
      regionCode: string,
    ) =>
      (
        await gql<{ createAgreement: { id: string } }>(
          `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`,
          {
            i: {
              code,
              kind,
              title: code,
              partyAId,
              partyBId,
              regionCode,
              effectiveFrom: '2026-01-01',
              effectiveTo: '2028-12-31',
            },
          },
        )
      ).createAgreement.id;
    const revise = (agreementId: string, terms: Record<string, unknown>) =>
      gql(
        `mutation($id: ID!, $from: Date!, $ci: CriticalIllnessTermsInput, $inst: InstitutionTermsInput) {
           reviseTerms(agreementId: $id, effectiveFrom: $from, criticalIllnessTerms: $ci, institutionTerms: $inst) { id }
         }`,
        { id: agreementId, from: REVISED, ...terms },
      );
    const agencyId = await org('PR-AG', 'AGENCY', '410000');
    const insurerId = await org('PR-INS', 'INSURER', '410000');
    const hospitalId = await org('PR-HOSP', 'MEDICAL_INSTITUTION', '410300');
    const ci = await agreement('PR-CI', 'CRITICAL_ILLNESS', agencyId, insurerId, '410000');
    await agreement('PR-DD', 'DESIGNATED_INSTITUTION', agencyId, hospitalId, '410300');
    await revise(ci, { ci: { directPaymentWorkingDays: 10, manualPaymentWorkingDays: 25 } });
    const persons: string[] = [];
    for (let i = 0; i < 8; i++) {
      persons.push(
        (
          await gql<{ registerInsuredPerson: { id: string } }>(
            `mutation($i: RegisterInsuredPersonInput!) { registerInsuredPerson(input: $i) { id } }`,
            {
              i: {
                idNumber: freshIdNumber(),
                name: '测试',
                regionCode: '410302',
                specialStatus: 'NONE',
                specialStatusFrom: '2026-01-01',
              },
            },
          )
        ).registerInsuredPerson.id,
      );
    }
    const span = daysBetween(FIRST, CLOCK);
    const inputs = Array.from({ length: 400 }, (_, i) => {
      const declaredOn = addDays(FIRST, Math.floor(random() * (span + 1)));
      const dischargeDate = addDays(declaredOn, -Math.floor(random() * 8));
      return {
        agreementId: ci,
        institutionId: hospitalId,
        insuredPersonId: persons[i % persons.length],
        settlementNumber: `PR-${i}`,
        channel: random() < 0.7 ? 'DIRECT' : 'MANUAL',
        admissionDate: dischargeDate,
        dischargeDate,
        declaredOn,
        totalCost: '3000.00',
        basicFundPaid: '1000.00',
      };
    });
    const result = await gql<{ submitClaims: { claims: unknown[]; errors: unknown[] } }>(
      `mutation($i: [SubmitClaimInput!]!) { submitClaims(inputs: $i) { claims { id } errors { index code field } } }`,
      { i: inputs },
    );
    expect(result.submitClaims.errors).toEqual([]);
    // Penalties, each on a designation of its own (so that no escalation suspends or ends another's agreement).
    for (let i = 0; i < 12; i++) {
      const clinic = await org(`PR-CL-${i}`, 'MEDICAL_INSTITUTION', '410300');
      const dd = await agreement(
        `PR-DD-${i}`,
        'DESIGNATED_INSTITUTION',
        agencyId,
        clinic,
        '410300',
      );
      await revise(dd, { inst: { penaltyDueWorkingDays: 20, overdueGraceWorkingDays: 5 } });
      const noticeOn = addDays(FIRST, Math.floor(random() * (span + 1)));
      await gql(`mutation($i: RecordViolationInput!) { recordViolation(input: $i) { id } }`, {
        i: violationInput(dd, { occurredOn: noticeOn, noticeOn }),
      });
    }
  }, 300_000);
  afterAll(() => t.close());

  it('stores each date as counted on the calendar of the day, never earlier than the weekends-only count', async () => {
    const cal = await t.app.services.calendar.calendar();
    expect([...cal.scheduledYears].filter((y) => y >= 2027)).toEqual([]);
    await expectCounted(cal);
    const stored = await claims();
    // the world reaches the cases: provisional and not, both channels, both terms versions
    expect(stored.filter((c) => c.provisional).length).toBeGreaterThan(100);
    expect(stored.filter((c) => !c.provisional).length).toBeGreaterThan(20);
    for (const c of stored) {
      expect(c.due >= weekendsOnlyAfter(cal, c.declared_on, claimDays(c))).toBe(true);
    }
    for (const p of await penalties()) {
      const terms = penaltyTerms(p.notice_on);
      const due = weekendsOnlyAfter(cal, p.notice_on, terms.penaltyDueWorkingDays);
      expect(p.due_on >= due).toBe(true);
    }
  });

  it('moves no date when 2027 and then 2028 are loaded with their provisional calendars, and clears the marks', async () => {
    const before = await snapshot();
    const first = await load(2027, [...provisionalHolidays(2027)]);
    expect(first.datesChanged).toBe(0);
    const middle = await snapshot();
    expect(middle[0].map((c) => c.due)).toEqual(before[0].map((c) => c.due));
    expect(middle[1].map((p) => [p.due_on, p.enforceable_from])).toEqual(
      before[1].map((p) => [p.due_on, p.enforceable_from]),
    );
    // a mark stays only where the count reaches 2028, still without a schedule
    for (const c of middle[0]) {
      expect(c.provisional).toBe(countTouchesYear(c.declared_on, c.due, 2028));
    }
    for (const p of middle[1]) {
      expect(p.provisional).toBe(countTouchesYear(p.notice_on, p.enforceable_from, 2028));
    }
    await expectCounted(first.cal);

    const second = await load(2028, [...provisionalHolidays(2028)]);
    expect(second.datesChanged).toBe(0);
    const after = await snapshot();
    expect(after[0].map((c) => c.due)).toEqual(before[0].map((c) => c.due));
    expect(after[0].every((c) => !c.provisional)).toBe(true);
    expect(after[1].every((p) => !p.provisional)).toBe(true);
    await expectCounted(second.cal);
  });

  it('after any load of any schedule, every stored date is the count on the new calendar', async () => {
    // Half the loads through a calendar service whose stores write a few rows per statement (many batches).
    const batched = new CalendarService(
      t.db.dataSource,
      t.app.services.audit,
      new FixedClock(CLOCK),
      createLogger('silent'),
      [new ClaimDueDates(7), new PenaltyDueDates(2)],
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(2026, 2027, 2028),
        fc.boolean(),
        fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 20 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 6 }),
        async (year, inBatches, offHolidays, offWorkdays) => {
          const first = `${year}-01-01`;
          const days = (offsets: number[]) =>
            offsets.map((o) => addDays(first, o)).filter((d) => yearOf(d) === year);
          const holidays = days(offHolidays).filter((d) => !isWeekend(d));
          const adjusted = days(offWorkdays).filter((d) => isWeekend(d));
          const before = await snapshot();
          const { datesChanged, cal } = inBatches
            ? await loadThrough(batched, year, holidays, adjusted)
            : await load(year, holidays, adjusted);
          await expectCounted(cal);
          const after = await snapshot();
          expect(datesChanged).toBe(moved(before, after));
          // a count that did not touch the year is the same row as before
          before[0].forEach((c, i) => {
            if (!countTouchesYear(c.declared_on, c.due, year)) {
              expect(after[0][i]).toEqual(c);
            }
          });
        },
      ),
      { numRuns: 16 },
    );
  }, 120_000);
});
