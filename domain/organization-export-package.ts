// The sealed package of an organization's data export (exportOrganizationData), a documented
// format that its owner opens offline (`npm run export:open`) with node alone.
//
//   line 1: "CREDENCE-EXPORT-1"
//   line 2: the header, JSON: { format, recipient, ephemeralPublicKey, iv, wrappedKey? } (binary
//           fields base64)
//   then:   AES-256-GCM ciphertext of the package's contents, its 16-byte tag last.
//
// The contents are encrypted to an X25519 public key: an ephemeral key pair's shared secret with
// the recipient's key, through HKDF-SHA256 (salt: both public keys; info: the format), is the
// AES key; the header bytes are the additional data, so a changed header fails like a changed
// byte of ciphertext. The recipient's key is either the owner's own (an X25519 public key they
// give) or, for a passphrase, a key pair made for that one export whose private key is wrapped
// under the passphrase (scrypt, then AES-256-GCM) and carried in the header: whoever encrypts
// (the worker) is given the public key only, and the passphrase never leaves the request that
// wraps the key.
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, scryptSync, type KeyObject } from 'node:crypto';

export const EXPORT_MAGIC = 'CREDENCE-EXPORT-1';
const FORMAT = 'credence-export-v1';
const TAG_BYTES = 16;
/** scrypt's cost for a passphrase: about 100 ms and 32 MiB on a server. */
export const PASSPHRASE_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
export const MIN_PASSPHRASE_LENGTH = 12;

/** The private key of a passphrase export, wrapped under the passphrase. */
export interface WrappedPrivateKey {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  /** AES-256-GCM of the PKCS#8 DER private key, its tag last. */
  ciphertext: string;
}

interface Header {
  format: typeof FORMAT;
  /** The recipient's X25519 public key, raw, base64. */
  recipient: string;
  ephemeralPublicKey: string;
  iv: string;
  wrappedKey?: WrappedPrivateKey;
}

export class ExportPackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportPackageError';
  }
}

const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

/** An X25519 public key from its raw 32 bytes in base64 (as the owner gives it); throws ExportPackageError otherwise. */
export function x25519PublicKey(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== base64.replace(/\s/g, '')) throw new ExportPackageError('the public key must be an X25519 key: 32 bytes in base64');
  return createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

function rawPublicKey(key: KeyObject): Buffer {
  return (key.export({ format: 'der', type: 'spki' }) as Buffer).subarray(X25519_SPKI_PREFIX.length);
}

function passphraseKey(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...cost, maxmem: 128 * cost.N * cost.r * 2 });
}

