// The recurring jobs, as Temporal schedules. Created when the worker starts; an existing
// schedule is updated to the configured interval.
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Connection } from '@temporalio/client';
import type { ExclusionListsConfig, KeyRotationConfig, TemporalConfig } from '../platform/config.ts';
import type { MikroORM } from '../platform/database/orm.ts';
import { localBackupAdapter } from '../platform/backups/local-backups.ts';
import { KEY_ROTATION_SCHEDULE_WORKFLOW, type KeyRotationScheduleInput } from './data-key-rotation/schedule-workflow.ts';
import { EXCLUSION_LIST_IMPORT_WORKFLOW, type ExclusionListImportInput } from './exclusion-lists/shared.ts';
import { ExclusionImport } from './exclusion-lists/entities/exclusion-import.entity.ts';

export const SCHEDULES = {
  auditCheckpoints: 'audit-checkpoints',
  auditRetention: 'audit-retention',
  mailDelivery: 'mail-delivery',
  verificationDispatch: 'verification-dispatch',
  exclusionListImport: 'exclusion-list-import',
  webhookDelivery: 'webhook-delivery',
  breachNotificationStarts: 'breach-notification-starts',
  backupWal: 'backup-wal',
  backupBase: 'backup-base',
  backupRetention: 'backup-retention',
  securityAlertScan: 'security-alert-scan',
  dataKeyRotation: 'data-key-rotation',
  auditJobStarts: 'audit-job-starts',
} as const;

/** One recurring job: its schedule, the workflow it starts every interval, and that workflow's arguments. */
export interface WorkerSchedule {
  scheduleId: string;
  workflowType: string;
  every: string;
  args?: unknown[];
}

export interface WorkerScheduleOptions {
  auditCheckpointMinutes: number;
  mailDeliverySeconds: number;
  verificationDispatchSeconds: number;
  webhookDeliverySeconds?: number;
  anomalyScanSeconds?: number;
  exclusionLists?: ExclusionListsConfig;
  backups?: { walSealSeconds: number; baseHours: number } | null;
  /** pgBackRest or WAL-G takes the backups: only their retention purge is scheduled here. */
  backupTool?: { purgeHours: number } | null;
  keyRotation?: KeyRotationConfig;
}

/** The daily import's input: the LEIE always, SAM.gov where its extract's URL is configured. */
export function exclusionListImportInput(config: ExclusionListsConfig): ExclusionListImportInput {
  return {
    lists: [
      { list: 'OIG_LEIE', location: config.leieUrl, kind: 'FULL' },
      ...(config.samUrl ? [{ list: 'SAM' as const, location: config.samUrl, kind: 'FULL' as const }] : []),
    ],
  };
}

export async function ensureSchedules(connection: Connection, temporal: TemporalConfig, options: WorkerScheduleOptions): Promise<void> {
  await upsertSchedules(new Client({ connection, namespace: temporal.namespace }), temporal, workerSchedules(options));
}

/** The worker's recurring jobs for its configuration. */
export function workerSchedules(options: WorkerScheduleOptions): WorkerSchedule[] {
  const schedules: WorkerSchedule[] = [
    { scheduleId: SCHEDULES.auditCheckpoints, workflowType: 'auditCheckpointWorkflow', every: `${options.auditCheckpointMinutes}m` },
    { scheduleId: SCHEDULES.auditRetention, workflowType: 'auditRetentionWorkflow', every: '24h' },
    { scheduleId: SCHEDULES.mailDelivery, workflowType: 'mailDeliveryWorkflow', every: `${options.mailDeliverySeconds}s` },
    { scheduleId: SCHEDULES.verificationDispatch, workflowType: 'verificationDispatchWorkflow', every: `${options.verificationDispatchSeconds}s` },
    // Incidents declared while Temporal was down get their workflow within a minute of its return.
    { scheduleId: SCHEDULES.breachNotificationStarts, workflowType: 'breachNotificationStartsWorkflow', every: '60s' },
    // Audit jobs asked for while Temporal was down likewise.
    { scheduleId: SCHEDULES.auditJobStarts, workflowType: 'auditJobStartsWorkflow', every: '60s' },
  ];
  if (options.webhookDeliverySeconds) {
    schedules.push({ scheduleId: SCHEDULES.webhookDelivery, workflowType: 'webhookDeliveryWorkflow', every: `${options.webhookDeliverySeconds}s` });
  }
  if (options.backups) {
    schedules.push({ scheduleId: SCHEDULES.backupWal, workflowType: 'walArchiveWorkflow', every: `${options.backups.walSealSeconds}s` });
    schedules.push({ scheduleId: SCHEDULES.backupBase, workflowType: 'baseBackupWorkflow', every: `${options.backups.baseHours}h` });
  } else if (options.backupTool) {
    schedules.push({ scheduleId: SCHEDULES.backupRetention, workflowType: 'backupRetentionWorkflow', every: `${options.backupTool.purgeHours}h` });
  }
  if (options.anomalyScanSeconds) {
    // Near real time: the audit events of the last few seconds are read for anomalies.
    schedules.push({ scheduleId: SCHEDULES.securityAlertScan, workflowType: 'anomalyDetectionWorkflow', every: `${options.anomalyScanSeconds}s` });
  }
  if (options.exclusionLists) {
    schedules.push({ scheduleId: SCHEDULES.exclusionListImport, workflowType: EXCLUSION_LIST_IMPORT_WORKFLOW, every: `${options.exclusionLists.importHours}h`, args: [exclusionListImportInput(options.exclusionLists)] });
  }
  if (options.keyRotation) {
    // Checked daily; each key is rotated once it is older than its period.
    const input: KeyRotationScheduleInput = { dataKeyPeriod: options.keyRotation.dataKeyPeriod, kekPeriod: options.keyRotation.kekPeriod };
    schedules.push({ scheduleId: SCHEDULES.dataKeyRotation, workflowType: KEY_ROTATION_SCHEDULE_WORKFLOW, every: '24h', args: [input] });
  }
  return schedules;
}

/** Creates each schedule, or updates an existing one to the definition given. */
export async function upsertSchedules(client: Client, temporal: Pick<TemporalConfig, 'taskQueue'>, schedules: readonly WorkerSchedule[]): Promise<void> {
  for (const schedule of schedules) {
    const definition = {
      spec: { intervals: [{ every: schedule.every }] },
      action: { type: 'startWorkflow' as const, workflowType: schedule.workflowType, taskQueue: temporal.taskQueue, workflowId: schedule.scheduleId, ...(schedule.args ? { args: schedule.args } : {}) },
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

/** Starts the exclusion list import at once when no list has been imported yet (a new deployment). */
export async function importExclusionListsIfNeverImported(orm: MikroORM, client: Client): Promise<boolean> {
  if (await orm.em.fork().findOne(ExclusionImport, { status: 'COMPLETED' }, { fields: ['id'] })) return false;
  await client.schedule.getHandle(SCHEDULES.exclusionListImport).trigger(ScheduleOverlapPolicy.SKIP);
  return true;
}

/** Takes a base backup at once when none is kept (a new deployment): archived WAL restores nothing without one. */
export async function takeBaseBackupIfNone(backupDir: string, client: Client): Promise<boolean> {
  if ((await localBackupAdapter(backupDir).oldest()) !== null) return false;
  await client.schedule.getHandle(SCHEDULES.backupBase).trigger(ScheduleOverlapPolicy.SKIP);
  return true;
}
