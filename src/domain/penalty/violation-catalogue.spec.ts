import type { QueryRunner } from 'typeorm';

import {
  VIOLATION_TYPES_1763800000006,
  ViolationCatalogue1763800000006,
} from '../../../migrations/1763800000006-ViolationCatalogue';
import { tierOfArticle } from './breach-tier-order';
import { BreachTier } from './breach-tier.enum';
import {
  findViolationType,
  VIOLATION_CATALOGUE,
  type ViolationCode,
  violationType,
} from './violation-catalogue';

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 10 → 十, 14 → 十四, 20 → 二十, 29 → 二十九. */
const chineseNumber = (n: number): string => {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`}${DIGITS[ones]}`;
};

/** Items per article in the seed (arts. 62–66). */
const ITEMS_PER_ARTICLE: readonly [number, number][] = [
  [62, 12],
  [63, 9],
  [64, 29],
  [65, 17],
  [66, 20],
];
const EVERY_ITEM = ITEMS_PER_ARTICLE.flatMap(([article, count]) =>
  Array.from({ length: count }, (_, i) => `${article}(${chineseNumber(i + 1)})`),
);

describe('the violation catalogue (rules.md §7.2, §7.5; Suining arts. 62–66)', () => {
  it('has every item of arts. 62–66 exactly once, under 79 unique codes', () => {
    expect(EVERY_ITEM).toHaveLength(87);
    const articles = VIOLATION_CATALOGUE.flatMap((v) => v.clauses.map((c) => c.article));
    expect([...articles].sort()).toEqual([...EVERY_ITEM].sort());
    const codes = VIOLATION_CATALOGUE.map((v) => v.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(79);
    expect(codes.every((c) => /^[A-Z][A-Z0-9_]*$/.test(c))).toBe(true);
  });

  it.each<[ViolationCode, string, BreachTier]>([
    ['NO_PRICE_DISCLOSURE', '62(七)', BreachTier.MINOR],
    ['OFFLINE_PROCUREMENT', '63(一) / 64(五)', BreachTier.GENERAL],
    ['OUT_OF_SCOPE_BILLING', '64(一)', BreachTier.SERIOUS],
    ['SPLIT_ADMISSION', '64(二十二)', BreachTier.SERIOUS],
    ['EXCESSIVE_TREATMENT', '64(二十三)', BreachTier.SERIOUS],
    ['FICTITIOUS_CHARGES', '65(二) / 66(三)', BreachTier.SEVERE],
    ['ITEM_SUBSTITUTION', '65(三) / 66(六)', BreachTier.SEVERE],
    ['IDENTITY_NOT_VERIFIED', '65(十二)', BreachTier.SEVERE],
    ['FAKE_TREATMENT_FRAUD', '66(一)', BreachTier.GRAVE],
    ['STOCK_RATIO', '62(八) / 64(二) / 65(九)', BreachTier.MINOR],
    ['SERVICE_QUANTITY_RATIO', '62(九) / 64(三) / 65(十)', BreachTier.MINOR],
    ['DECLARED_OVER_SOLD', '64(四) / 65(十一)', BreachTier.SERIOUS],
    ['NO_STOCK_RECORDS', '65(四)', BreachTier.SEVERE],
    ['REPEATED_BREACHES', '65(十六)', BreachTier.SEVERE],
    ['REPEATED_SUSPENSION', '66(十四)', BreachTier.GRAVE],
  ])('has %s at %s, default %s (rules.md §7.5)', (code, article, tier) => {
    const v = violationType(code);
    expect(v.article).toBe(article);
    expect(v.defaultTier).toBe(tier);
  });

  it.each<[ViolationCode, string]>([
    [
      'OUT_OF_SCOPE_BILLING',
      '将超出医疗保障支付范围、不符合医保支付政策规定的费用纳入医疗保障基金支付的',
    ],
    [
      'NO_PRICE_DISCLOSURE',
      '未公布投诉举报渠道、未公示本单位医药价格与收费标准或未向社会公开医药费用及费用结构等信息的',
    ],
    ['SPLIT_ADMISSION', '发生分解住院、挂床住院的'],
    [
      'EXCESSIVE_TREATMENT',
      '过度诊疗、过度检查、分解处方、超量开药、重复开药，造成医保基金不合理支出的',
    ],
    ['IDENTITY_NOT_VERIFIED', '未有效核验参保人医疗保障凭证，造成冒名就医住院的'],
    ['FAKE_TREATMENT_FRAUD', '诱导、协助他人冒名或虚假就医、购药的'],
    [
      'NO_STOCK_RECORDS',
      '未开展药品、医用耗材进销存管理，或者未建立药品、医用耗材的进销存电子台账、信息系统以及留存相关凭证、票据的',
    ],
    ['OTHER_FUND_LOSS', '其他造成医保基金损失的行为的'],
    ['OTHER_GRAVE', '法律法规和规章规定的应当解除协议的其他情形'],
  ])('copies the seed text of %s', (code, text) => {
    expect(violationType(code).description).toBe(text);
  });

  it('writes one line `<article> <text>` per clause for an entry of several articles', () => {
    expect(violationType('STOCK_RATIO').description).toBe(
      [
        '62(八) 药品、医用耗材进销存比率大于105%且小于等于110%，或大于等于90%且小于95%',
        '64(二) 药品、医用耗材进销存比率大于110%且小于等于120%，或大于等于80%且小于90%的',
        '65(九) 药品、医用耗材进销存比率大于120%，或小于80%的',
      ].join('\n'),
    );
    expect(violationType('FICTITIOUS_CHARGES').description).toBe(
      '65(二) 虚记医疗费用涉及10000元以下的\n66(三) 以虚构医药服务项目等方式，骗取医保基金，虚记医疗费用涉及3万元以上的',
    );
  });

  it('keeps no item marker and no closing punctuation in the texts', () => {
    for (const c of VIOLATION_CATALOGUE.flatMap((v) => v.clauses)) {
      expect(c.text).not.toMatch(/^（[一二三四五六七八九十]+）/);
      expect(c.text).not.toMatch(/[；;。]$/);
      expect(c.text.length).toBeGreaterThan(5);
    }
  });

  it('gives each clause the tier of its article and each entry the tier of its first clause', () => {
    for (const v of VIOLATION_CATALOGUE) {
      for (const c of v.clauses) {
        expect(c.tier).toBe(tierOfArticle(c.article));
      }
      expect(v.defaultTier).toBe(v.clauses[0]?.tier);
      expect(v.article).toBe(v.clauses.map((c) => c.article).join(' / '));
    }
  });

  it('marks exactly the 骗取医保基金 entries as fraud', () => {
    expect(
      VIOLATION_CATALOGUE.filter((v) => v.fraud)
        .map((v) => `${v.code} ${v.article}`)
        .sort(),
    ).toEqual([
      'FAKE_TREATMENT_FRAUD 66(一)',
      'FALSE_DOCUMENTS_FRAUD 66(四)',
      'FICTITIOUS_CHARGES 65(二) / 66(三)',
      'FORGED_RECORDS_FRAUD 66(二)',
      'FRAUD_CONFIRMED 66(十三)',
    ]);
  });

  it('has a tier rule for exactly the six entries of several articles, and only those', () => {
    const withRule = VIOLATION_CATALOGUE.filter((v) => v.thresholds !== null).map((v) => v.code);
    const multi = VIOLATION_CATALOGUE.filter((v) => v.clauses.length > 1).map((v) => v.code);
    expect(withRule).toEqual(multi);
    expect([...withRule].sort()).toEqual([
      'DECLARED_OVER_SOLD',
      'FICTITIOUS_CHARGES',
      'ITEM_SUBSTITUTION',
      'OFFLINE_PROCUREMENT',
      'SERVICE_QUANTITY_RATIO',
      'STOCK_RATIO',
    ]);
  });

  it("places every band and step at one of the entry's clauses, with that clause's tier, and uses every clause", () => {
    for (const v of VIOLATION_CATALOGUE) {
      const t = v.thresholds;
      if (t === null) {
        continue;
      }
      const placed =
        t.basis === 'RATIO'
          ? t.bands
          : [...t.steps, ...(t.shareOfPurchases ? [t.shareOfPurchases] : [])];
      for (const p of placed) {
        expect(v.clauses.find((c) => c.article === p.article)?.tier).toBe(p.tier);
      }
      expect(new Set(placed.map((p) => p.article))).toEqual(
        new Set(v.clauses.map((c) => c.article)),
      );
      if (t.basis === 'AMOUNT') {
        expect(t.steps[0]?.from.toString()).toBe('0');
        expect(t.steps.map((s) => s.from.toNumber())).toEqual(
          [...t.steps.map((s) => s.from.toNumber())].sort((a, b) => a - b),
        );
      }
    }
  });

  it('stores the amount thresholds of rules.md §7.2 ("以上" inclusive, "以下" exclusive)', () => {
    const steps = (code: ViolationCode): string[] => {
      const t = violationType(code).thresholds;
      return t?.basis === 'AMOUNT'
        ? t.steps.map((s) => `${s.from.toString()} ${s.tier}${s.needsOfficerDecision ? '?' : ''}`)
        : [];
    };
    expect(steps('FICTITIOUS_CHARGES')).toEqual(['0 SEVERE', '10000 SEVERE?', '30000 GRAVE']);
    expect(steps('ITEM_SUBSTITUTION')).toEqual(['0 SEVERE', '100000 GRAVE']);
    expect(steps('OFFLINE_PROCUREMENT')).toEqual(['0 GENERAL', '50000 SERIOUS']);
    const offline = violationType('OFFLINE_PROCUREMENT').thresholds;
    expect(offline?.basis === 'AMOUNT' && offline.shareOfPurchases?.from.toString()).toBe('0.15');
  });

  it('finds entries by code', () => {
    expect(findViolationType('OUT_OF_SCOPE_BILLING')?.article).toBe('64(一)');
    expect(findViolationType('NOPE')).toBeUndefined();
    // @ts-expect-error not a catalogue code
    expect(() => violationType('NOPE')).toThrow(RangeError);
  });
});

describe('migration 1763800000006-ViolationCatalogue', () => {
  const asRows = () =>
    VIOLATION_CATALOGUE.map((v) => ({
      code: v.code,
      article: v.article,
      defaultTier: v.defaultTier,
      fraud: v.fraud,
      thresholds:
        v.thresholds === null ? null : (JSON.parse(JSON.stringify(v.thresholds)) as unknown),
      description: v.description,
    }));

  // If this fails after a change to the catalogue, add a migration that changes the table; never edit this one.
  it('holds a frozen copy equal to the catalogue', () => {
    expect(VIOLATION_TYPES_1763800000006).toEqual(asRows());
  });

  it('creates violation_type and inserts every row in one statement, and drops it on the way down', async () => {
    const calls: { sql: string; params?: unknown[] }[] = [];
    const q = {
      query: async (sql: string, params?: unknown[]) => {
        calls.push({ sql, params });
        return [];
      },
    } as unknown as QueryRunner;
    const migration = new ViolationCatalogue1763800000006();
    await migration.up(q);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.sql).toMatch(/CREATE TABLE violation_type/);
    expect(calls[0]?.sql).toMatch(
      /default_tier text NOT NULL CHECK \(default_tier IN \('MINOR', 'GENERAL', 'SERIOUS', 'SEVERE', 'GRAVE'\)\)/,
    );
    const rows = asRows();
    expect(calls[1]?.params).toEqual([
      rows.map((r) => r.code),
      rows.map((r) => r.article),
      rows.map((r) => r.description),
      rows.map((r) => r.defaultTier),
      rows.map((r) => r.fraud),
      rows.map((r) => (r.thresholds === null ? null : JSON.stringify(r.thresholds))),
    ]);
    calls.length = 0;
    await migration.down(q);
    expect(calls.map((c) => c.sql)).toEqual(['DROP TABLE violation_type']);
  });
});
