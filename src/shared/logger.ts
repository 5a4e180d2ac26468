import pino, { type Logger } from 'pino';
import { withoutIdNumbers } from './id-number-text';

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
 * authorization headers and `idNumber` fields are redacted, and every finished line is cleared of anything shaped like
 * a resident ID number, whole or masked (rules.md §2: the logs hold no ID number at all), wherever it stood — an
 * error's message or stack, a statement's parameters, a value nobody thought of.
 */
export const createLogger = (level: string, destination?: pino.DestinationStream): Logger =>
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
      hooks: { streamWrite: withoutIdNumbers },
    },
    destination ?? (level === 'silent' ? undefined : stdout()),
  );
