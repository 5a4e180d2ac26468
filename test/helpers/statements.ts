import type { DataSource } from 'typeorm';
import { primaryPoolOf } from '../../src/db/fast/primary-pool';

/**
 * The SQL statements sent to the primary while `run` runs. TypeORM's query runners, `readRows` and raw
 * `dataSource.query` all check a node-postgres client out of the primary's pool (`primaryPoolOf`: a pg Pool on
 * PostgreSQL, over PGlite's node-postgres adapter in embedded mode); `connect` is wrapped so that every client it
 * hands out has its `query` wrapped once, so nothing reaches the database unseen.
 */
export const statementsOf = async (
  db: DataSource,
  run: () => Promise<unknown>,
): Promise<string[]> => {
  type Query = (...args: unknown[]) => unknown;
  interface Client {
    query: Query;
  }
  type Callback = (err: unknown, client: Client | undefined, release: unknown) => void;
  interface Pool {
    connect(cb?: Callback): unknown;
  }
  const pool = primaryPoolOf(db) as unknown as Pool | undefined;
  if (!pool) {
    throw new Error('no primary pool');
  }
  const seen: string[] = [];
  const wrapped = new WeakSet<Client>();
  const restore: Array<() => void> = [];
  const wrap = (client: Client | undefined) => {
    if (client && !wrapped.has(client)) {
      const hadOwn = Object.hasOwn(client, 'query');
      const previous = client.query;
      client.query = (...args: unknown[]) => {
        const first = args[0];
        seen.push(
          typeof first === 'string'
            ? first
            : ((first as { text?: string } | undefined)?.text ?? JSON.stringify(first)),
        );
        return previous.apply(client, args);
      };
      wrapped.add(client);
      restore.push(() => {
        if (hadOwn) {
          client.query = previous;
        } else {
          delete (client as { query?: Query }).query;
        }
      });
    }
    return client;
  };
  const connect = pool.connect.bind(pool);
  pool.connect = (cb?: Callback) => {
    if (!cb) {
      return (connect() as Promise<Client>).then(wrap);
    }
    return connect((err, client, release) => cb(err, wrap(client), release));
  };
  try {
    await run();
  } finally {
    pool.connect = connect;
    restore.forEach((r) => r());
  }
  return seen;
};
