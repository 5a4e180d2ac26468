import type Decimal from 'decimal.js';
import { DomainError, ErrorCode } from '../../../shared/domain-error';
import { Money } from '../../../shared/money';
import { AgreementKind } from '../agreement.enums';
import { decodeTerms, encodeTerms, mergeTerms } from '../terms/terms.codec';
import {
  DEFAULT_TERMS,
  type AuditThresholdTerm,
  type BandTerm,
  type CriticalIllnessTermsValue,
  type DamagesRangeTerm,
  type HandlingTermsValue,
  type InstitutionTermsValue,
  type ScheduleTerm,
  type TermsValue,
} from '../terms/terms.model';
import { DEFAULT_REQUESTED_SUSPENSION_TERMS } from '../../penalty/rules/suspension-request.rule';
import { DEFAULT_BREACH_THRESHOLDS } from '../../penalty/rules/violation-tier.rule';
import { termsVersionOn } from './terms-in-force.rule';
import { MAX_BANDS, validateSchedule, validateTerms } from './terms-validation.rule';

const d = (s: string): Decimal => new Money(s);

const CI = DEFAULT_TERMS[AgreementKind.CRITICAL_ILLNESS];
const HANDLING = DEFAULT_TERMS[AgreementKind.COMMISSIONED_HANDLING];
const INSTITUTION = DEFAULT_TERMS[AgreementKind.DESIGNATED_INSTITUTION];

/** The error `fn` throws (fails the test when it throws nothing). */
const thrown = (fn: () => void): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal, nothing was thrown');
};

const expectRefusal = (fn: () => void, field: string): void => {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
  expect((e as DomainError).field).toBe(field);
};

const band = (upTo: string | null, rate: string): BandTerm => ({
  upTo: upTo === null ? null : d(upTo),
  rate: d(rate),
});

const schedule = (over: Partial<ScheduleTerm> = {}): ScheduleTerm => ({
  deductible: d('11000'),
  bands: [band('100000', '0.6'), band(null, '0.7')],
  annualCap: d('400000'),
  ...over,
});

/** `n` bands above a deductible of 0, the last open. */
const bands = (n: number): BandTerm[] =>
  Array.from({ length: n }, (_, i) => band(i === n - 1 ? null : String((i + 1) * 1000), '0.5'));

const threshold = (below: string, rate: string, reReview = false): AuditThresholdTerm => ({
  passRateBelow: d(below),
  deductionRate: d(rate),
  reReview,
});
const range = (tier: string, min: string, max: string): DamagesRangeTerm => ({
  tier: tier as DamagesRangeTerm['tier'],
  minMultiplier: d(min),
  maxMultiplier: d(max),
});
const SERIOUS = range('SERIOUS', '1', '2');
const SEVERE = range('SEVERE', '3', '3');
const GRAVE = range('GRAVE', '3', '5');

const AT = 'input.criticalIllnessTerms.general';

