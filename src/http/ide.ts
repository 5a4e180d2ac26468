import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express, Request, Response } from 'express';

/** Where the offline GraphiQL lives. */
export const GRAPHIQL_PATH = '/graphiql';

/** What GraphiQL opens with: the example document, headers and variables the Sandbox gets too. */
export interface IdeStart {
  /** The GraphQL endpoint the page posts to, e.g. `/graphql`. */
  readonly endpoint: string;
  readonly document: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, string>>;
}

/**
 * Scripts and styles only from this server, requests only to it. GraphiQL sets styles through the DOM (which CSP
 * allows), and its menus and dialogs (react-remove-scroll through react-style-singleton) add a `<style>` element
 * without a nonce we could set and with content that depends on the scroll bar's width: inline style *elements* are
 * allowed, inline style attributes in markup are not (seen in Chromium: no violation while loading, running, opening
 * the menus, dialogs and docs). The example is embedded as JSON data, which script-src does not govern.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-elem 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  readonly route: string;
  readonly file: string;
}

/**
 * A file of an installed package, served under a route that carries the package's version (so it may be cached for
 * good). The path comes from the package's package.json: React 18's `exports` do not list `umd/`.
 */
const packageAsset = (pkg: string, file: string): Asset => {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return {
    route: `${GRAPHIQL_PATH}/assets/${pkg}@${version}/${path.basename(file)}`,
    file: path.join(path.dirname(manifest), file),
  };
};

/**
 * Starts GraphiQL from the JSON in the page; posts JSON (Apollo's CSRF prevention lets that through). GraphiQL 3.8.3
 * has no default for the variables editor: it reads the last variables from local storage, so the template goes there
 * on a first visit. (Given as a tab instead, it differs from what storage holds, and every reload adds a tab:
 * graphql/graphiql#2825.) Headers are not persisted: a token does not outlive the page.
 */
const START_JS = `'use strict';
(function () {
  var start = JSON.parse(document.getElementById('jingban-ide-start').textContent);
  try {
    if (window.localStorage.getItem('graphiql:variables') === null) {
      window.localStorage.setItem('graphiql:variables', JSON.stringify(start.variables, null, 2));
    }
  } catch (e) {
    // No local storage (a private window may refuse it): GraphiQL starts without the template.
  }
  var root = document.getElementById('graphiql');
  root.textContent = '';
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: start.endpoint, enableIncrementalDelivery: false }),
      defaultQuery: start.document,
      defaultHeaders: JSON.stringify(start.headers, null, 2),
      defaultEditorToolsVisibility: 'headers',
      shouldPersistHeaders: false,
    }),
  );
})();
`;

const PAGE_CSS = `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
#jingban-ide-hint { padding: 6px 12px; font-size: 14px; background: #fff8e1; border-bottom: 1px solid #e0c97f; }
#jingban-ide-hint code { background: #f3ecd4; padding: 0 4px; border-radius: 3px; }
#graphiql { flex: 1; min-height: 0; }
`;

/** JSON that is safe inside a `<script>` element: no `<`, `>` or `&` (so no `</script>` or `<!--`), no U+2028/9. */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

const pageHtml = (start: IdeStart, assets: Record<string, Asset>): string => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Jingban (经办) GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.css!.route}">
<link rel="stylesheet" href="${GRAPHIQL_PATH}/page.css">
</head>
<body>
<div id="jingban-ide-hint">Paste a token into <b>Headers</b> (bottom left) in place of <code>&lt;paste a token&gt;</code>: the server's start line prints one, or run <code>npm run -s token -- --role AGENCY --regions 41,51</code>. Then pick an operation and press ▶. Run <b>ForAClaim</b> for the ids the variables need.</div>
<div id="graphiql">Loading GraphiQL…</div>
<noscript>GraphiQL needs JavaScript.</noscript>
<script type="application/json" id="jingban-ide-start">${jsonForScript(start)}</script>
<script src="${assets.react!.route}"></script>
<script src="${assets.reactDom!.route}"></script>
<script src="${assets.graphiql!.route}"></script>
<script src="${GRAPHIQL_PATH}/start.js"></script>
</body>
</html>
`;

/**
 * GraphiQL 3.8.3 served from the installed packages (no CDN: the server may sit on an isolated network): the page at
 * {@link GRAPHIQL_PATH}, React 18's UMD files and GraphiQL's bundle under versioned routes (cached a year), the
 * start script and the page's style. With `onGraphql`, a browser's GET /graphql (one that prefers HTML) gets the page
 * too; mount before the GraphQL handler.
 */
export const mountGraphiQL = (
  app: Express,
  start: IdeStart,
  options: { onGraphql: boolean },
): void => {
  const assets = {
    react: packageAsset('react', 'umd/react.production.min.js'),
    reactDom: packageAsset('react-dom', 'umd/react-dom.production.min.js'),
    graphiql: packageAsset('graphiql', 'graphiql.min.js'),
    css: packageAsset('graphiql', 'graphiql.min.css'),
  };
  const html = pageHtml(start, assets);
  const sendPage = (_req: Request, res: Response): void => {
    res
      .set({
        'Content-Security-Policy': GRAPHIQL_CSP,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        'X-Content-Type-Options': 'nosniff',
      })
      .type('html')
      .send(html);
  };

  app.get(GRAPHIQL_PATH, sendPage);
  if (options.onGraphql) {
    app.get(start.endpoint, (req, res, next) => {
      if (req.accepts(['application/json', 'text/html']) === 'text/html') {
        sendPage(req, res);
      } else {
        next();
      }
    });
  }
  for (const asset of Object.values(assets)) {
    app.get(asset.route, (_req, res, next) => {
      res.sendFile(
        asset.file,
        { maxAge: '365d', immutable: true, headers: { 'X-Content-Type-Options': 'nosniff' } },
        (err) => {
          if (err) {
            next(err);
          }
        },
      );
    });
  }
  const small = (route: string, type: string, body: string) =>
    app.get(route, (_req, res) => {
      res
        .set({ 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' })
        .type(type)
        .send(body);
    });
  small(`${GRAPHIQL_PATH}/start.js`, 'js', START_JS);
  small(`${GRAPHIQL_PATH}/page.css`, 'css', PAGE_CSS);
};
