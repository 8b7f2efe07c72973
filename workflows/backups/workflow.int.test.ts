// The backup workflows on the real Temporal dev server, run by the real worker against a cluster
// that archives its WAL: the WAL schedule's run seals what PostgreSQL spooled, the base backup
// schedule's run takes a base backup then purges by retention (each backup taken and purged an
// audit event of the platform's chain, as the system), and the worker's metrics show the backup's
// age and an empty spool.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { Readable } from 'node:stream';
import pg from 'pg';
import { baseDirectory, listWalFiles, localBackupAdapter, type BaseBackupFacts } from '../../platform/backups/local-backups.ts';
import { sealToFile } from '../../platform/backups/sealed-file.ts';
import { PLATFORM_ORGANIZATION_ID } from '../../platform/audit.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { localKeyProvider } from '../../platform/field-encryption/key-provider.ts';
import { createLogger } from '../../platform/logger.ts';
import { freePort } from '../../stack/ports.ts';
import { startPostgres, type RunningPostgres } from '../../stack/postgres.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { until } from '../../test/support/verification.ts';
import { createWorkerMetrics } from '../metrics.ts';
import { createWorker } from '../worker.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const root = mkdtempSync(join(tmpdir(), 'credence-backup-workflows-'));
chmodSync(root, 0o711);
const clusterDir = join(root, 'postgres');
const spoolDir = join(root, 'wal-spool');
const backupDir = join(root, 'backups');
let cluster: RunningPostgres;
let orm: MikroORM;
let connection: Connection;

beforeAll(async () => {
  ({ postgres: cluster } = await startPostgres({
    dir: clusterDir, port: await freePort(), superuserPassword: randomBytes(16).toString('hex'), logFile: join(root, 'postgres.log'), archive: { spoolDir, timeoutSeconds: 60 },
  }));
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  connection = await Connection.connect({ address: stack.temporalAddress });
}, 120_000);

afterAll(async () => {
  await connection?.close();
  await orm?.close();
  await cluster?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('the backup workflows', () => {
  it('seal the spooled WAL, take base backups and keep those within their retention, and report their age', async () => {
    const backupKeys = localKeyProvider([randomBytes(32)]);
    const backups = { backupDir, clusterDir, spoolDir, keys: { keys: [], keyringFile: null }, baseHours: 1, walSealSeconds: 10, retentionDays: 1, databaseUrl: cluster.superuserUrl(), backupKeys };
    // A base backup of forty days ago, past the retention of a day: the first run purges it.
    const expiredId = `expired-${randomUUID()}`;
    const longAgo = new Date(Date.now() - 40 * 24 * 3600_000).toISOString();
    const facts: BaseBackupFacts = { label: expiredId, startedAt: longAgo, finishedAt: longAgo, startLsn: '0/0', stopLsn: '0/0', startWalFile: '000000010000000000000001' };
    mkdirSync(baseDirectory(backupDir), { recursive: true });
    await sealToFile(backupKeys, join(baseDirectory(backupDir), `${expiredId}.sealed`), 'base', expiredId, Readable.from([Buffer.from('data')]), () => facts);
    const metrics = createWorkerMetrics(orm, { backupDir, spoolDir });
    const temporal = { address: stack.temporalAddress, namespace: 'default', taskQueue: `test-backups-${randomUUID()}` };
    const { worker, connection: workerConnection } = await createWorker({ temporal, deps: { ...(await testActivityDeps(orm)), backups }, logger, metrics });
    const client = new Client({ connection });
    const run = (workflowType: 'walArchiveWorkflow' | 'baseBackupWorkflow') => client.workflow.execute(workflowType, { taskQueue: temporal.taskQueue, workflowId: `${workflowType}:${randomUUID()}` });

    const db = new pg.Client({ connectionString: cluster.superuserUrl() });
    await db.connect();
    try {
      await worker.runUntil(async () => {
        const first = (await run('baseBackupWorkflow')) as { backup: { id: string }; purged: { baseBackups: number } };
        expect(first.purged.baseBackups).toBe(1);
        await db.query('create table t (n int)');
        const { rows: [switched] } = await db.query<{ file: string }>('select pg_walfile_name(pg_switch_wal()) as file');
        await until('the segment spooled', async () => readdirSync(spoolDir).includes(switched!.file));
        expect(await run('walArchiveWorkflow')).toEqual({ sealed: expect.any(Number) });
        expect((await listWalFiles(backupDir)).map((wal) => wal.name)).toContain(switched!.file);

        // Retention of a day: both backups are younger and kept.
        const second = (await run('baseBackupWorkflow')) as { backup: { id: string }; purged: { baseBackups: number } };
        expect(second.purged.baseBackups).toBe(0);
        expect((await localBackupAdapter(backupDir).list()).map((backup) => backup.id)).toEqual([first.backup.id, second.backup.id]);

        const superuser = new pg.Client({ connectionString: stack.superuserUrl });
        await superuser.connect();
        try {
          const { rows } = await superuser.query(
            `select organization_id, actor_id, action, resource_type, resource_id, outcome, reason from audit.events where resource_id = any($1) order by seq`,
            [[expiredId, first.backup.id, second.backup.id]]);
          const event = (action: string, resourceId: string, reason: string) => ({ organization_id: PLATFORM_ORGANIZATION_ID, actor_id: null, action, resource_type: 'BaseBackup', resource_id: resourceId, outcome: 'SUCCESS', reason });
          expect(rows).toEqual([event('CREATE', first.backup.id, 'base_backup'), event('DELETE', expiredId, 'retention_expired'), event('CREATE', second.backup.id, 'base_backup')]);
        } finally {
          await superuser.end();
        }
      });
    } finally {
      await db.end();
      await workerConnection.close();
    }
    const gauges = await metrics.registry.getMetricsAsJSON();
    const value = (name: string) => gauges.find((metric) => metric.name === name)?.values[0]?.value;
    expect(value('credence_backup_base_age_seconds')).toBeLessThan(600);
    expect(value('credence_backup_wal_spooled')).toBe(0);
  }, 120_000);
});
