import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Milliseconds since `start` (from {@link now}), to 0.01 ms. */
export const now = (): bigint => process.hrtime.bigint();
export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** The p-th percentile (0–100) of `values` by linear interpolation between closest ranks; NaN when empty. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
};

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Rounds to `digits` decimals (for the report, not for computing). */
export const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/**
 * A process's memory from `/proc/<pid>/status` (Linux): `VmHWM` is the peak resident set size since the process
 * started, `VmRSS` the current one; in MiB. Null when the process is gone or /proc is not there.
 */
export const procMemoryMb = (pid: number | 'self'): { peakMb: number; rssMb: number } | null => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]);
    const peak = kb('VmHWM');
    const rss = kb('VmRSS');
    return Number.isFinite(peak)
      ? { peakMb: round(peak / 1024, 1), rssMb: round(rss / 1024, 1) }
      : null;
  } catch {
    return null;
  }
};

/**
 * Samples a process's resident set every `everyMs` until stopped, keeping the largest `VmHWM` seen (the kernel's own
 * peak, so a spike between two samples still counts while the process lives).
 */
export const rssSampler = (pid: number, everyMs = 200) => {
  let peakMb = 0;
  const sample = () => {
    const m = procMemoryMb(pid);
    if (m) {
      peakMb = Math.max(peakMb, m.peakMb);
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop(): number {
      sample();
      clearInterval(timer);
      return peakMb;
    },
  };
};

/** The machine a run was measured on. */
export const machineInfo = (postgresVersion: string) => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryMb: Math.round(os.totalmem() / 2 ** 20),
  loadAverage: os.loadavg().map((x) => round(x, 2)),
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  postgres: postgresVersion,
});

/** Writes a line to stderr (progress and phase messages; stdout carries only the result line). */
export const say = (msg: string): void => {
  process.stderr.write(`bench: ${msg}\n`);
};

/** Yields to the event loop so sockets can drain while a long computation runs. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
