import { decodeJwt } from 'jose';
import fc from 'fast-check';
import { ConfigError } from '../../src/config';
import {
  MAX_TOKEN_LIFETIME_SECONDS,
  MIN_TOKEN_LIFETIME_SECONDS,
  parseLifetime,
  tokenFromArgs,
} from '../../src/cli/token-command';
import { verifyToken } from '../../src/graphql/auth/token';

const SECRET = new TextEncoder().encode('a-jwt-secret-of-at-least-32-characters');

describe('parseLifetime (npm run token -- --expires)', () => {
  it.each([
    ['60s', 60],
    ['1m', 60],
    ['30m', 1800],
    ['8h', 8 * 3600],
    ['7d', 7 * 86_400],
    ['720h', 30 * 86_400],
    ['30d', 30 * 86_400],
    [' 8h ', 8 * 3600],
  ])('reads %j as %i seconds', (text, seconds) => {
    expect(parseLifetime(text)).toBe(seconds);
  });

  it.each([
    ['0s', '--expires must be at least 1m: the token would expire before it is used'],
    ['59s', '--expires must be at least 1m: the token would expire before it is used'],
    ['0d', '--expires must be at least 1m: the token would expire before it is used'],
    ['2592001s', '--expires must be at most 30d'],
    ['31d', '--expires must be at most 30d'],
    ['721h', '--expires must be at most 30d'],
    ['999999999d', '--expires must be at most 30d'],
  ])('refuses %j: %s', (text, message) => {
    expect(() => parseLifetime(text)).toThrow(new ConfigError(message));
  });

  it.each(['10y', '2w', '8', 'h', '-1h', '1.5h', '8 hours', '', '1e3s', '8H', '0x10s'])(
    'refuses the form %j, saying what it takes and the bounds',
    (text) => {
      expect(() => parseLifetime(text)).toThrow(
        new ConfigError(
          '--expires must be a whole number and s, m, h or d, e.g. 30m, 8h or 7d (from 1m to 30d)',
        ),
      );
    },
  );

  it('takes a shorter maximum from the caller', () => {
    expect(parseLifetime('12h', 12 * 3600)).toBe(12 * 3600);
    expect(() => parseLifetime('13h', 12 * 3600)).toThrow('--expires must be at most 12h');
    expect(() => parseLifetime('90s', 90)).not.toThrow();
    expect(() => parseLifetime('91s', 90)).toThrow('--expires must be at most 90s');
  });

  it('accepts exactly the lifetimes within the bounds, whatever the unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom('s', 'm', 'h', 'd'),
        (n, unit) => {
          const seconds = n * { s: 1, m: 60, h: 3600, d: 86_400 }[unit];
          const inBounds =
            seconds >= MIN_TOKEN_LIFETIME_SECONDS && seconds <= MAX_TOKEN_LIFETIME_SECONDS;
          let answer: number | undefined;
          try {
            answer = parseLifetime(`${n}${unit}`);
          } catch (e) {
            expect(e).toBeInstanceOf(ConfigError);
          }
          expect(answer).toBe(inBounds ? seconds : undefined);
        },
      ),
    );
  });
});

describe('tokenFromArgs', () => {
  const claims = (token: string) => decodeJwt(token) as { exp: number; iat: number };

  it('signs a verifiable token living as long as --expires says (8 hours by default)', async () => {
    const token = await tokenFromArgs(['--role', 'AGENCY', '--regions', '41,51'], () => SECRET);
    expect(await verifyToken(token, SECRET)).toEqual({
      sub: 'local-agency',
      role: 'AGENCY',
      regions: ['41', '51'],
      org: undefined,
    });
    expect(claims(token).exp - claims(token).iat).toBe(8 * 3600);
    const short = await tokenFromArgs(
      ['--role', 'REPORTING', '--regions', '4103', '--expires', '30m'],
      () => SECRET,
    );
    expect(claims(short).exp - claims(short).iat).toBe(1800);
  });

  it.each([
    [['--expires', '0s'], 'at least 1m'],
    [['--expires', '10y'], 'a whole number and s, m, h or d'],
    [['--expires', '365d'], 'at most 30d'],
  ])('refuses %j before reading any secret', async (extra, message) => {
    const secret = jest.fn(() => SECRET);
    await expect(
      tokenFromArgs(['--role', 'AGENCY', '--regions', '41', ...extra], secret),
    ).rejects.toThrow(message);
    expect(secret).not.toHaveBeenCalled();
  });

  it('still requires a role, regions, and an org for INSURER and INSTITUTION', async () => {
    await expect(tokenFromArgs(['--regions', '41'], () => SECRET)).rejects.toThrow(
      '--role must be one of',
    );
    await expect(tokenFromArgs(['--role', 'AGENCY'], () => SECRET)).rejects.toThrow(
      '--regions is required',
    );
    await expect(
      tokenFromArgs(['--role', 'INSURER', '--regions', '41'], () => SECRET),
    ).rejects.toThrow('--org is required for INSURER');
  });
});
