import { Role } from '../../../shared/caller';
import { DomainError } from '../../../shared/domain-error';
import { Money } from '../../../shared/money';
import { checkClaimInput, checkDeclaration, type ClaimInputValues } from './claim-input.rule';

const outcome = (f: () => void): unknown => {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof DomainError) {
      return { code: e.code, field: e.field };
    }
    throw e;
  }
};

describe('checkDeclaration (rules.md §3.4; Henan arts. 15–17)', () => {
  const today = '2024-06-15';
  it.each<[string, Role, 'DIRECT' | 'MANUAL', string, unknown]>([
    ['declared today', Role.AGENCY, 'DIRECT', today, 'ok'],
    ['declared yesterday', Role.INSURER, 'MANUAL', '2024-06-14', 'ok'],
    [
      'declared tomorrow',
      Role.AGENCY,
      'DIRECT',
      '2024-06-16',
      { code: 'BAD_USER_INPUT', field: 'input.declaredOn' },
    ],
    [
      'declared next year',
      Role.INSTITUTION,
      'DIRECT',
      '2025-01-02',
      { code: 'BAD_USER_INPUT', field: 'input.declaredOn' },
    ],
    ['an institution’s DIRECT claim', Role.INSTITUTION, 'DIRECT', today, 'ok'],
    [
      'an institution’s MANUAL claim',
      Role.INSTITUTION,
      'MANUAL',
      today,
      { code: 'BAD_USER_INPUT', field: 'input.channel' },
    ],
    ['the insurer’s MANUAL claim', Role.INSURER, 'MANUAL', today, 'ok'],
    ['the agency’s MANUAL claim', Role.AGENCY, 'MANUAL', today, 'ok'],
  ])('%s', (_name, role, channel, declaredOn, expected) => {
    expect(outcome(() => checkDeclaration({ channel, declaredOn }, role, today, 'input'))).toEqual(
      expected,
    );
  });

  it('names the input of a batch', () => {
    expect(
      outcome(() =>
        checkDeclaration(
          { channel: 'MANUAL', declaredOn: today },
          Role.INSTITUTION,
          today,
          'inputs[3]',
        ),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'inputs[3].channel' });
  });
});

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
