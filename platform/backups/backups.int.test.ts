// Backups of a real cluster archiving its WAL: rows written, a base backup, more rows, and a
// restore to a moment between them shows exactly the first rows; the files hold no plaintext and
// open only under the backup key; a tampered file refuses to restore; an expired backup is gone;
// npm run backup:restore records the restore in the restored database's audit log.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PLATFORM_ORGANIZATION_ID } from '../audit.ts';
import { provisionDatabase } from '../database/provision.ts';
import { localKeyProvider } from '../field-encryption/key-provider.ts';
import { createLogger } from '../logger.ts';
import { freePort } from '../../stack/ports.ts';
import { startPostgres, type RunningPostgres } from '../../stack/postgres.ts';
import { until } from '../../test/support/verification.ts';
import { listWalFiles, localBackupAdapter, sealWalSegments, takeBaseBackup, type LocalBackupSettings } from './local-backups.ts';
import { restoreLocalStack } from '../../scripts/backup-restore.ts';
import { prepareRestore } from './restore.ts';
import { openSealedFile } from './sealed-file.ts';

const MARKER = 'PLAINTEXT-MARKER-7f3a';
const root = mkdtempSync(join(tmpdir(), 'credence-backups-'));
chmodSync(root, 0o711); // as root, the postgres user passes through to the clusters inside
const password = randomBytes(16).toString('hex');
const backupKey = randomBytes(32);
const keys = localKeyProvider([backupKey]);
const settings: LocalBackupSettings = { backupDir: join(root, 'backups'), spoolDir: join(root, 'wal-spool'), keys };
let source: RunningPostgres;
let db: pg.Client;

async function archiveCurrentWal(): Promise<void> {
  const { rows: [switched] } = await db.query<{ file: string }>(`select pg_walfile_name(pg_switch_wal()) as file`);
  await until('the segment archived', async () => {
    const { rows: [archiver] } = await db.query<{ last: string | null }>(`select last_archived_wal as last from pg_stat_archiver`);
    return archiver!.last !== null && archiver!.last >= switched!.file;
  });
  await sealWalSegments(settings);
}

async function rowsOfRestore(into: string, to: Date): Promise<string[]> {
  const restore = await prepareRestore({ backupDir: settings.backupDir, keys, to, clusterDir: join(into, 'postgres'), walDir: join(into, 'wal-restore') });
  const { postgres } = await startPostgres({ dir: restore.clusterDir, port: await freePort(), superuserPassword: password, logFile: join(into, 'postgres.log') });
  try {
    const client = new pg.Client({ connectionString: postgres.superuserUrl() });
    await client.connect();
    const { rows } = await client.query<{ note: string }>('select note from notes order by id');
    await client.end();
    return rows.map((row) => row.note);
  } finally {
    await postgres.stop();
    restore.finish();
  }
}

beforeAll(async () => {
  ({ postgres: source } = await startPostgres({
    dir: join(root, 'postgres'), port: await freePort(), superuserPassword: password, logFile: join(root, 'postgres.log'), archive: { spoolDir: settings.spoolDir, timeoutSeconds: 60 },
  }));
  // A Credence database (its audit log included), with a table of notes beside it.
  await provisionDatabase({ ownerUrl: source.superuserUrl(), servicePasswords: {}, logger: createLogger({ service: 'test', level: 'silent' }) });
  db = new pg.Client({ connectionString: source.superuserUrl() });
  await db.connect();
  await db.query('create table notes (id serial primary key, note text not null)');
}, 120_000);

