// Point-in-time recovery from the local backups into a fresh data directory: the newest base
// backup that finished before the moment asked for, unpacked, and the WAL archived since replayed
// up to that moment (recovery_target_time), then promoted. Every file is verified as it is opened:
// a tampered or truncated one stops the restore, and what was unpacked is deleted.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { AppError, badUserInput } from '../errors.ts';
import type { KeyProvider } from '../field-encryption/key-provider.ts';
import { unpackInto } from './directory-archive.ts';
import { listBaseBackups, listWalFiles } from './local-backups.ts';
import { openSealedFile, openSealedFileToBuffer } from './sealed-file.ts';


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
 * Unpacks the base backup into `clusterDir` and decrypts the WAL from its start into `walDir`
 * (neither may hold anything yet), which restore_command copies from: the cluster's OS user never
 * needs the backup key.
 */
export async function prepareRestore(options: { backupDir: string; keys: KeyProvider; to: Date; clusterDir: string; walDir: string }): Promise<PreparedRestore> {
  const { backupDir, keys, to, clusterDir, walDir } = options;
  for (const dir of [clusterDir, walDir]) {
    if (existsSync(dir) && readdirSync(dir).length > 0) throw badUserInput(`${dir} is not empty: restore into a fresh directory`);
    // The WAL directory is written into restore_command, a quoted setting that expands %.
    if (/['"%\\\n]/.test(dir)) throw badUserInput(`${dir}: restore into a directory whose path has no quote, %, backslash or line break`);
  }
  const bases = await listBaseBackups(backupDir);
  const base = bases.filter((backup) => backup.finishedAt <= to).at(-1);
  if (!base) {
    throw new AppError('NOT_FOUND', bases[0] ? `No base backup finished before ${to.toISOString()}: the oldest kept finished at ${bases[0].finishedAt.toISOString()}` : `No base backup in ${backupDir}`);
  }
  for (const dir of [clusterDir, walDir]) {
    mkdirSync(dirname(dir), { recursive: true, mode: 0o711 });
    rmSync(dir, { recursive: true, force: true });
  }
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
    handToClusterUser([clusterDir, walDir]);
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
function handToClusterUser(dirs: string[]): void {
  if (userInfo().uid !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  const walk = (path: string) => {
    chownSync(path, uid, gid);
    if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  for (const dir of dirs) walk(dir);
}
