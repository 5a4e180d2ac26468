import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config';
import type { Database } from './db/data-source';
import { cachingVerifier, TokenError } from './graphql/auth/token';
import type { Caller } from './shared/caller';
import { buildJingbanSchema } from './graphql/build-schema';
import type { Context } from './graphql/context';
import { formatError } from './graphql/errors/format-error';
import { LANDING_HEADERS, landingExample, landingVariables } from './graphql/landing-example';
import { createLoaders } from './graphql/loaders';
import { ReadAhead } from './graphql/read-ahead';
import { queryLimits } from './graphql/plugins/limits';
import { REQUEST_TIME_LIMIT_MS } from './graphql/plugins/time-limit';
import { loggingPlugin } from './graphql/plugins/logging.plugin';
import { mountExports } from './http/exports';
import { graphqlHandler, isLeanGraphqlPost, type HttpErrorAnswer } from './http/graphql-handler';
import { mountGraphiQL } from './http/ide';
import { createServices, type Services } from './services';
import { yearOf } from './shared/calendar-date';
import type { Clock } from './shared/clock';
import type { Logger } from './shared/logger';

/** A 1 000-claim `submitClaims` is about 440 kB (stack.md): allow it, and not much more. */
const BODY_LIMIT = '2mb';
const READY_TIMEOUT_MS = 3_000;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

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
  /** Stops taking requests, lets in-flight ones finish, then stops Apollo (the pool is the caller's to close). */
  stop(): Promise<void>;
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

const readUser = async (
  header: string | undefined,
  verify: (token: string) => Promise<Caller>,
): Promise<{ user?: Caller; authError?: string }> => {
  if (!header) {
    return {};
  }
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) {
    return { authError: 'The Authorization header must be "Bearer <token>"' };
  }
  try {
    return { user: await verify(m[1]!) };
  } catch (e) {
    return { authError: e instanceof TokenError ? e.message : 'The token is not valid' };
  }
};

/**
 * The HTTP application: POST/GET /graphql (Apollo Server 5; on a browser's GET, what `IDE` chooses), /graphiql (the
 * offline GraphiQL, unless `IDE=none`), /healthz (process up), /readyz (database reachable), /exports. A POST to
 * /graphql goes from node's server straight to Apollo (http/graphql-handler.ts; docs/architecture.md); everything else
 * through express 5. Not listening yet: `main.ts` or a test calls `listen`.
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
  const ideStart = {
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
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No type carries a cache hint: without this, Apollo instruments every field for nothing (docs/performance.md).
      ApolloServerPluginCacheControlDisabled(),
      config.ide === 'sandbox'
        ? ApolloServerPluginLandingPageLocalDefault({
            embed: true,
            includeCookies: false,
            document: ideStart.document,
            variables: ideStart.variables,
            headers: { ...ideStart.headers },
          })
        : ApolloServerPluginLandingPageDisabled(),
      loggingPlugin(),
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
    mountGraphiQL(app, ideStart, { onGraphql: config.ide === 'graphiql' });
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
  httpServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
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
    async stop() {
      await apollo.stop();
    },
  };
};