afterAll(async () => {
  await db?.end();
  await source?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('local backups', () => {
  let between: Date;

  it('restore to a moment between a base backup and later writes, showing exactly what was written before it', async () => {
    await db.query(`insert into notes (note) values ('first ${MARKER}'), ('second ${MARKER}')`);
    const backup = await takeBaseBackup({ ...settings, databaseUrl: source.superuserUrl(), clusterDir: join(root, 'postgres') });
    await db.query(`insert into notes (note) values ('third, after the backup')`);
    // A moment on the millisecond (what a Date holds), after the third commit and before the fourth.
    between = (await db.query<{ at: Date }>(`select date_trunc('milliseconds', clock_timestamp()) + interval '1 millisecond' as at`)).rows[0]!.at;
    await db.query('select pg_sleep(0.002)');
    await db.query(`insert into notes (note) values ('fourth, after the moment')`);
    await archiveCurrentWal();

    expect(await localBackupAdapter(settings.backupDir).list()).toEqual([expect.objectContaining({ id: backup.id, finishedAt: backup.finishedAt })]);
    expect(backup.finishedAt.getTime()).toBeLessThanOrEqual(between.getTime());
    expect(readdirSync(settings.spoolDir)).toEqual([]);
    expect(await rowsOfRestore(join(root, 'restore-between'), between)).toEqual([`first ${MARKER}`, `second ${MARKER}`, 'third, after the backup']);
  }, 120_000);

  it('keeps no plaintext in its files, which open only under the backup key', async () => {
    const [base] = await localBackupAdapter(settings.backupDir).list();
    const files = [join(settings.backupDir, 'base', `${base!.id}.sealed`), ...(await listWalFiles(settings.backupDir)).map((wal) => wal.path)];
    for (const file of files) expect(readFileSync(file).includes(MARKER)).toBe(false);

    // The same file, opened with the key, does hold the rows: the check above can fail.
    const chunks: Buffer[] = [];
    await openSealedFile(keys, files[0]!, { kind: 'base', name: base!.id }, new Writable({ write(chunk: Buffer, _encoding, done) { chunks.push(chunk); done(); } }));
    expect(Buffer.concat(chunks).includes(MARKER)).toBe(true);

    const otherKey = localKeyProvider([randomBytes(32)]);
    await expect(openSealedFile(otherKey, files[0]!, { kind: 'base' }, new Writable({ write: (_chunk, _encoding, done) => done() }))).rejects.toMatchObject({ code: 'DATA_UNREADABLE', message: expect.stringMatching(/its key does not unwrap|is not in the backup keyring/) });
  });

  it('refuses to restore from a tampered file, and leaves nothing unpacked', async () => {
    const wal = (await listWalFiles(settings.backupDir)).at(-1)!;
    const original = readFileSync(wal.path);
    const tampered = Buffer.from(original);
    const middle = Math.floor(tampered.length / 2);
    tampered[middle] = tampered[middle]! ^ 0x01;
    writeFileSync(wal.path, tampered);
    const into = join(root, 'restore-tampered');
    try {
      await expect(prepareRestore({ backupDir: settings.backupDir, keys, to: between, clusterDir: join(into, 'postgres'), walDir: join(into, 'wal-restore') })).rejects.toMatchObject({ code: 'DATA_UNREADABLE', message: expect.stringMatching(/refuses to open: its contents were altered/) });
      expect(existsSync(join(into, 'postgres'))).toBe(false);
      expect(existsSync(join(into, 'wal-restore'))).toBe(false);
    } finally {
      writeFileSync(wal.path, original);
    }
  });

  it('restore a local stack with npm run backup:restore into a fresh data directory that npm start can run', async () => {
    const stackDir = join(root, 'stack');
    mkdirSync(stackDir);
    writeFileSync(join(stackDir, 'secrets.json'), JSON.stringify({ postgresSuperuserPassword: password }), { mode: 0o600 });
    writeFileSync(join(stackDir, 'keyring.json'), '{"format":"credence-keyring-v1"}', { mode: 0o600 });
    const env = { CREDENCE_DATA_DIR: stackDir, BACKUP_DIR: settings.backupDir, BACKUP_KEYS: backupKey.toString('base64') };
    await expect(restoreLocalStack({ to: between, env, into: stackDir })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(restoreLocalStack({ to: new Date(Date.now() + 3600_000), env })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(restoreLocalStack({ to: between, env, into: join(root, "it's-here") })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/no quote/) });
    expect(existsSync(join(root, "it's-here"))).toBe(false);
    await expect(restoreLocalStack({ to: between, env: { ...env, BACKUP_KEYS: randomBytes(32).toString('base64') } })).rejects.toMatchObject({ code: 'DATA_UNREADABLE' });

    const restored = await restoreLocalStack({ to: between, env });
    expect(restored.audited).toBe(true);
    expect(restored.dataDir).toBe(`${stackDir}-restore-${between.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`);
    expect(readFileSync(join(restored.dataDir, 'keyring.json'), 'utf8')).toBe(readFileSync(join(stackDir, 'keyring.json'), 'utf8'));
    expect(readFileSync(join(restored.clusterDir, 'postgresql.auto.conf'), 'utf8')).not.toContain('recovery_target_time');
    expect(existsSync(join(dirname(restored.clusterDir), 'wal-restore'))).toBe(false);
    const { postgres } = await startPostgres({ dir: restored.clusterDir, port: await freePort(), superuserPassword: password, logFile: join(restored.dataDir, 'check.log') });
    try {
      const client = new pg.Client({ connectionString: postgres.superuserUrl() });
      await client.connect();
      const { rows } = await client.query<{ note: string }>('select note from notes order by id');
      // The restore, as the system, in the restored database's platform chain: from which backup, to which moment.
      const { rows: events } = await client.query(`select organization_id, actor_id, action, resource_id, outcome, reason from audit.events where resource_type = 'DatabaseRestore'`);
      await client.end();
      expect(rows.map((row) => row.note)).toEqual([`first ${MARKER}`, `second ${MARKER}`, 'third, after the backup']);
      expect(events).toEqual([{
        organization_id: PLATFORM_ORGANIZATION_ID, actor_id: null, action: 'UPDATE', resource_id: restored.baseBackupId, outcome: 'SUCCESS',
        reason: `restored_to:${between.toISOString().toLowerCase()}:wal_segments:${restored.walSegments}`,
      }]);
    } finally {
      await postgres.stop();
    }
    // Not in the database restored from: the restore belongs to the history that goes on from it.
    expect((await db.query(`select 1 from audit.events where resource_type = 'DatabaseRestore'`)).rowCount).toBe(0);
  }, 120_000);

  it('purges the base backups that expired, and the WAL only they needed', async () => {
    const adapter = localBackupAdapter(settings.backupDir);
    const [first] = await adapter.list();
    await db.query(`insert into notes (note) values ('fifth')`);
    const second = await takeBaseBackup({ ...settings, databaseUrl: source.superuserUrl(), clusterDir: join(root, 'postgres') });
    const walBefore = (await listWalFiles(settings.backupDir)).length;

    const purged = await adapter.purgeOlderThan(new Date(second.finishedAt.getTime() - 1));
    expect(purged.baseBackups).toBe(1);
    expect(purged.walSegments).toBeGreaterThan(0);
    expect((await adapter.list()).map((backup) => backup.id)).toEqual([second.id]);
    expect((await adapter.oldest())?.id).toBe(second.id);
    expect(existsSync(join(settings.backupDir, 'base', `${first!.id}.sealed`))).toBe(false);
    expect((await listWalFiles(settings.backupDir)).length).toBe(walBefore - purged.walSegments);
    // The moment before the kept backup restores no more.
    await expect(prepareRestore({ backupDir: settings.backupDir, keys, to: between, clusterDir: join(root, 'restore-expired', 'postgres'), walDir: join(root, 'restore-expired', 'wal') })).rejects.toThrow(/No base backup finished before/);
  }, 120_000);
});
