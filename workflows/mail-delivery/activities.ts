// Drains the mail outbox over SMTP (platform/mail-outbox/delivery.ts), one batch per call.
import type { MikroORM } from '../../platform/database/orm.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import type { Logger } from '../../platform/logger.ts';
import { createMailDelivery, type MailDeliveryResult, type MailSettings } from '../../platform/mail-outbox/delivery.ts';

export function createMailDeliveryActivities(deps: { orm: MikroORM; mail: MailSettings; encryption: FieldEncryption; logger?: Logger }) {
  const delivery = createMailDelivery(deps);
  return {
    /** Sends one batch of due messages; `more` when the batch was full and others may be waiting. */
    async deliverMailBatch(): Promise<MailDeliveryResult & { more: boolean }> {
      const { claimed, ...result } = await delivery.deliverDue();
      return { ...result, more: claimed > 0 && claimed === delivery.batchSize };
    },
  };
}

export type MailDeliveryActivities = ReturnType<typeof createMailDeliveryActivities>;
