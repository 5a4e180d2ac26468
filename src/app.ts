import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config';
import type { Database } from './db/data-source';
import { cachingVerifier, TokenError, verifyToken } from './graphql/auth/token';
import type { Caller } from './shared/caller';
import { buildJingbanSchema } from './graphql/build-schema';
import type { Context } from './graphql/context';
import { formatError } from './graphql/errors/format-error';
import {
  LANDING_HEADERS,
  LANDING_IDS_QUERY,
  landingExample,
  landingHeaders,
  landingIdsOf,
  landingIdsVariables,
  landingVariables,
} from './graphql/landing-example';
import { createLoaders } from './graphql/loaders';
import { ReadAhead } from './graphql/read-ahead';
import { queryLimits } from './graphql/plugins/limits';
import { REQUEST_TIME_LIMIT_MS } from './graphql/plugins/time-limit';
import { loggingPlugin } from './graphql/plugins/logging.plugin';
import { rateLimitPlugin } from './graphql/plugins/rate-limit.plugin';
import { mountExports } from './http/exports';
import { graphqlHandler, isLeanGraphqlPost, type HttpErrorAnswer } from './http/graphql-handler';
import { mountIdes, type IdeStart } from './http/ide';
import { createServices, type Services } from './services';
import { yearOf } from './shared/calendar-date';
import type { Clock } from './shared/clock';
import type { Logger } from './shared/logger';

/** A 1 000-claim `submitClaims` is about 440 kB (stack.md): allow it, and not much more. */
const BODY_LIMIT = '2mb';
const READY_TIMEOUT_MS = 3_000;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
/**
 * How long a stop waits for the requests in flight: their time limit and a second to answer. Connections with no
 * request are closed at once.
 */
const STOP_GRACE_MS = REQUEST_TIME_LIMIT_MS + 1_000;

