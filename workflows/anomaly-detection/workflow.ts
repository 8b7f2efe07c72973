// Run by the `security-alert-scan` schedule every few seconds: reads the new audit events of every
// chain and raises their alerts; while a scan leaves events behind (a burst), it goes on at once.
import { proxyActivities } from '@temporalio/workflow';
import type { AnomalyDetectionActivities } from './activities.ts';

const { scanAuditForAnomalies } = proxyActivities<AnomalyDetectionActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5 },
});

/** At most this many batches a run; the next scheduled run goes on. */
const MAX_ROUNDS = 20;

export async function anomalyDetectionWorkflow(): Promise<{ events: number; raised: number }> {
  const total = { events: 0, raised: 0 };
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const result = await scanAuditForAnomalies();
    total.events += result.events;
    total.raised += result.raised;
    if (!result.more) break;
  }
  return total;
}
