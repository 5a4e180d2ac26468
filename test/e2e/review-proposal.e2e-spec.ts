import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import {
  agency,
  institution,
  insurer,
  MovableClock,
  reporting,
  startTestApp,
  type GqlResult,
  type TestApp,
} from '../helpers/test-app';
import type { Caller } from '../../src/shared/caller';

/*
 * The insurer's reviews of advanced benefits (Henan art. 16 "乙方应以书面形式告知定点医疗机构并商当地医保经办机构，三方确认
 * 后，不合规费用在下月结算资金时扣除"; rules.md §10.2), end to end: a review of a DIRECT claim by the insurer is a proposal
 * that changes nothing on the ledger; the local agency confirms it (applied on the confirmation day, at the top of the
 * ledger, §3.3) or it is withdrawn; pending and applied reviews never exceed the claim's eligible amount; the work queue;
 * and the critical-illness statement with §10.3's Henan 16 example.
 */

const CLAIM = `id status benefit eligibleSelfPay
  adjustments { id nonCompliantAmount benefitDelta reason kind appliedOn }
  reviewProposals { id nonCompliantAmount reason proposedOn status confirmedOn
    adjustment { id benefitDelta appliedOn } claim { id } }`;
const SUBMIT = `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { ${CLAIM} } }`;
const REVIEW = `mutation($id: ID!, $x: Money!, $r: String!, $on: Date) {
  reviewClaim(claimId: $id, nonCompliantAmount: $x, reason: $r, reviewedOn: $on) { ${CLAIM} } }`;
const REVERSE = `mutation($id: ID!) { reverseClaim(claimId: $id, reason: "冲正") { ${CLAIM} } }`;
const CONFIRM = `mutation($p: ID!, $on: Date!) { confirmClaimReview(proposalId: $p, confirmedOn: $on) { ${CLAIM} } }`;
const WITHDRAW = `mutation($p: ID!, $r: String!) { withdrawClaimReview(proposalId: $p, reason: $r) { ${CLAIM} } }`;
const GET = `query($id: ID!) { claim(id: $id) { ${CLAIM} } }`;
const QUEUE = `query($s: ReviewProposalStatus, $first: Int, $after: String) {
  reviewProposals(status: $s, first: $first, after: $after) {
    totalCount nodes { id status proposedOn claim { id } } pageInfo { hasNextPage endCursor } } }`;
const STATEMENT = `query($a: ID!, $i: ID!, $m: String!) {
  criticalIllnessStatement(agreementId: $a, institutionId: $i, month: $m) {
    month claimCount benefits clawbacks net agreement { id } institution { id } } }`;

interface Adjustment {
  id: string;
  nonCompliantAmount: string;
  benefitDelta: string;
  reason: string;
  kind: string;
  appliedOn: string;
}
interface Proposal {
  id: string;
  nonCompliantAmount: string;
  reason: string;
  proposedOn: string;
  status: string;
  confirmedOn: string | null;
  adjustment: { id: string; benefitDelta: string; appliedOn: string } | null;
  claim: { id: string };
}
interface ClaimOut {
  id: string;
  status: string;
  benefit: string;
  eligibleSelfPay: string;
  adjustments: Adjustment[];
  reviewProposals: Proposal[];
}
interface Statement {
  month: string;
  claimCount: number;
  benefits: string;
  clawbacks: string;
  net: string;
  agreement: { id: string };
  institution: { id: string };
}

/** The tests' today, unless a step says otherwise. */
const TODAY = '2024-07-15';

