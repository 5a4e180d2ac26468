import { createLogger } from '../../src/shared/logger';
import { FixedClock } from '../../src/shared/clock';
import { createServices } from '../../src/services';
import type { InsuredPerson } from '../../src/domain/insured-person/insured-person.entity';
import { agency, startTestApp, type TestApp } from '../helpers/test-app';

/** Key rotation for PII_ENC_KEY (docs/security.md, "Key rotation"). */
describe('PII key rotation', () => {
  let t: TestApp;
  const keyA = Buffer.alloc(32, 0xab); // the test configuration's PII_ENC_KEY ('ab' × 32)
  const keyB = Buffer.alloc(32, 0x42);
  const hmac = Buffer.alloc(32, 0xcd);
  const actor = { user: agency(), requestId: 'rotation' };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const servicesWith = (piiEncKey: Buffer, piiEncKeysPrevious: Buffer[] = []) =>
    createServices({
      db: t.db.dataSource,
      clock: new FixedClock('2024-06-15'),
      logger: createLogger('silent'),
      config: { piiEncKey, piiHmacKey: hmac, piiEncKeysPrevious, idLookupsPerMinute: 60 },
    });
  const reveal = async (services: ReturnType<typeof servicesWith>, person: InsuredPerson) =>
    (
      await services.persons.revealIdNumbers({ user: agency(), requestId: 'rotation' }, [
        { person, operation: 'test' },
      ])
    )[0];
  const keyIds = async () =>
    (
      await t.db.dataSource.query<{ k: string; n: string }[]>(
        `SELECT id_number_key_id AS k, count(*) AS n FROM insured_person GROUP BY 1 ORDER BY 1`,
      )
    ).map((r) => [r.k, Number(r.n)]);

  it('reads rows of the previous key, writes new rows under the new key, and re-encrypts the old ones', async () => {
    const old = await servicesWith(keyA).persons.register(actor, {
      idNumber: '11010519491231002X',
      name: '旧钥',
      regionCode: '410302',
    });
    const rotated = servicesWith(keyB, [keyA]);
    expect(await reveal(rotated, old)).toBe('11010519491231002X');
    const fresh = await rotated.persons.register(actor, {
      idNumber: '440524188001010014',
      name: '新钥',
      regionCode: '410302',
    });
    expect(fresh.idNumberKeyId).not.toBe(old.idNumberKeyId);
    expect(await keyIds()).toHaveLength(2);
    // The look-up hash does not depend on the encryption key: the old row is still found by its number.
    expect(
      (
        await rotated.persons.byIdNumber(
          { user: agency(), requestId: 'rotation' },
          '11010519491231002X',
        )
      )?.id,
    ).toBe(old.id);

    // Without the previous key, the old row cannot be read.
    await expect(reveal(servicesWith(keyB), old)).rejects.toThrow(/No PII key/);

    expect(await rotated.persons.reencrypt(10)).toBe(1);
    expect(await rotated.persons.reencrypt(10)).toBe(0);
    expect(await keyIds()).toEqual([[fresh.idNumberKeyId, 2]]);
    const reread = (await t.db.dataSource
      .getRepository('InsuredPerson')
      .findOneBy({ id: old.id })) as InsuredPerson;
    expect(await reveal(servicesWith(keyB), reread)).toBe('11010519491231002X');
  });
});
