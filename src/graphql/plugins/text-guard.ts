import { badInput } from '../../shared/domain-error';
import { hasFormatCharacter, INVISIBLE_TEXT_MESSAGE, isStorableText } from '../../shared/text';

/** What is wrong with a string argument, if anything. */
type TextFault = 'UNSTORABLE' | 'INVISIBLE';

const faultOf = (s: string): TextFault | null =>
  !isStorableText(s) ? 'UNSTORABLE' : hasFormatCharacter(s) ? 'INVISIBLE' : null;

/** The path and fault of the first string in `value` that is refused, or null. */
const refused = (value: unknown, path: string): { path: string; fault: TextFault } | null => {
  if (typeof value === 'string') {
    const fault = faultOf(value);
    return fault ? { path, fault } : null;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = refused(v, `${path}[${i}]`);
      if (found) {
        return found;
      }
    }
    return null;
  }
  if (value && typeof value === 'object' && !('toFixed' in value)) {
    for (const [k, v] of Object.entries(value)) {
      const found = refused(v, `${path}.${k}`);
      if (found) {
        return found;
      }
    }
  }
  return null;
};

/**
 * Refuses, before any service sees them, root-field arguments whose text holds a NUL character or an unpaired
 * surrogate, or an invisible Unicode format character (zero-width, bidirectional controls, the byte-order mark, …:
 * `hasFormatCharacter`), as `BAD_USER_INPUT` naming the field, the value not repeated. PostgreSQL stores neither of the
 * first two, and letting them through would fail deep in a query or the audit trail instead of at the input (found by
 * the hostile-input test); the format characters make a code or a name look like another one (docs/security.md,
 * "Text"). The services refuse them too (`requiredText`), for the callers that do not come through GraphQL.
 */
export const refuseUnstorableText = (args: Record<string, unknown>): void => {
  for (const [name, value] of Object.entries(args)) {
    const found = refused(value, name);
    if (found) {
      throw badInput(
        found.path,
        found.fault === 'UNSTORABLE'
          ? 'text must not contain NUL characters or unpaired UTF-16 surrogates'
          : INVISIBLE_TEXT_MESSAGE,
      );
    }
  }
};
