import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { EventDates1763800000050 } from '../../migrations/1763800000050-EventDates';
import { importClaims } from '../../src/cli/claim-import';
import type { Caller } from '../../src/shared/caller';
import { addDays } from '../../src/shared/calendar-date';
import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import {
  agency,
  institution,
  insurer,
  MovableClock,
  startTestApp,
  type GqlResult,
  type TestApp,
} from '../helpers/test-app';

/*
 * When events on a claim happened (rules.md §3.4): the declaration day and channel of a submission, and "as of means as
 * known then" — reviews (on their reviewedOn, or a proposal's confirmation day), reversals (on the day recorded) and
 * payments (on paidOn) carry their own dates, and an answer for a past day leaves out every event dated after it:
 * Claim.overdue(asOf), overdueClaims, the interview triggers (Henan art. 33) and the monthly report (arts. 25, 35).
 */

const TODAY = '2024-07-15';

const SUBMIT = `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { id status channel declaredOn } }`;
const SUBMIT_MANY = `mutation($is: [SubmitClaimInput!]!) {
  submitClaims(inputs: $is) { claims { settlementNumber } errors { index code field } } }`;
const REVIEW = `mutation($id: ID!, $x: Money!, $on: Date) {
  reviewClaim(claimId: $id, nonCompliantAmount: $x, reason: "审核", reviewedOn: $on) {
    id reviewProposals { id } } }`;
const REVERSE = `mutation($id: ID!) { reverseClaim(claimId: $id, reason: "冲正") { id } }`;
const PAY = `mutation($id: ID!, $on: Date!) { markClaimPaid(claimId: $id, paidOn: $on) { id } }`;
const CONFIRM = `mutation($p: ID!, $on: Date!) { confirmClaimReview(proposalId: $p, confirmedOn: $on) { id } }`;
const FILE = `mutation($a: ID!, $p: String!, $on: Date!) {
  recordReportFiling(agreementId: $a, kind: MONTHLY, period: $p, filedOn: $on) { filedOn } }`;
const OVERDUE = `query($id: ID!, $asOf: Date) { claim(id: $id) { overdue(asOf: $asOf) } }`;
const OVERDUE_LIST = `query($asOf: Date!, $a: ID) { overdueClaims(asOf: $asOf, agreementId: $a, first: 1000) { id } }`;
const TRIGGERS = `query($a: ID!, $on: Date) {
  interviewTriggers(agreementId: $a, on: $on) { kind article description count period dueOn } }`;
const REPORT = `query($a: ID!, $y: Int!, $m: Int!) { monthlyReport(agreementId: $a, year: $y, month: $m) {
  asOf claimCount benefit paidCount paidAmount reviewCount reviewDeductedCost reviewBenefitReduction
  reversalCount reversedBenefit overdueCount overdueAmount } }`;

interface Trigger {
  kind: string;
  article: string;
  description: string;
  count: number | null;
  period: string | null;
  dueOn: string | null;
}

