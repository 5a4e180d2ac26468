import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { DomainError, ErrorCode } from '../../../shared/domain-error';
import { Money } from '../../../shared/money';
import { BreachTier } from '../breach-tier.enum';
import { violationType } from '../violation-catalogue';
import {
  ALL_ITEMS,
  assessInspection,
  type InspectionCounts,
  ratioBand,
  type ServiceItemCount,
  type StockItemCount,
} from './inspection-ratio.rule';

const d = (s: string): Decimal => new Money(s);

/** A stock item whose stock ratio is `numerator ÷ denominator` (all sold, nothing in stock at either end). */
const stock = (
  itemCode: string,
  numerator: string,
  denominator: string,
  declared?: string,
): StockItemCount => ({
  itemCode,
  opening: d('0'),
  purchased: d(denominator),
  sold: d(numerator),
  closing: d('0'),
  declared: declared === undefined ? undefined : d(declared),
});

const service = (itemCode: string, declared: string, standard: string): ServiceItemCount => ({
  itemCode,
  declared: d(declared),
  standard: d(standard),
});

const counts = (c: Partial<InspectionCounts>): InspectionCounts => ({
  stockItems: [],
  serviceItems: [],
  noStockRecords: false,
  ...c,
});

const refusal = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) {
      return e;
    }
    throw e;
  }
  throw new Error('not refused');
};

type Expected = [BreachTier, string] | null;

describe('stock ratio (进销存比率, annex 19; 62(八), 64(二), 65(九); rules.md §7.1)', () => {
  it.each<[string, string, Expected]>([
    // above 100%: (1.05, 1.10] minor, (1.10, 1.20] serious, > 1.20 severe
    ['105', '100', null],
    ['105.0001', '100', [BreachTier.MINOR, '62(八)']],
    ['110', '100', [BreachTier.MINOR, '62(八)']],
    ['110.0001', '100', [BreachTier.SERIOUS, '64(二)']],
    ['120', '100', [BreachTier.SERIOUS, '64(二)']],
    ['120.0001', '100', [BreachTier.SEVERE, '65(九)']],
    // below 100%: [0.90, 0.95) minor, [0.80, 0.90) serious, < 0.80 severe
    ['95', '100', null],
    ['94.9999', '100', [BreachTier.MINOR, '62(八)']],
    ['90', '100', [BreachTier.MINOR, '62(八)']],
    ['89.9999', '100', [BreachTier.SERIOUS, '64(二)']],
    ['80', '100', [BreachTier.SERIOUS, '64(二)']],
    ['79.9999', '100', [BreachTier.SEVERE, '65(九)']],
    ['0', '100', [BreachTier.SEVERE, '65(九)']],
    ['100', '100', null],
    // exact at an edge however the quotient would round: 3.15 ÷ 3 is 1.05 exactly
    ['3.15', '3', null],
    // 1.05 + 1e-45: a 40-digit quotient rounds to 1.05, the comparison does not
    ['3.150000000000000000000000000000000000000000001', '3', [BreachTier.MINOR, '62(八)']],
    ['21', '20', null],
    ['22', '20', [BreachTier.MINOR, '62(八)']],
  ])('%s ÷ %s → %j', (numerator, denominator, expected) => {
    const { findings } = assessInspection(
      counts({ stockItems: [stock('A', numerator, denominator)] }),
    );
    expect(findings.map((f) => [f.tier, f.article])).toEqual(expected ? [expected] : []);
    if (expected) {
      expect(findings[0]?.ratio?.equals(d(numerator).div(d(denominator)))).toBe(true);
      expect(findings[0]?.violationCode).toBe('STOCK_RATIO');
      expect(findings[0]?.ratioKind).toBe('STOCK');
    }
  });

  it('adds sold and closing over opening and purchased', () => {
    const item: StockItemCount = {
      itemCode: 'A',
      opening: d('40'),
      purchased: d('60'),
      sold: d('70'),
      closing: d('45'),
    };
    const [f] = assessInspection(counts({ stockItems: [item] })).findings;
    expect(f?.ratio?.toString()).toBe('1.15');
    expect(f?.ratio?.toFixed(4)).toBe('1.1500');
    expect(f?.tier).toBe(BreachTier.SERIOUS);
  });

  it('returns the exact quotient, for the resolver to show with four decimals', () => {
    const [f] = assessInspection(counts({ stockItems: [stock('A', '105.0001', '100')] })).findings;
    expect(f?.ratio?.toString()).toBe('1.050001');
    expect(f?.ratio?.toFixed(4)).toBe('1.0500');
  });

  it('counts a zero denominator with sales or stock as above every bound (severe, no ratio)', () => {
    const item: StockItemCount = {
      itemCode: 'A',
      opening: d('0'),
      purchased: d('0'),
      sold: d('0'),
      closing: d('5'),
    };
    expect(assessInspection(counts({ stockItems: [item] })).findings).toEqual([
      {
        itemCode: 'A',
        ratioKind: 'STOCK',
        ratio: null,
        tier: BreachTier.SEVERE,
        violationCode: 'STOCK_RATIO',
        article: '65(九)',
      },
    ]);
  });

  it('finds nothing for zero over zero (no activity)', () => {
    expect(assessInspection(counts({ stockItems: [stock('A', '0', '0')] })).findings).toEqual([]);
  });
});

