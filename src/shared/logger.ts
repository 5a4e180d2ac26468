import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Standard output, written in the background in blocks of 4 kB or every half second, whichever comes first, instead of
 * one blocking write per line (docs/performance.md: a request's log line cost more than its body parsing). pino flushes
 * what is left when the process exits, by `process.exit`, a signal handled by main.ts, an uncaught exception or an
 * unhandled rejection; a SIGKILL, an abort or V8 running out of memory can lose the last 4 kB or half second of lines.
 * A stalled stdout no longer blocks the server: the lines wait in memory instead.
 */
const stdout = () =>
  pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 500 });

/**
 * Structured JSON logs (runtime.md: `LOG_LEVEL`). Request lines carry the request id, the user and the operation;
 * authorization headers and personal numbers are redacted wherever they would appear.
 */
export const createLogger = (level: string): Logger =>
  pino(
    {
      level,
      base: { service: 'jingban' },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          '*.idNumber',
          'variables.*.idNumber',
        ],
        censor: '[redacted]',
      },
    },
    level === 'silent' ? undefined : stdout(),
  );