describe('validateSchedule', () => {
  it.each<[string, ScheduleTerm]>([
    ['the seed general schedule', CI.general],
    ['the seed preferential schedule (no cap)', CI.preferential],
    ['a rate of exactly 0', schedule({ bands: [band('100000', '0'), band(null, '0.7')] })],
    ['a rate of exactly 1', schedule({ bands: [band('100000', '0.6'), band(null, '1')] })],
    ['a single open band', schedule({ bands: [band(null, '0.5')] })],
    [`${MAX_BANDS} bands`, schedule({ deductible: d('0'), bands: bands(MAX_BANDS) })],
    ['no cap (null)', schedule({ annualCap: null })],
    ['a deductible of 0', schedule({ deductible: d('0') })],
    [
      'a first upTo just above the deductible',
      schedule({ bands: [band('11000.01', '0.6'), band(null, '0.7')] }),
    ],
  ])('accepts %s', (_name, s) => {
    expect(() => validateSchedule(s, AT)).not.toThrow();
  });

  it.each<[string, ScheduleTerm, string]>([
    [
      'a rate above 1 (1.0001)',
      schedule({ bands: [band('100000', '1.0001'), band(null, '0.7')] }),
      `${AT}.bands[0].rate`,
    ],
    [
      'a negative rate (-0.01)',
      schedule({ bands: [band('100000', '0.6'), band(null, '-0.01')] }),
      `${AT}.bands[1].rate`,
    ],
    [
      'a closed last band',
      schedule({ bands: [band('100000', '0.6'), band('200000', '0.7')] }),
      `${AT}.bands[1].upTo`,
    ],
    [
      'an open band that is not the last',
      schedule({ bands: [band(null, '0.6'), band(null, '0.7')] }),
      `${AT}.bands[0].upTo`,
    ],
    [
      'an upTo equal to the deductible',
      schedule({ bands: [band('11000', '0.6'), band(null, '0.7')] }),
      `${AT}.bands[0].upTo`,
    ],
    [
      'an upTo below the deductible',
      schedule({ bands: [band('10999.99', '0.6'), band(null, '0.7')] }),
      `${AT}.bands[0].upTo`,
    ],
    [
      'an upTo equal to the previous band’s',
      schedule({ bands: [band('50000', '0.6'), band('50000', '0.65'), band(null, '0.7')] }),
      `${AT}.bands[1].upTo`,
    ],
    [
      'an upTo below the previous band’s',
      schedule({ bands: [band('50000', '0.6'), band('40000', '0.65'), band(null, '0.7')] }),
      `${AT}.bands[1].upTo`,
    ],
    ['no band at all', schedule({ bands: [] }), `${AT}.bands`],
    [
      `${MAX_BANDS + 1} bands`,
      schedule({ deductible: d('0'), bands: bands(MAX_BANDS + 1) }),
      `${AT}.bands`,
    ],
    ['an annual cap of 0', schedule({ annualCap: d('0') }), `${AT}.annualCap`],
    ['a negative annual cap', schedule({ annualCap: d('-1') }), `${AT}.annualCap`],
    ['a negative deductible', schedule({ deductible: d('-0.01') }), `${AT}.deductible`],
  ])('refuses %s', (_name, s, field) => {
    expectRefusal(() => validateSchedule(s, AT), field);
  });
});

