/** A six-digit administrative division code (GB/T 2260), e.g. 410000 Henan, 410300 Luoyang, 510900 Suining. */
export const REGION_CODE = /^[1-9]\d{5}$/;

export const isRegionCode = (s: string): boolean => REGION_CODE.test(s);
