// AES-256-GCM for one field of one row. A ciphertext is versioned, so keys can rotate:
//   [format 0x01][data key version, uint32 BE][IV, 12 random bytes][ciphertext][tag, 16 bytes]
// and its associated data binds it to its organization, table, column and row (and to the
// header): moved to another row, column or organization, or altered by one bit, it fails.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, type KeyObject } from 'node:crypto';
import { AppError } from '../errors.ts';

/** Where a value lives: what its ciphertext is bound to. */
export interface FieldAddress {
  organizationId: string;
  table: string;
  column: string;
  rowId: string;
}

const FORMAT = 0x01;
const HEADER_BYTES = 5;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const dataUnreadable = () => new AppError('DATA_UNREADABLE', 'Protected data could not be decrypted; it has been reported');

function associatedData(header: Buffer, field: FieldAddress): Buffer {
  return Buffer.concat([header, Buffer.from(`\0${field.organizationId}\0${field.table}\0${field.column}\0${field.rowId}`)]);
}

/** Keys are KeyObjects: OpenSSL then keeps the prepared key, which makes each field several times cheaper. */
export function encryptField(key: KeyObject, keyVersion: number, field: FieldAddress, plaintext: Uint8Array): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt8(FORMAT, 0);
  header.writeUInt32BE(keyVersion, 1);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(header, field));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, body, cipher.getAuthTag()]);
}

/** The data key version a ciphertext was made with, or null when it is not one of ours. */
export function keyVersionOf(ciphertext: Uint8Array): number | null {
  if (ciphertext.length < HEADER_BYTES + IV_BYTES + TAG_BYTES || ciphertext[0] !== FORMAT) return null;
  return Buffer.from(ciphertext.buffer, ciphertext.byteOffset, ciphertext.length).readUInt32BE(1);
}

/** Decrypts, or throws DATA_UNREADABLE: a wrong key, a moved or altered ciphertext all fail the tag. */
export function decryptField(key: KeyObject, field: FieldAddress, ciphertext: Uint8Array): Buffer {
  const data = Buffer.from(ciphertext.buffer, ciphertext.byteOffset, ciphertext.length);
  if (keyVersionOf(data) === null) throw dataUnreadable();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES));
    decipher.setAAD(associatedData(data.subarray(0, HEADER_BYTES), field));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(HEADER_BYTES + IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw dataUnreadable();
  }
}

/**
 * A keyed blind index: HMAC-SHA256 of the normalized value under the organization's index key,
 * separated by table and column. Equal values give equal indexes inside one organization and
 * column only; without the key, the index says nothing about the value.
 */
export function blindIndex(indexKey: KeyObject, field: Pick<FieldAddress, 'table' | 'column'>, normalizedValue: string): Buffer {
  return createHmac('sha256', indexKey).update(`credence-blind-index-v1\0${field.table}\0${field.column}\0`).update(normalizedValue, 'utf8').digest();
}
