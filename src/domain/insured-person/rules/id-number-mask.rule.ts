/** Characters shown at the front of a masked ID number: the 6-digit address code (rules.md §2). */
const SHOWN_HEAD = 6;

/**
 * 脱敏: the masked form of an 18-character resident ID number (rules.md §2), `410302***********X`: the first 6 characters
 * (the address code, which `regionCode` nearly always repeats) and the check character, the 11 between starred.
 *
 * Why these two: the earlier mask (first 6 and last 4) hid exactly the 8 birth-date digits that `birthDate` shows, so
 * the two fields together were the whole number. With this one, a reader who also knows the birth date and the sex
 * still lacks the sequence's first two digits and its last digit's value (5 of its 10 values have the right parity):
 * 500 bodies, of which the check character keeps about one in 11, 45 or 46 candidates whatever the number
 * (id-number-mask.rule.spec.ts counts them).
 *
 * Anything that is not 18 characters long is starred whole: a malformed number is never half shown.
 */
export const maskIdNumber = (id: string): string =>
  id.length !== 18
    ? '*'.repeat(id.length)
    : `${id.slice(0, SHOWN_HEAD)}${'*'.repeat(18 - SHOWN_HEAD - 1)}${id.slice(-1)}`;

/** A stored mask as this rule makes it: 6 digits, 11 stars, a digit or X. */
export const ID_NUMBER_MASK = /^\d{6}\*{11}[\dX]$/;
