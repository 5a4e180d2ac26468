import { Money } from '../../src/shared/money';
import { claimInput, claimWorld, violationInput, type ClaimWorld } from '../helpers/claim-fixtures';
import { agency, insurer, startTestApp, type GqlResult, type TestApp } from '../helpers/test-app';

/*
 * Reports (rules.md §8; Henan arts. 21, 24, 25, 35; Anhui 三(二)): the monthly report of a critical-illness agreement
 * and the quarterly fund publication, on a world built through the API with a clock fixed on 2024-06-15.
 */

interface Line {
  channel: string;
  claimCount: number;
  rejectedCount: number;
  totalCost: string;
  eligibleSelfPay: string;
  benefit: string;
}
interface Report {
  period: string;
  asOf: string;
  dueOn: string;
  filedOn: string | null;
  late: boolean;
  channels: Line[];
  claimCount: number;
  totalCost: string;
  eligibleSelfPay: string;
  benefit: string;
  paidCount: number;
  paidAmount: string;
  reviewCount: number;
  reviewDeductedCost: string;
  reviewBenefitReduction: string;
  reversalCount: number;
  reversedBenefit: string;
  inspectionCount: number | null;
  penaltyCount: number | null;
  penaltyRecovered: string | null;
  penaltyDamages: string | null;
  overdueCount: number;
  overdueAmount: string;
}
interface Publication {
  raisedAmount: string | null;
  heldBack: string | null;
  appropriated: string;
  appropriatedToDate: string;
  benefitsPaid: string;
  benefitsPaidToDate: string;
  balance: string | null;
}

export const REPORT_FIELDS = `period asOf dueOn filedOn late
  channels { channel claimCount rejectedCount totalCost eligibleSelfPay benefit }
  claimCount totalCost eligibleSelfPay benefit paidCount paidAmount
  reviewCount reviewDeductedCost reviewBenefitReduction reversalCount reversedBenefit
  inspectionCount penaltyCount penaltyRecovered penaltyDamages overdueCount overdueAmount`;
const PUBLICATION_FIELDS = `raisedAmount heldBack appropriated appropriatedToDate benefitsPaid benefitsPaidToDate balance`;

const ok = <T>(r: GqlResult<T>): T => {
  if (r.errors?.length || !r.data) {
    throw new Error(`operation failed: ${JSON.stringify(r.errors)}`);
  }
  return r.data;
};
const errorOf = (r: GqlResult) => r.errors?.[0]?.extensions as { code: string; field?: string };
const money = (s: string) => new Money(s);

