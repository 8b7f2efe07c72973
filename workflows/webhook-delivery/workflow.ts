// Run by the `webhook-delivery` schedule: sends due webhook deliveries, batch after batch, up to a
// bound per run (the next run takes the rest). A failing activity (the database down) is retried
// with backoff; each delivery's own retries and backoff live in its row.
import { proxyActivities } from '@temporalio/workflow';
import type { WebhookDeliveryActivities } from './activities.ts';

export const WEBHOOK_DELIVERY_WORKFLOW = 'webhookDeliveryWorkflow';

const { deliverWebhookBatch } = proxyActivities<WebhookDeliveryActivities>({
  // A batch of 50 with 10 at once and a 10 s timeout each takes under a minute.
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

const MAX_BATCHES_PER_RUN = 20;

export async function webhookDeliveryWorkflow(): Promise<{ delivered: number; retrying: number; failed: number; cancelled: number }> {
  const total = { delivered: 0, retrying: 0, failed: 0, cancelled: 0 };
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
    const { more, ...result } = await deliverWebhookBatch();
    total.delivered += result.delivered;
    total.retrying += result.retrying;
    total.failed += result.failed;
    total.cancelled += result.cancelled;
    if (!more) break;
  }
  return total;
}
