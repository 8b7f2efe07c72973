// Audit log benchmarks, in one run on one embedded PostgreSQL:
//   appends per second with 8 concurrent writers, chained (audit.events, chained by its trigger)
//   against plain inserts into an unchained table of the same shape, in one organization and
//   spread over 8; then chain verification speed over BENCH_VERIFY_EVENTS events (default 1,000,000).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../platform/database/orm.ts';
import { SERVICE_DATABASE_ROLES } from '../platform/database/roles.ts';
import { eventHash, GENESIS_HASH } from '../domain/audit-chain.ts';
import { verifyStoredChain } from '../subgraphs/audit/verify.ts';
import { benchLogger, SERVICE_PASSWORDS, withBenchDatabase, writeResults } from './support.ts';

const WRITERS = 8;
const APPENDS_PER_WRITER = Number(process.env.BENCH_APPENDS_PER_WRITER ?? 1_500);
const VERIFY_EVENTS = Number(process.env.BENCH_VERIFY_EVENTS ?? 1_000_000);

const INSERT = (table: string) =>
  `insert into ${table} (organization_id, actor_id, actor_role, source_ip, request_id, action, resource_type, resource_id, outcome, reason)
   values ($1, $2, 'CREDENTIALING_STAFF', '198.51.100.7', $3, 'VIEW', 'Credential', $4, 'SUCCESS', null)`;

async function appendRate(url: string, table: string, organizations: string[]): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: WRITERS });
  const clients = await Promise.all(Array.from({ length: WRITERS }, () => pool.connect()));
  const sql = INSERT(table);
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, writer) => {
      const organization = organizations[writer % organizations.length]!;
      for (let i = 0; i < APPENDS_PER_WRITER; i += 1) await client.query(sql, [organization, randomUUID(), randomUUID(), randomUUID()]);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clients.forEach((client) => client.release());
  await pool.end();
  return (WRITERS * APPENDS_PER_WRITER) / seconds;
}

/** Writes a valid chain of `count` events quickly (hashes computed here, chain trigger off). */
async function seedChain(superuser: pg.Client, organizationId: string, count: number): Promise<void> {
  await superuser.query('alter table audit.events disable trigger events_chain');
  let prevHash = GENESIS_HASH;
  const base = Date.UTC(2026, 0, 1);
  const batch = 10_000;
  for (let start = 1; start <= count; start += batch) {
    const columns: unknown[][] = [[], [], [], [], [], []];
    for (let seq = start; seq < Math.min(start + batch, count + 1); seq += 1) {
      const occurredAt = `${new Date(base + seq).toISOString().slice(0, -1)}000Z`;
      const event = {
        organizationId, seq, occurredAt, actorId: null, actorRole: 'AUDITOR', sourceIp: null, requestId: null,
        action: 'VIEW', resourceType: 'Credential', resourceId: null, outcome: 'SUCCESS', reason: null, prevHash,
      };
      const hash = eventHash(event);
      columns[0]!.push(seq);
      columns[1]!.push(occurredAt);
      columns[2]!.push(`\\x${prevHash}`);
      columns[3]!.push(`\\x${hash}`);
      prevHash = hash;
    }
    await superuser.query(
      `insert into audit.events (organization_id, seq, occurred_at, actor_role, action, resource_type, outcome, prev_hash, hash)
       select $1, s, t, 'AUDITOR', 'VIEW', 'Credential', 'SUCCESS', p, h from unnest($2::bigint[], $3::timestamptz[], $4::bytea[], $5::bytea[]) as u(s, t, p, h)`,
      [organizationId, columns[0], columns[1], columns[2], columns[3]],
    );
    process.stderr.write(`\r  seeding the chain: ${Math.min(start + batch - 1, count).toLocaleString()} / ${count.toLocaleString()}`);
  }
  process.stderr.write('\n');
  await superuser.query(`insert into audit.chain_heads values ($1, $2, decode($3, 'hex'))`, [organizationId, count, prevHash]);
  await superuser.query('alter table audit.events enable trigger events_chain');
}

await withBenchDatabase(async (postgres) => {
  const superuser = new pg.Client({ connectionString: postgres.superuserUrl() });
  await superuser.connect();
  await superuser.query(`create table audit.plain_events (like audit.events including defaults)`);
  await superuser.query(`alter table audit.plain_events alter column seq add generated always as identity, alter column occurred_at set default now(),
                         alter column prev_hash set default '\\x00', alter column hash set default '\\x00'`);
  await superuser.query(`grant insert on audit.plain_events to ${SERVICE_DATABASE_ROLES.identity}`);
  const writerUrl = postgres.serviceUrl(SERVICE_DATABASE_ROLES.identity, SERVICE_PASSWORDS.identity);

  const oneOrg = [randomUUID()];
  const eightOrgs = Array.from({ length: 8 }, () => randomUUID());
  process.stderr.write(`appends: ${WRITERS} writers x ${APPENDS_PER_WRITER} events per scenario\n`);
  const plainOne = await appendRate(writerUrl, 'audit.plain_events', oneOrg);
  const chainedOne = await appendRate(writerUrl, 'audit.events', oneOrg);
  const plainEight = await appendRate(writerUrl, 'audit.plain_events', eightOrgs);
  const chainedEight = await appendRate(writerUrl, 'audit.events', eightOrgs);

  const verifyOrg = randomUUID();
  await seedChain(superuser, verifyOrg, VERIFY_EVENTS);
  await superuser.end();
  const orm = await openDatabase({ url: postgres.superuserUrl(), logger: benchLogger });
  const started = performance.now();
  const report = await verifyStoredChain(orm.em.fork(), verifyOrg);
  const verifySeconds = (performance.now() - started) / 1000;
  await orm.close();
  if (!report.valid || report.checkedEvents !== VERIFY_EVENTS) throw new Error(`verification failed: ${JSON.stringify(report)}`);

  const rows = [
    ['appends/s, 1 organization', Math.round(chainedOne), Math.round(plainOne), (chainedOne / plainOne).toFixed(2)],
    ['appends/s, 8 organizations', Math.round(chainedEight), Math.round(plainEight), (chainedEight / plainEight).toFixed(2)],
  ];
  console.log('\naudit log                      chained      plain   chained/plain (aim >= 0.50)');
  for (const [label, chained, plain, ratio] of rows) console.log(`${String(label).padEnd(28)} ${String(chained).padStart(9)} ${String(plain).padStart(10)}   ${ratio}`);
  console.log(`verification: ${VERIFY_EVENTS.toLocaleString()} events in ${verifySeconds.toFixed(1)} s = ${Math.round(VERIFY_EVENTS / verifySeconds).toLocaleString()} events/s (aim: 1,000,000 in < 10 s)`);
  const file = writeResults('audit', {
    writers: WRITERS, appendsPerWriter: APPENDS_PER_WRITER,
    oneOrganization: { chainedPerSecond: chainedOne, plainPerSecond: plainOne, ratio: chainedOne / plainOne },
    eightOrganizations: { chainedPerSecond: chainedEight, plainPerSecond: plainEight, ratio: chainedEight / plainEight },
    verification: { events: VERIFY_EVENTS, seconds: verifySeconds, perSecond: VERIFY_EVENTS / verifySeconds },
  });
  console.log(`results: ${file}`);
});
