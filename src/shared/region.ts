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
