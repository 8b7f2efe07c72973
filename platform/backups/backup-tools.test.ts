// pgBackRest and WAL-G behind the BackupAdapter, run as programs: stand-ins answering the tools'
// own JSON formats (test/support/backup-tools). The backups are listed with their times and sizes,
// oldest first; the purge calls the tool's own expiry with the right arguments and reports what
// went; a tool that fails or answers what is not its format is an error, never "no backups".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { pgBackRestBackup, pgBackRestStandIn, walGBackup, walGStandIn } from '../../test/support/backup-tools/stand-ins.ts';
import { createBackupAdapter } from './adapter.ts';
import { pgBackRestAdapter } from './pgbackrest.ts';
import { walGAdapter } from './wal-g.ts';

const root = mkdtempSync(join(tmpdir(), 'credence-backup-tools-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const DAY = 24 * 3600_000;
let dirs = 0;
const aDir = () => join(root, `tool-${++dirs}`);
/** A moment `days` ago, on the second (pgBackRest's timestamps are in seconds). */
const daysAgo = (days: number, plusMinutes = 0) => new Date(Math.floor((Date.now() - days * DAY + plusMinutes * 60_000) / 1000) * 1000);

describe('the pgBackRest adapter', () => {
  const stanza = 'credence';
  function aRepository() {
    const f1 = pgBackRestBackup('20261001-010000F', daysAgo(60), daysAgo(60, 20), { repositorySize: 1000, wal: '000000010000000000000002' });
    const i1 = pgBackRestBackup('20261001-010000F_20261002-010000I', daysAgo(59), daysAgo(59, 5), { repositorySize: 100, prior: f1.label, reference: [f1.label], wal: '000000010000000000000004' });
    const f2 = pgBackRestBackup('20261101-010000F', daysAgo(30), daysAgo(30, 20), { repositorySize: 2000, wal: '000000010000000000000010' });
    const d2 = pgBackRestBackup('20261101-010000F_20261102-010000D', daysAgo(29), daysAgo(29, 5), { repositorySize: 200, prior: f2.label, reference: [f2.label], wal: '000000010000000000000012' });
    const f3 = pgBackRestBackup('20261201-010000F', daysAgo(1), daysAgo(1, 20), { repositorySize: 3000, wal: '000000010000000000000020' });
    return { f1, i1, f2, d2, f3 };
  }

  it('lists the stanza\'s backups, oldest first, with their times and repository sizes, from `pgbackrest --stanza --output=json info`', async () => {
    const { f1, i1, f2, d2, f3 } = aRepository();
    const tool = pgBackRestStandIn(aDir(), stanza, [f1, i1, f2, d2, f3]);
    const adapter = pgBackRestAdapter({ bin: tool.bin, stanza, env: tool.env });

    const listed = await adapter.list();
    expect(listed.map((backup) => backup.id)).toEqual([f1.label, i1.label, f2.label, d2.label, f3.label]);
    expect(listed[0]).toEqual({ id: f1.label, startedAt: new Date(f1.timestamp.start * 1000), finishedAt: new Date(f1.timestamp.stop * 1000), bytes: 1000 });
    expect((await adapter.oldest())?.id).toBe(f1.label);
    expect(tool.calls()).toEqual([[`--stanza=${stanza}`, '--output=json', 'info'], [`--stanza=${stanza}`, '--output=json', 'info']]);
  });

  it('has no backups in a stanza that has none yet (status 2), and none is the oldest', async () => {
    const tool = pgBackRestStandIn(aDir(), stanza, []);
    const adapter = pgBackRestAdapter({ bin: tool.bin, stanza, env: tool.env });
    expect(await adapter.list()).toEqual([]);
    expect(await adapter.oldest()).toBeNull();
  });

  it('purges by expiring each full backup older than the cutoff with its dependents (`expire --set`), keeping the rest, and reports what went', async () => {
    const { f1, i1, f2, d2, f3 } = aRepository();
    const tool = pgBackRestStandIn(aDir(), stanza, [f1, i1, f2, d2, f3]);
    const adapter = pgBackRestAdapter({ bin: tool.bin, stanza, env: tool.env });

    // After the first set, before the second: the first set goes, its incremental backup with it.
    expect(await adapter.purgeOlderThan(daysAgo(45))).toEqual({ baseBackups: 2, walSegments: 0 });
    expect(tool.calls().filter((call) => call.includes('expire'))).toEqual([[`--stanza=${stanza}`, 'expire', `--set=${f1.label}`]]);
    expect(tool.backups().map((backup) => backup.label)).toEqual([f2.label, d2.label, f3.label]);

    // After the second full backup finished, before its differential did: the set goes whole (the differential cannot restore without it).
    expect(await adapter.purgeOlderThan(daysAgo(29, 1))).toEqual({ baseBackups: 2, walSegments: 0 });
    expect((await adapter.list()).map((backup) => backup.id)).toEqual([f3.label]);
  });

  it('never expires the newest full backup, which pgBackRest refuses to expire: it is reported as kept', async () => {
    const { f2, d2, f3 } = aRepository();
    const tool = pgBackRestStandIn(aDir(), stanza, [f2, d2, f3]);
    const adapter = pgBackRestAdapter({ bin: tool.bin, stanza, env: tool.env });

    expect(await adapter.purgeOlderThan(new Date())).toEqual({ baseBackups: 2, walSegments: 0 });
    expect(tool.calls().filter((call) => call.includes('expire'))).toEqual([[`--stanza=${stanza}`, 'expire', `--set=${f2.label}`]]);
    expect((await adapter.list()).map((backup) => backup.id)).toEqual([f3.label]);
    // Nothing older than the cutoff but the newest: no expire at all.
    expect(await adapter.purgeOlderThan(new Date())).toEqual({ baseBackups: 0, walSegments: 0 });
    expect(tool.calls().filter((call) => call.includes('expire'))).toHaveLength(1);
  });

  it('fails clearly when pgBackRest fails, answers what is not JSON, or cannot read the stanza: never an empty list', async () => {
    const { f1, f3 } = aRepository();
    const tool = pgBackRestStandIn(aDir(), stanza, [f1, f3]);
    const adapter = pgBackRestAdapter({ bin: tool.bin, stanza, env: tool.env });

    tool.update({ fail: { status: 56, stderr: 'ERROR: [056]: unable to find primary cluster - cannot proceed' } });
    await expect(adapter.list()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/pgBackRest .*info\) failed with exit status 56: ERROR: \[056\]: unable to find primary cluster/) });
    await expect(adapter.purgeOlderThan(new Date())).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(tool.backups()).toHaveLength(2);

    tool.update({ fail: undefined, rawOutput: 'P00  ERROR: not json' });
    await expect(adapter.list()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/answered output that is not JSON/) });
    tool.update({ rawOutput: JSON.stringify([{ name: stanza, status: { code: 0, message: 'ok' }, backup: [{ label: f1.label, type: 'full' }] }]) });
    await expect(adapter.list()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/has no timestamp start and stop/) });
    tool.update({ rawOutput: undefined, status: { code: 3, message: 'missing stanza data' } });
    await expect(adapter.list()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/not readable: status 3 \(missing stanza data\)/) });

    // Another stanza than the one configured: pgBackRest says its path is missing.
    tool.update({ status: undefined });
    await expect(pgBackRestAdapter({ bin: tool.bin, stanza: 'other', env: tool.env }).list()).rejects.toMatchObject({ message: expect.stringMatching(/status 1 \(missing stanza path\)/) });
    await expect(pgBackRestAdapter({ bin: join(root, 'no-such-pgbackrest'), stanza, env: tool.env }).list()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/was not found/) });
  });
});

