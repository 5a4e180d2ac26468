import { loadConfig } from '../config';
import { tokenFromArgs } from './token-command';

/**
 * `npm run -s token -- --role AGENCY --regions 41,51 [--org ID]`: prints a signed bearer token, and only it, on
 * stdout. In embedded mode the secret is the one generated under ./.data/; with DATABASE_URL, JWT_SECRET.
 */
tokenFromArgs(process.argv.slice(2), () => loadConfig().jwtSecret).then(
  (token) => {
    process.stdout.write(`${token}\n`);
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
