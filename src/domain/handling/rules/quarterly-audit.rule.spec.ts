import { createHmac } from 'node:crypto';

import type Decimal from 'decimal.js';
import fc from 'fast-check';

import { Money } from '../../../shared/money';
import { AgreementKind } from '../../agreement/agreement.enums';
import { DEFAULT_TERMS } from '../../agreement/terms/terms.model';
import {
  auditOutcome,
  drawSample,
  sampleSize,
  type AuditThresholdValue,
} from './quarterly-audit.rule';

/**
 * The quarterly audit of rules.md §5 (Luoyang 3(三)): sample sizes `ceil(rate × population)`, the reproducible draw,
 * and the outcome "低于90%(不含90%) → 2%; 低于80%(不含80%) → 5% instead, and a re-review", compared exactly.
 */

const m = (s: string | number): Decimal => new Money(s);

const H = DEFAULT_TERMS[AgreementKind.COMMISSIONED_HANDLING];
const THRESHOLDS: readonly AuditThresholdValue[] = H.auditThresholds;

describe('sampleSize (rules.md §5: ceil(rate × population))', () => {
  it.each<[string, number, number]>([
    ['0.10', 27, 3], // 2.7 → 3 (rules.md §5)
    ['0.05', 7, 1], // 0.35 → 1 (rules.md §5)
    ['0.10', 0, 0],
    ['0.05', 0, 0],
    ['0.10', 10, 1], // exactly 1
    ['0.10', 11, 2], // 1.1 → 2
    ['0.05', 20, 1], // exactly 1
    ['0.05', 21, 2], // 1.05 → 2
    ['0.10', 1, 1], // 0.1 → 1: one claim is always audited
    ['0.05', 100, 5],
    ['0.05', 101, 6], // 5.05 → 6
    ['0.10', 1_000_000, 100_000],
    ['0.10', 1_000_001, 100_001],
    ['0', 500, 0],
    ['1', 7, 7],
  ])('%s × %d → %d', (rate, population, expected) => {
    expect(sampleSize(m(rate), population)).toBe(expected);
  });

  it('the default rates are 10% for manual settlements and 5% for reviewed claims (3(三))', () => {
    expect(sampleSize(H.manualSettlementSampleRate, 27)).toBe(3);
    expect(sampleSize(H.manualReviewSampleRate, 7)).toBe(1);
  });

  it('is the least integer not below rate × population', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (bp, population) => {
          const rate = m(bp).div(10_000);
          const n = sampleSize(rate, population);
          const exact = rate.times(population);
          return Number.isInteger(n) && m(n).gte(exact) && m(n).minus(1).lt(exact);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('drawSample (rules.md §5: same seed, same data → same sample)', () => {
  const ids = Array.from({ length: 10 }, (_, i) => `claim-${String(i + 1).padStart(2, '0')}`);
  const shuffled = [
    'claim-07',
    'claim-02',
    'claim-10',
    'claim-05',
    'claim-01',
    'claim-09',
    'claim-04',
    'claim-03',
    'claim-06',
    'claim-08',
  ];

  // Pinned vectors: the order is by HMAC-SHA256(key = seed, message = id), computed independently with
  // `printf %s claim-NN | openssl dgst -sha256 -hmac audit-2024Q2`. A recorded seed must reproduce its sample for as
  // long as audits are kept, so a change of algorithm has to fail here.
  it.each<[string, number, string[]]>([
    ['audit-2024Q2', 3, ['claim-08', 'claim-04', 'claim-03']],
    ['audit-2024Q3', 3, ['claim-07', 'claim-05', 'claim-03']],
    [
      'audit-2024Q2',
      10,
      [
        'claim-08',
        'claim-04',
        'claim-03',
        'claim-07',
        'claim-10',
        'claim-09',
        'claim-01',
        'claim-02',
        'claim-05',
        'claim-06',
      ],
    ],
  ])('seed %s, n = %d → %j', (seed, n, expected) => {
    expect(drawSample(seed, ids, n)).toEqual(expected);
    expect(drawSample(seed, shuffled, n)).toEqual(expected);
  });

  it.each<[string, readonly string[], number, number]>([
    ['n larger than the population → all of it', ids, 25, 10],
    ['n equal to the population → all of it', ids, 10, 10],
    ['n = 0 → none', ids, 0, 0],
    ['negative n → none', ids, -3, 0],
    ['empty population → none', [], 5, 0],
    ['one claim, n = 1', ['only'], 1, 1],
  ])('%s', (_label, population, n, length) => {
    const sample = drawSample('seed', population, n);
    expect(sample).toHaveLength(length);
    expect(new Set(sample).size).toBe(length);
    expect(sample.every((id) => population.includes(id))).toBe(true);
  });

  it('matches an independent HMAC ordering, is independent of input order and is prefix-stable', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 40 }),
        fc.nat({ max: 50 }),
        fc.infiniteStream(fc.nat()),
        (seed, population, n, noise) => {
          const sample = drawSample(seed, population, n);
          // another order of the same data
          const it = noise[Symbol.iterator]();
          const permuted = [...population]
            .map((id) => ({ id, r: it.next().value as number }))
            .sort((a, b) => a.r - b.r)
            .map((x) => x.id);
          expect(drawSample(seed, permuted, n)).toEqual(sample);
          // an independent model of the documented ordering
          const hmac = (id: string): string => createHmac('sha256', seed).update(id).digest('hex');
          const model = [...population]
            .sort((a, b) => (hmac(a) < hmac(b) ? -1 : hmac(a) > hmac(b) ? 1 : 0))
            .slice(0, n);
          expect(sample).toEqual(model);
          // a larger sample from the same seed extends the smaller one
          expect(drawSample(seed, population, n + 1).slice(0, sample.length)).toEqual(sample);
          expect(sample).toHaveLength(Math.min(n, population.length));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a different seed gives a different order (almost surely: 1 in 20! otherwise)', () => {
    const population = Array.from({ length: 20 }, (_, i) => `c${i}`);
    const a = drawSample('seed-A', population, 20);
    const b = drawSample('seed-B', population, 20);
    expect(a).not.toEqual(b);
    expect([...a].sort()).toEqual([...b].sort());
  });
});

describe('auditOutcome (Luoyang 3(三): below 90% → 2%, below 80% → 5% and re-review; "不含" = strictly)', () => {
  it.each<[string, number, number, string | null, string, boolean]>([
    // label, passed, sampled, passRate (4 decimals), deductionRate, reReview
    ['§9: 10 of 12 (83.33…%)', 10, 12, '0.8333', '0.02', false],
    ['exactly 90% (9/10)', 9, 10, '0.9000', '0', false],
    ['exactly 90% (18/20)', 18, 20, '0.9000', '0', false],
    ['exactly 90% (27/30)', 27, 30, '0.9000', '0', false],
    ['just under 90% (899/1000)', 899, 1000, '0.8990', '0.02', false],
    ['just under 90% (26/29 = 89.66%)', 26, 29, '0.8966', '0.02', false],
    ['just under 90% (899 999 999 / 10^9)', 899_999_999, 1_000_000_000, '0.9000', '0.02', false],
    ['just above 90% (901/1000)', 901, 1000, '0.9010', '0', false],
    ['exactly 80% (8/10)', 8, 10, '0.8000', '0.02', false],
    ['exactly 80% (16/20)', 16, 20, '0.8000', '0.02', false],
    ['just under 80% (799/1000)', 799, 1000, '0.7990', '0.05', true],
    ['just under 80% (7/9 = 77.78%)', 7, 9, '0.7778', '0.05', true],
    ['75% (3/4)', 3, 4, '0.7500', '0.05', true],
    ['0 passed (0/5)', 0, 5, '0.0000', '0.05', true],
    ['0 passed of 1', 0, 1, '0.0000', '0.05', true],
    ['all passed (5/5)', 5, 5, '1.0000', '0', false],
    ['all passed of 1', 1, 1, '1.0000', '0', false],
    ['empty sample (0/0): no rate, no deduction', 0, 0, null, '0', false],
  ])('%s', (_label, passed, sampled, passRate, deduction, reReview) => {
    const o = auditOutcome(passed, sampled, THRESHOLDS);
    expect(o.passRate === null ? null : o.passRate.toFixed(4)).toBe(passRate);
    expect(o.deductionRate.toFixed()).toBe(deduction);
    expect(o.reReview).toBe(reReview);
  });

  it('the pass rate is the exact fraction, not rounded before comparing', () => {
    const o = auditOutcome(10, 12, THRESHOLDS);
    expect(o.passRate!.equals(m(10).div(12))).toBe(true);
    expect(o.passRate!.times(12).toFixed()).toBe('10');
  });

  const permutations = <T>(xs: readonly T[]): T[][] =>
    xs.length <= 1
      ? [[...xs]]
      : xs.flatMap((x, i) =>
          permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]),
        );

  const THREE: readonly AuditThresholdValue[] = [
    { passRateBelow: m('0.95'), deductionRate: m('0.01'), reReview: false },
    ...THRESHOLDS,
  ];

  it.each<[string, number, number, string, boolean]>([
    ['96/100: none applies', 96, 100, '0', false],
    ['95/100: exactly 95% → none', 95, 100, '0', false],
    ['94/100: below 95% only → 1%', 94, 100, '0.01', false],
    ['90/100: below 95% only → 1%', 90, 100, '0.01', false],
    ['89/100: below 95% and 90% → the lower threshold, 2%', 89, 100, '0.02', false],
    ['80/100 → 2%', 80, 100, '0.02', false],
    ['79/100: below all three → 5% and re-review', 79, 100, '0.05', true],
  ])('thresholds in any order (three thresholds): %s', (_label, passed, sampled, d, re) => {
    for (const order of permutations(THREE)) {
      const o = auditOutcome(passed, sampled, order);
      expect(o.deductionRate.toFixed()).toBe(d);
      expect(o.reReview).toBe(re);
    }
  });

  it.each<[number, number]>([
    [10, 12],
    [9, 10],
    [8, 10],
    [7, 10],
    [0, 3],
  ])('the default thresholds reversed give the same outcome for %d/%d', (passed, sampled) => {
    const forward = auditOutcome(passed, sampled, THRESHOLDS);
    const reversed = auditOutcome(passed, sampled, [...THRESHOLDS].reverse());
    expect(reversed.deductionRate.toFixed()).toBe(forward.deductionRate.toFixed());
    expect(reversed.reReview).toBe(forward.reReview);
  });

  it('no thresholds: no deduction whatever the rate', () => {
    const o = auditOutcome(0, 10, []);
    expect(o.deductionRate.toFixed()).toBe('0');
    expect(o.reReview).toBe(false);
    expect(o.passRate!.toFixed()).toBe('0');
  });

  it('agrees with the exact comparison 10 × passed < 9 × sampled and < 8 × sampled for every small sample', () => {
    for (let sampled = 1; sampled <= 200; sampled++) {
      for (let passed = 0; passed <= sampled; passed++) {
        const o = auditOutcome(passed, sampled, THRESHOLDS);
        const expected =
          10 * passed < 8 * sampled ? '0.05' : 10 * passed < 9 * sampled ? '0.02' : '0';
        expect(o.deductionRate.toFixed()).toBe(expected);
        expect(o.reReview).toBe(10 * passed < 8 * sampled);
      }
    }
  });
});
