import { checkCharacter } from '../../src/domain/insured-person/rules/resident-id.rule';
import { Role, type Caller } from '../../src/shared/caller';
import {
  agency,
  insurer,
  reporting,
  startTestApp,
  type GqlResult,
  type TestApp,
} from '../helpers/test-app';

/** A resident ID number from its 17 body digits and the computed check character (ISO 7064 MOD 11-2). */
const idOf = (body: string): string => body + checkCharacter(body);

/** The standard's own examples (GB 11643-1999). */
const FEMALE_1949 = '11010519491231002X';
const MALE_1880 = '440524188001010014';

const PERSON = `id idNumber name sex birthDate regionCode`;
const REGISTER = `mutation($i: RegisterInsuredPersonInput!) { registerInsuredPerson(input: $i) { ${PERSON} } }`;
const BY_ID = `query($id: ID!) { insuredPerson(id: $id) { ${PERSON} } }`;
const BY_NUMBER = `query($n: String!) { insuredPersonByIdNumber(idNumber: $n) { ${PERSON} } }`;
const LIST = `query($r: String, $f: Int, $a: String) {
  insuredPersons(regionCode: $r, first: $f, after: $a) {
    nodes { id regionCode } totalCount pageInfo { hasNextPage endCursor }
  }
}`;
const SET_STATUS = `mutation($id: ID!, $s: SpecialStatus!, $from: Date!) {
  setSpecialStatus(insuredPersonId: $id, status: $s, from: $from) { id }
}`;
const CREATE_ORG = `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`;
const CREATE_AGREEMENT = `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`;

