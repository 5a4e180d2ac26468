import { badInput } from '../../shared/domain-error';

/** A NUL character or a UTF-16 surrogate without its pair: text PostgreSQL cannot store. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string in `value` that cannot be stored, or null. */
const unstorable = (value: unknown, path: string): string | null => {
  if (typeof value === 'string') {
    return UNSTORABLE.test(value) ? path : null;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = unstorable(v, `${path}[${i}]`);
      if (found) {
        return found;
      }
    }
    return null;
  }
  if (value && typeof value === 'object' && !('toFixed' in value)) {
    for (const [k, v] of Object.entries(value)) {
      const found = unstorable(v, `${path}.${k}`);
      if (found) {
        return found;
      }
    }
  }
  return null;
};

/**
 * Refuses, before any service sees them, root-field arguments whose text holds a NUL character or an unpaired
 * surrogate (`BAD_USER_INPUT` naming the field): PostgreSQL stores neither, and letting them through would fail deep in
 * a query or the audit trail instead of at the input (found by the hostile-input test).
 */
export const refuseUnstorableText = (args: Record<string, unknown>): void => {
  for (const [name, value] of Object.entries(args)) {
    const field = unstorable(value, name);
    if (field) {
      throw badInput(field, 'text must not contain NUL characters or unpaired UTF-16 surrogates');
    }
  }
};
