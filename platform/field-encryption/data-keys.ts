// Envelope encryption: each organization has its own data keys (for fields) and blind-index key,
// stored in keys.data_keys only wrapped by a key-encryption key from the key provider. Unwrapped
// keys are cached in the process, but every unit of work first reads which versions exist, so a
// new version or a destroyed key (crypto-shredding) is seen at once by every process.
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { LockMode, sql } from '@mikro-orm/postgresql';
import type { EntityManager } from '../database/orm.ts';
import { DataKey } from './entities/data-key.entity.ts';
import { blindIndex, dataUnreadable, decryptField, encryptField, keyVersionOf, type FieldAddress } from './field-cipher.ts';
import type { KeyProvider } from './key-provider.ts';

type KeyPurpose = 'data' | 'index';
export type FieldName = Omit<FieldAddress, 'organizationId'>;

/** One organization's keys, for one unit of work. */
export interface OrganizationKeys {
  readonly organizationId: string;
  /** The data key version new ciphertexts are made with. */
  readonly currentVersion: number;
  encrypt(field: FieldName, plaintext: string | Uint8Array): Buffer;
  decrypt(field: FieldName, ciphertext: Uint8Array): Buffer;
  decryptText(field: FieldName, ciphertext: Uint8Array): string;
  blindIndex(field: Pick<FieldName, 'table' | 'column'>, normalizedValue: string): Buffer;
}

export interface FieldEncryption {
  readonly keyProvider: KeyProvider;
  /** The organization's keys, created on first use. Throws DATA_UNREADABLE once they were destroyed. */
  forOrganization(em: EntityManager, organizationId: string): Promise<OrganizationKeys>;
  /** Starts a new data key version for the organization; existing rows are re-encrypted separately. */
  addDataKeyVersion(em: EntityManager, organizationId: string): Promise<number>;
  /**
   * Re-wraps every data key (or one organization's) not wrapped by the current KEK (KEK rotation);
   * the data is untouched. A key that will not unwrap (its KEK missing from the keyring) fails the
   * whole, unless `onUnreadable` is given: it is then told of the key, which is left as it is.
   */
  rewrapDataKeys(em: EntityManager, scope?: { organizationId?: string; onUnreadable?: (key: { organizationId: string; kekId: string }) => void }): Promise<number>;
  /** Crypto-shredding: the wrapped keys are erased, so every copy of the organization's encrypted data is unreadable. */
  destroyOrganizationKeys(em: EntityManager, organizationId: string): Promise<void>;
}

interface KeyRow {
  purpose: KeyPurpose;
  version: number;
  kek_id: string | null;
  /** A hash of the wrapped key: which key a version is, not only its number. */
  fingerprint: string | null;
  destroyed: boolean;
}

const DATA_KEY_BYTES = 32;
const wrapContext = (organizationId: string, purpose: KeyPurpose, version: number) => `${organizationId}\0${purpose}\0${version}`;

