/**
 * An agreement's status on a day (rules.md §1): `EXPIRED` after `effectiveTo`, else `ACTIVE` — also before
 * `effectiveFrom`, since a signed agreement not yet in force is neither expired nor suspended. Suspension and
 * termination periods come with penalties (rules.md §7) and take precedence once they exist.
 */
export const agreementStatusOn = (
  agreement: { readonly effectiveTo: string },
  day: string,
): 'ACTIVE' | 'EXPIRED' => (day > agreement.effectiveTo ? 'EXPIRED' : 'ACTIVE');
