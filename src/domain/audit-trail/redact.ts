import { withoutIdNumbers } from '../../shared/id-number-text';

/**
 * A copy of an operation's input fit for the audit trail and the logs (rules.md §2: they hold no ID number at all,
 * masked or whole; a person is named there by id): `idNumber` fields are left out — the service that takes one puts
 * the person's id in the input it records (`insuredPersonId`) — and any whole or masked ID number inside other text is
 * replaced (`withoutIdNumbers`). Decimals and other objects with `toJSON` are kept as their JSON.
 */
export const redactPersonalData = (value: unknown): unknown => {
  if (typeof value === 'string') {
    return withoutIdNumbers(value);
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
      Object.entries(value)
        .filter(([k]) => k !== 'idNumber')
        .map(([k, v]) => [withoutIdNumbers(k), redactPersonalData(v)]),
    );
  }
  return value;
};
