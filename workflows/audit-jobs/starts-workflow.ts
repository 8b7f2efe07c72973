// Run by the `audit-job-starts` schedule: starts the workflow of every audit job whose request
// could not (Temporal did not answer then), up to a bound per run, and erases the keys of export
// files past their expiry.
import { proxyActivities } from '@temporalio/workflow';
import type { AuditJobActivities } from './activities.ts';

const { startPendingAuditJobs } = proxyActivities<AuditJobActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/** Every organization's jobs; given one (an operator, a test), that organization's only. */
export async function auditJobStartsWorkflow(input: { organizationId?: string | null } = {}): Promise<{ started: number; keysErased: number }> {
  return startPendingAuditJobs({ limit: 100, organizationId: input?.organizationId ?? null });
}
