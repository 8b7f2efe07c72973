// A backup file sealed with AES-256-GCM: compressed, then encrypted under a fresh data key that the
// backup key provider wraps (a KMS would implement the same KeyProvider). Layout:
//   "CREDENCE-SEALED-1\n" · ciphertext · header (JSON) · body tag · header tag · header length (4 bytes, BE)
// The header comes last because a base backup's facts (where it stopped) are known only once it
// has been read; written in one pass.
// The header says what the file is (kind, name and the facts a listing needs) and is bound to the
// ciphertext as associated data, as the wrapped key is bound to the kind and name: a file edited,
// truncated, renamed into another's place or given another's header refuses to open. Listing
// reads headers without the key; only opening proves them.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { AppError } from '../errors.ts';
import type { KeyProvider } from '../field-encryption/key-provider.ts';

const MAGIC = Buffer.from('CREDENCE-SEALED-1\n');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_HEADER_BYTES = 64 * 1024;

export type SealedKind = 'base' | 'wal';

export interface SealedHeader<Facts = Record<string, unknown>> {
  kind: SealedKind;
  name: string;
  sealedAt: string;
  kekId: string;
  wrappedKey: string;
  iv: string;
  facts: Facts;
}

/** A sealed file that does not open: tampered with, truncated, not a sealed file, or under an unknown key. */
export const sealedFileRefused = (path: string, reason: string) => new AppError('DATA_UNREADABLE', `The backup file ${path} refuses to open: ${reason}`, { path });

const keyContext = (kind: SealedKind, name: string) => `credence-backup-v1\0${kind}\0${name}`;

/**
 * Seals what `source` yields into `path` (written beside it, then renamed: a crash never leaves a
 * half-sealed file under the final name).
 */
export async function sealToFile<Facts>(keys: KeyProvider, path: string, kind: SealedKind, name: string, source: Readable | AsyncIterable<Buffer>, facts: () => Facts | Promise<Facts>): Promise<SealedHeader<Facts>> {
  const dataKey = randomBytes(32);
  const iv = randomBytes(IV_BYTES);
  const wrapped = await keys.wrap(dataKey, keyContext(kind, name));
  const partial = `${path}.partial`;
  try {
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    cipher.setAAD(Buffer.concat([MAGIC, Buffer.from(keyContext(kind, name))]));
    const out = createWriteStream(partial, { mode: 0o600 });
    out.write(MAGIC);
    // The fastest level: a base backup is CPU-bound on compression, and level 1 already shrinks
    // pages and empty WAL segments most of what higher levels would.
    await pipeline(source, createGzip({ level: 1 }), cipher, out, { end: false });
    const header: SealedHeader<Facts> = {
      kind, name, sealedAt: new Date().toISOString(), kekId: wrapped.kekId, wrappedKey: wrapped.wrapped.toString('base64'), iv: iv.toString('base64'), facts: await facts(),
    };
    const headerBytes = Buffer.from(JSON.stringify(header));
    const bodyTag = cipher.getAuthTag();
    const length = Buffer.alloc(4);
    length.writeUInt32BE(headerBytes.length);
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(Buffer.concat([headerBytes, bodyTag, headerMac(dataKey, iv, headerBytes, bodyTag), length]), () => resolve());
    });
    const written = await open(partial, 'r+');
    try {
      await written.sync();
    } finally {
      await written.close();
    }
    await rename(partial, path);
    // The rename itself durable too: the spooled WAL is deleted once this returns.
    const directory = await open(dirname(path), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
    return header;
  } finally {
    await rm(partial, { force: true });
  }
}

/** The header's tag: GCM over no plaintext, the header and the body's tag as associated data. */
function headerMac(dataKey: Buffer, iv: Buffer, headerBytes: Buffer, bodyTag: Buffer): Buffer {
  const mac = createCipheriv('aes-256-gcm', dataKey, headerIv(iv));
  mac.setAAD(Buffer.concat([Buffer.from('credence-backup-header-v1\0'), headerBytes, bodyTag]));
  mac.final();
  return mac.getAuthTag();
}

