/** The answer of {@link SlidingWindowLimiter.take}. */
export type RateDecision =
  | { readonly ok: true }
  /** Refused: the earliest moment the caller may try again, in whole seconds from now (at least 1). */
  | { readonly ok: false; readonly retryAfterSeconds: number };

/** How many takes pass between two sweeps of callers whose window has emptied. */
const SWEEP_EVERY = 1024;

/**
 * At most `limit` takes per key in any window of `windowMs` milliseconds (a sliding-window log: each key keeps the
 * instants of its last `limit` takes). Used for look-ups by ID number, 60 a minute per caller (rules.md §2).
 *
 * A take is decided and counted in one synchronous step, with no await between the check and the count: concurrent
 * requests of one caller in this process are counted exactly, whatever order their resolvers run in. The count lives
 * in this process's memory: every server process counts on its own (docs/security.md, "Look-ups by ID number").
 *
 * The time comes from `now` (the server's clock; tests drive it by hand instead of sleeping).
 */
export class SlidingWindowLimiter {
  private readonly takes = new Map<string, number[]>();
  private sinceSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number,
  ) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError('limit must be a positive integer');
    }
    if (!(windowMs > 0)) {
      throw new RangeError('windowMs must be positive');
    }
  }

  /** Counts one take for `key` if the window allows it; else refuses, with the wait until a take leaves the window. */
  take(key: string): RateDecision {
    const now = this.now();
    if (++this.sinceSweep >= SWEEP_EVERY) {
      this.sweep(now);
    }
    const since = now - this.windowMs;
    let log = this.takes.get(key);
    if (!log) {
      log = [];
      this.takes.set(key, log);
    }
    // The log is in time order: drop what has left the window.
    let expired = 0;
    while (expired < log.length && log[expired]! <= since) {
      expired++;
    }
    if (expired > 0) {
      log.splice(0, expired);
    }
    if (log.length >= this.limit) {
      const waitMs = log[0]! + this.windowMs - now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    log.push(now);
    return { ok: true };
  }

  /** Forgets the keys whose takes have all left the window (so idle callers cost no memory). */
  private sweep(now: number): void {
    this.sinceSweep = 0;
    const since = now - this.windowMs;
    for (const [key, log] of this.takes) {
      if (log.length === 0 || log[log.length - 1]! <= since) {
        this.takes.delete(key);
      }
    }
  }

  /** How many keys are remembered (for tests). */
  get size(): number {
    return this.takes.size;
  }
}
