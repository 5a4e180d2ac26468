import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs (runtime.md: `LOG_LEVEL`). Request lines carry the request id, the user and the operation;
 * authorization headers and personal numbers are redacted wherever they would appear.
 */
export const createLogger = (level: string): Logger =>
  pino({
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
  });