describe('the WAL-G adapter', () => {
  function aStorage() {
    const full1 = walGBackup('000000010000000000000002', daysAgo(60), daysAgo(60, 20), { compressedSize: 1000 });
    const delta1 = walGBackup('000000010000000000000004', daysAgo(59), daysAgo(59, 5), { compressedSize: 100, deltaOf: '000000010000000000000002' });
    const full2 = walGBackup('000000010000000000000010', daysAgo(30), daysAgo(30, 20), { compressedSize: 2000 });
    const delta2 = walGBackup('000000010000000000000012', daysAgo(29), daysAgo(29, 5), { compressedSize: 200, deltaOf: '000000010000000000000010' });
    const full3 = walGBackup('000000010000000000000020', daysAgo(1), daysAgo(1, 20), { compressedSize: 3000 });
    return { full1, delta1, full2, delta2, full3 };
  }

  it('lists the backups, oldest first, with their times and compressed sizes, from `wal-g backup-list --json --detail`', async () => {
    const { full1, delta1, full2, delta2, full3 } = aStorage();
    const tool = walGStandIn(aDir(), [full1, delta1, full2, delta2, full3]);
    const adapter = walGAdapter({ bin: tool.bin, env: tool.env });

    const listed = await adapter.list();
    expect(listed.map((backup) => backup.id)).toEqual([full1, delta1, full2, delta2, full3].map((backup) => backup.backup_name));
    expect(listed[1]).toEqual({ id: 'base_000000010000000000000004_D_000000010000000000000002', startedAt: new Date(delta1.start_time), finishedAt: new Date(delta1.finish_time), bytes: 100 });
    expect(tool.calls()).toEqual([['backup-list', '--json', '--detail']]);

    // No backup: WAL-G says so on its log and prints nothing.
    const empty = walGStandIn(aDir());
    expect(await walGAdapter({ bin: empty.bin, env: empty.env }).oldest()).toBeNull();
  });

  it('purges with `delete before FIND_FULL <the oldest full backup kept> --confirm`, the deltas of older full backups with them, and reports what went', async () => {
    const { full1, delta1, full2, delta2, full3 } = aStorage();
    const tool = walGStandIn(aDir(), [full1, delta1, full2, delta2, full3]);
    const adapter = walGAdapter({ bin: tool.bin, env: tool.env });

    expect(await adapter.purgeOlderThan(daysAgo(45))).toEqual({ baseBackups: 2, walSegments: 0 });
    expect(tool.calls().filter((call) => call[0] === 'delete')).toEqual([['delete', 'before', 'FIND_FULL', full2.backup_name, '--confirm']]);
    expect(tool.backups().map((backup) => backup.backup_name)).toEqual([full2.backup_name, delta2.backup_name, full3.backup_name]);

    // After the second full backup finished, before its delta did: that set goes whole, up to the third full backup.
    expect(await adapter.purgeOlderThan(daysAgo(29, 1))).toEqual({ baseBackups: 2, walSegments: 0 });
    expect(tool.calls().filter((call) => call[0] === 'delete').at(-1)).toEqual(['delete', 'before', 'FIND_FULL', full3.backup_name, '--confirm']);
    expect((await adapter.list()).map((backup) => backup.id)).toEqual([full3.backup_name]);

    // Everything older than the cutoff: the newest full backup stays, and nothing is asked of WAL-G.
    expect(await adapter.purgeOlderThan(new Date())).toEqual({ baseBackups: 0, walSegments: 0 });
    expect(tool.calls().filter((call) => call[0] === 'delete')).toHaveLength(2);
  });

  it('reports a permanent backup WAL-G keeps as kept', async () => {
    const { full1, full2, full3 } = aStorage();
    const permanent = { ...full1, is_permanent: true };
    const tool = walGStandIn(aDir(), [permanent, full2, full3]);
    expect(await walGAdapter({ bin: tool.bin, env: tool.env }).purgeOlderThan(daysAgo(10))).toEqual({ baseBackups: 1, walSegments: 0 });
    expect(tool.backups().map((backup) => backup.backup_name)).toEqual([full1.backup_name, full3.backup_name]);
  });

  it('fails clearly when WAL-G fails or answers what is not its JSON: never an empty list', async () => {
    const { full1, full3 } = aStorage();
    const tool = walGStandIn(aDir(), [full1, full3]);
    const adapter = walGAdapter({ bin: tool.bin, env: tool.env });

    tool.update({ fail: { status: 1, stderr: 'ERROR: 2026/12/02 03:00:00.000000 failed to list s3 folder: AccessDenied' } });
    await expect(adapter.list()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/WAL-G .*backup-list --json --detail\) failed with exit status 1: .*AccessDenied/) });
    await expect(adapter.purgeOlderThan(new Date())).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(tool.backups()).toHaveLength(2);

    tool.update({ fail: undefined, rawOutput: '{"backup_name": "base_0000' });
    await expect(adapter.list()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/answered output that is not JSON/) });
    // Without --detail WAL-G lists no start or finish time: not read as a backup without times.
    tool.update({ rawOutput: JSON.stringify([{ backup_name: full1.backup_name, time: full1.time, wal_file_name: full1.wal_file_name }]) });
    await expect(adapter.list()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/has no start_time and finish_time/) });
  });
});

describe('createBackupAdapter', () => {
  it('builds the adapter BACKUP_ADAPTER chose, with its settings, and none without any', async () => {
    const tool = pgBackRestStandIn(aDir(), 'main', [pgBackRestBackup('20261201-010000F', daysAgo(1), daysAgo(1, 20), { repositorySize: 5, wal: '000000010000000000000002' })]);
    const adapter = createBackupAdapter({ backupTool: { adapter: 'pgbackrest', bin: tool.bin, stanza: 'main', env: tool.env, retentionDays: 35, purgeHours: 24 } });
    expect((await adapter!.list()).map((backup) => backup.id)).toEqual(['20261201-010000F']);
    expect(createBackupAdapter({ backups: null, backupTool: null })).toBeNull();
  });
});
