// The audit log on the real database, attacked: append-only for every role, chained without gaps
// under concurrency, and every kind of tampering found, with the first bad sequence named.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/activity';
import pg from 'pg';
import { PLATFORM_ORGANIZATION_ID, recordAudit, recordDenial, recordRefusal } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { executeWithBindParameters, openDatabase, runAsCaller, type EntityManager, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { anAddressOfItsOwn } from '../../test/support/addresses.ts';
import { seedAuditEvents } from '../../test/support/factories.ts';
import { testAuditSigningKey, testStack } from '../../test/support/stack.ts';
import { createAuditCheckpointActivities } from '../../workflows/audit-checkpoint/activities.ts';
import { createAuditRetentionActivities } from '../../workflows/audit-retention/activities.ts';
import { canonicalEncoding, eventHash, GENESIS_HASH, type ChainEvent } from '../../domain/audit-chain.ts';
import { chainEventOf, chainTimestamp, EVENT_COLUMNS } from '../../platform/audit-event-store.ts';
import { verifyStoredChain } from './verify.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
let superuser: pg.Client;
let identityOrm: MikroORM;
let auditOrm: MikroORM;
let workerOrm: MikroORM;

const callerIn = (organizationId: string, role: Caller['role'] = 'CREDENTIALING_STAFF'): Caller => ({
  userId: randomUUID(), organizationId, role, sessionId: randomUUID(), requestId: `req-${randomUUID()}`, sourceIp: '198.51.100.7',
});

async function storedEvents(organizationId: string): Promise<ChainEvent[]> {
  return runAsCaller(auditOrm, callerIn(organizationId, 'AUDITOR'), (em) =>
    em.execute<ChainEvent[]>(`select ${EVENT_COLUMNS} from audit.events where organization_id = ? order by seq`, [organizationId]),
  ).then((rows) => rows.map(chainEventOf));
}

const verify = (organizationId: string) =>
  runAsCaller(auditOrm, callerIn(organizationId, 'AUDITOR'), (em) => verifyStoredChain(em, organizationId));

/** Tampering as a superuser would: with the append-only trigger switched off. */
async function tamper(...statements: [sql: string, params?: unknown[]][]): Promise<void> {
  await superuser.query('begin');
  try {
    await superuser.query('alter table audit.events disable trigger events_append_only');
    for (const [sql, params] of statements) await superuser.query(sql, params);
    await superuser.query('alter table audit.events enable trigger events_append_only');
    await superuser.query('commit');
  } catch (error) {
    await superuser.query('rollback');
    throw error;
  }
}

/**
 * Appends events at chosen times (as the database would have chained them then): the chain
 * trigger is off while they go in, and the chain head follows them.
 */
async function appendHistory(organizationId: string, times: string[]): Promise<void> {
  const { rows: [head] } = await superuser.query(`select seq::int as seq, encode(hash, 'hex') as hash from audit.chain_heads where organization_id = $1`, [organizationId]);
  let seq: number = head?.seq ?? 0;
  let prevHash: string = head?.hash ?? GENESIS_HASH;
  await superuser.query('begin');
  try {
    await superuser.query('alter table audit.events disable trigger events_chain');
    for (const occurredAt of times) {
      seq += 1;
      const event = {
        organizationId, seq, occurredAt, actorId: null, actorRole: null, sourceIp: null, requestId: `old-${seq}`, action: 'VIEW',
        resourceType: 'Credential', resourceId: null, outcome: 'SUCCESS', reason: null, prevHash,
      };
      const hash = eventHash(event);
      await superuser.query(
        `insert into audit.events (organization_id, seq, occurred_at, request_id, action, resource_type, outcome, prev_hash, hash)
         values ($1, $2, $3, $4, 'VIEW', 'Credential', 'SUCCESS', decode($5, 'hex'), decode($6, 'hex'))`,
        [organizationId, seq, occurredAt, event.requestId, prevHash, hash],
      );
      prevHash = hash;
    }
    await superuser.query(
      `insert into audit.chain_heads values ($1, $2, decode($3, 'hex')) on conflict (organization_id) do update set seq = excluded.seq, hash = excluded.hash`,
      [organizationId, seq, prevHash],
    );
    await superuser.query('alter table audit.events enable trigger events_chain');
    await superuser.query('commit');
  } catch (error) {
    await superuser.query('rollback');
    throw error;
  }
}

/** A UTC timestamp `years` years before now, at `second` seconds past the minute. */
function yearsAgo(years: number, second: number): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() - years);
  date.setUTCSeconds(second, 0);
  return date.toISOString().replace(/\.\d{3}Z$/, '.000000Z');
}

beforeAll(async () => {
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  identityOrm = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  auditOrm = await openDatabase({ url: stack.serviceEnv.audit.DATABASE_URL!, logger });
  workerOrm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
});

