import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PERSON_ID_NUMBER } from '../../src/demo/demo-persons';
import { seedDemo } from '../../src/demo/seed-demo';
import { FixedClock } from '../../src/shared/clock';
import { agency, startTestApp, type TestApp } from '../helpers/test-app';

/** Debian's package (`apt-get install chromium`); .ci/run installs it when it can. */
const CHROMIUM = '/usr/bin/chromium';
/** How Chromium runs on these machines (node-svc.md): no sandbox as root, nothing in the background. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `ide-browser.e2e-spec: skipped, ${CHROMIUM} is missing (apt-get install chromium to run it)`,
  );
}
const describeWithChromium = hasChromium ? describe : describe.skip;

/**
 * runtime.md (the IDE works without internet): a newcomer opens the offline GraphiQL in a real browser on a network
 * that reaches nothing but this server, pastes a token into the headers and runs the example operations.
 */
describeWithChromium('GraphiQL in Chromium, offline', () => {
  let t: TestApp;
  let base: string;
  let token: string;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  const elsewhere: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-11-22'), env: { IDE: 'graphiql' } });
    await seedDemo(t.db.dataSource, t.app.services, '2026-11-22');
    base = await t.listen();
    token = await t.token(agency());
    userDataDir = mkdtempSync(path.join(tmpdir(), 'jingban-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 1000 },
    });
    // The isolated network: only this server answers; anything else is recorded and refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${base}/`) || url.startsWith('data:')) {
        return route.continue();
      }
      elsewhere.push(url);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') {
        problems.push(`console: ${m.text()}`);
      }
    });
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) {
      rmSync(userDataDir, { recursive: true, force: true });
    }
    await t?.close();
  });

  const result = () => page.locator('.result-window');
  const headersEditor = () => page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden)');

  /** Runs an operation of the example as a user does: click into it, press Ctrl+Enter (▶'s shortcut). */
  const run = async (operationName: string) => {
    await page
      .locator('.graphiql-query-editor .CodeMirror-line', {
        hasText: new RegExp(`^(query|mutation) ${operationName}\\b`),
      })
      .first()
      .click();
    await page.keyboard.press('Control+Enter');
  };

  it('opens with the hint, the example document and the token placeholder in Headers', async () => {
    await page.goto(`${base}/graphiql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    await expectVisible(page.getByText('Paste a token into'));
    await expectVisible(page.locator('.graphiql-query-editor', { hasText: 'query FirstLook' }));
    await expectVisible(headersEditor().filter({ hasText: 'Bearer <paste a token>' }));
  });

  it('offers the operations on ▶, and answers UNAUTHENTICATED before a token is pasted', async () => {
    await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
    const offered = await page.getByRole('menuitem').allInnerTexts();
    expect(offered).toEqual([
      'FirstLook',
      'ForAClaim',
      'AnAgreement',
      'RegisterAPerson',
      'SubmitAClaim',
      'Quote',
      'FeeStatement',
      'ClaimStatistics',
    ]);
    await page.getByRole('menuitem', { name: 'FirstLook' }).click();
    await expectVisible(result().filter({ hasText: 'UNAUTHENTICATED' }));
    await expectVisible(result().filter({ hasText: 'Bearer <token>' }));
  });

  it('runs FirstLook and ForAClaim with a token pasted into Headers, and shows the answers', async () => {
    await headersEditor().click();
    await page.keyboard.press('Control+A');
    // insertText is a paste: CodeMirror's bracket closing does not double the braces.
    await page.keyboard.insertText(`{"Authorization": "Bearer ${token}"}`);

    await run('FirstLook');
    await expectVisible(result().filter({ hasText: '"code": "CLIC-HN"' }));
    await expectVisible(result().filter({ hasText: '中国人寿保险股份有限公司河南省分公司' }));

    await run('ForAClaim');
    await expectVisible(result().filter({ hasText: '"name": "示例参保人"' }));
    await expectVisible(result().filter({ hasText: DEMO_PERSON_ID_NUMBER }));
  });

  it('keeps the document after a reload, in one tab, but not the token', async () => {
    await page.reload();
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    await expectVisible(headersEditor().filter({ hasText: 'Bearer <paste a token>' }));
    expect(await page.locator('.graphiql-tab').count()).toBe(0);
    await run('FirstLook');
    await expectVisible(result().filter({ hasText: 'UNAUTHENTICATED' }));
  });

  it('fetched nothing from any other host and reported no errors', () => {
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  });
});

/** Waits for the locator to be visible (playwright-core has no `expect`). */
const expectVisible = async (locator: ReturnType<Page['locator']>): Promise<void> => {
  await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
};
