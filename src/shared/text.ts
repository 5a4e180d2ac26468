import { badInput } from './domain-error';

/** A required text input, trimmed, 1 to `max` characters; else `BAD_USER_INPUT` on `field`. */
export const requiredText = (field: string, value: string, max: number): string => {
  const v = value.trim();
  if (v === '' || v.length > max) {
    throw badInput(field, `${field} must be 1 to ${max} characters`);
  }
  return v;
};

/** A NUL character or a UTF-16 surrogate without its pair: text PostgreSQL cannot store. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store (and compare) the text: no NUL, no unpaired surrogate. */
export const isStorableText = (s: string): boolean => !UNSTORABLE.test(s);