export function createFieldEncryption(keyProvider: KeyProvider): FieldEncryption {
  /**
   * Unwrapped keys by "organization/purpose/version/kek/fingerprint". The fingerprint matters: a
   * key created by a unit of work that then rolled back is gone, and the next unit of work creates
   * another under the same version; without it, that one would be given the cached, lost key.
   */
  const unwrapped = new Map<string, KeyObject>();
  /** The keys already read in a unit of work (its versions cannot change under it but by its own calls). */
  const perUnitOfWork = new WeakMap<EntityManager, Map<string, OrganizationKeys>>();
  const cacheKey = (organizationId: string, row: Pick<KeyRow, 'purpose' | 'version' | 'kek_id' | 'fingerprint'>) =>
    `${organizationId}/${row.purpose}/${row.version}/${row.kek_id}/${row.fingerprint}`;
  const FINGERPRINT = `encode(sha256(wrapped), 'hex') as fingerprint`;

  // Raw SQL: the wrapped key's fingerprint is computed in the database, so that the wrapped key
  // itself is read only when the cache lacks it.
  const keyRows = (em: EntityManager, organizationId: string) =>
    em.execute<KeyRow[]>(
      `select purpose, version, kek_id, ${FINGERPRINT}, destroyed_at is not null as destroyed from keys.data_keys where organization_id = ? order by purpose, version`,
      [organizationId],
    );

  async function insertKey(em: EntityManager, organizationId: string, purpose: KeyPurpose, version: number): Promise<void> {
    const wrapped = await keyProvider.wrap(randomBytes(DATA_KEY_BYTES), wrapContext(organizationId, purpose, version));
    await em.createQueryBuilder(DataKey).insert({ organization: organizationId, purpose, version, kekId: wrapped.kekId, wrapped: wrapped.wrapped })
      .onConflict(['organization', 'purpose', 'version']).ignore().execute();
  }

  async function load(em: EntityManager, organizationId: string): Promise<OrganizationKeys> {
    let rows = await keyRows(em, organizationId);
    if (rows.some((row) => row.destroyed)) {
      for (const key of unwrapped.keys()) if (key.startsWith(`${organizationId}/`)) unwrapped.delete(key);
      throw dataUnreadable();
    }
    if (!rows.some((row) => row.purpose === 'data') || !rows.some((row) => row.purpose === 'index')) {
      await insertKey(em, organizationId, 'data', 1);
      await insertKey(em, organizationId, 'index', 1);
      rows = await keyRows(em, organizationId);
    }
    const missing = rows.filter((row) => !unwrapped.has(cacheKey(organizationId, row)));
    if (missing.length > 0) {
      // Raw SQL: as keyRows, with the fingerprint beside each wrapped key.
      const wrappedRows = await em.execute<{ purpose: KeyPurpose; version: number; kek_id: string; fingerprint: string; wrapped: Buffer }[]>(
        `select purpose, version, kek_id, ${FINGERPRINT}, wrapped from keys.data_keys where organization_id = ? and destroyed_at is null`,
        [organizationId],
      );
      for (const row of wrappedRows) {
        const key = cacheKey(organizationId, row);
        if (!unwrapped.has(key)) unwrapped.set(key, createSecretKey(await keyProvider.unwrap({ kekId: row.kek_id, wrapped: row.wrapped }, wrapContext(organizationId, row.purpose, row.version))));
      }
    }
    const dataKeys = new Map<number, KeyObject>();
    let indexKey: KeyObject | undefined;
    for (const row of rows) {
      const key = unwrapped.get(cacheKey(organizationId, row))!;
      if (row.purpose === 'data') dataKeys.set(row.version, key);
      else if (row.version === 1) indexKey = key; // the blind index keeps one key: rotating it means re-indexing
    }
    const currentVersion = Math.max(...dataKeys.keys());
    const address = (field: FieldName): FieldAddress => ({ organizationId, ...field });
    const decrypt = (field: FieldName, ciphertext: Uint8Array) => {
      const key = dataKeys.get(keyVersionOf(ciphertext) ?? -1);
      if (!key) throw dataUnreadable();
      return decryptField(key, address(field), ciphertext);
    };
    return {
      organizationId,
      currentVersion,
      encrypt: (field, plaintext) =>
        encryptField(dataKeys.get(currentVersion)!, currentVersion, address(field), typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext),
      decrypt,
      decryptText: (field, ciphertext) => decrypt(field, ciphertext).toString('utf8'),
      blindIndex: (field, normalizedValue) => blindIndex(indexKey!, field, normalizedValue),
    };
  }

  return {
    keyProvider,
    async forOrganization(em, organizationId) {
      const known = perUnitOfWork.get(em) ?? new Map<string, OrganizationKeys>();
      perUnitOfWork.set(em, known);
      const keys = known.get(organizationId) ?? (await load(em, organizationId));
      known.set(organizationId, keys);
      return keys;
    },
    async addDataKeyVersion(em, organizationId) {
      perUnitOfWork.get(em)?.delete(organizationId);
      const current = await load(em, organizationId);
      const version = current.currentVersion + 1;
      await insertKey(em, organizationId, 'data', version);
      return version;
    },
    async rewrapDataKeys(em, scope) {
      const stale = await em.createQueryBuilder(DataKey).select(['organization', 'purpose', 'version', 'kekId', 'wrapped'])
        .where({ destroyedAt: null, kekId: { $ne: keyProvider.currentKekId }, ...(scope?.organizationId ? { organization: scope.organizationId } : {}) })
        .setLockMode(LockMode.PESSIMISTIC_WRITE)
        .execute<{ organization: string; purpose: KeyPurpose; version: number; kekId: string; wrapped: Buffer }[]>('all');
      let count = 0;
      for (const row of stale) {
        const context = wrapContext(row.organization, row.purpose, row.version);
        let dataKey: Buffer;
        try {
          dataKey = await keyProvider.unwrap({ kekId: row.kekId, wrapped: row.wrapped }, context);
        } catch (error) {
          if (!scope?.onUnreadable) throw error;
          scope.onUnreadable({ organizationId: row.organization, kekId: row.kekId });
          continue;
        }
        const rewrapped = await keyProvider.wrap(dataKey, context);
        count += 1;
        await em.nativeUpdate(DataKey, { organization: row.organization, purpose: row.purpose, version: row.version },
          { kekId: rewrapped.kekId, wrapped: rewrapped.wrapped, rewrappedAt: sql.now() });
      }
      return count;
    },
    async destroyOrganizationKeys(em, organizationId) {
      perUnitOfWork.get(em)?.delete(organizationId);
      await em.nativeUpdate(DataKey, { organization: organizationId, destroyedAt: null }, { wrapped: null, kekId: null, destroyedAt: sql.now() });
      for (const key of unwrapped.keys()) if (key.startsWith(`${organizationId}/`)) unwrapped.delete(key);
    },
  };
}
