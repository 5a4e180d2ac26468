import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { ALL_ROLES, isRole, Role } from '../shared/caller';
import { signToken } from '../graphql/auth/token';

const USAGE =
  'usage: npm run -s token -- --role AGENCY|INSURER|INSTITUTION|REPORTING --regions 41,51 [--org ID] [--sub NAME] [--expires 8h]';

/**
 * `npm run -s token -- --role AGENCY --regions 41,51 [--org ID]`: prints a signed bearer token, and only it, on
 * stdout. In embedded mode the secret is the one generated under ./.data/; with DATABASE_URL, JWT_SECRET.
 */
const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      regions: { type: 'string', default: '' },
      org: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
  });
  if (!isRole(values.role)) {
    throw new ConfigError(`--role must be one of ${ALL_ROLES.join(', ')}\n${USAGE}`);
  }
  const regions = values.regions
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (regions.length === 0) {
    throw new ConfigError(`--regions is required, e.g. --regions 41,51\n${USAGE}`);
  }
  if ((values.role === Role.INSURER || values.role === Role.INSTITUTION) && !values.org) {
    throw new ConfigError(`--org is required for ${values.role} (the organization id)\n${USAGE}`);
  }
  const config = loadConfig();
  const token = await signToken(
    {
      sub: values.sub ?? `local-${values.role.toLowerCase()}`,
      role: values.role,
      regions,
      org: values.org,
      expiresIn: values.expires,
    },
    config.jwtSecret,
  );
  process.stdout.write(`${token}\n`);
};

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
