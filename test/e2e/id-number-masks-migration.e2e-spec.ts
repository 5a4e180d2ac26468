import { randomBytes, randomUUID } from 'node:crypto';
import { IdNumberMasks1763800001600 } from '../../migrations/1763800001600-IdNumberMasks';
import type { Database } from '../../src/db/data-source';
import { openTestDatabase } from '../helpers/test-db';

/**
 * Migration IdNumberMasks on rows written before it (rules.md §2: the new mask; no ID number in the audit trail):
 * the rows are made as the earlier code wrote them, then the migration's `up` runs in a transaction of its own.
 */
describe('migration IdNumberMasks', () => {
  let db: Database;
  const personId = randomUUID();
  const orgId = randomUUID();
  let trail: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDatabase();
    const q = db.dataSource;
    // The schema and rows as they were: the earlier mask and its check constraint.
    await q.query(
      `ALTER TABLE insured_person DROP CONSTRAINT insured_person_id_number_masked_check`,
    );
    await q.query(
      `ALTER TABLE insured_person ADD CONSTRAINT insured_person_id_number_masked_check
       CHECK (id_number_masked ~ '^[0-9]{6}[*]{8}[0-9]{3}[0-9X]$')`,
    );
    await q.query(
      `INSERT INTO insured_person (id, id_number_hash, id_number_enc, id_number_key_id, id_number_masked, name, sex,
         birth_date, region_code)
       VALUES ($1, $2, $3, 'k1', '110105********002X', '张三', 'FEMALE', '1949-12-31', '410302')`,
      [personId, randomBytes(32), randomBytes(48)],
    );
    const insert = async (operation: string, ids: string[], input: unknown): Promise<string> =>
      (
        await q.query<{ id: string }[]>(
          `INSERT INTO audit_trail (user_sub, role, operation, ids, input, region_codes)
           VALUES ('old', 'AGENCY', $1, $2, $3::jsonb, '{410302}') RETURNING id::text AS id`,
          [operation, ids, JSON.stringify(input)],
        )
      )[0]!.id;
    trail = {
      register: await insert('registerInsuredPerson', [personId], {
        idNumber: '110105********002X',
        name: '张三',
        regionCode: '410302',
      }),
      org: await insert('createOrganization', [orgId], {
        code: 'C-1',
        name: '诊所 110105********002X 分部',
        notes: [{ who: '440524********0014' }, 42, '1999.50'],
      }),
      plain: await insert('createOrganization', [randomUUID()], { code: 'C-2', name: '医院' }),
    };
    const runner = q.createQueryRunner();
    await runner.startTransaction();
    try {
      await new IdNumberMasks1763800001600().up(runner);
      await runner.commitTransaction();
    } catch (e) {
      await runner.rollbackTransaction();
      throw e;
    } finally {
      await runner.release();
    }
  }, 60_000);
  afterAll(() => db.close());

  const inputOf = async (id: string): Promise<unknown> =>
    (
      await db.dataSource.query<{ input: unknown }[]>(
        `SELECT input FROM audit_trail WHERE id = $1::bigint`,
        [id],
      )
    )[0]!.input;

  it('rewrites the stored mask to the first 6 characters and the check character', async () => {
    const [p] = await db.dataSource.query<{ m: string }[]>(
      `SELECT id_number_masked AS m FROM insured_person WHERE id = $1`,
      [personId],
    );
    expect(p!.m).toBe('110105***********X');
  });

  it('names the registered person by id instead of the masked number', async () => {
    expect(await inputOf(trail.register!)).toEqual({
      insuredPersonId: personId,
      name: '张三',
      regionCode: '410302',
    });
  });

  it('removes masks anywhere else in the input, leaving the rest as it was', async () => {
    expect(await inputOf(trail.org!)).toEqual({
      code: 'C-1',
      name: '诊所 [ID number removed] 分部',
      notes: [{ who: '[ID number removed]' }, 42, '1999.50'],
    });
    expect(await inputOf(trail.plain!)).toEqual({ code: 'C-2', name: '医院' });
    const [left] = await db.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM audit_trail WHERE row_to_json(audit_trail)::text ~ '[0-9]{6}[*]{4,}|[0-9]{17}[0-9Xx]'`,
    );
    expect(Number(left!.n)).toBe(0);
  });

  it('leaves the audit trail append-only again, and the new mask the only one the column takes', async () => {
    await expect(
      db.dataSource.query(`UPDATE audit_trail SET operation = 'x' WHERE id = $1::bigint`, [
        trail.plain,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.dataSource.query(
        `UPDATE insured_person SET id_number_masked = '110105********002X' WHERE id = $1`,
        [personId],
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
