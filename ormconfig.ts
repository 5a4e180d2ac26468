import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config';
import { postgresOptions } from './src/db/data-source';

/**
 * The DataSource the TypeORM CLI uses (`npm run migration:run|generate|revert`). It needs `DATABASE_URL`: the CLI
 * works on a real PostgreSQL; the embedded database migrates itself at `npm start`.
 */
const config = loadConfig();
if (!config.databaseUrl) {
  throw new Error('Set DATABASE_URL to run the TypeORM CLI against a PostgreSQL server.');
}

// The TypeORM CLI needs a default export.
export default new DataSource(postgresOptions(config.databaseUrl));
