// TOTP secrets at rest: encrypted columns of the user (`encrypted()` on the entity), sealed under
// the platform organization's data key (field encryption's envelope: the data key is wrapped by a
// key-encryption key kept apart from the database), and bound to their user row and column, so a
// ciphertext copied to another row or column opens nowhere. A value that is not such a ciphertext
// (a secret stored in the clear) is refused (DATA_UNREADABLE), never used.
import { PLATFORM_ORGANIZATION_ID } from '../../platform/audit.ts';
import type { EntityManager } from '../../platform/database/orm.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import { encryptedFields } from '../../platform/field-encryption/encrypted-properties.ts';
import { User } from './entities/user.entity.ts';

export type TotpSecretProperty = 'totpSecret' | 'totpPendingSecret';

const fieldsOf = async (encryption: FieldEncryption, em: EntityManager) =>
  encryptedFields(em, await encryption.forOrganization(em, PLATFORM_ORGANIZATION_ID), User);

export async function sealTotpSecret(encryption: FieldEncryption, em: EntityManager, userId: string, property: TotpSecretProperty, secret: string): Promise<Buffer> {
  return (await fieldsOf(encryption, em)).sealValue(userId, property, secret);
}

/** The secret in the column, or null when there is none; throws DATA_UNREADABLE for anything but its ciphertext. */
export async function openTotpSecret(encryption: FieldEncryption, em: EntityManager, userId: string, property: TotpSecretProperty, stored: Uint8Array | null): Promise<string | null> {
  if (stored === null) return null;
  return (await fieldsOf(encryption, em)).open(userId, property, stored);
}
