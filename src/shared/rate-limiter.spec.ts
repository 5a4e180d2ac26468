import fc from 'fast-check';
import { SlidingWindowLimiter } from './rate-limiter';

describe('SlidingWindowLimiter', () => {
  const minute = 60_000;
  let t = 0;
  const limiter = () => new SlidingWindowLimiter(3, minute, () => t);
  beforeEach(() => {
    t = 1_000_000;
  });

  it.each([
    [
      '3 takes at once pass, the 4th is refused for the whole window',
      [0, 0, 0, 0],
      [true, true, true, false],
    ],
    [
      'a take leaves the window exactly windowMs later',
      [0, 1, 2, 60_000, 60_001],
      [true, true, true, true, true],
    ],
    ['one millisecond early is still refused', [0, 1, 2, 59_999], [true, true, true, false]],
    ['refusals are not counted', [0, 0, 0, 10, 20, 60_000], [true, true, true, false, false, true]],
    [
      'spread out, never refused',
      [0, 30_000, 60_000, 90_000, 120_000],
      [true, true, true, true, true],
    ],
  ])('%s', (_name, offsets, expected) => {
    const l = limiter();
    const start = t;
    const got = offsets.map((o) => {
      t = start + o;
      return l.take('a').ok;
    });
    expect(got).toEqual(expected);
  });

  it.each([
    ['at the start of the window: the whole minute', 0, 60],
    ['half way: half a minute', 30_000, 30],
    ['a fraction of a second left: rounded up to 1', 59_999, 1],
    ['1.2 s left: 2', 58_800, 2],
  ])('Retry-After %s', (_name, offset, seconds) => {
    const l = limiter();
    const start = t;
    l.take('a');
    l.take('a');
    l.take('a');
    t = start + offset;
    expect(l.take('a')).toEqual({ ok: false, retryAfterSeconds: seconds });
  });

  it('counts each key on its own', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.take('a').ok).toBe(true);
    }
    expect(l.take('a').ok).toBe(false);
    expect(l.take('b').ok).toBe(true);
  });

  it('forgets idle keys', () => {
    const l = limiter();
    for (let i = 0; i < 100; i++) {
      l.take(`k${i}`);
    }
    expect(l.size).toBe(100);
    t += minute + 1;
    for (let i = 0; i < 1024; i++) {
      l.take('busy');
    }
    expect(l.size).toBe(1);
  });

  it.each([
    [0, minute],
    [1.5, minute],
    [3, 0],
  ])('refuses limit %p and window %p', (limit, window) => {
    expect(() => new SlidingWindowLimiter(limit, window, () => 0)).toThrow(RangeError);
  });

  it('never lets more than `limit` takes into any window, and refuses only a full window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 1, maxLength: 60 }),
        (limit, gaps) => {
          let now = 0;
          const l = new SlidingWindowLimiter(limit, minute, () => now);
          const accepted: number[] = [];
          for (const gap of gaps) {
            now += gap;
            const inWindow = accepted.filter((a) => a > now - minute).length;
            const d = l.take('k');
            expect(d.ok).toBe(inWindow < limit);
            if (d.ok) {
              accepted.push(now);
            } else {
              const oldest = accepted.filter((a) => a > now - minute)[0]!;
              expect(d.retryAfterSeconds).toBe(
                Math.max(1, Math.ceil((oldest + minute - now) / 1000)),
              );
            }
          }
        },
      ),
    );
  });
});
