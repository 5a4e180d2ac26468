/** An 18-character resident ID number anywhere in a string (GB 11643). */
const ID_NUMBER = /\d{17}[\dXx]/g;

/** First 6 and last 4 characters, the rest starred (rules.md §2). */
export const maskIdNumber = (id: string): string =>
  id.length <= 10
    ? '*'.repeat(id.length)
    : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;

/**
 * A copy of an operation's input fit for logs and the audit trail: `idNumber` fields and anything shaped like a
 * resident ID number are masked; Decimals and other objects with `toJSON` are kept as their JSON.
 */
export const redactPersonalData = (value: unknown): unknown => {
  if (typeof value === 'string') {
    return value.replace(ID_NUMBER, maskIdNumber);
  }
  if (Array.isArray(value)) {
    return value.map(redactPersonalData);
  }
  if (value && typeof value === 'object') {
    const json = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') {
      return redactPersonalData(json.call(value));
    }
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === 'idNumber' && typeof v === 'string' ? maskIdNumber(v) : redactPersonalData(v),
      ]),
    );
  }
  return value;
};
