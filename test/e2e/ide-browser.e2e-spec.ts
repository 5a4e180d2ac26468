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
 * A newcomer opens the server's root in a real browser on a network that reaches nothing but this server: it lands in
 * the offline GraphiQL, pastes a token into the headers, runs the example operations, reloads (the token is kept),
 * gets the demo ids once the server hands them over, and, as a new visitor, the demo token too. Apollo Sandbox, offered
 * beside it, cannot load here and links back to GraphiQL.
 */
describeWithChromium('GraphiQL in Chromium, offline', () => {
  let t: TestApp;
  let base: string;
  let token: string;
  let demoToken: string;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  /** What happens while Apollo Sandbox's page is open (it tries Apollo's servers) is kept apart. */
  let inSandbox = false;
  const elsewhere: string[] = [];
  const problems: string[] = [];
  const sandboxElsewhere: string[] = [];
  /** The bodies of the page's POSTs to the server. */
  const sent: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-11-22') });
    await seedDemo(t.db.dataSource, t.app.services, '2026-11-22');
    base = await t.listen();
    token = await t.token(agency());
    demoToken = await t.token({ ...agency(), sub: 'local-agency' });
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
      (inSandbox ? sandboxElsewhere : elsewhere).push(url);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => {
      if (r.method() === 'POST') {
        sent.push(r.postData() ?? '');
      }
    });
    page.on('pageerror', (e) => {
      if (!inSandbox) {
        problems.push(`page error: ${e.message}`);
      }
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !inSandbox) {
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
  const stored = (key: string) =>
    page.evaluate((k) => (globalThis as unknown as InPage).localStorage.getItem(k), key);
  const loaded = () => page.locator('.graphiql-container').waitFor({ timeout: 30_000 });

  /**
   * Runs an operation of the example as a user does: put the cursor in it, press Ctrl+Enter (▶'s shortcut). The cursor
   * is placed through CodeMirror, which renders only the lines in view.
   */
  const run = async (operationName: string) => {
    const found = await page.evaluate((name) => {
      const cm = (globalThis as unknown as InPage).document.querySelector(
        '.graphiql-query-editor .CodeMirror',
      )?.CodeMirror;
      if (!cm) {
        return false;
      }
      for (let line = 0; line < cm.lineCount(); line++) {
        if (new RegExp(`^(query|mutation) ${name}\\b`).test(cm.getLine(line))) {
          cm.focus();
          cm.setCursor({ line: line + 1, ch: 0 });
          cm.scrollIntoView({ line: line + 1, ch: 0 });
          return true;
        }
      }
      return false;
    }, operationName);
    expect([operationName, found]).toEqual([operationName, true]);
    await page.keyboard.press('Control+Enter');
  };

  it('lands on GraphiQL from GET /, with the hint, the example document and the token placeholder in Headers', async () => {
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/graphql`);
    await loaded();
    await expectVisible(page.getByText('Paste a token into'));
    await expectVisible(page.locator('.graphiql-query-editor', { hasText: 'query FirstLook' }));
    await expectVisible(headersEditor().filter({ hasText: 'Bearer <paste a token>' }));
  });

  it('offers the operations on ▶, and says the token is a placeholder before one is pasted', async () => {
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
    await expectVisible(result().filter({ hasText: 'The token is a placeholder' }));
  });

  it('runs FirstLook and ForAClaim with a token pasted into Headers, and shows the answers', async () => {
    const introspections = () => sent.filter((b) => b.includes('IntrospectionQuery')).length;
    const before = introspections();
    expect(before).toBeGreaterThan(0);
    await headersEditor().click();
    await page.keyboard.press('Control+A');
    // insertText is a paste: CodeMirror's bracket closing does not double the braces.
    await page.keyboard.insertText(`{"Authorization": "Bearer ${token}"}`);
    // GraphiQL fetches the schema again, now with the token (the docs need it where a token is required first).
    const again = await page.waitForResponse((r) =>
      (r.request().postData() ?? '').includes('IntrospectionQuery'),
    );
    expect(again.request().headers().authorization).toBe(`Bearer ${token}`);
    expect(again.status()).toBe(200);
    expect(introspections()).toBe(before + 1);
    expect(sent.at(-1)).toContain('IntrospectionQuery');

    await run('FirstLook');
    await expectVisible(result().filter({ hasText: '"code": "CLIC-HN"' }));
    await expectVisible(result().filter({ hasText: '中国人寿保险股份有限公司河南省分公司' }));

    await run('ForAClaim');
    await expectVisible(result().filter({ hasText: '"name": "示例参保人"' }));
    await expectVisible(result().filter({ hasText: DEMO_PERSON_ID_NUMBER }));
  });

  it('keeps the document and the pasted token after a reload, in one tab', async () => {
    await page.reload();
    await loaded();
    await expectVisible(headersEditor().filter({ hasText: token.slice(0, 40) }));
    expect(await page.locator('.graphiql-tab').count()).toBe(0);
    await run('FirstLook');
    await expectVisible(result().filter({ hasText: '"code": "CLIC-HN"' }));
  });

  it('takes the demo ids once the server hands them over, keeping the token the user pasted', async () => {
    const ids = await t.app.prefillIde(demoToken);
    expect(Object.keys(ids).sort()).toEqual([
      'agreementId',
      'handlingAgreementId',
      'institutionId',
      'personId',
    ]);
    await page.reload();
    await loaded();
    await expectVisible(page.getByText('The variables hold the demo data'));
    await expectVisible(headersEditor().filter({ hasText: token.slice(0, 40) }));
    expect(JSON.parse((await stored('graphiql:variables'))!)).toEqual(ids);
    expect(await page.locator('.graphiql-tab').count()).toBe(0);
    await run('AnAgreement');
    await expectVisible(result().filter({ hasText: '"code": "HN-DBBX-2026"' }));
    await run('SubmitAClaim');
    await expectVisible(result().filter({ hasText: '"status": "ADJUDICATED"' }));
  });

  it('gives a new visitor the demo token in Headers: operations run at once', async () => {
    await page.evaluate(() => (globalThis as unknown as InPage).localStorage.clear());
    await page.reload();
    await loaded();
    await expectVisible(page.getByText('hold a demo token'));
    await expectVisible(headersEditor().filter({ hasText: demoToken.slice(0, 40) }));
    await run('ForAClaim');
    await expectVisible(result().filter({ hasText: '"name": "示例参保人"' }));
  });

  it('offers Apollo Sandbox, which cannot load offline and links the local GraphiQL', async () => {
    inSandbox = true;
    try {
      await page.getByRole('link', { name: 'Apollo Sandbox' }).click();
      await page.waitForURL(`${base}/sandbox`);
      const link = page.getByRole('link', { name: '/graphiql' });
      await expectVisible(page.getByText('Apollo Sandbox cannot be loaded'));
      await link.click();
      await page.waitForURL(`${base}/graphiql`);
    } finally {
      inSandbox = false;
    }
    await loaded();
    await expectVisible(page.locator('.graphiql-query-editor', { hasText: 'query FirstLook' }));
    // What the Sandbox's page asked of the outside: Apollo's and Google's servers, nothing else.
    expect(sandboxElsewhere.length).toBeGreaterThan(0);
    for (const url of sandboxElsewhere) {
      expect(new URL(url).hostname).toMatch(
        /(\.apollographql\.com|\.googleapis\.com|\.gstatic\.com)$/,
      );
    }
  });

  it('fetched nothing from any other host outside the Sandbox and reported no errors', () => {
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  });
});

/** What the test reaches in the page (the tests compile without the DOM's types). */
interface InPage {
  readonly localStorage: { getItem(key: string): string | null; clear(): void };
  readonly document: { querySelector(selector: string): { CodeMirror?: CodeMirrorLike } | null };
}

/** What the test asks of CodeMirror 5, the editor GraphiQL 3 uses. */
interface CodeMirrorLike {
  lineCount(): number;
  getLine(line: number): string;
  focus(): void;
  setCursor(position: { line: number; ch: number }): void;
  scrollIntoView(position: { line: number; ch: number }): void;
}

/** Waits for the locator to be visible (playwright-core has no `expect`). */
const expectVisible = async (locator: ReturnType<Page['locator']>): Promise<void> => {
  await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
};