/** A nonce distinct from the body's (its last byte flipped), under the same single-use data key. */
function headerIv(iv: Buffer): Buffer {
  const copy = Buffer.from(iv);
  copy[IV_BYTES - 1] = copy[IV_BYTES - 1]! ^ 0xff;
  return copy;
}

/** Reads a sealed file's header, unverified (listings); `openSealedFile` verifies it. */
export async function readSealedHeader<Facts = Record<string, unknown>>(path: string): Promise<{ header: SealedHeader<Facts>; headerBytes: Buffer; tags: Buffer; bodyEnd: number }> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const magic = Buffer.alloc(MAGIC.length);
    await file.read(magic, 0, magic.length, 0);
    if (size < MAGIC.length + 2 * TAG_BYTES + 4 || !magic.equals(MAGIC)) throw sealedFileRefused(path, 'it is not a sealed Credence backup file');
    const lengthBytes = Buffer.alloc(4);
    await file.read(lengthBytes, 0, 4, size - 4);
    const length = lengthBytes.readUInt32BE();
    const bodyEnd = size - 4 - 2 * TAG_BYTES - length;
    if (length > MAX_HEADER_BYTES || bodyEnd < MAGIC.length) throw sealedFileRefused(path, 'its header is damaged');
    const trailer = Buffer.alloc(length + 2 * TAG_BYTES);
    await file.read(trailer, 0, trailer.length, bodyEnd);
    const headerBytes = trailer.subarray(0, length);
    let header: SealedHeader<Facts>;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as SealedHeader<Facts>;
    } catch {
      throw sealedFileRefused(path, 'its header is damaged');
    }
    return { header, headerBytes, tags: trailer.subarray(length), bodyEnd };
  } finally {
    await file.close();
  }
}

/**
 * Decrypts a sealed file into `destination`, checking it is the `kind` and `name` expected. The
 * header is verified before any byte is written; the body's tag only at its end, so a caller
 * writes into a place it discards when this rejects (restores unpack into a fresh directory).
 */
export async function openSealedFile(keys: KeyProvider, path: string, expected: { kind: SealedKind; name?: string }, destination: Writable): Promise<SealedHeader> {
  const { header, headerBytes, tags, bodyEnd } = await readSealedHeader(path);
  if (header.kind !== expected.kind || (expected.name !== undefined && header.name !== expected.name)) {
    throw sealedFileRefused(path, `it holds ${header.kind} ${header.name}, not the ${expected.kind} ${expected.name ?? 'backup'} expected`);
  }
  let dataKey: Buffer;
  try {
    dataKey = await keys.unwrap({ kekId: header.kekId, wrapped: Buffer.from(header.wrappedKey, 'base64') }, keyContext(header.kind, header.name));
  } catch (error) {
    throw sealedFileRefused(path, error instanceof Error && /not in the keyring/.test(error.message) ? `its backup key ${header.kekId} is not in the backup keyring` : 'its key does not unwrap (tampered with, or another backup key)');
  }
  const iv = Buffer.from(header.iv, 'base64');
  const bodyTag = tags.subarray(0, TAG_BYTES);
  if (!headerMac(dataKey, iv, headerBytes, bodyTag).equals(tags.subarray(TAG_BYTES))) throw sealedFileRefused(path, 'its header was altered');
  const decipher = createDecipheriv('aes-256-gcm', dataKey, iv);
  decipher.setAAD(Buffer.concat([MAGIC, Buffer.from(keyContext(header.kind, header.name))]));
  decipher.setAuthTag(bodyTag);
  try {
    await pipeline(createReadStream(path, { start: MAGIC.length, end: bodyEnd - 1 }), decipher, createGunzip(), destination);
  } catch {
    throw sealedFileRefused(path, 'its contents were altered or truncated');
  }
  return header;
}

/** The bytes of a small sealed file (a WAL segment), verified. */
export async function openSealedFileToBuffer(keys: KeyProvider, path: string, expected: { kind: SealedKind; name?: string }): Promise<{ header: SealedHeader; contents: Buffer }> {
  const chunks: Buffer[] = [];
  const collect = new Writable({ write(chunk: Buffer, _encoding, done) { chunks.push(chunk); done(); } });
  const header = await openSealedFile(keys, path, expected, collect);
  return { header, contents: Buffer.concat(chunks) };
}
