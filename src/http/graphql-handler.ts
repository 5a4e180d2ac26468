import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'node:url';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Context } from '../graphql/context';
import type { Logger } from '../shared/logger';

/**
 * `POST /graphql` straight from node's HTTP server to Apollo, past express (docs/architecture.md; why:
 * docs/performance.md). Express's router (a dozen layers matched per request), `res.send` and the express 5 integration
 * took about a tenth of the CPU of a small query, which the `startStandaloneServer` baseline does not pay. Everything
 * else (GET /graphql and its landing page, /graphiql, /healthz, /readyz, /exports, any other method or path) still goes
 * through express, as before.
 *
 * The answers are those of the express path, status, headers and body alike (test/e2e/platform.e2e-spec.ts compares
 * the two): the same request id, the same body parser instance (so the same 2 MB limit, charsets, encodings and parse
 * errors), the same error answers, the HTTP request Apollo sees built as @as-integrations/express5 builds it, and the
 * complete body sent with what express's `res.send` adds ({@link sendString}). What the app decides (request id,
 * context, error answer, limits) is handed in by `app.ts`, which uses the same functions on its express path: nothing
 * here is a second copy of it.
 */

/** A JSON answer to an error that happened outside Apollo (the body parser's, or a fault). */
export interface HttpErrorAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface GraphqlHandlerDeps {
  readonly apollo: ApolloServer<Context>;
  /** Reads the JSON body into `req.body`: the very `express.json()` instance the express path mounts. */
  readonly parseJson: (
    req: IncomingMessage,
    res: ServerResponse,
    next: (err?: unknown) => void,
  ) => void;
  readonly requestIdOf: (req: IncomingMessage) => string;
  readonly contextOf: (authorization: string | undefined, requestId: string) => Promise<Context>;
  /** The answer to an error outside Apollo; logs what needs logging. */
  readonly errorAnswer: (err: unknown, requestId: string) => HttpErrorAnswer;
  readonly logger: Logger;
}

/** What the express 5 integration answers when `req.body` is absent; kept word for word. */
const BODY_NOT_SET =
  '`req.body` is not set; this probably means you forgot to set up the ' +
  '`json` middleware before the Apollo Server middleware.';

/**
 * The requests this handler takes: method POST on exactly `/graphql`, with or without a query string. The rest, even
 * what express would also route to Apollo (`/graphql/`, `/GraphQL`, an absolute-form target), goes to express as
 * before: those are rare, and leaving them there means no second copy of express's path matching.
 */
export const isLeanGraphqlPost = (req: IncomingMessage): boolean =>
  req.method === 'POST' &&
  req.url !== undefined &&
  (req.url === '/graphql' || req.url.startsWith('/graphql?'));

/**
 * The Content-Type of a string answer as express's `res.send` makes it: the charset set to utf-8. For the two types
 * Apollo answers a POST with (`application/json` and `application/graphql-response+json`, both already
 * `; charset=utf-8`) this is the type unchanged, as with express; other types get any charset replaced.
 */
const withUtf8Charset = (type: string): string =>
  /; charset=utf-8$/.test(type) && type.indexOf(';') === type.lastIndexOf(';')
    ? type
    : `${type.replace(/;\s*charset=("[^"]*"|[^;]*)/gi, '')}; charset=utf-8`;

/**
 * Ends `res` with `body` as express's `res.send(string)` does (the express 5 integration sends complete answers with
 * it, and error answers go out through `res.json`, which calls it): `Content-Type` with charset utf-8 (text/html when
 * none was set) and `Content-Length`. No ETag, which express would add: a POST answer is never cached or revalidated,
 * and hashing every answer for it cost more than the rest of this function (docs/performance.md). Its other special
 * cases do not arise here: the request is a POST (never fresh, never HEAD), and Apollo answers it with 200, 4xx or 5xx
 * (never 204, 205 or 304).
 */
const sendString = (res: ServerResponse, body: string): void => {
  const type = res.getHeader('content-type');
  res.setHeader(
    'Content-Type',
    typeof type === 'string' ? withUtf8Charset(type) : 'text/html; charset=utf-8',
  );
  const chunk = Buffer.from(body, 'utf8');
  res.setHeader('Content-Length', chunk.length);
  res.end(chunk);
};

/** The request listener for the requests {@link isLeanGraphqlPost} accepts. */
export const graphqlHandler = (
  deps: GraphqlHandlerDeps,
): ((req: IncomingMessage, res: ServerResponse) => void) => {
  const { apollo, parseJson, requestIdOf, contextOf, errorAnswer, logger } = deps;

  const fail = (req: IncomingMessage, res: ServerResponse, requestId: string, err: unknown) => {
    let unanswered = err;
    if (!res.headersSent) {
      try {
        const { status, body } = errorAnswer(err, requestId);
        // As express's `res.status(status).json(body)`: a Content-Type already set (by Apollo) is kept.
        res.statusCode = status;
        if (!res.hasHeader('content-type')) {
          res.setHeader('Content-Type', 'application/json; charset=utf-8');
        }
        sendString(res, JSON.stringify(body));
        return;
      } catch (e) {
        // Called from a callback or a promise's catch: a throw here would take the process down.
        unanswered = e;
      }
    }
    // As express's final handler does with an error after the answer has started: cut the connection, so the client
    // sees a broken answer rather than a complete-looking one. (Express printed the stack on stderr; we log it.)
    logger.error({ err: unanswered, requestId }, 'http error, connection cut');
    req.socket.destroy();
  };

  /** Runs the parsed request through Apollo and sends the answer, as @as-integrations/express5 1.1.2 does. */
  const execute = async (
    req: IncomingMessage & { body?: unknown },
    res: ServerResponse,
    requestId: string,
  ): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) {
        headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers,
        // The integration's own way to cut the query string off (a POST's is not read, but plugins may see it).
        search: parse(req.url ?? '').search ?? '',
        body: req.body,
      },
      context: () => contextOf(req.headers.authorization, requestId),
    });
    for (const [key, value] of response.headers) {
      res.setHeader(key, value);
    }
    res.statusCode = response.status || 200;
    if (response.body.kind === 'complete') {
      sendString(res, response.body.string);
      return;
    }
    // Incremental delivery: written as it comes, no length, no ETag (the integration writes it so too).
    for await (const chunk of response.body.asyncIterator) {
      res.write(chunk);
    }
    res.end();
  };

  return (req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const onError = (err: unknown): void => fail(req, res, requestId, err);
    try {
      parseJson(req, res, (err) => {
        if (err) {
          onError(err);
          return;
        }
        if (!('body' in req)) {
          // The parser skips a request that has already finished (its client went away): the integration's answer.
          res.statusCode = 500;
          sendString(res, BODY_NOT_SET);
          return;
        }
        execute(req, res, requestId).catch(onError);
      });
    } catch (err) {
      // Express's router answers a middleware's throw as an error (none is known of the parser): so does this.
      onError(err);
    }
  };
};
