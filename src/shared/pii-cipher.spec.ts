import { randomBytes } from 'node:crypto';
import { PiiCipher } from './pii-cipher';

const key = (b: number) => Buffer.alloc(32, b);
const ID = '11010519491231002X';

describe('PiiCipher', () => {
  const cipher = new PiiCipher(key(1), key(2));

  it('round-trips, with a fresh IV each time and no plaintext in the blob', () => {
    const a = cipher.encrypt(ID, 'row-1');
    const b = cipher.encrypt(ID, 'row-1');
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain(ID);
    expect(cipher.decrypt(a, cipher.keyId, 'row-1')).toBe(ID);
  });

  it('refuses a blob moved to another row, an altered blob and an unknown key', () => {
    const blob = cipher.encrypt(ID, 'row-1');
    expect(() => cipher.decrypt(blob, cipher.keyId, 'row-2')).toThrow();
    const altered = Buffer.from(blob);
    altered[altered.length - 1]! ^= 1;
    expect(() => cipher.decrypt(altered, cipher.keyId, 'row-1')).toThrow();
    expect(() => cipher.decrypt(blob, 'feedfeedfeedfeed', 'row-1')).toThrow(/No PII key/);
  });

  it('reads rows of a previous key after a rotation and writes under the new one', () => {
    const old = new PiiCipher(key(1), key(2));
    const blob = old.encrypt(ID, 'row-1');
    const rotated = new PiiCipher(key(3), key(2), [key(1)]);
    expect(rotated.keyId).not.toBe(old.keyId);
    expect(rotated.decrypt(blob, old.keyId, 'row-1')).toBe(ID);
    expect(rotated.decrypt(rotated.encrypt(ID, 'r'), rotated.keyId, 'r')).toBe(ID);
  });

  it('hashes for look-up with the HMAC key only: same key same hash, other key other hash', () => {
    expect(cipher.lookupHash(ID).equals(new PiiCipher(key(9), key(2)).lookupHash(ID))).toBe(true);
    expect(cipher.lookupHash(ID).equals(new PiiCipher(key(1), key(4)).lookupHash(ID))).toBe(false);
    expect(cipher.lookupHash(ID)).toHaveLength(32);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new PiiCipher(randomBytes(16), key(2))).toThrow(RangeError);
  });
});
