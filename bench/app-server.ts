import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { SystemClock } from '../src/shared/clock';
import { createLogger } from '../src/shared/logger';
import type { ChildMessage, ParentMessage } from './children';

/**
 * The subject server of the bench, run as a child process so that its memory is its own: the real application
 * (`createApp` of src/app.ts on the configuration of the environment, as src/main.ts starts it), listening on a free
 * loopback port. Every statement its pool sends is counted by wrapping pg's `Client.prototype.query` (TypeORM's
 * postgres driver queries through pg clients), so the parent can ask how many statements a request took.
 */
let statements = 0;
/** The texts of the statements since the parent last asked (at most 50, for the report). */
let texts: string[] = [];
const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const query = proto.query;
proto.query = function (this: unknown, ...args: unknown[]): unknown {
  statements += 1;
  const q = args[0];
  const text = typeof q === 'string' ? q : (q as { text?: unknown } | null)?.text;
  if (typeof text === 'string' && texts.length < 50) {
    texts.push(text.replace(/\s+/g, ' ').trim());
  }
  return query.apply(this, args);
};

const send = (m: ChildMessage): void => {
  process.send?.(m);
};

const main = async (): Promise<void> => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config);
  const app = await createApp({ config, db, clock: new SystemClock(), logger });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  process.on('message', (m: ParentMessage) => {
    if (m.type === 'statements') {
      send({ type: 'statements', count: statements, texts });
      texts = [];
    } else if (m.type === 'stop') {
      void (async () => {
        await app.stop();
        await db.close();
        process.exit(0);
      })();
    }
  });
  send({ type: 'ready', urls: { graphql: `http://127.0.0.1:${port}/graphql` } });
};

main().catch((e: unknown) => {
  process.stderr.write(`app-server: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
