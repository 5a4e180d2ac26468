/** The four roles of runtime.md ("Tokens and roles"). */
export enum Role {
  AGENCY = 'AGENCY',
  INSURER = 'INSURER',
  INSTITUTION = 'INSTITUTION',
  REPORTING = 'REPORTING',
}

export const ALL_ROLES: readonly Role[] = [
  Role.AGENCY,
  Role.INSURER,
  Role.INSTITUTION,
  Role.REPORTING,
];

export const isRole = (v: unknown): v is Role =>
  typeof v === 'string' && (ALL_ROLES as string[]).includes(v);

/**
 * Who calls (runtime.md, "Tokens and roles"): what a service needs to know of the caller to decide what it may see and
 * do, whatever carried the request (a verified bearer token over HTTP, a CLI run, the demo seed).
 */
export interface Caller {
  /** The user's id (logged, and written to the audit trail). */
  readonly sub: string;
  readonly role: Role;
  /** The caller's organization id; required for INSURER and INSTITUTION. */
  readonly org?: string;
  /** Region-code prefixes the caller may see, e.g. `41` for all Henan. */
  readonly regions: readonly string[];
}

/** A region matches by prefix: the caller's region `41` covers `410000`, `410300` and `410302` (runtime.md). */
export const coversRegion = (caller: Caller, regionCode: string): boolean =>
  caller.regions.some((prefix) => regionCode.startsWith(prefix));
