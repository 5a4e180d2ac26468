import { Role } from '../../src/shared/caller';
import { FixedClock } from '../../src/shared/clock';
import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import { agency, insurer, reporting, startTestApp, type TestApp } from '../helpers/test-app';

/** Report filings and the interview triggers of Henan art. 33 (rules.md §8). */
describe('interview triggers (Henan art. 33)', () => {
  let t: TestApp;
  let w: ClaimWorld;
  const TRIGGERS = `query($a: ID!, $on: Date) { interviewTriggers(agreementId: $a, on: $on) {
    kind article description regionCode count period dueOn } }`;
  const FILE = `mutation($a: ID!, $k: ReportKind!, $p: String!, $d: Date!) {
    recordReportFiling(agreementId: $a, kind: $k, period: $p, filedOn: $d) { kind period filedOn } }`;
  type Trigger = {
    kind: string;
    article: string;
    count: number | null;
    period: string | null;
    dueOn: string | null;
  };
  const triggers = async (on: string, user = agency()) => {
    const r = await t.gql<{ interviewTriggers: Trigger[] }>(
      TRIGGERS,
      { a: w.agreementId, on },
      user,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.interviewTriggers;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2024-09-30') });
    w = await claimWorld(t, 'IV');
  });
  afterAll(() => t.close());

  it('lists monthly reports not filed by their due date, and stops once one is filed on time', async () => {
    // On 2024-03-01 the January report (due 2024-02-05) is late; February's (due 2024-03-05) is not yet due.
    const before = (await triggers('2024-03-01')).filter((x) => x.kind === 'REPORT_NOT_FILED');
    expect(before).toEqual([
      expect.objectContaining({ article: '33(五)', period: '2024-01', dueOn: '2024-02-05' }),
    ]);
    const filed = await t.gql(
      FILE,
      { a: w.agreementId, k: 'MONTHLY', p: '2024-01', d: '2024-02-05' },
      agency(),
    );
    expect(filed.errors).toBeUndefined();
    expect((await triggers('2024-03-01')).filter((x) => x.kind === 'REPORT_NOT_FILED')).toEqual([]);
    // Filed a day late: still a trigger, with the filing day in the description.
    await t.gql(FILE, { a: w.agreementId, k: 'MONTHLY', p: '2024-02', d: '2024-03-06' }, agency());
    const late = (await triggers('2024-03-10')).filter((x) => x.kind === 'REPORT_NOT_FILED');
    expect(late.map((x) => x.period)).toEqual(['2024-02']);
  });

  it('shows the filing on the report deadlines', async () => {
    const r = await t.gql<{ reportDeadlines: { period: string; filedOn: string | null }[] }>(
      `query($a: ID!) { reportDeadlines(agreementId: $a, year: 2024) { period filedOn } }`,
      { a: w.agreementId },
      agency(),
    );
    const byPeriod = new Map(r.data!.reportDeadlines.map((d) => [d.period, d.filedOn]));
    expect(byPeriod.get('2024-01')).toBe('2024-02-05');
    expect(byPeriod.get('2024-03')).toBeNull();
  });

  it('counts claims overdue for payment on the day asked about', async () => {
    const p = await w.person();
    const r = await t.gql(
      `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { paymentDueOn benefit } }`,
      { i: claimInput(w, p, 'IV-1', '50000.00') },
      agency(),
    );
    expect(r.data).toEqual({ submitClaim: { paymentDueOn: '2024-05-20', benefit: '23400.00' } });
    const overdue = (on: string) =>
      triggers(on).then((xs) => xs.filter((x) => x.kind === 'OVERDUE_CLAIMS'));
    expect(await overdue('2024-05-20')).toEqual([]);
    expect(await overdue('2024-05-21')).toEqual([
      expect.objectContaining({ article: '33(二)', count: 1 }),
    ]);
  });

  it('lists staffing shortfalls that are not advisory', async () => {
    const staffing = (await triggers('2024-05-21')).filter((x) => x.kind === 'STAFFING_SHORTFALL');
    expect(staffing.length).toBeGreaterThan(0);
    expect(staffing.every((x) => x.article === '33(一)')).toBe(true);
  });

  it('is readable by REPORTING and the insurer, refused to INSTITUTION, and checks its inputs', async () => {
    expect(await triggers('2024-05-21', reporting(['41']))).not.toEqual([]);
    expect(await triggers('2024-05-21', insurer(w.insurerId, ['41']))).not.toEqual([]);
    const inst = await t.gql(
      TRIGGERS,
      { a: w.agreementId, on: '2024-05-21' },
      { sub: 'i', role: Role.INSTITUTION, org: w.hospitalId, regions: ['41'] },
    );
    expect(inst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const designation = await t.gql(TRIGGERS, { a: w.designationId, on: '2024-05-21' }, agency());
    expect(designation.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'agreementId',
    });
    const badPeriod = await t.gql(
      FILE,
      { a: w.agreementId, k: 'MONTHLY', p: '2024-H1', d: '2024-07-01' },
      agency(),
    );
    expect(badPeriod.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'period',
    });
    const outside = await t.gql(
      FILE,
      { a: w.agreementId, k: 'MONTHLY', p: '2024-05', d: '2024-06-01' },
      agency(['51']),
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await expect(t.db.dataSource.query(`DELETE FROM report_filing`)).rejects.toThrow(/append-only/);
  });
});
