import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import type { Database } from '../../src/db/data-source';
import { Role, type Caller } from '../../src/shared/caller';
import { signToken } from '../../src/graphql/auth/token';
import { FixedClock, type Clock } from '../../src/shared/clock';
import { createLogger, type Logger } from '../../src/shared/logger';
import { openTestDatabase } from './test-db';

const KEY = 'ab'.repeat(32);

/** A test configuration: fixed keys, never the developer's ./.data. */
export const testConfig = (overrides: Record<string, string> = {}): Config =>
  loadConfig({
    DATABASE_URL: 'postgres://unused',
    JWT_SECRET: 'test-secret-test-secret-test-secret-!',
    PII_ENC_KEY: KEY,
    PII_HMAC_KEY: 'cd'.repeat(32),
    LOG_LEVEL: 'silent',
    ...overrides,
  });

export interface GqlResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: unknown; extensions?: Record<string, unknown> }>;
}

export interface TestApp {
  readonly app: App;
  readonly db: Database;
  readonly config: Config;
  /** Runs an operation in-process (no HTTP) as `user` (none: anonymous). */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    user?: Caller,
  ): Promise<GqlResult<T>>;
  /** Starts listening on a free loopback port; returns the base URL. */
  listen(): Promise<string>;
  token(user: Caller): Promise<string>;
  close(): Promise<void>;
}

export const agency = (regions: string[] = ['41', '51']): Caller => ({
  sub: 'test-agency',
  role: Role.AGENCY,
  regions,
});
export const insurer = (org: string, regions: string[] = ['41']): Caller => ({
  sub: 'test-insurer',
  role: Role.INSURER,
  org,
  regions,
});
export const institution = (org: string, regions: string[] = ['41']): Caller => ({
  sub: 'test-institution',
  role: Role.INSTITUTION,
  org,
  regions,
});
export const reporting = (regions: string[] = ['41']): Caller => ({
  sub: 'test-reporting',
  role: Role.REPORTING,
  regions,
});

/**
 * A clock a test moves for the few steps that happen on another day (a declaration is never dated in the future,
 * rules.md §3.4: a claim declared in 2025 is submitted on a 2025 day).
 */
export class MovableClock implements Clock {
  constructor(private day: string) {}
  now(): Date {
    return new Date(`${this.day}T12:00:00+08:00`);
  }
  today(): string {
    return this.day;
  }
  /** Runs `work` with today set to `day`, then puts the day back. */
  async on<T>(day: string, work: () => Promise<T>): Promise<T> {
    const was = this.day;
    this.day = day;
    try {
      return await work();
    } finally {
      this.day = was;
    }
  }
}

/** A migrated database and a server on it, as `main.ts` builds them, with a fixed clock. */
export const startTestApp = async (
  options: { clock?: Clock; env?: Record<string, string>; logger?: Logger } = {},
): Promise<TestApp> => {
  const config = testConfig(options.env);
  const db = await openTestDatabase();
  const logger = options.logger ?? createLogger('silent');
  const app = await createApp({
    config,
    db,
    clock: options.clock ?? new FixedClock('2024-06-15'),
    logger,
  });
  let listening = false;
  return {
    app,
    db,
    config,
    async gql<T>(query: string, variables?: Record<string, unknown>, user?: Caller) {
      const res = await app.apollo.executeOperation(
        { query, variables },
        { contextValue: app.contextFor(user) },
      );
      if (res.body.kind !== 'single') {
        throw new Error('incremental delivery not expected');
      }
      return res.body.singleResult as GqlResult<T>;
    },
    async listen() {
      await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
      listening = true;
      return `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
    },
    token: (user: Caller) =>
      signToken(
        { sub: user.sub, role: user.role, regions: user.regions, org: user.org },
        config.jwtSecret,
      ),
    async close() {
      if (listening) {
        await app.stop();
      } else {
        await app.apollo.stop();
      }
      await db.close();
    },
  };
};
