// Backups of the embedded cluster (platform/backups/local-backups.ts), run by the worker on its
// schedules: WAL sealed every few seconds, a base backup every few hours followed by the purge of
// what the retention period no longer keeps.
import { ApplicationFailure } from '@temporalio/activity';
import type { LocalBackupsConfig } from '../../platform/config.ts';
import type { KeyProvider } from '../../platform/field-encryption/key-provider.ts';
import type { Logger } from '../../platform/logger.ts';
import { localBackupAdapter, sealWalSegments, takeBaseBackup } from '../../platform/backups/local-backups.ts';

export interface BackupDeps {
  /** Null where the database is backed up by its own tools (pgBackRest, WAL-G). */
  backups?: (LocalBackupsConfig & { databaseUrl: string; backupKeys: KeyProvider }) | null;
  logger?: Logger;
}

const DAY_MS = 24 * 3600_000;

export function createBackupActivities(deps: BackupDeps) {
  const settings = () => {
    if (!deps.backups) throw ApplicationFailure.nonRetryable('This worker keeps no backups (BACKUP_DIR is not set)', 'BACKUPS_NOT_CONFIGURED');
    return { ...deps.backups, keys: deps.backups.backupKeys };
  };
  return {
    async sealArchivedWal(): Promise<{ sealed: number }> {
      return { sealed: await sealWalSegments(settings()) };
    },
    async takeBaseBackup(): Promise<{ id: string; finishedAt: string; bytes: number }> {
      const backup = await takeBaseBackup(settings());
      deps.logger?.info({ backupId: backup.id, bytes: backup.bytes }, 'base backup taken');
      return { id: backup.id, finishedAt: backup.finishedAt.toISOString(), bytes: backup.bytes };
    },
    async purgeExpiredBackups(): Promise<{ baseBackups: number; walSegments: number }> {
      const { backupDir, retentionDays } = settings();
      const adapter = localBackupAdapter(backupDir);
      // The newest base backup is kept whatever its age: without it nothing restores.
      const newest = (await adapter.list()).at(-1);
      const cutoff = new Date(Math.min(Date.now() - retentionDays * DAY_MS, newest ? newest.finishedAt.getTime() : Infinity));
      return adapter.purgeOlderThan(cutoff);
    },
  };
}

export type BackupActivities = ReturnType<typeof createBackupActivities>;
