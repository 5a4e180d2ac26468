import net from 'node:net';
import { agency, startTestApp, type TestApp } from '../helpers/test-app';

/** Opens a raw connection to the server (so the test decides when each byte goes). */
const connect = (base: string): Promise<net.Socket> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const socket = net.connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });

const closed = (socket: net.Socket): Promise<void> =>
  new Promise((resolve) => {
    if (socket.destroyed) {
      resolve();
    } else {
      socket.once('close', () => resolve());
    }
  });

const settled = <T>(p: Promise<T>): { done: boolean } => {
  const state = { done: false };
  void p.finally(() => {
    state.done = true;
  });
  return state;
};

/**
 * `app.stop()`: idle connections closed at once, requests in flight answered before their connections close, and a
 * request still running after the grace period cut off, so that a stop ends.
 */
describe('stopping the HTTP server', () => {
  let t: TestApp;
  let base: string;

  beforeEach(async () => {
    t = await startTestApp();
    base = await t.listen();
  });
  afterEach(async () => {
    await t.db.close();
  });

  /** A POST /graphql whose headers are sent and whose body is not: a request in flight until `finish` is called. */
  const halfSent = async () => {
    const token = await t.token(agency());
    const body = JSON.stringify({ query: '{ isWorkingDay(date: "2024-04-28") }' });
    const socket = await connect(base);
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 200));
    return {
      socket,
      finish: () => socket.write(body.slice(10)),
      answer: () => answer,
    };
  };

  /** A keep-alive connection that has been answered once and waits for its next request. */
  const idleConnection = async () => {
    const idle = await connect(base);
    idle.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((r) => idle.once('data', r));
    return idle;
  };

  it('closes an idle keep-alive connection at once and stops in well under a second', async () => {
    const idle = await idleConnection();
    const began = Date.now();
    await t.app.stop();
    await closed(idle);
    expect(Date.now() - began).toBeLessThan(1_000);
  });

  it('lets a request in flight finish and answers it before closing its connection', async () => {
    const idle = await idleConnection();
    const inFlight = await halfSent();
    const stopping = t.app.stop({ graceMs: 10_000 });
    const state = settled(stopping);
    await closed(idle);
    await new Promise((r) => setTimeout(r, 300));
    expect(state.done).toBe(false);
    inFlight.finish();
    await stopping;
    await closed(inFlight.socket);
    expect(inFlight.answer()).toMatch(/^HTTP\/1\.1 200 /);
    expect(inFlight.answer()).toContain('{"data":{"isWorkingDay":true}}');
    // No new connection is taken.
    await expect(connect(base)).rejects.toThrow();
  });

  it('cuts off a request still running after the grace period', async () => {
    const inFlight = await halfSent();
    const began = Date.now();
    await t.app.stop({ graceMs: 500 });
    await closed(inFlight.socket);
    expect(Date.now() - began).toBeGreaterThanOrEqual(450);
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(inFlight.answer()).toBe('');
  });
});