describe('reports (rules.md §8)', () => {
  let t: TestApp;
  let w: ClaimWorld;
  const benefits: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let penalty: { recoveredAmount: string; damages: string };

  const submit = async (key: string, personId: string, eligible: string, over = {}) => {
    const c = ok(
      await t.gql<{ submitClaim: { id: string; benefit: string; status: string } }>(
        `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { id benefit status } }`,
        { i: claimInput(w, personId, `RPT-${key}`, eligible, over) },
        agency(),
      ),
    ).submitClaim;
    benefits[key] = c.benefit;
    ids[key] = c.id;
    return c;
  };
  /** A claim's benefit net of every adjustment so far. */
  const netBenefit = async (claimId: string) => {
    const c = ok(
      await t.gql<{ claim: { benefit: string; adjustments: Array<{ benefitDelta: string }> } }>(
        `query($c: ID!) { claim(id: $c) { benefit adjustments { benefitDelta } } }`,
        { c: claimId },
        agency(),
      ),
    ).claim;
    return c.adjustments.reduce((sum, e) => sum.plus(e.benefitDelta), money(c.benefit));
  };
  const report = (month: number, user = agency(), agreementId?: string) =>
    t.gql<{ monthlyReport: Report }>(
      `query($a: ID!, $m: Int!) { monthlyReport(agreementId: $a, year: 2024, month: $m) { ${REPORT_FIELDS} } }`,
      { a: agreementId ?? w.agreementId, m: month },
      user,
    );
  const publication = (quarter: number) =>
    t.gql<{ fundPublication: Publication }>(
      `query($a: ID!, $q: Int!) { fundPublication(agreementId: $a, year: 2024, quarter: $q) { ${PUBLICATION_FIELDS} } }`,
      { a: w.agreementId, q: quarter },
      agency(),
    );

  beforeAll(async () => {
    t = await startTestApp();
    w = await claimWorld(t, 'RP');
    const [p1, p2, p3] = [await w.person(), await w.person(), await w.person()];
    // April: a DIRECT claim reaching the upper bands, a MANUAL one, a claim at an undesignated hospital (rejected).
    await submit('A', p1, '150000.00');
    await submit('B', p2, '50000.00', {
      channel: 'MANUAL',
      admissionDate: '2024-04-10',
      dischargeDate: '2024-04-15',
      declaredOn: '2024-04-26',
    });
    const stranger = ok(
      await t.gql<{ createOrganization: { id: string } }>(
        `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
        { i: { code: 'RP-H2', name: 'H2', kind: 'MEDICAL_INSTITUTION', regionCode: '410300' } },
        agency(),
      ),
    ).createOrganization.id;
    const rejected = await submit('D', p3, '30000.00', { institutionId: stranger });
    expect(rejected.status).toBe('REJECTED');
    // March: a claim never paid, overdue at the end of April; May: one more for p1.
    await submit('E', p3, '80000.00', {
      admissionDate: '2024-03-01',
      dischargeDate: '2024-03-05',
      declaredOn: '2024-03-08',
    });
    await submit('C', p1, '20000.00', {
      admissionDate: '2024-05-01',
      dischargeDate: '2024-05-03',
      declaredOn: '2024-05-06',
    });
    ok(
      await t.gql(
        `mutation($c: ID!) { markClaimPaid(claimId: $c, paidOn: "2024-04-28") { id } }`,
        { c: ids.B },
        agency(),
      ),
    );
    // A review made "today" (2024-06-15) on an April claim: June's report counts it; April's benefit is net of it.
    const reviewed = ok(
      await t.gql<{ reviewClaim: { benefit: string; netBenefit?: string } }>(
        `mutation($c: ID!) { reviewClaim(claimId: $c, nonCompliantAmount: "10000.00", reason: "病历审核") { id } }`,
        { c: ids.A },
        agency(),
      ),
    );
    expect(reviewed).toBeDefined();
    ok(
      await t.gql(
        `mutation($a: ID!) { recordReportFiling(agreementId: $a, kind: MONTHLY, period: "2024-04", filedOn: "2024-05-08") { period } }`,
        { a: w.agreementId },
        agency(),
      ),
    );
    penalty = ok(
      await t.gql<{ recordViolation: { recoveredAmount: string; damages: string } }>(
        `mutation($i: RecordViolationInput!) { recordViolation(input: $i) { recoveredAmount damages } }`,
        {
          i: violationInput(w.designationId, { occurredOn: '2024-04-01', noticeOn: '2024-04-12' }),
        },
        agency(),
      ),
    ).recordViolation;
    ok(
      await t.gql(
        `mutation($a: ID!) { recordFundRaised(agreementId: $a, year: 2024, amount: "10000000.00") { year } }`,
        { a: w.agreementId },
        agency(),
      ),
    );
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('sums April by channel as of 30 April: the June review does not move it; the rejected claim apart', async () => {
    const r = ok(await report(4)).monthlyReport;
    expect((await netBenefit(ids.A!)).lessThan(money(benefits.A!))).toBe(true);
    expect(r.asOf).toBe('2024-04-30');
    expect(r.channels).toEqual([
      {
        channel: 'DIRECT',
        claimCount: 1,
        rejectedCount: 1,
        totalCost: '151000.00',
        eligibleSelfPay: '150000.00',
        benefit: benefits.A,
      },
      {
        channel: 'MANUAL',
        claimCount: 1,
        rejectedCount: 0,
        totalCost: '51000.00',
        eligibleSelfPay: '50000.00',
        benefit: benefits.B,
      },
    ]);
    expect(r.claimCount).toBe(2);
    expect(r.totalCost).toBe('202000.00');
    expect(r.benefit).toBe(money(benefits.A!).plus(benefits.B!).toFixed(2));
    expect([r.paidCount, r.paidAmount]).toEqual([1, benefits.B]);
    // The review was made in June: April shows none.
    expect([r.reviewCount, r.reviewDeductedCost]).toEqual([0, '0.00']);
    expect([r.penaltyCount, r.penaltyRecovered, r.penaltyDamages]).toEqual([
      1,
      penalty.recoveredAmount,
      penalty.damages,
    ]);
    // On 30 April only the March claim E was past its due date and unpaid (A fell due in May).
    expect([r.overdueCount, r.overdueAmount]).toEqual([1, benefits.E]);
  });

  it('takes the running month as of today, and refuses a month not begun', async () => {
    const june = ok(await report(6)).monthlyReport;
    expect(june.asOf).toBe('2024-06-15');
    expect(errorOf(await report(7))).toEqual({ code: 'BAD_USER_INPUT', field: 'month' });
  });

  it('agrees with claimStats over a month without later adjustments (May)', async () => {
    const stats = ok(
      await t.gql<{ claimStats: Array<{ keys: string[]; claimCount: number; benefit: string }> }>(
        `query($a: ID!) { claimStats(filter: { agreementId: $a, dischargedFrom: "2024-05-01", dischargedTo: "2024-05-31" },
           groupBy: [CHANNEL, STATUS]) { keys claimCount benefit } }`,
        { a: w.agreementId },
        agency(),
      ),
    ).claimStats;
    const counted = stats.filter((s) => s.keys[1] !== 'REJECTED');
    const r = ok(await report(5)).monthlyReport;
    expect(r.claimCount).toBe(1);
    expect(counted.reduce((n, s) => n + s.claimCount, 0)).toBe(r.claimCount);
    expect(counted.reduce((s, x) => s.plus(x.benefit), money('0')).toFixed(2)).toBe(r.benefit);
  });

  it('counts the review in the month it was made (June), with the amounts it took', async () => {
    const r = ok(await report(6)).monthlyReport;
    expect(r.reviewCount).toBe(1);
    expect(r.reviewDeductedCost).toBe('10000.00');
    expect(r.reviewBenefitReduction).toBe(
      money(benefits.A!)
        .minus(await netBenefit(ids.A!))
        .toFixed(2),
    );
    expect(r.claimCount).toBe(0);
  });

  it.each([
    // April's report: due 5 May, a holiday (劳动节 1–5 May 2024) → Monday 6 May; filed 8 May → late.
    [4, '2024-05-06', '2024-05-08', true],
    // May's: due Wednesday 5 June, not filed, today is 15 June → late.
    [5, '2024-06-05', null, true],
    // June's: due 5 July, not yet → not late.
    [6, '2024-07-05', null, false],
  ])('month %i is due %s, filed %s, late %s', async (month, dueOn, filedOn, late) => {
    const r = ok(await report(month)).monthlyReport;
    expect({ dueOn: r.dueOn, filedOn: r.filedOn, late: r.late }).toEqual({ dueOn, filedOn, late });
    expect(r.period).toBe(`2024-0${month}`);
  });

  it('is the insurer’s to read, and refuses bad months and agreements of another kind', async () => {
    const asInsurer = ok(await report(4, insurer(w.insurerId))).monthlyReport;
    expect(asInsurer.claimCount).toBe(2);
    // Party A's supervision is not the insurer's to read; its token's regions bound the claims, as in claimStats.
    expect([asInsurer.inspectionCount, asInsurer.penaltyCount, asInsurer.penaltyDamages]).toEqual([
      null,
      null,
      null,
    ]);
    expect(ok(await report(4, insurer(w.insurerId, ['4101']))).monthlyReport.claimCount).toBe(0);
    expect(errorOf(await report(13))).toEqual({ code: 'BAD_USER_INPUT', field: 'month' });
    expect(errorOf(await report(0))).toEqual({ code: 'BAD_USER_INPUT', field: 'month' });
    expect(errorOf(await report(4, agency(), w.designationId))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'agreementId',
    });
    const outside = await t.gql(
      `query($a: ID!) { monthlyReport(agreementId: $a, year: 2025, month: 1) { period } }`,
      { a: w.agreementId },
      agency(),
    );
    expect(errorOf(outside)).toEqual({ code: 'BAD_USER_INPUT', field: 'month' });
  });

  describe('fund publication (Anhui 三(二))', () => {
    it('publishes Q2: appropriation of Q1’s benefits, Q2’s benefits, and the balance', async () => {
      // The fund counts benefits net of every adjustment so far (the clearing's basis).
      const q1 = money(benefits.E!);
      const q2 = (await netBenefit(ids.A!)).plus(benefits.B!).plus(benefits.C!);
      const p = ok(await publication(2)).fundPublication;
      expect(p).toEqual({
        raisedAmount: '10000000.00',
        heldBack: '800000.00',
        appropriated: q1.toFixed(2),
        appropriatedToDate: q1.toFixed(2),
        benefitsPaid: q2.toFixed(2),
        benefitsPaidToDate: q1.plus(q2).toFixed(2),
        balance: money('9200000.00').minus(q1).minus(q2).toFixed(2),
      });
      const appropriation = ok(
        await t.gql<{ fundAppropriation: { amount: string } }>(
          `query($a: ID!) { fundAppropriation(agreementId: $a, year: 2024, quarter: 2) { amount } }`,
          { a: w.agreementId },
          agency(),
        ),
      ).fundAppropriation;
      expect(appropriation.amount).toBe(p.appropriated);
    });

    it('ends Q4 on the clearing’s surplus before the deposit is returned', async () => {
      const p = ok(await publication(4)).fundPublication;
      const c = ok(
        await t.gql<{ fundClearing: { surplus: string; depositReturned: string } }>(
          `query($a: ID!) { fundClearing(agreementId: $a, year: 2024) { surplus depositReturned } }`,
          { a: w.agreementId },
          agency(),
        ),
      ).fundClearing;
      expect(p.balance).toBe(money(c.surplus).minus(c.depositReturned).toFixed(2));
      expect(p.benefitsPaid).toBe('0.00');
    });

    it('refuses quarter 5', async () => {
      expect(errorOf(await publication(5))).toEqual({ code: 'BAD_USER_INPUT', field: 'quarter' });
    });
  });
});