describe('validateTerms', () => {
  it.each<[string, TermsValue]>([
    ['CRITICAL_ILLNESS', CI],
    ['COMMISSIONED_HANDLING', HANDLING],
    ['DESIGNATED_INSTITUTION', INSTITUTION],
  ])('accepts the %s defaults', (_kind, value) => {
    expect(() => validateTerms(value, 'input.terms')).not.toThrow();
  });

  const ci = (over: Partial<CriticalIllnessTermsValue>): CriticalIllnessTermsValue => ({
    ...CI,
    ...over,
  });
  const handling = (over: Partial<HandlingTermsValue>): HandlingTermsValue => ({
    ...HANDLING,
    ...over,
  });
  const institution = (over: Partial<InstitutionTermsValue>): InstitutionTermsValue => ({
    ...INSTITUTION,
    ...over,
  });
  const C = 'input.criticalIllnessTerms';
  const H = 'input.handlingTerms';
  const I = 'input.institutionTerms';

  it.each<[string, TermsValue, string]>([
    ['critical illness: riskReserveRate 0', ci({ riskReserveRate: d('0') }), C],
    ['critical illness: riskReserveRate 1', ci({ riskReserveRate: d('1') }), C],
    ['critical illness: directPaymentWorkingDays 1', ci({ directPaymentWorkingDays: 1 }), C],
    ['critical illness: directPaymentWorkingDays 250', ci({ directPaymentWorkingDays: 250 }), C],
    ['critical illness: manualPaymentWorkingDays 250', ci({ manualPaymentWorkingDays: 250 }), C],
    ['handling: savingsRewardRate 1', handling({ savingsRewardRate: d('1') }), H],
    ['handling: no audit thresholds', handling({ auditThresholds: [] }), H],
    ['handling: feePerPersonYear 0', handling({ feePerPersonYear: d('0') }), H],
    ['institution: paymentWorkingDays 1', institution({ paymentWorkingDays: 1 }), I],
    ['institution: penaltyDueWorkingDays 250', institution({ penaltyDueWorkingDays: 250 }), I],
    ['institution: overdueGraceWorkingDays 0', institution({ overdueGraceWorkingDays: 0 }), I],
    [
      'institution: ranges in another order',
      institution({ damagesRanges: [GRAVE, SERIOUS, SEVERE] }),
      I,
    ],
    [
      'institution: min equal to max',
      institution({ damagesRanges: [range('SERIOUS', '2', '2'), SEVERE, GRAVE] }),
      I,
    ],
    [
      'institution: offline procurement serious from 0 and at a share of 1',
      institution({
        offlineProcurementSeriousFrom: d('0'),
        offlineProcurementSeriousShare: d('1'),
      }),
      I,
    ],
    [
      'institution: the grave step of fictitious charges equal to the flagged one',
      institution({
        fictitiousChargesFlaggedFrom: d('20000'),
        fictitiousChargesGraveFrom: d('20000'),
      }),
      I,
    ],
    [
      'institution: counts at 1 and 100',
      institution({
        repeatedSeriousCount: 1,
        escalationBreachCount: 100,
        repeatedSuspensionCount: 1,
        requestedSuspensionsTerminating: 100,
      }),
      I,
    ],
    [
      'institution: no notice and a suspension of one day',
      institution({
        requestedSuspensionNoticeMonths: 0,
        requestedSuspensionMaxDays: 1,
        requestedSuspensionLapseDays: 1,
      }),
      I,
    ],
  ])('accepts %s', (_name, value, at) => {
    expect(() => validateTerms(value, at)).not.toThrow();
  });

  it.each<[string, TermsValue, string, string]>([
    [
      'a bad general schedule',
      ci({ general: schedule({ bands: [band('100000', '0.6'), band('200000', '0.7')] }) }),
      C,
      `${C}.general.bands[1].upTo`,
    ],
    [
      'a bad preferential schedule',
      ci({ preferential: schedule({ annualCap: d('0') }) }),
      C,
      `${C}.preferential.annualCap`,
    ],
    ['riskReserveRate 1.0001', ci({ riskReserveRate: d('1.0001') }), C, `${C}.riskReserveRate`],
    [
      'assessmentDepositRate -0.01',
      ci({ assessmentDepositRate: d('-0.01') }),
      C,
      `${C}.assessmentDepositRate`,
    ],
    ['profitCapRate 1.0001', ci({ profitCapRate: d('1.0001') }), C, `${C}.profitCapRate`],
    [
      'directPaymentWorkingDays 0',
      ci({ directPaymentWorkingDays: 0 }),
      C,
      `${C}.directPaymentWorkingDays`,
    ],
    [
      'directPaymentWorkingDays 251',
      ci({ directPaymentWorkingDays: 251 }),
      C,
      `${C}.directPaymentWorkingDays`,
    ],
    [
      'directPaymentWorkingDays 1.5',
      ci({ directPaymentWorkingDays: 1.5 }),
      C,
      `${C}.directPaymentWorkingDays`,
    ],
    [
      'manualPaymentWorkingDays 0',
      ci({ manualPaymentWorkingDays: 0 }),
      C,
      `${C}.manualPaymentWorkingDays`,
    ],
    [
      'appropriationReceiptWorkingDays 251',
      ci({ appropriationReceiptWorkingDays: 251 }),
      C,
      `${C}.appropriationReceiptWorkingDays`,
    ],
    ['monthlyReportDueDay 0', ci({ monthlyReportDueDay: 0 }), C, `${C}.monthlyReportDueDay`],
    ['monthlyReportDueDay 32', ci({ monthlyReportDueDay: 32 }), C, `${C}.monthlyReportDueDay`],
    [
      'staffing medicalShareMin 1.0001',
      ci({ staffing: { ...CI.staffing, medicalShareMin: d('1.0001') } }),
      C,
      `${C}.staffing.medicalShareMin`,
    ],
    [
      'staffing countyInsuredPerStaff 0',
      ci({ staffing: { ...CI.staffing, countyInsuredPerStaff: 0 } }),
      C,
      `${C}.staffing.countyInsuredPerStaff`,
    ],
    [
      'feePerPersonYear -0.01',
      handling({ feePerPersonYear: d('-0.01') }),
      H,
      `${H}.feePerPersonYear`,
    ],
    [
      'manualSettlementSampleRate 1.0001',
      handling({ manualSettlementSampleRate: d('1.0001') }),
      H,
      `${H}.manualSettlementSampleRate`,
    ],
    [
      'manualReviewSampleRate -0.01',
      handling({ manualReviewSampleRate: d('-0.01') }),
      H,
      `${H}.manualReviewSampleRate`,
    ],
    [
      'breachDamagesRate 1.0001',
      handling({ breachDamagesRate: d('1.0001') }),
      H,
      `${H}.breachDamagesRate`,
    ],
    [
      'savingsRewardRate -0.01',
      handling({ savingsRewardRate: d('-0.01') }),
      H,
      `${H}.savingsRewardRate`,
    ],
    [
      'a duplicate passRateBelow',
      handling({
        auditThresholds: [threshold('0.9', '0.02'), threshold('0.90', '0.05', true)],
      }),
      H,
      `${H}.auditThresholds[1].passRateBelow`,
    ],
    [
      'a passRateBelow above 1',
      handling({ auditThresholds: [threshold('1.0001', '0.02')] }),
      H,
      `${H}.auditThresholds[0].passRateBelow`,
    ],
    [
      'a negative deductionRate',
      handling({ auditThresholds: [threshold('0.9', '0.02'), threshold('0.8', '-0.01')] }),
      H,
      `${H}.auditThresholds[1].deductionRate`,
    ],
    [
      '11 audit thresholds',
      handling({
        auditThresholds: Array.from({ length: 11 }, (_, i) => threshold(`0.${i}1`, '0.01')),
      }),
      H,
      `${H}.auditThresholds`,
    ],
    [
      'a negative staffing count',
      handling({ staffing: { ...HANDLING.staffing, countyItMin: -1 } }),
      H,
      `${H}.staffing.countyItMin`,
    ],
    ['paymentWorkingDays 0', institution({ paymentWorkingDays: 0 }), I, `${I}.paymentWorkingDays`],
    [
      'paymentWorkingDays 251',
      institution({ paymentWorkingDays: 251 }),
      I,
      `${I}.paymentWorkingDays`,
    ],
    [
      'penaltyDueWorkingDays 2.5',
      institution({ penaltyDueWorkingDays: 2.5 }),
      I,
      `${I}.penaltyDueWorkingDays`,
    ],
    [
      'overdueGraceWorkingDays -1',
      institution({ overdueGraceWorkingDays: -1 }),
      I,
      `${I}.overdueGraceWorkingDays`,
    ],
    [
      'declarationDayOfMonth 0',
      institution({ declarationDayOfMonth: 0 }),
      I,
      `${I}.declarationDayOfMonth`,
    ],
    [
      'nonFeeDamagesPerOccurrence -0.01',
      institution({ nonFeeDamagesPerOccurrence: d('-0.01') }),
      I,
      `${I}.nonFeeDamagesPerOccurrence`,
    ],
    [
      'maxSuspensionMonths 0',
      institution({ maxSuspensionMonths: 0 }),
      I,
      `${I}.maxSuspensionMonths`,
    ],
    [
      'damagesRanges missing GRAVE',
      institution({ damagesRanges: [SERIOUS, SEVERE] }),
      I,
      `${I}.damagesRanges`,
    ],
    ['no damagesRanges', institution({ damagesRanges: [] }), I, `${I}.damagesRanges`],
    [
      'a duplicate tier',
      institution({ damagesRanges: [SERIOUS, SEVERE, range('SEVERE', '3', '4'), GRAVE] }),
      I,
      `${I}.damagesRanges[2].tier`,
    ],
    [
      'a MINOR tier',
      institution({ damagesRanges: [range('MINOR', '0', '0'), SERIOUS, SEVERE, GRAVE] }),
      I,
      `${I}.damagesRanges[0].tier`,
    ],
    [
      'maxMultiplier below minMultiplier',
      institution({ damagesRanges: [SERIOUS, SEVERE, range('GRAVE', '5', '3')] }),
      I,
      `${I}.damagesRanges[2].maxMultiplier`,
    ],
    [
      'a negative minMultiplier',
      institution({ damagesRanges: [range('SERIOUS', '-1', '2'), SEVERE, GRAVE] }),
      I,
      `${I}.damagesRanges[0].minMultiplier`,
    ],
    ...(
      [
        ['offlineProcurementSeriousFrom -0.01', { offlineProcurementSeriousFrom: d('-0.01') }],
        ['offlineProcurementSeriousShare 1.01', { offlineProcurementSeriousShare: d('1.01') }],
        ['offlineProcurementSeriousShare -0.01', { offlineProcurementSeriousShare: d('-0.01') }],
        ['fictitiousChargesFlaggedFrom -1', { fictitiousChargesFlaggedFrom: d('-1') }],
        ['fictitiousChargesGraveFrom 9999.99', { fictitiousChargesGraveFrom: d('9999.99') }],
        ['itemSubstitutionGraveFrom -1', { itemSubstitutionGraveFrom: d('-1') }],
        ['repeatedSeriousCount 0', { repeatedSeriousCount: 0 }],
        ['escalationBreachCount 101', { escalationBreachCount: 101 }],
        ['repeatedSuspensionCount 1.5', { repeatedSuspensionCount: 1.5 }],
        ['requestedSuspensionNoticeMonths -1', { requestedSuspensionNoticeMonths: -1 }],
        ['requestedSuspensionMaxDays 0', { requestedSuspensionMaxDays: 0 }],
        ['requestedSuspensionLapseDays 3651', { requestedSuspensionLapseDays: 3651 }],
        ['requestedSuspensionsTerminating 0', { requestedSuspensionsTerminating: 0 }],
      ] as const
    ).map(([name, over]): [string, TermsValue, string, string] => [
      name,
      institution(over),
      I,
      `${I}.${name.split(' ')[0]}`,
    ]),
  ])('refuses %s', (_name, value, at, field) => {
    expectRefusal(() => validateTerms(value, at), field);
  });
});

