// Backup benchmark, on one embedded PostgreSQL migrated like production and archiving its WAL:
// BENCH_BACKUP_EVENTS audit events (default 1,000,000, over 10 organizations, written straight
// into audit.events: the chain is not what is measured), then a base backup as the worker takes
// it (platform/backups/local-backups.ts, as the worker's role), one more event, the WAL sealed,
// and a restore to the moment before that event into a fresh directory, replayed and promoted.
// Measured: database size, base backup time and sealed size, restore time (verify + unpack, then
// WAL replay), and that the restore holds exactly the events before the moment.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { sealWalSegments, takeBaseBackup } from '../platform/backups/local-backups.ts';
import { prepareRestore } from '../platform/backups/restore.ts';
import { SERVICE_DATABASE_ROLES } from '../platform/database/roles.ts';
import { localKeyProvider } from '../platform/field-encryption/key-provider.ts';
import { freePort } from '../stack/ports.ts';
import { allowBaseBackups, startPostgres } from '../stack/postgres.ts';
import { SERVICE_PASSWORDS, withBenchDatabase, writeResults } from './support.ts';

const EVENTS = Number(process.env.BENCH_BACKUP_EVENTS ?? 1_000_000);
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

await withBenchDatabase(async (postgres, dir) => {
  const settings = { backupDir: join(dir, 'backups'), spoolDir: join(dir, 'wal-spool'), keys: localKeyProvider([randomBytes(32)]) };
  const owner = new pg.Client({ connectionString: postgres.superuserUrl() });
  await owner.connect();
  let started = performance.now();
  // Triggers off for the load (the append-only and chain triggers): rows shaped like real events.
  await owner.query(`set session_replication_role = replica`);
  await owner.query(
    `insert into audit.events (organization_id, seq, occurred_at, actor_id, actor_role, source_ip, request_id, action, resource_type, resource_id, outcome, reason, prev_hash, hash)
     select ('00000000-0000-4000-8000-00000000000' || (g % 10))::uuid, g, now() - make_interval(secs => $1 - g), gen_random_uuid(), 'CREDENTIALING_STAFF',
            '198.51.100.' || (g % 250), 'req-' || gen_random_uuid(), 'VIEW', 'Physician', gen_random_uuid()::text, 'SUCCESS', null,
            sha256(int8send(g - 1)), sha256(int8send(g))
     from generate_series(1, $1::int) g`,
    [EVENTS],
  );
  const loadSeconds = seconds(started);
  const { rows: [size] } = await owner.query<{ bytes: string }>(`select pg_database_size(current_database())::text as bytes`);

  await allowBaseBackups(postgres.superuserUrl(), SERVICE_DATABASE_ROLES.worker);
  started = performance.now();
  const backup = await takeBaseBackup({ ...settings, databaseUrl: postgres.serviceUrl(SERVICE_DATABASE_ROLES.worker, SERVICE_PASSWORDS.worker), clusterDir: join(dir, 'postgres') });
  const backupSeconds = seconds(started);

  const { rows: [moment] } = await owner.query<{ at: Date }>(`select date_trunc('milliseconds', clock_timestamp()) + interval '1 millisecond' as at`);
  await owner.query('select pg_sleep(0.01)');
  await owner.query(
    `insert into audit.events (organization_id, seq, occurred_at, action, resource_type, outcome, prev_hash, hash)
     values ('00000000-0000-4000-8000-000000000001', $1::bigint + 1, now(), 'VIEW', 'Physician', 'SUCCESS', '\\x00', '\\x00')`,
    [EVENTS],
  );
  const { rows: [switched] } = await owner.query<{ file: string }>(`select pg_walfile_name(pg_switch_wal()) as file`);
  for (;;) {
    const { rows: [archiver] } = await owner.query<{ last: string | null }>(`select last_archived_wal as last from pg_stat_archiver`);
    if (archiver!.last && archiver!.last >= switched!.file) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await sealWalSegments(settings);
  await owner.end();

  started = performance.now();
  const restore = await prepareRestore({ ...settings, to: moment!.at, clusterDir: join(dir, 'restored', 'postgres'), walDir: join(dir, 'restored', 'wal-restore') });
  const unpackSeconds = seconds(started);
  const { postgres: restored } = await startPostgres({ dir: restore.clusterDir, port: await freePort(), superuserPassword: 'bench', logFile: join(dir, 'restored.log') });
  const restoreSeconds = seconds(started);
  const check = new pg.Client({ connectionString: restored.superuserUrl() });
  await check.connect();
  const { rows: [count] } = await check.query<{ events: string }>('select count(*)::text as events from audit.events');
  await check.end();
  await restored.stop();
  assert.equal(Number(count!.events), EVENTS, 'the restore holds exactly the events written before the moment');

  const results = {
    events: EVENTS,
    databaseMegabytes: Math.round(Number(size!.bytes) / 1e6),
    loadSeconds,
    baseBackup: { seconds: backupSeconds, sealedMegabytes: Math.round(backup.bytes / 1e6) },
    restore: { verifyAndUnpackSeconds: unpackSeconds, totalSeconds: restoreSeconds, walFiles: restore.walSegments },
  };
  console.log(results);
  console.log(`results: ${writeResults('backups', results)}`);
}, { archive: true });
