// Key-encryption keys (KEKs): they wrap the per-organization data keys and are kept apart from the
// database. `KeyProvider` is what a cloud KMS would implement; the local keyring is the default:
// a JSON file created on first start with owner-only permissions, or keys from the environment.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WrappedKey {
  /** The KEK that wrapped it. */
  kekId: string;
  wrapped: Buffer;
}

export interface KeyProvider {
  /** The KEK new data keys are wrapped with. */
  readonly currentKekId: string;
  /** Wraps a data key; `context` is bound to it (associated data), so a wrapped key cannot be moved. */
  wrap(dataKey: Uint8Array, context: string): Promise<WrappedKey>;
  unwrap(key: WrappedKey, context: string): Promise<Buffer>;
  /**
   * Makes a new KEK current, the older ones still unwrapping; answers its id. Only a provider that
   * holds its own keys can (the keyring file); keys from the environment are put first by the
   * operator, and a KMS rotates on its own schedule.
   */
  addKeyEncryptionKey?(): Promise<string>;
}

interface KeyringEntry {
  id: string;
  key: Buffer;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A KEK's id: a fingerprint of the key, so that the same key always has the same id. */
export function kekIdOf(key: Uint8Array): string {
  return `local:${createHash('sha256').update('credence-kek-id\0').update(key).digest('base64url').slice(0, 16)}`;
}

/** A keyring held in memory: the first key wraps, every key unwraps. */
export function localKeyProvider(keys: readonly Uint8Array[]): KeyProvider {
  if (keys.length === 0) throw new Error('The keyring holds no key-encryption key');
  const entries: KeyringEntry[] = keys.map((key) => {
    if (key.length !== KEY_BYTES) throw new Error(`A key-encryption key must be ${KEY_BYTES} bytes`);
    return { id: kekIdOf(key), key: Buffer.from(key) };
  });
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const current = entries[0]!;
  return {
    currentKekId: current.id,
    async wrap(dataKey, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(`credence-wrap-v1\0${current.id}\0${context}`));
      const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
      return { kekId: current.id, wrapped: Buffer.concat([iv, body, cipher.getAuthTag()]) };
    },
    async unwrap({ kekId, wrapped }, context) {
      const entry = byId.get(kekId);
      if (!entry) throw new Error(`Key-encryption key ${kekId} is not in the keyring: restore it, or the data keys it wraps cannot be read`);
      const decipher = createDecipheriv('aes-256-gcm', entry.key, wrapped.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(`credence-wrap-v1\0${kekId}\0${context}`));
      decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
      return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES)), decipher.final()]);
    },
  };
}

interface KeyringFile {
  format: 'credence-keyring-v1';
  /** Newest first. */
  keys: { key: string; createdAt?: string }[];
}

/**
 * Reads the keyring file, creating it with one new key (mode 0600) when it does not exist.
 * A file readable by others is refused: the KEK must stay with the service that runs.
 */
export function readOrCreateKeyringFile(path: string): Buffer[] {
  return readKeyringEntries(path).map((entry) => Buffer.from(entry.key, 'base64'));
}

function readKeyringEntries(path: string): KeyringFile['keys'] {
  if (!existsSync(path)) writeKeyring(path, [{ key: randomBytes(KEY_BYTES).toString('base64'), createdAt: new Date().toISOString() }]);
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) throw new Error(`The keyring ${path} is readable by other users (mode ${mode.toString(8)}): run chmod 600 on it`);
  let parsed: KeyringFile;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as KeyringFile;
  } catch {
    throw new Error(`The keyring ${path} is not valid JSON: restore it from your key backup`);
  }
  if (parsed.format !== 'credence-keyring-v1' || !Array.isArray(parsed.keys) || parsed.keys.length === 0) {
    throw new Error(`The keyring ${path} is not a Credence keyring (format credence-keyring-v1 with at least one key)`);
  }
  return parsed.keys;
}

/** Puts a new key first in the keyring file: it wraps from now on; the older ones still unwrap. */
export function addKeyToKeyringFile(path: string): string {
  const entries = readKeyringEntries(path);
  const key = randomBytes(KEY_BYTES);
  writeKeyring(path, [{ key: key.toString('base64'), createdAt: new Date().toISOString() }, ...entries]);
  return kekIdOf(key);
}

function writeKeyring(path: string, keys: KeyringFile['keys']): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const file: KeyringFile = { format: 'credence-keyring-v1', keys };
  // Written beside it, then renamed: a crash never leaves half a keyring.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(file, null, 2), { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/**
 * The keyring file as a key provider, read again whenever the file was replaced: every process
 * that shares it (the subgraphs, the worker) follows a KEK rotation made by another without a
 * restart, unwrapping the data keys re-wrapped under the new key and wrapping new ones with it.
 */
export function keyringFileProvider(path: string): KeyProvider {
  let loaded: { version: string; provider: KeyProvider } | null = null;
  const fileVersion = () => {
    const stat = statSync(path);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  };
  const current = (): KeyProvider => {
    // Gone while running (moved, a disk unmounted): the keys read are kept; a new keyring made
    // now would wrap new data keys under a key no other process holds.
    if (loaded && !existsSync(path)) return loaded.provider;
    if (!loaded) readOrCreateKeyringFile(path);
    const version = fileVersion();
    if (loaded?.version !== version) loaded = { version, provider: localKeyProvider(readOrCreateKeyringFile(path)) };
    return loaded.provider;
  };
  current();
  return {
    get currentKekId() {
      return current().currentKekId;
    },
    wrap: (dataKey, context) => current().wrap(dataKey, context),
    unwrap: (key, context) => current().unwrap(key, context),
    async addKeyEncryptionKey() {
      const kekId = addKeyToKeyringFile(path);
      current();
      return kekId;
    },
  };
}

/** The key provider a service's configuration names: keys from the environment, else the keyring file. */
export function keyProviderFromConfig(config: { keys: Uint8Array[]; keyringFile: string | null }): KeyProvider {
  return config.keys.length > 0 ? localKeyProvider(config.keys) : keyringFileProvider(config.keyringFile!);
}