describe('termsVersionOn', () => {
  const v = (effectiveFrom: string, tag: string) => ({ effectiveFrom, tag });
  const SORTED = [v('2024-01-01', 'first'), v('2024-07-01', 'second'), v('2024-09-01', 'third')];
  const UNSORTED = [SORTED[2]!, SORTED[0]!, SORTED[1]!];

  it.each<[string, string, string]>([
    ['long before the first version', '2020-01-01', 'first'],
    ['the day before the first version', '2023-12-31', 'first'],
    ['on the first version’s day', '2024-01-01', 'first'],
    ['the day before the second version', '2024-06-30', 'first'],
    ['on the second version’s day', '2024-07-01', 'second'],
    ['between the second and third', '2024-08-31', 'second'],
    ['on the last version’s day', '2024-09-01', 'third'],
    ['long after the last version', '2030-01-01', 'third'],
  ])('answers %s (%s) with the %s version', (_name, day, tag) => {
    expect(termsVersionOn(SORTED, day)?.tag).toBe(tag);
    expect(termsVersionOn(UNSORTED, day)?.tag).toBe(tag);
    expect(termsVersionOn([...SORTED].reverse(), day)?.tag).toBe(tag);
  });

  it('answers undefined for no versions', () => {
    expect(termsVersionOn([], '2024-01-01')).toBeUndefined();
  });

  it('answers the only version on any day', () => {
    const only = v('2024-03-01', 'only');
    expect(termsVersionOn([only], '2024-02-29')).toBe(only);
    expect(termsVersionOn([only], '2024-03-01')).toBe(only);
    expect(termsVersionOn([only], '2025-03-01')).toBe(only);
  });
});

