import { agency, startTestApp, type TestApp } from '../helpers/test-app';

/** The per-request time limit (docs/security.md, "Query limits"), enforced in the application. */
describe('request time limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses to run resolvers after the deadline, with a clear error and no data', async () => {
    const res = await t.app.apollo.executeOperation(
      { query: `{ organizations { code } }` },
      { contextValue: { ...t.app.contextFor(agency()), deadline: Date.now() - 1 } },
    );
    const body = res.body.kind === 'single' ? res.body.singleResult : null;
    expect(body?.data ?? null).toBeNull();
    expect(body?.errors?.[0]?.extensions?.code).toBe('REQUEST_TIMEOUT');
    expect(body?.errors?.[0]?.message).toMatch(/time limit of 30 s/);
  });

  it('lets a request inside its deadline run', async () => {
    const r = await t.gql(`{ isWorkingDay(date: "2024-04-28") }`, {}, agency());
    expect(r.data).toEqual({ isWorkingDay: true });
  });
});
