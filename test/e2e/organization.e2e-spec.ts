import { Role, type Caller } from '../../src/shared/caller';
import {
  agency,
  insurer,
  reporting,
  startTestApp,
  type GqlResult,
  type TestApp,
} from '../helpers/test-app';

const CREATE = `mutation Create($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { id code name kind regionCode }
}`;
const LIST = `query List($kind: OrganizationKind) { organizations(kind: $kind) { id code name kind regionCode } }`;

interface Org {
  id: string;
  code: string;
  name: string;
  kind: string;
  regionCode: string;
}

interface AuditRow {
  operation: string;
  ids: string[];
  user_sub: string;
  role: string;
  org: string | null;
  request_id: string | null;
  input: Record<string, unknown>;
  at: Date;
}

const institution = (org: string): Caller => ({
  sub: 'test-institution',
  role: Role.INSTITUTION,
  org,
  regions: ['41'],
});

const orgInput = (code: string, overrides: Partial<Record<string, unknown>> = {}) => ({
  code,
  name: `机构 ${code}`,
  kind: 'AGENCY',
  regionCode: '410300',
  ...overrides,
});

describe('organizations (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** `createOrganization` as `user`; `null`: without a user. */
  const create = (input: Record<string, unknown>, user: Caller | null = agency()) =>
    t.gql<{ createOrganization: Org }>(CREATE, { input }, user ?? undefined);

  /** Runs an operation with a request id of our choosing, to find it again in the audit trail. */
  const gqlWithRequestId = async <T>(
    query: string,
    variables: Record<string, unknown>,
    user: Caller,
    requestId: string,
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

  const auditCount = async (): Promise<number> => {
    const rows: Array<{ n: string | number }> = await t.db.dataSource.query(
      'SELECT count(*) AS n FROM audit_trail',
    );
    return Number(rows[0]!.n);
  };

  const orgCount = async (): Promise<number> => {
    const rows: Array<{ n: string | number }> = await t.db.dataSource.query(
      'SELECT count(*) AS n FROM organization',
    );
    return Number(rows[0]!.n);
  };

  const auditRowsFor = (id: string): Promise<AuditRow[]> =>
    t.db.dataSource.query(
      `SELECT operation, ids, user_sub, role, org, request_id, input, at
         FROM audit_trail WHERE $1 = ANY(ids) ORDER BY id`,
      [id],
    );

  describe('createOrganization and organizations', () => {
    it('records a public institution (公立医疗机构, Suining art. 78); only a MEDICAL_INSTITUTION may be one', async () => {
      const READ = `mutation Create($input: CreateOrganizationInput!) {
        createOrganization(input: $input) { code publicInstitution } }`;
      const made = async (input: Record<string, unknown>) =>
        t.gql<{ createOrganization: { code: string; publicInstitution: boolean } }>(
          READ,
          { input },
          agency(),
        );
      const pub = await made(
        orgInput('PUB-1', { kind: 'MEDICAL_INSTITUTION', publicInstitution: true }),
      );
      expect(pub.data!.createOrganization).toEqual({ code: 'PUB-1', publicInstitution: true });
      const plain = await made(orgInput('PUB-2', { kind: 'MEDICAL_INSTITUTION' }));
      expect(plain.data!.createOrganization.publicInstitution).toBe(false);
      const agencyFalse = await made(orgInput('PUB-3', { publicInstitution: false }));
      expect(agencyFalse.data!.createOrganization.publicInstitution).toBe(false);

      const [orgs, audits] = [await orgCount(), await auditCount()];
      for (const kind of ['AGENCY', 'INSURER']) {
        const refused = await made(orgInput(`PUB-${kind}`, { kind, publicInstitution: true }));
        expect(refused.data).toBeNull();
        expect(refused.errors![0]!.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'input.publicInstitution',
        });
      }
      expect([await orgCount(), await auditCount()]).toEqual([orgs, audits]);
    });

    it('creates an AGENCY and lists it by kind, ordered by code', async () => {
      const created: Org[] = [];
      for (const code of ['LIST-C', 'LIST-A', 'LIST-B']) {
        const res = await create(orgInput(code));
        expect(res.errors).toBeUndefined();
        created.push(res.data!.createOrganization);
      }
      const ins = await create(orgInput('LIST-INS', { kind: 'INSURER', regionCode: '510900' }));
      expect(ins.errors).toBeUndefined();

      expect(created[0]).toEqual({
        id: expect.any(String),
        code: 'LIST-C',
        name: '机构 LIST-C',
        kind: 'AGENCY',
        regionCode: '410300',
      });

      const agencies = await t.gql<{ organizations: Org[] }>(LIST, { kind: 'AGENCY' }, agency());
      expect(agencies.errors).toBeUndefined();
      const list = agencies.data!.organizations;
      expect(list.every((o) => o.kind === 'AGENCY')).toBe(true);
      expect(list.map((o) => o.code).filter((c) => c.startsWith('LIST-'))).toEqual([
        'LIST-A',
        'LIST-B',
        'LIST-C',
      ]);
      expect(list.find((o) => o.code === 'LIST-A')).toEqual(created[1]);

      const insurers = await t.gql<{ organizations: Org[] }>(LIST, { kind: 'INSURER' }, agency());
      expect(insurers.data!.organizations.map((o) => o.code)).toContain('LIST-INS');
      expect(insurers.data!.organizations.some((o) => o.code.startsWith('LIST-A'))).toBe(false);

      const all = await t.gql<{ organizations: Org[] }>(LIST, {}, agency());
      const codes = all.data!.organizations.map((o) => o.code);
      expect(codes).toEqual(expect.arrayContaining(['LIST-A', 'LIST-B', 'LIST-C', 'LIST-INS']));
      const ours = codes.filter((c) => c.startsWith('LIST-'));
      expect(ours).toEqual(['LIST-A', 'LIST-B', 'LIST-C', 'LIST-INS']);
    });

    it('trims the code and name it stores', async () => {
      const res = await create(orgInput('  TRIM-1  ', { name: '  洛阳市医疗保障局  ' }));
      expect(res.errors).toBeUndefined();
      expect(res.data!.createOrganization).toMatchObject({
        code: 'TRIM-1',
        name: '洛阳市医疗保障局',
      });
    });

    describe('with a code taken', () => {
      beforeAll(async () => {
        const first = await create(orgInput('DUP-1'));
        expect(first.errors).toBeUndefined();
      });

      it.each([
        ['the same code', 'DUP-1'],
        ['the same code with spaces around it', '  DUP-1 '],
      ])('refuses %s with CONFLICT on input.code, storing nothing', async (_name, code) => {
        const [audits, orgs] = [await auditCount(), await orgCount()];
        const res = await create(orgInput(code, { kind: 'INSURER', name: 'another' }));
        expect(res.data).toBeNull();
        expect(res.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
        expect(await auditCount()).toBe(audits);
        expect(await orgCount()).toBe(orgs);
      });
    });

    it('lets exactly one of several concurrent creations of one code through', async () => {
      const [audits, orgs] = [await auditCount(), await orgCount()];
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => create(orgInput('RACE-1', { name: `racer ${i}` }))),
      );
      const ok = results.filter((r) => !r.errors);
      const refused = results.filter((r) => r.errors);
      expect(ok).toHaveLength(1);
      expect(refused.map((r) => r.errors![0]!.extensions)).toEqual(
        Array.from({ length: 4 }, () => ({ code: 'CONFLICT', field: 'input.code' })),
      );
      expect(await auditCount()).toBe(audits + 1);
      expect(await orgCount()).toBe(orgs + 1);
    });

    it.each(['41030', '4103000', 'abcdef', '010000', '', '41030a', ' 410300'])(
      'refuses regionCode %j with BAD_USER_INPUT on input.regionCode, storing nothing',
      async (regionCode) => {
        const [audits, orgs] = [await auditCount(), await orgCount()];
        const res = await create(orgInput(`REGION-${regionCode}`, { regionCode }));
        expect(res.data).toBeNull();
        expect(res.errors![0]!.extensions).toEqual({
          code: 'BAD_USER_INPUT',
          field: 'input.regionCode',
        });
        expect(await auditCount()).toBe(audits);
        expect(await orgCount()).toBe(orgs);
      },
    );

    it.each([
      ['an empty code', 'input.code', { code: '' }],
      ['a whitespace code', 'input.code', { code: ' \t ' }],
      ['a code of 65 characters', 'input.code', { code: 'C'.repeat(65) }],
      ['an empty name', 'input.name', { name: '' }],
      ['a whitespace name', 'input.name', { name: '   ' }],
      ['a name of 201 characters', 'input.name', { name: '名'.repeat(201) }],
    ])('refuses %s with BAD_USER_INPUT on %s, storing nothing', async (_name, field, override) => {
      const [audits, orgs] = [await auditCount(), await orgCount()];
      const res = await create(orgInput('TEXT-1', override));
      expect(res.data).toBeNull();
      expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(await auditCount()).toBe(audits);
      expect(await orgCount()).toBe(orgs);
    });

    it('accepts a code of 64 and a name of 200 characters', async () => {
      const res = await create(orgInput('L'.repeat(64), { name: '名'.repeat(200) }));
      expect(res.errors).toBeUndefined();
      expect(res.data!.createOrganization.code).toHaveLength(64);
    });

    it('refuses an unknown kind with BAD_USER_INPUT on input.kind', async () => {
      const res = await create(orgInput('KIND-1', { kind: 'HOSPITAL' }));
      expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.kind' });
    });
  });

  describe('access', () => {
    it.each([
      ['INSURER', insurer('00000000-0000-0000-0000-000000000001')],
      ['REPORTING', reporting()],
      ['INSTITUTION', institution('00000000-0000-0000-0000-000000000002')],
    ])('refuses createOrganization to %s with FORBIDDEN but lets it read', async (role, user) => {
      const [audits, orgs] = [await auditCount(), await orgCount()];
      const res = await create(orgInput(`FORBID-${role}`), user);
      expect(res.data).toBeNull();
      expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      expect(await auditCount()).toBe(audits);
      expect(await orgCount()).toBe(orgs);

      const read = await t.gql<{ organizations: Org[] }>(LIST, {}, user);
      expect(read.errors).toBeUndefined();
      expect(read.data!.organizations).toHaveLength(orgs);
      const byKind = await t.gql<{ organizations: Org[] }>(LIST, { kind: 'AGENCY' }, user);
      expect(byKind.errors).toBeUndefined();
    });

    it('refuses both without a user with UNAUTHENTICATED', async () => {
      const [audits, orgs] = [await auditCount(), await orgCount()];
      const res = await create(orgInput('ANON-1'), null);
      expect(res.data).toBeNull();
      expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(await auditCount()).toBe(audits);
      expect(await orgCount()).toBe(orgs);

      const read = await t.gql(LIST, {}, undefined);
      expect(read.data).toBeNull();
      expect(read.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('audit trail', () => {
    it('appends exactly one row per successful mutation: who, which operation, which id, the input', async () => {
      const before = await auditCount();
      const user = agency(['41']);
      const input = orgInput('AUDIT-1', { kind: 'MEDICAL_INSTITUTION', regionCode: '410302' });
      const res = await gqlWithRequestId<{ createOrganization: Org }>(
        CREATE,
        { input },
        user,
        'req-audit-1',
      );
      expect(res.errors).toBeUndefined();
      const id = res.data!.createOrganization.id;
      expect(await auditCount()).toBe(before + 1);

      const rows = await auditRowsFor(id);
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(row).toMatchObject({
        operation: 'createOrganization',
        ids: [id],
        user_sub: user.sub,
        role: 'AGENCY',
        org: null,
        request_id: 'req-audit-1',
      });
      // The input as the server received it, defaults filled in (publicInstitution: false).
      expect(row.input).toEqual({ ...input, publicInstitution: false });
      expect(row.at).toBeInstanceOf(Date);
    });

    it('records a request id minted by the server when none is given', async () => {
      const res = await create(orgInput('AUDIT-2'));
      const rows = await auditRowsFor(res.data!.createOrganization.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.request_id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('removes an ID number inside the input (rules.md §2: none in the audit trail, masked or whole)', async () => {
      const idNumber = '11010519491231002X';
      const res = await create(orgInput('AUDIT-ID', { name: `张三诊所 ${idNumber} 分部` }));
      expect(res.errors).toBeUndefined();
      const id = res.data!.createOrganization.id;
      const [row] = await auditRowsFor(id);
      expect(row!.input.name).toBe('张三诊所 [ID number removed] 分部');
      expect(JSON.stringify(row!.input)).not.toContain(idNumber);
      const raw: Array<{ text: string }> = await t.db.dataSource.query(
        'SELECT input::text AS text FROM audit_trail WHERE $1 = ANY(ids)',
        [id],
      );
      expect(raw[0]!.text).not.toContain(idNumber);
      expect(raw[0]!.text).not.toContain('1949123');
    });

    it('leaves no row for a mutation refused after validation (a duplicate code)', async () => {
      await create(orgInput('AUDIT-DUP'));
      const before = await auditCount();
      const res = await create(orgInput('AUDIT-DUP'));
      expect(res.errors![0]!.extensions!.code).toBe('CONFLICT');
      expect(await auditCount()).toBe(before);
    });

    it('leaves no row for a read', async () => {
      const before = await auditCount();
      await t.gql(LIST, {}, agency());
      expect(await auditCount()).toBe(before);
    });

    it.each([
      ['UPDATE', `UPDATE audit_trail SET role = 'REPORTING'`],
      ['DELETE', 'DELETE FROM audit_trail'],
      ['TRUNCATE', 'TRUNCATE audit_trail'],
    ])('is refused %s by the database', async (_op, sql) => {
      await create(orgInput(`APPEND-${_op}`));
      const before = await auditCount();
      expect(before).toBeGreaterThan(0);
      await expect(t.db.dataSource.query(sql)).rejects.toThrow(/append-only/);
      expect(await auditCount()).toBe(before);
      const roles: Array<{ role: string }> = await t.db.dataSource.query(
        'SELECT DISTINCT role FROM audit_trail',
      );
      expect(roles).toEqual([{ role: 'AGENCY' }]);
    });
  });
});
