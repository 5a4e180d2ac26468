import fc from 'fast-check';
import { checkCharacter, parseResidentId } from './resident-id.rule';

const TODAY = '2024-06-15';
/** A valid number from a 17-digit body. */
const withCheck = (body: string) => body + checkCharacter(body);

describe('parseResidentId (GB 11643, ISO 7064 MOD 11-2)', () => {
  it.each([
    ['the standard’s example with check character X', '11010519491231002X', '1949-12-31', 'FEMALE'],
    ['the standard’s example born in 1880', '440524188001010014', '1880-01-01', 'MALE'],
    ['lower-case x is read as X', '11010519491231002x', '1949-12-31', 'FEMALE'],
    ['29 February of a leap year', withCheck('41030220000229001'), '2000-02-29', 'MALE'],
    ['29 February of 2024 (leap)', withCheck('41030220240229002'), '2024-02-29', 'FEMALE'],
    ['born today', withCheck('51090220240615003'), '2024-06-15', 'MALE'],
  ])('accepts %s', (_name, id, birthDate, sex) => {
    const r = parseResidentId(id, TODAY);
    expect(r).toEqual({ ok: true, idNumber: id.toUpperCase(), birthDate, sex });
  });

  it.each([
    ['17 characters', '11010519491231002', 'LENGTH'],
    ['19 characters', '11010519491231002X0', 'LENGTH'],
    ['an empty string', '', 'LENGTH'],
    ['a letter in the body', '1101051949123100AX', 'FORMAT'],
    ['a check character other than a digit or X', '11010519491231002Y', 'FORMAT'],
    ['29 February of a common year', withCheck('41030220230229001'), 'BIRTH_DATE'],
    ['29 February of 1900 (not leap)', withCheck('41030219000229001'), 'BIRTH_DATE'],
    ['month 13', withCheck('41030220001301001'), 'BIRTH_DATE'],
    ['day 00', withCheck('41030220000100001'), 'BIRTH_DATE'],
    ['born before 1850', withCheck('41030218491231001'), 'BIRTH_DATE'],
    ['born tomorrow', withCheck('41030220240616001'), 'FUTURE_BIRTH_DATE'],
    ['a wrong check character', '110105194912310021', 'CHECK_CHARACTER'],
    ['X where a digit belongs', '44052418800101001X', 'CHECK_CHARACTER'],
  ])('refuses %s', (_name, id, problem) => {
    const r = parseResidentId(id, TODAY);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ problem });
    if (!r.ok && id !== '') {
      expect(r.message).not.toContain(id);
    }
  });

  it('accepts every body with its own check character and refuses every other character', () => {
    const body = fc
      .tuple(
        fc.stringMatching(/^[1-9]\d{5}$/),
        fc.date({ min: new Date('1900-01-01'), max: new Date('2024-06-15'), noInvalidDate: true }),
        fc.stringMatching(/^\d{3}$/),
      )
      .map(([area, d, seq]) => `${area}${d.toISOString().slice(0, 10).replace(/-/g, '')}${seq}`);
    fc.assert(
      fc.property(body, fc.constantFrom(...'0123456789X'), (b, c) => {
        const r = parseResidentId(b + c, TODAY);
        expect(r.ok).toBe(c === checkCharacter(b));
        if (r.ok) {
          expect(r.sex).toBe(Number(b[16]) % 2 === 1 ? 'MALE' : 'FEMALE');
        }
      }),
    );
  });
});
