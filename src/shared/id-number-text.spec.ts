import { Writable } from 'node:stream';
import fc from 'fast-check';
import { holdsIdNumber, REMOVED_ID_NUMBER, withoutIdNumbers } from './id-number-text';
import { createLogger } from './logger';

describe('withoutIdNumbers (rules.md §2: no ID number in the audit trail or the logs, masked or whole)', () => {
  it.each([
    ['a whole number', '11010519491231002X', REMOVED_ID_NUMBER],
    ['a lower-case x', 'id 11010519491231002x.', `id ${REMOVED_ID_NUMBER}.`],
    [
      'inside a longer run of digits (the first 18 go)',
      '9911010519491231002X',
      `${REMOVED_ID_NUMBER}2X`,
    ],
    ['the new mask', '410302***********X', REMOVED_ID_NUMBER],
    ['the earlier mask', '410302********123X', REMOVED_ID_NUMBER],
    [
      'two in a sentence',
      'a 440524188001010014 b 110105***********X',
      `a ${REMOVED_ID_NUMBER} b ${REMOVED_ID_NUMBER}`,
    ],
    ['inside JSON', '{"n":"11010519491231002X"}', `{"n":"${REMOVED_ID_NUMBER}"}`],
    ['a settlement number', 'DEMO-2024-00001', 'DEMO-2024-00001'],
    ['17 digits', '11010519491231002', '11010519491231002'],
    ['a uuid', '0b5e0b3c-9a1f-4d2e-8c3b-1234567890ab', '0b5e0b3c-9a1f-4d2e-8c3b-1234567890ab'],
    ['an amount', '999999999999.99', '999999999999.99'],
    ['a time stamp in ms', '1718452800000', '1718452800000'],
  ])('%s', (_name, text, expected) => {
    expect(withoutIdNumbers(text)).toBe(expected);
    expect(holdsIdNumber(text)).toBe(expected !== text);
  });

  it('leaves no 18-character number and no mask in any text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.stringMatching(/^\d{17}[\dXx]$/),
            fc.stringMatching(/^\d{6}\*{11}[\dX]$/),
          ),
        ),
        (parts) => {
          const out = withoutIdNumbers(parts.join(''));
          expect(out).not.toMatch(/\d{17}[\dXx]/);
          expect(out).not.toMatch(/\d{6}\*{4,}\d{0,3}[\dXx]/);
          expect(holdsIdNumber(out)).toBe(false);
        },
      ),
    );
  });
});

describe('createLogger', () => {
  it('writes no ID number, whole or masked, wherever it stands in a line', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger('info', sink);
    const err = Object.assign(new Error('duplicate key 11010519491231002X'), {
      parameters: ['440524188001010014', '410302***********X'],
    });
    logger.error({ err, requestId: 'r1', variables: { idNumber: '11010519491231002X' } }, 'failed');
    logger.info({ note: 'cursor ["110105********002X"]' }, 'seen 440524188001010014');
    await new Promise((r) => setImmediate(r));
    const text = lines.join('');
    expect(lines.length).toBe(2);
    expect(text).not.toMatch(/\d{17}[\dXx]/);
    expect(text).not.toMatch(/\d{6}\*{4,}/);
    expect(text).toContain(REMOVED_ID_NUMBER);
    expect(text).toContain('"requestId":"r1"');
  });
});
