// A file encrypted at rest as it streams, with the field cipher (AES-256-GCM, associated data
// binding the organization, the file kind and each part's place), so a file of any size is never
// held in memory. Parts of about 64 KiB, each framed as [length, uint32 BE][field ciphertext];
// the last part is an empty one marked final, so a cut file fails instead of reading short.
// Audit exports are sealed with a key of their own, made for that export and kept nowhere but in
// its signed link: the stored file is unreadable without the link.
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { dataUnreadable, decryptField, encryptField, type FieldAddress } from './field-cipher.ts';

const PART_BYTES = 64 * 1024;
const KEY_VERSION = 1;
const MAX_FRAME_BYTES = PART_BYTES + 1024;

export const SEALED_FILE_KEY_BYTES = 32;

/** A fresh key for one file. */
export function newFileKey(): Buffer {
  return randomBytes(SEALED_FILE_KEY_BYTES);
}

const partAddress = (organizationId: string, kind: string, index: number, final: boolean): FieldAddress => ({
  organizationId, table: kind, column: final ? 'final' : 'part', rowId: String(index),
});

function frame(key: KeyObject, address: FieldAddress, plaintext: Uint8Array): Buffer {
  const sealed = encryptField(key, KEY_VERSION, address, plaintext);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(sealed.length, 0);
  return Buffer.concat([length, sealed]);
}

/** Encrypts chunks as they come, in parts, ending with the final mark. */
export async function* sealFile(rawKey: Uint8Array, file: { organizationId: string; kind: string }, chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<Buffer> {
  const key = createSecretKey(rawKey);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes < PART_BYTES) continue;
    let whole = Buffer.concat(pending);
    while (whole.length >= PART_BYTES) {
      yield frame(key, partAddress(file.organizationId, file.kind, index++, false), whole.subarray(0, PART_BYTES));
      whole = whole.subarray(PART_BYTES);
    }
    pending = [whole];
    pendingBytes = whole.length;
  }
  if (pendingBytes > 0) yield frame(key, partAddress(file.organizationId, file.kind, index++, false), Buffer.concat(pending));
  yield frame(key, partAddress(file.organizationId, file.kind, index, true), Buffer.alloc(0));
}

/**
 * The plaintext parts of a sealed file, in order. Throws DATA_UNREADABLE for a wrong key or an
 * altered, reordered or cut file (before any part of it is given out when the first part fails).
 */
export async function* openSealedFile(rawKey: Uint8Array, file: { organizationId: string; kind: string }, sealed: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const key = createSecretKey(rawKey);
  let buffered = Buffer.alloc(0);
  let index = 0;
  let finished = false;
  for await (const chunk of sealed) {
    buffered = buffered.length === 0 ? Buffer.from(chunk) : Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const length = buffered.readUInt32BE(0);
      if (length > MAX_FRAME_BYTES || finished) throw dataUnreadable();
      if (buffered.length < 4 + length) break;
      const sealedPart = buffered.subarray(4, 4 + length);
      buffered = buffered.subarray(4 + length);
      let part: Buffer;
      try {
        part = decryptField(key, partAddress(file.organizationId, file.kind, index, false), sealedPart);
      } catch (error) {
        decryptField(key, partAddress(file.organizationId, file.kind, index, true), sealedPart);
        if (buffered.length > 0) throw error;
        finished = true;
        continue;
      }
      index += 1;
      yield part;
    }
  }
  if (!finished || buffered.length > 0) throw dataUnreadable();
}

/** Storage folders whose files are sealed (`<folder>/<organization id>/<name>`), and the kind their parts are bound to. */
const SEALED_FOLDERS: Record<string, string> = { 'audit-exports': 'audit_export', 'credentialing-files': 'credentialing_file' };

/** The folder an organization's sealed files of a kind are stored in. */
export function sealedFolder(kind: 'audit_export' | 'credentialing_file', organizationId: string): string {
  const folder = Object.entries(SEALED_FOLDERS).find(([, k]) => k === kind)![0];
  return `${folder}/${organizationId}`;
}

/** What a stored file is sealed as, from its storage key, or null when it is stored as it is. */
export function sealedFileOf(storageKey: string): { organizationId: string; kind: string } | null {
  const [folder, organizationId] = storageKey.split('/');
  const kind = folder === undefined ? undefined : SEALED_FOLDERS[folder];
  return kind && organizationId ? { organizationId, kind } : null;
}
