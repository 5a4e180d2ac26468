import { RejectionReason } from '../claim.enums';
import { designationGate, type DesignationAgreement } from './designation.rule';

const year2024: DesignationAgreement = { effectiveFrom: '2024-01-01', effectiveTo: '2024-12-31' };

describe('designationGate (rules.md §3.5)', () => {
  it.each<[string, DesignationAgreement[], string, RejectionReason | null]>([
    ['no agreement', [], '2024-05-01', RejectionReason.NOT_DESIGNATED],
    ['in force', [year2024], '2024-05-01', null],
    ['on its first day', [year2024], '2024-01-01', null],
    ['on its last day', [year2024], '2024-12-31', null],
    ['the day before it starts', [year2024], '2023-12-31', RejectionReason.NOT_DESIGNATED],
    ['the day after it ends', [year2024], '2025-01-01', RejectionReason.NOT_DESIGNATED],
    [
      'on the first day of a suspension',
      [{ ...year2024, suspensions: [{ startsOn: '2024-03-01', endsOn: '2024-06-01' }] }],
      '2024-03-01',
      RejectionReason.INSTITUTION_SUSPENDED,
    ],
    [
      'on the last day of a suspension',
      [{ ...year2024, suspensions: [{ startsOn: '2024-03-01', endsOn: '2024-06-01' }] }],
      '2024-06-01',
      RejectionReason.INSTITUTION_SUSPENDED,
    ],
    [
      'the day after a suspension',
      [{ ...year2024, suspensions: [{ startsOn: '2024-03-01', endsOn: '2024-06-01' }] }],
      '2024-06-02',
      null,
    ],
    [
      'on the termination date',
      [{ ...year2024, terminatedOn: '2024-08-01' }],
      '2024-08-01',
      RejectionReason.AGREEMENT_TERMINATED,
    ],
    [
      'the day before termination',
      [{ ...year2024, terminatedOn: '2024-08-01' }],
      '2024-07-31',
      null,
    ],
    [
      'a second agreement in force beside a suspended one',
      [
        { ...year2024, suspensions: [{ startsOn: '2024-03-01', endsOn: '2024-06-01' }] },
        { effectiveFrom: '2024-04-01', effectiveTo: '2025-03-31' },
      ],
      '2024-05-01',
      null,
    ],
  ])('%s', (_name, agreements, day, expected) => {
    expect(designationGate(agreements, day)).toBe(expected);
  });
});
