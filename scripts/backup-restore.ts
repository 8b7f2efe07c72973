// npm run backup:restore -- --to <time> [--into <directory>]
// Restores the local stack's backups, as they were at <time> (ISO 8601, e.g. 2026-12-02T03:00:00Z),
// into a fresh data directory (by default beside the stack's: <data dir>-restore-<time>), never
// into the one `npm start` runs. The restored directory is a whole stack's: its secrets and
// field-encryption keyring are copied in, so `CREDENCE_DATA_DIR=<it> npm start` runs it.
//   Reads: CREDENCE_DATA_DIR (.credence), BACKUP_DIR (<data dir>/backups), and the backup keys:
//   BACKUP_KEYS or BACKUP_KEYRING_FILE (<data dir>/backup-keyring.json).
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareRestore } from '../platform/backups/restore.ts';
import { AppError, badUserInput } from '../platform/errors.ts';
import { listWalFiles } from '../platform/backups/local-backups.ts';
import { loadBackupRestoreConfig } from '../platform/config.ts';
import { keyProviderFromConfig } from '../platform/field-encryption/key-provider.ts';
import { freePort } from '../stack/ports.ts';
import { startPostgres } from '../stack/postgres.ts';
import { consoleProgress, silentProgress, type Progress } from '../stack/progress.ts';
import type { StackSecrets } from '../stack/secrets.ts';
import { postgresDirectory } from '../stack/stack.ts';

const USAGE = 'Usage: npm run backup:restore -- --to <time, ISO 8601 like 2026-12-02T03:00:00Z> [--into <new data directory>]';

/** Files of a stack's data directory that its restored copy needs: role passwords, field-encryption keys, its environment. */
const STACK_FILES = ['secrets.json', 'keyring.json', 'stack.json'];

export async function restoreLocalStack(options: { to: Date; into?: string; env?: Readonly<Record<string, string | undefined>>; progress?: Progress }) {
  const env = options.env ?? process.env;
  const progress = options.progress ?? silentProgress;
  const { to } = options;
  if (Number.isNaN(to.getTime())) throw badUserInput(`--to is not a time. ${USAGE}`);
  if (to.getTime() > Date.now()) throw badUserInput(`--to ${to.toISOString()} is in the future`);
  const sourceDir = resolve(env.CREDENCE_DATA_DIR ?? new URL('../.credence', import.meta.url).pathname);
  const config = loadBackupRestoreConfig(env, { backupDir: join(sourceDir, 'backups'), keyringFile: join(sourceDir, 'backup-keyring.json') });
  if (config.keys.keys.length === 0 && !existsSync(config.keys.keyringFile!)) {
    throw new AppError('NOT_FOUND', `The backup keyring ${config.keys.keyringFile} does not exist: put back the copy you keep apart from the backups, or set BACKUP_KEYS`);
  }
  const secretsFile = join(sourceDir, 'secrets.json');
  if (!existsSync(secretsFile)) throw new AppError('NOT_FOUND', `No local stack in ${sourceDir} (no secrets.json): set CREDENCE_DATA_DIR to the data directory the backups are of`);
  const dataDir = resolve(options.into ?? `${sourceDir}-restore-${to.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`);
  if (dataDir === sourceDir) throw badUserInput('--into names the data directory the stack runs from: restore into a fresh one');
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw badUserInput(`${dataDir} is not empty: restore into a fresh directory`);

  const fresh = !existsSync(dataDir);
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  chmodSync(dataDir, 0o711); // as root, the postgres user must reach the cluster directory inside
  const clusterDir = postgresDirectory(dataDir, progress);
  try {
    const restore = await progress.time('backups verified and unpacked', () =>
      prepareRestore({ backupDir: config.backupDir, keys: keyProviderFromConfig(config.keys), to, clusterDir, walDir: join(dirname(clusterDir), 'wal-restore') }));
    for (const file of STACK_FILES) if (existsSync(join(sourceDir, file))) copyFileSync(join(sourceDir, file), join(dataDir, file));
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as StackSecrets;
    const logFile = join(dataDir, 'logs', 'postgres.log');
    try {
      const { postgres } = await progress.time(`WAL replayed to ${to.toISOString()}`, async () =>
        startPostgres({ dir: clusterDir, port: await freePort(), superuserPassword: secrets.postgresSuperuserPassword, logFile, progress }));
      await postgres.stop();
    } catch (error) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      if (/recovery ended before configured recovery target was reached/.test(log)) {
        const newest = (await listWalFiles(config.backupDir)).at(-1)?.name ?? 'none';
        throw new AppError('NOT_FOUND', `The archived WAL ends before ${to.toISOString()} (newest sealed segment: ${newest}). Pick an earlier moment, or wait for the worker to seal the current segment (at most a minute).`);
      }
      throw error;
    }
    restore.finish();
    return { dataDir, clusterDir, baseBackupId: restore.baseBackupId, walSegments: restore.walSegments };
  } catch (error) {
    // Nothing half-restored is left behind.
    rmSync(clusterDir, { recursive: true, force: true });
    if (fresh) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

if (import.meta.main) {
  try {
    const { values } = parseArgs({ options: { to: { type: 'string' }, into: { type: 'string' } } });
    if (!values.to) throw badUserInput(USAGE);
    const restored = await restoreLocalStack({ to: new Date(values.to), into: values.into, progress: consoleProgress() });
    console.log(`restored to ${new Date(values.to).toISOString()} from base backup ${restored.baseBackupId} and ${restored.walSegments} WAL file(s) into ${restored.dataDir}`);
    console.log(`run it with: CREDENCE_DATA_DIR=${restored.dataDir} npm start`);
  } catch (error) {
    console.error(error instanceof AppError ? error.message : `npm run backup:restore failed: ${(error as Error).message}`);
    process.exit(error instanceof AppError && error.code === 'BAD_USER_INPUT' ? 2 : 1);
  }
}
