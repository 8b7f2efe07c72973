// The retention purge: base backups past BACKUP_RETENTION_DAYS go, with the WAL only they needed,
// but never the newest, without which nothing restores; through WAL-G or pgBackRest where they
// take the backups.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from '@jest/globals';
import { baseDirectory, listWalFiles, localBackupAdapter, walDirectory, type BaseBackupFacts } from '../../platform/backups/local-backups.ts';
import { sealToFile } from '../../platform/backups/sealed-file.ts';
import { localKeyProvider } from '../../platform/field-encryption/key-provider.ts';
import { walGBackup, walGStandIn } from '../../test/support/backup-tools/stand-ins.ts';
import { workerSchedules } from '../schedules.ts';
import { createBackupActivities } from './activities.ts';

const root = mkdtempSync(join(tmpdir(), 'credence-retention-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const keys = localKeyProvider([randomBytes(32)]);
const DAY = 24 * 3600_000;

async function aBaseBackup(backupDir: string, id: string, daysAgo: number, startWalFile: string) {
  const at = new Date(Date.now() - daysAgo * DAY).toISOString();
  const facts: BaseBackupFacts = { label: id, startedAt: at, finishedAt: at, startLsn: '0/0', stopLsn: '0/0', startWalFile };
  await sealToFile(keys, join(baseDirectory(backupDir), `${id}.sealed`), 'base', id, Readable.from([Buffer.from('data')]), () => facts);
}

async function aWalFile(backupDir: string, name: string) {
  await sealToFile(keys, join(walDirectory(backupDir), `${name}.sealed`), 'wal', name, Readable.from([Buffer.from('wal')]), () => ({}));
}

function activitiesFor(backupDir: string, retentionDays: number) {
  return createBackupActivities({
    backups: { backupDir, clusterDir: '', spoolDir: join(backupDir, 'spool'), keys: { keys: [], keyringFile: null }, baseHours: 1, walSealSeconds: 10, retentionDays, databaseUrl: '', backupKeys: keys },
  });
}

describe('purgeExpiredBackups', () => {
  it('deletes the base backups past their retention and the WAL before the oldest kept', async () => {
    const backupDir = join(root, 'mixed');
    mkdirSync(baseDirectory(backupDir), { recursive: true });
    mkdirSync(walDirectory(backupDir), { recursive: true });
    await aBaseBackup(backupDir, 'old', 40, '000000010000000000000002');
    await aBaseBackup(backupDir, 'recent', 2, '000000010000000000000005');
    for (const segment of ['000000010000000000000002', '000000010000000000000004', '000000010000000000000005', '000000010000000000000006']) await aWalFile(backupDir, segment);

    expect(await activitiesFor(backupDir, 35).purgeExpiredBackups()).toEqual({ baseBackups: 1, walSegments: 2 });
    expect((await localBackupAdapter(backupDir).list()).map((backup) => backup.id)).toEqual(['recent']);
    expect((await listWalFiles(backupDir)).map((wal) => wal.name)).toEqual(['000000010000000000000005', '000000010000000000000006']);
  });

  it('keeps the newest base backup however old it is', async () => {
    const backupDir = join(root, 'stale');
    mkdirSync(baseDirectory(backupDir), { recursive: true });
    await aBaseBackup(backupDir, 'older', 50, '000000010000000000000002');
    await aBaseBackup(backupDir, 'newest', 40, '000000010000000000000003');
    expect(await activitiesFor(backupDir, 35).purgeExpiredBackups()).toEqual({ baseBackups: 1, walSegments: 0 });
    expect((await localBackupAdapter(backupDir).oldest())?.id).toBe('newest');
  });

  it('refuses, without retrying, on a worker that keeps no backups', async () => {
    await expect(createBackupActivities({ backups: null }).takeBaseBackup()).rejects.toMatchObject({ type: 'BACKUPS_NOT_CONFIGURED', nonRetryable: true });
    await expect(createBackupActivities({ backups: null }).purgeExpiredBackups()).rejects.toMatchObject({ type: 'BACKUPS_NOT_CONFIGURED', nonRetryable: true });
  });

  it('purges through WAL-G where it takes the backups, which the worker then neither takes nor schedules', async () => {
    const at = (days: number) => new Date(Date.now() - days * DAY);
    const old = walGBackup('000000010000000000000002', at(40), at(40), { compressedSize: 10 });
    const recent = walGBackup('000000010000000000000009', at(2), at(2), { compressedSize: 10 });
    const tool = walGStandIn(join(root, 'wal-g'), [old, recent]);
    const backupTool = { adapter: 'wal-g' as const, bin: tool.bin, env: tool.env, retentionDays: 35, purgeHours: 12 };
    const activities = createBackupActivities({ backups: null, backupTool });

    expect(await activities.purgeExpiredBackups()).toEqual({ baseBackups: 1, walSegments: 0 });
    expect(tool.calls().filter((call) => call[0] === 'delete')).toEqual([['delete', 'before', 'FIND_FULL', recent.backup_name, '--confirm']]);
    expect(tool.backups().map((backup) => backup.backup_name)).toEqual([recent.backup_name]);
    await expect(activities.takeBaseBackup()).rejects.toMatchObject({ type: 'BACKUPS_NOT_CONFIGURED' });

    const schedules = workerSchedules({ auditCheckpointMinutes: 15, mailDeliverySeconds: 10, verificationDispatchSeconds: 10, backups: null, backupTool }).filter((schedule) => schedule.scheduleId.startsWith('backup-'));
    expect(schedules).toEqual([{ scheduleId: 'backup-retention', workflowType: 'backupRetentionWorkflow', every: '12h' }]);
  });
});
