import { badInput } from './domain-error';

/**
 * Unicode format characters (general category Cf): zero-width spaces and joiners (U+200B–U+200D, U+2060), the
 * left-to-right and right-to-left marks (U+200E, U+200F, U+061C), the bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), the byte-order mark (U+FEFF), the soft hyphen (U+00AD), tag characters
 * (U+E0001, U+E0020–U+E007F) and the rest of the category. None is seen on screen: a code or a name holding one looks
 * the same as the one without (a fake `DEMO-ZZ-H1\u200B` beside the real `DEMO-ZZ-H1`), and a bidirectional control
 * makes text display in another order than it is stored (docs/security.md, "Text").
 */
const FORMAT_CHARACTER = /\p{Cf}/u;

/** Control characters (Cc: C0, DEL, C1) and the line and paragraph separators: not part of a one-line code or name. */
const LINE_BREAKING = /[\p{Cc}\u2028\u2029]/u;

/** Whether the text holds an invisible format character (see {@link FORMAT_CHARACTER}). */
export const hasFormatCharacter = (s: string): boolean => FORMAT_CHARACTER.test(s);

/** Whether the text is one line of visible text: no format character, no control character, no line separator. */
export const isPlainLine = (s: string): boolean =>
  !FORMAT_CHARACTER.test(s) && !LINE_BREAKING.test(s);

/** The refusal of text with a format character, naming the field and never repeating the value. */
export const INVISIBLE_TEXT_MESSAGE =
  'text must not contain invisible format characters (zero-width or bidirectional controls)';

/**
 * A required text input, trimmed, 1 to `max` characters, without invisible format characters; else
 * `BAD_USER_INPUT` on `field` (the value not repeated).
 */
export const requiredText = (field: string, value: string, max: number): string => {
  // Before trimming: `trim` drops a byte-order mark at either end, which is refused like any other.
  if (hasFormatCharacter(value)) {
    throw badInput(field, `${field}: ${INVISIBLE_TEXT_MESSAGE}`);
  }
  const v = value.trim();
  if (v === '' || v.length > max) {
    throw badInput(field, `${field} must be 1 to ${max} characters`);
  }
  return v;
};

/**
 * A code, a name or a title (organization code and name, agreement code and title, a person's name): one line of
 * {@link requiredText}, without control characters or line separators either; else `BAD_USER_INPUT` on `field`.
 */
export const requiredName = (field: string, value: string, max: number): string => {
  const v = requiredText(field, value, max);
  if (LINE_BREAKING.test(v)) {
    throw badInput(field, `${field} must be one line without control characters`);
  }
  return v;
};

/** A NUL character or a UTF-16 surrogate without its pair: text PostgreSQL cannot store. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store (and compare) the text: no NUL, no unpaired surrogate. */
export const isStorableText = (s: string): boolean => !UNSTORABLE.test(s);
