import { DomainError } from '../../../shared/domain-error';
import { Money } from '../../../shared/money';
import { checkClaimInput, type ClaimInputValues } from './claim-input.rule';

const input = (settlementNumber: string): ClaimInputValues => ({
  settlementNumber,
  admissionDate: '2024-04-10',
  dischargeDate: '2024-04-20',
  declaredOn: '2024-04-26',
  totalCost: new Money('31000.00'),
  basicFundPaid: new Money('1000.00'),
});

const fieldOf = (sn: string): string => {
  try {
    checkClaimInput(input(sn), 'inputs[2]');
    return 'passed';
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    if (sn.trim() !== '') {
      expect((e as DomainError).message).not.toContain(sn);
    }
    return (e as DomainError).field ?? '';
  }
};

/** The settlement number (rules.md §3.1; docs/security.md, "Text"): also for claims imported from a file. */
describe('checkClaimInput: the settlement number', () => {
  it.each([
    ['a plain number', 'HN-2024-00001', 'passed'],
    ['Chinese', '结算-0001', 'passed'],
    ['64 characters', 'x'.repeat(64), 'passed'],
    ['65 characters', 'x'.repeat(65), 'inputs[2].settlementNumber'],
    ['empty', '', 'inputs[2].settlementNumber'],
    ['a surrounding blank', ' HN-1', 'inputs[2].settlementNumber'],
    ['a zero-width space', 'HN-1\u200B', 'inputs[2].settlementNumber'],
    ['a byte-order mark', '\uFEFFHN-1', 'inputs[2].settlementNumber'],
    ['a right-to-left override', 'HN-\u202E1', 'inputs[2].settlementNumber'],
    ['a tab inside', 'HN\t1', 'inputs[2].settlementNumber'],
    ['a C1 control', 'HN\u00851', 'inputs[2].settlementNumber'],
  ])('%s → %s', (_name, sn, expected) => {
    expect(fieldOf(sn)).toBe(expected);
  });
});
