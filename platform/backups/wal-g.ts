// WAL-G behind the BackupAdapter: its backups from `wal-g backup-list --json --detail`, and their
// purge by WAL-G's own `delete before FIND_FULL <backup_name> --confirm`, which deletes every
// backup before the named one (keeping what it needs: with FIND_FULL, the full backup a delta
// stands on) and the WAL only they needed.
//
// The purge names the oldest full backup that finished at or after the cutoff: every backup
// before it goes, delta backups standing on an older full one included (they cannot restore
// without it). With no full backup that recent, it names the newest full backup, which is kept
// whatever its age (nothing restores without one) until the tool's schedule has taken a newer
// one. Backups marked permanent are never deleted by WAL-G, and so stay listed.
import type { BackupAdapter, BackupInfo } from './local-backups.ts';
import { adapterOverTool, malformed, parseToolJson, runBackupTool, type BackupTool } from './backup-tool.ts';

export interface WalGSettings {
  /** WALG_BIN: the wal-g executable. */
  bin: string;
  /** What wal-g runs with (PATH, its WALG_* storage and encryption settings, the cloud credentials). */
  env: Record<string, string>;
}

interface WalGBackup extends BackupInfo {
  full: boolean;
}

/** WAL-G's backup names: base_<WAL segment>, and base_<segment>_D_<segment of the backup it is a delta of>. */
const FULL_NAME = /^base_[0-9A-F]{24}$/;
const DELTA_NAME = /^base_[0-9A-F]{24}_D_[0-9A-F]{24}$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function walGAdapter(settings: WalGSettings): BackupAdapter {
  const tool: BackupTool = { name: 'WAL-G', bin: settings.bin, env: settings.env };

  async function backups(): Promise<WalGBackup[]> {
    const args = ['backup-list', '--json', '--detail'];
    const output = (await runBackupTool(tool, args)).trim();
    // With no backup, wal-g says so on its log and prints nothing (or null): a success, not a failure.
    if (output === '' || output === 'null') return [];
    const answer = parseToolJson(tool, args, output);
    if (!Array.isArray(answer)) throw malformed(tool, args, 'not a list of backups');
    return answer.map((backup, index) => {
      if (!isRecord(backup)) throw malformed(tool, args, `backup ${index} is not an object`);
      const { backup_name: name, start_time: start, finish_time: finish, compressed_size: size } = backup;
      if (typeof name !== 'string' || !(FULL_NAME.test(name) || DELTA_NAME.test(name))) throw malformed(tool, args, `backup ${index} has no backup_name like base_000000010000000000000002`);
      const startedAt = new Date(typeof start === 'string' ? start : NaN);
      const finishedAt = new Date(typeof finish === 'string' ? finish : NaN);
      if (Number.isNaN(startedAt.getTime()) || Number.isNaN(finishedAt.getTime())) throw malformed(tool, args, `backup ${name} has no start_time and finish_time (use --detail)`);
      if (typeof size !== 'number') throw malformed(tool, args, `backup ${name} has no compressed_size`);
      return { id: name, full: !name.includes('_D_'), startedAt, finishedAt, bytes: size };
    }).sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime());
  }

  return adapterOverTool(backups, async (before, cutoff) => {
    const fulls = before.filter((backup) => backup.full);
    const keepFrom = fulls.find((backup) => backup.finishedAt >= cutoff) ?? fulls.at(-1);
    if (!keepFrom || before[0] === keepFrom) return false;
    await runBackupTool(tool, ['delete', 'before', 'FIND_FULL', keepFrom.id, '--confirm']);
    return true;
  });
}
