import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { isRole, Role, type Caller } from '../../shared/caller';

const REGION_PREFIX = /^\d{1,6}$/;

export class TokenError extends Error {
  override readonly name = 'TokenError';
}

/**
 * Verifies an HS256 bearer token and reads its claims (`sub`, `role`, `org`, `regions`, `exp`, all required but
 * `org`, which INSURER and INSTITUTION must carry). Any failure is a `TokenError` whose message names the claim, never
 * the token.
 */
export const verifyToken = async (token: string, secret: Uint8Array): Promise<Caller> =>
  (await verifyWithExpiry(token, secret)).user;

/** `verifyToken`, also answering the token's expiry (seconds since the epoch). */
const verifyWithExpiry = async (
  token: string,
  secret: Uint8Array,
): Promise<{ user: Caller; exp: number }> => {
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
  return {
    user: Object.freeze({
      sub,
      role,
      org: org,
      regions: Object.freeze([...(regions as string[])]),
    }),
    exp: Number(payload.exp),
  };
};

/**
 * A verifier that remembers the tokens it has verified until they expire (docs/performance.md: verifying the HMAC and
 * the claims took a tenth of a small request's time). Only valid tokens are kept, each no longer than its `exp` (jose's
 * own test: valid while now < exp); at most `max` of them, the oldest forgotten first. Invalid tokens are verified
 * every time.
 */
export const cachingVerifier = (
  secret: Uint8Array,
  max = 10_000,
): ((token: string) => Promise<Caller>) => {
  const verified = new Map<string, { user: Caller; expiresAt: number }>();
  return async (token) => {
    const hit = verified.get(token);
    if (hit && Date.now() < hit.expiresAt) {
      return hit.user;
    }
    verified.delete(token);
    const { user, exp } = await verifyWithExpiry(token, secret);
    if (verified.size >= max) {
      verified.delete(verified.keys().next().value!);
    }
    verified.set(token, { user, expiresAt: exp * 1000 });
    return user;
  };
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
