import { parseArgs } from 'node:util';
import { ConfigError } from '../config';
import { ALL_ROLES, isRole, Role } from '../shared/caller';
import { signToken } from '../graphql/auth/token';

export const TOKEN_USAGE =
  'usage: npm run -s token -- --role AGENCY|INSURER|INSTITUTION|REPORTING --regions 41,51 [--org ID] [--sub NAME] [--expires 8h]';

/** The shortest lifetime `npm run token` signs: a token must outlive the command that prints it. */
export const MIN_TOKEN_LIFETIME_SECONDS = 60;
/** The longest: 30 days. A local token is for trying and for scripts, not a standing credential. */
export const MAX_TOKEN_LIFETIME_SECONDS = 30 * 24 * 3600;

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90s`, `1m` or `30d` as written back in a message: the largest unit that divides it. */
const lifetimeText = (seconds: number): string => {
  for (const unit of ['d', 'h', 'm'] as const) {
    if (seconds % UNIT_SECONDS[unit]! === 0) {
      return `${seconds / UNIT_SECONDS[unit]!}${unit}`;
    }
  }
  return `${seconds}s`;
};

/**
 * `--expires`: a whole number and one of `s`, `m`, `h`, `d` (e.g. `30m`, `8h`, `7d`), from
 * {@link MIN_TOKEN_LIFETIME_SECONDS} to `max` (by default {@link MAX_TOKEN_LIFETIME_SECONDS}; a configuration with a
 * shorter maximum passes its own). Answers the lifetime in seconds; anything else is a `ConfigError` saying which
 * bound or which form it missed.
 */
export const parseLifetime = (text: string, max: number = MAX_TOKEN_LIFETIME_SECONDS): number => {
  const m = /^(\d{1,9})([smhd])$/.exec(text.trim());
  if (!m) {
    throw new ConfigError(
      `--expires must be a whole number and s, m, h or d, e.g. 30m, 8h or 7d (from ${lifetimeText(MIN_TOKEN_LIFETIME_SECONDS)} to ${lifetimeText(max)})`,
    );
  }
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  if (seconds < MIN_TOKEN_LIFETIME_SECONDS) {
    throw new ConfigError(
      `--expires must be at least ${lifetimeText(MIN_TOKEN_LIFETIME_SECONDS)}: the token would expire before it is used`,
    );
  }
  if (seconds > max) {
    throw new ConfigError(`--expires must be at most ${lifetimeText(max)}`);
  }
  return seconds;
};

/**
 * `npm run -s token -- --role AGENCY --regions 41,51 [--org ID] [--sub NAME] [--expires 8h]`: the signed token for
 * `args`, or a `ConfigError` that says what is wrong (with the usage line). `secret` is asked for only once the
 * arguments are valid (loading the configuration may create embedded mode's secrets).
 */
export const tokenFromArgs = async (
  args: readonly string[],
  secret: () => Uint8Array,
): Promise<string> => {
  const { values } = parseArgs({
    args: [...args],
    options: {
      role: { type: 'string' },
      regions: { type: 'string', default: '' },
      org: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
  });
  if (!isRole(values.role)) {
    throw new ConfigError(`--role must be one of ${ALL_ROLES.join(', ')}\n${TOKEN_USAGE}`);
  }
  const regions = values.regions
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (regions.length === 0) {
    throw new ConfigError(`--regions is required, e.g. --regions 41,51\n${TOKEN_USAGE}`);
  }
  if ((values.role === Role.INSURER || values.role === Role.INSTITUTION) && !values.org) {
    throw new ConfigError(
      `--org is required for ${values.role} (the organization id)\n${TOKEN_USAGE}`,
    );
  }
  const lifetime = parseLifetime(values.expires);
  return signToken(
    {
      sub: values.sub ?? `local-${values.role.toLowerCase()}`,
      role: values.role,
      regions,
      org: values.org,
      expiresIn: `${lifetime}s`,
    },
    secret(),
  );
};