describe('review proposals and the critical-illness statement (Henan art. 16; rules.md §10.2)', () => {
  let t: TestApp;
  let w: ClaimWorld;
  const clock = new MovableClock(TODAY);
  let serial = 0;
  const sn = () => `RP-${++serial}`;

  const ok = <T>(r: GqlResult<T>): T => {
    if (r.errors?.length || !r.data) {
      throw new Error(`operation failed: ${JSON.stringify(r.errors)}`);
    }
    return r.data;
  };
  const refusal = (r: GqlResult): { code: unknown; field: unknown } => {
    expect(r.errors).toHaveLength(1);
    // Nothing answered: no data, or a nullable root field's null.
    expect(Object.values(r.data ?? {}).filter((v) => v !== null)).toEqual([]);
    const e = r.errors![0]!;
    return { code: e.extensions?.code, field: e.extensions?.field };
  };
  /** Everything a refused change could have written. */
  const stored = async () =>
    (
      await t.db.dataSource.query<Record<string, number>[]>(
        `SELECT (SELECT count(*)::int FROM ledger_entry) AS ledger,
                (SELECT count(*)::int FROM claim_review_proposal) AS proposals,
                (SELECT count(*)::int FROM claim_review_proposal WHERE status <> 'PROPOSED') AS decided,
                (SELECT count(*)::int FROM audit_trail) AS audit,
                (SELECT coalesce(sum(eligible_total), 0)::text FROM accumulator) AS eligible`,
      )
    )[0];
  const lastAudit = async () =>
    (
      await t.db.dataSource.query<{ operation: string; ids: string[]; role: string }[]>(
        `SELECT operation, ids, role FROM audit_trail ORDER BY id DESC LIMIT 1`,
      )
    )[0];

  const insurerOf = (regions = ['41']): Caller => insurer(w.insurerId, regions);
  const submit = async (eligible: string, over: Record<string, unknown> = {}, region?: string) =>
    ok(
      await t.gql<{ submitClaim: ClaimOut }>(
        SUBMIT,
        { i: claimInput(w, await w.person('NONE', '2024-01-01', region), sn(), eligible, over) },
        agency(),
      ),
    ).submitClaim;
  const review = (id: string, x: string, user: Caller, on?: string, r = '审核: 重复收费') =>
    t.gql<{ reviewClaim: ClaimOut }>(REVIEW, { id, x, r, on }, user);
  const propose = async (id: string, x: string, on?: string): Promise<Proposal> => {
    const c = ok(await review(id, x, insurerOf(), on)).reviewClaim;
    return c.reviewProposals.at(-1)!;
  };
  const confirm = (p: string, on: string, user: Caller = agency()) =>
    t.gql<{ confirmClaimReview: ClaimOut }>(CONFIRM, { p, on }, user);
  const withdraw = (p: string, user: Caller = agency(), r = '三方未达成一致') =>
    t.gql<{ withdrawClaimReview: ClaimOut }>(WITHDRAW, { p, r }, user);
  const getClaim = async (id: string) =>
    ok(await t.gql<{ claim: ClaimOut }>(GET, { id }, agency())).claim;
  const queue = async (user: Caller, s?: string, first = 100, after?: string) =>
    ok(
      await t.gql<{
        reviewProposals: {
          totalCount: number;
          nodes: Array<{ id: string; status: string; proposedOn: string; claim: { id: string } }>;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      }>(QUEUE, { s, first, after }, user),
    ).reviewProposals;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    w = await claimWorld(t, 'RP');
  });
  afterAll(() => t?.close());

  describe('a proposal changes nothing until confirmed', () => {
    let claim: ClaimOut;
    let proposal: Proposal;
    beforeAll(async () => {
      claim = await submit('50000.00', { declaredOn: '2024-05-20', dischargeDate: '2024-05-18' });
      expect(claim.benefit).toBe('23400.00');
    });

    it('the insurer’s review of a DIRECT claim is PROPOSED, dated reviewedOn, with no ledger entry', async () => {
      const before = await stored();
      const c = ok(await review(claim.id, '10000.00', insurerOf(), '2024-05-25')).reviewClaim;
      proposal = c.reviewProposals[0]!;
      expect(c.adjustments).toEqual([]);
      expect(c.reviewProposals).toEqual([
        {
          id: proposal.id,
          nonCompliantAmount: '10000.00',
          reason: '审核: 重复收费',
          proposedOn: '2024-05-25',
          status: 'PROPOSED',
          confirmedOn: null,
          adjustment: null,
          claim: { id: claim.id },
        },
      ]);
      const after = await stored();
      expect(after).toEqual({
        ...before,
        proposals: before!.proposals! + 1,
        audit: before!.audit! + 1,
      });
      expect(await lastAudit()).toMatchObject({
        operation: 'reviewClaim',
        role: 'INSURER',
        ids: [claim.id, proposal.id],
      });
    });

    it.each([
      ['the day before the proposal', '2024-05-24', 'BAD_USER_INPUT', 'confirmedOn'],
      ['tomorrow', '2024-07-16', 'BAD_USER_INPUT', 'confirmedOn'],
    ])('refuses a confirmation dated %s, storing nothing', async (_n, on, code, field) => {
      const before = await stored();
      expect(refusal(await confirm(proposal.id, on))).toEqual({ code, field });
      expect(await stored()).toEqual(before);
    });

    it.each<[string, string, () => Caller]>([
      ['the insurer', 'FORBIDDEN', () => insurerOf()],
      ['the institution', 'FORBIDDEN', () => institution(w.hospitalId)],
      ['REPORTING', 'FORBIDDEN', () => reporting()],
      ['an agency of Sichuan', 'NOT_FOUND', () => agency(['51'])],
      [
        'an agency of Zhengzhou (neither the claim’s region nor the institution’s)',
        'NOT_FOUND',
        () => agency(['4101']),
      ],
    ])('%s may not confirm it (%s), storing nothing', async (_n, code, user) => {
      const before = await stored();
      const r = await confirm(proposal.id, '2024-06-03', user());
      expect(r.errors?.[0]?.extensions?.code).toBe(code);
      if (code === 'NOT_FOUND') {
        expect(r.errors?.[0]?.extensions?.field).toBe('proposalId');
      }
      expect(r.data ?? null).toBeNull();
      expect(await stored()).toEqual(before);
    });

    it('the local agency confirms it: applied on confirmedOn at the top of the ledger (−6 000.00)', async () => {
      const c = ok(await confirm(proposal.id, '2024-06-03', agency(['4103']))).confirmClaimReview;
      expect(c.adjustments).toEqual([
        {
          id: c.adjustments[0]!.id,
          nonCompliantAmount: '10000.00',
          benefitDelta: '-6000.00',
          reason: '审核: 重复收费',
          kind: 'REVIEW',
          appliedOn: '2024-06-03',
        },
      ]);
      expect(c.reviewProposals[0]).toMatchObject({
        status: 'CONFIRMED',
        confirmedOn: '2024-06-03',
        adjustment: { id: c.adjustments[0]!.id, benefitDelta: '-6000.00', appliedOn: '2024-06-03' },
      });
      expect(await lastAudit()).toMatchObject({ operation: 'confirmClaimReview', role: 'AGENCY' });
    });

    it('confirming again on the same day changes nothing; another day, or withdrawing it, is CONFLICT', async () => {
      const before = await stored();
      const again = ok(await confirm(proposal.id, '2024-06-03')).confirmClaimReview;
      expect(again.adjustments).toHaveLength(1);
      expect(refusal(await confirm(proposal.id, '2024-06-04'))).toEqual({
        code: 'CONFLICT',
        field: 'proposalId',
      });
      expect(refusal(await withdraw(proposal.id))).toEqual({
        code: 'CONFLICT',
        field: 'proposalId',
      });
      expect(await stored()).toEqual(before);
    });
  });

  describe('what applies at once', () => {
    it.each<[string, () => Caller, Record<string, unknown>, string]>([
      ['an AGENCY’s review of a DIRECT claim', () => agency(), {}, '10000.00'],
      [
        'the insurer’s review of a MANUAL claim',
        () => insurerOf(),
        { channel: 'MANUAL' },
        '10000.00',
      ],
      ['the insurer’s review that finds nothing', () => insurerOf(), {}, '0'],
    ])('%s, on its reviewedOn', async (_n, user, over, x) => {
      const c = await submit('50000.00', over);
      const r = ok(await review(c.id, x, user(), '2024-05-02')).reviewClaim;
      expect(r.reviewProposals).toEqual([]);
      expect(r.adjustments.map((a) => [a.nonCompliantAmount, a.appliedOn])).toEqual([
        [x === '0' ? '0.00' : x, '2024-05-02'],
      ]);
    });

    it('a review without a date is applied today', async () => {
      const c = await submit('50000.00');
      const r = ok(await review(c.id, '1000.00', agency())).reviewClaim;
      expect(r.adjustments.map((a) => a.appliedOn)).toEqual([TODAY]);
    });

    it.each([
      ['before the claim’s declaration day', '2024-04-25'],
      ['tomorrow', '2024-07-16'],
    ])(
      'refuses a review dated %s (BAD_USER_INPUT on reviewedOn), storing nothing',
      async (_n, on) => {
        const c = await submit('50000.00'); // declared 2024-04-26
        for (const user of [agency(), insurerOf()]) {
          const before = await stored();
          expect(refusal(await review(c.id, '1000.00', user, on))).toEqual({
            code: 'BAD_USER_INPUT',
            field: 'reviewedOn',
          });
          expect(await stored()).toEqual(before);
        }
      },
    );
  });

  describe('pending and applied reviews never exceed the eligible amount', () => {
    it('a pending proposal reserves its amount against every later review', async () => {
      const c = await submit('50000.00');
      const p = await propose(c.id, '40000.00');
      const before = await stored();
      for (const user of [agency(), insurerOf()]) {
        expect(refusal(await review(c.id, '10000.01', user))).toEqual({
          code: 'BAD_USER_INPUT',
          field: 'nonCompliantAmount',
        });
      }
      expect(await stored()).toEqual(before);
      ok(await review(c.id, '10000.00', agency()));
      expect(refusal(await review(c.id, '0.01', insurerOf()))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'nonCompliantAmount',
      });
      // Withdrawn, its amount is free again.
      ok(await withdraw(p.id, insurerOf()));
      ok(await review(c.id, '40000.00', insurerOf()));
    });

    it('two proposals racing for the last amount: one is stored, the other refused', async () => {
      const c = await submit('50000.00');
      const results = await Promise.all([
        review(c.id, '30000.00', insurerOf()),
        review(c.id, '30000.00', insurerOf()),
      ]);
      const refused = results.filter((r) => r.errors?.length);
      expect(results.filter((r) => !r.errors?.length)).toHaveLength(1);
      expect(
        refused.map((r) => [r.errors![0]!.extensions?.code, r.errors![0]!.extensions?.field]),
      ).toEqual([['BAD_USER_INPUT', 'nonCompliantAmount']]);
      const rows = await t.db.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM claim_review_proposal WHERE claim_id = $1`,
        [c.id],
      );
      expect(rows[0]!.n).toBe(1);
    });

    it('a proposal and an agency review racing for the last amount: one of them', async () => {
      const c = await submit('50000.00');
      const results = await Promise.all([
        review(c.id, '30000.00', insurerOf()),
        review(c.id, '30000.00', agency()),
      ]);
      expect(results.filter((r) => !r.errors?.length)).toHaveLength(1);
      const x = await t.db.dataSource.query<{ x: string }[]>(
        `SELECT (SELECT coalesce(sum(non_compliant_amount), 0) FROM claim_review_proposal WHERE claim_id = $1)
              + (SELECT coalesce(-sum(eligible_delta), 0) FROM ledger_entry WHERE claim_id = $1 AND kind <> 'CLAIM')
              AS x`,
        [c.id],
      );
      expect(x[0]!.x).toBe('30000.00');
    });

    it('a reversal takes what is left and withdraws the pending proposals', async () => {
      const c = await submit('50000.00');
      const p = await propose(c.id, '10000.00');
      const r = ok(
        await t.gql<{ reverseClaim: ClaimOut }>(REVERSE, { id: c.id }, agency()),
      ).reverseClaim;
      expect(r.status).toBe('REVERSED');
      expect(r.adjustments.map((a) => [a.kind, a.nonCompliantAmount, a.appliedOn])).toEqual([
        ['REVERSAL', '50000.00', TODAY],
      ]);
      expect(r.reviewProposals.map((x) => [x.id, x.status])).toEqual([[p.id, 'WITHDRAWN']]);
      expect(refusal(await confirm(p.id, TODAY))).toEqual({
        code: 'CONFLICT',
        field: 'proposalId',
      });
    });
  });

  describe('withdrawal', () => {
    it('by the insurer that proposed it, or the local agency; never by another insurer or the institution', async () => {
      const c = await submit('50000.00');
      const a = await propose(c.id, '1000.00');
      const b = await propose(c.id, '2000.00');
      const other = ok(
        await t.gql<{ createOrganization: { id: string } }>(
          `mutation { createOrganization(input: {code: "RP-INS2", name: "other", kind: INSURER, regionCode: "410000"}) { id } }`,
          {},
          agency(),
        ),
      ).createOrganization.id;
      const before = await stored();
      for (const [user, code] of [
        [insurer(other), 'NOT_FOUND'],
        [insurerOf(['51']), 'NOT_FOUND'],
        [agency(['51']), 'NOT_FOUND'],
        [institution(w.hospitalId), 'FORBIDDEN'],
        [reporting(), 'FORBIDDEN'],
      ] as const) {
        const r = await withdraw(a.id, user);
        expect(r.errors?.[0]?.extensions?.code).toBe(code);
        expect(r.data ?? null).toBeNull();
      }
      expect(refusal(await withdraw(a.id, agency(), ''))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'reason',
      });
      expect(await stored()).toEqual(before);
      const byInsurer = ok(await withdraw(a.id, insurerOf())).withdrawClaimReview;
      expect(await lastAudit()).toMatchObject({
        operation: 'withdrawClaimReview',
        ids: [c.id, a.id],
      });
      const byAgency = ok(await withdraw(b.id, agency(['4103']))).withdrawClaimReview;
      expect(byInsurer.reviewProposals.find((p) => p.id === a.id)?.status).toBe('WITHDRAWN');
      expect(byAgency.reviewProposals.map((p) => p.status)).toEqual(['WITHDRAWN', 'WITHDRAWN']);
      expect(byAgency.adjustments).toEqual([]);
      expect(refusal(await withdraw(a.id))).toEqual({ code: 'CONFLICT', field: 'proposalId' });
    });

    it('a malformed or unknown proposal id is NOT_FOUND', async () => {
      for (const p of ['x', '00000000-0000-4000-8000-000000000000']) {
        expect(refusal(await withdraw(p))).toEqual({ code: 'NOT_FOUND', field: 'proposalId' });
        expect(refusal(await confirm(p, TODAY))).toEqual({
          code: 'NOT_FOUND',
          field: 'proposalId',
        });
      }
    });
  });

  describe('the work queue (reviewProposals)', () => {
    let zzHospital: string;
    let local: { proposal: Proposal; claim: ClaimOut };
    beforeAll(async () => {
      // A Zhengzhou person treated at the Luoyang hospital: the Luoyang agency is the local one.
      const c = await submit('50000.00', {}, '410102');
      local = { claim: c, proposal: await propose(c.id, '5000.00', '2024-04-27') };
      zzHospital = ok(
        await t.gql<{ createOrganization: { id: string } }>(
          `mutation { createOrganization(input: {code: "RP-ZZH", name: "zz", kind: MEDICAL_INSTITUTION, regionCode: "410100"}) { id } }`,
          {},
          agency(),
        ),
      ).createOrganization.id;
    });

    it('lists the pending proposals oldest first, a page at a time, with totalCount', async () => {
      const all = await queue(agency());
      expect(all.nodes.every((n) => n.status === 'PROPOSED')).toBe(true);
      const days = all.nodes.map((n) => n.proposedOn);
      expect(days).toEqual([...days].sort());
      expect(all.nodes[0]!.id).toBe(local.proposal.id);
      expect(all.totalCount).toBe(all.nodes.length);
      const first = await queue(agency(), undefined, 1);
      expect(first.nodes.map((n) => n.id)).toEqual([all.nodes[0]!.id]);
      expect(first.pageInfo.hasNextPage).toBe(all.nodes.length > 1);
      const next = await queue(agency(), undefined, 100, first.pageInfo.endCursor!);
      expect(next.nodes.map((n) => n.id)).toEqual(all.nodes.slice(1).map((n) => n.id));
      const confirmed = await queue(agency(), 'CONFIRMED');
      expect(confirmed.nodes.length).toBeGreaterThan(0);
      expect(confirmed.nodes.every((n) => n.status === 'CONFIRMED')).toBe(true);
      expect(refusal(await t.gql(QUEUE, { after: 'garbage' }, agency()))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    });

    it.each<[string, boolean, () => Caller]>([
      // The local agency is the claim's (its person's region, as claim(id) reads it), not the institution's.
      ['the agency of the claim’s region (the person’s)', true, () => agency(['4101'])],
      ['an agency of the institution’s region only', false, () => agency(['4103'])],
      ['an agency of Sichuan', false, () => agency(['51'])],
      ['the insurer of the agreement', true, () => insurerOf()],
      ['the insurer, token of Sichuan', false, () => insurerOf(['51'])],
      ['the institution', true, () => institution(w.hospitalId)],
      ['another institution', false, () => institution(zzHospital)],
    ])('%s: sees it %s', async (_n, sees, user) => {
      const ids = (await queue(user())).nodes.map((n) => n.id);
      expect(ids.includes(local.proposal.id)).toBe(sees);
      if (sees) {
        const node = (await queue(user())).nodes.find((n) => n.id === local.proposal.id)!;
        expect(node.claim.id).toBe(local.claim.id);
      }
    });

    it('REPORTING may not read it', async () => {
      const r = await t.gql(QUEUE, {}, reporting());
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('an agency of the institution’s region only neither reads nor confirms it; the claim’s agency does', async () => {
      // It does not read the claim …
      const own = await t.gql<{ claim: ClaimOut | null }>(
        GET,
        { id: local.claim.id },
        agency(['4103']),
      );
      expect(own.data?.claim).toBeNull();
      // … so no answer may show it: neither confirming nor withdrawing finds the proposal (rules.md §10.2, runtime.md).
      const before = await stored();
      expect(refusal(await confirm(local.proposal.id, '2024-06-01', agency(['4103'])))).toEqual({
        code: 'NOT_FOUND',
        field: 'proposalId',
      });
      expect(refusal(await withdraw(local.proposal.id, agency(['4103'])))).toEqual({
        code: 'NOT_FOUND',
        field: 'proposalId',
      });
      expect(await stored()).toEqual(before);
      // The agency of the claim's region reads the claim with its proposal, and confirms it.
      const seen = ok(
        await t.gql<{ claim: ClaimOut | null }>(GET, { id: local.claim.id }, agency(['4101'])),
      ).claim!;
      expect(seen.reviewProposals.map((p) => p.id)).toEqual([local.proposal.id]);
      const c = ok(
        await confirm(local.proposal.id, '2024-06-01', agency(['4101'])),
      ).confirmClaimReview;
      expect(c.adjustments.map((a) => [a.benefitDelta, a.appliedOn])).toEqual([
        ['-3000.00', '2024-06-01'],
      ]);
    });

    it('a claim’s nested proposals are scoped as the queue: the handling insurer reads the claim, not another insurer’s proposals', async () => {
      // The Luoyang branch (中国人寿洛阳分公司) is party B of the COMMISSIONED_HANDLING agreement of Luoyang: it reads the
      // Luoyang persons' claims under the Henan CRITICAL_ILLNESS agreement, whose party B is the Henan branch (runtime.md).
      const branch = ok(
        await t.gql<{ createOrganization: { id: string } }>(
          `mutation { createOrganization(input: {code: "RP-LYB", name: "洛阳分公司", kind: INSURER, regionCode: "410300"}) { id } }`,
          {},
          agency(),
        ),
      ).createOrganization.id;
      ok(
        await t.gql(
          `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`,
          {
            i: {
              code: 'RP-LYH',
              kind: 'COMMISSIONED_HANDLING',
              title: '洛阳经办',
              partyAId: w.agencyId,
              partyBId: branch,
              regionCode: '410300',
              effectiveFrom: '2024-01-01',
              effectiveTo: '2024-12-31',
            },
          },
          agency(),
        ),
      );
      const c = await submit('50000.00', {}, '410302');
      const p = await propose(c.id, '2000.00', '2024-05-02');
      const asBranch = insurer(branch, ['41']);
      const read = ok(await t.gql<{ claim: ClaimOut | null }>(GET, { id: c.id }, asBranch)).claim;
      expect(read?.id).toBe(c.id);
      for (const s of ['PROPOSED', 'CONFIRMED', 'WITHDRAWN']) {
        expect((await queue(asBranch, s)).nodes.map((n) => n.id)).not.toContain(p.id);
      }
      expect(read!.reviewProposals).toEqual([]);
      // The Henan branch, party B of the claim's agreement, lists it both ways.
      const own = ok(await t.gql<{ claim: ClaimOut | null }>(GET, { id: c.id }, insurerOf())).claim;
      expect(own!.reviewProposals.map((x) => x.id)).toEqual([p.id]);
      expect((await queue(insurerOf())).nodes.map((n) => n.id)).toContain(p.id);
      // Nor may the branch withdraw it.
      expect(refusal(await withdraw(p.id, asBranch))).toEqual({
        code: 'NOT_FOUND',
        field: 'proposalId',
      });
    });

    it('whoever lists a proposal may read its claim: every queue’s claims are claim(id)’s', async () => {
      const readers: Caller[] = [
        agency(),
        agency(['4101']),
        agency(['4103']),
        insurerOf(),
        institution(w.hospitalId),
      ];
      for (const user of readers) {
        for (const s of ['PROPOSED', 'CONFIRMED', 'WITHDRAWN']) {
          for (const n of (await queue(user, s)).nodes) {
            const r = ok(await t.gql<{ claim: ClaimOut | null }>(GET, { id: n.claim.id }, user));
            expect(r.claim?.id).toBe(n.claim.id);
            expect(r.claim!.reviewProposals.map((x) => x.id)).toContain(n.id);
          }
        }
      }
    });
  });

  describe('audits count applied reviews only (rules.md §5)', () => {
    it('a claim with a pending proposal is not in the REVIEWED population; confirmed, it is', async () => {
      const handling = async (code: string) =>
        ok(
          await t.gql<{ createAgreement: { id: string } }>(
            `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`,
            {
              i: {
                code,
                kind: 'COMMISSIONED_HANDLING',
                title: code,
                partyAId: w.agencyId,
                partyBId: w.insurerId,
                regionCode: '410500',
                effectiveFrom: '2024-01-01',
                effectiveTo: '2024-12-31',
                handlingTerms: { manualReviewSampleRate: '1' },
              },
            },
            agency(),
          ),
        ).createAgreement.id;
      const c = await submit(
        '50000.00',
        { dischargeDate: '2024-05-10', declaredOn: '2024-05-13' },
        '410502',
      );
      const p = await propose(c.id, '1000.00', '2024-05-20');
      const drawn = async (agreementId: string) =>
        ok(
          await t.gql<{
            startQuarterlyAudit: { items: Array<{ claimId: string; population: string }> };
          }>(
            `mutation($a: ID!) { startQuarterlyAudit(agreementId: $a, year: 2024, quarter: 2, seed: "s") {
               items { claimId population } } }`,
            { a: agreementId },
            agency(),
          ),
        ).startQuarterlyAudit.items.filter((i) => i.population === 'REVIEWED');
      expect(await drawn(await handling('RP-H1'))).toEqual([]);
      ok(await confirm(p.id, '2024-06-01'));
      expect(await drawn(await handling('RP-H2'))).toEqual([
        { claimId: c.id, population: 'REVIEWED' },
      ]);
    });
  });

  // ------------------------------------------------------------------ rules.md §10.3, the Henan 16 bullet

  describe('the critical-illness statement: rules.md §10.3, Henan 16', () => {
    let h: string;
    const c: Record<string, ClaimOut> = {};
    const statement = (month: string, user: Caller = agency(), agreementId = w.agreementId) =>
      t.gql<{ criticalIllnessStatement: Statement | null }>(
        STATEMENT,
        { a: agreementId, i: h, m: month },
        user,
      );

    beforeAll(async () => {
      // Hospital H of Luoyang with its designated agreement, in force 2024-01-01 to 2026-12-31.
      h = ok(
        await t.gql<{ createOrganization: { id: string } }>(
          `mutation { createOrganization(input: {code: "RP-H", name: "H", kind: MEDICAL_INSTITUTION, regionCode: "410300"}) { id } }`,
          {},
          agency(),
        ),
      ).createOrganization.id;
      ok(
        await t.gql(
          `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`,
          {
            i: {
              code: 'RP-D',
              kind: 'DESIGNATED_INSTITUTION',
              title: 'D',
              partyAId: w.agencyId,
              partyBId: h,
              regionCode: '410300',
              effectiveFrom: '2024-01-01',
              effectiveTo: '2026-12-31',
            },
          },
          agency(),
        ),
      );
      const at = (day: string, eligible: string, basic: string, discharge: string) => ({
        institutionId: h,
        admissionDate: discharge,
        dischargeDate: discharge,
        declaredOn: day,
        basicFundPaid: basic,
        totalCost: (Number(eligible) + Number(basic)).toFixed(2),
      });
      // c0: discharged 2024-04-28 and declared to the insurer in April (recorded in Jingban on 2024-05-15).
      c.c0 = await clock.on('2024-05-15', () =>
        submit('1000.00', at('2024-04-29', '1000.00', '1000.00', '2024-04-28')),
      );
      await clock.on('2024-05-20', async () => {
        c.c1 = await submit('50000.00', at('2024-05-20', '50000.00', '10000.00', '2024-05-10'));
        c.c2 = await submit('5000.00', at('2024-05-20', '5000.00', '25000.50', '2024-05-12'));
        c.c3 = await submit('1000.00', at('2024-05-20', '1000.00', '4999.50', '2024-05-14'));
        c.c6 = await submit('1000.00', at('2024-05-20', '1000.00', '1000.00', '2024-05-16'));
      });
      expect(Object.values(c).map((x) => x.benefit)).toEqual([
        '0.00',
        '23400.00',
        '0.00',
        '0.00',
        '0.00',
      ]);
      // The insurer proposes a review of c1, its notice dated 2024-05-25: nothing changes.
      const p = await clock.on('2024-05-25', () => propose(c.c1!.id, '10000.00', '2024-05-25'));
      expect((await getClaim(c.c1!.id)).adjustments).toEqual([]);
      // c6 reversed before 2024-06-07 (recorded on 2024-06-05).
      await clock.on('2024-06-05', async () => {
        ok(await t.gql(REVERSE, { id: c.c6!.id }, agency()));
        // The agency confirms on 2024-06-03 (recorded late, dated then): −6 000.00.
        const confirmed = ok(await confirm(p.id, '2024-06-03')).confirmClaimReview;
        expect(confirmed.adjustments.map((a) => [a.benefitDelta, a.appliedOn])).toEqual([
          ['-6000.00', '2024-06-03'],
        ]);
      });
    });

    it.each<[string, number, string, string, string]>([
      ['2024-04', 1, '0.00', '0.00', '0.00'], // c0, declared to the insurer in April
      ['2024-05', 4, '23400.00', '0.00', '23400.00'], // c1, c2, c3, c6 (c6 reversed later stays)
      ['2024-06', 0, '0.00', '0.00', '0.00'], // the proposal of 05-25 was not applied in May
      ['2024-07', 0, '0.00', '6000.00', '-6000.00'], // confirmed 06-03: clawed back the month after
    ])(
      '%s: %i claims, benefits %s, clawbacks %s, net %s',
      async (month, n, benefits, clawbacks, net) => {
        const s = ok(await statement(month)).criticalIllnessStatement;
        expect(s).toEqual({
          month,
          claimCount: n,
          benefits,
          clawbacks,
          net,
          agreement: { id: w.agreementId },
          institution: { id: h },
        });
      },
    );

    it.each<[string, boolean, () => Caller]>([
      ['the agency of the institution’s region', true, () => agency(['4103'])],
      ['an agency of Zhengzhou', false, () => agency(['4101'])],
      ['the insurer of the agreement', true, () => insurerOf()],
      ['the institution itself', true, () => institution(h)],
      ['another institution', false, () => institution(w.hospitalId)],
    ])('%s: reads it %s', async (_n, reads, user) => {
      const s = ok(await statement('2024-05', user())).criticalIllnessStatement;
      expect(s === null ? null : s.benefits).toBe(reads ? '23400.00' : null);
    });

    it('REPORTING may not read it; another insurer reads null', async () => {
      expect((await statement('2024-05', reporting())).errors?.[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
      const other = ok(
        await t.gql<{ createOrganization: { id: string } }>(
          `mutation { createOrganization(input: {code: "RP-INS3", name: "i3", kind: INSURER, regionCode: "410000"}) { id } }`,
          {},
          agency(),
        ),
      ).createOrganization.id;
      expect(ok(await statement('2024-05', insurer(other))).criticalIllnessStatement).toBeNull();
    });

    it.each([
      ['a malformed month', '2024-5', 'month'],
      ['a month not begun (today is 2024-07-15)', '2024-08', 'month'],
    ])('refuses %s: BAD_USER_INPUT on %s', async (_n, month, field) => {
      expect(refusal(await statement(month))).toEqual({ code: 'BAD_USER_INPUT', field });
    });

    it('refuses an agreement that is not CRITICAL_ILLNESS: BAD_USER_INPUT on agreementId', async () => {
      expect(refusal(await statement('2024-05', agency(), w.designationId))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'agreementId',
      });
    });
  });
});
