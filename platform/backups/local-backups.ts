// The embedded default of backups: continuous WAL archiving and scheduled base backups of the
// local cluster, each file sealed (sealed-file.ts) under the backup key, kept for a retention
// period, and restorable to any moment since the oldest base backup kept.
//
// Archiving: PostgreSQL's `basic_archive` module copies each finished WAL segment into a spool
// directory owned by the cluster's OS user (postgres, when the stack runs as root), and the worker
// seals and moves the segments into the backup directory every few seconds, deleting the spooled
// copy once its sealed one is on disk. The alternative, an archive_command that encrypts, runs as
// the postgres user and would need the backup key readable by it: anyone who gets the database
// to run a program (a superuser's COPY ... TO PROGRAM) would then read the key that protects
// every backup. With the spool, the key stays with the worker; the price is plaintext segments
// waiting in the spool for seconds, beside the cluster's own pg_wal, which holds the same bytes.
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { KeyProvider } from '../field-encryption/key-provider.ts';
import { packDirectory } from './directory-archive.ts';
import { readSealedHeader, sealToFile, type SealedHeader } from './sealed-file.ts';

/** What the offboarding of an organization needs of any backup system (local, pgBackRest, WAL-G). */
export interface BackupAdapter {
  /** The base backups kept, oldest first, with the times they cover from. */
  list(): Promise<BackupInfo[]>;
  /** The oldest base backup kept: no copy of the data older than it remains (null: none). */
  oldest(): Promise<BackupInfo | null>;
  /** Deletes the base backups that finished before `cutoff`, and the WAL only they needed. */
  purgeOlderThan(cutoff: Date): Promise<{ baseBackups: number; walSegments: number }>;
}

export interface BackupInfo {
  id: string;
  startedAt: Date;
  /** From this moment on (to the newest archived WAL), the backup restores. */
  finishedAt: Date;
  bytes: number;
}

/** Facts of a base backup, kept in its sealed header. */
export interface BaseBackupFacts {
  label: string;
  startedAt: string;
  finishedAt: string;
  startLsn: string;
  stopLsn: string;
  /** The first WAL segment a restore of it replays. */
  startWalFile: string;
}

export interface LocalBackupSettings {
  /** Where sealed backups are kept: `base/` and `wal/`. */
  backupDir: string;
  /** The directory basic_archive copies segments into (basic_archive.archive_directory). */
  spoolDir: string;
  keys: KeyProvider;
}

export const baseDirectory = (backupDir: string) => join(backupDir, 'base');
export const walDirectory = (backupDir: string) => join(backupDir, 'wal');
const SEALED = '.sealed';

/** WAL segments, timeline histories and backup history files: what the archiver hands over. */
// eslint-disable-next-line security/detect-unsafe-regex -- alternatives of fixed lengths: linear
const ARCHIVED_NAME = /^([0-9A-F]{24}(\.partial|\.[0-9A-F]{8}\.backup)?|[0-9A-F]{8}\.history)$/;

