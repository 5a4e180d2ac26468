import fc from 'fast-check';
import { DomainError } from './domain-error';
import {
  hasFormatCharacter,
  isPlainLine,
  isStorableText,
  requiredName,
  requiredText,
} from './text';

const refusal = (f: () => unknown): { field?: string; message: string } | 'passed' => {
  try {
    f();
    return 'passed';
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return { field: (e as DomainError).field, message: (e as DomainError).message };
  }
};

describe('text checks (docs/security.md, "Text")', () => {
  it.each([
    ['zero-width space U+200B', 'DEMO-ZZ-H1\u200B'],
    ['zero-width non-joiner U+200C', 'A\u200CB'],
    ['zero-width joiner U+200D', 'A\u200DB'],
    ['left-to-right mark U+200E', '\u200EA'],
    ['right-to-left mark U+200F', 'A\u200F'],
    ['LRE U+202A', '\u202AA'],
    ['RLO U+202E', 'ab\u202Ecba'],
    ['LRI U+2066', '\u2066A\u2069'],
    ['PDI U+2069', 'A\u2069'],
    ['byte-order mark U+FEFF inside', 'A\uFEFFB'],
    ['word joiner U+2060', 'A\u2060B'],
    ['soft hyphen U+00AD', 'A\u00ADB'],
    ['Arabic letter mark U+061C', 'A\u061CB'],
    ['a tag character U+E0041', 'A\u{E0041}'],
  ])('refuses %s in codes, names and free text', (_name, value) => {
    expect(hasFormatCharacter(value)).toBe(true);
    expect(isPlainLine(value)).toBe(false);
    const r = refusal(() => requiredText('input.code', value, 64));
    expect(r).toMatchObject({ field: 'input.code' });
    expect(r !== 'passed' && r.message).not.toContain(value);
    expect(refusal(() => requiredName('input.name', value, 64))).toMatchObject({
      field: 'input.name',
    });
  });

  it.each([
    ['a tab', 'A\tB'],
    ['a new line', 'A\nB'],
    ['a carriage return', 'A\rB'],
    ['DEL', 'A\u007FB'],
    ['a C1 control', 'A\u0085B'],
    ['the line separator', 'A\u2028B'],
    ['the paragraph separator', 'A\u2029B'],
  ])('refuses %s in a code or a name, keeps it in free text', (_name, value) => {
    expect(refusal(() => requiredName('input.title', value, 64))).toMatchObject({
      field: 'input.title',
    });
    expect(requiredText('reason', value, 64)).toBe(value);
  });

  it.each([
    ['a code', 'DEMO-ZZ-H1'],
    ['Chinese', '河南省洛阳市第一人民医院'],
    ['a middle dot in a name', '阿依古丽·买买提'],
    ['an emoji without joiner', '😀'],
    ['full-width letters', 'ｔｅｓｔ'],
    ['Arabic digits', '١٢٣٤'],
    ['surrounding blanks, trimmed', '  A  '],
  ])('accepts %s', (_name, value) => {
    expect(requiredName('input.name', value, 64)).toBe(value.trim());
  });

  it.each([
    ['empty', ''],
    ['blanks only', '   '],
    ['too long', 'x'.repeat(65)],
  ])('refuses %s by length', (_name, value) => {
    expect(refusal(() => requiredName('input.name', value, 64))).toMatchObject({
      field: 'input.name',
    });
  });

  it('a visible text with any format character inserted is refused; the same text without it is not', () => {
    const visible = fc.stringMatching(/^[A-Za-z0-9\u4e00-\u9fa5-]{1,30}$/);
    const format = fc.constantFrom(
      ...'\u00AD\u061C\u180E\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069\uFEFF',
    );
    fc.assert(
      fc.property(visible, format, fc.nat(), (text, f, at) => {
        const i = at % (text.length + 1);
        const spoofed = text.slice(0, i) + f + text.slice(i);
        expect(requiredName('input.code', text, 64)).toBe(text);
        expect(refusal(() => requiredName('input.code', spoofed, 64))).toMatchObject({
          field: 'input.code',
        });
        expect(isStorableText(spoofed)).toBe(true);
      }),
    );
  });
});
