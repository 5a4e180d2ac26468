import fc from 'fast-check';

import { addDays } from '../../../shared/calendar-date';
import { agreementStatusOn } from '../../agreement/rules/agreement-status.rule';
import { suspensionPeriod } from '../../penalty/rules/suspension-period.rule';
import { RejectionReason } from '../claim.enums';
import { type ClaimStay, designationGate, type DesignationAgreement } from './designation.rule';

const { NOT_DESIGNATED, INSTITUTION_SUSPENDED, AGREEMENT_TERMINATED } = RejectionReason;

const year2024: DesignationAgreement = { effectiveFrom: '2024-01-01', effectiveTo: '2024-12-31' };
const stay = (admissionDate: string, dischargeDate: string): ClaimStay => ({
  admissionDate,
  dischargeDate,
});
const suspendedMarToJun: DesignationAgreement = {
  ...year2024,
  suspensions: [{ startsOn: '2024-03-01', endsOn: '2024-06-01' }],
};

describe('designationGate on the discharge date (rules.md §3.5)', () => {
  it.each<[string, DesignationAgreement[], string, RejectionReason | null]>([
    ['no agreement', [], '2024-05-01', NOT_DESIGNATED],
    ['in force', [year2024], '2024-05-01', null],
    ['on its first day', [year2024], '2024-01-01', null],
    ['on its last day', [year2024], '2024-12-31', null],
    ['the day before it starts', [year2024], '2023-12-31', NOT_DESIGNATED],
    ['the day after it ends', [year2024], '2025-01-01', NOT_DESIGNATED],
    ['on the first day of a suspension', [suspendedMarToJun], '2024-03-01', INSTITUTION_SUSPENDED],
    ['on the last day of a suspension', [suspendedMarToJun], '2024-06-01', INSTITUTION_SUSPENDED],
    ['the day after a suspension', [suspendedMarToJun], '2024-06-02', null],
    [
      'on the termination date',
      [{ ...year2024, terminatedOn: '2024-08-01' }],
      '2024-08-01',
      AGREEMENT_TERMINATED,
    ],
    [
      'the day before termination',
      [{ ...year2024, terminatedOn: '2024-08-01' }],
      '2024-07-31',
      null,
    ],
    [
      'a second agreement in force beside a suspended one',
      [suspendedMarToJun, { effectiveFrom: '2024-04-01', effectiveTo: '2025-03-31' }],
      '2024-05-01',
      null,
    ],
  ])('%s (a one-day stay, also as a bare day)', (_name, agreements, day, expected) => {
    expect(designationGate(agreements, stay(day, day))).toBe(expected);
    expect(designationGate(agreements, day)).toBe(expected);
  });
});

