import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../src/config';
import {
  LANDING_HEADERS,
  landingExample,
  landingVariables,
} from '../../src/graphql/landing-example';
import { GRAPHIQL_PATH, jsonForScript } from '../../src/http/ide';
import { agency, startTestApp, testConfig, type TestApp } from '../helpers/test-app';

/**
 * runtime.md (the IDE works without internet): GraphiQL served from the installed packages, and `IDE` choosing what a
 * browser gets on GET /graphql.
 */
const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** The file an asset route must serve, straight from node_modules. */
const installed = (pkg: string, file: string) =>
  readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file));
const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

/** `src`/`href` attributes of the page's script, style and link elements. */
const sources = (page: string): string[] =>
  [...page.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);

describe('IDE configuration', () => {
  it('defaults to the Sandbox, and to none in production', () => {
    expect(testConfig().ide).toBe('sandbox');
    expect(testConfig({ NODE_ENV: 'production' }).ide).toBe('none');
    expect(testConfig({ NODE_ENV: 'production', IDE: 'GraphiQL' }).ide).toBe('graphiql');
  });

  it('refuses an unknown IDE with a ConfigError naming the choices', () => {
    expect(() => testConfig({ IDE: 'playground' })).toThrow(ConfigError);
    expect(() => testConfig({ IDE: 'playground' })).toThrow(
      'IDE must be one of sandbox, graphiql, none',
    );
  });
});

describe('embedded JSON', () => {
  it('cannot close the script element or open a comment, and reads back unchanged', () => {
    const hostile = { document: '</script><script>alert(1)</script><!-- & \u2028 \u2029 >' };
    const out = jsonForScript(hostile);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(hostile);
  });
});