describe('terms codec', () => {
  const KINDS: Array<[AgreementKind, TermsValue]> = [
    [AgreementKind.CRITICAL_ILLNESS, CI],
    [AgreementKind.COMMISSIONED_HANDLING, HANDLING],
    [AgreementKind.DESIGNATED_INSTITUTION, INSTITUTION],
  ];

  it.each(KINDS)('round-trips the %s defaults', (kind, value) => {
    const doc = encodeTerms(value);
    const back = decodeTerms(kind, doc);
    expect(back.kind).toBe(kind);
    expect(encodeTerms(back)).toEqual(doc);
    // and through a JSON text, as the database stores it
    expect(encodeTerms(decodeTerms(kind, JSON.parse(JSON.stringify(doc))))).toEqual(doc);
  });

  it('writes decimals as strings and counts as numbers', () => {
    const doc = encodeTerms(CI) as {
      general: { deductible: unknown; bands: Array<{ upTo: unknown; rate: unknown }> };
      preferential: { annualCap: unknown };
      directPaymentWorkingDays: unknown;
    };
    expect(doc.general.deductible).toBe('11000');
    expect(doc.general.bands).toEqual([
      { upTo: '100000', rate: '0.6' },
      { upTo: null, rate: '0.7' },
    ]);
    expect(doc.preferential.annualCap).toBeNull();
    expect(doc.directPaymentWorkingDays).toBe(15);
  });

  it('round-trips changed values of every kind', () => {
    const ci: CriticalIllnessTermsValue = {
      ...CI,
      general: schedule({
        deductible: d('12000.50'),
        bands: [band('50000', '0.55'), band('100000.01', '0.625'), band(null, '1')],
        annualCap: null,
      }),
      riskReserveRate: d('0.0475'),
      directPaymentWorkingDays: 10,
    };
    const handling: HandlingTermsValue = {
      ...HANDLING,
      feePerPersonYear: d('2.05'),
      auditThresholds: [threshold('0.95', '0.01', false)],
      savingsRewardRate: d('0.1'),
    };
    const inst: InstitutionTermsValue = {
      ...INSTITUTION,
      nonFeeDamagesPerOccurrence: d('1500.75'),
      damagesRanges: [range('SERIOUS', '1.5', '2.5'), SEVERE, GRAVE],
    };
    for (const value of [ci, handling, inst]) {
      const back = decodeTerms(value.kind, JSON.parse(JSON.stringify(encodeTerms(value))));
      expect(encodeTerms(back)).toEqual(encodeTerms(value));
    }
    const back = decodeTerms(
      AgreementKind.CRITICAL_ILLNESS,
      encodeTerms(ci),
    ) as CriticalIllnessTermsValue;
    expect(back.general.deductible.toFixed(2)).toBe('12000.50');
    expect(back.general.bands[1]!.rate.equals('0.625')).toBe(true);
    expect(back.general.bands[2]!.upTo).toBeNull();
    expect(back.general.annualCap).toBeNull();
    expect(back.riskReserveRate.equals('0.0475')).toBe(true);
  });

  it.each(KINDS)('decodes {} (and a non-object) to the %s defaults', (kind, value) => {
    expect(encodeTerms(decodeTerms(kind, {}))).toEqual(encodeTerms(value));
    expect(encodeTerms(decodeTerms(kind, null))).toEqual(encodeTerms(value));
    expect(decodeTerms(kind, {}).kind).toBe(kind);
  });

  it('fills a nested key the document lacks (staffing without colocatedStaffMin)', () => {
    const doc = encodeTerms(CI) as Record<string, Record<string, unknown>>;
    const { colocatedStaffMin: _dropped, ...staffing } = doc.staffing!;
    staffing.cityStaffMin = 4;
    const back = decodeTerms(AgreementKind.CRITICAL_ILLNESS, {
      ...doc,
      staffing,
    }) as CriticalIllnessTermsValue;
    expect(back.staffing.colocatedStaffMin).toBe(3);
    expect(back.staffing.cityStaffMin).toBe(4);
    expect(back.staffing.medicalShareMin.equals('0.5')).toBe(true);
  });

  it('fills top-level keys a document lacks and keeps those it has', () => {
    const back = decodeTerms(AgreementKind.COMMISSIONED_HANDLING, {
      feePerPersonYear: '2.00',
    }) as HandlingTermsValue;
    expect(back.feePerPersonYear.toFixed(2)).toBe('2.00');
    expect(back.savingsRewardRate.equals(0)).toBe(true);
    expect(back.auditThresholds).toHaveLength(2);
    expect(back.staffing.cityStaffMin).toBe(63);
  });

  it('decodes Money strings exactly', () => {
    const back = decodeTerms(AgreementKind.COMMISSIONED_HANDLING, {
      feePerPersonYear: '1.50',
      savingsRewardRate: '0.1000000000000000055511151231257827',
    }) as HandlingTermsValue;
    expect(back.feePerPersonYear.equals(d('1.5'))).toBe(true);
    expect(back.feePerPersonYear.toFixed(2)).toBe('1.50');
    expect(back.savingsRewardRate.toFixed()).toBe('0.1000000000000000055511151231257827');
    const inst = decodeTerms(AgreementKind.DESIGNATED_INSTITUTION, {
      nonFeeDamagesPerOccurrence: '999.99',
    }) as InstitutionTermsValue;
    expect(inst.nonFeeDamagesPerOccurrence.toFixed(2)).toBe('999.99');
    expect(inst.nonFeeDamagesPerOccurrence.times(3).toFixed()).toBe('2999.97');
  });

  it('gives a designated-institution version stored before the thresholds existed the seed thresholds', () => {
    // The document as migration 1763800000003 stored it, before arts. 64–66's thresholds and 76–78's numbers were terms.
    const stored = JSON.parse(
      '{"kind":"DESIGNATED_INSTITUTION","declarationDayOfMonth":10,"paymentWorkingDays":30,"penaltyDueWorkingDays":30,"overdueGraceWorkingDays":10,"nonFeeDamagesPerOccurrence":"1500","damagesRanges":[{"tier":"SERIOUS","minMultiplier":"1","maxMultiplier":"2"},{"tier":"SEVERE","minMultiplier":"3","maxMultiplier":"3"},{"tier":"GRAVE","minMultiplier":"3","maxMultiplier":"5"}],"maxSuspensionMonths":6}',
    ) as unknown;
    const back = decodeTerms(AgreementKind.DESIGNATED_INSTITUTION, stored) as InstitutionTermsValue;
    expect(back.nonFeeDamagesPerOccurrence.toFixed(2)).toBe('1500.00');
    expect(back.offlineProcurementSeriousFrom.toFixed(2)).toBe('50000.00');
    expect(back.offlineProcurementSeriousShare.equals('0.15')).toBe(true);
    expect(back.fictitiousChargesGraveFrom.toFixed(2)).toBe('30000.00');
    expect(back.repeatedSeriousCount).toBe(2);
    expect(back.requestedSuspensionLapseDays).toBe(180);
    expect(() => validateTerms(back, 'x')).not.toThrow();
  });

  it('keeps the kind it is asked for even when the document says another', () => {
    const back = decodeTerms(AgreementKind.COMMISSIONED_HANDLING, {
      kind: AgreementKind.CRITICAL_ILLNESS,
    });
    expect(back.kind).toBe(AgreementKind.COMMISSIONED_HANDLING);
  });

  describe('mergeTerms', () => {
    it.each([null, undefined, {}])('answers the base for the patch %p', (patch) => {
      expect(mergeTerms(HANDLING, patch)).toEqual(HANDLING);
    });

    it('replaces only the given non-null top-level fields', () => {
      const merged = mergeTerms(HANDLING, {
        feePerPersonYear: d('2.00'),
        savingsRewardRate: null,
        breachDamagesRate: undefined,
      });
      expect(merged.feePerPersonYear.toFixed(2)).toBe('2.00');
      expect(merged.savingsRewardRate).toBe(HANDLING.savingsRewardRate);
      expect(merged.breachDamagesRate).toBe(HANDLING.breachDamagesRate);
      expect(merged.auditThresholds).toBe(HANDLING.auditThresholds);
      expect(merged.staffing).toBe(HANDLING.staffing);
      expect(merged.kind).toBe(AgreementKind.COMMISSIONED_HANDLING);
      // the base is not changed
      expect(HANDLING.feePerPersonYear.toFixed(2)).toBe('1.50');
    });

    it('replaces a nested value whole', () => {
      const general = schedule({ deductible: d('12000'), annualCap: null });
      const merged = mergeTerms(CI, { general });
      expect(merged.general).toBe(general);
      expect(merged.general.annualCap).toBeNull();
      expect(merged.preferential).toBe(CI.preferential);
    });
  });
});

