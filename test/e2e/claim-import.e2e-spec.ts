import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importClaims } from '../../src/cli/claim-import';
import { claimInput, claimWorld, type ClaimWorld } from '../helpers/claim-fixtures';
import { agency, startTestApp, type TestApp } from '../helpers/test-app';

/**
 * `npm run import:claims` (docs/guides/integrators.md, "The import file"), through `importClaims` as the CLI calls it.
 */
describe('claim import', () => {
  let t: TestApp;
  let w: ClaimWorld;
  let dir: string;
  const actor = { user: agency(), requestId: 'import-test' };
  const run = (file: string) => importClaims(t.app.services.claims, actor, file);
  const count = async (table: string) =>
    Number(
      (await t.db.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]!.n,
    );
  const report = (file: string) =>
    readFileSync(`${file}.errors.ndjson`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      // Format errors are written as read, service refusals when their batch is submitted: order by line to compare.
      .sort((a, b) => Number(a.line) - Number(b.line));

  beforeAll(async () => {
    t = await startTestApp();
    w = await claimWorld(t, 'IMP');
    dir = mkdtempSync(path.join(tmpdir(), 'jingban-import-'));
  });
  afterAll(() => t.close());

  it('imports NDJSON, reports refused lines beside the file, and is safe to run twice', async () => {
    const p1 = await w.person();
    const p2 = await w.person();
    const lines = [
      JSON.stringify(claimInput(w, p1, 'N-1', '50000.00')),
      '',
      JSON.stringify(claimInput(w, p1, 'N-2', '-5.00')),
      '{ not json',
      JSON.stringify({ ...claimInput(w, p2, 'N-3', '20000.00'), totalCost: 21000 }),
      JSON.stringify(claimInput(w, p2, 'N-4', '150000.00')),
      JSON.stringify({ ...claimInput(w, p2, 'N-5', '10.00'), colour: 'red' }),
    ];
    const file = path.join(dir, 'march.ndjson');
    writeFileSync(file, `\uFEFF${lines.join('\n')}\n`);
    const first = await run(file);
    expect(first).toMatchObject({ lines: 6, stored: 2, alreadyPresent: 0, rejected: 0, errors: 4 });
    expect(report(file)).toEqual([
      expect.objectContaining({
        line: 3,
        settlementNumber: 'N-2',
        code: 'BAD_USER_INPUT',
        field: 'totalCost',
      }),
      expect.objectContaining({ line: 4, code: 'BAD_USER_INPUT', field: null }),
      expect.objectContaining({ line: 5, settlementNumber: 'N-3', field: 'totalCost' }),
      expect.objectContaining({ line: 7, field: 'colour' }),
    ]);
    const claims = await count('claim');
    const entries = await count('ledger_entry');

    const second = await run(file);
    expect(second).toMatchObject({ lines: 6, stored: 0, alreadyPresent: 2, errors: 4 });
    expect(await count('claim')).toBe(claims);
    expect(await count('ledger_entry')).toBe(entries);

    const r = await t.gql<{ insuredPerson: { accumulator: { benefitTotal: string } } }>(
      `query($id: ID!) { insuredPerson(id: $id) { accumulator(year: 2024) { benefitTotal } } }`,
      { id: p2 },
      agency(),
    );
    expect(r.data!.insuredPerson.accumulator.benefitTotal).toBe('88400.00');
  });

  it('imports CSV with a header row of field names, in UTF-8 with a BOM, and reports a changed line as a conflict', async () => {
    const p = await w.person();
    const fields = Object.keys(claimInput(w, p, 'x', '1.00'));
    const row = (sn: string, eligible: string) => {
      const input = claimInput(w, p, sn, eligible) as Record<string, string>;
      return fields.map((f) => input[f]).join(',');
    };
    const file = path.join(dir, 'april.csv');
    writeFileSync(
      file,
      `\uFEFF${fields.join(',')}\n${row('C-1', '8000.00')}\n${row('C-2', '20000.00')}\n`,
    );
    expect(await run(file)).toMatchObject({ lines: 2, stored: 2, errors: 0, errorReport: null });
    expect(existsSync(`${file}.errors.ndjson`)).toBe(false);

    writeFileSync(
      file,
      `${fields.join(',')}\n${row('C-1', '8000.00')}\n${row('C-2', '20000.01')}\n`,
    );
    const again = await run(file);
    expect(again).toMatchObject({ lines: 2, stored: 0, alreadyPresent: 1, errors: 1 });
    expect(report(file)).toEqual([
      expect.objectContaining({
        line: 3,
        settlementNumber: 'C-2',
        code: 'CONFLICT',
        field: 'settlementNumber',
      }),
    ]);
  });

  it('stores a line of an undesignated institution as REJECTED and counts it', async () => {
    const p = await w.person();
    const other = await t.gql<{ createOrganization: { id: string } }>(
      `mutation { createOrganization(input: { code: "IMP-NODD", name: "未定点", kind: MEDICAL_INSTITUTION, regionCode: "410300" }) { id } }`,
      {},
      agency(),
    );
    const file = path.join(dir, 'may.ndjson');
    writeFileSync(
      file,
      `${JSON.stringify(claimInput(w, p, 'R-1', '30000.00', { institutionId: other.data!.createOrganization.id }))}\n`,
    );
    expect(await run(file)).toMatchObject({ lines: 1, stored: 1, rejected: 1, errors: 0 });
  });
});
