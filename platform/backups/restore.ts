// Point-in-time recovery from the local backups into a fresh data directory: the newest base
// backup that finished before the moment asked for, unpacked, and the WAL archived since replayed
// up to that moment (recovery_target_time), then promoted. Every file is verified as it is opened:
// a tampered or truncated one stops the restore, and what was unpacked is deleted.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { KeyProvider } from '../field-encryption/key-provider.ts';
import { unpackInto } from './directory-archive.ts';
import { listBaseBackups, listWalFiles } from './local-backups.ts';
import { openSealedFile, openSealedFileToBuffer } from './sealed-file.ts';

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

export interface PreparedRestore {
  /** The cluster directory, ready to start: it recovers to `to` and promotes. */
  clusterDir: string;
  baseBackupId: string;
  walSegments: number;
  /** Removes the replay settings and the decrypted WAL once the cluster has recovered. */
  finish(): void;
}

const RESTORE_SETTINGS_MARK = '# credence backup:restore';

/**
 * Unpacks the base backup and decrypts the WAL from its start into `into` (which must not exist
 * or be empty). The decrypted WAL waits in `into/wal-restore`, which restore_command copies
 * from: the cluster's OS user never needs the backup key.
 */
export async function prepareRestore(options: { backupDir: string; keys: KeyProvider; to: Date; into: string }): Promise<PreparedRestore> {
  const { backupDir, keys, to, into } = options;
  if (existsSync(into) && readdirSync(into).length > 0) throw new RestoreError(`${into} is not empty: restore into a fresh directory`);
  const base = (await listBaseBackups(backupDir)).filter((backup) => backup.finishedAt <= to).at(-1);
  if (!base) {
    const oldest = (await listBaseBackups(backupDir))[0];
    throw new RestoreError(oldest ? `No base backup finished before ${to.toISOString()}: the oldest kept finished at ${oldest.finishedAt.toISOString()}` : `No base backup in ${backupDir}`);
  }
  mkdirSync(into, { recursive: true, mode: 0o711 });
  const clusterDir = join(into, 'postgres');
  const walDir = join(into, 'wal-restore');
  try {
    mkdirSync(clusterDir, { mode: 0o700 });
    await openSealedFile(keys, base.path, { kind: 'base', name: base.id }, unpackInto(clusterDir));
    mkdirSync(walDir, { mode: 0o700 });
    let walSegments = 0;
    for (const wal of await listWalFiles(backupDir)) {
      const segment = wal.name.slice(0, 24);
      if (/^[0-9A-F]{24}$/.test(segment) && segment < base.facts.startWalFile) continue;
      const { contents } = await openSealedFileToBuffer(keys, wal.path, { kind: 'wal', name: wal.name });
      writeFileSync(join(walDir, wal.name), contents, { mode: 0o600 });
      walSegments += 1;
    }
    writeFileSync(join(clusterDir, 'recovery.signal'), '', { mode: 0o600 });
    appendFileSync(
      join(clusterDir, 'postgresql.auto.conf'),
      [
        RESTORE_SETTINGS_MARK,
        `restore_command = 'cp "${walDir}/%f" "%p"'`,
        `recovery_target_time = '${to.toISOString().replace('T', ' ').replace('Z', '+00')}'`,
        `recovery_target_action = 'promote'`,
        `archive_mode = 'off'`,
        '',
      ].join('\n'),
    );
    handToClusterUser(into, [clusterDir, walDir]);
    return {
      clusterDir,
      baseBackupId: base.id,
      walSegments,
      finish() {
        const conf = join(clusterDir, 'postgresql.auto.conf');
        const text = readFileSync(conf, 'utf8');
        const kept = text.slice(0, text.indexOf(RESTORE_SETTINGS_MARK));
        writeFileSync(conf, kept);
        rmSync(walDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(clusterDir, { recursive: true, force: true });
    rmSync(walDir, { recursive: true, force: true });
    throw error;
  }
}

/** As root the cluster runs as the postgres user (stack/postgres.ts): it must own what it reads. */
function handToClusterUser(into: string, dirs: string[]): void {
  if (userInfo().uid !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chmodSync(into, 0o711);
  const walk = (path: string) => {
    chownSync(path, uid, gid);
    if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  for (const dir of dirs) walk(dir);
}
