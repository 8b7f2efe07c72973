// A subscription's signing secrets, sealed under its organization's data key (field encryption,
// the encrypted columns its entity declares), bound to the subscription's row and column: neither
// the database, its backups nor a row copied to another subscription give a usable secret. Shown
// in the clear once, when made.
import type { OrganizationKeys } from '../field-encryption/data-keys.ts';
import { encryptedFields, type EntityModel } from '../field-encryption/encrypted-properties.ts';
import { webhookSecretBytes } from '../webhook-signing.ts';
import { WebhookSubscription } from './entities/webhook-subscription.entity.ts';

export type SecretProperty = 'secret' | 'previousSecret';

export function sealSubscriptionSecret(model: EntityModel, keys: OrganizationKeys, subscriptionId: string, property: SecretProperty, secret: string): Buffer {
  return encryptedFields(model, keys, WebhookSubscription).sealValue(subscriptionId, property, secret);
}

/** The key bytes of a sealed secret; throws DATA_UNREADABLE for anything but its own sealed value. */
export function openSubscriptionSecret(model: EntityModel, keys: OrganizationKeys, subscriptionId: string, property: SecretProperty, sealed: Uint8Array): Buffer {
  return webhookSecretBytes(encryptedFields(model, keys, WebhookSubscription).open(subscriptionId, property, sealed));
}

/** Re-sealing a rotated-out secret under its new column: the previous secret keeps signing for the grace period. */
export function resealAsPrevious(model: EntityModel, keys: OrganizationKeys, subscriptionId: string, sealedCurrent: Uint8Array): Buffer {
  const secret = encryptedFields(model, keys, WebhookSubscription).open(subscriptionId, 'secret', sealedCurrent);
  return sealSubscriptionSecret(model, keys, subscriptionId, 'previousSecret', secret);
}
