import { badInput } from './domain-error';

/** A required text input, trimmed, 1 to `max` characters; else `BAD_USER_INPUT` on `field`. */
export const requiredText = (field: string, value: string, max: number): string => {
  const v = value.trim();
  if (v === '' || v.length > max) {
    throw badInput(field, `${field} must be 1 to ${max} characters`);
  }
  return v;
};