describe('designationGate over every day of the stay (rules.md §3.5, §7.3; annex 20)', () => {
  // rules.md §7.3: notice 2024-01-31, 1 month → suspended 2024-02-01 to 2024-02-29
  const noticed = { ...year2024, suspensions: [suspensionPeriod('2024-01-31', 1)] };

  it.each<[string, DesignationAgreement[], ClaimStay, RejectionReason | null]>([
    ['discharged on the notice day: settles', [noticed], stay('2024-01-20', '2024-01-31'), null],
    [
      'discharged on the first suspended day',
      [noticed],
      stay('2024-01-20', '2024-02-01'),
      INSTITUTION_SUSPENDED,
    ],
    [
      'admitted inside the suspension, discharged after it',
      [noticed],
      stay('2024-02-10', '2024-03-05'),
      INSTITUTION_SUSPENDED,
    ],
    [
      'admitted on its last day, discharged after it',
      [noticed],
      stay('2024-02-29', '2024-03-01'),
      INSTITUTION_SUSPENDED,
    ],
    ['admitted the day after it ends', [noticed], stay('2024-03-01', '2024-03-10'), null],
    [
      'spanning the whole suspension',
      [noticed],
      stay('2024-01-20', '2024-03-10'),
      INSTITUTION_SUSPENDED,
    ],
    ['inside it', [noticed], stay('2024-02-05', '2024-02-06'), INSTITUTION_SUSPENDED],
    [
      'admitted in a suspension of an agreement since ended, discharged under the next one',
      [
        { ...year2024, suspensions: [{ startsOn: '2024-12-01', endsOn: '2024-12-31' }] },
        { effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' },
      ],
      stay('2024-12-28', '2025-01-03'),
      INSTITUTION_SUSPENDED,
    ],
    [
      'suspended days covered by another agreement ACTIVE on them',
      [noticed, { effectiveFrom: '2024-02-15', effectiveTo: '2025-02-14' }],
      stay('2024-02-15', '2024-03-05'),
      null,
    ],
    [
      'a suspended day before the second agreement took effect',
      [noticed, { effectiveFrom: '2024-02-15', effectiveTo: '2025-02-14' }],
      stay('2024-02-14', '2024-03-05'),
      INSTITUTION_SUSPENDED,
    ],
    [
      'terminated before discharge: terminated comes first',
      [{ ...noticed, terminatedOn: '2024-03-01' }],
      stay('2024-02-10', '2024-03-02'),
      AGREEMENT_TERMINATED,
    ],
    [
      'admitted before the agreement took effect, suspension later: settles',
      [{ ...year2024, suspensions: [{ startsOn: '2024-05-01', endsOn: '2024-05-31' }] }],
      stay('2023-12-20', '2024-01-05'),
      null,
    ],
  ])('%s', (_name, agreements, s, expected) => {
    expect(designationGate(agreements, s)).toBe(expected);
  });
});

describe('designationGate with a continuation (Suining art. 82; rules.md §3.5)', () => {
  const continuing: DesignationAgreement = { ...year2024, continues: true, continuedUntil: null };
  const until: DesignationAgreement = {
    ...year2024,
    continues: true,
    continuedUntil: '2025-03-31',
  };

  it.each<[string, DesignationAgreement[], string, RejectionReason | null]>([
    ['not continued: ends on effectiveTo', [year2024], '2025-01-01', NOT_DESIGNATED],
    ['continues, no successor yet: in force after effectiveTo', [continuing], '2025-01-01', null],
    ['continues indefinitely while there is none', [continuing], '2026-07-01', null],
    ['continues until the day before the next one', [until], '2025-03-31', null],
    ['the day the next one takes effect, without it', [until], '2025-04-01', NOT_DESIGNATED],
    [
      'the day the next one takes effect, with it',
      [until, { effectiveFrom: '2025-04-01', effectiveTo: '2026-03-31' }],
      '2025-04-01',
      null,
    ],
    [
      'suspended during the continuation',
      [{ ...continuing, suspensions: [{ startsOn: '2025-02-01', endsOn: '2025-02-28' }] }],
      '2025-02-10',
      INSTITUTION_SUSPENDED,
    ],
    [
      'terminated during the continuation',
      [{ ...continuing, terminatedOn: '2025-02-01' }],
      '2025-02-01',
      AGREEMENT_TERMINATED,
    ],
    [
      'a continuedUntil before effectiveTo does not shorten the term',
      [{ ...year2024, continues: true, continuedUntil: '2024-06-30' }],
      '2024-12-31',
      null,
    ],
    [
      'continuedUntil without the continuation flag is ignored',
      [{ ...year2024, continues: false, continuedUntil: '2025-03-31' }],
      '2025-01-02',
      NOT_DESIGNATED,
    ],
  ])('%s', (_name, agreements, day, expected) => {
    expect(designationGate(agreements, stay(day, day))).toBe(expected);
  });

  it('rejects a stay from the old term into the continuation when a suspension lies in it', () => {
    const a = { ...continuing, suspensions: [{ startsOn: '2024-12-30', endsOn: '2025-01-02' }] };
    expect(designationGate([a], stay('2024-12-20', '2025-01-10'))).toBe(INSTITUTION_SUSPENDED);
    expect(designationGate([a], stay('2025-01-03', '2025-01-10'))).toBeNull();
  });
});

describe('designationGate properties', () => {
  const base = '2024-01-01';
  const day = (n: number) => addDays(base, n);
  const periodArb = fc
    .tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 40 }))
    .map(([start, len]) => ({ startsOn: day(start), endsOn: day(start + len) }));
  const agreementArb: fc.Arbitrary<DesignationAgreement> = fc
    .record({
      from: fc.integer({ min: 0, max: 60 }),
      len: fc.integer({ min: 0, max: 90 }),
      suspensions: fc.array(periodArb, { maxLength: 3 }),
      terminated: fc.option(fc.integer({ min: 0, max: 150 }), { nil: null }),
      continues: fc.boolean(),
      until: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
    })
    .map((r) => ({
      effectiveFrom: day(r.from),
      effectiveTo: day(r.from + r.len),
      suspensions: r.suspensions,
      terminatedOn: r.terminated === null ? null : day(r.terminated),
      continues: r.continues,
      continuedUntil: r.until === null ? null : day(r.from + r.len + r.until),
    }));
  const stayArb = fc
    .tuple(fc.integer({ min: 0, max: 160 }), fc.integer({ min: 0, max: 40 }))
    .map(([start, len]) => stay(day(start), day(start + len)));

  /** The rule read literally, one day at a time. */
  const reference = (agreements: DesignationAgreement[], s: ClaimStay): RejectionReason | null => {
    const end = (a: DesignationAgreement) =>
      a.continues === true
        ? a.continuedUntil == null
          ? '9999-12-31'
          : a.continuedUntil > a.effectiveTo
            ? a.continuedUntil
            : a.effectiveTo
        : a.effectiveTo;
    const statuses = (d: string) =>
      agreements
        .filter((a) => a.effectiveFrom <= d && d <= end(a))
        .map((a) => agreementStatusOn({ ...a, effectiveTo: end(a) }, d));
    const last = statuses(s.dischargeDate);
    if (!last.includes('ACTIVE') && !last.includes('SUSPENDED')) {
      return last.includes('TERMINATED') ? AGREEMENT_TERMINATED : NOT_DESIGNATED;
    }
    for (let d = s.admissionDate; d <= s.dischargeDate; d = addDays(d, 1)) {
      const st = statuses(d);
      if (st.includes('SUSPENDED') && !st.includes('ACTIVE')) {
        return INSTITUTION_SUSPENDED;
      }
    }
    return null;
  };

  it('property: equals the rule read one day at a time', () => {
    fc.assert(
      fc.property(fc.array(agreementArb, { maxLength: 3 }), stayArb, (agreements, s) => {
        expect(designationGate(agreements, s)).toBe(reference(agreements, s));
      }),
      { numRuns: 1500 },
    );
  });

  it('property: an earlier admission never turns a rejection into a settlement', () => {
    fc.assert(
      fc.property(
        fc.array(agreementArb, { maxLength: 3 }),
        stayArb,
        fc.integer({ min: 1, max: 30 }),
        (agreements, s, earlier) => {
          const longer = stay(addDays(s.admissionDate, -earlier), s.dischargeDate);
          if (designationGate(agreements, s) !== null) {
            expect(designationGate(agreements, longer)).not.toBeNull();
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
