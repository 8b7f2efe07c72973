// Data key rotation: a new version of an organization's data key, then every encrypted column
// re-encrypted under it in batches (rows locked while they change), as the worker's role.
import { randomUUID } from 'node:crypto';
import { PLATFORM_ORGANIZATION_ID, recordAudit } from '../../platform/audit.ts';
import { LockMode, type EntityClass } from '@mikro-orm/postgresql';
import type { MikroORM } from '../../platform/database/orm.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import type { Logger } from '../../platform/logger.ts';
import { keyVersionOf } from '../../platform/field-encryption/field-cipher.ts';
import { systemCaller } from '../../domain/system-caller.ts';
import type { EncryptedTable } from '../../domain/encrypted-columns.ts';
import { encryptedFields, encryptedPropertiesOf } from '../../platform/field-encryption/encrypted-properties.ts';

export interface ReencryptBatch {
  organizationId: string;
  table: EncryptedTable;
  afterId: string | null;
  limit: number;
}

export interface KeyEncryptionKeyRotation {
  /** The current KEK had wrapped the data keys for longer than the period. */
  due: boolean;
  /** A new KEK was made current (false when due with a provider that cannot make one: the operator rotates, as logged). */
  rotated: boolean;
  kekId: string;
  /** Data keys re-wrapped under the current KEK (those of a new one, or left under an older one). */
  rewrapped: number;
}

