import { Writable } from 'node:stream';
import { Client } from 'pg';
import pino from 'pino';
import { CalendarService } from '../../src/domain/calendar/calendar.service';
import { ClaimDueDates } from '../../src/domain/claim/claim-due-dates.store';
import { PenaltyDueDates } from '../../src/domain/penalty/penalty-due-dates.store';
import { Role, type Caller } from '../../src/shared/caller';
import type { Clock } from '../../src/shared/clock';
import { freshIdNumber, violationInput } from '../helpers/claim-fixtures';
import { agency, insurer, reporting, startTestApp, type TestApp } from '../helpers/test-app';

/*
 * Stored dates carry the provisional mark, and loading a year's schedule recounts them (rules.md §3.6): the worked
 * example of §3.6 end to end over GraphQL — a DIRECT claim declared on Friday 2026-12-25 with 2027 not loaded is due
 * 2027-01-18, provisional, and not overdue on 2027-01-16; loading 2027 with [01-01] keeps the date and clears the mark;
 * loading it again with [01-01, 01-04] moves it to 2027-01-19 — with a MANUAL claim, a penalty noticed late in 2026,
 * the audit row's counts, the provisional counts by role, and the start-up line.
 */

/** A clock the test moves, as days pass on a running server. */
class MovableClock implements Clock {
  constructor(public day: string) {}
  now(): Date {
    return new Date(`${this.day}T12:00:00+08:00`);
  }
  today(): string {
    return this.day;
  }
}

const must = <T>(r: { data?: T | null; errors?: unknown[] }): T => {
  if (r.errors?.length || !r.data) {
    throw new Error(`operation failed: ${JSON.stringify(r.errors)}`);
  }
  return r.data;
};

const LOAD = `mutation($year: Int!, $holidays: [Date!]!, $adjustedWorkdays: [Date!]!) {
  loadCalendarYear(year: $year, holidays: $holidays, adjustedWorkdays: $adjustedWorkdays)
}`;
const CLAIM = `query($id: ID!, $asOf: Date) { claim(id: $id) { paymentDueOn paymentDueProvisional overdue(asOf: $asOf) } }`;
const PENALTY = `query($id: ID!) { penalty(id: $id) { dueOn enforceableFrom dueProvisional } }`;
const COUNTS = `{ provisionalDueDates { claims penalties settlements } }`;

interface World {
  readonly hospitalId: string;
  readonly insurerId: string;
  readonly agreementId: string;
  readonly designationId: string;
  readonly direct: string;
  readonly manual: string;
  readonly summer: string;
  readonly penalty: string;
}

