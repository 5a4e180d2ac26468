import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A short, stable name for a key that does not reveal it: the first 8 bytes of HMAC(key, label), hex. */
const keyIdOf = (key: Buffer): string =>
  createHmac('sha256', key).update('jingban/pii-key-id/v1').digest('hex').slice(0, 16);

/**
 * Personal numbers at rest (rules.md §2; runtime.md `PII_ENC_KEY`, `PII_HMAC_KEY`):
 * - `encrypt`: AES-256-GCM with a random 96-bit IV; the stored blob is `iv ‖ tag ‖ ciphertext`, and the row's id is
 *   the additional authenticated data, so a blob copied onto another row does not decrypt. Each row also records the
 *   key's id (`keyId`), so that rows written under an earlier key stay readable after a rotation (give the earlier
 *   keys as `previousEncKeys`).
 * - `lookupHash`: HMAC-SHA256 under the separate look-up key, for an exact-match index that reveals nothing without
 *   the key (a plain hash of an 18-character ID would be brute-forced in minutes).
 */
export class PiiCipher {
  /** The id of the key new rows are written under. */
  readonly keyId: string;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(
    encKey: Buffer,
    private readonly hmacKey: Buffer,
    previousEncKeys: readonly Buffer[] = [],
  ) {
    for (const k of [encKey, hmacKey, ...previousEncKeys]) {
      if (k.length !== 32) {
        throw new RangeError('PII keys are 32 bytes');
      }
    }
    this.keyId = keyIdOf(encKey);
    this.keys = new Map([...previousEncKeys, encKey].map((k) => [keyIdOf(k), k]));
  }

  encrypt(plain: string, aad: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.keyId)!, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** @throws Error when the key is unknown or the blob was altered (GCM authentication fails). */
  decrypt(blob: Buffer, keyId: string, aad: string): string {
    const key = this.keys.get(keyId);
    if (!key) {
      throw new Error(`No PII key with id ${keyId} is configured`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }

  lookupHash(value: string): Buffer {
    return createHmac('sha256', this.hmacKey).update(value, 'utf8').digest();
  }
}
