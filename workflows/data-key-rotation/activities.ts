// Data key rotation: a new version of an organization's data key, then every encrypted column
// re-encrypted under it in batches (rows locked while they change), as the worker's role.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit.ts';
import type { MikroORM } from '../../platform/database/orm.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import { keyVersionOf } from '../../platform/field-encryption/field-cipher.ts';
import { systemCaller } from '../../domain/system-caller.ts';
import { ENCRYPTED_COLUMNS, type EncryptedTable } from '../../domain/encrypted-columns.ts';

export interface ReencryptBatch {
  organizationId: string;
  table: EncryptedTable;
  afterId: string | null;
  limit: number;
}

export function createDataKeyRotationActivities(deps: { orm: MikroORM; encryption: FieldEncryption }) {
  return {
    async startDataKeyVersion(organizationId: string): Promise<number> {
      return deps.orm.em.fork().transactional(async (em) => {
        const version = await deps.encryption.addDataKeyVersion(em, organizationId);
        await recordAudit(em, systemCaller(`key-rotation-${randomUUID()}`), { organizationId, action: 'UPDATE', resourceType: 'DataKey', resourceId: null, outcome: 'SUCCESS', reason: `data_key_version:${version}` });
        return version;
      });
    },

    /** Re-encrypts the next batch of rows whose ciphertexts are older than the current version. */
    async reencryptBatch(batch: ReencryptBatch): Promise<{ scanned: number; reencrypted: number; lastId: string | null }> {
      const { columns } = ENCRYPTED_COLUMNS.find((entry) => entry.table === batch.table)!;
      return deps.orm.em.fork().transactional(async (em) => {
        const keys = await deps.encryption.forOrganization(em, batch.organizationId);
        const rows = await em.execute<Record<string, Buffer | string | null>[]>(
          `select id, ${columns.join(', ')} from credentials.${batch.table}
            where organization_id = ? and (?::uuid is null or id > ?::uuid) order by id limit ? for update`,
          [batch.organizationId, batch.afterId, batch.afterId, batch.limit],
        );
        let reencrypted = 0;
        for (const row of rows) {
          const id = row.id as string;
          const changes: [string, Buffer][] = [];
          for (const column of columns) {
            const sealed = row[column] as Buffer | null;
            if (!sealed || keyVersionOf(sealed) === keys.currentVersion) continue;
            const field = { table: batch.table, column, rowId: id };
            changes.push([column, keys.encrypt(field, keys.decrypt(field, sealed))]);
          }
          if (changes.length === 0) continue;
          await em.execute(`update credentials.${batch.table} set ${changes.map(([column]) => `${column} = ?`).join(', ')} where id = ?`, [...changes.map(([, value]) => value), id]);
          reencrypted += 1;
        }
        return { scanned: rows.length, reencrypted, lastId: rows.length === batch.limit ? (rows[rows.length - 1]!.id as string) : null };
      });
    },
  };
}

export type DataKeyRotationActivities = ReturnType<typeof createDataKeyRotationActivities>;
