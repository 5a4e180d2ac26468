import { registerEnumType } from 'type-graphql';

/** 违约情形等级: the five tiers of Suining arts. 62–66 (rules.md §7.2), from the lightest. */
export enum BreachTier {
  MINOR = 'MINOR',
  GENERAL = 'GENERAL',
  SERIOUS = 'SERIOUS',
  SEVERE = 'SEVERE',
  GRAVE = 'GRAVE',
}

registerEnumType(BreachTier, {
  name: 'BreachTier',
  description:
    '违约情形等级: breach tier of a designated institution (Suining arts. 62–66; rules.md §7.2).',
  valuesConfig: {
    MINOR: {
      description:
        '较轻 (art. 62): interview and rectification; the violating amount is recovered (arts. 43, 51); no damages.',
    },
    GENERAL: {
      description:
        '一般 (art. 63): as minor, plus withholding until rectified; the violating amount is recovered (arts. 43, 51); no damages.',
    },
    SERIOUS: {
      description:
        '较重 (art. 64): withhold, recover; damages k × violating amount, k in [1, 2], or 1 000 per occurrence without an amount.',
    },
    SEVERE: {
      description:
        '严重 (art. 65): withhold, recover; damages 3 × violating amount; may suspend 1–6 months from the day after the notice.',
    },
    GRAVE: {
      description:
        '特别严重 (art. 66): recover; damages k × violating amount, k in [3, 5]; terminate and publish.',
    },
  },
});
