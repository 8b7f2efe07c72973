// Audit log benchmarks, in one run on one embedded PostgreSQL:
//   appends per second with 8 concurrent writers, chained (audit.events, chained by its trigger)
//   against plain inserts into an unchained table of the same shape, in one organization and
//   spread over 8; then chain verification speed over BENCH_VERIFY_EVENTS events (default 1,000,000).
// Every figure is the median of BENCH_AUDIT_ROUNDS rounds (default 3) with its range, after a
// warm-up round that is discarded; the four append scenarios run in a rotated order each round,
// and each ratio is taken within a round, between scenarios measured seconds apart.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../platform/database/orm.ts';
import { SERVICE_DATABASE_ROLES } from '../platform/database/roles.ts';
import { eventHash, GENESIS_HASH } from '../domain/audit-chain.ts';
import { verifyStoredChain } from '../subgraphs/audit/verify.ts';
import { benchLogger, SERVICE_PASSWORDS, spread, withBenchDatabase, writeResults, type Spread } from './support.ts';

const WRITERS = 8;
const APPENDS_PER_WRITER = Number(process.env.BENCH_APPENDS_PER_WRITER ?? 1_500);
const VERIFY_EVENTS = Number(process.env.BENCH_VERIFY_EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_AUDIT_ROUNDS ?? 3);

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
  // A log verified in use is months old and vacuumed: without this, the first reading of a
  // million new rows also writes their hint bits, and autovacuum (of these rows and of the append
  // rounds' before them) races the verification for the same two cores.
  await superuser.query('vacuum (analyze) audit.events, audit.plain_events');
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
  const scenarios = [
    { name: 'plainOne', table: 'audit.plain_events', organizations: oneOrg },
    { name: 'chainedOne', table: 'audit.events', organizations: oneOrg },
    { name: 'plainEight', table: 'audit.plain_events', organizations: eightOrgs },
    { name: 'chainedEight', table: 'audit.events', organizations: eightOrgs },
  ] as const;
  type Round = Record<(typeof scenarios)[number]['name'], number>;
  const rounds: Round[] = [];
  process.stderr.write(`appends: ${WRITERS} writers x ${APPENDS_PER_WRITER} events per scenario, a warm-up round and ${ROUNDS} rounds\n`);
  for (let round = 0; round <= ROUNDS; round += 1) {
    const rates: Partial<Round> = {};
    for (let i = 0; i < scenarios.length; i += 1) {
      const scenario = scenarios[(i + round) % scenarios.length]!;
      rates[scenario.name] = await appendRate(writerUrl, scenario.table, scenario.organizations);
    }
    process.stderr.write(`  round ${round === 0 ? 'warm-up' : `${round} / ${ROUNDS}`}: chained/plain ${(rates.chainedOne! / rates.plainOne!).toFixed(2)} (1 organization), ${(rates.chainedEight! / rates.plainEight!).toFixed(2)} (8)\n`);
    if (round > 0) rounds.push(rates as Round);
  }
  const of = (pick: (round: Round) => number) => spread(rounds.map(pick));

  const verifyOrg = randomUUID();
  await seedChain(superuser, verifyOrg, VERIFY_EVENTS);
  await superuser.end();
  const orm = await openDatabase({ url: postgres.superuserUrl(), logger: benchLogger });
  const verifyRates: number[] = [];
  for (let round = 0; round <= ROUNDS; round += 1) {
    const started = performance.now();
    const report = await verifyStoredChain(orm.em.fork(), verifyOrg);
    const seconds = (performance.now() - started) / 1000;
    if (!report.valid || report.checkedEvents !== VERIFY_EVENTS) throw new Error(`verification failed: ${JSON.stringify(report)}`);
    process.stderr.write(`  verification ${round === 0 ? 'warm-up' : `${round} / ${ROUNDS}`}: ${seconds.toFixed(2)} s\n`);
    if (round > 0) verifyRates.push(VERIFY_EVENTS / seconds);
  }
  await orm.close();

  const figure = (value: Spread, digits = 0) => `${value.median.toFixed(digits)} (${value.min.toFixed(digits)}–${value.max.toFixed(digits)})`;
  const results = {
    oneOrganization: { chainedPerSecond: of((r) => r.chainedOne), plainPerSecond: of((r) => r.plainOne), ratio: of((r) => r.chainedOne / r.plainOne) },
    eightOrganizations: { chainedPerSecond: of((r) => r.chainedEight), plainPerSecond: of((r) => r.plainEight), ratio: of((r) => r.chainedEight / r.plainEight) },
    verification: { events: VERIFY_EVENTS, perSecond: spread(verifyRates) },
  };
  console.log(`\neach figure: the median of ${ROUNDS} rounds (the lowest–the highest), a warm-up round discarded`);
  console.log(`${'audit log'.padEnd(28)} ${'chained'.padStart(20)} ${'plain'.padStart(20)}   chained/plain (aim >= 0.50)`);
  for (const [label, row] of [['appends/s, 1 organization', results.oneOrganization], ['appends/s, 8 organizations', results.eightOrganizations]] as const) {
    console.log(`${label.padEnd(28)} ${figure(row.chainedPerSecond).padStart(20)} ${figure(row.plainPerSecond).padStart(20)}   ${figure(row.ratio, 2)}`);
  }
  console.log(`verification of ${VERIFY_EVENTS.toLocaleString()} events: ${figure(results.verification.perSecond)} events/s (aim >= 200,000)`);
  const file = writeResults('audit', { writers: WRITERS, appendsPerWriter: APPENDS_PER_WRITER, rounds: ROUNDS, ...results, raw: { appends: rounds, verificationPerSecond: verifyRates } });
  console.log(`results: ${file}`);
});
