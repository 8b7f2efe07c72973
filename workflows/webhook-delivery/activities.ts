// Sends due webhook deliveries (platform/webhooks-out/delivery.ts), one batch per call.
import type { MikroORM } from '../../platform/database/orm.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import type { Logger } from '../../platform/logger.ts';
import { createWebhookDelivery, type WebhookDeliveryOptions, type WebhookDeliveryResult } from '../../platform/webhooks-out/delivery.ts';
import type { EndpointRules, Resolver } from '../../platform/webhooks-out/endpoint-url.ts';

export interface WebhookDeliveryDeps {
  orm: MikroORM;
  encryption: FieldEncryption;
  logger?: Logger;
  /** Where webhooks may go; production's rules (public addresses only) unless told. */
  webhooks?: { rules: EndpointRules; options?: WebhookDeliveryOptions; resolve?: Resolver };
}

export function createWebhookDeliveryActivities(deps: WebhookDeliveryDeps) {
  const delivery = createWebhookDelivery({
    orm: deps.orm, encryption: deps.encryption, logger: deps.logger,
    rules: deps.webhooks?.rules ?? { production: true }, options: deps.webhooks?.options, resolve: deps.webhooks?.resolve,
  });
  return {
    /** Sends one batch of due deliveries; `more` when the batch was full and others may be waiting. */
    async deliverWebhookBatch(): Promise<WebhookDeliveryResult & { more: boolean }> {
      const { claimed, ...result } = await delivery.deliverDue();
      return { ...result, more: claimed > 0 && claimed === delivery.batchSize };
    },
  };
}

export type WebhookDeliveryActivities = ReturnType<typeof createWebhookDeliveryActivities>;