export function createDataKeyRotationActivities(deps: { orm: MikroORM; encryption: FieldEncryption; logger?: Logger }) {
  return {
    /**
     * The organizations whose newest data key is older than `period` (an ISO 8601 duration, read
     * by PostgreSQL with the calendar), the longest waiting first. Not the platform's own keys:
     * what they seal (TOTP and outbox secrets) lives outside what the rotation re-encrypts. Not
     * an organization whose keys were destroyed, nor a terminated one (its rows are on their way
     * out, and re-encrypting them would race their deletion).
     */
    async findDataKeysDue(period: string): Promise<string[]> {
      // Raw SQL: an aggregate filtered per purpose, against an ISO 8601 period PostgreSQL reads as an interval (with the calendar).
      const rows = await deps.orm.em.fork().execute<{ organization_id: string }[]>(
        `select organization_id from keys.data_keys
          where organization_id <> ? and organization_id in (select id from identity.organizations where status = 'ACTIVE')
          group by organization_id
         having bool_and(destroyed_at is null) and max(created_at) filter (where purpose = 'data') < now() - ?::interval
          order by max(created_at) filter (where purpose = 'data'), organization_id`,
        [PLATFORM_ORGANIZATION_ID, period],
      );
      return rows.map((row) => row.organization_id);
    },

    /**
     * A new key-encryption key once the current one has wrapped the data keys for longer than
     * `period` (since the first data key it wrapped that is still there), then every data key not
     * under the current KEK re-wrapped (the data untouched), also those a process that had not yet
     * seen a new KEK wrapped with the old one. Audited in the platform's chain; owners see when
     * their organization's keys were re-wrapped in `encryptionKeys`.
     */
    async rotateKeyEncryptionKeyIfDue(period: string): Promise<KeyEncryptionKeyRotation> {
      const provider = deps.encryption.keyProvider;
      // Raw SQL: an aggregate against an ISO 8601 period PostgreSQL reads as an interval (with the calendar).
      const [age] = await deps.orm.em.fork().execute<{ due: boolean | null }[]>(
        `select min(coalesce(rewrapped_at, created_at)) < now() - ?::interval as due from keys.data_keys where destroyed_at is null and kek_id = ?`,
        [period, provider.currentKekId],
      );
      const due = age?.due === true;
      let rotated = false;
      if (due && provider.addKeyEncryptionKey) {
        await provider.addKeyEncryptionKey();
        rotated = true;
      } else if (due) {
        deps.logger?.warn({ reason: 'key_encryption_key_rotation_due', kekId: provider.currentKekId, period },
          'the key-encryption key is past its rotation period: put a new key first in KEY_ENCRYPTION_KEYS (or rotate it in the KMS), restart the services, and the next run re-wraps the data keys');
      }
      const requestId = `kek-rotation-${randomUUID()}`;
      return deps.orm.em.fork().transactional(async (em) => {
        const unreadable = new Set<string>();
        const rewrapped = await deps.encryption.rewrapDataKeys(em, { onUnreadable: ({ kekId }) => unreadable.add(kekId) });
        const kekId = provider.currentKekId;
        // Keys under a KEK the keyring lost stay as they are, and are said every run until it is restored.
        if (unreadable.size > 0) {
          deps.logger?.error({ reason: 'data_keys_unreadable', kekIds: [...unreadable] }, 'data keys wrapped by a key-encryption key missing from the keyring were left under it: restore that key');
        }
        if (rotated || rewrapped > 0) {
          // One event in the platform's chain: which KEK wraps the data keys now, and how many it re-wrapped.
          await recordAudit(em, systemCaller(requestId), {
            action: 'UPDATE', resourceType: 'KeyEncryptionKey', resourceId: kekId, outcome: 'SUCCESS', reason: `${rotated ? 'kek_rotated' : 'kek_rewrapped'}:data_keys:${rewrapped}`,
          });
        }
        return { due, rotated, kekId, rewrapped };
      });
    },

    async startDataKeyVersion(organizationId: string): Promise<number> {
      return deps.orm.em.fork().transactional(async (em) => {
        const version = await deps.encryption.addDataKeyVersion(em, organizationId);
        await recordAudit(em, systemCaller(`key-rotation-${randomUUID()}`), { organizationId, action: 'UPDATE', resourceType: 'DataKey', resourceId: null, outcome: 'SUCCESS', reason: `data_key_version:${version}` });
        return version;
      });
    },

    /** Re-encrypts the next batch of rows whose ciphertexts are older than the current version. */
    async reencryptBatch(batch: ReencryptBatch): Promise<{ scanned: number; reencrypted: number; lastId: string | null }> {
      // The table's entity, and the encrypted columns it declares.
      const meta = [...deps.orm.getMetadata().getAll().values()].find((candidate) => candidate.schema === 'credentials' && candidate.tableName === batch.table);
      if (!meta) throw new Error(`credentials.${batch.table} is named in ENCRYPTED_TABLES but no entity maps it`);
      const properties = encryptedPropertiesOf(meta).map((property) => property.property);
      return deps.orm.em.fork().transactional(async (em) => {
        const keys = await deps.encryption.forOrganization(em, batch.organizationId);
        const fields = encryptedFields(em, keys, meta);
        const rows = await em.createQueryBuilder(meta.class as EntityClass<any>, 'row') // eslint-disable-line @typescript-eslint/no-explicit-any -- any entity of ENCRYPTED_TABLES
          .select(['id', ...properties])
          .where({ organization: batch.organizationId, ...(batch.afterId ? { id: { $gt: batch.afterId } } : {}) })
          .orderBy({ id: 'asc' })
          .limit(batch.limit)
          .setLockMode(LockMode.PESSIMISTIC_WRITE)
          .execute<Record<string, Buffer | string | null>[]>('all');
        let reencrypted = 0;
        for (const row of rows) {
          const id = row.id as string;
          const changes: Record<string, Buffer> = {};
          for (const property of properties) {
             
            const sealed = row[property] as Buffer | null;
             
            if (sealed && keyVersionOf(sealed) !== keys.currentVersion) changes[property] = fields.reseal(id, property, sealed);
          }
          if (Object.keys(changes).length === 0) continue;
          await em.nativeUpdate(meta.class, { id }, changes);
          reencrypted += 1;
        }
        return { scanned: rows.length, reencrypted, lastId: rows.length === batch.limit ? (rows[rows.length - 1]!.id as string) : null };
      });
    },
  };
}

export type DataKeyRotationActivities = ReturnType<typeof createDataKeyRotationActivities>;
