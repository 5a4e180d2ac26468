import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { createServices } from '../services';
import { SystemClock } from '../shared/clock';
import { createLogger } from '../shared/logger';

/**
 * `npm run pii:rekey`: re-encrypts every ID number written under an earlier key (`PII_ENC_KEY_PREVIOUS`) with the
 * current `PII_ENC_KEY`, 500 rows a transaction, and prints how many (docs/security.md, "Key rotation").
 */
const main = async (): Promise<void> => {
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    const services = createServices({
      db: db.dataSource,
      clock: new SystemClock(),
      logger: createLogger('warn'),
      config,
    });
    let total = 0;
    for (;;) {
      const n = await services.persons.reencrypt(500);
      total += n;
      if (n === 0) {
        break;
      }
    }
    process.stdout.write(`re-encrypted ${total} ID numbers under the current key\n`);
  } finally {
    await db.close();
  }
};

main().catch((e: unknown) => {
  process.stderr.write(
    `${e instanceof ConfigError || e instanceof Error ? e.message : String(e)}\n`,
  );
  process.exit(1);
});
