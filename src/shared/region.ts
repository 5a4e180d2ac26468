import { badInput } from './domain-error';

/** A six-digit administrative division code (GB/T 2260), e.g. 410000 Henan, 410300 Luoyang, 510900 Suining. */
export const REGION_CODE = /^[1-9]\d{5}$/;

export const isRegionCode = (s: string): boolean => REGION_CODE.test(s);

/** A required region-code input; else `BAD_USER_INPUT` on `field`. */
export const requiredRegionCode = (field: string, value: string): string => {
  if (!isRegionCode(value)) {
    throw badInput(
      field,
      `${field.split('.').pop()} must be a six-digit administrative division code`,
    );
  }
  return value;
};

/**
 * The prefix a region code stands for: its trailing pairs of zeros dropped (`410000` → `41` Henan, `410300` → `4103`
 * Luoyang, `410302` stays). A region contains every code starting with its prefix.
 */
export const regionPrefix = (code: string): string => {
  let p = code;
  while (p.length > 2 && p.endsWith('00')) {
    p = p.slice(0, -2);
  }
  return p;
};

/** The prefixes that lie in both sets (each pair's longer prefix when one contains the other), without repeats. */
export const intersectPrefixes = (a: readonly string[], b: readonly string[]): string[] => {
  const both = new Set<string>();
  for (const x of a) {
    for (const y of b) {
      if (y.startsWith(x)) {
        both.add(y);
      } else if (x.startsWith(y)) {
        both.add(x);
      }
    }
  }
  // Drop a prefix another one already covers ("4103" under "41").
  return [...both].filter((p) => ![...both].some((q) => q !== p && p.startsWith(q))).sort();
};

/** Whether `code` starts with one of `prefixes`. */
export const matchesPrefix = (code: string, prefixes: readonly string[]): boolean =>
  prefixes.some((p) => code.startsWith(p));
