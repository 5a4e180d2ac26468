import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { importClaims } from './claim-import';
import { Role, type Caller } from '../shared/caller';
import { createServices } from '../services';
import { SystemClock } from '../shared/clock';
import { createLogger } from '../shared/logger';

const USAGE =
  'usage: npm run -s import:claims -- FILE.ndjson|FILE.csv [--regions 41,51] [--institution ID] [--sub NAME]';

/**
 * `npm run import:claims -- FILE`: an institution's monthly declaration file through the claim service
 * (docs/guides/integrators.md, "The import file"). Runs as AGENCY in `--regions` (default: every region) or, with
 * `--institution ID`, as that INSTITUTION (its own claims only). Opens the database like the server (same environment);
 * in embedded mode stop the server first (the embedded database takes one process at a time). Prints a summary; refused
 * lines go to FILE.errors.ndjson. Exit code 0 when every line was stored or already present, 2 when some lines were
 * refused, 1 on a fault.
 */
const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      regions: { type: 'string', default: '1,2,3,4,5,6,7,8,9' },
      institution: { type: 'string' },
      sub: { type: 'string', default: 'import-cli' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    throw new ConfigError(USAGE);
  }
  if (!existsSync(file)) {
    throw new ConfigError(`${file}: no such file`);
  }
  const regions = values.regions
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const user: Caller = values.institution
    ? { sub: values.sub, role: Role.INSTITUTION, org: values.institution, regions }
    : { sub: values.sub, role: Role.AGENCY, regions };
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const db = await openDatabase(config);
  try {
    const services = createServices({
      db: db.dataSource,
      clock: new SystemClock(),
      logger,
      config,
    });
    const bar = new SingleBar({
      format:
        'importing [{bar}] {percentage}% | {lines} lines | {stored} stored, {present} present, {errors} refused',
      stream: process.stderr,
      hideCursor: true,
    });
    bar.start(100, 0, { lines: 0, stored: 0, present: 0, errors: 0 });
    const summary = await importClaims(
      services.claims,
      { user, requestId: `import-${Date.now()}` },
      file,
      (read, total, s) =>
        bar.update(total === 0 ? 100 : Math.floor((read * 100) / total), {
          lines: s.lines,
          stored: s.stored,
          present: s.alreadyPresent,
          errors: s.errors,
        }),
    );
    bar.update(100);
    bar.stop();
    process.stdout.write(
      `${JSON.stringify(summary)}\n${
        summary.errorReport ? `refused lines: ${summary.errorReport}\n` : ''
      }`,
    );
    return summary.errors > 0 ? 2 : 0;
  } finally {
    await db.close();
  }
};

main()
  .then((code) => process.exit(code))
  .catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
