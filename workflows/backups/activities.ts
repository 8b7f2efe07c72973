// Backups of the embedded cluster (platform/backups/local-backups.ts), run by the worker on its
// schedules: WAL sealed every few seconds, a base backup every few hours followed by the purge of
// what the retention period no longer keeps. With the operator's pgBackRest or WAL-G, the tool
// takes the backups and the worker only runs the purge, through the tool. Each base backup taken
// and each one purged is an audit event of the platform's chain, as the system.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { recordAudit, type AuditEventInput } from '../../platform/audit.ts';
import type { BackupToolConfig, LocalBackupsConfig } from '../../platform/config.ts';
import type { MikroORM } from '../../platform/database/orm.ts';
import { systemCaller } from '../../domain/system-caller.ts';
import type { KeyProvider } from '../../platform/field-encryption/key-provider.ts';
import type { Logger } from '../../platform/logger.ts';
import { createBackupAdapter, type BackupAdapter } from '../../platform/backups/adapter.ts';
import { sealWalSegments, takeBaseBackup } from '../../platform/backups/local-backups.ts';

export interface BackupDeps {
  /** Null where the database is backed up by its own tools (pgBackRest, WAL-G). */
  backups?: (LocalBackupsConfig & { databaseUrl: string; backupKeys: KeyProvider }) | null;
  /** The operator's pgBackRest or WAL-G (BACKUP_ADAPTER): it takes the backups; the purge goes through it. */
  backupTool?: BackupToolConfig | null;
  /** The adapter the worker built (createBackupAdapter); absent: built here from the settings above. */
  backupAdapter?: BackupAdapter | null;
  logger?: Logger;
  /** Where the events of backups are written (the worker's database). */
  orm?: MikroORM;
}

const DAY_MS = 24 * 3600_000;

export function createBackupActivities(deps: BackupDeps) {
  const settings = () => {
    if (!deps.backups) throw ApplicationFailure.nonRetryable('This worker keeps no backups (BACKUP_DIR is not set)', 'BACKUPS_NOT_CONFIGURED');
    return { ...deps.backups, keys: deps.backups.backupKeys };
  };
  const adapter = deps.backupAdapter !== undefined ? deps.backupAdapter : createBackupAdapter(deps);
  const retention = () => {
    const retentionDays = deps.backups?.retentionDays ?? deps.backupTool?.retentionDays;
    if (!adapter || retentionDays === undefined) throw ApplicationFailure.nonRetryable('This worker has no backups to purge (neither BACKUP_DIR nor BACKUP_ADAPTER is set)', 'BACKUPS_NOT_CONFIGURED');
    return { adapter, retentionDays };
  };
  const audit = async (events: AuditEventInput[]) => {
    if (!deps.orm || events.length === 0) return;
    await deps.orm.em.fork().transactional((em) => recordAudit(em, systemCaller(`backup-${randomUUID()}`), events));
  };
  return {
    async sealArchivedWal(): Promise<{ sealed: number }> {
      return { sealed: await sealWalSegments(settings()) };
    },
    async takeBaseBackup(): Promise<{ id: string; finishedAt: string; bytes: number }> {
      const backup = await takeBaseBackup(settings());
      deps.logger?.info({ backupId: backup.id, bytes: backup.bytes }, 'base backup taken');
      await audit([{ action: 'CREATE', resourceType: 'BaseBackup', resourceId: backup.id, outcome: 'SUCCESS', reason: 'base_backup' }]);
      return { id: backup.id, finishedAt: backup.finishedAt.toISOString(), bytes: backup.bytes };
    },
    async purgeExpiredBackups(): Promise<{ baseBackups: number; walSegments: number }> {
      const { adapter, retentionDays } = retention();
      // The newest base backup is kept whatever its age: without it nothing restores.
      const before = await adapter.list();
      const newest = before.at(-1);
      const cutoff = new Date(Math.min(Date.now() - retentionDays * DAY_MS, newest ? newest.finishedAt.getTime() : Infinity));
      const purged = await adapter.purgeOlderThan(cutoff);
      const kept = new Set((await adapter.list()).map((backup) => backup.id));
      await audit([
        ...before.filter((backup) => !kept.has(backup.id)).map((backup) => ({ action: 'DELETE' as const, resourceType: 'BaseBackup' as const, resourceId: backup.id, outcome: 'SUCCESS' as const, reason: 'retention_expired' })),
        ...(purged.walSegments > 0 ? [{ action: 'DELETE' as const, resourceType: 'WalArchive' as const, resourceId: null, outcome: 'SUCCESS' as const, reason: `retention_expired:wal_segments:${purged.walSegments}` }] : []),
      ]);
      return purged;
    },
  };
}

export type BackupActivities = ReturnType<typeof createBackupActivities>;