describe('default terms equal rules.md', () => {
  /** `actual` equals the decimal `expected` (compared as fixed-point strings, so a failure shows both). */
  const eq = (actual: Decimal | null, expected: string): void => {
    expect(actual?.toFixed()).toBe(d(expected).toFixed());
  };

  it('critical illness (Henan arts. 7–8, 13–15, 17, 21–23, 25)', () => {
    expect(CI.kind).toBe(AgreementKind.CRITICAL_ILLNESS);
    // §3.2 general: 11 000; (11 000, 100 000] at 60%; above at 70%; cap 400 000
    eq(CI.general.deductible, '11000');
    expect(CI.general.bands).toHaveLength(2);
    eq(CI.general.bands[0]!.upTo, '100000');
    eq(CI.general.bands[0]!.rate, '0.60');
    expect(CI.general.bands[1]!.upTo).toBeNull();
    eq(CI.general.bands[1]!.rate, '0.70');
    eq(CI.general.annualCap, '400000');
    // §3.2 preferential: 5 500; (5 500, 100 000] at 65%; above at 75%; no cap
    eq(CI.preferential.deductible, '5500');
    expect(CI.preferential.bands).toHaveLength(2);
    eq(CI.preferential.bands[0]!.upTo, '100000');
    eq(CI.preferential.bands[0]!.rate, '0.65');
    expect(CI.preferential.bands[1]!.upTo).toBeNull();
    eq(CI.preferential.bands[1]!.rate, '0.75');
    expect(CI.preferential.annualCap).toBeNull();
    // §4
    eq(CI.riskReserveRate, '0.05');
    eq(CI.assessmentDepositRate, '0.03');
    eq(CI.profitCapRate, '0.03');
    // §3.4, §4, §8
    expect(CI.directPaymentWorkingDays).toBe(15);
    expect(CI.manualPaymentWorkingDays).toBe(20);
    expect(CI.appropriationReceiptWorkingDays).toBe(2);
    expect(CI.monthlyReportDueDay).toBe(5);
    // §6 Henan
    eq(CI.staffing.medicalShareMin, '0.5');
    expect(CI.staffing).toMatchObject({
      cityStaffMin: 3,
      cityMedicalMin: 1,
      countyInsuredPerStaff: 200000,
      colocatedStaffMin: 3,
    });
  });

  it('commissioned handling (Luoyang arts. 3–5; Anhui 三(五))', () => {
    expect(HANDLING.kind).toBe(AgreementKind.COMMISSIONED_HANDLING);
    eq(HANDLING.feePerPersonYear, '1.50');
    expect(HANDLING.feePerPersonYear.toFixed(2)).toBe('1.50');
    eq(HANDLING.manualSettlementSampleRate, '0.10');
    eq(HANDLING.manualReviewSampleRate, '0.05');
    expect(HANDLING.auditThresholds).toHaveLength(2);
    const [below90, below80] = HANDLING.auditThresholds;
    eq(below90!.passRateBelow, '0.90');
    eq(below90!.deductionRate, '0.02');
    expect(below90!.reReview).toBe(false);
    eq(below80!.passRateBelow, '0.80');
    eq(below80!.deductionRate, '0.05');
    expect(below80!.reReview).toBe(true);
    eq(HANDLING.breachDamagesRate, '0.02');
    eq(HANDLING.savingsRewardRate, '0');
    // §6 Luoyang
    expect(HANDLING.staffing).toEqual({
      cityStaffMin: 63,
      cityMedicalMin: 40,
      cityFinanceMin: 1,
      cityItMin: 1,
      countyStaffMin: 97,
      countyMedicalMin: 49,
      countyFinanceMin: 9,
      countyItMin: 9,
    });
  });

  it('designated institution (Suining arts. 39, 43, 64–67)', () => {
    expect(INSTITUTION.kind).toBe(AgreementKind.DESIGNATED_INSTITUTION);
    expect(INSTITUTION.declarationDayOfMonth).toBe(10);
    expect(INSTITUTION.paymentWorkingDays).toBe(30);
    expect(INSTITUTION.penaltyDueWorkingDays).toBe(30);
    expect(INSTITUTION.overdueGraceWorkingDays).toBe(10);
    eq(INSTITUTION.nonFeeDamagesPerOccurrence, '1000.00');
    expect(INSTITUTION.nonFeeDamagesPerOccurrence.toFixed(2)).toBe('1000.00');
    expect(
      INSTITUTION.damagesRanges.map((r) => [
        r.tier,
        r.minMultiplier.toFixed(),
        r.maxMultiplier.toFixed(),
      ]),
    ).toEqual([
      ['SERIOUS', '1', '2'],
      ['SEVERE', '3', '3'],
      ['GRAVE', '3', '5'],
    ]);
    expect(INSTITUTION.maxSuspensionMonths).toBe(6);
  });

  it('designated institution: the thresholds of arts. 64–66 and the requested suspensions of arts. 76–78', () => {
    eq(INSTITUTION.offlineProcurementSeriousFrom, '50000'); // 64(五) 达到5万元
    eq(INSTITUTION.offlineProcurementSeriousShare, '0.15'); // 64(五) 15%
    eq(INSTITUTION.fictitiousChargesFlaggedFrom, '10000'); // 65(二) 10000元以下
    eq(INSTITUTION.fictitiousChargesGraveFrom, '30000'); // 66(三) 3万元以上
    eq(INSTITUTION.itemSubstitutionGraveFrom, '100000'); // 66(六) 达10万元以上
    expect(INSTITUTION).toMatchObject({
      repeatedSeriousCount: 2, // 65(十六)
      escalationBreachCount: 5, // 65(十六)
      repeatedSuspensionCount: 2, // 66(十四)
      requestedSuspensionNoticeMonths: 3, // 78
      requestedSuspensionMaxDays: 180, // 76
      requestedSuspensionLapseDays: 180, // 76
      requestedSuspensionsTerminating: 2, // 77(四)
    });
  });

  it('designated institution: the same values as the rules’ own defaults (one source for each number)', () => {
    const pick = (o: object, keys: readonly string[]) =>
      encodeTerms(
        Object.fromEntries(
          keys.map((k) => [k, (o as Record<string, unknown>)[k]]),
        ) as unknown as TermsValue,
      );
    const breach = Object.keys(DEFAULT_BREACH_THRESHOLDS);
    const requested = Object.keys(DEFAULT_REQUESTED_SUSPENSION_TERMS);
    expect(breach).toHaveLength(8);
    expect(requested).toHaveLength(4);
    expect(pick(INSTITUTION, breach)).toEqual(pick(DEFAULT_BREACH_THRESHOLDS, breach));
    expect(pick(INSTITUTION, requested)).toEqual(
      pick(DEFAULT_REQUESTED_SUSPENSION_TERMS, requested),
    );
  });
});