export interface AppDeps {
  readonly config: Config;
  readonly db: Database;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface App {
  readonly httpServer: http.Server;
  readonly apollo: ApolloServer<Context>;
  /** The executable schema the server runs. */
  readonly schema: GraphQLSchema;
  readonly services: Services;
  /** Builds a request context as the HTTP path does (used by in-process tests). */
  contextFor(user?: Caller, requestId?: string): Context;
  /**
   * Hands the IDEs a token (embedded mode: the one the start line prints) and, found with it on the demo data, the
   * ids the example's variables take; what is not found stays a placeholder. Answers the ids found.
   */
  prefillIde(token: string): Promise<Record<string, string>>;
  /**
   * Stops accepting connections and closes the idle ones at once, lets the requests in flight finish (at most
   * `graceMs`, by default their time limit and a second), closes the connections left, then stops Apollo; each step
   * is logged. The pool is the caller's to close.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/** The client's `x-request-id` when it is sane (so a caller can match our logs to its own), else a fresh UUID. */
const requestIdOf = (req: http.IncomingMessage): string => {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
};

/**
 * The answer to an error outside Apollo, on any route (a body the parser refuses, a fault): GraphQL-shaped, with a
 * fixed message, never the error's own text (it may hold SQL, a path or the body's content); faults are logged.
 */
const httpErrorAnswer = (err: unknown, requestId: string, logger: Logger): HttpErrorAnswer => {
  const status = (err as { status?: number } | null | undefined)?.status ?? 500;
  if (status >= 500) {
    logger.error({ err, requestId }, 'http error');
  }
  return {
    status,
    body: {
      errors: [
        {
          message:
            status === 413
              ? 'The request body is too large'
              : status < 500
                ? 'Bad request'
                : 'Internal server error',
          extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' },
        },
      ],
    },
  };
};

/** A header that still holds the IDEs' placeholder (`Bearer <paste a token>`) or another `<…>` in place of a token. */
const PLACEHOLDER = /^\s*Bearer\s+<[^<>]*>\s*$/i;

const readUser = async (
  header: string | undefined,
  verify: (token: string) => Promise<Caller>,
): Promise<{ user?: Caller; authError?: string }> => {
  if (!header) {
    return {};
  }
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) {
    return {
      authError: PLACEHOLDER.test(header)
        ? 'The token is a placeholder: put a real token in its place (the server prints one at start, or run npm run -s token)'
        : 'The Authorization header must be "Bearer <token>"',
    };
  }
  try {
    return { user: await verify(m[1]!) };
  } catch (e) {
    return { authError: e instanceof TokenError ? e.message : 'The token is not valid' };
  }
};

/**
 * The HTTP application: POST/GET /graphql (Apollo Server 5; on a browser's GET, what `IDE` chooses), / (redirects a
 * browser there), /graphiql and /sandbox (the IDEs, unless `IDE=none`), /healthz (process up), /readyz (database
 * reachable), /exports. A POST to /graphql goes from node's server straight to Apollo (http/graphql-handler.ts);
 * everything else through express 5. Not listening yet: `main.ts` or a test calls `listen`.
 */
export const createApp = async ({ config, db, clock, logger }: AppDeps): Promise<App> => {
  const services = createServices({ db: db.dataSource, clock, logger, config });
  const schema = await buildJingbanSchema(services);
  const app = express();
  app.disable('x-powered-by');
  // The request listener is attached once Apollo has started (below); the drain plugin needs the server before that.
  const httpServer = http.createServer();

  const limits = queryLimits(schema, config.production);
  const year = yearOf(clock.today());
  let ideStart: IdeStart = {
    endpoint: '/graphql',
    document: landingExample(year),
    headers: LANDING_HEADERS,
    variables: landingVariables(year),
  };
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    introspection: config.introspection,
    // main.ts handles SIGTERM and SIGINT: Apollo's own handlers would stop it concurrently, and a second stop() waits
    // for ever on Apollo 5.5 (its barrier is resolved only when the first fails), which left the process to exit by
    // itself some 10 s later with nothing closed or logged.
    stopOnTerminationSignals: false,
    plugins: [
      // No type carries a cache hint: without this, Apollo instruments every field for nothing (docs/performance.md).
      ApolloServerPluginCacheControlDisabled(),
      // The IDEs are served by http/ide.ts, Apollo Sandbox's page included.
      ApolloServerPluginLandingPageDisabled(),
      loggingPlugin(),
      rateLimitPlugin(),
      ...limits.plugins,
    ],
  });
  await apollo.start();

  const contextFor = (
    user?: Caller,
    requestId: string = randomUUID(),
    authError?: string,
  ): Context => ({
    requestId,
    user,
    authError,
    loaders: createLoaders(services, { user, requestId }),
    readAhead: new ReadAhead(),
    deadline: Date.now() + REQUEST_TIME_LIMIT_MS,
    clock,
    logger,
    db: db.dataSource,
  });

  app.use((req, res, next) => {
    const id = requestIdOf(req);
    res.locals.requestId = id;
    res.setHeader('x-request-id', id);
    next();
  });
  if (config.ide !== 'none') {
    // A browser pointed at the server's root lands in the IDE.
    app.get('/', (_req, res) => {
      res.redirect(302, ideStart.endpoint);
    });
  }
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      // A dead network can leave a query hanging: readiness answers within 3 s either way.
      await Promise.race([
        db.dataSource.query('SELECT 1'),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('readiness timeout')), READY_TIMEOUT_MS).unref(),
        ),
      ]);
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });
  if (config.ide !== 'none') {
    await mountIdes(app, () => ideStart, { landing: config.ide });
  }
  const verify = cachingVerifier(config.jwtSecret);
  /** The context of a request from its Authorization header and request id (both HTTP paths and the exports). */
  const contextOf = async (
    authorization: string | undefined,
    requestId: string,
  ): Promise<Context> => {
    const { user, authError } = await readUser(authorization, verify);
    return contextFor(user, requestId, authError);
  };
  const contextOfExpress = (req: express.Request, res: express.Response): Promise<Context> =>
    contextOf(req.headers.authorization, String(res.locals.requestId));
  // One parser for both paths: the same limit, charsets, encodings and errors whichever path a POST takes.
  const parseJson = express.json({ limit: BODY_LIMIT });
  app.use(
    '/graphql',
    parseJson,
    expressMiddleware(apollo, { context: ({ req, res }) => contextOfExpress(req, res) }),
  );
  mountExports(app, { apollo, schema, contextOf: contextOfExpress });
  app.use(
    (err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (res.headersSent) {
        next(err);
        return;
      }
      const { status, body } = httpErrorAnswer(err, String(res.locals.requestId), logger);
      res.status(status).json(body);
    },
  );
  const graphqlPost = graphqlHandler({
    apollo,
    parseJson,
    requestIdOf,
    contextOf,
    errorAnswer: (err, requestId) => httpErrorAnswer(err, requestId, logger),
    logger,
  });
  /** Requests whose answer is not finished yet (a stop waits for them). */
  let inFlight = 0;
  let allAnswered: (() => void) | undefined;
  httpServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) {
        allAnswered?.();
      }
    });
    if (isLeanGraphqlPost(req)) {
      graphqlPost(req, res);
    } else {
      void app(req, res);
    }
  });

  return {
    httpServer,
    apollo,
    schema,
    services,
    contextFor: (user, requestId) => contextFor(user, requestId),
    async prefillIde(token) {
      const user = await verifyToken(token, config.jwtSecret);
      const res = await apollo.executeOperation(
        { query: LANDING_IDS_QUERY, variables: landingIdsVariables() },
        { contextValue: contextFor(user) },
      );
      const data = res.body.kind === 'single' ? res.body.singleResult.data : undefined;
      const ids = landingIdsOf(data, year);
      ideStart = {
        ...ideStart,
        headers: landingHeaders(token),
        variables: landingVariables(year, ids),
      };
      return Object.fromEntries(
        Object.entries(ids).filter((e): e is [string, string] => e[1] !== undefined),
      );
    },
    async stop({ graceMs = STOP_GRACE_MS } = {}) {
      const began = Date.now();
      const closed = httpServer.listening
        ? new Promise<void>((resolve) => httpServer.close(() => resolve()))
        : Promise.resolve();
      httpServer.closeIdleConnections();
      logger.info({ inFlight }, 'stopping: no new connections, idle ones closed');
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        const answered = await Promise.race([
          new Promise<boolean>((resolve) => {
            allAnswered = () => resolve(true);
          }),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), graceMs);
          }),
        ]);
        clearTimeout(timer);
        logger.info(
          { ms: Date.now() - began, inFlight },
          answered ? 'stopping: requests in flight answered' : 'stopping: grace period over',
        );
      }
      // Keep-alive connections that served the last requests, and any request still running after the grace period.
      httpServer.closeAllConnections();
      await closed;
      logger.info({ ms: Date.now() - began }, 'stopping: HTTP server closed');
      await apollo.stop();
      logger.info({ ms: Date.now() - began }, 'stopping: GraphQL server stopped');
    },
  };
};
