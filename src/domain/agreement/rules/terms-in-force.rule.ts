/**
 * The terms version in force on `day` (rules.md §1: "a computation uses the version in force on the date it is
 * about"): the version with the latest `effectiveFrom` on or before `day`. Before the first version (a date before the
 * agreement starts) the first version answers: it is the one that will apply, and every agreement has one.
 * `versions` need not be sorted; answers `undefined` only for an empty list.
 */
export function termsVersionOn<V extends { readonly effectiveFrom: string }>(
  versions: readonly V[],
  day: string,
): V | undefined {
  let inForce: V | undefined;
  let first: V | undefined;
  for (const v of versions) {
    if (!first || v.effectiveFrom < first.effectiveFrom) {
      first = v;
    }
    if (v.effectiveFrom <= day && (!inForce || v.effectiveFrom > inForce.effectiveFrom)) {
      inForce = v;
    }
  }
  return inForce ?? first;
}
