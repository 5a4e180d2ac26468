import { SignJWT, UnsecuredJWT } from 'jose';
import { Role } from '../../src/shared/caller';
import { cachingVerifier, signToken, TokenError, verifyToken } from '../../src/graphql/auth/token';

const SECRET = new TextEncoder().encode('a-jwt-secret-of-at-least-32-characters');
const OTHER = new TextEncoder().encode('another-secret-of-at-least-32-characters');

/** A token with exactly these claims, signed however the test needs (not through `signToken`). */
const forge = (
  claims: Record<string, unknown>,
  options: { alg?: string; secret?: Uint8Array; sub?: string | null; exp?: string | null } = {},
): Promise<string> => {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256' }).setIssuedAt();
  if (options.sub !== null) {
    jwt = jwt.setSubject(options.sub ?? 'user-1');
  }
  if (options.exp !== null) {
    jwt = jwt.setExpirationTime(options.exp ?? '1h');
  }
  return jwt.sign(options.secret ?? SECRET);
};

const refusal = async (token: Promise<string> | string, secret = SECRET): Promise<unknown> => {
  try {
    await verifyToken(await token, secret);
  } catch (e) {
    return e;
  }
  throw new Error('the token was accepted');
};

describe('signToken and verifyToken', () => {
  it.each([
    [{ sub: 'agency-1', role: Role.AGENCY, regions: ['41', '51'] }],
    [{ sub: 'insurer-1', role: Role.INSURER, regions: ['4103'], org: 'org-1' }],
    [{ sub: 'inst-1', role: Role.INSTITUTION, regions: ['510900'], org: 'org-2' }],
    [{ sub: 'rep-1', role: Role.REPORTING, regions: ['4'] }],
    [{ sub: 'nobody', role: Role.AGENCY, regions: [] }],
  ])('round-trips %j', async (req) => {
    const token = await signToken(req, SECRET);
    expect(token.split('.')).toHaveLength(3);
    expect(await verifyToken(token, SECRET)).toEqual({ org: undefined, ...req });
  });

  it('signs HS256 with an expiry of 8 hours by default, and honours expiresIn', async () => {
    const token = await signToken({ sub: 'a', role: Role.AGENCY, regions: ['41'] }, SECRET);
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect((payload!.exp as number) - (payload!.iat as number)).toBe(8 * 3600);
    expect(payload).not.toHaveProperty('org');

    const short = await signToken(
      { sub: 'a', role: Role.AGENCY, regions: ['41'], expiresIn: '30m' },
      SECRET,
    );
    const p = JSON.parse(Buffer.from(short.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      number
    >;
    expect(p.exp! - p.iat!).toBe(1800);
  });

  it('refuses an expired token with "The token has expired"', async () => {
    const token = await signToken(
      { sub: 'a', role: Role.AGENCY, regions: ['41'], expiresIn: '-1m' },
      SECRET,
    );
    const e = await refusal(token);
    expect(e).toBeInstanceOf(TokenError);
    expect(e).toEqual(new TokenError('The token has expired'));
    expect((e as Error).name).toBe('TokenError');
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signToken({ sub: 'a', role: Role.AGENCY, regions: ['41'] }, OTHER);
    expect(await refusal(token)).toEqual(new TokenError('The token is not valid'));
  });

  it('refuses a token whose payload was altered', async () => {
    const token = await signToken({ sub: 'a', role: Role.REPORTING, regions: ['41'] }, SECRET);
    const [h, , s] = token.split('.');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'a', role: 'AGENCY', regions: ['41'], exp: 9999999999 }),
    ).toString('base64url');
    expect(await refusal(`${h}.${payload}.${s}`)).toEqual(new TokenError('The token is not valid'));
  });

  it.each(['', 'abc', 'a.b.c', 'Bearer x.y.z'])('refuses the malformed token %j', async (token) => {
    expect(await refusal(token)).toEqual(new TokenError('The token is not valid'));
  });

  it('refuses alg none', async () => {
    const token = new UnsecuredJWT({ role: 'AGENCY', regions: ['41'] })
      .setSubject('a')
      .setExpirationTime('1h')
      .encode();
    expect(token.split('.')[2]).toBe('');
    expect(await refusal(token)).toEqual(new TokenError('The token is not valid'));
  });

  it.each(['HS384', 'HS512'])('refuses %s, even signed with the right secret', async (alg) => {
    const secret = new Uint8Array(64).fill(1);
    const token = await forge({ role: 'AGENCY', regions: ['41'] }, { alg, secret });
    expect(await refusal(token, secret)).toEqual(new TokenError('The token is not valid'));
  });

  it('refuses a token without exp or without sub', async () => {
    expect(await refusal(forge({ role: 'AGENCY', regions: ['41'] }, { exp: null }))).toEqual(
      new TokenError('The token is not valid'),
    );
    expect(await refusal(forge({ role: 'AGENCY', regions: ['41'] }, { sub: null }))).toEqual(
      new TokenError('The token is not valid'),
    );
  });

  it('refuses an empty subject', async () => {
    expect(await refusal(forge({ role: 'AGENCY', regions: ['41'] }, { sub: '' }))).toEqual(
      new TokenError('The token has no subject'),
    );
  });

  it.each([undefined, 'ADMIN', 'agency', 1])('refuses the role %j', async (role) => {
    expect(await refusal(forge({ role, regions: ['41'] }))).toEqual(
      new TokenError('The token has no valid role'),
    );
  });

  it.each([
    ['INSURER', Role.INSURER],
    ['INSTITUTION', Role.INSTITUTION],
  ])('refuses an %s token without org, though signToken signs it', async (name, role) => {
    const token = await signToken({ sub: 'a', role, regions: ['41'] }, SECRET);
    expect(await refusal(token)).toEqual(new TokenError(`A ${name} token needs an org`));
    expect(await refusal(forge({ role, regions: ['41'], org: '' }))).toEqual(
      new TokenError('The token has an invalid org'),
    );
  });

  it.each([[''], [42], [['org-1']]])('refuses the org %j', async (org) => {
    expect(await refusal(forge({ role: 'AGENCY', regions: ['41'], org }))).toEqual(
      new TokenError('The token has an invalid org'),
    );
  });

  it('lets AGENCY and REPORTING carry an org', async () => {
    const token = await forge({ role: 'REPORTING', regions: ['41'], org: 'org-9' });
    expect(await verifyToken(token, SECRET)).toEqual({
      sub: 'user-1',
      role: Role.REPORTING,
      org: 'org-9',
      regions: ['41'],
    });
  });

  it.each([
    [['4a']],
    [['41', '']],
    [['1234567']],
    [['41*']],
    [[' 41']],
    [[41]],
    ['41'],
    [undefined],
    [null],
  ])('verifyToken refuses the regions %j', async (regions) => {
    expect(await refusal(forge({ role: 'AGENCY', regions }))).toEqual(
      new TokenError('The token has no valid regions'),
    );
  });

  it.each([[['4a']], [['']], [['1234567']], [['41', 'Henan']]])(
    'signToken refuses the regions %j',
    async (regions) => {
      // signToken may throw before it returns its promise: wrap the call so both forms are caught.
      await expect(
        (async () => signToken({ sub: 'a', role: Role.AGENCY, regions }, SECRET))(),
      ).rejects.toThrow(
        new TokenError('Regions are region-code prefixes of 1 to 6 digits, e.g. 41 or 4103'),
      );
    },
  );

  it('never repeats the token in its error', async () => {
    const token = await signToken({ sub: 'a', role: Role.AGENCY, regions: ['41'] }, OTHER);
    const e = (await refusal(token)) as Error;
    expect(e.message).not.toContain(token.split('.')[1]!);
  });
});

