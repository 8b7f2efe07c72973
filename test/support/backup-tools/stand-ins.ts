// The stand-ins for pgBackRest and WAL-G (executables beside this file), each with its state
// file: the backups it answers, in the tool's own JSON format, the calls it received, a failure to
// answer with.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const SECOND = 1000;

interface StandInState<Backup> {
  stanza?: string;
  backups: Backup[];
  calls: string[][];
  fail?: { status: number; stderr: string };
  rawOutput?: string;
  status?: { code: number; message: string };
}

export interface StandIn<Backup> {
  bin: string;
  /** The whole environment the tool runs with: PATH (node), and where the stand-in keeps its state. */
  env: Record<string, string>;
  backups(): Backup[];
  calls(): string[][];
  update(change: Partial<StandInState<Backup>>): void;
}

function standIn<Backup>(tool: 'pgbackrest' | 'wal-g', dir: string, stateVariable: string, initial: Partial<StandInState<Backup>>): StandIn<Backup> {
  mkdirSync(dir, { recursive: true });
  const statePath = join(dir, 'stand-in.json');
  const read = (): StandInState<Backup> => JSON.parse(readFileSync(statePath, 'utf8')) as StandInState<Backup>;
  writeFileSync(statePath, JSON.stringify({ backups: [], calls: [], ...initial }));
  return {
    bin: join(HERE, tool),
    env: { PATH: process.env.PATH ?? '', [stateVariable]: dir },
    backups: () => read().backups,
    calls: () => read().calls,
    update: (change) => writeFileSync(statePath, JSON.stringify({ ...read(), ...change })),
  };
}

/** One backup as `pgbackrest info --output=json` shows it (pgBackRest 2.5x). */
export interface PgBackRestBackupJson {
  label: string;
  type: 'full' | 'diff' | 'incr';
  prior: string | null;
  reference: string[] | null;
  timestamp: { start: number; stop: number };
  info: { size: number; delta: number; repository: { size: number; delta: number } };
  archive: { start: string; stop: string };
  backrest: { format: number; version: string };
  database: { id: number; 'repo-key': number };
  lsn: { start: string; stop: string };
  error: boolean;
}

export function pgBackRestStandIn(dir: string, stanza: string, backups: PgBackRestBackupJson[] = []): StandIn<PgBackRestBackupJson> {
  return standIn('pgbackrest', dir, 'PGBACKREST_REPO1_PATH', { stanza, backups });
}

/** A pgBackRest backup that ran from `start` to `stop`; a diff or incr names the backups it stands on. */
export function pgBackRestBackup(label: string, start: Date, stop: Date, options: { repositorySize: number; prior?: string; reference?: string[]; wal: string }): PgBackRestBackupJson {
  const type = label.endsWith('F') ? 'full' : label.endsWith('D') ? 'diff' : 'incr';
  return {
    label, type, prior: options.prior ?? null, reference: options.reference ?? null,
    timestamp: { start: Math.floor(start.getTime() / SECOND), stop: Math.floor(stop.getTime() / SECOND) },
    info: { size: options.repositorySize * 4, delta: options.repositorySize * 4, repository: { size: options.repositorySize, delta: options.repositorySize } },
    archive: { start: options.wal, stop: options.wal },
    backrest: { format: 5, version: '2.54.0' },
    database: { id: 1, 'repo-key': 1 },
    lsn: { start: '0/2000028', stop: '0/2000138' },
    error: false,
  };
}

/** One backup as `wal-g backup-list --json --detail` shows it. */
export interface WalGBackupJson {
  backup_name: string;
  time: string;
  wal_file_name: string;
  storage_name: string;
  start_time: string;
  finish_time: string;
  date_fmt: string;
  hostname: string;
  data_dir: string;
  pg_version: number;
  start_lsn: number;
  finish_lsn: number;
  is_permanent: boolean;
  system_identifier: number;
  uncompressed_size: number;
  compressed_size: number;
}

export function walGStandIn(dir: string, backups: WalGBackupJson[] = []): StandIn<WalGBackupJson> {
  return standIn('wal-g', dir, 'WALG_FILE_PREFIX', { backups });
}

/** A WAL-G backup starting at WAL segment `wal`; a delta names the segment of the backup it is a delta of. */
export function walGBackup(wal: string, start: Date, finish: Date, options: { compressedSize: number; deltaOf?: string; permanent?: boolean }): WalGBackupJson {
  return {
    backup_name: options.deltaOf ? `base_${wal}_D_${options.deltaOf}` : `base_${wal}`,
    time: new Date(finish.getTime() + 2 * SECOND).toISOString(),
    wal_file_name: wal,
    storage_name: 'default',
    start_time: start.toISOString(),
    finish_time: finish.toISOString(),
    date_fmt: '%Y-%m-%dT%H:%M:%S.%fZ',
    hostname: 'db-1',
    data_dir: '/var/lib/postgresql/16/main',
    pg_version: 160004,
    start_lsn: 33554472,
    finish_lsn: 33554744,
    is_permanent: options.permanent ?? false,
    system_identifier: 7412345678901234567,
    uncompressed_size: options.compressedSize * 4,
    compressed_size: options.compressedSize,
  };
}
