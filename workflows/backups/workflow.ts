// Run by the `backup-wal` schedule (every BACKUP_WAL_SEAL_SECONDS) and the `backup-base` schedule
// (every BACKUP_BASE_HOURS); with pgBackRest or WAL-G, only the `backup-retention` schedule (every
// BACKUP_PURGE_HOURS), the tool taking the backups itself.
import { proxyActivities } from '@temporalio/workflow';
import type { BackupActivities } from './activities.ts';

const { sealArchivedWal } = proxyActivities<BackupActivities>({ startToCloseTimeout: '10 minutes', retry: { maximumAttempts: 3 } });
const { takeBaseBackup, purgeExpiredBackups } = proxyActivities<BackupActivities>({ startToCloseTimeout: '6 hours', retry: { maximumAttempts: 3 } });

export async function walArchiveWorkflow(): Promise<{ sealed: number }> {
  return sealArchivedWal();
}

export async function baseBackupWorkflow(): Promise<{ backup: { id: string; finishedAt: string; bytes: number }; purged: { baseBackups: number; walSegments: number } }> {
  const backup = await takeBaseBackup();
  const purged = await purgeExpiredBackups();
  return { backup, purged };
}

/** The retention purge alone, through the operator's backup tool. */
export async function backupRetentionWorkflow(): Promise<{ baseBackups: number; walSegments: number }> {
  return purgeExpiredBackups();
}
