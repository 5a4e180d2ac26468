import { badInput } from '../../shared/domain-error';
import { isStorableText } from '../../shared/text';

/** The path of the first string in `value` that cannot be stored, or null. */
const unstorable = (value: unknown, path: string): string | null => {
  if (typeof value === 'string') {
    return isStorableText(value) ? null : path;
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
