import { Role } from '../../../shared/caller';
import { DomainError } from '../../../shared/domain-error';
import { checkDeclaration } from './claim-input.rule';

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
