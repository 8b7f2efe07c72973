// pgBackRest behind the BackupAdapter: the backups of one stanza, from `pgbackrest info
// --output=json` (whose JSON the project documents as stable), and their purge by pgBackRest's own
// expiry.
//
// The purge expires each full backup older than the cutoff with `expire --set=<label>`, which
// takes its differential and incremental backups with it (they cannot restore without it), newest
// first inside the set, and then lets pgBackRest's archive retention remove the WAL only they
// needed. Not `--repo-retention-full`: its time-based retention keeps the newest full backup older
// than the period (so that the whole period restores), which is the copy an offboarding needs gone.
// The newest full backup is never expired (pgBackRest refuses to expire the only full backup of a
// repository): it goes once the tool's schedule has taken a newer one.
import type { BackupAdapter, BackupInfo } from './local-backups.ts';
import { adapterOverTool, malformed, parseToolJson, runBackupTool, type BackupTool } from './backup-tool.ts';

export interface PgBackRestSettings {
  /** PGBACKREST_BIN: the pgbackrest executable. */
  bin: string;
  /** PGBACKREST_STANZA: the stanza of the Credence cluster. */
  stanza: string;
  /** What pgbackrest runs with (PATH, its PGBACKREST_* options). */
  env: Record<string, string>;
}

type BackupType = 'full' | 'diff' | 'incr';

interface PgBackRestBackup extends BackupInfo {
  type: BackupType;
}

/** pgBackRest's stanza status codes (info command): 0 ok, 2 no valid backups yet. Others say it cannot be read. */
const READABLE_STATUS = new Set([0, 2]);
/** A backup label as pgBackRest makes them: 20261202-031500F, 20261202-031500F_20261202-041500I. */
const FULL_LABEL = /^\d{8}-\d{6}F$/;
const DEPENDENT_LABEL = /^\d{8}-\d{6}F_\d{8}-\d{6}[DI]$/;
const isLabel = (label: unknown): label is string => typeof label === 'string' && (FULL_LABEL.test(label) || DEPENDENT_LABEL.test(label));

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function pgBackRestAdapter(settings: PgBackRestSettings): BackupAdapter {
  const tool: BackupTool = { name: 'pgBackRest', bin: settings.bin, env: settings.env };

  async function backups(): Promise<PgBackRestBackup[]> {
    const args = [`--stanza=${settings.stanza}`, '--output=json', 'info'];
    const answer = parseToolJson(tool, args, await runBackupTool(tool, args));
    if (!Array.isArray(answer)) throw malformed(tool, args, 'not a list of stanzas');
    const stanza = (answer as unknown[]).find((entry) => isRecord(entry) && entry.name === settings.stanza);
    if (!isRecord(stanza)) throw malformed(tool, args, `no stanza "${settings.stanza}" in it`);
    const status = stanza.status;
    if (!isRecord(status) || typeof status.code !== 'number') throw malformed(tool, args, 'the stanza has no status code');
    if (!READABLE_STATUS.has(status.code)) {
      throw malformed(tool, args, `the stanza "${settings.stanza}" is not readable: status ${status.code} (${typeof status.message === 'string' ? status.message : 'no message'})`);
    }
    if (!Array.isArray(stanza.backup)) throw malformed(tool, args, 'the stanza has no backup list');
    return stanza.backup.map((backup, index): PgBackRestBackup => {
      if (!isRecord(backup)) throw malformed(tool, args, `backup ${index} is not an object`);
      const { label, type, timestamp, info } = backup;
      if (!isLabel(label)) throw malformed(tool, args, `backup ${index} has no label like 20261202-031500F`);
      if (type !== 'full' && type !== 'diff' && type !== 'incr') throw malformed(tool, args, `backup ${label} has type ${JSON.stringify(type)}`);
      if (!isRecord(timestamp) || typeof timestamp.start !== 'number' || typeof timestamp.stop !== 'number') throw malformed(tool, args, `backup ${label} has no timestamp start and stop`);
      const repository = isRecord(info) ? info.repository : undefined;
      if (!isRecord(repository) || typeof repository.size !== 'number') throw malformed(tool, args, `backup ${label} has no info.repository.size`);
      // pgBackRest's timestamps are Unix epoch seconds.
      return { id: label, type, startedAt: new Date(timestamp.start * 1000), finishedAt: new Date(timestamp.stop * 1000), bytes: repository.size };
    }).sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime());
  }

  return adapterOverTool(backups, async (before, cutoff) => {
    const fulls = before.filter((backup) => backup.type === 'full');
    const newestFull = fulls.at(-1);
    const expired = fulls.filter((full) => full !== newestFull && full.finishedAt < cutoff);
    for (const full of expired) await runBackupTool(tool, [`--stanza=${settings.stanza}`, 'expire', `--set=${full.id}`]);
    return expired.length > 0;
  });
}
