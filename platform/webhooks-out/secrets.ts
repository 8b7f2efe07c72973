// A subscription's signing secrets, sealed under its organization's data key (field encryption),
// bound to the subscription's row and column: neither the database, its backups nor a row copied
// to another subscription give a usable secret. Shown in the clear once, when made.
import type { FieldName, OrganizationKeys } from '../field-encryption/data-keys.ts';
import { webhookSecretBytes } from '../webhook-signing.ts';

export type SecretColumn = 'secret' | 'previous_secret';

export const subscriptionSecretAddress = (subscriptionId: string, column: SecretColumn): FieldName => ({ table: 'webhook_subscriptions', column, rowId: subscriptionId });

export function sealSubscriptionSecret(keys: OrganizationKeys, subscriptionId: string, column: SecretColumn, secret: string): Buffer {
  return keys.encrypt(subscriptionSecretAddress(subscriptionId, column), secret);
}

/** The key bytes of a sealed secret; throws DATA_UNREADABLE for anything but its own sealed value. */
export function openSubscriptionSecret(keys: OrganizationKeys, subscriptionId: string, column: SecretColumn, sealed: Uint8Array): Buffer {
  return webhookSecretBytes(keys.decryptText(subscriptionSecretAddress(subscriptionId, column), sealed));
}

/** Re-sealing a rotated-out secret under its new column: the previous secret keeps signing for the grace period. */
export function resealAsPrevious(keys: OrganizationKeys, subscriptionId: string, sealedCurrent: Uint8Array): Buffer {
  const secret = keys.decryptText(subscriptionSecretAddress(subscriptionId, 'secret'), sealedCurrent);
  return sealSubscriptionSecret(keys, subscriptionId, 'previous_secret', secret);
}