describe('as of means as known then (rules.md §3.4)', () => {
  let t: TestApp;
  const clock = new MovableClock(TODAY);
  let serial = 0;
  const sn = (p = 'AO') => `${p}-${++serial}`;

  const ok = <T>(r: GqlResult<T>): T => {
    if (r.errors?.length || !r.data) {
      throw new Error(`operation failed: ${JSON.stringify(r.errors)}`);
    }
    return r.data;
  };
  const refusal = (r: GqlResult): { code: unknown; field: unknown } => {
    expect(r.errors).toHaveLength(1);
    expect(r.data ?? null).toBeNull();
    return { code: r.errors![0]!.extensions?.code, field: r.errors![0]!.extensions?.field };
  };
  const stored = async () =>
    (
      await t.db.dataSource.query<Record<string, number>[]>(
        `SELECT (SELECT count(*)::int FROM claim) AS claims, (SELECT count(*)::int FROM ledger_entry) AS ledger,
                (SELECT count(*)::int FROM claim_idempotency) AS keys, (SELECT count(*)::int FROM audit_trail) AS audit,
                (SELECT count(*)::int FROM report_filing) AS filings`,
      )
    )[0];

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t?.close());

  // ------------------------------------------------------------------ the declaration day and channel

  describe('the declaration day and channel (rules.md §3.4; Henan arts. 15–17)', () => {
    let w: ClaimWorld;
    let dir: string;
    beforeAll(async () => {
      w = await claimWorld(t, 'DC');
      dir = mkdtempSync(path.join(tmpdir(), 'jingban-asof-'));
    });
    const today = (over: Record<string, unknown> = {}) => ({
      admissionDate: '2024-07-01',
      dischargeDate: '2024-07-10',
      declaredOn: TODAY,
      ...over,
    });

    it.each<
      [string, Record<string, unknown>, () => Caller, { code: string; field: string } | null]
    >([
      ['declared today', today(), () => agency(), null],
      ['declared on the discharge day', today({ declaredOn: '2024-07-10' }), () => agency(), null],
      [
        'declared tomorrow',
        today({ declaredOn: '2024-07-16' }),
        () => agency(),
        { code: 'BAD_USER_INPUT', field: 'input.declaredOn' },
      ],
      [
        'declared before discharge',
        today({ declaredOn: '2024-07-09' }),
        () => agency(),
        { code: 'BAD_USER_INPUT', field: 'input.declaredOn' },
      ],
      ['a DIRECT claim of the institution', today(), () => institution(w.hospitalId), null],
      [
        'a MANUAL claim of the institution',
        today({ channel: 'MANUAL' }),
        () => institution(w.hospitalId),
        { code: 'BAD_USER_INPUT', field: 'input.channel' },
      ],
      [
        'a MANUAL claim of the insurer',
        today({ channel: 'MANUAL' }),
        () => insurer(w.insurerId),
        null,
      ],
      ['a MANUAL claim of the agency', today({ channel: 'MANUAL' }), () => agency(), null],
    ])('submitClaim: %s', async (_n, over, user, refused) => {
      const person = await w.person();
      const before = await stored();
      const r = await t.gql(
        SUBMIT,
        { i: claimInput(w, person, sn('DC'), '5000.00', over) },
        user(),
      );
      if (refused) {
        expect(refusal(r)).toEqual(refused);
        expect(await stored()).toEqual(before);
      } else {
        expect(r.errors ?? []).toEqual([]);
      }
    });

    it('submitClaims: each input on its own, by index', async () => {
      const p = await w.person();
      const inputs = [
        claimInput(w, p, sn('DC'), '5000.00', today()),
        claimInput(w, p, sn('DC'), '5000.00', today({ declaredOn: '2024-07-16' })),
        claimInput(w, p, sn('DC'), '5000.00', today({ channel: 'MANUAL' })),
      ];
      const asAgency = ok(
        await t.gql<{ submitClaims: { claims: unknown[]; errors: unknown[] } }>(
          SUBMIT_MANY,
          { is: inputs },
          agency(),
        ),
      ).submitClaims;
      expect(asAgency.errors).toEqual([
        { index: 1, code: 'BAD_USER_INPUT', field: 'inputs[1].declaredOn' },
      ]);
      expect(asAgency.claims).toHaveLength(2);
      const again = inputs.map((i) => ({ ...i, settlementNumber: sn('DC') }));
      const asInstitution = ok(
        await t.gql<{ submitClaims: { claims: unknown[]; errors: unknown[] } }>(
          SUBMIT_MANY,
          { is: again },
          institution(w.hospitalId),
        ),
      ).submitClaims;
      expect(asInstitution.errors).toEqual([
        { index: 1, code: 'BAD_USER_INPUT', field: 'inputs[1].declaredOn' },
        { index: 2, code: 'BAD_USER_INPUT', field: 'inputs[2].channel' },
      ]);
      expect(asInstitution.claims).toHaveLength(1);
    });

    it('the import file: the same refusals, line by line', async () => {
      const p = await w.person();
      const lines = [
        claimInput(w, p, 'DC-F1', '5000.00', today()),
        claimInput(w, p, 'DC-F2', '5000.00', today({ declaredOn: '2024-07-16' })),
        claimInput(w, p, 'DC-F3', '5000.00', today({ channel: 'MANUAL' })),
      ];
      const file = path.join(dir, 'july.ndjson');
      writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
      const summary = await importClaims(
        t.app.services.claims,
        { user: institution(w.hospitalId), requestId: 'asof-import' },
        file,
      );
      expect(summary).toMatchObject({ lines: 3, stored: 1, errors: 2 });
      const report = readFileSync(`${file}.errors.ndjson`, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .map((e) => [e.line, e.code, e.field]);
      expect(report.sort()).toEqual([
        [2, 'BAD_USER_INPUT', 'declaredOn'],
        [3, 'BAD_USER_INPUT', 'channel'],
      ]);
    });

    it('a report filing is never dated in the future', async () => {
      const before = await stored();
      expect(
        refusal(await t.gql(FILE, { a: w.agreementId, p: '2024-06', on: '2024-07-16' }, agency())),
      ).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'filedOn',
      });
      expect(await stored()).toEqual(before);
    });
  });

  // ------------------------------------------------------------------ boundaries: an event on asOf counts, the day after does not

  describe('an event dated on asOf counts; one dated the day after does not', () => {
    let w: ClaimWorld;
    const id: Record<string, string> = {};
    const overdue = async (claimId: string, asOf: string) =>
      ok(await t.gql<{ claim: { overdue: boolean } }>(OVERDUE, { id: claimId, asOf }, agency()))
        .claim.overdue;
    const list = async (asOf: string) =>
      ok(
        await t.gql<{ overdueClaims: Array<{ id: string }> }>(
          OVERDUE_LIST,
          { asOf, a: w.agreementId },
          agency(),
        ),
      )
        .overdueClaims.map((c) => c.id)
        .sort();
    const triggers = async (on: string) =>
      ok(
        await t.gql<{ interviewTriggers: Trigger[] }>(TRIGGERS, { a: w.agreementId, on }, agency()),
      ).interviewTriggers;
    const report = async (month: number) =>
      ok(
        await t.gql<{ monthlyReport: Record<string, unknown> }>(
          REPORT,
          { a: w.agreementId, y: 2024, m: month },
          agency(),
        ),
      ).monthlyReport;

    beforeAll(async () => {
      w = await claimWorld(t, 'BD');
      // Nine claims of 50 000.00 (benefit 23 400.00 each, one person each), declared 2024-04-26: due 2024-05-20.
      for (const k of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']) {
        id[k] = ok(
          await t.gql<{ submitClaim: { id: string } }>(
            SUBMIT,
            { i: claimInput(w, await w.person(), sn('BD'), '50000.00') },
            agency(),
          ),
        ).submitClaim.id;
      }
      // A reversal is dated the day it is recorded.
      await clock.on('2024-06-10', () => t.gql(REVERSE, { id: id.A }, agency()).then(ok));
      await clock.on('2024-05-31', () => t.gql(REVERSE, { id: id.F }, agency()).then(ok));
      await clock.on('2024-06-01', () => t.gql(REVERSE, { id: id.G }, agency()).then(ok));
      // Reviews by their reviewedOn, recorded today.
      ok(await t.gql(REVIEW, { id: id.B, x: '50000.00', on: '2024-06-12' }, agency()));
      ok(await t.gql(REVIEW, { id: id.H, x: '1000.00', on: '2024-05-31' }, agency()));
      ok(await t.gql(REVIEW, { id: id.I, x: '1000.00', on: '2024-06-01' }, agency()));
      // A payment on its paidOn.
      ok(await t.gql(PAY, { id: id.C, on: '2024-06-14' }, agency()));
      // The insurer's proposal of 2024-06-01, confirmed on 2024-06-16: applied then.
      const proposal = ok(
        await t.gql<{ reviewClaim: { reviewProposals: Array<{ id: string }> } }>(
          REVIEW,
          { id: id.D, x: '50000.00', on: '2024-06-01' },
          insurer(w.insurerId),
        ),
      ).reviewClaim.reviewProposals[0]!.id;
      ok(await t.gql(CONFIRM, { p: proposal, on: '2024-06-16' }, agency()));
      // The May report filed late, on 2024-06-07 (due 2024-06-05).
      ok(await t.gql(FILE, { a: w.agreementId, p: '2024-05', on: '2024-06-07' }, agency()));
    });

    it.each<[string, string[]]>([
      ['2024-05-20', []], // the due day itself is on time
      ['2024-05-21', ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']],
      ['2024-05-30', ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']],
      ['2024-05-31', ['A', 'B', 'C', 'D', 'E', 'G', 'H', 'I']], // F reversed on 05-31; H reviewed in part
      ['2024-06-01', ['A', 'B', 'C', 'D', 'E', 'H', 'I']], // G reversed on 06-01
      ['2024-06-09', ['A', 'B', 'C', 'D', 'E', 'H', 'I']],
      ['2024-06-10', ['B', 'C', 'D', 'E', 'H', 'I']], // A reversed on 06-10
      ['2024-06-11', ['B', 'C', 'D', 'E', 'H', 'I']],
      ['2024-06-12', ['C', 'D', 'E', 'H', 'I']], // B reviewed to nothing on 06-12
      ['2024-06-13', ['C', 'D', 'E', 'H', 'I']],
      ['2024-06-14', ['D', 'E', 'H', 'I']], // C paid on 06-14
      ['2024-06-15', ['D', 'E', 'H', 'I']],
      ['2024-06-16', ['E', 'H', 'I']], // D's proposal confirmed on 06-16
      [TODAY, ['E', 'H', 'I']],
    ])('as of %s: overdue %j', async (asOf, expected) => {
      const keys = Object.keys(id);
      expect(
        Object.fromEntries(
          await Promise.all(keys.map(async (k) => [k, await overdue(id[k]!, asOf)])),
        ),
      ).toEqual(Object.fromEntries(keys.map((k) => [k, expected.includes(k)])));
      expect(await list(asOf)).toEqual(expected.map((k) => id[k]!).sort());
      const counted = (await triggers(asOf)).find((x) => x.kind === 'OVERDUE_CLAIMS');
      expect(counted?.count ?? 0).toBe(expected.length);
    });

    it('a filing dated after `on` does not count: the report stands as not filed', async () => {
      const may = async (on: string) => (await triggers(on)).find((x) => x.period === '2024-05');
      expect(await may('2024-06-05')).toBeUndefined(); // not due yet
      expect(await may('2024-06-06')).toMatchObject({
        kind: 'REPORT_NOT_FILED',
        description: 'the 2024-05 monthly report was due on 2024-06-05 and is not filed',
      });
      expect(await may('2024-06-07')).toMatchObject({
        kind: 'REPORT_NOT_FILED',
        description: 'the 2024-05 monthly report was filed on 2024-06-07, after 2024-06-05',
      });
    });

    it('the monthly report: reviews, reversals and overdue claims by their own dates', async () => {
      expect(await report(5)).toMatchObject({
        asOf: '2024-05-31',
        reviewCount: 1, // H on 05-31 (I on 06-01 is June's)
        reviewDeductedCost: '1000.00',
        reviewBenefitReduction: '600.00',
        reversalCount: 1, // F on 05-31 (G on 06-01 is June's)
        reversedBenefit: '23400.00',
        overdueCount: 8,
        overdueAmount: '186600.00', // 7 × 23 400.00 + 22 800.00 (H)
      });
      expect(await report(6)).toMatchObject({
        asOf: '2024-06-30',
        reviewCount: 3, // I 06-01, B 06-12, D confirmed 06-16
        reviewDeductedCost: '101000.00',
        reversalCount: 2, // G 06-01, A 06-10
        paidCount: 1,
        overdueCount: 3,
        overdueAmount: '69000.00', // E 23 400.00, H and I 22 800.00 each
      });
    });
  });

  describe('a claim counts in a monthly report from its declaration day (rules.md §3.4)', () => {
    let w: ClaimWorld;
    const april = async () =>
      ok(
        await t.gql<{ monthlyReport: { asOf: string; claimCount: number; benefit: string } }>(
          `query($a: ID!) { monthlyReport(agreementId: $a, year: 2024, month: 4) {
             asOf claimCount benefit channels { channel claimCount totalCost eligibleSelfPay benefit } } }`,
          { a: w.agreementId },
          agency(),
        ),
      ).monthlyReport;
    /** A DIRECT claim of 50 000.00 eligible (benefit 23 400.00) discharged on 2024-04-29 and declared on `declaredOn`. */
    const declare = async (declaredOn: string) =>
      ok(
        await t.gql<{ submitClaim: { id: string } }>(
          SUBMIT,
          {
            i: claimInput(w, await w.person(), sn('DL'), '50000.00', {
              admissionDate: '2024-04-20',
              dischargeDate: '2024-04-29',
              declaredOn,
            }),
          },
          agency(),
        ),
      ).submitClaim.id;
    beforeAll(async () => {
      w = await claimWorld(t, 'DL');
    });

    it('April (as of 04-30) counts a claim declared on 04-30, not one declared on 05-01 or 05-02', async () => {
      // Declared on the as-of day itself, recorded that day: counted.
      await clock.on('2024-04-30', () => declare('2024-04-30'));
      const onMay1 = await clock.on('2024-05-01', april);
      expect(onMay1).toMatchObject({ asOf: '2024-04-30', claimCount: 1, benefit: '23400.00' });
      // Discharged in April but declared the day after the as-of day, and two days after (rules.md §3.4): a past
      // report does not change when they are recorded.
      await clock.on('2024-05-01', () => declare('2024-05-01'));
      await clock.on('2024-05-03', () => declare('2024-05-02'));
      expect(await clock.on('2024-05-03', april)).toEqual(onMay1);
      expect(await april()).toEqual(onMay1);
    });
  });

  // ------------------------------------------------------------------ the property

  describe('a past answer is unchanged by any later-dated event (property)', () => {
    let w: ClaimWorld;
    const answers = async (asOf: string, claimIds: readonly string[]) => {
      const month = Number(asOf.slice(5, 7)) - 1; // the last month that ended by asOf
      const report = ok(
        await t.gql<{ monthlyReport: Record<string, unknown> }>(
          REPORT,
          { a: w.agreementId, y: 2024, m: month },
          agency(),
        ),
      ).monthlyReport;
      return {
        overdue: await Promise.all(
          claimIds.map(
            async (c) =>
              ok(await t.gql<{ claim: { overdue: boolean } }>(OVERDUE, { id: c, asOf }, agency()))
                .claim.overdue,
          ),
        ),
        list: ok(
          await t.gql<{ overdueClaims: Array<{ id: string }> }>(
            OVERDUE_LIST,
            { asOf, a: w.agreementId },
            agency(),
          ),
        ).overdueClaims.map((c) => c.id),
        triggers: ok(
          await t.gql<{ interviewTriggers: Trigger[] }>(
            TRIGGERS,
            { a: w.agreementId, on: asOf },
            agency(),
          ),
        ).interviewTriggers,
        report,
      };
    };
    beforeAll(async () => {
      w = await claimWorld(t, 'PR');
    });

    it('holds for random claims, days and events', async () => {
      const day = (from: string, span: number) =>
        fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));
      const event = fc.oneof(
        fc.record({ kind: fc.constant('reverse' as const) }),
        fc.record({
          kind: fc.constant('review' as const),
          x: fc.constantFrom('1000.00', '20000.00'),
        }),
        fc.record({ kind: fc.constant('pay' as const) }),
        fc.record({
          kind: fc.constant('propose' as const),
          x: fc.constantFrom('1000.00', '20000.00'),
        }),
        fc.record({ kind: fc.constant('file' as const), month: fc.integer({ min: 4, max: 6 }) }),
        // A claim discharged in the report's month (on its last day) but declared after asOf.
        fc.record({ kind: fc.constant('declare' as const) }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(day('2024-04-01', 40), fc.constantFrom('5000.00', '20000.00', '50000.00')),
            {
              minLength: 1,
              maxLength: 3,
            },
          ),
          day('2024-05-21', 40),
          fc.array(fc.tuple(fc.nat(2), event, fc.integer({ min: 1, max: 60 })), { maxLength: 5 }),
          async (claims, asOf, events) => {
            const ids: string[] = [];
            for (const [declared, eligible] of claims) {
              ids.push(
                ok(
                  await t.gql<{ submitClaim: { id: string } }>(
                    SUBMIT,
                    {
                      i: claimInput(w, await w.person(), sn('PR'), eligible, {
                        admissionDate: addDays(declared, -5),
                        dischargeDate: addDays(declared, -1),
                        declaredOn: declared,
                      }),
                    },
                    agency(),
                  ),
                ).submitClaim.id,
              );
            }
            const before = await answers(asOf, ids);
            for (const [k, e, after] of events) {
              // Dated after asOf, never after today.
              const on = addDays(asOf, after) < TODAY ? addDays(asOf, after) : TODAY;
              const claimId = ids[k % ids.length]!;
              if (e.kind === 'reverse') {
                await t.gql(REVERSE, { id: claimId }, agency()); // dated today; refused once reversed
              } else if (e.kind === 'review') {
                await t.gql(REVIEW, { id: claimId, x: e.x, on }, agency());
              } else if (e.kind === 'pay') {
                await t.gql(PAY, { id: claimId, on }, agency());
              } else if (e.kind === 'propose') {
                const r = await t.gql<{ reviewClaim: { reviewProposals: Array<{ id: string }> } }>(
                  REVIEW,
                  { id: claimId, x: e.x, on },
                  insurer(w.insurerId),
                );
                const p = r.data?.reviewClaim.reviewProposals.at(-1)?.id;
                if (p) {
                  await t.gql(CONFIRM, { p, on: TODAY }, agency());
                }
              } else if (e.kind === 'declare') {
                const discharged = addDays(`${asOf.slice(0, 8)}01`, -1);
                ok(
                  await t.gql(
                    SUBMIT,
                    {
                      i: claimInput(w, await w.person(), sn('PR'), '50000.00', {
                        admissionDate: addDays(discharged, -3),
                        dischargeDate: discharged,
                        declaredOn: on,
                      }),
                    },
                    agency(),
                  ),
                );
              } else {
                await t.gql(FILE, { a: w.agreementId, p: `2024-0${e.month}`, on }, agency());
              }
            }
            expect(await answers(asOf, ids)).toEqual(before);
          },
        ),
        { numRuns: 12 },
      );
    });
  });

  // ------------------------------------------------------------------ the migration's backfill (last: it rebuilds the table)

  describe('the migration', () => {
    it('dates the entries written before it by their created_at in Asia/Shanghai, and keeps the ledger append-only', async () => {
      const w = await claimWorld(t, 'MG');
      const person = await w.person();
      const claim = ok(
        await t.gql<{ submitClaim: { id: string } }>(
          SUBMIT,
          { i: claimInput(w, person, 'MG-1', '50000.00') },
          agency(),
        ),
      ).submitClaim.id;
      const q = t.db.dataSource.createQueryRunner();
      await q.connect();
      try {
        await q.startTransaction();
        await new EventDates1763800000050().down(q);
        // Written before the migration, late in the UTC evening: already the next day in China.
        await q.query(
          `INSERT INTO ledger_entry (insured_person_id, year, claim_id, kind, eligible_delta, benefit_delta,
             cumulative_before, cumulative_after, reason, created_at)
           VALUES ($1, 2024, $2, 'REVIEW', -1000.00, -600.00, 50000.00, 49000.00, 'before', '2024-05-31T16:30:00Z')`,
          [person, claim],
        );
        await new EventDates1763800000050().up(q);
        await q.commitTransaction();
      } finally {
        await q.release();
      }
      const rows = await t.db.dataSource.query<{ kind: string; applied_on: string; day: string }[]>(
        `SELECT kind, applied_on::text AS applied_on, (created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS day
         FROM ledger_entry WHERE claim_id = $1 ORDER BY id`,
        [claim],
      );
      expect(rows.map((r) => [r.kind, r.applied_on])).toEqual([
        ['CLAIM', rows[0]!.day],
        ['REVIEW', '2024-06-01'],
      ]);
      await expect(
        t.db.dataSource.query(`UPDATE ledger_entry SET reason = 'x' WHERE claim_id = $1`, [claim]),
      ).rejects.toThrow(/append-only/);
      // Written without the column (a bulk load): the day of the insert, in China.
      const [column] = await t.db.dataSource.query<{ nullable: string; fallback: string }[]>(
        `SELECT is_nullable AS nullable, column_default AS fallback FROM information_schema.columns
         WHERE table_name = 'ledger_entry' AND column_name = 'applied_on'`,
      );
      expect(column!.nullable).toBe('NO');
      expect(column!.fallback).toMatch(/Asia\/Shanghai/);
    });
  });
});
