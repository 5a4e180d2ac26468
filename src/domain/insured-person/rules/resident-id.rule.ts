import { isCalendarDate } from '../../../shared/calendar-date';

/** ISO 7064 MOD 11-2 weights of the 17 body digits (GB 11643-1999 §8.2; rules.md §2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character by `Σ(digit × weight) mod 11`. */
const CHECK_CHARACTERS = '10X98765432';

/** The earliest birth date we accept: the standard's own example is born in 1880. */
export const EARLIEST_BIRTH_DATE = '1850-01-01';

export type ResidentIdProblem =
  'LENGTH' | 'FORMAT' | 'BIRTH_DATE' | 'FUTURE_BIRTH_DATE' | 'CHECK_CHARACTER';

export type ResidentIdResult =
  | {
      readonly ok: true;
      /** The number as stored: 17 digits and an upper-case check character. */
      readonly idNumber: string;
      readonly birthDate: string;
      readonly sex: 'MALE' | 'FEMALE';
    }
  | { readonly ok: false; readonly problem: ResidentIdProblem; readonly message: string };

/** The check character of 17 body digits (ISO 7064 MOD 11-2). */
export const checkCharacter = (body: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(body[i]) * WEIGHTS[i]!;
  }
  return CHECK_CHARACTERS[sum % 11]!;
};

const fail = (problem: ResidentIdProblem, message: string): ResidentIdResult => ({
  ok: false,
  problem,
  message,
});

/**
 * Parses an 18-character resident ID number (公民身份号码, GB 11643-1999; rules.md §2): 6-digit address code, 8-digit
 * birth date, 3-digit sequence (odd for men, even for women), check character. A lower-case `x` is read as `X`
 * (people type it so); surrounding blanks are not accepted. The birth date must be a real date, not after `today`
 * and not before {@link EARLIEST_BIRTH_DATE}. Messages never repeat the number (it is personal data).
 */
export const parseResidentId = (raw: string, today: string): ResidentIdResult => {
  if (raw.length !== 18) {
    return fail('LENGTH', `an ID number has 18 characters, not ${raw.length}`);
  }
  const id = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return fail('FORMAT', 'an ID number is 17 digits and a check digit or X');
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE) {
    return fail('BIRTH_DATE', 'the birth date in the ID number is not a real date');
  }
  if (birthDate > today) {
    return fail('FUTURE_BIRTH_DATE', 'the birth date in the ID number is in the future');
  }
  if (checkCharacter(id) !== id[17]) {
    return fail('CHECK_CHARACTER', 'the check character of the ID number is wrong');
  }
  return { ok: true, idNumber: id, birthDate, sex: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE' };
};
