// Run by the `breach-notification-starts` schedule: starts the workflow of every open incident
// whose declaration could not (Temporal did not answer then), up to a bound per run.
import { proxyActivities } from '@temporalio/workflow';
import type { BreachNotificationActivities } from './activities.ts';

const { startPendingBreachWorkflows } = proxyActivities<BreachNotificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/** Every organization's incidents; given one (an operator, a test), that organization's only. */
export async function breachNotificationStartsWorkflow(input: { organizationId?: string | null } = {}): Promise<{ started: number }> {
  return startPendingBreachWorkflows({ limit: 100, organizationId: input?.organizationId ?? null });
}
