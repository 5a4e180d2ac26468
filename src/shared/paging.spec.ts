import fc from 'fast-check';
import { isCalendarDate } from './calendar-date';
import { DomainError } from './domain-error';
import { decodeCursor, encodeCursor, isBigintId, pageWindow, type KeysetOrder } from './paging';
import { isUuid } from './uuid';

/* Paging's pure parts (src/shared/paging.ts): page sizes, cursors, the bigint key test. keysetPage itself: test/e2e/paging. */
const CLAIMS: KeysetOrder<{ day: string; id: string }> = {
  list: 'claims',
  direction: 'DESC',
  keys: [
    { sql: 'c.discharge_date', of: (c) => c.day, valid: isCalendarDate },
    { sql: 'c.id', of: (c) => c.id, valid: isUuid },
  ],
};
const ID = '0b6c2f4e-8d7a-4f3b-9c1e-2a5d6e7f8a9b';

const refusal = (f: () => unknown): [string, string | undefined] | 'accepted' => {
  try {
    f();
    return 'accepted';
  } catch (e) {
    if (!(e instanceof DomainError)) {
      throw e;
    }
    return [e.code, e.field];
  }
};

describe('page sizes', () => {
  it.each([
    [{}, { size: 20, backward: false }],
    [{ first: null }, { size: 20, backward: false }],
    [{ first: 0 }, { size: 0, backward: false }],
    [{ first: 100 }, { size: 100, backward: false }],
    [{ last: 0 }, { size: 0, backward: true }],
    [{ last: 100 }, { size: 100, backward: true }],
    [
      { first: null, last: 7 },
      { size: 7, backward: true },
    ],
  ])('%j → %j', (request, window) => {
    expect(pageWindow(CLAIMS, request)).toEqual({ ...window, after: undefined, before: undefined });
  });

  it.each([
    [{ first: -1 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ first: 1.5 }, 'first'],
    [{ last: -1 }, 'last'],
    [{ last: 101 }, 'last'],
    [{ first: 1, last: 1 }, 'last'],
    [{ first: 0, last: 0 }, 'last'],
  ])('%j is refused on %s', (request, field) => {
    expect(refusal(() => pageWindow(CLAIMS, request))).toEqual(['BAD_USER_INPUT', field]);
  });

  it('takes another maximum where a list has one (overdue claims: 1 000)', () => {
    expect(pageWindow(CLAIMS, { first: 1000 }, 1000).size).toBe(1000);
  });
});

describe('cursors', () => {
  it('decode to the key they encode, on this list only', () => {
    const cursor = encodeCursor('claims', ['2024-04-20', ID]);
    expect(decodeCursor(CLAIMS, cursor, 'after')).toEqual(['2024-04-20', ID]);
    expect(refusal(() => decodeCursor({ ...CLAIMS, list: 'other' }, cursor, 'before'))).toEqual([
      'BAD_USER_INPUT',
      'before',
    ]);
  });

  it('round-trip any key of valid values (property)', () => {
    const day = fc
      .date({
        min: new Date('1000-01-01T00:00:00Z'),
        max: new Date('9999-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.uuid(), (d, id) => {
        expect(decodeCursor(CLAIMS, encodeCursor('claims', [d, id]), 'after')).toEqual([d, id]);
      }),
    );
  });

  it('refuse anything else as BAD_USER_INPUT on the argument, never repeating it (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.base64String(),
          fc.json().map((j) => Buffer.from(j).toString('base64url')),
        ),
        (s) => {
          const r = (() => {
            try {
              return decodeCursor(CLAIMS, s, 'after');
            } catch (e) {
              return e as DomainError;
            }
          })();
          if (r instanceof DomainError) {
            expect([r.code, r.field]).toEqual(['BAD_USER_INPUT', 'after']);
            expect(r.message).toBe('after must be a cursor returned by this list');
          } else {
            // Only a well-formed cursor of this list decodes.
            expect(isCalendarDate(r[0]) && isUuid(r[1]!)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('bigint ids', () => {
  it.each([
    ['1', true],
    ['9223372036854775807', true],
    ['9223372036854775808', false],
    ['10000000000000000000', false],
    ['-1', false],
    ['1e3', false],
    ['', false],
  ])('%s → %s', (s, ok) => {
    expect(isBigintId(s)).toBe(ok);
  });
});
