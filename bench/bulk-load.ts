import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { msSince, now, yieldToLoop } from './measure';
import { LOAD_TABLES, type Province, type WaveText } from './province';

export interface LoadResult {
  readonly rows: number;
  readonly ms: number;
  readonly rowsPerSecond: number;
  /** Loader only: time spent computing waves, writing them (COPY and commit), and computing while nothing was written. */
  readonly buildMs?: number;
  readonly writeMs?: number;
  readonly stallMs?: number;
  /** Loader only: CPU time of this process during the load (user + system), and per row in µs. */
  readonly cpuMs?: number;
  readonly cpuMicrosPerRow?: number;
}

const progressBar = (label: string, total: number): SingleBar => {
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} {unit} | {rate}`,
    stream: process.stderr,
    hideCursor: true,
    // cli-progress draws nothing on a stream that is not a terminal unless told to.
    noTTYOutput: !process.stderr.isTTY,
    notTTYSchedule: 5_000,
    etaBuffer: 50,
  });
  bar.start(total, 0, { unit: '', rate: '' });
  return bar;
};

/** `COPY table (columns) FROM STDIN` of a wave's buffers on `client`. */
const copyBuffers = async (client: Client, table: string, columns: string, chunks: Buffer[]) => {
  const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
  await pipeline(Readable.from(chunks), stream);
};

/**
 * The bulk loader: the province in waves of up to `wavePersons` persons. Each wave's rows (persons, their special statuses,
 * accumulators, claims, ledger entries, idempotency keys) are written in one transaction with one COPY per table, in
 * foreign-key order, on one connection; while a wave streams, the next one is computed (the computation yields to the
 * event loop every hundred persons, so the socket keeps draining). Two waves are in memory at most.
 */
export const bulkLoad = async (
  url: string,
  province: Province,
  wavePersons: number,
): Promise<LoadResult> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  const persons = province.options.persons;
  const bar = progressBar('bulk load', persons);
  let rows = 0;
  let buildMs = 0;
  let writeMs = 0;
  let stallMs = 0;
  let writingSince: bigint | null = null;
  const write = async (wave: WaveText, done: number) => {
    const t = now();
    writingSince = t;
    await client.query('BEGIN');
    for (const t of LOAD_TABLES) {
      const chunks = wave[t.key].done();
      if (chunks.length > 0) {
        await copyBuffers(client, t.table, t.columns, chunks);
      }
    }
    await client.query('COMMIT');
    writingSince = null;
    writeMs += msSince(t);
    rows += wave.rows;
    bar.update(done, { unit: 'persons', rate: `${rows} rows` });
  };
  const start = now();
  const cpu = process.cpuUsage();
  try {
    let writing: Promise<void> = Promise.resolve();
    // Waves start small and double up to `wavePersons`: nothing is written while the first one is computed.
    let size = Math.min(wavePersons, 100);
    for (let from = 0; from < persons; from += size, size = Math.min(wavePersons, size * 2)) {
      const to = Math.min(persons, from + size);
      const t = now();
      const idle = writingSince === null;
      const wave = await province.buildWave(from, to, yieldToLoop, 10);
      buildMs += msSince(t);
      if (idle || writingSince === null) {
        // Nothing (or not all the time) was being written while this wave was computed.
        stallMs += idle ? msSince(t) : 0;
      }
      await writing;
      writing = write(wave, to);
    }
    await writing;
  } finally {
    bar.stop();
    await client.end();
  }
  const ms = msSince(start);
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  return {
    rows,
    ms,
    rowsPerSecond: (rows * 1000) / ms,
    buildMs,
    writeMs,
    stallMs,
    cpuMs,
    cpuMicrosPerRow: (cpuMs * 1000) / rows,
  };
};

/**
 * Writes the loaded rows of every table, in the columns the loader gives, as COPY text files under `dir` (the
 * "pre-rendered text" of the bare COPY): byte for byte what the loader produced, except that the server renders it.
 */
export const dumpLoadedRows = async (url: string, dir: string): Promise<Record<string, string>> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  const files: Record<string, string> = {};
  try {
    for (const t of LOAD_TABLES) {
      const file = path.join(dir, `${t.table}.copy`);
      // Physical order is insertion order here (fresh tables, no updates): the bare COPY inserts in the same order.
      await pipeline(
        client.query(copyTo(`COPY ${t.table} (${t.columns}) TO STDOUT`)),
        createWriteStream(file),
      );
      files[t.table] = file;
    }
  } finally {
    await client.end();
  }
  return files;
};

/**
 * The baseline of `loadRatio`: a bare pg-copy-streams COPY of the same rows from the pre-rendered files, one COPY per
 * table in foreign-key order on one connection, into a twin database with the same schema and reference data.
 */
export const bareCopy = async (
  url: string,
  files: Record<string, string>,
  expectedRows: number,
): Promise<LoadResult> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  const bar = progressBar('bare COPY', expectedRows);
  let rows = 0;
  const start = now();
  try {
    for (const t of LOAD_TABLES) {
      const stream = client.query(copyFrom(`COPY ${t.table} (${t.columns}) FROM STDIN`));
      await pipeline(createReadStream(files[t.table]!, { highWaterMark: 1 << 20 }), stream);
      rows += stream.rowCount;
      bar.update(rows, { unit: 'rows', rate: t.table });
    }
  } finally {
    bar.stop();
    await client.end();
  }
  const ms = msSince(start);
  return { rows, ms, rowsPerSecond: (rows * 1000) / ms };
};

/** `CHECKPOINT`, so that neither load pays for the other's dirty buffers. */
export const checkpoint = async (url: string): Promise<void> => {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('CHECKPOINT');
  } finally {
    await c.end();
  }
};
