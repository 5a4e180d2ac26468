import type { Role } from './role.enum';

/** The caller, from a verified bearer token (runtime.md, "Tokens and roles"). */
export interface User {
  /** The user's id (logged, and written to the audit trail). */
  readonly sub: string;
  readonly role: Role;
  /** The caller's organization id; required for INSURER and INSTITUTION. */
  readonly org?: string;
  /** Region-code prefixes the caller may see, e.g. `41` for all Henan. */
  readonly regions: readonly string[];
}

/** A region matches by prefix: the token region `41` covers `410000`, `410300` and `410302` (runtime.md). */
export const coversRegion = (user: User, regionCode: string): boolean =>
  user.regions.some((prefix) => regionCode.startsWith(prefix));