describe('cachingVerifier (docs/performance.md: a valid token is verified once until it expires)', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('answers the same user for the same valid token, and refuses it once expired', async () => {
    const verify = cachingVerifier(SECRET);
    const token = await forge({ role: Role.AGENCY, regions: ['41'] }, { exp: '2s' });
    const first = await verify(token);
    expect(await verify(token)).toBe(first);
    expect(first).toEqual({ sub: 'user-1', role: Role.AGENCY, org: undefined, regions: ['41'] });
    // Only the clock is faked (jose reads it too); timers and microtasks run as usual.
    jest.useFakeTimers({
      now: Date.now() + 3_000,
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval'],
    });
    await expect(verify(token)).rejects.toThrow(new TokenError('The token has expired'));
  });

  it('never keeps an invalid token', async () => {
    const verify = cachingVerifier(SECRET);
    const token = await forge({ role: Role.AGENCY, regions: ['41'] }, { secret: OTHER });
    await expect(verify(token)).rejects.toBeInstanceOf(TokenError);
    await expect(verify(token)).rejects.toBeInstanceOf(TokenError);
  });

  it('forgets the oldest token beyond its size', async () => {
    const verify = cachingVerifier(SECRET, 2);
    const tokens = await Promise.all(
      ['a', 'b', 'c'].map((sub) => forge({ role: Role.AGENCY, regions: ['41'] }, { sub })),
    );
    const a = await verify(tokens[0]!);
    await verify(tokens[1]!);
    await verify(tokens[2]!);
    const again = await verify(tokens[0]!);
    expect(again).toEqual(a);
    expect(again).not.toBe(a);
  });
});
