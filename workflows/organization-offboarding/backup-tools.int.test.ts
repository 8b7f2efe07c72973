// The offboarding's backup confirmation through pgBackRest: the backups older than the deletion
// hold it back, the purge at the deadline expires them with pgBackRest's own expire (the stand-in
// of test/support/backup-tools), counts and audits them, and the next check confirms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createBackupAdapter } from '../../platform/backups/adapter.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { pgBackRestBackup, pgBackRestStandIn } from '../../test/support/backup-tools/stand-ins.ts';
import { anOrganization } from '../../test/support/factories.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { createOrganizationOffboardingActivities } from './activities.ts';

const stack = testStack();
const root = mkdtempSync(join(tmpdir(), 'credence-offboarding-pgbackrest-'));
let superuser: pg.Client;
let workerOrm: MikroORM;
let identityOrm: MikroORM;

beforeAll(async () => {
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  const logger = createLogger({ service: 'test', level: 'silent' });
  workerOrm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  identityOrm = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
});

afterAll(async () => {
  await workerOrm?.close();
  await identityOrm?.close();
  await superuser?.end();
  rmSync(root, { recursive: true, force: true });
});

describe('the offboarding backup confirmation with pgBackRest', () => {
  it('waits for the backups older than the deletion, expires them at the deadline through pgBackRest, and then confirms', async () => {
    const organizationId = await anOrganization(identityOrm);
    const minutesAgo = (minutes: number) => new Date(Math.floor((Date.now() - minutes * 60_000) / 1000) * 1000);
    const olderFull = pgBackRestBackup('20261201-010000F', minutesAgo(50), minutesAgo(45), { repositorySize: 1000, wal: '000000010000000000000002' });
    const olderIncr = pgBackRestBackup('20261201-010000F_20261201-020000I', minutesAgo(40), minutesAgo(39), { repositorySize: 10, prior: olderFull.label, reference: [olderFull.label], wal: '000000010000000000000004' });
    await superuser.query(
      `insert into identity.organization_offboardings (organization_id, status, terminated_at, export_window_ends_at, deletion_started_at, keys_destroyed_at, deleted_at, backups_deadline_at)
       values ($1, 'AWAITING_BACKUP_EXPIRY', now() - interval '1 hour', now() - interval '31 minutes', now() - interval '31 minutes', now() - interval '31 minutes', now() - interval '30 minutes', now())`,
      [organizationId],
    );
    const newerFull = pgBackRestBackup('20261201-030000F', minutesAgo(20), minutesAgo(15), { repositorySize: 1200, wal: '000000010000000000000010' });
    const tool = pgBackRestStandIn(join(root, 'repo'), 'credence', [olderFull, olderIncr, newerFull]);
    const backupAdapter = createBackupAdapter({ backupTool: { adapter: 'pgbackrest', bin: tool.bin, stanza: 'credence', env: tool.env, retentionDays: 35, purgeHours: 24 } });
    const activities = createOrganizationOffboardingActivities({ ...(await testActivityDeps(workerOrm)), verification: { client: null }, backupAdapter });

    expect(await activities.checkBackups(organizationId)).toEqual({ clear: false });
    expect(await activities.purgeBackupsBeforeDeletion(organizationId)).toEqual({ baseBackups: 2, walSegments: 0 });
    expect(tool.calls().filter((call) => call.includes('expire'))).toEqual([['--stanza=credence', 'expire', `--set=${olderFull.label}`]]);
    expect(await activities.checkBackups(organizationId)).toEqual({ clear: true });

    const { rows: [row] } = await superuser.query(`select backup_confirmation as confirmation from identity.organization_offboardings where organization_id = $1`, [organizationId]);
    expect(row.confirmation).toEqual({
      checkedAt: expect.any(String), confirmed: true, reason: null, oldestBackupAt: new Date(newerFull.timestamp.stop * 1000).toISOString(), olderThanDeletion: 0, backupsPurged: 2, walSegmentsPurged: 0,
    });
    const { rows: audited } = await superuser.query(`select reason from audit.events where organization_id = $1 and resource_type = 'Backup'`, [organizationId]);
    expect(audited).toEqual([{ reason: 'backups_older_than_deletion_purged:base:2:wal:0' }]);
  }, 120_000);

  it('retries rather than confirms when pgBackRest cannot be asked', async () => {
    const organizationId = await anOrganization(identityOrm);
    await superuser.query(
      `insert into identity.organization_offboardings (organization_id, status, terminated_at, export_window_ends_at, deletion_started_at, keys_destroyed_at, deleted_at, backups_deadline_at)
       values ($1, 'AWAITING_BACKUP_EXPIRY', now() - interval '1 hour', now() - interval '31 minutes', now() - interval '31 minutes', now() - interval '31 minutes', now() - interval '30 minutes', now())`,
      [organizationId],
    );
    const tool = pgBackRestStandIn(join(root, 'failing'), 'credence', []);
    tool.update({ fail: { status: 103, stderr: 'ERROR: [103]: unable to find a valid repository' } });
    const backupAdapter = createBackupAdapter({ backupTool: { adapter: 'pgbackrest', bin: tool.bin, stanza: 'credence', env: tool.env, retentionDays: 35, purgeHours: 24 } });
    const activities = createOrganizationOffboardingActivities({ ...(await testActivityDeps(workerOrm)), verification: { client: null }, backupAdapter });

    await expect(activities.checkBackups(organizationId)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/unable to find a valid repository/) });
    const { rows: [row] } = await superuser.query(`select backup_confirmation as confirmation from identity.organization_offboardings where organization_id = $1`, [organizationId]);
    expect(row.confirmation).toBeNull();
  }, 120_000);
});