describe('declared ÷ standard service quantity (62(九), 64(三), 65(十))', () => {
  it.each<[string, string, Expected]>([
    ['105', '100', null],
    ['105.0001', '100', [BreachTier.MINOR, '62(九)']],
    ['110', '100', [BreachTier.MINOR, '62(九)']],
    ['110.0001', '100', [BreachTier.SERIOUS, '64(三)']],
    ['120', '100', [BreachTier.SERIOUS, '64(三)']],
    ['120.0001', '100', [BreachTier.SEVERE, '65(十)']],
    // no lower bound: fewer services declared than the standard is no finding
    ['50', '100', null],
    ['0', '100', null],
    ['3', '0', [BreachTier.SEVERE, '65(十)']],
    ['0', '0', null],
  ])('%s ÷ %s → %j', (declared, standard, expected) => {
    const { findings } = assessInspection(
      counts({ serviceItems: [service('S', declared, standard)] }),
    );
    expect(findings.map((f) => [f.tier, f.article])).toEqual(expected ? [expected] : []);
    expect(findings.every((f) => f.violationCode === 'SERVICE_QUANTITY_RATIO')).toBe(true);
    expect(findings.every((f) => f.ratioKind === 'SERVICE_QUANTITY')).toBe(true);
  });
});

describe('declared ÷ sold drug quantity (64(四), 65(十一))', () => {
  it.each<[string, string, Expected]>([
    ['100', '100', null],
    ['100.0001', '100', [BreachTier.SERIOUS, '64(四)']],
    ['120', '100', [BreachTier.SERIOUS, '64(四)']],
    ['120.0001', '100', [BreachTier.SEVERE, '65(十一)']],
    ['80', '100', null],
    ['1', '0', [BreachTier.SEVERE, '65(十一)']],
    ['0', '0', null],
  ])('%s ÷ %s → %j', (declared, sold, expected) => {
    // stock ratio 1 (or 0 ÷ 0): only the declared ÷ sold ratio can find anything
    const item: StockItemCount = {
      itemCode: 'A',
      opening: d('0'),
      purchased: d(sold),
      sold: d(sold),
      closing: d('0'),
      declared: d(declared),
    };
    const { findings } = assessInspection(counts({ stockItems: [item] }));
    expect(findings.map((f) => [f.tier, f.article])).toEqual(expected ? [expected] : []);
    expect(findings.every((f) => f.violationCode === 'DECLARED_OVER_SOLD')).toBe(true);
  });

  it('is not measured without a declared quantity', () => {
    const item = stock('A', '100', '100');
    expect(assessInspection(counts({ stockItems: [item] })).findings).toEqual([]);
    expect(
      assessInspection(counts({ stockItems: [{ ...item, declared: null }] })).findings,
    ).toEqual([]);
  });

  it('gives one finding per ratio: an item can have both', () => {
    const { findings } = assessInspection(
      counts({ stockItems: [stock('A', '115', '100', '140')] }),
    );
    expect(findings.map((f) => [f.itemCode, f.ratioKind, f.tier, f.ratio?.toFixed(4)])).toEqual([
      ['A', 'STOCK', BreachTier.SERIOUS, '1.1500'],
      ['A', 'DECLARED_OVER_SOLD', BreachTier.SEVERE, '1.2174'],
    ]);
  });
});

describe('no stock records at all (65(四))', () => {
  it('is one severe finding for all items', () => {
    const a = assessInspection(
      counts({ noStockRecords: true, serviceItems: [service('S', '130', '100')] }),
    );
    expect(a.findings[0]).toEqual({
      itemCode: ALL_ITEMS,
      ratioKind: 'NO_STOCK_RECORDS',
      ratio: null,
      tier: BreachTier.SEVERE,
      violationCode: 'NO_STOCK_RECORDS',
      article: '65(四)',
    });
    expect(a.findings).toHaveLength(2);
    expect(a.worst).toBe(a.findings[0]);
  });

  it('refuses stock counts beside it', () => {
    const e = refusal(() =>
      assessInspection(counts({ noStockRecords: true, stockItems: [stock('A', '1', '1')] })),
    );
    expect([e.code, e.field]).toEqual([ErrorCode.BAD_USER_INPUT, 'input.stockItems']);
  });
});