describe('GraphiQL offline (IDE=graphiql)', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { IDE: 'graphiql' } });
    base = await t.listen();
  });
  afterAll(() => t.close());

  it('serves the page with a CSP that allows scripts and styles from this server only', async () => {
    const res = await fetch(`${base}${GRAPHIQL_PATH}`, { headers: html });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*(unsafe|https?:|\*)/);
    expect(csp).toContain("connect-src 'self'");
    const page = await res.text();
    expect(page).toContain('Paste a token into <b>Headers</b>');
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/(?:src|href)\s*=\s*["']?\/\//);
    // Every script is an external file from this server: no inline code for the CSP to allow.
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(5);
    for (const [, attributes, body] of scripts) {
      expect(/\bsrc=/.test(attributes!) || /type="application\/json"/.test(attributes!)).toBe(true);
      if (/\bsrc=/.test(attributes!)) {
        expect(body).toBe('');
      }
    }
  });

  it('opens with the example document, the token header and the variables template', async () => {
    const page = await (await fetch(`${base}${GRAPHIQL_PATH}`)).text();
    const json = /<script type="application\/json" id="jingban-ide-start">([^<]*)<\/script>/.exec(
      page,
    )![1]!;
    // The clock of the test app is 2024-06-15.
    expect(JSON.parse(json)).toEqual({
      endpoint: '/graphql',
      document: landingExample(2024),
      headers: { Authorization: 'Bearer <paste a token>' },
      variables: landingVariables(2024),
    });
    expect(LANDING_HEADERS).toEqual({ Authorization: 'Bearer <paste a token>' });
  });

  it('serves React, ReactDOM and GraphiQL 3.8.3 byte for byte from node_modules, cached for good', async () => {
    const page = await (await fetch(`${base}${GRAPHIQL_PATH}`)).text();
    const expected: Record<string, Buffer> = {
      '/graphiql/assets/react@18.3.1/react.production.min.js': installed(
        'react',
        'umd/react.production.min.js',
      ),
      '/graphiql/assets/react-dom@18.3.1/react-dom.production.min.js': installed(
        'react-dom',
        'umd/react-dom.production.min.js',
      ),
      '/graphiql/assets/graphiql@3.8.3/graphiql.min.js': installed('graphiql', 'graphiql.min.js'),
      '/graphiql/assets/graphiql@3.8.3/graphiql.min.css': installed('graphiql', 'graphiql.min.css'),
    };
    const found = sources(page);
    expect(found).toEqual(
      expect.arrayContaining([
        ...Object.keys(expected),
        '/graphiql/page.css',
        '/graphiql/start.js',
      ]),
    );
    for (const src of found.filter((s) => !s.startsWith('data:'))) {
      expect(src).toMatch(/^\/graphiql\//);
    }
    for (const [route, file] of Object.entries(expected)) {
      const res = await fetch(`${base}${route}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(
        route.endsWith('.css') ? /^text\/css/ : /^(text|application)\/javascript/,
      );
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(sha(file));
    }
  });

  it('starts GraphiQL from its own script, posting JSON to /graphql with nothing from other hosts', async () => {
    const start = await fetch(`${base}${GRAPHIQL_PATH}/start.js`);
    expect(start.headers.get('content-type')).toMatch(/javascript/);
    const js = await start.text();
    expect(js).toContain('GraphiQL.createFetcher');
    expect(js).toContain('shouldPersistHeaders: false');
    expect(js).not.toMatch(/https?:\/\//);
    const css = await (await fetch(`${base}${GRAPHIQL_PATH}/page.css`)).text();
    expect(css).not.toMatch(/url\(|@import/);
    // The CSS GraphiQL ships: fonts and images inline, nothing to fetch elsewhere.
    const graphiqlCss = installed('graphiql', 'graphiql.min.css').toString('utf8');
    expect(graphiqlCss).not.toMatch(/@import/);
    for (const [, url] of graphiqlCss.matchAll(/url\(\s*["']?([^"')]*)/g)) {
      expect(url).toMatch(/^data:/);
    }
  });

  it('lets GraphiQL’s requests through Apollo’s CSRF prevention: introspection without a token, operations with one', async () => {
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ data?: Record<string, unknown>; errors?: unknown }>);
    const schema = await post(
      { query: '{ __schema { queryType { name } } }', operationName: null },
      { authorization: 'Bearer <paste a token>' },
    );
    expect(schema).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const token = await t.token(agency());
    const first = await post(
      {
        query: landingExample(2024),
        operationName: 'FirstLook',
        variables: landingVariables(2024),
      },
      { authorization: `Bearer ${token}` },
    );
    expect(first.errors).toBeUndefined();
    expect(first.data).toMatchObject({ isWorkingDay: true, dueDirect: '2024-05-20' });
  });

  it('shows GraphiQL to a browser’s GET /graphql and still answers GraphQL GETs', async () => {
    const page = await fetch(`${base}/graphql`, { headers: html });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('id="jingban-ide-start"');
    expect(text).not.toContain('embeddable-sandbox');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const token = await t.token(agency());
    const get = await fetch(
      `${base}/graphql?query=${encodeURIComponent('{ isWorkingDay(date: "2024-04-28") }')}`,
      { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } },
    );
    expect(await get.json()).toEqual({ data: { isWorkingDay: true } });
  });
});

describe('IDE=sandbox and IDE=none', () => {
  it('sandbox: GET /graphql is Apollo Sandbox opened on the example, and /graphiql is served too', async () => {
    const t = await startTestApp({ env: { IDE: 'sandbox' } });
    try {
      const base = await t.listen();
      const res = await fetch(`${base}/graphql`, { headers: html });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('embeddable-sandbox');
      expect(text).toContain('RegisterAPerson');
      expect(text).toContain('paste a token');
      expect((await fetch(`${base}${GRAPHIQL_PATH}`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('none: no landing page on GET /graphql, no /graphiql and no assets', async () => {
    const t = await startTestApp({ env: { IDE: 'none' } });
    try {
      const base = await t.listen();
      const res = await fetch(`${base}/graphql`, { headers: html });
      expect(res.headers.get('content-type')).not.toMatch(/text\/html/);
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).not.toContain('embeddable-sandbox');
      expect(text).not.toContain('jingban-ide-start');
      expect((await fetch(`${base}${GRAPHIQL_PATH}`)).status).toBe(404);
      expect((await fetch(`${base}/graphiql/assets/graphiql@3.8.3/graphiql.min.js`)).status).toBe(
        404,
      );
      expect((await fetch(`${base}/graphiql/start.js`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
