import { BreachTier } from './breach-tier.enum';

/** The five tiers from the lightest (art. 62) to the heaviest (art. 66). */
export const TIER_ORDER: readonly BreachTier[] = [
  BreachTier.MINOR,
  BreachTier.GENERAL,
  BreachTier.SERIOUS,
  BreachTier.SEVERE,
  BreachTier.GRAVE,
];

/** 0 for MINOR … 4 for GRAVE. */
export const tierRank = (tier: BreachTier): number => TIER_ORDER.indexOf(tier);

/** The heavier of two tiers: escalation never lowers a tier (rules.md §7.3). */
export const maxTier = (a: BreachTier, b: BreachTier): BreachTier =>
  tierRank(a) >= tierRank(b) ? a : b;

/** The tier of an article of Suining arts. 62–66, from its number: `64(二)` → SERIOUS. */
export const tierOfArticle = (article: string): BreachTier => {
  const tier = ARTICLE_TIERS[article.slice(0, 2)];
  if (!tier) {
    throw new RangeError(`not an article of Suining arts. 62–66: ${article}`);
  }
  return tier;
};

const ARTICLE_TIERS: Readonly<Record<string, BreachTier>> = {
  '62': BreachTier.MINOR,
  '63': BreachTier.GENERAL,
  '64': BreachTier.SERIOUS,
  '65': BreachTier.SEVERE,
  '66': BreachTier.GRAVE,
};
