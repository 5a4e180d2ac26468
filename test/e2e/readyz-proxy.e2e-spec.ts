import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createApp, type App } from '../../src/app';
import { openPostgres, type Database } from '../../src/db/data-source';
import { FixedClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { testConfig } from '../helpers/test-app';
import { onRealPostgres } from '../helpers/test-db';

const maybe = onRealPostgres() ? describe : describe.skip;

/** A loopback TCP proxy to the shared PostgreSQL that the test can cut and restore (never stop the real server). */
class Proxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) {
      s.destroy();
    }
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server = null;
  }
}

/**
 * /readyz follows the database (docs/security.md, "Faults"): false while it is unreachable, true again after, no
 * restart.
 */
maybe('/readyz through a cut connection', () => {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `jingban_t_ready_${randomBytes(4).toString('hex')}`;
  let proxy: Proxy;
  let db: Database;
  let app: App;
  let url: string;

  beforeAll(async () => {
    const admin = new Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const direct = new URL(base.toString());
    direct.pathname = `/${name}`;
    const migrate = await openPostgres(direct.toString());
    await migrate.dataSource.runMigrations({ transaction: 'each' });
    await migrate.close();

    const free = net.createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const port = (free.address() as net.AddressInfo).port;
    await new Promise<void>((r) => free.close(() => r()));
    proxy = new Proxy({ host: base.hostname, port: Number(base.port || 5432) }, port);
    await proxy.open();
    const viaProxy = new URL(direct.toString());
    viaProxy.host = `127.0.0.1:${port}`;
    db = await openPostgres(viaProxy.toString());
    app = await createApp({
      config: testConfig(),
      db,
      clock: new FixedClock('2024-06-15'),
      logger: createLogger('silent'),
    });
    await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(app.httpServer.address() as net.AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await proxy.cut();
    await app.stop();
    await db.close().catch(() => undefined);
    const admin = new Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  const ready = async () => (await fetch(`${url}/readyz`)).status;
  const eventually = async (status: number) => {
    for (let i = 0; i < 20; i++) {
      if ((await ready()) === status) {
        return status;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return ready();
  };

  it('answers 200, then 503 while the connection is cut (health stays 200), then 200 again without a restart', async () => {
    expect(await ready()).toBe(200);
    await proxy.cut();
    expect(await eventually(503)).toBe(503);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await proxy.open();
    expect(await eventually(200)).toBe(200);
  }, 60_000);
});
