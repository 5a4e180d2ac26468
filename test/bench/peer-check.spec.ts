import fc from 'fast-check';
import { checkSameAnswers, fen } from '../../bench/peer';

/**
 * The bench times Jingban against PostGraphile only after both answered the same thing (docs/performance.md, "The
 * peer"): the check must see every difference that matters and none that does not (money written with more or fewer
 * zeros, groups in another order).
 */

const claim = (id: string, benefit: string, name = '张三') => ({
  dischargeDate: '2024-12-20',
  benefit,
  status: 'ADJUDICATED',
  insuredPerson: { name },
  institution: { name: '郑州市示例第一人民医院' },
  agreement: { code: 'HN-DBBX-2024' },
  id,
});

const agreement = (partyB = '中国人寿保险股份有限公司河南省分公司') => ({
  agreement: {
    code: 'HN-DBBX-2024',
    title: '2024年河南省城乡居民大病保险承办服务合同',
    partyA: { name: '河南省医疗保障服务中心' },
    partyB: { name: partyB },
  },
});

type Claim = ReturnType<typeof claim>;
type Group = [string, string, string];

const answers = (
  j: { claims: Claim[]; groups: Group[]; partyB?: string },
  p: { claims: Claim[]; groups: Group[]; partyB?: string },
) => ({
  jingban: {
    list: { claims: { nodes: j.claims } },
    agreement: agreement(j.partyB),
    stats: { claimStats: j.groups.map(([r, m, b]) => ({ keys: [r, m], benefit: b })) },
  },
  postgraphile: {
    list: { claims: { nodes: p.claims.map(({ id, ...rest }) => ({ rowId: id, ...rest })) } },
    agreement: agreement(p.partyB),
    stats: {
      claimNets: {
        groupedAggregates: p.groups.map(([r, m, b]) => ({ keys: [r, m], sum: { netBenefit: b } })),
      },
    },
  },
});

const claims = [claim('a', '24481.37'), claim('b', '0.00'), claim('c', '120')];
const groups: Group[] = [
  ['410103', '2024-05', '1104006.06'],
  ['410103', '2024-06', '-0.30'],
  ['411623', '2024-05', '595820.04'],
];

describe('fen', () => {
  it.each([
    ['0', '0'],
    ['0.00', '0'],
    ['120', '12000'],
    ['120.5', '12050'],
    ['24481.37', '2448137'],
    ['24481.370000', '2448137'],
    ['-0.30', '-30'],
    ['99999999999999999.99', '9999999999999999999'],
  ])('%s is %s fen', (money, expected) => {
    expect(fen(money)).toBe(expected);
  });

  it.each(['0.001', '1.005', '', '1,00', '1e3', 'abc'])('refuses %j', (money) => {
    expect(() => fen(money)).toThrow();
  });

  it('reads back every amount in fen written with two decimals or with trailing zeros', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.nat(4), (n, zeros) => {
        const abs = n < 0n ? -n : n;
        const text = `${n < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}${'0'.repeat(zeros)}`;
        expect(fen(text)).toBe(String(n));
      }),
    );
  });
});

describe('checkSameAnswers', () => {
  it('accepts the same answers, groups in any order, money with any trailing zeros', () => {
    const a = answers(
      { claims, groups },
      {
        claims: [claim('a', '24481.370'), claim('b', '0'), claim('c', '120.00')],
        groups: [...groups].reverse().map(([r, m, b]): Group => [r, m, `${b}0`]),
      },
    );
    expect(checkSameAnswers(a.jingban, a.postgraphile)).toEqual({
      listClaims: 3,
      agreementFields: 4,
      statsGroups: 3,
    });
  });

  it.each<[string, Parameters<typeof answers>[1]]>([
    ['claims in another order', { claims: [claims[1]!, claims[0]!, claims[2]!], groups }],
    ['a claim missing', { claims: claims.slice(0, 2), groups }],
    ['a benefit a fen apart', { claims: [claims[0]!, claims[1]!, claim('c', '120.01')], groups }],
    ['another person', { claims: [claims[0]!, claims[1]!, claim('c', '120', '李四')], groups }],
    ['another party B', { claims, groups, partyB: '中国人民财产保险股份有限公司' }],
    ['a group missing', { claims, groups: groups.slice(1) }],
    [
      'a net benefit a fen apart',
      { claims, groups: [groups[0]!, ['410103', '2024-06', '-0.31'], groups[2]!] },
    ],
    [
      'a group under another month',
      { claims, groups: [groups[0]!, ['410103', '2024-07', '-0.30'], groups[2]!] },
    ],
  ])('refuses %s', (_what, peer) => {
    const a = answers({ claims, groups }, peer);
    expect(() => checkSameAnswers(a.jingban, a.postgraphile)).toThrow(/peer check/);
  });

  it('refuses empty answers, even equal ones', () => {
    const a = answers({ claims: [], groups }, { claims: [], groups });
    expect(() => checkSameAnswers(a.jingban, a.postgraphile)).toThrow(/empty/);
  });
});
