// One background audit job (a chain verification or an export), run by its activity in chunks:
// the activity heartbeats its progress, so a worker that dies mid-job is noticed within a minute
// and the next attempt resumes from the last chunk. A job its attempts could not finish is
// marked FAILED, so that its poller is not left waiting.
import { proxyActivities } from '@temporalio/workflow';
import type { AuditJobActivities } from './activities.ts';

const { runAuditJob } = proxyActivities<AuditJobActivities>({
  startToCloseTimeout: '12 hours',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10, nonRetryableErrorTypes: ['AUDIT_JOB_UNKNOWN'] },
});

const { failAuditJob } = proxyActivities<AuditJobActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function auditJobWorkflow(input: { jobId: string }): Promise<void> {
  try {
    await runAuditJob(input);
  } catch (error) {
    await failAuditJob({ jobId: input.jobId, failure: 'attempts_exhausted' });
    throw error;
  }
}
