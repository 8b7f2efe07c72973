// Run by the `mail-delivery` schedule: delivers due messages of the outbox, batch after batch,
// up to a bound per run (the next run takes the rest). A failing activity (the database or the
// SMTP server down) is retried with backoff; each message's own retries live in the outbox.
import { proxyActivities } from '@temporalio/workflow';
import type { MailDeliveryActivities } from './activities.ts';

const { deliverMailBatch } = proxyActivities<MailDeliveryActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

const MAX_BATCHES_PER_RUN = 10;

export async function mailDeliveryWorkflow(): Promise<{ sent: number; retrying: number; failed: number }> {
  const total = { sent: 0, retrying: 0, failed: 0 };
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
    const { more, ...result } = await deliverMailBatch();
    total.sent += result.sent;
    total.retrying += result.retrying;
    total.failed += result.failed;
    if (!more) break;
  }
  return total;
}
