/**
 * Resident ID numbers inside free text, whole or masked (rules.md §2: the audit trail and the logs hold no ID number at
 * all, masked or whole; a person is named there by id).
 *
 * - whole: 17 digits and a digit or X (GB 11643), wherever they stand, even inside a longer run of digits;
 * - masked: 6 digits, at least 4 stars, then up to 3 digits and a digit or X — the masks this server has shown
 *   (`410302***********X`, and the earlier `410302********123X`) and others like them.
 */
const ID_NUMBER_IN_TEXT = /\d{17}[\dXx]|\d{6}\*{4,}\d{0,3}[\dXx]/g;

/** What stands in the place of a removed number. */
export const REMOVED_ID_NUMBER = '[ID number removed]';

/** `text` with every whole or masked ID number replaced by {@link REMOVED_ID_NUMBER}. */
export const withoutIdNumbers = (text: string): string =>
  text.replace(ID_NUMBER_IN_TEXT, REMOVED_ID_NUMBER);

/** Whether `text` holds a whole or masked ID number. */
export const holdsIdNumber = (text: string): boolean => {
  ID_NUMBER_IN_TEXT.lastIndex = 0;
  const found = ID_NUMBER_IN_TEXT.test(text);
  ID_NUMBER_IN_TEXT.lastIndex = 0;
  return found;
};
