import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import { statementsOf } from '../helpers/statements';
import { agency, startTestApp, type GqlResult, type TestApp } from '../helpers/test-app';

/*
 * Paging (src/shared/paging.ts, src/graphql/paging.ts): every list is a keyset connection with Relay's four arguments,
 * `edges { cursor node }` beside `nodes`, and a count made only when `totalCount` is selected. Both directions at the
 * edges of their pages, cursors of every kind a client could forge, and the statements a page sends.
 */

interface PageOf {
  nodes: { id: string }[];
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const PAGE = `nodes { id } edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

const ok = <T>(r: GqlResult<T>): T => {
  if (r.errors?.length || !r.data) {
    throw new Error(JSON.stringify(r.errors));
  }
  return r.data;
};

const cursorOf = (list: string, ...key: string[]) =>
  Buffer.from(JSON.stringify([list, ...key]), 'utf8').toString('base64url');

describe('paging', () => {
  let t: TestApp;
  let w: ClaimWorld;
  let personId: string;
  /** The person's claims in the list's order (latest discharge first, then id descending). */
  let all: string[];

  /** Discharge dates of the person's claims: three on one day, so the id orders them. */
  const DISCHARGES = [
    '2024-04-20',
    '2024-04-20',
    '2024-04-20',
    '2024-05-01',
    '2024-05-02',
    '2024-03-01',
    '2024-05-30',
  ];

  beforeAll(async () => {
    t = await startTestApp();
    w = await claimWorld(t, 'PG');
    personId = await w.person();
    // More agreements and persons, for their lists.
    const other = await claimWorld(t, 'PH');
    for (const region of ['410302', '410100', '411500']) {
      await other.person('NONE', '2024-01-01', region);
    }
    ok(
      await t.gql(
        `mutation($i: [SubmitClaimInput!]!) { submitClaims(inputs: $i) { errors { field message } } }`,
        {
          i: DISCHARGES.map((d, k) =>
            claimInput(w, personId, `PG-${k}`, '100.00', {
              admissionDate: d,
              dischargeDate: d,
              declaredOn: '2024-06-01',
            }),
          ),
        },
        agency(),
      ),
    );
    all = ok(
      await t.gql<{ claims: PageOf }>(
        `query($p: ID) { claims(filter: { insuredPersonId: $p }, first: 100) { ${PAGE} } }`,
        { p: personId },
        agency(),
      ),
    ).claims.nodes.map((n) => n.id);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  /** The person's claims with `args`, declaring the variables `args` uses. */
  const claims = async (args: string, variables: Record<string, unknown> = {}) => {
    const types: Record<string, string> = {
      after: 'String',
      before: 'String',
      first: 'Int',
      last: 'Int',
    };
    const declared = Object.entries(types)
      .filter(([name]) => args.includes(`$${name}`))
      .map(([name, type]) => `, $${name}: ${type}`)
      .join('');
    return t.gql<{ claims: PageOf }>(
      `query($p: ID${declared}) { claims(filter: { insuredPersonId: $p }, ${args}) { ${PAGE} } }`,
      { p: personId, ...variables },
      agency(),
    );
  };

  /** A page is consistent: edges are the nodes with their cursors; start and end cursors are theirs. */
  const consistent = (page: PageOf) => {
    expect(page.edges.map((e) => e.node.id)).toEqual(page.nodes.map((n) => n.id));
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]?.cursor ?? null);
  };

  it('lists the claims latest discharge first, the same day by id', () => {
    expect(all.length).toBe(DISCHARGES.length);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each([1, 2, 3, 6, 7, 8, 100])(
    'forwards with first %i: the pages concatenate to the list; hasNextPage exactly until the last',
    async (n) => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: PageOf = ok(
          await claims('first: $first, after: $after', { first: n, after }),
        ).claims;
        consistent(page);
        expect(page.pageInfo.hasPreviousPage).toBe(false);
        seen.push(...page.nodes.map((x) => x.id));
        pages += 1;
        expect(page.pageInfo.hasNextPage).toBe(seen.length < all.length);
        if (!page.pageInfo.hasNextPage) {
          break;
        }
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(all);
      expect(pages).toBe(Math.max(1, Math.ceil(all.length / n)));
    },
  );

  it.each([1, 2, 3, 6, 7, 8, 100])(
    'backwards with last %i: each page in the list’s order, the pages from the end concatenate to the list',
    async (n) => {
      const pages: string[][] = [];
      let before: string | null = null;
      for (;;) {
        const page: PageOf = ok(
          await claims('last: $last, before: $before', { last: n, before }),
        ).claims;
        consistent(page);
        expect(page.pageInfo.hasNextPage).toBe(false);
        pages.unshift(page.nodes.map((x) => x.id));
        const seen = pages.flat().length;
        expect(page.pageInfo.hasPreviousPage).toBe(seen < all.length);
        if (!page.pageInfo.hasPreviousPage) {
          break;
        }
        before = page.pageInfo.startCursor;
      }
      expect(pages.flat()).toEqual(all);
      expect(pages[pages.length - 1]).toEqual(all.slice(-Math.min(n, all.length)));
    },
  );

  it('pages from any edge’s cursor in both directions, and between two cursors', async () => {
    const edges = ok(await claims('first: 100')).claims.edges;
    for (const [k, edge] of edges.entries()) {
      const after = ok(await claims('first: 100, after: $after', { after: edge.cursor })).claims;
      expect(after.nodes.map((x) => x.id)).toEqual(all.slice(k + 1));
      const before = ok(await claims('last: 100, before: $before', { before: edge.cursor })).claims;
      expect(before.nodes.map((x) => x.id)).toEqual(all.slice(0, k));
    }
    const between = ok(
      await claims('first: 100, after: $after, before: $before', {
        after: edges[1]!.cursor,
        before: edges[5]!.cursor,
      }),
    ).claims;
    expect(between.nodes.map((x) => x.id)).toEqual(all.slice(2, 5));
  });

  it.each(['first: 0', 'last: 0'])('%s answers an empty page', async (args) => {
    const page = ok(await claims(args)).claims;
    expect(page).toEqual({
      nodes: [],
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it('refuses first and last together when the query gives both; the default first does not count', async () => {
    const refused = async (args: string, variables: Record<string, unknown> = {}) => {
      const r = await claims(args, variables);
      expect(r.data).toBeNull();
      return r.errors?.map((e) => [e.extensions?.code, e.extensions?.field]);
    };
    expect(await refused('first: 2, last: 2')).toEqual([['BAD_USER_INPUT', 'last']]);
    expect(await refused('first: $first, last: 2', { first: 3 })).toEqual([
      ['BAD_USER_INPUT', 'last'],
    ]);
    // `first` left out (its default 20 applies), or a variable the request does not send: last alone.
    expect(ok(await claims('last: 2')).claims.nodes.map((n) => n.id)).toEqual(all.slice(-2));
    expect(ok(await claims('first: $first, last: 2')).claims.nodes.length).toBe(2);
    expect(await refused('last: 101')).toEqual([['BAD_USER_INPUT', 'last']]);
    expect(await refused('last: -1')).toEqual([['BAD_USER_INPUT', 'last']]);
    expect(await refused('first: 101')).toEqual([['BAD_USER_INPUT', 'first']]);
  });

  describe('a cursor that is not this list’s', () => {
    const forged = (): [string, string][] => [
      ['not base64 JSON', '%%%not-a-cursor%%%'],
      ['JSON of another shape', Buffer.from('{"after":1}').toString('base64url')],
      ['a bare key without its list', Buffer.from('["2024-04-20","x"]').toString('base64url')],
      ['another list’s cursor', cursorOf('agreements', 'PG-CI')],
      ['too few keys', cursorOf('claims', '2024-04-20')],
      ['too many keys', cursorOf('claims', '2024-04-20', all[0]!, 'x')],
      ['a date that is none', cursorOf('claims', '2024-02-30', all[0]!)],
      ['an id of another form', cursorOf('claims', '2024-04-20', 'forged-id')],
      ['a number for a key', Buffer.from(`["claims","2024-04-20",1]`).toString('base64url')],
      ['a NUL in a key', cursorOf('claims', '2024-04-20\u0000', all[0]!)],
      ['an empty string', ''],
    ];

    it.each(['after', 'before'])(
      'as %s: BAD_USER_INPUT on that argument, nothing of the cursor echoed',
      async (argument) => {
        for (const [why, cursor] of forged()) {
          const r = await claims(
            argument === 'after' ? 'first: 5, after: $after' : 'last: 5, before: $before',
            { [argument]: cursor },
          );
          expect([why, r.data]).toEqual([why, null]);
          expect([why, r.errors?.map((e) => [e.extensions?.code, e.extensions?.field])]).toEqual([
            why,
            [['BAD_USER_INPUT', argument]],
          ]);
          if (cursor.length > 0) {
            expect([why, JSON.stringify(r.errors).includes(cursor)]).toEqual([why, false]);
          }
        }
      },
    );

    it('refuses a cursor of the claims list on the agreements list', async () => {
      const claimCursor = ok(await claims('first: 1')).claims.pageInfo.endCursor!;
      const r = await t.gql(
        `query($a: String) { agreements(first: 5, after: $a) { nodes { id } } }`,
        { a: claimCursor },
        agency(),
      );
      expect(r.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ['BAD_USER_INPUT', 'after'],
      ]);
    });
  });

  it('reads claims under edges { node } narrowed as under nodes', async () => {
    const selection = 'id benefit dischargeDate insuredPerson { name } agreement { code }';
    const r = ok(
      await t.gql<{
        a: { nodes: Record<string, unknown>[] };
        b: { edges: { node: Record<string, unknown> }[] };
      }>(
        `query($p: ID) {
          a: claims(filter: { insuredPersonId: $p }, first: 100) { nodes { ${selection} } }
          b: claims(filter: { insuredPersonId: $p }, first: 100) { edges { node { ${selection} } } }
        }`,
        { p: personId },
        agency(),
      ),
    );
    expect(r.b.edges.map((e) => e.node)).toEqual(r.a.nodes);
    expect(r.a.nodes[0]).toMatchObject({
      benefit: expect.any(String),
      insuredPerson: { name: '测试' },
    });
  });

  it.each([
    ['claims', `claims(filter: { insuredPersonId: "%p" }, first: 3)`],
    ['agreements', `agreements(first: 3)`],
    ['insuredPersons', `insuredPersons(first: 3)`],
    ['accessLog', `accessLog(first: 3)`],
    ['auditTrail', `auditTrail(first: 3)`],
  ])(
    '%s: one statement for a page, the count only when totalCount is selected',
    async (_l, field) => {
      const list = field.replace('%p', personId);
      const db = t.db.dataSource;
      const count = async (selection: string) =>
        (
          await statementsOf(db, async () => {
            ok(await t.gql(`{ ${list} { ${selection} } }`, {}, agency()));
          })
        ).length;
      const page = await count('nodes { id } pageInfo { hasNextPage endCursor }');
      const counted = await count('nodes { id } totalCount');
      expect([page, counted]).toEqual([1, 2]);
    },
  );

  it.each(['agreements', 'insuredPersons', 'auditTrail'])(
    '%s pages forwards and backwards to the same list',
    async (field) => {
      const whole = ok(
        await t.gql<Record<string, PageOf>>(`{ ${field}(first: 100) { ${PAGE} } }`, {}, agency()),
      )[field]!.nodes.map((n) => n.id);
      expect(whole.length).toBeGreaterThan(2);
      const walk = async (forwards: boolean) => {
        const pages: string[][] = [];
        let cursor: string | null = null;
        for (;;) {
          const page: PageOf = ok(
            await t.gql<Record<string, PageOf>>(
              forwards
                ? `query($c: String) { ${field}(first: 2, after: $c) { ${PAGE} } }`
                : `query($c: String) { ${field}(last: 2, before: $c) { ${PAGE} } }`,
              { c: cursor },
              agency(),
            ),
          )[field]!;
          consistent(page);
          if (forwards) {
            pages.push(page.nodes.map((n) => n.id));
          } else {
            pages.unshift(page.nodes.map((n) => n.id));
          }
          const more = forwards ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
          if (!more) {
            return pages.flat();
          }
          cursor = forwards ? page.pageInfo.endCursor : page.pageInfo.startCursor;
        }
      };
      expect(await walk(true)).toEqual(whole);
      expect(await walk(false)).toEqual(whole);
    },
  );
});