afterAll(async () => {
  for (const orm of [identityOrm, auditOrm, workerOrm]) await orm.close();
  await superuser.end();
});

describe('appending', () => {
  it('chains events in the database exactly as the TypeScript encoding does', async () => {
    const org = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(org), 5);
    const events = await storedEvents(org);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    events.forEach((event, i) => {
      expect(eventHash(event)).toBe(event.hash);
      if (i > 0) expect(event.prevHash).toBe(events[i - 1]!.hash);
    });
    expect(events[0]).toMatchObject({ organizationId: org, action: 'VIEW', resourceType: 'Credential', outcome: 'SUCCESS', actorRole: 'CREDENTIALING_STAFF', sourceIp: '198.51.100.7' });
    expect(await verify(org)).toEqual({ valid: true, checkedEvents: 5, checkedCheckpoints: 0, firstBadSequence: null, problem: null });
  });

  it('hashes a field outside ASCII by its length in UTF-8 bytes, in the database and in TypeScript alike', async () => {
    const org = randomUUID();
    const caller = callerIn(org);
    const resourceId = `Zoë Ångström ${randomUUID()} 🩺`;
    await runAsCaller(identityOrm, caller, (em) => recordAudit(em, caller, { action: 'VIEW', resourceType: 'Credential', resourceId, outcome: 'SUCCESS' }));
    const [event] = await storedEvents(org);
    expect(event!.resourceId).toBe(resourceId);
    expect(canonicalEncoding(event!)).toContain(`|${Buffer.byteLength(resourceId, 'utf8')}:${resourceId}|`);
    expect(eventHash(event!)).toBe(event!.hash);
    expect(await verify(org)).toMatchObject({ valid: true, checkedEvents: 1 });
  });

  it('reads every stored time in the very text the chain hashed (to the microsecond, trailing zeros kept)', async () => {
    const times = ['2026-11-23 03:04:05+00', '2026-11-23 03:04:05.1+00', '2026-11-23 03:04:05.000001+00', '2026-11-23 03:04:05.12345+00',
      '2026-11-23 03:04:05.999999+00', '1999-12-31 23:59:59.5-05', '2026-03-08 02:30:00.25-08', '10000-01-01 00:00:00.01+00'];
    const { rows } = await superuser.query<{ text: string; hashed: string }>(
      `select (t at time zone 'UTC')::text as text, to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as hashed
         from unnest($1::timestamptz[]) as t`, [times]);
    expect(rows).toHaveLength(times.length);
    for (const row of rows) expect(chainTimestamp(row.text)).toBe(row.hashed);
    // Text in no form a stored time takes is passed through, so it fails its hash as an alteration.
    expect(chainTimestamp('infinity')).toBe('infinity');
  });

  it('leaves no gap and no fork with 8 concurrent writers in one organization and across 8', async () => {
    const org = randomUUID();
    const orgs = Array.from({ length: 8 }, () => randomUUID());
    await Promise.all([
      ...Array.from({ length: 8 }, () => seedAuditEvents(identityOrm, callerIn(org), 20)),
      ...orgs.map((other) => seedAuditEvents(auditOrm, callerIn(other), 10)),
    ]);
    const events = await storedEvents(org);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    expect(await verify(org)).toMatchObject({ valid: true, checkedEvents: 160 });
    for (const other of orgs) expect(await verify(other)).toMatchObject({ valid: true, checkedEvents: 10 });
  });

  /** Each organization's chain holds `count` events, 1 to count, each linked and hashed as the TypeScript encoding says, and its head is on the last. */
  async function expectWholeChains(counts: Record<string, number>): Promise<void> {
    for (const [organizationId, count] of Object.entries(counts)) {
      const events = await storedEvents(organizationId);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      events.forEach((event, i) => {
        expect(eventHash(event)).toBe(event.hash);
        expect(event.prevHash).toBe(i === 0 ? GENESIS_HASH : events[i - 1]!.hash);
      });
      expect(await verify(organizationId)).toMatchObject({ valid: true, checkedEvents: count });
      const { rows: [head] } = await superuser.query(`select seq::int as seq, encode(hash, 'hex') as hash from audit.chain_heads where organization_id = $1`, [organizationId]);
      expect(head).toEqual({ seq: count, hash: events[count - 1]!.hash });
    }
  }

  it('chains many-row statements (two organizations mixed, several statements in one transaction, concurrent writers) and leaves the head on the last event', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const views = (organizationId: string, n: number) =>
      Array.from({ length: n }, () => ({ organizationId, action: 'VIEW' as const, resourceType: 'Credential' as const, resourceId: randomUUID(), outcome: 'SUCCESS' as const }));
    const caller = callerIn(first);
    const listing = () =>
      runAsCaller(identityOrm, caller, async (em) => {
        await recordAudit(em, caller, [...views(first, 30), ...views(second, 5), ...views(first, 20)]);
        await recordAudit(em, caller, views(first, 10));
      });
    await Promise.all([listing(), listing(), listing(), listing()]);
    await expectWholeChains({ [first]: 240, [second]: 20 });
  });

  it('chains many-row INSERT statements written straight into the table the same way, between appends in one transaction', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const caller = callerIn(first);
    const rows = (organizationId: string, n: number) => Array.from({ length: n }, () => [organizationId, randomUUID()]);
    const insert = (em: EntityManager, values: string[][]) =>
      em.execute(
        `insert into audit.events (organization_id, action, resource_type, resource_id, outcome, seq, hash) values ${values.map(() => "(?, 'VIEW', 'Credential', ?, 'SUCCESS', 1, '\\x00')").join(', ')}`,
        values.flat(),
      );
    const writer = () =>
      runAsCaller(identityOrm, caller, async (em) => {
        await insert(em, [...rows(first, 12), ...rows(second, 3), ...rows(first, 8)]);
        await recordAudit(em, caller, { action: 'VIEW', resourceType: 'Credential', resourceId: randomUUID(), outcome: 'SUCCESS' });
        await insert(em, rows(first, 5));
      });
    await Promise.all([writer(), writer(), writer()]);
    await expectWholeChains({ [first]: 78, [second]: 9 });
  });

  it('refuses an append that is not a list of events, and overwrites a sequence, time or hash an appended event names', async () => {
    const org = randomUUID();
    const append = (events: unknown) => runAsCaller(identityOrm, callerIn(org), (em) => em.execute('select audit.append_events(?::jsonb)', [JSON.stringify(events)]));
    await expect(append({ organization_id: org, action: 'VIEW', resource_type: 'Credential', outcome: 'SUCCESS' })).rejects.toThrow(/JSON array of events/);
    await expect(append([{ organization_id: org, action: 'VIEW', resource_type: 'Credential', outcome: 'SUCCESS' }, { organization_id: org, action: 'VIEW' }])).rejects.toThrow(/null value/);
    expect(await storedEvents(org)).toEqual([]);
    await append([
      { organization_id: org, action: 'VIEW', resource_type: 'Credential', outcome: 'SUCCESS', seq: 999, occurred_at: '2001-01-01T00:00:00Z', prev_hash: '\\x00', hash: '\\x00' },
      { organization_id: org, action: 'VIEW', resource_type: 'Credential', outcome: 'SUCCESS', seq: 1 },
    ]);
    const events = await storedEvents(org);
    expect(events).toMatchObject([{ seq: 1, prevHash: GENESIS_HASH }, { seq: 2, prevHash: events[0]!.hash }]);
    expect(events.some((event) => event.occurredAt.startsWith('2001'))).toBe(false);
    expect(await verify(org)).toMatchObject({ valid: true, checkedEvents: 2 });
  });

  it('appends events alike but for their record as one event and a list, chained in list order like any other append', async () => {
    const org = randomUUID();
    const caller = callerIn(org);
    const records = Array.from({ length: 40 }, () => randomUUID());
    await runAsCaller(identityOrm, caller, async (em) => {
      await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'Physician', resourceId: randomUUID(), outcome: 'SUCCESS' });
      await recordAudit(em, caller, records.map((resourceId) => ({ action: 'VIEW' as const, resourceType: 'Credential' as const, resourceId, outcome: 'SUCCESS' as const })));
      await recordAudit(em, caller, [{ action: 'VIEW', resourceType: 'Credential', resourceId: null, outcome: 'SUCCESS' }, { action: 'VIEW', resourceType: 'Credential', resourceId: records[0], outcome: 'SUCCESS' }]);
    });
    const events = await storedEvents(org);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 43 }, (_, i) => i + 1));
    expect(events.slice(1, 41).map((event) => event.resourceId)).toEqual(records);
    expect(events.slice(41).map((event) => event.resourceId)).toEqual([null, records[0]]);
    for (const event of events.slice(1)) {
      expect(event).toMatchObject({ organizationId: org, actorId: caller.userId, actorRole: 'CREDENTIALING_STAFF', sourceIp: '198.51.100.7', requestId: caller.requestId, action: 'VIEW', resourceType: 'Credential', outcome: 'SUCCESS', reason: null });
    }
    expect(await verify(org)).toMatchObject({ valid: true, checkedEvents: 43 });
    const [head] = (await superuser.query(`select seq::int as seq, encode(hash, 'hex') as hash from audit.chain_heads where organization_id = $1`, [org])).rows;
    expect(head).toEqual({ seq: 43, hash: events[42]!.hash });
  });

  it('refuses an alike append without an event object or a list, and overwrites a sequence, time or hash its event names', async () => {
    const org = randomUUID();
    const append = (template: unknown, ids: unknown) =>
      runAsCaller(identityOrm, callerIn(org), (em) => executeWithBindParameters(em, 'select audit.append_events($1::jsonb, $2::text[])', [JSON.stringify(template), ids]));
    const event = { organization_id: org, action: 'VIEW', resource_type: 'Credential', outcome: 'SUCCESS' };
    await expect(append([event], [randomUUID()])).rejects.toThrow(/JSON object and a list of resource ids/);
    await expect(append(event, null)).rejects.toThrow(/JSON object and a list of resource ids/);
    await expect(append({ ...event, action: 'viewed' }, [randomUUID()])).rejects.toThrow(/events_action_check/);
    await append(event, []);
    expect(await storedEvents(org)).toEqual([]);
    await append({ ...event, seq: 999, occurred_at: '2001-01-01T00:00:00Z', prev_hash: '\\x00', hash: '\\x00' }, ['a', 'b']);
    const events = await storedEvents(org);
    expect(events).toMatchObject([{ seq: 1, prevHash: GENESIS_HASH, resourceId: 'a' }, { seq: 2, prevHash: events[0]!.hash, resourceId: 'b' }]);
    expect(events.some((stored) => stored.occurredAt.startsWith('2001'))).toBe(false);
    expect(await verify(org)).toMatchObject({ valid: true, checkedEvents: 2 });
  });

  it('admits exactly the codes its checks describe: malformed ones are refused, a well-formed one outside today\'s lists is kept', async () => {
    const org = randomUUID();
    const append = (event: Record<string, unknown>) =>
      runAsCaller(identityOrm, callerIn(org), (em) => executeWithBindParameters(em, 'select audit.append_events($1::jsonb)', [JSON.stringify([{ organization_id: org, action: 'VIEW', resource_type: 'Credential', outcome: 'SUCCESS', ...event }])]));
    for (const [column, value] of [['action', 'view'], ['action', 'V'], ['action', 'VIEW '], ['action', 'VIEW\nDROP'], ['actor_role', 'auditor'], ['actor_role', ''],
      ['resource_type', '1Credential'], ['resource_type', 'Credential-x'], ['resource_type', 'Crédential'], ['outcome', 'MAYBE']] as const) {
      await expect(append({ [column]: value })).rejects.toThrow(new RegExp(`events_${column}_check`));
    }
    await append({ action: 'ARCHIVE_RESTORE', actor_role: 'BILLING_CLERK', resource_type: 'Invoice_2026' });
    expect(await storedEvents(org)).toMatchObject([{ action: 'ARCHIVE_RESTORE', actorRole: 'BILLING_CLERK', resourceType: 'Invoice_2026' }]);
  });

  it('ignores a sequence, time or hash that a writer tries to choose', async () => {
    const org = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(org), 1);
    await runAsCaller(identityOrm, callerIn(org), (em) =>
      em.execute(
        `insert into audit.events (organization_id, seq, occurred_at, action, resource_type, outcome, prev_hash, hash)
         values (?, 999, '2001-01-01', 'VIEW', 'Credential', 'SUCCESS', '\\x00', '\\x00')`,
        [org],
      ),
    );
    const events = await storedEvents(org);
    expect(events[1]).toMatchObject({ seq: 2, prevHash: events[0]!.hash });
    expect(events[1]!.occurredAt.startsWith('2001')).toBe(false);
    expect(await verify(org)).toMatchObject({ valid: true, checkedEvents: 2 });
  });

  it('refuses a reason that is not a short code, so no PHI can ride in it', async () => {
    const org = randomUUID();
    const caller = callerIn(org);
    await expect(
      runAsCaller(identityOrm, caller, (em) => recordAudit(em, caller, { action: 'VIEW', resourceType: 'Physician', outcome: 'SUCCESS', reason: 'Viewed Jane Doe, SSN 123-45-6789' })),
    ).rejects.toThrow(/short code/);
    await expect(
      runAsCaller(identityOrm, caller, (em) => em.execute(`insert into audit.events (organization_id, action, resource_type, outcome, reason) values (?, 'VIEW', 'Physician', 'SUCCESS', 'SSN 123-45-6789')`, [org])),
    ).rejects.toThrow(/check constraint/);
  });

  it('keeps a denial even when the denied request rolls back', async () => {
    const org = randomUUID();
    const caller = callerIn(org, 'PHYSICIAN');
    await expect(
      runAsCaller(identityOrm, caller, async () => {
        await recordDenial(identityOrm, caller, { resourceType: 'AuditLog', reason: 'missing_permission:audit.read' });
        throw new Error('request failed');
      }),
    ).rejects.toThrow('request failed');
    expect(await storedEvents(org)).toEqual([
      expect.objectContaining({ action: 'ACCESS_DENIED', outcome: 'FAILURE', resourceType: 'AuditLog', reason: 'missing_permission:audit.read', actorRole: 'PHYSICIAN' }),
    ]);
  });
});

