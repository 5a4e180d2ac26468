import { specialStatusOn } from './special-status.rule';

const history = [
  { status: 'MINIMUM_LIVING', effectiveFrom: '2024-03-01', id: '1' },
  { status: 'NONE', effectiveFrom: '2024-09-01', id: '2' },
  { status: 'EXTREME_POVERTY', effectiveFrom: '2024-03-01', id: '10' },
];

describe('specialStatusOn', () => {
  it.each([
    ['before any entry', '2024-02-29', 'NONE'],
    [
      'on the first day, the later recorded of two same-day entries (id 10 > 1, not as text)',
      '2024-03-01',
      'EXTREME_POVERTY',
    ],
    ['the day before a change', '2024-08-31', 'EXTREME_POVERTY'],
    ['on the day of a change back to NONE', '2024-09-01', 'NONE'],
    ['long after', '2030-01-01', 'NONE'],
  ])('%s', (_name, day, expected) => {
    expect(specialStatusOn(history, day, 'NONE')).toBe(expected);
  });

  it('answers none for an empty history', () => {
    expect(specialStatusOn([], '2024-01-01', 'NONE')).toBe('NONE');
  });
});
