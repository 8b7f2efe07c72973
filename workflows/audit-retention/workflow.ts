// Run daily by the `audit-retention` schedule.
import { proxyActivities } from '@temporalio/workflow';
import type { AuditRetentionActivities } from './activities.ts';

const { purgeExpiredAuditEvents } = proxyActivities<AuditRetentionActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { maximumAttempts: 3 },
});

export async function auditRetentionWorkflow(): Promise<{ organizations: number; purged: number }> {
  return purgeExpiredAuditEvents();
}
