// npm run backup:restore -- --to <time> [--into <directory>]
// Restores the local stack's backups, as they were at <time> (ISO 8601, e.g. 2026-12-02T03:00:00Z),
// into a fresh data directory (by default beside the stack's: <data dir>-restore-<time>), never
// into the one `npm start` runs. The restored directory is a whole stack's: its secrets and
// field-encryption keyring are copied in, so `CREDENCE_DATA_DIR=<it> npm start` runs it.
// The restore is an audit event (as the system, in the platform's chain) of the restored
// database: the one that goes on from here, whose history it explains (what happened after the
// moment is not in it), while the source may be the database that was lost. Where that database
// has no audit log to write to, the event is logged instead, and the restore goes on: a
// recovery is not refused for its record.
//   Reads: CREDENCE_DATA_DIR (.credence), BACKUP_DIR (<data dir>/backups), and the backup keys:
//   BACKUP_KEYS or BACKUP_KEYRING_FILE (<data dir>/backup-keyring.json).
import { randomUUID } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { recordAudit, type AuditEventInput } from '../platform/audit.ts';
import { prepareRestore } from '../platform/backups/restore.ts';
import { openDatabase, type MikroORM } from '../platform/database/orm.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { systemCaller } from '../domain/system-caller.ts';
import { AppError, badUserInput } from '../platform/errors.ts';
import { listWalFiles } from '../platform/backups/local-backups.ts';
import { loadBackupRestoreConfig } from '../platform/config.ts';
import { keyProviderFromConfig } from '../platform/field-encryption/key-provider.ts';
import { freePort } from '../stack/ports.ts';
import { startPostgres } from '../stack/postgres.ts';
import { consoleProgress, silentProgress, type Progress } from '../stack/progress.ts';
import type { StackSecrets } from '../stack/secrets.ts';
import { postgresDirectory } from '../stack/cluster-home.ts';

const USAGE = 'Usage: npm run backup:restore -- --to <time, ISO 8601 like 2026-12-02T03:00:00Z> [--into <new data directory>]';

/** Files of a stack's data directory that its restored copy needs: role passwords, field-encryption keys, its environment. */
const STACK_FILES = ['secrets.json', 'keyring.json', 'stack.json'];

/**
 * Writes the restore's event into the restored database as it first runs; false (and logged, with
 * the event) where it has no audit log or the write fails.
 */
async function recordRestore(databaseUrl: string, event: AuditEventInput, requestId: string, logger: Logger): Promise<boolean> {
  let orm: MikroORM | null = null;
  try {
    orm = await openDatabase({ url: databaseUrl, logger });
    // Raw SQL: whether the restored database has the table at all (the catalog).
    const [found] = await orm.em.fork().execute<{ table: string | null }[]>(`select to_regclass('audit.events')::text as table`);
    if (!found?.table) {
      logger.warn({ reason: 'restore_not_audited:no_audit_log', requestId, event }, 'the restored database has no audit log: the restore is recorded in this log only');
      return false;
    }
    await orm.em.fork().transactional((em) => recordAudit(em, systemCaller(requestId), event));
    return true;
  } catch (error) {
    logger.error({ err: error, reason: 'restore_not_audited:write_failed', requestId, event }, 'the restore could not be written to the restored audit log: it is recorded in this log only');
    return false;
  } finally {
    await orm?.close();
  }
}

export async function restoreLocalStack(options: { to: Date; into?: string; env?: Readonly<Record<string, string | undefined>>; progress?: Progress; logger?: Logger }) {
  const env = options.env ?? process.env;
  const progress = options.progress ?? silentProgress;
  const logger = options.logger ?? createLogger({ service: 'backup-restore', level: 'warn' });
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
    let audited: boolean;
    try {
      const { postgres } = await progress.time(`WAL replayed to ${to.toISOString()}`, async () =>
        startPostgres({ dir: clusterDir, port: await freePort(), superuserPassword: secrets.postgresSuperuserPassword, logFile, progress }));
      try {
        audited = await recordRestore(postgres.superuserUrl(), {
          action: 'UPDATE', resourceType: 'DatabaseRestore', resourceId: restore.baseBackupId, outcome: 'SUCCESS',
          reason: `restored_to:${to.toISOString().toLowerCase()}:wal_segments:${restore.walSegments}`,
        }, `backup-restore-${randomUUID()}`, logger);
      } finally {
        await postgres.stop();
      }
    } catch (error) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      if (/recovery ended before configured recovery target was reached/.test(log)) {
        const newest = (await listWalFiles(config.backupDir)).at(-1)?.name ?? 'none';
        throw new AppError('NOT_FOUND', `The archived WAL ends before ${to.toISOString()} (newest sealed segment: ${newest}). Pick an earlier moment, or wait for the worker to seal the current segment (at most a minute).`);
      }
      throw error;
    }
    restore.finish();
    return { dataDir, clusterDir, baseBackupId: restore.baseBackupId, walSegments: restore.walSegments, audited };
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
    if (!restored.audited) console.log('the restore could not be recorded in the restored database\'s audit log: it is in the log above');
    console.log(`run it with: CREDENCE_DATA_DIR=${restored.dataDir} npm start`);
  } catch (error) {
    console.error(error instanceof AppError ? error.message : `npm run backup:restore failed: ${(error as Error).message}`);
    process.exit(error instanceof AppError && error.code === 'BAD_USER_INPUT' ? 2 : 1);
  }
}
