// A replayed attack on one organization, written through the one audit writer as the services
// write it (recordAudit, and recordRefusal with its per-minute tallies), then read by the anomaly
// scan: each detector catches its part, once, and what it counted is the attack's size.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { recordAudit, recordRefusal, type AuditEventInput } from '../../platform/audit.ts';
import type { Caller, Role } from '../../platform/caller.ts';
import { openDatabase, runAsCaller, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { localTime } from '../../domain/anomaly-detection/detectors.ts';
import { anOrganization } from '../../test/support/factories.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { createAnomalyDetectionActivities, workingDaysMask } from './activities.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
let identityOrm: MikroORM;
let workerOrm: MikroORM;
let superuser: pg.Client;

const callerOf = (role: Role | null, organizationId: string | null, sourceIp: string, userId: string | null = role ? randomUUID() : null): Caller => ({
  userId, organizationId, role, sessionId: role ? randomUUID() : null, requestId: randomUUID(), sourceIp,
});
const write = (caller: Caller, events: AuditEventInput | AuditEventInput[]) => runAsCaller(identityOrm, caller, (em) => recordAudit(em, caller, events));

beforeAll(async () => {
  identityOrm = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  workerOrm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
});

afterAll(async () => {
  await superuser.end();
  await workerOrm.close();
  await identityOrm.close();
});

describe('a replayed attack', () => {
  it('is caught by each detector, once', async () => {
    const organizationId = await anOrganization(identityOrm);
    const activities = createAnomalyDetectionActivities({ ...(await testActivityDeps(workerOrm)), securityContactEmail: 'security@credence.test' });
    const scan = () => activities.scanAuditForAnomalies();
    await scan(); // the organization's past is read first
    // Today is not a working day of this organization: any export now is outside its hours.
    const today = localTime(Date.now(), 'America/New_York').weekday;
    await superuser.query(
      `insert into audit.security_alert_settings (organization_id, view_floor, view_multiplier, denial_threshold, stuffing_account_threshold, working_hours_start, working_hours_end, working_days)
       values ($1, 100, 5, 25, 10, 7, 19, $2)`,
      [organizationId, workingDaysMask([1, 2, 3, 4, 5, 6, 7].filter((day) => day !== today))],
    );

    // 1. An insider lists 120 physicians' protected fields in one go (one VIEW each), then 30 more.
    const insider = callerOf('CREDENTIALING_STAFF', organizationId, '203.0.113.20');
    await write(insider, Array.from({ length: 120 }, () => ({ action: 'VIEW' as const, resourceType: 'Physician', resourceId: randomUUID(), outcome: 'SUCCESS' as const })));
    await write(insider, Array.from({ length: 30 }, () => ({ action: 'VIEW' as const, resourceType: 'Physician', resourceId: randomUUID(), outcome: 'SUCCESS' as const })));
    // An ordinary colleague's morning: 40 views.
    await write(callerOf('CREDENTIALING_STAFF', organizationId, '203.0.113.21'), Array.from({ length: 40 }, () => ({ action: 'VIEW' as const, resourceType: 'Physician', resourceId: randomUUID(), outcome: 'SUCCESS' as const })));

    // 2. A stolen, revoked token tried 30 times from one address: the first refusal of the minute is
    // an event, the other 29 one tally event when the minute is closed.
    const prober = callerOf(null, organizationId, '198.51.100.99');
    for (let i = 0; i < 30; i += 1) await recordRefusal(identityOrm, prober, { organizationId, resourceType: 'BearerToken', reason: 'bearer:revoked' });
    await workerOrm.em.fork().execute(`select audit.flush_refusal_tallies(now() + interval '1 minute')`);

    // 3. Credential stuffing: 14 accounts, one wrong password each, from one address.
    const stuffer = callerOf(null, null, '192.0.2.150');
    for (let i = 0; i < 14; i += 1) {
      await write(stuffer, { action: 'LOGIN_FAILED', resourceType: 'User', resourceId: randomUUID(), outcome: 'FAILURE', organizationId, actorId: null, actorRole: null, reason: 'wrong_password' });
    }

    // 4. The audit log exported on a day off.
    await write(callerOf('AUDITOR', organizationId, '203.0.113.22'), { action: 'EXPORT', resourceType: 'AuditLog', outcome: 'SUCCESS', reason: 'format:json_lines' });

    // 5. A refresh token replayed after its rotation (identity ends the session and records it).
    const victim = randomUUID();
    const sessionId = randomUUID();
    await write(callerOf(null, null, '192.0.2.151'), { action: 'REFRESH_REUSE', resourceType: 'Session', resourceId: sessionId, outcome: 'FAILURE', reason: 'session_revoked', organizationId, actorId: victim, actorRole: 'PHYSICIAN' });

    // 6. A platform administrator reads a physician of the organization.
    const platformAdmin = callerOf('PLATFORM_ADMIN', organizationId, '203.0.113.30');
    await write(platformAdmin, { action: 'VIEW', resourceType: 'Physician', resourceId: randomUUID(), outcome: 'SUCCESS', reason: 'break_glass' });

    const result = await scan();
    expect(result.raised).toBeGreaterThanOrEqual(6);
    const { rows } = await superuser.query(
      `select detector, severity, subject, event_count as "eventCount", jsonb_array_length(evidence_sequences) as evidence
         from audit.security_alerts where organization_id = $1 order by detector, subject`, [organizationId]);
    expect(rows).toEqual([
      { detector: 'CREDENTIAL_STUFFING', severity: 'HIGH', subject: 'ip:192.0.2.150', eventCount: 10, evidence: 10 },
      // Raised by the tally event: the first refusal and the 29 counted with it.
      { detector: 'DENIAL_STORM', severity: 'MEDIUM', subject: 'ip:198.51.100.99', eventCount: 30, evidence: 2 },
      // Raised at the 100th view (the floor, with no baseline yet); the 50 after it are the same hour's alert.
      { detector: 'EXCESSIVE_VIEWS', severity: 'MEDIUM', subject: `actor:${insider.userId}`, eventCount: 100, evidence: 100 },
      { detector: 'EXPORT_OUTSIDE_HOURS', severity: 'HIGH', subject: expect.stringMatching(/^actor:/), eventCount: 1, evidence: 1 },
      { detector: 'PLATFORM_ADMIN_ACCESS', severity: 'HIGH', subject: `actor:${platformAdmin.userId}`, eventCount: 1, evidence: 1 },
      { detector: 'REFRESH_TOKEN_REUSE', severity: 'HIGH', subject: `actor:${victim}`, eventCount: 1, evidence: 1 },
    ]);

    // Replayed again from the start, the same events raise nothing new.
    await superuser.query(`update audit.anomaly_cursors set seq = 0 where organization_id = $1`, [organizationId]);
    await scan();
    const { rows: [count] } = await superuser.query(`select count(*)::int as count from audit.security_alerts where organization_id = $1`, [organizationId]);
    expect(count.count).toBe(6);
  }, 120_000);
});