describe('worst finding (the penalty of an inspection)', () => {
  it('is the heaviest tier, the first on a tie', () => {
    const a = assessInspection(
      counts({
        stockItems: [stock('A', '107', '100'), stock('B', '115', '100'), stock('C', '85', '100')],
        serviceItems: [service('S', '108', '100'), service('T', '119', '100')],
      }),
    );
    expect(a.findings.map((f) => `${f.itemCode} ${f.tier}`)).toEqual([
      'A MINOR',
      'B SERIOUS',
      'C SERIOUS',
      'S MINOR',
      'T SERIOUS',
    ]);
    expect(a.worst?.itemCode).toBe('B');
  });

  it('is a later severe finding over earlier lighter ones', () => {
    const a = assessInspection(
      counts({
        stockItems: [stock('A', '115', '100')],
        serviceItems: [service('S', '125', '100')],
      }),
    );
    expect([a.worst?.itemCode, a.worst?.tier, a.worst?.violationCode]).toEqual([
      'S',
      BreachTier.SEVERE,
      'SERVICE_QUANTITY_RATIO',
    ]);
  });

  it('is null when everything is inside its normal band', () => {
    expect(
      assessInspection(
        counts({
          stockItems: [stock('A', '100', '100', '100')],
          serviceItems: [service('S', '100', '100')],
        }),
      ),
    ).toEqual({ findings: [], worst: null });
    expect(assessInspection(counts({}))).toEqual({ findings: [], worst: null });
  });
});

describe('refused counts', () => {
  it.each<[string, InspectionCounts, string]>([
    [
      'a negative quantity',
      counts({ stockItems: [stock('A', '1', '1'), { ...stock('B', '1', '1'), closing: d('-1') }] }),
      'input.stockItems[1].closing',
    ],
    [
      'a negative declared quantity',
      counts({ stockItems: [stock('A', '1', '1', '-2')] }),
      'input.stockItems[0].declared',
    ],
    [
      'a negative standard',
      counts({ serviceItems: [service('S', '1', '-1')] }),
      'input.serviceItems[0].standard',
    ],
    [
      'an item listed twice',
      counts({ stockItems: [stock('A', '1', '1'), stock(' A ', '1', '1')] }),
      'input.stockItems[1].itemCode',
    ],
    [
      'a blank item code',
      counts({ serviceItems: [service(' ', '1', '1')] }),
      'input.serviceItems[0].itemCode',
    ],
  ])('%s', (_name, c, field) => {
    const e = refusal(() => assessInspection(c));
    expect([e.code, e.field]).toEqual([ErrorCode.BAD_USER_INPUT, field]);
  });

  it('accepts the same code once as a stock item and once as a service item', () => {
    expect(() =>
      assessInspection(
        counts({ stockItems: [stock('A', '1', '1')], serviceItems: [service('A', '1', '1')] }),
      ),
    ).not.toThrow();
  });
});

describe('ratioBand against rules.md §7.1 written as plain comparisons', () => {
  /** The tier of a ratio of `pct` whole percent, as the table of rules.md §7.1 reads. */
  const reference = (kind: 'STOCK' | 'SERVICE' | 'SOLD', pct: number): BreachTier | null => {
    const [severe, serious, minor] =
      kind === 'STOCK'
        ? [pct > 120 || pct < 80, pct > 110 || pct < 90, pct > 105 || pct < 95]
        : kind === 'SERVICE'
          ? [pct > 120, pct > 110, pct > 105]
          : [pct > 120, pct > 100, false];
    return severe
      ? BreachTier.SEVERE
      : serious
        ? BreachTier.SERIOUS
        : minor
          ? BreachTier.MINOR
          : null;
  };
  const rules = {
    STOCK: violationType('STOCK_RATIO').thresholds,
    SERVICE: violationType('SERVICE_QUANTITY_RATIO').thresholds,
    SOLD: violationType('DECLARED_OVER_SOLD').thresholds,
  } as const;

  it('agrees on every ratio of whole percent from 0% to 200%, bands never overlapping', () => {
    for (const kind of ['STOCK', 'SERVICE', 'SOLD'] as const) {
      const rule = rules[kind];
      if (rule?.basis !== 'RATIO') {
        throw new Error('no ratio rule');
      }
      for (let pct = 0; pct <= 200; pct += 1) {
        const n = d(String(pct));
        const matching = rule.bands.filter((b) => ratioBand({ ...rule, bands: [b] }, n, d('100')));
        expect(matching.length).toBeLessThanOrEqual(1);
        expect([kind, pct, ratioBand(rule, n, d('100'))?.tier ?? null]).toEqual([
          kind,
          pct,
          reference(kind, pct),
        ]);
      }
    }
  });

  it('agrees on random integer quantities (checked with exact integer arithmetic)', () => {
    const rule = rules.STOCK;
    if (rule?.basis !== 'RATIO') {
      throw new Error('no ratio rule');
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        (n, q) => {
          // compare 100·n with p·q for each percentage edge p: exact in integers
          const cmp = (p: number): number => Math.sign(100 * n - p * q);
          const expected =
            cmp(120) > 0 || cmp(80) < 0
              ? BreachTier.SEVERE
              : cmp(110) > 0 || cmp(90) < 0
                ? BreachTier.SERIOUS
                : cmp(105) > 0 || cmp(95) < 0
                  ? BreachTier.MINOR
                  : null;
          return (ratioBand(rule, d(String(n)), d(String(q)))?.tier ?? null) === expected;
        },
      ),
      { numRuns: 2000 },
    );
  });
});
