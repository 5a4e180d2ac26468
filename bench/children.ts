import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';

/** Messages from the parent to a bench server process. */
export type ParentMessage = { type: 'statements' } | { type: 'stop' };

/** Messages from a bench server process to the parent. */
export type ChildMessage =
  | { type: 'ready'; urls: Record<string, string> }
  | { type: 'statements'; count: number; texts: string[] };

/** A bench server in a child process: its pid (for /proc), its URLs, and a request/answer channel. */
export interface ServerChild {
  readonly pid: number;
  readonly urls: Record<string, string>;
  ask<T extends ChildMessage['type']>(
    question: ParentMessage,
    answer: T,
  ): Promise<Extract<ChildMessage, { type: T }>>;
  stop(): Promise<void>;
}

/**
 * Starts `dist/bench/<script>.js` (or the file at `script` when it is an absolute path) with `env` (not the parent's
 * environment), its stdout going to `log` and its stderr to ours, and waits for its `ready` message. `execPath` is
 * the Node.js binary to run it on (default: this process's).
 */
export const startChild = async (
  script: string,
  env: Record<string, string>,
  log: string,
  opts: { execPath?: string } = {},
): Promise<ServerChild> => {
  const out = openSync(log, 'a');
  const file = path.isAbsolute(script) ? script : path.join(__dirname, `${script}.js`);
  const child: ChildProcess = fork(file, [], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', out, 'inherit', 'ipc'],
    ...(opts.execPath ? { execPath: opts.execPath } : {}),
  });
  closeSync(out);
  const waiting = new Map<string, (m: ChildMessage) => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<Record<string, string>>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`${script} exited with ${code} before it was ready`)),
    );
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') {
        resolve(m.urls);
        return;
      }
      const w = waiting.get(m.type);
      waiting.delete(m.type);
      w?.(m);
    });
  });
  const urls = await ready;
  return {
    pid: child.pid!,
    urls,
    ask: (question, answer) =>
      new Promise((resolve) => {
        waiting.set(answer, resolve as (m: ChildMessage) => void);
        child.send(question);
      }),
    async stop() {
      if (child.exitCode === null) {
        child.send({ type: 'stop' } satisfies ParentMessage);
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
};
