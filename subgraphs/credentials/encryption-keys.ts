// When an organization's field encryption keys were last rotated, for its owners: the data key
// version in use and its date, and the last re-wrapping under a new key-encryption key. Read from
// keys.data_keys as the caller (row-level security: its own organization's rows), never a key.
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, runAsCaller } from '../../platform/database/orm.ts';
import type { CredentialsService } from './service.ts';

export interface EncryptionKeysView {
  dataKeyVersion: number;
  dataKeyCreatedAt: string;
  keysRewrappedAt: string | null;
}

export async function encryptionKeys(service: CredentialsService, caller: Caller): Promise<EncryptionKeysView | null> {
  // Raw SQL: the current version and the organization's latest re-wrap (an aggregate), in one statement.
  const [row] = await runAsCaller(service.orm, caller, (em) =>
    em.execute<{ version: number; created_at: string; rewrapped_at: string | null }[]>(
      `select current.version, ${isoTimestamp('current.created_at')} as created_at,
              (select ${isoTimestamp('max(rewrapped_at)')} from keys.data_keys where organization_id = current.organization_id) as rewrapped_at
         from keys.data_keys current
        where current.organization_id = ? and current.purpose = 'data' and current.destroyed_at is null
        order by current.version desc limit 1`,
      [caller.organizationId],
    ));
  return row ? { dataKeyVersion: row.version, dataKeyCreatedAt: row.created_at, keysRewrappedAt: row.rewrapped_at } : null;
}