describe('provisional due dates stored and recounted (e2e, rules.md §3.6)', () => {
  const clock = new MovableClock('2026-12-28');
  let t: TestApp;
  let w: World;

  const gql = <T>(
    query: string,
    variables: Record<string, unknown> = {},
    user: Caller = agency(),
  ) => t.gql<T>(query, variables, user).then(must);
  const load = (holidays: string[]) =>
    gql<{ loadCalendarYear: number }>(LOAD, { year: 2027, holidays, adjustedWorkdays: [] });
  const claim = (id: string, asOf?: string) =>
    gql<{
      claim: { paymentDueOn: string; paymentDueProvisional: boolean; overdue: boolean };
    }>(CLAIM, { id, asOf }).then((d) => d.claim);
  const penalty = (id: string) =>
    gql<{ penalty: { dueOn: string; enforceableFrom: string; dueProvisional: boolean } }>(PENALTY, {
      id,
    }).then((d) => d.penalty);
  const counts = (user: Caller = agency()) =>
    gql<{ provisionalDueDates: Record<string, number> }>(COUNTS, {}, user).then(
      (d) => d.provisionalDueDates,
    );
  const overdueTrigger = async (on: string) =>
    (
      await gql<{ interviewTriggers: { kind: string; count: number | null }[] }>(
        `query($id: ID!, $on: Date) { interviewTriggers(agreementId: $id, on: $on) { kind count } }`,
        { id: w.agreementId, on },
      )
    ).interviewTriggers.find((x) => x.kind === 'OVERDUE_CLAIMS') ?? null;
  const lastAudit = async () =>
    (
      await t.db.dataSource.query<{ input: Record<string, unknown> }[]>(
        `SELECT input FROM audit_trail WHERE operation = 'loadCalendarYear' ORDER BY id DESC LIMIT 1`,
      )
    )[0]!.input;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const org = async (code: string, kind: string, regionCode: string) =>
      (
        await gql<{ createOrganization: { id: string } }>(
          `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
          { i: { code, name: code, kind, regionCode } },
        )
      ).createOrganization.id;
    const agencyId = await org('PD-AG', 'AGENCY', '410000');
    const insurerId = await org('PD-INS', 'INSURER', '410000');
    const hospitalId = await org('PD-HOSP', 'MEDICAL_INSTITUTION', '410300');
    const agreement = async (code: string, kind: string, partyBId: string, regionCode: string) =>
      (
        await gql<{ createAgreement: { id: string } }>(
          `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`,
          {
            i: {
              code,
              kind,
              title: code,
              partyAId: agencyId,
              partyBId,
              regionCode,
              effectiveFrom: '2026-01-01',
              effectiveTo: '2027-12-31',
            },
          },
        )
      ).createAgreement.id;
    const agreementId = await agreement('PD-CI', 'CRITICAL_ILLNESS', insurerId, '410000');
    const designationId = await agreement('PD-DD', 'DESIGNATED_INSTITUTION', hospitalId, '410300');
    const person = (
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
    ).registerInsuredPerson.id;
    const submit = async (
      settlementNumber: string,
      channel: string,
      dischargeDate: string,
      declaredOn: string,
    ) =>
      (
        await gql<{ submitClaim: { id: string } }>(
          `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { id } }`,
          {
            i: {
              agreementId,
              institutionId: hospitalId,
              insuredPersonId: person,
              settlementNumber,
              channel,
              admissionDate: dischargeDate,
              dischargeDate,
              declaredOn,
              totalCost: '51000.00',
              basicFundPaid: '1000.00',
            },
          },
        )
      ).submitClaim.id;
    const direct = await submit('PD-1', 'DIRECT', '2026-12-20', '2026-12-25');
    const manual = await submit('PD-2', 'MANUAL', '2026-12-01', '2026-12-07');
    const summer = await submit('PD-3', 'DIRECT', '2026-06-01', '2026-06-05');
    const penaltyId = (
      await gql<{ recordViolation: { id: string } }>(
        `mutation($i: RecordViolationInput!) { recordViolation(input: $i) { id } }`,
        { i: violationInput(designationId, { occurredOn: '2026-11-20', noticeOn: '2026-11-27' }) },
      )
    ).recordViolation.id;
    w = {
      hospitalId,
      insurerId,
      agreementId,
      designationId,
      direct,
      manual,
      summer,
      penalty: penaltyId,
    };
  }, 120_000);
  afterAll(() => t.close());

  it('stores the provisional dates and their marks while 2027 is not loaded', async () => {
    // 1 January 2027 is a statutory holiday by law: weekends-only counting would have said 2027-01-15
    expect(await claim(w.direct)).toMatchObject({
      paymentDueOn: '2027-01-18',
      paymentDueProvisional: true,
    });
    // MANUAL, 20 working days from Monday 7 December 2026: 18 in 2026, then 4 and 5 January
    expect(await claim(w.manual)).toMatchObject({
      paymentDueOn: '2027-01-05',
      paymentDueProvisional: true,
    });
    // counted inside 2026 (端午 19 June off): never provisional
    expect(await claim(w.summer)).toMatchObject({
      paymentDueOn: '2026-06-29',
      paymentDueProvisional: false,
    });
    // noticed Friday 27 November 2026: the 30th working day is 11 January (1 January off), enforceable 26 January
    expect(await penalty(w.penalty)).toEqual({
      dueOn: '2027-01-11',
      enforceableFrom: '2027-01-26',
      dueProvisional: true,
    });
    const rows = await t.db.dataSource.query<{ due: string; provisional: boolean }[]>(
      `SELECT payment_due_on::text AS due, payment_due_provisional AS provisional FROM claim ORDER BY declared_on`,
    );
    expect(rows).toEqual([
      { due: '2026-06-29', provisional: false },
      { due: '2027-01-05', provisional: true },
      { due: '2027-01-18', provisional: true },
    ]);
  });

  it('counts the provisional dates each role may read (runtime.md, aggregates)', async () => {
    const all = { claims: 2, penalties: 1, settlements: 0 };
    expect(await counts()).toEqual(all);
    expect(await counts(reporting(['41']))).toEqual(all);
    expect(await counts(agency(['51']))).toEqual({ claims: 0, penalties: 0, settlements: 0 });
    // the insurer reads the claims of its agreements, never penalties
    expect(await counts(insurer(w.insurerId))).toEqual({ claims: 2, penalties: 0, settlements: 0 });
    const hospital: Caller = {
      sub: 'h',
      role: Role.INSTITUTION,
      org: w.hospitalId,
      regions: ['41'],
    };
    expect(await counts(hospital)).toEqual(all);
    expect(await counts({ ...hospital, org: w.insurerId })).toEqual({
      claims: 0,
      penalties: 0,
      settlements: 0,
    });
  });

  it('says how many stored dates are provisional in one start-up line', async () => {
    const lines: { level: number; msg: string; provisionalDueDates?: unknown }[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(
            ...chunk
              .toString('utf8')
              .split('\n')
              .filter(Boolean)
              .map((l) => JSON.parse(l) as (typeof lines)[number]),
          );
          done();
        },
      }),
    );
    const calendar = new CalendarService(t.db.dataSource, t.app.services.audit, clock, logger, [
      new ClaimDueDates(),
      new PenaltyDueDates(),
    ]);
    expect(await calendar.logProvisionalDueDates()).toEqual({
      claims: 2,
      penalties: 1,
      settlements: 0,
    });
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      provisionalDueDates: { claims: 2, penalties: 1, settlements: 0 },
      msg:
        'Stored dates counted over a year without a loaded holiday schedule (provisional): 2 claim payment due ' +
        'dates, 1 penalties (due and enforceable dates), 0 settlement due dates. loadCalendarYear recounts them ' +
        'when it loads the year they reach into.',
    });
  });

  it('is not overdue on 2027-01-16, and the interview trigger (Henan 33(二)) does not count it', async () => {
    clock.day = '2027-01-16';
    expect((await claim(w.direct)).overdue).toBe(false);
    expect(
      (
        await gql<{ overdueClaims: { id: string }[] }>(
          `query($asOf: Date!) { overdueClaims(asOf: $asOf) { id } }`,
          { asOf: '2027-01-16' },
        )
      ).overdueClaims.map((c) => c.id),
    ).not.toContain(w.direct);
    // the summer claim (due 2026-06-29) and the MANUAL one (due 2027-01-05) are unpaid: the DIRECT one is not counted
    expect(await overdueTrigger('2027-01-16')).toEqual({ kind: 'OVERDUE_CLAIMS', count: 2 });
  });

  it('loading 2027 with [2027-01-01] keeps every date and clears the marks, and the audit row says so', async () => {
    expect((await load(['2027-01-01'])).loadCalendarYear).toBe(260);
    expect(await claim(w.direct)).toMatchObject({
      paymentDueOn: '2027-01-18',
      paymentDueProvisional: false,
    });
    expect(await claim(w.manual)).toMatchObject({
      paymentDueOn: '2027-01-05',
      paymentDueProvisional: false,
    });
    expect(await penalty(w.penalty)).toEqual({
      dueOn: '2027-01-11',
      enforceableFrom: '2027-01-26',
      dueProvisional: false,
    });
    expect(await counts()).toEqual({ claims: 0, penalties: 0, settlements: 0 });
    expect(await lastAudit()).toMatchObject({
      year: 2027,
      recount: {
        claims: { recounted: 2, rowsChanged: 2, datesChanged: 0, marksCleared: 2 },
        penalties: { recounted: 1, rowsChanged: 1, datesChanged: 0, marksCleared: 1 },
      },
      datesChanged: 0,
    });
    clock.day = '2027-01-19';
    expect((await claim(w.direct)).overdue).toBe(true);
    // due on the 18th and unpaid on the 19th: the DIRECT claim joins the two others
    expect(await overdueTrigger('2027-01-19')).toEqual({ kind: 'OVERDUE_CLAIMS', count: 3 });
  });

  it('loading 2027 again with [2027-01-01, 2027-01-04] moves every date counted over 4 January', async () => {
    expect((await load(['2027-01-01', '2027-01-04'])).loadCalendarYear).toBe(259);
    expect(await claim(w.direct)).toMatchObject({
      paymentDueOn: '2027-01-19',
      paymentDueProvisional: false,
      overdue: false,
    });
    expect(await claim(w.manual)).toMatchObject({
      paymentDueOn: '2027-01-06',
      paymentDueProvisional: false,
    });
    expect(await claim(w.summer)).toMatchObject({ paymentDueOn: '2026-06-29' });
    expect(await penalty(w.penalty)).toEqual({
      dueOn: '2027-01-12',
      enforceableFrom: '2027-01-27',
      dueProvisional: false,
    });
    // due on the 19th now: not overdue that day (the two others still are)
    expect(await overdueTrigger('2027-01-19')).toEqual({ kind: 'OVERDUE_CLAIMS', count: 2 });
    // 2027 was loaded already: every count that touched it is recounted, not only the marked ones
    expect(await lastAudit()).toMatchObject({
      recount: {
        claims: { recounted: 2, rowsChanged: 2, datesChanged: 2, marksCleared: 0 },
        penalties: { recounted: 1, rowsChanged: 1, datesChanged: 2, marksCleared: 0 },
      },
      datesChanged: 4,
    });
    // the same schedule again changes nothing
    await load(['2027-01-01', '2027-01-04']);
    expect(await lastAudit()).toMatchObject({
      recount: {
        claims: { recounted: 2, rowsChanged: 0, datesChanged: 0, marksCleared: 0 },
        penalties: { recounted: 1, rowsChanged: 0, datesChanged: 0, marksCleared: 0 },
      },
      datesChanged: 0,
    });
  });

  it('refuses any change to a penalty but its payment dates (the table stays append-only)', async () => {
    await expect(
      t.db.dataSource.query(`UPDATE penalty SET damages = damages + 1 WHERE id = $1`, [w.penalty]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.dataSource.query(`DELETE FROM penalty WHERE id = $1`, [w.penalty]),
    ).rejects.toThrow(/append-only/);
    // an update that changes nothing is refused too (the trigger's refusal stays observable)
    await expect(
      t.db.dataSource.query(`UPDATE penalty SET due_on = due_on WHERE id = $1`, [w.penalty]),
    ).rejects.toThrow(/append-only/);
    // the dates and the mark alone: let through (and put back)
    for (let i = 0; i < 2; i++) {
      await expect(
        t.db.dataSource.query(
          `UPDATE penalty SET due_provisional = NOT due_provisional WHERE id = $1`,
          [w.penalty],
        ),
      ).resolves.toBeDefined();
    }
    expect(await penalty(w.penalty)).toMatchObject({ dueProvisional: false });
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'stores a claim submitted while a load is in progress with the loaded calendar (PostgreSQL)',
    async () => {
      clock.day = '2027-12-28';
      const url = (t.db.dataSource.options as { url?: string }).url!;
      const other = new Client({ connectionString: url });
      await other.connect();
      try {
        // this process's copy of the calendar has no 2028
        expect(
          (
            await gql<{ dueDate: { date: string; provisional: boolean } }>(
              `{ dueDate(from: "2027-12-24", workingDays: 15) { date provisional } }`,
            )
          ).dueDate,
        ).toEqual({ date: '2028-01-14', provisional: true });
        // a load of 2028 by another process, holding the calendar's lock
        await other.query('BEGIN');
        await other.query(`SELECT pg_advisory_xact_lock(hashtext('jingban.calendar'), 0)`);
        const [{ insured_person_id: person }] = await t.db.dataSource.query<
          [{ insured_person_id: string }]
        >(`SELECT insured_person_id FROM claim LIMIT 1`);
        let settled = false;
        const submitted = gql<{
          submitClaim: { paymentDueOn: string; paymentDueProvisional: boolean };
        }>(
          `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { paymentDueOn paymentDueProvisional } }`,
          {
            i: {
              agreementId: w.agreementId,
              institutionId: w.hospitalId,
              insuredPersonId: person,
              settlementNumber: 'PD-RACE',
              channel: 'DIRECT',
              admissionDate: '2027-12-20',
              dischargeDate: '2027-12-20',
              declaredOn: '2027-12-24',
              totalCost: '2000.00',
              basicFundPaid: '1000.00',
            },
          },
        ).finally(() => {
          settled = true;
        });
        await new Promise((r) => setTimeout(r, 300));
        expect(settled).toBe(false);
        // 2028 with 3 January off as well (not the law: a schedule to tell the calendars apart)
        await other.query(
          `INSERT INTO calendar_day (date, kind) VALUES ('2028-01-01', 'HOLIDAY'), ('2028-01-03', 'HOLIDAY')`,
        );
        await other.query(
          `INSERT INTO calendar_year (year, source, loaded_at) VALUES (2028, 'test', clock_timestamp())`,
        );
        await other.query('COMMIT');
        expect((await submitted).submitClaim).toEqual({
          paymentDueOn: '2028-01-17',
          paymentDueProvisional: false,
        });
      } finally {
        await other.end();
      }
    },
  );
});
