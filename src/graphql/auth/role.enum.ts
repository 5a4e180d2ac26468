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
