import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';

/**
 * What GET /graphql shows a browser (`IDE`): the offline GraphiQL served from this server (src/http/ide.ts), which
 * offers Apollo Sandbox beside it; Apollo's Sandbox itself (its code comes from Apollo's servers; offline, its page
 * points to the local GraphiQL); or nothing.
 */
export type IdeChoice = 'sandbox' | 'graphiql' | 'none';

const IDE_CHOICES: readonly IdeChoice[] = ['sandbox', 'graphiql', 'none'];

/**
 * The one reader of the environment (style.md §7). Parsed and validated once, typed and frozen. Nothing else in the
 * code base reads `process.env`; tests build configurations with `loadConfig({ ... })`.
 */
export interface Config {
  /** `embedded`: PGlite under `dataDir`; `postgres`: the server of `databaseUrl`. */
  readonly mode: 'embedded' | 'postgres';
  readonly databaseUrl?: string;
  readonly replicaUrls: readonly string[];
  /** Where embedded mode keeps its database and generated secrets. */
  readonly dataDir: string;
  readonly port: number;
  /**
   * The address the HTTP server listens on (`HOST`). Embedded mode defaults to `127.0.0.1`: it prints, and its IDE
   * holds, an AGENCY token of the demo data, which only this machine should reach. With `DATABASE_URL` the default is
   * undefined: every interface, as a deployment behind its own network rules expects.
   */
  readonly host: string | undefined;
  readonly jwtSecret: Uint8Array;
  readonly piiEncKey: Buffer;
  /** Earlier encryption keys, still able to read rows written under them (a key rotation, docs/security.md). */
  readonly piiEncKeysPrevious: readonly Buffer[];
  readonly piiHmacKey: Buffer;
  readonly seedDemo: boolean | 'auto';
  readonly logLevel: string;
  readonly production: boolean;
  readonly introspection: boolean;
  /**
   * What GET /graphql shows a browser; /graphiql serves the offline GraphiQL unless `none`. Default `graphiql`
   * (offline-first: runtime.md, "HTTP"), in production `none`.
   */
  readonly ide: IdeChoice;
  /**
   * Look-ups by ID number (`insuredPersonByIdNumber`) one caller may make in any minute (`ID_LOOKUPS_PER_MINUTE`,
   * default 60: rules.md §2; runtime.md); beyond, `RATE_LIMITED` with HTTP 429. Counted per server process
   * (docs/security.md).
   */
  readonly idLookupsPerMinute: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A host name (RFC 1123 labels) or an IP address, as `HOST` may give it. */
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

const parseHost = (value: string | undefined, mode: Config['mode']): string | undefined => {
  const host = value?.trim();
  if (!host) {
    return mode === 'embedded' ? '127.0.0.1' : undefined;
  }
  if (isIP(host) === 0 && !HOST_NAME.test(host)) {
    throw new ConfigError('HOST must be an IP address or a host name, e.g. 127.0.0.1 or 0.0.0.0');
  }
  return host;
};

/** A 32-byte key given as 64 hex characters or as base64. */
const parseKey = (name: string, value: string): Buffer => {
  const v = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (key.length !== 32) {
    throw new ConfigError(`${name} must be 32 bytes, as 64 hex characters or base64`);
  }
  return key;
};

interface EmbeddedSecrets {
  jwtSecret: string;
  piiEncKey: string;
  piiHmacKey: string;
}

/** Embedded mode's secrets: generated once and kept in `<dataDir>/secrets.json` (mode 0600). */
const embeddedSecrets = (dataDir: string): EmbeddedSecrets => {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8')) as EmbeddedSecrets;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: EmbeddedSecrets = {
    jwtSecret: randomBytes(32).toString('hex'),
    piiEncKey: randomBytes(32).toString('hex'),
    piiHmacKey: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
};

const flag = (name: string, value: string | undefined): boolean | undefined => {
  if (value === undefined || value === '') {
    return undefined;
  }
  if (value === '1' || value === 'true') {
    return true;
  }
  if (value === '0' || value === 'false') {
    return false;
  }
  throw new ConfigError(`${name} must be 1 or 0`);
};

/**
 * Reads and validates the configuration (runtime.md, "Environment"). With `DATABASE_URL`, `JWT_SECRET`,
 * `PII_ENC_KEY` and `PII_HMAC_KEY` are required; without it, embedded mode generates them under `dataDir`.
 */
export const loadConfig = (env: Env = process.env, cwd: string = process.cwd()): Config => {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const dataDir = path.resolve(cwd, env.DATA_DIR?.trim() || '.data');
  const mode = databaseUrl ? 'postgres' : 'embedded';

  let secrets: EmbeddedSecrets;
  if (mode === 'postgres') {
    const missing = ['JWT_SECRET', 'PII_ENC_KEY', 'PII_HMAC_KEY'].filter((k) => !env[k]?.trim());
    if (missing.length > 0) {
      throw new ConfigError(
        `${missing.join(', ')} must be set when DATABASE_URL is set (see README, "Environment")`,
      );
    }
    secrets = {
      jwtSecret: env.JWT_SECRET!,
      piiEncKey: env.PII_ENC_KEY!,
      piiHmacKey: env.PII_HMAC_KEY!,
    };
  } else {
    const generated = embeddedSecrets(dataDir);
    secrets = {
      jwtSecret: env.JWT_SECRET?.trim() || generated.jwtSecret,
      piiEncKey: env.PII_ENC_KEY?.trim() || generated.piiEncKey,
      piiHmacKey: env.PII_HMAC_KEY?.trim() || generated.piiHmacKey,
    };
  }
  if (secrets.jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters');
  }

  const port = Number(env.PORT?.trim() || 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('PORT must be an integer between 0 and 65535');
  }
  const host = parseHost(env.HOST, mode);
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const production = env.NODE_ENV === 'production';
  const seed = flag('SEED_DEMO', env.SEED_DEMO);
  const ide = (env.IDE?.trim().toLowerCase() || (production ? 'none' : 'graphiql')) as IdeChoice;
  if (!IDE_CHOICES.includes(ide)) {
    throw new ConfigError(
      `IDE must be one of ${IDE_CHOICES.join(', ')} (what GET /graphql shows a browser)`,
    );
  }

  const idLookupsPerMinute = Number(env.ID_LOOKUPS_PER_MINUTE?.trim() || 60);
  if (!Number.isInteger(idLookupsPerMinute) || idLookupsPerMinute < 1) {
    throw new ConfigError('ID_LOOKUPS_PER_MINUTE must be a positive integer (default 60)');
  }

  return Object.freeze({
    mode,
    databaseUrl,
    replicaUrls: Object.freeze(
      (env.DATABASE_REPLICA_URLS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    dataDir,
    port,
    host,
    jwtSecret: new TextEncoder().encode(secrets.jwtSecret),
    piiEncKey: parseKey('PII_ENC_KEY', secrets.piiEncKey),
    piiEncKeysPrevious: Object.freeze(
      (env.PII_ENC_KEY_PREVIOUS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((k, i) => parseKey(`PII_ENC_KEY_PREVIOUS[${i}]`, k)),
    ),
    piiHmacKey: parseKey('PII_HMAC_KEY', secrets.piiHmacKey),
    seedDemo: seed ?? 'auto',
    logLevel,
    production,
    introspection: flag('INTROSPECTION', env.INTROSPECTION) ?? !production,
    ide,
    idLookupsPerMinute,
  });
};
