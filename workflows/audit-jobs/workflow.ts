// One background audit job (a chain verification or an export), run by its activity in chunks:
// the activity heartbeats its progress, so a worker that dies mid-job is noticed within a minute
// and the next attempt resumes from the last chunk. A job its attempts could not finish is
// marked FAILED with a code, so that its poller is not left waiting.
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
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
    // A refusal that no retry can change names itself; anything else ran out of attempts.
    const cause = error instanceof ActivityFailure ? error.cause : null;
    const failure = cause instanceof ApplicationFailure && cause.nonRetryable && cause.type ? cause.type.toLowerCase() : 'attempts_exhausted';
    await failAuditJob({ jobId: input.jobId, failure });
    throw error;
  }
}