describe('append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE to every service role', async () => {
    const org = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(org), 2);
    for (const orm of [identityOrm, auditOrm, workerOrm]) {
      await expect(runAsCaller(orm, callerIn(org), (em) => em.execute(`update audit.events set reason = 'x' where organization_id = ?`, [org]))).rejects.toThrow(/permission denied/);
      await expect(runAsCaller(orm, callerIn(org), (em) => em.execute(`delete from audit.events where organization_id = ?`, [org]))).rejects.toThrow(/permission denied/);
      await expect(orm.em.fork().execute('truncate audit.events')).rejects.toThrow(/permission denied/);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE even to the owner while the trigger stands', async () => {
    await expect(superuser.query(`update audit.events set reason = 'x'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(superuser.query(`delete from audit.events`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(superuser.query(`truncate audit.events`)).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  it('does not let the audit service read another organization', async () => {
    const mine = randomUUID();
    const theirs = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(mine), 1);
    await seedAuditEvents(identityOrm, callerIn(theirs), 3);
    const seen = await runAsCaller(auditOrm, callerIn(mine, 'AUDITOR'), (em) => em.execute<{ n: number }[]>('select count(*)::int as n from audit.events'));
    expect(seen).toEqual([{ n: 1 }]);
  });
});

describe('tampering is detected, naming the first bad sequence', () => {
  it('an event changed in place', async () => {
    const org = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(org), 8);
    await tamper([`update audit.events set outcome = 'FAILURE' where organization_id = $1 and seq = 5`, [org]]);
    expect(await verify(org)).toMatchObject({ valid: false, firstBadSequence: 5, checkedEvents: 4 });
  });

  it('a range: tampering inside it is found, tampering before it is outside its claim', async () => {
    const org = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(org), 8);
    await tamper([`update audit.events set outcome = 'FAILURE' where organization_id = $1 and seq = 3`, [org]]);
    const verifyRange = (fromSequence: number, toSequence: number) =>
      runAsCaller(auditOrm, callerIn(org, 'AUDITOR'), (em) => verifyStoredChain(em, org, { fromSequence, toSequence }));
    expect(await verifyRange(2, 5)).toMatchObject({ valid: false, firstBadSequence: 3 });
    expect(await verifyRange(4, 8)).toMatchObject({ valid: true, checkedEvents: 5 });
  });

  it('an event deleted from the middle', async () => {
    const org = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(org), 8);
    await tamper([`delete from audit.events where organization_id = $1 and seq = 4`, [org]]);
    expect(await verify(org)).toMatchObject({ valid: false, firstBadSequence: 4, problem: 'sequence 4 is missing' });
  });

  it('two events swapped', async () => {
    const org = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(org), 8);
    await tamper(
      [`update audit.events set seq = -seq where organization_id = $1 and seq in (3, 4)`, [org]],
      [`update audit.events set seq = case seq when -3 then 4 else 3 end where organization_id = $1 and seq in (-3, -4)`, [org]],
    );
    expect(await verify(org)).toMatchObject({ valid: false, firstBadSequence: 3 });
  });

  it('an event rewritten with a recomputed hash breaks the link after it', async () => {
    const org = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(org), 6);
    const [event] = (await storedEvents(org)).filter((e) => e.seq === 2);
    const forged = { ...event!, outcome: 'FAILURE' };
    await tamper([`update audit.events set outcome = 'FAILURE', hash = decode($2, 'hex') where organization_id = $1 and seq = 2`, [org, eventHash(forged)]]);
    expect(await verify(org)).toMatchObject({ valid: false, firstBadSequence: 3 });
  });

  it('the newest events cut off after a signed checkpoint', async () => {
    const org = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(org), 6);
    await createAuditCheckpointActivities({ orm: workerOrm, auditSigningKey: await testAuditSigningKey() }).signAuditCheckpoints({ organizationIds: [org] });
    await tamper([`delete from audit.events where organization_id = $1 and seq >= 5`, [org]]);
    await superuser.query(`update audit.chain_heads set seq = 4 where organization_id = $1`, [org]);
    expect(await verify(org)).toMatchObject({ valid: false, firstBadSequence: 5 });
  });

  it('a forged checkpoint', async () => {
    const org = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(org), 3);
    const key = await testAuditSigningKey();
    await createAuditCheckpointActivities({ orm: workerOrm, auditSigningKey: key }).signAuditCheckpoints({ organizationIds: [org] });
    const events = await storedEvents(org);
    await superuser.query(
      `update audit.checkpoints set signature = decode($2, 'base64') where organization_id = $1 and seq = 3`,
      [org, Buffer.alloc(64, 7).toString('base64')],
    );
    expect(events).toHaveLength(3);
    expect(await verify(org)).toMatchObject({ valid: false, firstBadSequence: 3, problem: expect.stringMatching(/invalid signature/) });
  });
});

describe('checkpoints', () => {
  it('sign every moved chain head, and verification checks them', async () => {
    const org = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(org), 4);
    const activities = createAuditCheckpointActivities({ orm: workerOrm, auditSigningKey: await testAuditSigningKey() });
    expect(await activities.signAuditCheckpoints({ organizationIds: [org] })).toEqual({ signed: 1 });
    await seedAuditEvents(identityOrm, callerIn(org), 2);
    await activities.signAuditCheckpoints({ organizationIds: [org] });
    expect(await verify(org)).toEqual({ valid: true, checkedEvents: 6, checkedCheckpoints: 2, firstBadSequence: null, problem: null });
    expect(await activities.signAuditCheckpoints({ organizationIds: [org] })).toEqual({ signed: 0 }); // nothing moved since
  });

  it('are never signed over an event altered since the last one: the break is refused, alerted once, and fails the activity for good', async () => {
    const org = randomUUID();
    const lines: string[] = [];
    const alerting = createLogger({ service: 'test', level: 'error', destination: { write: (line: string) => void lines.push(line) } });
    const activities = createAuditCheckpointActivities({ orm: workerOrm, auditSigningKey: await testAuditSigningKey(), logger: alerting });
    await seedAuditEvents(identityOrm, callerIn(org), 4);
    await activities.signAuditCheckpoints({ organizationIds: [org] });
    await seedAuditEvents(identityOrm, callerIn(org), 3);
    await tamper([`update audit.events set outcome = 'FAILURE' where organization_id = $1 and seq = 6`, [org]]);

    for (let run = 0; run < 2; run += 1) {
      const failure = await activities.signAuditCheckpoints({ organizationIds: [org] }).then(() => null, (error: unknown) => error);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: 'AUDIT_CHAIN_BROKEN', nonRetryable: true, details: [{ organizationId: org, firstBadSequence: 6, problem: expect.stringMatching(/altered/) }] });
    }
    const { rows: checkpoints } = await superuser.query(`select seq::int from audit.checkpoints where organization_id = $1 order by seq`, [org]);
    expect(checkpoints).toEqual([{ seq: 4 }]);
    const alerts = (await storedEvents(org)).filter((e) => e.action === 'INTEGRITY_ALERT');
    expect(alerts).toEqual([expect.objectContaining({ outcome: 'FAILURE', resourceType: 'AuditLog', resourceId: 'seq:6', reason: 'audit_chain_broken' })]);
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({ level: 'error', reason: 'audit_chain_broken', organizationId: org, firstBadSequence: 6 }),
      expect.objectContaining({ level: 'error', reason: 'audit_chain_broken', organizationId: org, firstBadSequence: 6 }),
    ]);
  });

  it('are not signed over a rewritten event whose hash was recomputed (after or at the last checkpoint), nor over a moved chain head', async () => {
    const activities = createAuditCheckpointActivities({ orm: workerOrm, auditSigningKey: await testAuditSigningKey() });
    const rewritten = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(rewritten), 3);
    await activities.signAuditCheckpoints({ organizationIds: [rewritten] });
    await seedAuditEvents(identityOrm, callerIn(rewritten), 3);
    const [event] = (await storedEvents(rewritten)).filter((e) => e.seq === 5);
    await tamper([`update audit.events set outcome = 'FAILURE', hash = decode($2, 'hex') where organization_id = $1 and seq = 5`, [rewritten, eventHash({ ...event!, outcome: 'FAILURE' })]]);
    await expect(activities.signAuditCheckpoints({ organizationIds: [rewritten] })).rejects.toMatchObject({ type: 'AUDIT_CHAIN_BROKEN', details: [expect.objectContaining({ firstBadSequence: 6 })] });

    const signedOver = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(signedOver), 3);
    await activities.signAuditCheckpoints({ organizationIds: [signedOver] });
    await seedAuditEvents(identityOrm, callerIn(signedOver), 1);
    const [checkpointed] = (await storedEvents(signedOver)).filter((e) => e.seq === 3);
    await tamper([`update audit.events set outcome = 'FAILURE', hash = decode($2, 'hex') where organization_id = $1 and seq = 3`, [signedOver, eventHash({ ...checkpointed!, outcome: 'FAILURE' })]]);
    await expect(activities.signAuditCheckpoints({ organizationIds: [signedOver] })).rejects.toMatchObject({ type: 'AUDIT_CHAIN_BROKEN', details: [expect.objectContaining({ firstBadSequence: 3 })] });

    const forgedHead = randomUUID();
    await seedAuditEvents(identityOrm, callerIn(forgedHead), 3);
    await superuser.query(`update audit.chain_heads set hash = decode($2, 'hex') where organization_id = $1`, [forgedHead, 'ab'.repeat(32)]);
    await expect(activities.signAuditCheckpoints({ organizationIds: [forgedHead] })).rejects.toMatchObject({ type: 'AUDIT_CHAIN_BROKEN' });
    const { rows } = await superuser.query(`select organization_id from audit.checkpoints where organization_id = any($1::uuid[]) and seq > 3`, [[rewritten, signedOver, forgedHead]]);
    expect(rows).toEqual([]);
  });
});

describe('retention', () => {
  it('purges events past retention up to a signed checkpoint, and the rest still verifies', async () => {
    const org = randomUUID();
    // Ten events from nine years ago, chained correctly (written as the database would have).
    let prevHash = GENESIS_HASH;
    await superuser.query('alter table audit.events disable trigger events_chain');
    for (let seq = 1; seq <= 10; seq += 1) {
      const event = {
        organizationId: org, seq, occurredAt: `2017-01-01T00:00:${String(seq).padStart(2, '0')}.000000Z`,
        actorId: null, actorRole: null, sourceIp: null, requestId: `old-${seq}`, action: 'VIEW', resourceType: 'Credential',
        resourceId: null, outcome: 'SUCCESS', reason: null, prevHash,
      };
      const hash = eventHash(event);
      await superuser.query(
        `insert into audit.events (organization_id, seq, occurred_at, request_id, action, resource_type, outcome, prev_hash, hash)
         values ($1, $2, $3, $4, 'VIEW', 'Credential', 'SUCCESS', decode($5, 'hex'), decode($6, 'hex'))`,
        [org, seq, event.occurredAt, event.requestId, prevHash, hash],
      );
      prevHash = hash;
    }
    await superuser.query(`insert into audit.chain_heads values ($1, 10, decode($2, 'hex'))`, [org, prevHash]);
    await superuser.query('alter table audit.events enable trigger events_chain');
    const key = await testAuditSigningKey();
    await createAuditCheckpointActivities({ orm: workerOrm, auditSigningKey: key }).signAuditCheckpoints({ organizationIds: [org] });
    await seedAuditEvents(identityOrm, callerIn(org), 3);
    expect(await verify(org)).toMatchObject({ valid: true, checkedEvents: 13 });

    const result = await createAuditRetentionActivities({ orm: workerOrm }).purgeExpiredAuditEvents();
    expect(result.purged).toBeGreaterThanOrEqual(10);
    const remaining = await storedEvents(org);
    expect(remaining.map((e) => e.seq)).toEqual([11, 12, 13, 14]);
    expect(remaining[3]).toMatchObject({ action: 'DELETE', resourceType: 'AuditLog', reason: 'retention_purge' });
    expect(await verify(org)).toMatchObject({ valid: true, checkedEvents: 4 });
  });

  it('keeps six years whatever the worker passes, and the database records its own purge', async () => {
    const org = randomUUID();
    const activities = createAuditCheckpointActivities({ orm: workerOrm, auditSigningKey: await testAuditSigningKey() });
    await appendHistory(org, [1, 2, 3].map((second) => yearsAgo(9, second)));
    await activities.signAuditCheckpoints({ organizationIds: [org] }); // covers 1-3
    await appendHistory(org, [4, 5, 6].map((second) => yearsAgo(5, second)));
    await activities.signAuditCheckpoints({ organizationIds: [org] }); // covers 4-6
    await seedAuditEvents(identityOrm, callerIn(org), 2);
    await activities.signAuditCheckpoints({ organizationIds: [org] }); // covers 7-8

    // The worker's own role, asking for no retention at all, then for a year.
    const worker = workerOrm.em.fork();
    const purged = await worker.execute<{ organization: string; events: number }[]>(
      `select purged_organization::text as organization, purged_events::int as events from audit.purge_expired(0, 0)`,
    );
    expect(purged.filter((row) => row.organization === org)).toEqual([{ organization: org, events: 3 }]);
    await worker.execute(`select * from audit.purge_expired(1, 1)`);
    await worker.execute(`select * from audit.purge_expired(null, null)`);

    const remaining = await storedEvents(org);
    expect(remaining.map((e) => e.seq)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(remaining[5]).toMatchObject({ action: 'DELETE', resourceType: 'AuditLog', resourceId: 'seq:1-3', outcome: 'SUCCESS', reason: 'retention_purge', actorId: null });
    expect(await verify(org)).toMatchObject({ valid: true, checkedEvents: 6 });
  });

  it('never anchors a purge on a checkpoint that does not match its event', async () => {
    const org = randomUUID();
    await appendHistory(org, [1, 2].map((second) => yearsAgo(9, second)));
    const key = await testAuditSigningKey();
    await superuser.query(`insert into audit.signing_keys (key_id, public_key) values ($1, decode($2, 'base64')) on conflict do nothing`, [key.keyId, key.publicKey]);
    await workerOrm.em.fork().execute(
      `insert into audit.checkpoints (organization_id, seq, hash, signed_at, key_id, signature) values (?, 2, decode(?, 'hex'), now(), ?, decode(?, 'base64'))`,
      [org, 'cd'.repeat(32), key.keyId, Buffer.alloc(64).toString('base64')],
    );
    await workerOrm.em.fork().execute(`select * from audit.purge_expired(0, 0)`);
    expect((await storedEvents(org)).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('never keeps events for less than six years', async () => {
    await expect(superuser.query(`insert into audit.retention_settings (organization_id, years) values ($1, 5)`, [randomUUID()])).rejects.toThrow(/check constraint/);
  });

  it('keeps the platform chain for events outside any organization', async () => {
    const caller: Caller = { userId: null, organizationId: null, role: null, sessionId: null, requestId: 'req-anon-login', sourceIp: '192.0.2.1' };
    await runAsCaller(identityOrm, caller, (em) => recordAudit(em, caller, { action: 'LOGIN_FAILED', resourceType: 'User', outcome: 'FAILURE', reason: 'invalid_credentials' }));
    const { rows } = await superuser.query(`select count(*)::int as n from audit.events where organization_id = $1 and action = 'LOGIN_FAILED'`, [PLATFORM_ORGANIZATION_ID]);
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
  });
});

describe('refusals anyone can provoke', () => {
  const flush = (closedBefore = 'now()') => workerOrm.em.fork().execute(`select audit.flush_refusal_tallies(${closedBefore} + interval '1 minute')`);
  const anonymousFrom = (sourceIp: string): Caller => ({ userId: null, organizationId: null, role: null, sessionId: null, requestId: `req-${randomUUID()}`, sourceIp });
  const platformEventsFrom = async (sourceIp: string) => {
    const { rows } = await superuser.query(
      `select action, resource_type, resource_id, reason, outcome, request_id from audit.events where organization_id = $1 and source_ip = $2 order by seq`,
      [PLATFORM_ORGANIZATION_ID, sourceIp],
    );
    return rows as { action: string; resource_type: string; resource_id: string | null; reason: string; outcome: string; request_id: string }[];
  };

  it('write one event per address and minute, count the rest, and the count reaches the chain', async () => {
    const ip = anAddressOfItsOwn();
    await flush(); // nothing of this address is pending
    const callers = Array.from({ length: 40 }, () => anonymousFrom(ip));
    const written = await Promise.all(callers.map((caller) => recordRefusal(identityOrm, caller, { resourceType: 'AccessToken', reason: 'bearer:invalid' })));
    const events = await platformEventsFrom(ip);
    // A minute may turn during the burst: then it starts a second window.
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.length).toBeLessThanOrEqual(2);
    expect(written.filter((result) => result.written)).toHaveLength(events.length);
    expect(events[0]).toMatchObject({ action: 'ACCESS_DENIED', resource_type: 'AccessToken', reason: 'bearer:invalid', outcome: 'FAILURE' });

    await flush();
    const counted = (await platformEventsFrom(ip)).filter((event) => event.resource_id?.startsWith('minute:'));
    const total = counted.reduce((sum, event) => sum + Number(event.resource_id!.split(':count:')[1]), 0);
    expect(total + (events.length - counted.length)).toBe(40);
  });

  it('count an IPv6 sender by its /64, so rotating addresses inside it does not write more', async () => {
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;
    await flush();
    for (let host = 1; host <= 10; host += 1) {
      await recordRefusal(identityOrm, anonymousFrom(`${prefix}::${host.toString(16)}`), { resourceType: 'AccessToken', reason: 'bearer:invalid' });
    }
    const { rows } = await superuser.query(`select count(*)::int as n from audit.events where organization_id = $1 and source_ip like $2`, [PLATFORM_ORGANIZATION_ID, `${prefix}::%`]);
    expect(rows[0].n).toBeLessThanOrEqual(2);
  });

  it('refuse a reason that is not a short code, and a service role cannot forge a count', async () => {
    await expect(recordRefusal(identityOrm, anonymousFrom('198.51.100.1'), { resourceType: 'Invitation', reason: 'wrong password for jane@example.com' })).rejects.toThrow(/short code/);
    await expect(identityOrm.em.fork().execute(`select audit.flush_refusal_tallies()`)).rejects.toThrow(/permission denied/);
    await expect(identityOrm.em.fork().execute(`insert into audit.refusal_tallies (organization_id, address, minute, action, resource_type, reason, refused) values (gen_random_uuid(), '', now(), 'X', 'Y', 'z', 1)`)).rejects.toThrow(/permission denied/);
  });
});
