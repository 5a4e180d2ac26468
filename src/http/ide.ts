import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GraphQLServerContext } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { Express, Request, Response } from 'express';
import { LANDING_HEADERS } from '../graphql/landing-example';

/** Where the offline GraphiQL lives. */
export const GRAPHIQL_PATH = '/graphiql';
/** Where Apollo Sandbox is offered (its code comes from Apollo's servers). */
export const SANDBOX_PATH = '/sandbox';

/**
 * What the IDEs open with: the example document, headers and variables. GraphiQL gets all of it; the Sandbox gets the
 * document and the variables, and the token placeholder in place of any token ({@link sandboxPage}).
 */
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
 * Starts GraphiQL from the JSON in the page; posts JSON (Apollo's CSRF prevention lets that through).
 *
 * What the user changed is kept across reloads, what the server offered is refreshed: the headers (kept under
 * `jingban:headers`, GraphiQL's own header persistence being unreliable in 3.8.3: it empties its stored headers on
 * every mount until the header editor exists) and the variables (GraphiQL keeps them under `graphiql:variables`; it has
 * no default for them, so the offer goes there). A stored value equal to the server's last offer, or made of
 * placeholders only (the templates of earlier versions), was not edited: the new offer replaces it, so a fresh token
 * or the ids of a new demo database reach the editors. The tab that held the old variables gets the new ones (GraphiQL
 * would otherwise open a tab for them at every change: graphql/graphiql#2825). When a token replaces the placeholder in
 * Headers, GraphiQL fetches the schema again with it (a server that refuses requests without a valid token before
 * validating them would otherwise leave the docs empty until a reload).
 */
const START_JS = `'use strict';
(function () {
  var start = JSON.parse(document.getElementById('jingban-ide-start').textContent);
  var offeredHeaders = JSON.stringify(start.headers, null, 2);
  var offeredVariables = JSON.stringify(start.variables, null, 2);
  var store = null;
  try {
    store = window.localStorage;
    store.getItem('jingban:headers');
  } catch (e) {
    store = null; // no local storage (a private window may refuse it): the offers, nothing kept
  }
  var untouched = function (value, lastOffer) {
    if (value === null || value === lastOffer) {
      return true;
    }
    try {
      var parsed = JSON.parse(value);
      return Object.keys(parsed).every(function (k) {
        return typeof parsed[k] === 'string' && /^(Bearer )?<[^<>]*>$/.test(parsed[k]);
      });
    } catch (e) {
      return false;
    }
  };
  var headers = offeredHeaders;
  if (store) {
    try {
      var mine = store.getItem('jingban:headers');
      if (!untouched(mine, store.getItem('jingban:offered-headers'))) {
        headers = mine;
      }
      store.setItem('jingban:offered-headers', offeredHeaders);
      var variables = store.getItem('graphiql:variables');
      if (untouched(variables, store.getItem('jingban:offered-variables'))) {
        store.setItem('graphiql:variables', offeredVariables);
        var tabs = JSON.parse(store.getItem('graphiql:tabState') || 'null');
        if (tabs && Array.isArray(tabs.tabs)) {
          tabs.tabs.forEach(function (tab) {
            if (tab.variables === variables) {
              tab.variables = offeredVariables;
            }
          });
          store.setItem('graphiql:tabState', JSON.stringify(tabs));
        }
      }
      store.setItem('jingban:offered-variables', offeredVariables);
    } catch (e) {
      // storage full or refused: GraphiQL starts with the offers
    }
  }
  var newFetcher = function () {
    return GraphiQL.createFetcher({ url: start.endpoint, enableIncrementalDelivery: false });
  };
  var fetcher = newFetcher();
  var placeholder = /<[^<>]*>/;
  var waitingForToken = placeholder.test(headers);
  var element = document.getElementById('graphiql');
  element.textContent = '';
  var root = ReactDOM.createRoot(element);
  var render = function () {
    root.render(
      React.createElement(GraphiQL, {
        fetcher: fetcher,
        defaultQuery: start.document,
        defaultHeaders: headers,
        defaultEditorToolsVisibility: 'headers',
        shouldPersistHeaders: false,
        onEditHeaders: function (value) {
          try {
            if (store) {
              store.setItem('jingban:headers', value);
            }
          } catch (e) {
            // not kept
          }
          // A token replaced the placeholder: a new fetcher makes GraphiQL fetch the schema again, with the token.
          if (waitingForToken && !placeholder.test(value)) {
            waitingForToken = false;
            fetcher = newFetcher();
            render();
          } else if (placeholder.test(value)) {
            waitingForToken = true;
          }
        },
      }),
    );
  };
  render();
})();
`;

const PAGE_CSS = `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
#jingban-ide-hint { padding: 6px 12px; font-size: 14px; background: #fff8e1; border-bottom: 1px solid #e0c97f; }
#jingban-ide-hint code { background: #f3ecd4; padding: 0 4px; border-radius: 3px; }
#jingban-ide-hint a { color: #5c4400; }
#graphiql { flex: 1; min-height: 0; }
`;

/** JSON that is safe inside a `<script>` element: no `<`, `>` or `&` (so no `</script>` or `<!--`), no U+2028/9. */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** Whether the start holds a token (embedded mode hands the IDE one) rather than the placeholder. */
const holdsToken = (start: IdeStart): boolean =>
  start.headers.Authorization !== LANDING_HEADERS.Authorization;

/** Whether any variable is still a placeholder (`<…>`): the ids were not found, ForAClaim shows them. */
const holdsPlaceholders = (start: IdeStart): boolean =>
  Object.values(start.variables).some((v) => /^<.*>$/.test(v));

/** The line above GraphiQL: what to do first, which differs when the server handed the IDE a token and the ids. */
const hintHtml = (start: IdeStart): string => {
  const token = holdsToken(start)
    ? '<b>Headers</b> (bottom left) hold a demo token, the one the start line printed; a token of your own goes there in its place.'
    : 'Paste a token into <b>Headers</b> (bottom left) in place of <code>&lt;paste a token&gt;</code>: the server&#39;s start line prints one, or run <code>npm run -s token -- --role AGENCY --regions 41,51</code>.';
  const ids = holdsPlaceholders(start)
    ? ' Run <b>ForAClaim</b> for the ids the variables need.'
    : ' The variables hold the demo data&#39;s ids.';
  const sandbox = ` Online? <a href="${SANDBOX_PATH}">Apollo Sandbox</a> opens on the same operations.`;
  return `${token} What you change in Headers is kept across reloads. Pick an operation and press ▶.${ids}${sandbox}`;
};

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
<div id="jingban-ide-hint">${hintHtml(start)}</div>
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

/** Apollo's words when the Sandbox's code does not load; the page adds where the offline IDE is. */
const SANDBOX_OFFLINE =
  '<p>Apollo Sandbox cannot be loaded; it appears that you might be offline.</p>';
/** Apollo's Sandbox posts to the page's own URL; served at {@link SANDBOX_PATH}, it must post to the endpoint. */
const SANDBOX_ENDPOINT = 'var initialEndpoint = window.location.href;';
/** The Sandbox's container, which covers the page even empty (so the offline link could not be clicked). */
const SANDBOX_CONTAINER = '#embeddableSandbox {';

/**
 * Apollo Sandbox's page as @apollo/server 5 renders it (embedded, no cookies), opened on the example document and
 * variables, with three changes: it posts to `start.endpoint` wherever it is served; offline, below Apollo's "you
 * might be offline", it links the local GraphiQL; and its empty container no longer covers that link. The headers are
 * the placeholder, never a token the server handed GraphiQL: the Sandbox runs in a frame of Apollo's. Fails at start
 * if Apollo's page changed shape (the version is pinned; test/e2e/ide.e2e-spec.ts runs it).
 */
export const sandboxPage = async (start: IdeStart): Promise<string> => {
  const plugin = ApolloServerPluginLandingPageLocalDefault({
    embed: true,
    includeCookies: false,
    document: start.document,
    variables: { ...start.variables },
    headers: { ...LANDING_HEADERS },
  });
  // The landing-page plugin reads nothing of the server context.
  const listener = await plugin.serverWillStart?.({} as GraphQLServerContext);
  const landing = await listener?.renderLandingPage?.();
  const html = typeof landing?.html === 'function' ? await landing.html() : landing?.html;
  if (
    !html?.includes(SANDBOX_OFFLINE) ||
    !html.includes(SANDBOX_ENDPOINT) ||
    !html.includes(SANDBOX_CONTAINER)
  ) {
    throw new Error("Apollo Sandbox's landing page is not the one src/http/ide.ts adapts");
  }
  return html
    .replace(
      SANDBOX_OFFLINE,
      `${SANDBOX_OFFLINE}\n  <p>This server&#39;s own GraphiQL works without the internet: <a href="${GRAPHIQL_PATH}">${GRAPHIQL_PATH}</a>.</p>`,
    )
    .replace(
      SANDBOX_ENDPOINT,
      `var initialEndpoint = new URL(${JSON.stringify(start.endpoint)}, window.location.href).href;`,
    )
    .replace(
      SANDBOX_CONTAINER,
      `#embeddableSandbox:empty { display: none; }\n  ${SANDBOX_CONTAINER}`,
    );
};

/**
 * The IDEs: GraphiQL 3.8.3 served from the installed packages (no CDN: the server may sit on an isolated network,
 * Suining art. 55) at {@link GRAPHIQL_PATH}, React 18's UMD files and GraphiQL's bundle under versioned routes (cached
 * a year), its start script and style; Apollo Sandbox at {@link SANDBOX_PATH}; and a browser's GET on the endpoint
 * (one that prefers HTML) answered with the `landing` one. `start` is read at every page: what the IDEs open with can
 * change once the server runs (embedded mode hands them a token and the demo ids). Mount before the GraphQL handler.
 */
export const mountIdes = async (
  app: Express,
  start: () => IdeStart,
  options: { landing: 'graphiql' | 'sandbox' },
): Promise<void> => {
  const assets = {
    react: packageAsset('react', 'umd/react.production.min.js'),
    reactDom: packageAsset('react-dom', 'umd/react-dom.production.min.js'),
    graphiql: packageAsset('graphiql', 'graphiql.min.js'),
    css: packageAsset('graphiql', 'graphiql.min.css'),
  };
  await sandboxPage(start());
  const noStore = {
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  };
  const sendGraphiQL = (_req: Request, res: Response): void => {
    res
      .set({ 'Content-Security-Policy': GRAPHIQL_CSP, ...noStore })
      .type('html')
      .send(pageHtml(start(), assets));
  };
  const sendSandbox = (_req: Request, res: Response, next: (err?: unknown) => void): void => {
    sandboxPage(start()).then((html) => res.set(noStore).type('html').send(html), next);
  };

  app.get(GRAPHIQL_PATH, sendGraphiQL);
  app.get(SANDBOX_PATH, sendSandbox);
  app.get(start().endpoint, (req, res, next) => {
    if (req.accepts(['application/json', 'text/html']) !== 'text/html') {
      next();
    } else if (options.landing === 'sandbox') {
      sendSandbox(req, res, next);
    } else {
      sendGraphiQL(req, res);
    }
  });
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
