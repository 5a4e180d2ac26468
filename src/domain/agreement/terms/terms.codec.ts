import Decimal from 'decimal.js';
import { Money } from '../../../shared/money';
import { type AgreementKind } from '../agreement.enums';
import { DEFAULT_TERMS, type TermsValue } from './terms.model';

/**
 * Terms versions are stored as one `jsonb` document each (docs/decisions.md, "Terms as data"). Money and rates are
 * JSON strings with their exact decimal digits ("1.50", "0.60"), never JSON numbers; counts of days and staff are JSON
 * integers. Reading a document fills every key it lacks from the seed values of its kind, so a term added by a later
 * release takes its seed value in versions written before it existed.
 */

const DECIMAL_STRING = /^-?\d+(?:\.\d+)?$/;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !Decimal.isDecimal(v);

/** The JSON form of a terms value: decimals become their fixed-point strings. */
export const encodeTerms = (value: TermsValue): Record<string, unknown> =>
  JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (Decimal.isDecimal(v) ? v.toFixed() : v)),
  ) as Record<string, unknown>;

const decodeValue = (v: unknown): unknown => {
  if (typeof v === 'string' && DECIMAL_STRING.test(v)) {
    return new Money(v);
  }
  if (Array.isArray(v)) {
    return v.map(decodeValue);
  }
  if (isPlainObject(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decodeValue(x)]));
  }
  return v;
};

/** Keys of `defaults` that `doc` lacks take the default, recursively into nested objects (not into lists). */
const fillFrom = (defaults: Record<string, unknown>, doc: Record<string, unknown>) => {
  const out: Record<string, unknown> = { ...doc };
  for (const [k, d] of Object.entries(defaults)) {
    if (!(k in doc)) {
      out[k] = d;
    } else if (isPlainObject(d) && isPlainObject(doc[k])) {
      out[k] = fillFrom(d, doc[k]);
    }
  }
  return out;
};

/** A stored document back to a terms value of `kind`. */
export const decodeTerms = (kind: AgreementKind, doc: unknown): TermsValue => {
  const decoded = decodeValue(isPlainObject(doc) ? doc : {}) as Record<string, unknown>;
  const filled = fillFrom(DEFAULT_TERMS[kind] as unknown as Record<string, unknown>, decoded);
  return { ...filled, kind } as unknown as TermsValue;
};

/**
 * `base` with every top-level field that `patch` gives (not `null`, not left out) replaced; nested values such as a
 * schedule or the staffing rules are replaced whole (the patch gives them complete: see `terms.inputs.ts`).
 */
export const mergeTerms = <T extends TermsValue>(base: T, patch: object | null | undefined): T => {
  if (!patch) {
    return base;
  }
  const given = Object.entries(patch).filter(([, v]) => v !== undefined && v !== null);
  return { ...base, ...Object.fromEntries(given) };
};
