import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Pool } from 'pg';
import { planClaims, samplePersons, toImportLine } from './adjudication';
import { msSince, now, rssSampler, round } from './measure';
import type { Province } from './province';

export interface ImportRun {
  readonly lines: number;
  readonly peakRssMb: number;
  readonly seconds: number;
  readonly linesPerSecond: number;
  readonly summary: Record<string, unknown>;
}

/**
 * An NDJSON declaration file of `lines` new claims (SubmitClaimInput field names, amounts as strings) over existing
 * persons of the province, written with back-pressure so the bench itself stays small.
 */
export const writeImportFile = async (
  province: Province,
  pool: Pool,
  file: string,
  lines: number,
  tag: string,
): Promise<void> => {
  const persons = await samplePersons(
    pool,
    province.ref.year,
    Math.min(lines, 50_000),
    `imp-${tag}`,
  );
  const out = createWriteStream(file);
  const block = 1_000;
  for (let from = 0; from < lines; from += block) {
    const n = Math.min(block, lines - from);
    const who = Array.from({ length: n }, (_, k) => persons[(from + k) % persons.length]!);
    const planned = planClaims(province, who, `IMP-${tag}`, 9_000 + from).map((c, k) => ({
      ...c,
      sn: `IMP-${tag}-${String(from + k).padStart(8, '0')}`,
    }));
    if (!out.write(`${planned.map((c) => toImportLine(province, c)).join('\n')}\n`)) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
};

/**
 * Runs the importer (`npm run import:claims` is `node dist/src/cli/import-claims.js FILE` after the build) as a child
 * process on the bench database, as AGENCY of every region, and reads its peak resident set: the kernel's `VmHWM`
 * written at exit by bench/rss-probe.js, and /proc samples every 200 ms as a fallback.
 */
export const runImporter = async (
  file: string,
  lines: number,
  env: Record<string, string>,
  root: string,
): Promise<ImportRun> => {
  const probeOut = `${file}.rss`;
  const t = now();
  const child = spawn(
    process.execPath,
    [
      '-r',
      path.join(root, 'dist/bench/rss-probe.js'),
      path.join(root, 'dist/src/cli/import-claims.js'),
      file,
    ],
    {
      env: { PATH: process.env.PATH ?? '', ...env, BENCH_RSS_OUT: probeOut },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const sampler = rssSampler(child.pid!, 200);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-2_000)));
  const [code] = (await once(child, 'exit')) as [number | null];
  const sampled = sampler.stop();
  const seconds = msSince(t) / 1000;
  const summaryLine = stdout.split('\n').find((l) => l.startsWith('{'));
  if (code !== 0 || !summaryLine) {
    throw new Error(`the importer exited with ${code}: ${stderr.slice(-500)}`);
  }
  const summary = JSON.parse(summaryLine) as Record<string, unknown>;
  if (summary.stored !== lines) {
    throw new Error(
      `the importer stored ${String(summary.stored)} of ${lines} lines: ${summaryLine}`,
    );
  }
  const probed = existsSync(probeOut) ? Number(readFileSync(probeOut, 'utf8')) / 1024 : 0;
  return {
    lines,
    peakRssMb: round(Math.max(probed, sampled), 1),
    seconds: round(seconds, 1),
    linesPerSecond: round(lines / seconds, 1),
    summary,
  };
};