interface Person {
  id: string;
  idNumber: string;
  name: string;
  sex: string;
  birthDate: string;
  regionCode: string;
}
interface ListPage {
  insuredPersons: {
    nodes: Array<{ id: string; regionCode: string }>;
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
interface AccessRow {
  user_sub: string;
  role: string;
  org: string | null;
  request_id: string;
  operation: string;
  insured_person_id: string;
}

describe('insured persons', () => {
  let t: TestApp;
  const orgs: Record<string, string> = {};
  const people = {} as Record<'female' | 'male' | 'luoyang2' | 'zhengzhou2' | 'suining', Person>;
  const numbers = {} as Record<'luoyang2' | 'zhengzhou2' | 'suining', string>;
  let seq = 100;
  /** A fresh valid ID number (born 1980-01-01 unless told), never used before in this file. */
  const freshNumber = (birth = '19800101', address = '410302'): string =>
    idOf(`${address}${birth}${String(seq++).padStart(3, '0')}`);

  const institution = (regions: string[] = ['41']): Caller => ({
    sub: 'test-inst',
    role: Role.INSTITUTION,
    org: orgs.HOSP!,
    regions,
  });

  /** Runs an operation with a request id of our choosing (as the HTTP layer would from x-request-id). */
  const gqlWithRequestId = async <T = Record<string, unknown>>(
    requestId: string,
    query: string,
    variables: Record<string, unknown>,
    user: Caller,
  ): Promise<GqlResult<T>> => {
    const res = await t.app.apollo.executeOperation(
      { query, variables },
      { contextValue: t.app.contextFor(user, requestId) },
    );
    if (res.body.kind !== 'single') {
      throw new Error('incremental delivery not expected');
    }
    return res.body.singleResult as GqlResult<T>;
  };

  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const rows: Array<{ n: string | number }> = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM ${sql}`,
      params,
    );
    return Number(rows[0]!.n);
  };
  const accessRows = (requestId: string): Promise<AccessRow[]> =>
    t.db.dataSource.query(
      `SELECT user_sub, role, org, request_id, operation, insured_person_id::text AS insured_person_id
         FROM person_access_log WHERE request_id = $1 ORDER BY id`,
      [requestId],
    );

  const register = async (
    idNumber: string,
    regionCode: string,
    extra: Record<string, unknown> = {},
    user: Caller = agency(),
  ): Promise<Person> => {
    const r = await t.gql<{ registerInsuredPerson: Person }>(
      REGISTER,
      { i: { idNumber, name: `参保人${seq}`, regionCode, ...extra } },
      user,
    );
    if (r.errors) {
      throw new Error(`register failed: ${JSON.stringify(r.errors)}`);
    }
    return r.data!.registerInsuredPerson;
  };

  const org = async (code: string, kind: string, regionCode: string) => {
    const r = await t.gql<{ createOrganization: { id: string } }>(
      CREATE_ORG,
      { i: { code, name: code, kind, regionCode } },
      agency(),
    );
    if (r.errors) {
      throw new Error(`createOrganization failed: ${JSON.stringify(r.errors)}`);
    }
    orgs[code] = r.data!.createOrganization.id;
  };

  const listAll = async (user: Caller, regionCode: string | null = null) => {
    const r = await t.gql<ListPage>(LIST, { r: regionCode, f: 100 }, user);
    expect(r.errors).toBeUndefined();
    return r.data!.insuredPersons;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await org('HA', 'AGENCY', '410000');
    await org('INS', 'INSURER', '410000');
    await org('INS-NONE', 'INSURER', '410000');
    await org('HOSP', 'MEDICAL_INSTITUTION', '410302');
    const agreement = await t.gql(
      CREATE_AGREEMENT,
      {
        i: {
          code: 'HN-CI-2024',
          kind: 'CRITICAL_ILLNESS',
          title: '2024年河南省城乡居民大病保险承办服务合同',
          partyAId: orgs.HA,
          partyBId: orgs.INS,
          regionCode: '410000',
          coveredRegions: ['410300'],
          effectiveFrom: '2024-01-01',
          effectiveTo: '2024-12-31',
        },
      },
      agency(),
    );
    if (agreement.errors) {
      throw new Error(`createAgreement failed: ${JSON.stringify(agreement.errors)}`);
    }
    // Luoyang (410302, 410311), Zhengzhou (410100), Suining (510900).
    people.female = await register(FEMALE_1949, '410302', { name: '张三' });
    people.male = await register(MALE_1880, '410100', { name: '李四' });
    numbers.luoyang2 = freshNumber('19900505');
    people.luoyang2 = await register(numbers.luoyang2, '410311');
    numbers.zhengzhou2 = freshNumber('19700707', '410102');
    people.zhengzhou2 = await register(numbers.zhengzhou2, '410100');
    numbers.suining = freshNumber('19850303', '510903');
    people.suining = await register(numbers.suining, '510900');
  });
  afterAll(() => t?.close());

  describe('registerInsuredPerson', () => {
    it('derives sex and birth date from the standard’s examples and answers the whole number to AGENCY', () => {
      expect(people.female).toMatchObject({
        idNumber: FEMALE_1949,
        name: '张三',
        sex: 'FEMALE',
        birthDate: '1949-12-31',
        regionCode: '410302',
      });
      expect(people.male).toMatchObject({
        idNumber: MALE_1880,
        name: '李四',
        sex: 'MALE',
        birthDate: '1880-01-01',
        regionCode: '410100',
      });
      expect(people.female.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    const leapBody = '41030220240229001';
    it.each([
      ['17 characters', FEMALE_1949.slice(0, 17)],
      ['19 characters', `${FEMALE_1949}1`],
      ['a wrong check character', `${FEMALE_1949.slice(0, 17)}1`],
      ['a wrong check character (digit)', `${MALE_1880.slice(0, 17)}5`],
      ['29 February of a common year', idOf('41030220230229001')],
      ['a month 13', idOf('41030220231301001')],
      ['a birth date after today (2024-06-16)', idOf('41030220240616001')],
      ['letters in the body', `4103022O240101001${'X'}`],
    ])('refuses %s: BAD_USER_INPUT on input.idNumber, nothing stored', async (_name, idNumber) => {
      const persons = await count('insured_person');
      const audits = await count('audit_trail');
      const r = await t.gql(
        REGISTER,
        { i: { idNumber, name: '王五', regionCode: '410302' } },
        agency(),
      );
      expect(r.data).toBeNull();
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.idNumber',
      });
      expect(r.errors![0]!.message).not.toContain(idNumber);
      expect(r.errors![0]!.message).not.toContain(idNumber.slice(0, 17));
      expect(JSON.stringify(r)).not.toContain(idNumber);
      expect(await count('insured_person')).toBe(persons);
      expect(await count('audit_trail')).toBe(audits);
    });

    it('accepts 29 February of a leap year', async () => {
      const idNumber = idOf(leapBody);
      const p = await register(idNumber, '410302');
      expect(p).toMatchObject({ idNumber, sex: 'MALE', birthDate: '2024-02-29' });
    });

    it('accepts a birth date of today (2024-06-15)', async () => {
      const idNumber = idOf('41030220240615002');
      const p = await register(idNumber, '410302');
      expect(p).toMatchObject({ idNumber, sex: 'FEMALE', birthDate: '2024-06-15' });
    });

    it('reads a lower-case x as X, stores it upper-case, and refuses the number again in either case', async () => {
      let body = '';
      for (let s = 500; s < 600; s++) {
        const b = `41030219800101${s}`;
        if (checkCharacter(b) === 'X') {
          body = b;
          break;
        }
      }
      expect(body).not.toBe('');
      const upper = `${body}X`;
      const lower = `${body}x`;
      const p = await register(lower, '410302');
      expect(p.idNumber).toBe(upper);
      const rows: Array<{ id_number_masked: string }> = await t.db.dataSource.query(
        'SELECT id_number_masked FROM insured_person WHERE id = $1',
        [p.id],
      );
      expect(rows[0]!.id_number_masked).toBe(`${upper.slice(0, 6)}***********${upper.slice(-1)}`);
      const found = await t.gql<{ insuredPersonByIdNumber: Person | null }>(
        BY_NUMBER,
        { n: upper },
        agency(),
      );
      expect(found.data!.insuredPersonByIdNumber).toMatchObject({ id: p.id, idNumber: upper });

      for (const again of [upper, lower]) {
        const persons = await count('insured_person');
        const audits = await count('audit_trail');
        const r = await t.gql(
          REGISTER,
          { i: { idNumber: again, name: '重复', regionCode: '410302' } },
          agency(),
        );
        expect(r.errors?.[0]?.extensions).toMatchObject({
          code: 'CONFLICT',
          field: 'input.idNumber',
        });
        expect(JSON.stringify(r)).not.toContain(body);
        expect(await count('insured_person')).toBe(persons);
        expect(await count('audit_trail')).toBe(audits);
      }
    });

    it('refuses the standard’s example registered a second time (CONFLICT)', async () => {
      const r = await t.gql(
        REGISTER,
        { i: { idNumber: FEMALE_1949, name: '张三', regionCode: '410100' } },
        agency(),
      );
      expect(r.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.idNumber',
      });
    });

    it.each<[string, string, Caller, string]>([
      ['a region outside the token', '410300', agency(['51']), 'input.regionCode'],
      ['a four-digit region code', '4103', agency(), 'input.regionCode'],
      ['a region code with letters', '41030a', agency(), 'input.regionCode'],
    ])('refuses %s (BAD_USER_INPUT), nothing stored', async (_name, regionCode, user, field) => {
      const persons = await count('insured_person');
      const audits = await count('audit_trail');
      const r = await t.gql(
        REGISTER,
        { i: { idNumber: freshNumber(), name: '王五', regionCode } },
        user,
      );
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await count('insured_person')).toBe(persons);
      expect(await count('audit_trail')).toBe(audits);
    });

    it('registers a number sent twice at the same moment once; the other is CONFLICT', async () => {
      const idNumber = freshNumber('19880808');
      const persons = await count('insured_person');
      const results = await Promise.all(
        [1, 2].map(() =>
          t.gql(REGISTER, { i: { idNumber, name: '并发', regionCode: '410302' } }, agency()),
        ),
      );
      const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      expect(await count('insured_person')).toBe(persons + 1);
    });

    it.each([
      ['an empty name', { name: '' }, 'input.name'],
      ['a name of 101 characters', { name: '张'.repeat(101) }, 'input.name'],
    ])('refuses %s', async (_name, over, field) => {
      const persons = await count('insured_person');
      const r = await t.gql(
        REGISTER,
        { i: { idNumber: freshNumber(), regionCode: '410302', ...over } },
        agency(),
      );
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await count('insured_person')).toBe(persons);
    });

    it('refuses a special status that starts before the person’s birth', async () => {
      const persons = await count('insured_person');
      const r = await t.gql(
        REGISTER,
        {
          i: {
            idNumber: freshNumber('19800101'),
            name: '王五',
            regionCode: '410302',
            specialStatus: 'MINIMUM_LIVING',
            specialStatusFrom: '1979-12-31',
          },
        },
        agency(),
      );
      expect(r.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.specialStatusFrom',
      });
      expect(await count('insured_person')).toBe(persons);
    });

    it('starts a default special status on the birth date of a person born this year', async () => {
      const r = await t.gql<{
        registerInsuredPerson: {
          before: string;
          born: string;
          history: { status: string; effectiveFrom: string }[];
        };
      }>(
        `mutation($i: RegisterInsuredPersonInput!) { registerInsuredPerson(input: $i) {
          before: specialStatus(on: "2024-02-28") born: specialStatus(on: "2024-02-29")
          history: specialStatusHistory { status effectiveFrom } } }`,
        {
          i: {
            idNumber: freshNumber('20240229'),
            name: '赵六',
            regionCode: '410302',
            specialStatus: 'EXTREME_POVERTY',
          },
        },
        agency(),
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.registerInsuredPerson).toEqual({
        before: 'NONE',
        born: 'EXTREME_POVERTY',
        history: [{ status: 'EXTREME_POVERTY', effectiveFrom: '2024-02-29' }],
      });
    });

    it('lets only AGENCY register', async () => {
      for (const user of [insurer(orgs.INS!), institution(), reporting()]) {
        const persons = await count('insured_person');
        const r = await t.gql(
          REGISTER,
          { i: { idNumber: freshNumber(), name: '王五', regionCode: '410302' } },
          user,
        );
        expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(await count('insured_person')).toBe(persons);
      }
    });

    it('writes one audit_trail row that names the person by id and holds no ID number, whole or masked', async () => {
      const idNumber = freshNumber('19660606');
      const p = await register(idNumber, '410302', { name: '审计' });
      const rows: Array<{
        operation: string;
        role: string;
        user_sub: string;
        input: Record<string, unknown>;
        text: string;
      }> = await t.db.dataSource.query(
        'SELECT operation, role, user_sub, input, input::text AS text FROM audit_trail WHERE $1 = ANY(ids)',
        [p.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        operation: 'registerInsuredPerson',
        role: 'AGENCY',
        user_sub: 'test-agency',
      });
      expect(rows[0]!.input).toEqual({
        insuredPersonId: p.id,
        name: '审计',
        regionCode: '410302',
        specialStatus: 'NONE',
      });
      expect(rows[0]!.text).not.toContain(idNumber.slice(6, 14));
      expect(rows[0]!.text).not.toMatch(/\d{17}[\dX]|\*{4}/);
    });
  });

  describe('the stored row', () => {
    it('holds the number encrypted and masked, never as text in any column', async () => {
      for (const [key, idNumber] of [
        ['female', FEMALE_1949],
        ['male', MALE_1880],
      ] as const) {
        const rows: Array<Record<string, unknown>> = await t.db.dataSource.query(
          'SELECT * FROM insured_person WHERE id = $1',
          [people[key].id],
        );
        expect(rows).toHaveLength(1);
        const row = rows[0]!;
        expect(row.id_number_masked).toBe(
          `${idNumber.slice(0, 6)}***********${idNumber.slice(-1)}`,
        );
        expect(Buffer.isBuffer(row.id_number_enc)).toBe(true);
        const enc = row.id_number_enc as Buffer;
        expect(enc.includes(Buffer.from(idNumber, 'utf8'))).toBe(false);
        expect(enc.toString('latin1')).not.toContain(idNumber);
        expect(enc.toString('hex')).not.toContain(Buffer.from(idNumber).toString('hex'));
        for (const [column, value] of Object.entries(row)) {
          const texts = Buffer.isBuffer(value)
            ? [value.toString('utf8'), value.toString('latin1'), value.toString('hex')]
            : [value instanceof Date ? value.toISOString() : String(value)];
          for (const text of texts) {
            expect({ column, has: text.includes(idNumber) }).toEqual({ column, has: false });
            expect({ column, has: text.includes(idNumber.slice(0, 17)) }).toEqual({
              column,
              has: false,
            });
          }
        }
      }
    });
  });

  describe('who sees the whole number', () => {
    it('AGENCY and INSURER see it whole', async () => {
      const a = await t.gql<{ insuredPerson: Person | null }>(
        BY_ID,
        { id: people.female.id },
        agency(['41']),
      );
      expect(a.data!.insuredPerson?.idNumber).toBe(FEMALE_1949);
      const i = await t.gql<{ insuredPerson: Person | null }>(
        BY_ID,
        { id: people.female.id },
        insurer(orgs.INS!, ['41']),
      );
      expect(i.errors).toBeUndefined();
      expect(i.data!.insuredPerson?.idNumber).toBe(FEMALE_1949);
      const byNumber = await t.gql<{ insuredPersonByIdNumber: Person | null }>(
        BY_NUMBER,
        { n: FEMALE_1949 },
        insurer(orgs.INS!, ['41']),
      );
      expect(byNumber.data!.insuredPersonByIdNumber?.idNumber).toBe(FEMALE_1949);
    });

    it('INSTITUTION sees it masked through insuredPersonByIdNumber', async () => {
      const r = await t.gql<{ insuredPersonByIdNumber: Person | null }>(
        BY_NUMBER,
        { n: FEMALE_1949 },
        institution(),
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.insuredPersonByIdNumber).toMatchObject({
        id: people.female.id,
        idNumber: '110105***********X',
        sex: 'FEMALE',
        birthDate: '1949-12-31',
      });
      expect(JSON.stringify(r)).not.toContain(FEMALE_1949);
    });

    it.each([
      ['insuredPerson', `query($id: ID!) { insuredPerson(id: $id) { id idNumber } }`],
      ['insuredPersons', `{ insuredPersons { totalCount nodes { id idNumber } } }`],
      [
        'insuredPersonByIdNumber',
        `query($n: String!) { insuredPersonByIdNumber(idNumber: $n) { id idNumber } }`,
      ],
    ])('REPORTING is FORBIDDEN on %s', async (name, query) => {
      const log = await count('person_access_log');
      const r = await t.gql(query, { id: people.female.id, n: FEMALE_1949 }, reporting(['41']));
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // A nullable root field answers null; the non-null connection nulls the whole data.
      expect(r.data?.[name] ?? null).toBeNull();
      expect(JSON.stringify(r)).not.toContain(FEMALE_1949);
      expect(JSON.stringify(r)).not.toContain('110105');
      expect(await count('person_access_log')).toBe(log);
    });
  });

  describe('person_access_log', () => {
    it('logs one row per full read with who, which request, which operation and which person', async () => {
      const cases: Array<[string, string, Record<string, unknown>, Caller]> = [
        ['insuredPerson', BY_ID, { id: people.female.id }, agency(['41'])],
        ['insuredPersonByIdNumber', BY_NUMBER, { n: FEMALE_1949 }, agency(['41'])],
        ['insuredPerson', BY_ID, { id: people.female.id }, insurer(orgs.INS!, ['41'])],
      ];
      for (const [operation, query, vars, user] of cases) {
        const requestId = `req-${operation}-${user.role}`;
        const before = await count('person_access_log');
        const r = await gqlWithRequestId<Record<string, Person>>(requestId, query, vars, user);
        expect(r.errors).toBeUndefined();
        expect(r.data![operation]!.idNumber).toBe(FEMALE_1949);
        expect(await count('person_access_log')).toBe(before + 1);
        expect(await accessRows(requestId)).toEqual([
          {
            user_sub: user.sub,
            role: user.role,
            org: user.org ?? null,
            request_id: requestId,
            operation,
            insured_person_id: people.female.id,
          },
        ]);
      }
    });

    it('logs registerInsuredPerson when the mutation answers the number', async () => {
      const idNumber = freshNumber('19770707');
      const r = await gqlWithRequestId<{ registerInsuredPerson: Person }>(
        'req-register',
        REGISTER,
        { i: { idNumber, name: '登记', regionCode: '410302' } },
        agency(['41']),
      );
      expect(r.data!.registerInsuredPerson.idNumber).toBe(idNumber);
      expect(await accessRows('req-register')).toEqual([
        {
          user_sub: 'test-agency',
          role: 'AGENCY',
          org: null,
          request_id: 'req-register',
          operation: 'registerInsuredPerson',
          insured_person_id: r.data!.registerInsuredPerson.id,
        },
      ]);
    });

    it('logs the root field’s name, not its alias', async () => {
      const r = await gqlWithRequestId<{ who: Person }>(
        'req-alias',
        `query($id: ID!) { who: insuredPerson(id: $id) { idNumber } }`,
        { id: people.male.id },
        agency(['41']),
      );
      expect(r.data!.who.idNumber).toBe(MALE_1880);
      const rows = await accessRows('req-alias');
      expect(rows.map((x) => x.operation)).toEqual(['insuredPerson']);
    });

    it('logs an INSTITUTION’s look-up (rules.md §2: found or not), and shows it the mask', async () => {
      const before = await count('person_access_log');
      const r = await gqlWithRequestId<{ insuredPersonByIdNumber: Person | null }>(
        'req-inst',
        BY_NUMBER,
        { n: FEMALE_1949 },
        institution(),
      );
      expect(r.data!.insuredPersonByIdNumber?.idNumber).toBe('110105***********X');
      expect(await count('person_access_log')).toBe(before + 1);
      expect(await accessRows('req-inst')).toEqual([
        {
          user_sub: 'test-inst',
          role: 'INSTITUTION',
          org: orgs.HOSP,
          request_id: 'req-inst',
          operation: 'insuredPersonByIdNumber',
          insured_person_id: people.female.id,
        },
      ]);
    });

    it('logs no read when idNumber is not selected, except the look-up itself', async () => {
      const before = await count('person_access_log');
      const one = await t.gql<{ insuredPerson: { name: string } | null }>(
        `query($id: ID!) { insuredPerson(id: $id) { id name sex birthDate regionCode } }`,
        { id: people.female.id },
        agency(['41']),
      );
      expect(one.data!.insuredPerson?.name).toBe('张三');
      const list = await t.gql<ListPage>(LIST, { f: 5 }, agency(['41']));
      expect(list.data!.insuredPersons.nodes.length).toBeGreaterThan(0);
      expect(await count('person_access_log')).toBe(before);
      const byNumber = await gqlWithRequestId<{ insuredPersonByIdNumber: { id: string } | null }>(
        'req-lookup-no-number',
        `query($n: String!) { insuredPersonByIdNumber(idNumber: $n) { id } }`,
        { n: FEMALE_1949 },
        agency(['41']),
      );
      expect(byNumber.data!.insuredPersonByIdNumber?.id).toBe(people.female.id);
      expect((await accessRows('req-lookup-no-number')).map((x) => x.operation)).toEqual([
        'insuredPersonByIdNumber',
      ]);
    });

    it('logs one row when idNumber is selected twice under one root field', async () => {
      const r = await gqlWithRequestId<{ insuredPerson: { a: string; b: string } }>(
        'req-twice',
        `query($id: ID!) { insuredPerson(id: $id) { a: idNumber b: idNumber idNumber } }`,
        { id: people.female.id },
        agency(['41']),
      );
      expect(r.data!.insuredPerson).toEqual({
        a: FEMALE_1949,
        b: FEMALE_1949,
        idNumber: FEMALE_1949,
      });
      expect(await accessRows('req-twice')).toHaveLength(1);
    });

    it('logs one row per root field when two root fields read the same person', async () => {
      const r = await gqlWithRequestId<Record<string, { idNumber: string } | null>>(
        'req-two-roots',
        `query($id: ID!, $n: String!) {
          one: insuredPerson(id: $id) { idNumber }
          two: insuredPersonByIdNumber(idNumber: $n) { idNumber }
        }`,
        { id: people.female.id, n: FEMALE_1949 },
        agency(['41']),
      );
      expect(r.errors).toBeUndefined();
      const rows = await accessRows('req-two-roots');
      expect(rows.map((x) => x.operation).sort()).toEqual([
        'insuredPerson',
        'insuredPersonByIdNumber',
      ]);
      expect(new Set(rows.map((x) => x.insured_person_id))).toEqual(new Set([people.female.id]));
    });

    it('logs one row per person of a list', async () => {
      const before = await count('person_access_log');
      const r = await gqlWithRequestId<{
        insuredPersons: { nodes: Array<{ id: string; idNumber: string }> };
      }>('req-list', `{ insuredPersons(first: 3) { nodes { id idNumber } } }`, {}, agency(['41']));
      const nodes = r.data!.insuredPersons.nodes;
      expect(nodes).toHaveLength(3);
      for (const n of nodes) {
        expect(n.idNumber).toMatch(/^\d{17}[\dX]$/);
      }
      expect(await count('person_access_log')).toBe(before + 3);
      const rows = await accessRows('req-list');
      expect(rows).toHaveLength(3);
      expect(rows.every((x) => x.operation === 'insuredPersons')).toBe(true);
      expect(rows.map((x) => x.insured_person_id).sort()).toEqual(nodes.map((n) => n.id).sort());
    });

    it('logs an INSURER’s list reads with its org', async () => {
      const r = await gqlWithRequestId<{
        insuredPersons: { nodes: Array<{ id: string; idNumber: string }> };
      }>(
        'req-insurer-list',
        `{ insuredPersons(first: 100) { nodes { id idNumber } } }`,
        {},
        insurer(orgs.INS!, ['41']),
      );
      const nodes = r.data!.insuredPersons.nodes;
      expect(nodes.length).toBeGreaterThan(0);
      const rows = await accessRows('req-insurer-list');
      expect(rows).toHaveLength(nodes.length);
      expect(rows.every((x) => x.role === 'INSURER' && x.org === orgs.INS)).toBe(true);
    });

    it.each([
      ['UPDATE', `UPDATE person_access_log SET operation = 'x'`],
      ['DELETE', 'DELETE FROM person_access_log'],
      ['TRUNCATE', 'TRUNCATE person_access_log'],
    ])('the database refuses %s', async (_op, sql) => {
      const before = await count('person_access_log');
      expect(before).toBeGreaterThan(0);
      await expect(t.db.dataSource.query(sql)).rejects.toThrow(/append-only/);
      expect(await count('person_access_log')).toBe(before);
      expect(await count(`person_access_log WHERE operation = 'x'`)).toBe(0);
    });
  });

  describe('who sees whom', () => {
    it('AGENCY sees persons in its regions only', async () => {
      const luoyang = agency(['4103']);
      const inside = await t.gql<{ insuredPerson: Person | null }>(
        BY_ID,
        { id: people.female.id },
        luoyang,
      );
      expect(inside.data!.insuredPerson?.id).toBe(people.female.id);
      const outside = await t.gql<{ insuredPerson: Person | null }>(
        BY_ID,
        { id: people.male.id },
        luoyang,
      );
      expect(outside).toEqual({ data: { insuredPerson: null } });
      const byNumber = await t.gql<{ insuredPersonByIdNumber: Person | null }>(
        BY_NUMBER,
        { n: MALE_1880 },
        luoyang,
      );
      expect(byNumber).toEqual({ data: { insuredPersonByIdNumber: null } });

      const list = await listAll(luoyang);
      const ids = list.nodes.map((n) => n.id);
      expect(ids).toContain(people.female.id);
      expect(ids).toContain(people.luoyang2.id);
      expect(ids).not.toContain(people.male.id);
      expect(ids).not.toContain(people.suining.id);
      expect(list.nodes.every((n) => n.regionCode.startsWith('4103'))).toBe(true);
      expect(list.totalCount).toBe(await count(`insured_person WHERE region_code LIKE '4103%'`));
    });

    it('filters by regionCode: 410300 includes 410302 and 410311, not 410100', async () => {
      const list = await listAll(agency(['41', '51']), '410300');
      const ids = list.nodes.map((n) => n.id);
      expect(ids).toEqual(expect.arrayContaining([people.female.id, people.luoyang2.id]));
      expect(ids).not.toContain(people.male.id);
      expect(list.nodes.every((n) => n.regionCode.startsWith('4103'))).toBe(true);
      expect(list.totalCount).toBe(await count(`insured_person WHERE region_code LIKE '4103%'`));
      const henan = await listAll(agency(['41', '51']), '410000');
      expect(henan.totalCount).toBe(await count(`insured_person WHERE region_code LIKE '41%'`));
      expect(henan.nodes.map((n) => n.id)).not.toContain(people.suining.id);
      const elsewhere = await listAll(agency(['4103']), '510900');
      expect(elsewhere.totalCount).toBe(0);
      expect(elsewhere.nodes).toEqual([]);
    });

    it('refuses a malformed regionCode filter', async () => {
      const r = await t.gql(LIST, { r: '4103' }, agency());
      expect(r.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'regionCode',
      });
    });

    it('answers null, not an error, to an id that is no id', async () => {
      for (const id of ['not-a-uuid', '00000000-0000-0000-0000-000000000000', "1' OR '1'='1"]) {
        const r = await t.gql(BY_ID, { id }, agency());
        expect(r).toEqual({ data: { insuredPerson: null } });
      }
    });

    it('INSURER sees the persons in the covered regions of its agreements', async () => {
      const ins = insurer(orgs.INS!, ['41']);
      const luoyang = await t.gql<{ insuredPerson: Person | null }>(
        BY_ID,
        { id: people.female.id },
        ins,
      );
      expect(luoyang.data!.insuredPerson?.id).toBe(people.female.id);
      const zhengzhou = await t.gql<{ insuredPerson: Person | null }>(
        BY_ID,
        { id: people.male.id },
        ins,
      );
      expect(zhengzhou).toEqual({ data: { insuredPerson: null } });
      const zhengzhouByNumber = await t.gql(BY_NUMBER, { n: MALE_1880 }, ins);
      expect(zhengzhouByNumber).toEqual({ data: { insuredPersonByIdNumber: null } });
      const list = await listAll(ins);
      expect(list.nodes.map((n) => n.id)).toContain(people.luoyang2.id);
      expect(list.nodes.every((n) => n.regionCode.startsWith('4103'))).toBe(true);
      expect(list.totalCount).toBe(await count(`insured_person WHERE region_code LIKE '4103%'`));
    });

    it('INSURER sees nothing outside its token’s regions even where it has an agreement', async () => {
      const ins = insurer(orgs.INS!, ['51']);
      const r = await t.gql(BY_ID, { id: people.female.id }, ins);
      expect(r).toEqual({ data: { insuredPerson: null } });
      expect((await listAll(ins)).totalCount).toBe(0);
    });

    it('an INSURER with no agreements sees nobody', async () => {
      const none = insurer(orgs['INS-NONE']!, ['41']);
      expect(await t.gql(BY_ID, { id: people.female.id }, none)).toEqual({
        data: { insuredPerson: null },
      });
      expect(await t.gql(BY_NUMBER, { n: FEMALE_1949 }, none)).toEqual({
        data: { insuredPersonByIdNumber: null },
      });
      const list = await listAll(none);
      expect(list).toEqual({
        nodes: [],
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    });

    it('INSTITUTION: no person by id; by ID number inside its token’s regions only', async () => {
      expect(await t.gql(BY_ID, { id: people.female.id }, institution())).toEqual({
        data: { insuredPerson: null },
      });
      const inside = await t.gql<{ insuredPersonByIdNumber: Person | null }>(
        BY_NUMBER,
        { n: MALE_1880 },
        institution(['41']),
      );
      expect(inside.data!.insuredPersonByIdNumber).toMatchObject({
        id: people.male.id,
        idNumber: '440524***********4',
      });
      expect(await t.gql(BY_NUMBER, { n: MALE_1880 }, institution(['4103']))).toEqual({
        data: { insuredPersonByIdNumber: null },
      });
      expect(await t.gql(BY_NUMBER, { n: FEMALE_1949 }, institution(['51']))).toEqual({
        data: { insuredPersonByIdNumber: null },
      });
      const list = await listAll(institution(['41']));
      expect(list.totalCount).toBe(0);
      expect(list.nodes).toEqual([]);
    });
  });

  describe('insuredPersons paging', () => {
    it('walks every person two at a time, without repeats, by region then id', async () => {
      const user = agency(['41', '51']);
      const seen: Array<{ id: string; regionCode: string }> = [];
      let after: string | null = null;
      let totalCount = -1;
      for (let page = 0; page < 100; page++) {
        const r: GqlResult<ListPage> = await t.gql<ListPage>(LIST, { f: 2, a: after }, user);
        expect(r.errors).toBeUndefined();
        const conn = r.data!.insuredPersons;
        expect(conn.nodes.length).toBeLessThanOrEqual(2);
        if (totalCount >= 0) {
          expect(conn.totalCount).toBe(totalCount);
        }
        totalCount = conn.totalCount;
        seen.push(...conn.nodes);
        if (!conn.pageInfo.hasNextPage) {
          break;
        }
        expect(conn.nodes).toHaveLength(2);
        after = conn.pageInfo.endCursor;
        expect(after).toEqual(expect.any(String));
      }
      const all = await count(
        `insured_person WHERE region_code LIKE '41%' OR region_code LIKE '51%'`,
      );
      expect(totalCount).toBe(all);
      expect(seen).toHaveLength(all);
      expect(new Set(seen.map((n) => n.id)).size).toBe(all);
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = [seen[i - 1]!, seen[i]!];
        expect(a.regionCode < b.regionCode || (a.regionCode === b.regionCode && a.id < b.id)).toBe(
          true,
        );
      }
      expect(seen.map((n) => n.id)).toEqual(
        expect.arrayContaining(Object.values(people).map((p) => p.id)),
      );
    });

    it('answers first: 0 with the count and no nodes', async () => {
      const r = await t.gql<ListPage>(LIST, { f: 0 }, agency(['41']));
      expect(r.data!.insuredPersons.nodes).toEqual([]);
      expect(r.data!.insuredPersons.totalCount).toBe(
        await count(`insured_person WHERE region_code LIKE '41%'`),
      );
    });

    it.each([101, -1])('refuses first: %d', async (first) => {
      const r = await t.gql(LIST, { f: first }, agency());
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });

    it.each(['garbage', Buffer.from('["410302"]').toString('base64url'), ''])(
      'refuses a forged cursor %j',
      async (after) => {
        const r = await t.gql(LIST, { a: after }, agency());
        expect(r.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'after',
        });
      },
    );
  });

  describe('insuredPersonByIdNumber', () => {
    it.each([
      ['17 characters', FEMALE_1949.slice(0, 17)],
      ['a wrong check character', `${FEMALE_1949.slice(0, 17)}1`],
      ['29 February of a common year', idOf('41030220230229001')],
      ['a future birth date', idOf('41030220240616001')],
    ])('refuses %s: BAD_USER_INPUT on idNumber', async (_name, n) => {
      const r = await t.gql(BY_NUMBER, { n }, agency());
      expect(r.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'idNumber',
      });
      expect(r.errors![0]!.message).not.toContain(n);
    });

    it('answers null to a valid number no one has', async () => {
      const r = await t.gql(BY_NUMBER, { n: idOf('41030219991231999') }, agency());
      expect(r).toEqual({ data: { insuredPersonByIdNumber: null } });
    });

    it('finds a number typed with a lower-case x', async () => {
      const r = await t.gql<{ insuredPersonByIdNumber: Person | null }>(
        BY_NUMBER,
        { n: FEMALE_1949.toLowerCase() },
        agency(),
      );
      expect(r.data!.insuredPersonByIdNumber?.id).toBe(people.female.id);
    });
  });

  describe('special status', () => {
    const STATUS = `query($id: ID!) {
      insuredPerson(id: $id) {
        now: specialStatus
        feb29: specialStatus(on: "2024-02-29")
        mar1: specialStatus(on: "2024-03-01")
        dec31: specialStatus(on: "2023-12-31")
        jan1: specialStatus(on: "2024-01-01")
        aug31: specialStatus(on: "2024-08-31")
        sep1: specialStatus(on: "2024-09-01")
        specialStatusHistory { status effectiveFrom recordedAt }
      }
    }`;
    interface StatusView {
      now: string;
      feb29: string;
      mar1: string;
      dec31: string;
      jan1: string;
      aug31: string;
      sep1: string;
      specialStatusHistory: Array<{ status: string; effectiveFrom: string; recordedAt: string }>;
    }
    const statusOf = async (id: string): Promise<StatusView> => {
      const r = await t.gql<{ insuredPerson: StatusView }>(STATUS, { id }, agency());
      expect(r.errors).toBeUndefined();
      return r.data!.insuredPerson;
    };
    const setStatus = (id: string, s: string, from: string, user: Caller = agency()) =>
      t.gql<{ setSpecialStatus: { id: string } }>(SET_STATUS, { id, s, from }, user);

    it('a person registered without a status is NONE, with no history', async () => {
      const v = await statusOf(people.female.id);
      expect(v).toMatchObject({ now: 'NONE', mar1: 'NONE', sep1: 'NONE' });
      expect(v.specialStatusHistory).toEqual([]);
    });

    it('starts a status on specialStatusFrom and changes it from a later day', async () => {
      const p = await register(freshNumber('19600101'), '410302', {
        specialStatus: 'MINIMUM_LIVING',
        specialStatusFrom: '2024-03-01',
      });
      let v = await statusOf(p.id);
      expect(v).toMatchObject({
        feb29: 'NONE',
        mar1: 'MINIMUM_LIVING',
        now: 'MINIMUM_LIVING',
        sep1: 'MINIMUM_LIVING',
      });
      expect(v.specialStatusHistory).toMatchObject([
        { status: 'MINIMUM_LIVING', effectiveFrom: '2024-03-01' },
      ]);

      const set = await setStatus(p.id, 'NONE', '2024-09-01');
      expect(set.errors).toBeUndefined();
      expect(set.data!.setSpecialStatus.id).toBe(p.id);
      v = await statusOf(p.id);
      expect(v).toMatchObject({
        feb29: 'NONE',
        mar1: 'MINIMUM_LIVING',
        aug31: 'MINIMUM_LIVING',
        sep1: 'NONE',
        now: 'MINIMUM_LIVING',
      });

      // An entry recorded later for an earlier day is listed by its day.
      expect((await setStatus(p.id, 'EXTREME_POVERTY', '2024-05-01')).errors).toBeUndefined();
      // Two entries for the same day: the later recorded wins, listed after the earlier.
      expect((await setStatus(p.id, 'POVERTY_RELAPSE', '2024-09-01')).errors).toBeUndefined();
      v = await statusOf(p.id);
      expect(v.specialStatusHistory.map((h) => [h.status, h.effectiveFrom])).toEqual([
        ['MINIMUM_LIVING', '2024-03-01'],
        ['EXTREME_POVERTY', '2024-05-01'],
        ['NONE', '2024-09-01'],
        ['POVERTY_RELAPSE', '2024-09-01'],
      ]);
      expect(v).toMatchObject({
        mar1: 'MINIMUM_LIVING',
        now: 'EXTREME_POVERTY',
        aug31: 'EXTREME_POVERTY',
        sep1: 'POVERTY_RELAPSE',
      });
      for (const h of v.specialStatusHistory) {
        expect(Number.isNaN(Date.parse(h.recordedAt))).toBe(false);
      }
      const audits: Array<{ operation: string }> = await t.db.dataSource.query(
        'SELECT operation FROM audit_trail WHERE $1 = ANY(ids) ORDER BY id',
        [p.id],
      );
      expect(audits.map((a) => a.operation)).toEqual([
        'registerInsuredPerson',
        'setSpecialStatus',
        'setSpecialStatus',
        'setSpecialStatus',
      ]);
    });

    it('defaults specialStatusFrom to 1 January of the clock’s year (2024)', async () => {
      const p = await register(freshNumber('19600202'), '410302', {
        specialStatus: 'EXTREME_POVERTY',
      });
      const v = await statusOf(p.id);
      expect(v.specialStatusHistory).toMatchObject([
        { status: 'EXTREME_POVERTY', effectiveFrom: '2024-01-01' },
      ]);
      expect(v).toMatchObject({ dec31: 'NONE', jan1: 'EXTREME_POVERTY', now: 'EXTREME_POVERTY' });
    });

    it('reads specialStatus without `on` on the clock’s day (2024-06-15)', async () => {
      const p = await register(freshNumber('19600303'), '410302');
      expect((await setStatus(p.id, 'POVERTY_RELAPSE', '2024-06-16')).errors).toBeUndefined();
      expect((await statusOf(p.id)).now).toBe('NONE');
      expect((await setStatus(p.id, 'MINIMUM_LIVING', '2024-06-15')).errors).toBeUndefined();
      const v = await statusOf(p.id);
      expect(v.now).toBe('MINIMUM_LIVING');
      expect(v.sep1).toBe('POVERTY_RELAPSE');
    });

    it('answers NOT_FOUND for an unknown person, or one outside the token’s regions', async () => {
      for (const [id, user] of [
        ['00000000-0000-0000-0000-000000000000', agency()],
        ['not-a-uuid', agency()],
        [people.male.id, agency(['4103'])],
      ] as const) {
        const rows = await count('person_special_status');
        const r = await setStatus(id, 'MINIMUM_LIVING', '2024-07-01', user);
        expect(r.errors?.[0]?.extensions).toMatchObject({
          code: 'NOT_FOUND',
          field: 'insuredPersonId',
        });
        expect(await count('person_special_status')).toBe(rows);
      }
    });

    it('refuses a start before the person’s birth (BAD_USER_INPUT on from)', async () => {
      const rows = await count('person_special_status');
      const audits = await count('audit_trail');
      // people.female was born 1949-12-31.
      const r = await setStatus(people.female.id, 'MINIMUM_LIVING', '1949-12-30');
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
      expect(await count('person_special_status')).toBe(rows);
      expect(await count('audit_trail')).toBe(audits);
      const onBirthday = await setStatus(people.female.id, 'MINIMUM_LIVING', '1949-12-31');
      expect(onBirthday.errors).toBeUndefined();
    });

    it('lets only AGENCY change a status', async () => {
      for (const user of [insurer(orgs.INS!), institution(), reporting()]) {
        const rows = await count('person_special_status');
        const r = await setStatus(people.luoyang2.id, 'MINIMUM_LIVING', '2024-07-01', user);
        expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(await count('person_special_status')).toBe(rows);
      }
    });

    it.each([
      ['UPDATE', `UPDATE person_special_status SET status = 'NONE'`],
      ['DELETE', 'DELETE FROM person_special_status'],
      ['TRUNCATE', 'TRUNCATE person_special_status'],
    ])('the database refuses %s on the history', async (_op, sql) => {
      const before = await count('person_special_status');
      const changed = await count(`person_special_status WHERE status <> 'NONE'`);
      expect(before).toBeGreaterThan(0);
      await expect(t.db.dataSource.query(sql)).rejects.toThrow(/append-only/);
      expect(await count('person_special_status')).toBe(before);
      expect(await count(`person_special_status WHERE status <> 'NONE'`)).toBe(changed);
    });
  });
});
