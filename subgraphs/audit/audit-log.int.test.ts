// The audit log on the real database, attacked: append-only for every role, chained without gaps
// under concurrency, and every kind of tampering found, with the first bad sequence named.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PLATFORM_ORGANIZATION_ID, recordAudit, recordDenial } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { openDatabase, runAsCaller, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { testAuditSigningKey, testStack } from '../../test/support/stack.ts';
import { createAuditCheckpointActivities } from '../../workflows/audit-checkpoint/activities.ts';
import { createAuditRetentionActivities } from '../../workflows/audit-retention/activities.ts';
import { eventHash, GENESIS_HASH, type ChainEvent } from './chain.ts';
import { EVENT_COLUMNS } from './event-store.ts';
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

async function writeEvents(organizationId: string, count: number, orm = identityOrm): Promise<void> {
  const caller = callerIn(organizationId);
  for (let i = 0; i < count; i += 1) {
    await runAsCaller(orm, caller, (em) => recordAudit(em, caller, { action: 'VIEW', resourceType: 'Credential', resourceId: randomUUID(), outcome: 'SUCCESS' }));
  }
}

async function storedEvents(organizationId: string): Promise<ChainEvent[]> {
  return runAsCaller(auditOrm, callerIn(organizationId, 'AUDITOR'), (em) =>
    em.execute<ChainEvent[]>(`select ${EVENT_COLUMNS} from audit.events where organization_id = ? order by seq`, [organizationId]),
  );
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
    await writeEvents(org, 5);
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

  it('leaves no gap and no fork with 8 concurrent writers in one organization and across 8', async () => {
    const org = randomUUID();
    const orgs = Array.from({ length: 8 }, () => randomUUID());
    await Promise.all([
      ...Array.from({ length: 8 }, () => writeEvents(org, 20)),
      ...orgs.map((other) => writeEvents(other, 10, auditOrm)),
    ]);
    const events = await storedEvents(org);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    expect(await verify(org)).toMatchObject({ valid: true, checkedEvents: 160 });
    for (const other of orgs) expect(await verify(other)).toMatchObject({ valid: true, checkedEvents: 10 });
  });

  it('ignores a sequence, time or hash that a writer tries to choose', async () => {
    const org = randomUUID();
    await writeEvents(org, 1);
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
    await writeEvents(org, 2);
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
    await writeEvents(mine, 1);
    await writeEvents(theirs, 3);
    const seen = await runAsCaller(auditOrm, callerIn(mine, 'AUDITOR'), (em) => em.execute<{ n: number }[]>('select count(*)::int as n from audit.events'));
    expect(seen).toEqual([{ n: 1 }]);
  });
});

describe('tampering is detected, naming the first bad sequence', () => {
  it('an event changed in place', async () => {
    const org = randomUUID();
    await writeEvents(org, 8);
    await tamper([`update audit.events set outcome = 'FAILURE' where organization_id = $1 and seq = 5`, [org]]);
    expect(await verify(org)).toMatchObject({ valid: false, firstBadSequence: 5, checkedEvents: 4 });
  });

  it('a range: tampering inside it is found, tampering before it is outside its claim', async () => {
    const org = randomUUID();
    await writeEvents(org, 8);
    await tamper([`update audit.events set outcome = 'FAILURE' where organization_id = $1 and seq = 3`, [org]]);
    const verifyRange = (fromSequence: number, toSequence: number) =>
      runAsCaller(auditOrm, callerIn(org, 'AUDITOR'), (em) => verifyStoredChain(em, org, { fromSequence, toSequence }));
    expect(await verifyRange(2, 5)).toMatchObject({ valid: false, firstBadSequence: 3 });
    expect(await verifyRange(4, 8)).toMatchObject({ valid: true, checkedEvents: 5 });
  });

  it('an event deleted from the middle', async () => {
    const org = randomUUID();
    await writeEvents(org, 8);
    await tamper([`delete from audit.events where organization_id = $1 and seq = 4`, [org]]);
    expect(await verify(org)).toMatchObject({ valid: false, firstBadSequence: 4, problem: 'sequence 4 is missing' });
  });

  it('two events swapped', async () => {
    const org = randomUUID();
    await writeEvents(org, 8);
    await tamper(
      [`update audit.events set seq = -seq where organization_id = $1 and seq in (3, 4)`, [org]],
      [`update audit.events set seq = case seq when -3 then 4 else 3 end where organization_id = $1 and seq in (-3, -4)`, [org]],
    );
    expect(await verify(org)).toMatchObject({ valid: false, firstBadSequence: 3 });
  });

  it('an event rewritten with a recomputed hash breaks the link after it', async () => {
    const org = randomUUID();
    await writeEvents(org, 6);
    const [event] = (await storedEvents(org)).filter((e) => e.seq === 2);
    const forged = { ...event!, outcome: 'FAILURE' };
    await tamper([`update audit.events set outcome = 'FAILURE', hash = decode($2, 'hex') where organization_id = $1 and seq = 2`, [org, eventHash(forged)]]);
    expect(await verify(org)).toMatchObject({ valid: false, firstBadSequence: 3 });
  });

  it('the newest events cut off after a signed checkpoint', async () => {
    const org = randomUUID();
    await writeEvents(org, 6);
    await createAuditCheckpointActivities({ orm: workerOrm, auditSigningKey: await testAuditSigningKey() }).signAuditCheckpoints();
    await tamper([`delete from audit.events where organization_id = $1 and seq >= 5`, [org]]);
    await superuser.query(`update audit.chain_heads set seq = 4 where organization_id = $1`, [org]);
    expect(await verify(org)).toMatchObject({ valid: false, firstBadSequence: 5 });
  });

  it('a forged checkpoint', async () => {
    const org = randomUUID();
    await writeEvents(org, 3);
    const key = await testAuditSigningKey();
    await createAuditCheckpointActivities({ orm: workerOrm, auditSigningKey: key }).signAuditCheckpoints();
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
    await writeEvents(org, 4);
    const activities = createAuditCheckpointActivities({ orm: workerOrm, auditSigningKey: await testAuditSigningKey() });
    expect((await activities.signAuditCheckpoints()).signed).toBeGreaterThanOrEqual(1);
    await writeEvents(org, 2);
    await activities.signAuditCheckpoints();
    expect(await verify(org)).toEqual({ valid: true, checkedEvents: 6, checkedCheckpoints: 2, firstBadSequence: null, problem: null });
    expect((await activities.signAuditCheckpoints()).signed).toBe(0); // nothing moved since
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
    await createAuditCheckpointActivities({ orm: workerOrm, auditSigningKey: key }).signAuditCheckpoints();
    await writeEvents(org, 3);
    expect(await verify(org)).toMatchObject({ valid: true, checkedEvents: 13 });

    const result = await createAuditRetentionActivities({ orm: workerOrm }).purgeExpiredAuditEvents();
    expect(result.purged).toBeGreaterThanOrEqual(10);
    const remaining = await storedEvents(org);
    expect(remaining.map((e) => e.seq)).toEqual([11, 12, 13, 14]);
    expect(remaining[3]).toMatchObject({ action: 'DELETE', resourceType: 'AuditLog', reason: 'retention_purge' });
    expect(await verify(org)).toMatchObject({ valid: true, checkedEvents: 4 });
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
