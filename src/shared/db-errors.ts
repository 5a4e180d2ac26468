/** True for a PostgreSQL unique violation (SQLSTATE 23505), optionally of one named constraint. */
export const isUniqueViolation = (e: unknown, constraint?: string): boolean => {
  const err = e as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = err?.code ?? err?.driverError?.code;
  const name = err?.constraint ?? err?.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
};

/** True for an error a transaction may simply be retried after: a deadlock (40P01) or a serialization failure (40001). */
export const isRetryable = (e: unknown): boolean => {
  const err = e as { code?: string; driverError?: { code?: string } };
  const code = err?.code ?? err?.driverError?.code;
  return code === '40P01' || code === '40001';
};

/** Runs `work`, again up to `attempts − 1` times while it fails with a retryable error. */
export const withRetry = async <T>(work: () => Promise<T>, attempts = 3): Promise<T> => {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (e) {
      if (i >= attempts || !isRetryable(e)) {
        throw e;
      }
    }
  }
};
