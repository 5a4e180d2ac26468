import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Preloaded into the importer (`node -r dist/bench/rss-probe.js dist/src/cli/import-claims.js …`): when the process
 * exits, writes its peak resident set (`VmHWM` of /proc/self/status, in kB) to the file named by BENCH_RSS_OUT. The
 * importer calls process.exit, which runs 'exit' listeners, so the kernel's own peak is read at the very end.
 */
const out = process.env.BENCH_RSS_OUT;
if (out) {
  process.on('exit', () => {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
      if (kb) {
        writeFileSync(out, kb);
      }
    } catch {
      // No /proc: the parent falls back on its own samples.
    }
  });
}
