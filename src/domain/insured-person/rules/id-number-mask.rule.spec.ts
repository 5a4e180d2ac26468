import fc from 'fast-check';
import { ID_NUMBER_MASK, maskIdNumber } from './id-number-mask.rule';
import { checkCharacter, parseResidentId } from './resident-id.rule';

const TODAY = '2024-06-15';
const withCheck = (body: string) => body + checkCharacter(body);

/**
 * Every number a reader could rebuild from what the API shows beside a mask: the mask itself, the birth date and the
 * sex — by brute force over the 11 hidden characters, without using the masking code.
 */
const candidatesBehind = (mask: string, birthDate: string, sex: 'MALE' | 'FEMALE'): string[] => {
  const head = mask.slice(0, 6);
  const check = mask.slice(-1);
  const date = birthDate.replace(/-/g, '');
  const out: string[] = [];
  for (let seq = 0; seq < 1000; seq++) {
    const s = String(seq).padStart(3, '0');
    if ((Number(s[2]) % 2 === 1 ? 'MALE' : 'FEMALE') !== sex) {
      continue;
    }
    const body = `${head}${date}${s}`;
    if (checkCharacter(body) === check) {
      out.push(body + check);
    }
  }
  return out;
};

describe('maskIdNumber (rules.md §2: the first 6 characters and the check character)', () => {
  it.each([
    ['the standard’s example with X', '11010519491231002X', '110105***********X'],
    ['the standard’s example born in 1880', '440524188001010014', '440524***********4'],
    [
      'a Luoyang number',
      withCheck('41030219850312123'),
      `410302***********${checkCharacter('41030219850312123')}`,
    ],
    ['17 characters: all starred', '11010519491231002', '*****************'],
    ['19 characters: all starred', '11010519491231002X0', '*******************'],
    ['empty', '', ''],
  ])('%s', (_name, id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it('shows neither the birth date nor the sequence', () => {
    const masked = maskIdNumber('11010519491231002X');
    expect(masked).not.toContain('19491231');
    expect(masked).not.toContain('1231');
    expect(masked).not.toContain('002');
    expect(masked).toMatch(ID_NUMBER_MASK);
  });

  it('the standard’s example: 45 or 46 numbers fit the mask, the birth date and the sex, the real one among them', () => {
    const r = parseResidentId('11010519491231002X', TODAY);
    if (!r.ok) {
      throw new Error('example');
    }
    const candidates = candidatesBehind(maskIdNumber(r.idNumber), r.birthDate, r.sex);
    expect(candidates).toContain(r.idNumber);
    expect(candidates.length).toBeGreaterThanOrEqual(45);
  });

  it('for any valid number: the mask matches its pattern, keeps head and check, and 45 or 46 candidates remain', () => {
    const number = fc
      .tuple(
        fc.stringMatching(/^[1-9]\d{5}$/),
        fc.date({ min: new Date('1900-01-01'), max: new Date('2024-06-15'), noInvalidDate: true }),
        fc.stringMatching(/^\d{3}$/),
      )
      .map(([area, d, seq]) =>
        withCheck(`${area}${d.toISOString().slice(0, 10).replace(/-/g, '')}${seq}`),
      );
    fc.assert(
      fc.property(number, (id) => {
        const r = parseResidentId(id, TODAY);
        expect(r.ok).toBe(true);
        if (!r.ok) {
          return;
        }
        const masked = maskIdNumber(id);
        expect(masked).toMatch(ID_NUMBER_MASK);
        expect(masked.slice(0, 6)).toBe(id.slice(0, 6));
        expect(masked.slice(-1)).toBe(id.slice(-1));
        const candidates = candidatesBehind(masked, r.birthDate, r.sex);
        expect(candidates).toContain(id);
        expect(candidates.length).toBeGreaterThanOrEqual(45);
        expect(candidates.length).toBeLessThanOrEqual(46);
      }),
      { numRuns: 200 },
    );
  });
});
