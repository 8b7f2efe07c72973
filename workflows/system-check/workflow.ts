// Proves the whole path a real workflow takes: the Temporal server schedules it, the worker
// runs it, and an activity reaches PostgreSQL. Deterministic: time comes from the workflow clock.
import { proxyActivities } from '@temporalio/workflow';
import type { SystemCheckActivities } from './activities.ts';
import type { SystemCheckResult } from './shared.ts';

const { checkDatabase } = proxyActivities<SystemCheckActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
});

export async function systemCheckWorkflow(): Promise<SystemCheckResult> {
  const database = await checkDatabase();
  return { checkedAt: new Date().toISOString(), database };
}