/** Seals the spooled WAL files into the backup directory, oldest first; returns how many. */
export async function sealWalSegments(settings: LocalBackupSettings): Promise<number> {
  await mkdir(walDirectory(settings.backupDir), { recursive: true, mode: 0o700 });
  let names: string[];
  try {
    names = (await readdir(settings.spoolDir)).filter((name) => ARCHIVED_NAME.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  for (const name of names) {
    const spooled = join(settings.spoolDir, name);
    await sealToFile(settings.keys, join(walDirectory(settings.backupDir), `${name}${SEALED}`), 'wal', name, createReadStream(spooled), () => ({}));
    await unlink(spooled);
  }
  return names.length;
}

/**
 * Takes a base backup of the running cluster in `clusterDir` with PostgreSQL's low-level API:
 * pg_backup_start, a copy of the data directory, pg_backup_stop (waiting for the WAL it needs to
 * be archived), whose backup_label goes into the copy. The session that starts the backup must
 * stop it: one connection does both.
 */
export async function takeBaseBackup(settings: LocalBackupSettings & { databaseUrl: string; clusterDir: string }): Promise<BackupInfo> {
  await mkdir(baseDirectory(settings.backupDir), { recursive: true, mode: 0o700 });
  const client = new pg.Client({ connectionString: settings.databaseUrl });
  await client.connect();
  const id = new Date().toISOString().replace(/[-:]/g, '').replace(/\.(\d+)Z$/, '$1Z');
  const label = `credence-${id}`;
  let started = false;
  try {
    const start = (await client.query<{ lsn: string; file: string; at: Date }>(`select lsn::text, pg_walfile_name(lsn) as file, now() as at from pg_backup_start($1, true) as lsn`, [label])).rows[0]!;
    started = true;
    let stop: { lsn: string; labelfile: string; at: Date } | null = null;
    const path = join(baseDirectory(settings.backupDir), `${id}${SEALED}`);
    await sealToFile<BaseBackupFacts>(
      settings.keys, path, 'base', id,
      packDirectory(settings.clusterDir, async () => {
        stop = (await client.query<{ lsn: string; labelfile: string; at: Date }>(`select lsn::text, labelfile, clock_timestamp() as at from pg_backup_stop(true)`)).rows[0]!;
        started = false;
        return [{ path: 'backup_label', contents: Buffer.from(stop.labelfile) }];
      }),
      () => ({ label, startedAt: start.at.toISOString(), finishedAt: stop!.at.toISOString(), startLsn: start.lsn, stopLsn: stop!.lsn, startWalFile: start.file }),
    );
    await sealWalSegments(settings);
    return { id, startedAt: start.at, finishedAt: stop!.at, bytes: (await stat(path)).size };
  } finally {
    // A failed copy ends the backup, so that the next one may start.
    if (started) await client.query('select pg_backup_stop(false)').catch(() => {});
    await client.end();
  }
}

async function sealedFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(SEALED)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The base backups kept, oldest first, from their (unverified) headers. */
export async function listBaseBackups(backupDir: string): Promise<(BackupInfo & { path: string; facts: BaseBackupFacts })[]> {
  const found = [];
  for (const name of await sealedFiles(baseDirectory(backupDir))) {
    const path = join(baseDirectory(backupDir), name);
    const { header } = await readSealedHeader<BaseBackupFacts>(path);
    found.push({ id: header.name, startedAt: new Date(header.facts.startedAt), finishedAt: new Date(header.facts.finishedAt), bytes: (await stat(path)).size, path, facts: header.facts });
  }
  return found.sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime());
}

/** The sealed WAL files kept, in archive order. */
export async function listWalFiles(backupDir: string): Promise<{ name: string; path: string }[]> {
  return (await sealedFiles(walDirectory(backupDir))).map((file) => ({ name: file.slice(0, -SEALED.length), path: join(walDirectory(backupDir), file) }));
}

/** The local backup directory behind the BackupAdapter. */
export function localBackupAdapter(backupDir: string): BackupAdapter {
  const list = async () => (await listBaseBackups(backupDir)).map(({ id, startedAt, finishedAt, bytes }) => ({ id, startedAt, finishedAt, bytes }));
  return {
    list,
    async oldest() {
      return (await list())[0] ?? null;
    },
    async purgeOlderThan(cutoff) {
      const bases = await listBaseBackups(backupDir);
      const expired = bases.filter((base) => base.finishedAt < cutoff);
      for (const base of expired) await rm(base.path, { force: true });
      const kept = bases.filter((base) => base.finishedAt >= cutoff);
      // WAL before the oldest kept base backup restores nothing any more; with no base backup
      // left, every segment sealed before the cutoff goes.
      const firstNeeded = kept[0]?.facts.startWalFile;
      let walSegments = 0;
      for (const wal of await listWalFiles(backupDir)) {
        const segment = wal.name.slice(0, 24);
        const old = firstNeeded !== undefined
          ? /^[0-9A-F]{24}/.test(segment) && segment < firstNeeded
          : new Date((await readSealedHeader(wal.path)).header.sealedAt) < cutoff;
        if (old) {
          await rm(wal.path, { force: true });
          walSegments += 1;
        }
      }
      return { baseBackups: expired.length, walSegments };
    },
  };
}

export type { SealedHeader };
