/** One entry of a special-status history: `id` orders entries recorded for the same day (later recorded wins). */
export interface StatusEntry<S extends string> {
  readonly status: S;
  readonly effectiveFrom: string;
  readonly id: string | number;
}

const newer = (a: string | number, b: string | number): boolean =>
  typeof a === 'number' && typeof b === 'number' ? a > b : BigInt(a) > BigInt(b);

/**
 * The special status in force on `day` (rules.md §2: "the status in force on a claim's discharge date decides its
 * schedule"): the entry with the latest `effectiveFrom` on or before `day`; of two from the same day, the later
 * recorded. Before the first entry, or with none: `none`.
 */
export function specialStatusOn<S extends string>(
  history: readonly StatusEntry<S>[],
  day: string,
  none: S,
): S {
  let best: StatusEntry<S> | undefined;
  for (const e of history) {
    if (
      e.effectiveFrom <= day &&
      (!best ||
        e.effectiveFrom > best.effectiveFrom ||
        (e.effectiveFrom === best.effectiveFrom && newer(e.id, best.id)))
    ) {
      best = e;
    }
  }
  return best ? best.status : none;
}
