import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { isRole, Role } from './role.enum';
import type { User } from './user';

const REGION_PREFIX = /^\d{1,6}$/;

export class TokenError extends Error {
  override readonly name = 'TokenError';
}

/**
 * Verifies an HS256 bearer token and reads its claims (`sub`, `role`, `org`, `regions`, `exp`, all required but
 * `org`, which INSURER and INSTITUTION must carry). Any failure is a `TokenError` whose message names the claim, never
 * the token.
 */
export const verifyToken = async (token: string, secret: Uint8Array): Promise<User> => {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
    }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) {
      throw new TokenError('The token has expired');
    }
    throw new TokenError('The token is not valid');
  }
  const { sub, role, org, regions } = payload;
  if (typeof sub !== 'string' || sub === '') {
    throw new TokenError('The token has no subject');
  }
  if (!isRole(role)) {
    throw new TokenError('The token has no valid role');
  }
  if (
    !Array.isArray(regions) ||
    !regions.every((r) => typeof r === 'string' && REGION_PREFIX.test(r))
  ) {
    throw new TokenError('The token has no valid regions');
  }
  if (org !== undefined && (typeof org !== 'string' || org === '')) {
    throw new TokenError('The token has an invalid org');
  }
  if ((role === Role.INSURER || role === Role.INSTITUTION) && org === undefined) {
    throw new TokenError(`A ${role} token needs an org`);
  }
  return { sub, role, org: org, regions: regions as string[] };
};

export interface TokenRequest {
  readonly sub: string;
  readonly role: Role;
  readonly regions: readonly string[];
  readonly org?: string;
  /** A jose duration such as `8h`, `30d`. */
  readonly expiresIn?: string;
}

/** Signs a token for local use (`npm run token`) and tests. */
export const signToken = (req: TokenRequest, secret: Uint8Array): Promise<string> => {
  if (!req.regions.every((r) => REGION_PREFIX.test(r))) {
    throw new TokenError('Regions are region-code prefixes of 1 to 6 digits, e.g. 41 or 4103');
  }
  const claims: Record<string, unknown> = { role: req.role, regions: [...req.regions] };
  if (req.org) {
    claims.org = req.org;
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(req.sub)
    .setIssuedAt()
    .setExpirationTime(req.expiresIn ?? '8h')
    .sign(secret);
};
