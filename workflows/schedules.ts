// The recurring jobs, as Temporal schedules. Created when the worker starts; an existing
// schedule is updated to the configured interval.
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Connection } from '@temporalio/client';
import type { TemporalConfig } from '../platform/config.ts';

export const SCHEDULES = {
  auditCheckpoints: 'audit-checkpoints',
  auditRetention: 'audit-retention',
  mailDelivery: 'mail-delivery',
  verificationDispatch: 'verification-dispatch',
} as const;

export async function ensureSchedules(connection: Connection, temporal: TemporalConfig, options: { auditCheckpointMinutes: number; mailDeliverySeconds: number; verificationDispatchSeconds: number }): Promise<void> {
  const client = new Client({ connection, namespace: temporal.namespace });
  const schedules = [
    { scheduleId: SCHEDULES.auditCheckpoints, workflowType: 'auditCheckpointWorkflow', every: `${options.auditCheckpointMinutes}m` },
    { scheduleId: SCHEDULES.auditRetention, workflowType: 'auditRetentionWorkflow', every: '24h' },
    { scheduleId: SCHEDULES.mailDelivery, workflowType: 'mailDeliveryWorkflow', every: `${options.mailDeliverySeconds}s` },
    { scheduleId: SCHEDULES.verificationDispatch, workflowType: 'verificationDispatchWorkflow', every: `${options.verificationDispatchSeconds}s` },
  ];
  for (const schedule of schedules) {
    const definition = {
      spec: { intervals: [{ every: schedule.every }] },
      action: { type: 'startWorkflow' as const, workflowType: schedule.workflowType, taskQueue: temporal.taskQueue, workflowId: schedule.scheduleId },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    };
    try {
      await client.schedule.create({ scheduleId: schedule.scheduleId, ...definition });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(schedule.scheduleId).update((previous) => ({ ...previous, ...definition }));
    }
  }
}
