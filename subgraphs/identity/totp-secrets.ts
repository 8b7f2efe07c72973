// TOTP secrets at rest: encrypted with the platform organization's data key (field encryption's
// envelope: the data key is wrapped by a key-encryption key kept apart from the database), and
// bound to their user row and column, so a ciphertext copied to another row or column opens
// nowhere. A value that is not such a ciphertext (a secret stored in the clear) is refused
// (DATA_UNREADABLE), never used.
import { PLATFORM_ORGANIZATION_ID } from '../../platform/audit.ts';
import type { EntityManager } from '../../platform/database/orm.ts';
import type { FieldEncryption, FieldName } from '../../platform/field-encryption/data-keys.ts';

export type TotpSecretColumn = 'totp_secret' | 'totp_pending_secret';

const address = (userId: string, column: TotpSecretColumn): FieldName => ({ table: 'users', column, rowId: userId });

export async function sealTotpSecret(encryption: FieldEncryption, em: EntityManager, userId: string, column: TotpSecretColumn, secret: string): Promise<Buffer> {
  const keys = await encryption.forOrganization(em, PLATFORM_ORGANIZATION_ID);
  return keys.encrypt(address(userId, column), secret);
}

/** The secret in the column, or null when there is none; throws DATA_UNREADABLE for anything but its ciphertext. */
export async function openTotpSecret(encryption: FieldEncryption, em: EntityManager, userId: string, column: TotpSecretColumn, stored: Uint8Array | null): Promise<string | null> {
  if (stored === null) return null;
  const keys = await encryption.forOrganization(em, PLATFORM_ORGANIZATION_ID);
  return keys.decryptText(address(userId, column), stored);
}
