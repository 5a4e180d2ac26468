import { agency, institution, startTestApp, type TestApp } from '../helpers/test-app';
import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import { capturedLogger, ID_NUMBER_OR_MASK, ok, probeOf, type Probe } from './data-probe';

/**
 * The mask gave the number back (rules.md §2): `410102********6827` beside `birthDate: "1988-05-16"` was the whole
 * number, and the audit trail kept the masked number. Replayed over HTTP against a server this test starts:
 * - an institution reading its patients (mask, birth date, sex, region) is left with about 45 candidates per person;
 * - no stored audit row, and nothing an agency reads from `auditTrail`, holds an ID number, masked or whole;
 * - no line the server logged while the probes ran holds one.
 */

/** ISO 7064 MOD 11-2, written here again so the count does not lean on the server's code. */
const checkOf = (body: string): string => {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(body[i]) * w[i]!;
  }
  return '10X98765432'[sum % 11]!;
};

/**
 * Every number consistent with what an institution sees of a person: the characters the mask shows, the birth date
 * (characters 7–14), the sex (parity of character 17), a valid check character. Hidden characters range over every
 * digit the other fields allow.
 */
const candidatesOf = (masked: string, birthDate: string, sex: 'MALE' | 'FEMALE'): string[] => {
  expect(masked).toHaveLength(18);
  const date = birthDate.replace(/-/g, '');
  const options: string[][] = [];
  for (let i = 0; i < 17; i++) {
    const shown = masked[i]!;
    let allowed = '0123456789'.split('');
    if (i >= 6 && i < 14) {
      allowed = [date[i - 6]!];
    }
    if (i === 16) {
      allowed = allowed.filter((d) => (Number(d) % 2 === 1) === (sex === 'MALE'));
    }
    options.push(shown === '*' ? allowed : allowed.includes(shown) ? [shown] : []);
  }
  let bodies = [''];
  for (const o of options) {
    bodies = bodies.flatMap((b) => o.map((d) => b + d));
  }
  return bodies
    .filter((b) => masked[17] === '*' || checkOf(b) === masked[17])
    .map((b) => b + (masked[17] === '*' ? checkOf(b) : masked[17]));
};

describe('security: the mask and the trail (rules.md §2)', () => {
  let t: TestApp;
  let probe: Probe;
  let w: ClaimWorld;
  let logged: string[] = [];
  /** The real numbers of the hospital's patients, by person id. */
  const numbers = new Map<string, string>();

  beforeAll(async () => {
    const captured = capturedLogger();
    logged = captured.lines;
    t = await startTestApp({ logger: captured.logger });
    probe = await probeOf(t);
    w = await claimWorld(t, 'PII');
    // Five patients of the hospital, registered over HTTP by the agency, each with a claim at the hospital.
    const births = ['19880516', '19491231', '20011102', '19700101', '19650707'];
    for (const [i, birth] of births.entries()) {
      const body = `410102${birth}${String(100 + i * 7).padStart(3, '0')}`;
      const idNumber = body + checkOf(body);
      const r = await probe.post<{ registerInsuredPerson: { id: string } }>(
        `mutation($i: RegisterInsuredPersonInput!) { registerInsuredPerson(input: $i) { id } }`,
        { i: { idNumber, name: `病人${i}`, regionCode: '410302' } },
        agency(['41']),
      );
      const id = ok(r).registerInsuredPerson.id;
      numbers.set(id, idNumber);
      ok(
        await probe.post(
          `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { id } }`,
          { i: claimInput(w, id, `PII-${i}`, '30000.00') },
          agency(['41']),
        ),
      );
    }
    // An organization whose name holds an ID number, and a special status: more rows in the trail.
    ok(
      await probe.post(
        `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
        {
          i: {
            code: 'PII-CLINIC',
            name: `诊所 ${[...numbers.values()][0]!} 分部`,
            kind: 'MEDICAL_INSTITUTION',
            regionCode: '410302',
          },
        },
        agency(['41']),
      ),
    );
  }, 120_000);
  afterAll(() => t.close());

  it('an institution reading its patients (mask, birth date, sex) is left with about 45 numbers per person, never one', async () => {
    const r = await probe.post<{
      claims: {
        nodes: {
          insuredPerson: {
            id: string;
            idNumber: string;
            birthDate: string;
            sex: 'MALE' | 'FEMALE';
            regionCode: string;
          };
        }[];
      };
    }>(
      `{ claims(first: 100) { nodes { insuredPerson { id idNumber birthDate sex regionCode } } } }`,
      {},
      institution(w.hospitalId, ['41']),
    );
    expect(r.status).toBe(200);
    const persons = ok(r).claims.nodes.map((n) => n.insuredPerson);
    expect(persons).toHaveLength(numbers.size);
    for (const p of persons) {
      expect(p.idNumber).toMatch(/^\d{6}\*{11}[\dX]$/);
      const candidates = candidatesOf(p.idNumber, p.birthDate, p.sex);
      expect(candidates).toContain(numbers.get(p.id));
      expect(candidates.length).toBeGreaterThanOrEqual(45);
    }
  });

  it('the institution’s look-up by ID number answers the same mask', async () => {
    const [id, idNumber] = [...numbers.entries()][1]!;
    const r = await probe.post<{
      insuredPersonByIdNumber: { id: string; idNumber: string } | null;
    }>(
      `query($n: String!) { insuredPersonByIdNumber(idNumber: $n) { id idNumber } }`,
      { n: idNumber },
      institution(w.hospitalId, ['41']),
    );
    expect(ok(r).insuredPersonByIdNumber).toEqual({
      id,
      idNumber: `${idNumber.slice(0, 6)}***********${idNumber.slice(-1)}`,
    });
  });

  it('no stored audit row holds an ID number, masked or whole, and each registration names its person by id', async () => {
    const rows = await t.db.dataSource.query<{ operation: string; ids: string[]; row: string }[]>(
      `SELECT operation, ids, row_to_json(a)::text AS row FROM audit_trail a ORDER BY id`,
    );
    expect(rows.filter((r) => r.operation === 'registerInsuredPerson')).toHaveLength(numbers.size);
    for (const r of rows) {
      expect(r.row).not.toMatch(ID_NUMBER_OR_MASK);
      for (const n of numbers.values()) {
        expect(r.row).not.toContain(n.slice(6, 14));
      }
      if (r.operation === 'registerInsuredPerson') {
        expect(JSON.parse(r.row).input).toMatchObject({ insuredPersonId: r.ids[0] });
      }
    }
  });

  it('an agency reading auditTrail over HTTP gets no ID number, masked or whole', async () => {
    const r = await probe.post<{ auditTrail: { nodes: { operation: string; input: string }[] } }>(
      `{ auditTrail(first: 100) { nodes { operation ids input regionCodes } } }`,
      {},
      agency(['41']),
    );
    const nodes = ok(r).auditTrail.nodes;
    expect(nodes.map((n) => n.operation)).toContain('registerInsuredPerson');
    expect(JSON.stringify(nodes)).not.toMatch(ID_NUMBER_OR_MASK);
  });

  it('no line the server logged holds an ID number, masked or whole', () => {
    expect(logged.length).toBeGreaterThan(numbers.size);
    for (const line of logged) {
      expect(line).not.toMatch(ID_NUMBER_OR_MASK);
    }
  });
});
