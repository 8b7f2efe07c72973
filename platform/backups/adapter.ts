// The one place a worker's BackupAdapter is chosen: the local backup directory (BACKUP_DIR), or
// the operator's pgBackRest or WAL-G (BACKUP_ADAPTER); none where neither is configured.
import type { BackupToolConfig } from '../config.ts';
import { localBackupAdapter, type BackupAdapter } from './local-backups.ts';
import { pgBackRestAdapter } from './pgbackrest.ts';
import { walGAdapter } from './wal-g.ts';

export type { BackupAdapter, BackupInfo } from './local-backups.ts';

export function createBackupAdapter(config: { backups?: { backupDir: string } | null; backupTool?: BackupToolConfig | null }): BackupAdapter | null {
  const tool = config.backupTool;
  if (tool?.adapter === 'pgbackrest') return pgBackRestAdapter({ bin: tool.bin, stanza: tool.stanza, env: tool.env });
  if (tool?.adapter === 'wal-g') return walGAdapter({ bin: tool.bin, env: tool.env });
  return config.backups ? localBackupAdapter(config.backups.backupDir) : null;
}
