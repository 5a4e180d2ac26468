import { Writable } from 'node:stream';
import type { Caller } from '../../src/shared/caller';
import { chinaDateOf, type Clock } from '../../src/shared/clock';
import { createLogger, type Logger } from '../../src/shared/logger';
import type { GqlResult, TestApp } from '../helpers/test-app';

/** An HTTP answer as a probe sees it. */
export interface HttpAnswer<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: GqlResult<T>;
}

/**
 * A caller from outside: POSTs GraphQL over HTTP to the server a test started, with a bearer token of `user`, on the
 * lean path (`/graphql`, past express) or the express path (`/graphql/`).
 */
export interface Probe {
  post<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    user?: Caller,
    path?: '/graphql' | '/graphql/',
  ): Promise<HttpAnswer<T>>;
}

export const probeOf = async (t: TestApp): Promise<Probe> => {
  const base = await t.listen();
  const tokens = new Map<string, string>();
  const tokenOf = async (user: Caller): Promise<string> => {
    const key = JSON.stringify(user);
    let token = tokens.get(key);
    if (!token) {
      token = await t.token(user);
      tokens.set(key, token);
    }
    return token;
  };
  return {
    async post<T>(
      query: string,
      variables: Record<string, unknown>,
      user?: Caller,
      path: '/graphql' | '/graphql/' = '/graphql',
    ) {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(user ? { authorization: `Bearer ${await tokenOf(user)}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as GqlResult<T> };
    },
  };
};

/** The data of an answer that must have succeeded. */
export const ok = <T>(a: HttpAnswer<T> | GqlResult<T>): T => {
  const body = 'body' in a ? a.body : a;
  if (body.errors?.length || !body.data) {
    throw new Error(`operation failed: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
};

/** A clock the test moves by hand (the look-up limit's window), starting at noon China time on `day`. */
export class HandClock implements Clock {
  private ms: number;
  constructor(day: string) {
    this.ms = new Date(`${day}T12:00:00+08:00`).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  today(): string {
    return chinaDateOf(this.now());
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A logger whose every line is kept, as the server would write it (the same redaction and clearing). */
export const capturedLogger = (): { logger: Logger; lines: string[] } => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
};

/** A whole resident ID number, or a mask of one (any of the forms this server has shown). */
export const ID_NUMBER_OR_MASK = /\d{17}[\dXx]|\d{6}\*{4,}\d{0,3}[\dXx]/;