/** A key pair for one passphrase export: its public key (raw, base64) for the worker, its private key wrapped under the passphrase. */
export function passphraseKeyPair(passphrase: string): { publicKey: string; wrappedKey: WrappedPrivateKey } {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new ExportPackageError(`the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', passphraseKey(passphrase, salt, PASSPHRASE_SCRYPT), iv);
  const ciphertext = Buffer.concat([cipher.update(privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer), cipher.final(), cipher.getAuthTag()]);
  return {
    publicKey: rawPublicKey(publicKey).toString('base64'),
    wrappedKey: { kdf: 'scrypt', ...PASSPHRASE_SCRYPT, salt: salt.toString('base64'), iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64') },
  };
}

/** The private key a passphrase unwraps; ExportPackageError for a wrong passphrase or a changed key. */
export function unwrapPrivateKey(wrapped: WrappedPrivateKey, passphrase: string): KeyObject {
  if (wrapped.kdf !== 'scrypt' || ![wrapped.N, wrapped.r, wrapped.p].every(Number.isSafeInteger) || wrapped.N > 2 ** 20 || wrapped.r > 16 || wrapped.p > 4) {
    throw new ExportPackageError('the wrapped key is not one this format describes');
  }
  const sealed = Buffer.from(wrapped.ciphertext, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', passphraseKey(passphrase, Buffer.from(wrapped.salt, 'base64'), wrapped), Buffer.from(wrapped.iv, 'base64'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const der = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw new ExportPackageError('the passphrase does not open this export');
  }
}

function contentKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), FORMAT, 32));
}

/** The preamble of a package sealed to the recipient, and the cipher its contents go through. */
function sealer(recipientPublicKey: string, wrappedKey?: WrappedPrivateKey) {
  const recipient = x25519PublicKey(recipientPublicKey);
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = rawPublicKey(ephemeral.publicKey);
  const recipientRaw = rawPublicKey(recipient);
  const iv = randomBytes(12);
  const header: Header = { format: FORMAT, recipient: recipientRaw.toString('base64'), ephemeralPublicKey: ephemeralRaw.toString('base64'), iv: iv.toString('base64'), ...(wrappedKey ? { wrappedKey } : {}) };
  const preamble = Buffer.from(`${EXPORT_MAGIC}\n${JSON.stringify(header)}\n`);
  const cipher = createCipheriv('aes-256-gcm', contentKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), ephemeralRaw, recipientRaw), iv);
  cipher.setAAD(preamble);
  return { preamble, cipher };
}

/** Seals the contents to the recipient's X25519 public key (raw, base64), with the passphrase's wrapped key in the header when there is one. */
export function sealExportPackage(contents: Uint8Array, recipientPublicKey: string, wrappedKey?: WrappedPrivateKey): Buffer {
  const { preamble, cipher } = sealer(recipientPublicKey, wrappedKey);
  return Buffer.concat([preamble, cipher.update(contents), cipher.final(), cipher.getAuthTag()]);
}

/**
 * The same package, sealed as its contents arrive (the same bytes as sealExportPackage would
 * make of them all at once): the preamble, the ciphertext of each chunk, then the tag. What
 * writes a large export to storage without holding it in memory.
 */
export async function* sealExportPackageStream(contents: AsyncIterable<string | Uint8Array>, recipientPublicKey: string, wrappedKey?: WrappedPrivateKey): AsyncGenerator<Buffer> {
  const { preamble, cipher } = sealer(recipientPublicKey, wrappedKey);
  yield preamble;
  for await (const chunk of contents) {
    const sealed = cipher.update(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (sealed.length > 0) yield sealed;
  }
  yield Buffer.concat([cipher.final(), cipher.getAuthTag()]);
}

function parse(sealed: Buffer): { header: Header; preamble: Buffer; body: Buffer } {
  const first = sealed.indexOf(0x0a);
  const second = first < 0 ? -1 : sealed.indexOf(0x0a, first + 1);
  if (first < 0 || second < 0 || sealed.subarray(0, first).toString() !== EXPORT_MAGIC) throw new ExportPackageError(`not a Credence export package (${EXPORT_MAGIC})`);
  let header: Header;
  try {
    header = JSON.parse(sealed.subarray(first + 1, second).toString()) as Header;
  } catch {
    throw new ExportPackageError('the package header is not JSON');
  }
  if (header.format !== FORMAT || typeof header.recipient !== 'string' || typeof header.ephemeralPublicKey !== 'string' || typeof header.iv !== 'string') {
    throw new ExportPackageError('the package header is not one this format describes');
  }
  const body = sealed.subarray(second + 1);
  if (body.length < TAG_BYTES) throw new ExportPackageError('the package is cut short');
  return { header, preamble: sealed.subarray(0, second + 1), body };
}

/** The contents, opened with the recipient's private key; ExportPackageError for any other key or any change. */
export function openExportPackage(sealed: Buffer, privateKey: KeyObject): Buffer {
  const { header, preamble, body } = parse(sealed);
  const ephemeralRaw = Buffer.from(header.ephemeralPublicKey, 'base64');
  const recipientRaw = rawPublicKey(createPublicKey(privateKey));
  try {
    const shared = diffieHellman({ privateKey, publicKey: x25519PublicKey(header.ephemeralPublicKey) });
    const decipher = createDecipheriv('aes-256-gcm', contentKey(shared, ephemeralRaw, recipientRaw), Buffer.from(header.iv, 'base64'));
    decipher.setAAD(preamble);
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new ExportPackageError('this key does not open the package, or the package was changed');
  }
}

/** The contents of a passphrase export, opened with its passphrase. */
export function openExportPackageWithPassphrase(sealed: Buffer, passphrase: string): Buffer {
  const { header } = parse(sealed);
  if (!header.wrappedKey) throw new ExportPackageError('this package was sealed to a public key: open it with its private key');
  return openExportPackage(sealed, unwrapPrivateKey(header.wrappedKey, passphrase));
}
