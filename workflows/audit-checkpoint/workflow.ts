// Run by the `audit-checkpoints` schedule: signs every moved chain head.
import { proxyActivities } from '@temporalio/workflow';
import type { AuditCheckpointActivities } from './activities.ts';

const { signAuditCheckpoints } = proxyActivities<AuditCheckpointActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5 },
});

export async function auditCheckpointWorkflow(): Promise<{ signed: number }> {
  return signAuditCheckpoints();
}
