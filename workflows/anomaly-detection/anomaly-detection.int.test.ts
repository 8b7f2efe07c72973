// Anomaly alerting on the real stack: an attacker at one address tries a password against many
// accounts of an organization through the identity subgraph (real LOGIN_FAILED events), and the
// anomaly scan, run by the real worker on the Temporal dev server, raises one credential-stuffing
// alert: listed through the audit subgraph, mailed through the outbox to the organization's owners
// and admins and the security contact, itself audited; seen again, the same events raise nothing
// new; a refresh token replayed after its rotation raises its own alert; acknowledged with a
// reason by an admin, refused to an auditor and to a second
// acknowledgement; the thresholds set by owners only.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { anonymousCaller } from '../../platform/caller.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger } from '../../platform/logger.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createSubgraphApp } from '../../platform/subgraph-server.ts';
import { freePort } from '../../stack/ports.ts';
import { createIdentitySubgraph } from '../../subgraphs/identity/subgraph.ts';
import { anAddressOfItsOwn } from '../../test/support/addresses.ts';
import { aMember, anOrganization, refusalCodeOf } from '../../test/support/factories.ts';
import { startAuditSubgraph } from '../../test/support/incidents.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { recordHistory } from '../../test/support/histories.ts';
import { callerFor, subgraphClient, type GraphQLResponse } from '../../test/support/subgraph-client.ts';
import { createWorker } from '../worker.ts';
import { createAnomalyDetectionActivities } from './activities.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const SECURITY_CONTACT = 'security@credence.test';
const ATTACKER = anAddressOfItsOwn();
let identityOrm: MikroORM;
let workerOrm: MikroORM;
let identityServer: Server;
let closeIdentity: (() => Promise<void>) | undefined;
let identity: ReturnType<typeof subgraphClient>;
let audit: Awaited<ReturnType<typeof startAuditSubgraph>>;
let connection: Connection;
let worker: { stop(): Promise<void>; taskQueue: string };

const codeOf = (result: GraphQLResponse) => refusalCodeOf(result);

const ALERT_FIELDS = 'id detector severity subject evidenceSequences eventCount raisedAtSequence raisedAt acknowledgedAt acknowledgedBy acknowledgement';
const LIST = `query ($filter: SecurityAlertFilter, $first: Int, $after: String) { securityAlerts(filter: $filter, first: $first, after: $after) { nodes { ${ALERT_FIELDS} } pageInfo { hasNextPage endCursor } } }`;
const ACKNOWLEDGE = `mutation ($id: ID!, $reason: SecurityAlertAcknowledgement!) { acknowledgeSecurityAlert(id: $id, reason: $reason) { securityAlert { ${ALERT_FIELDS} } userErrors { code message field reason details } } }`;
const SETTINGS_FIELDS = 'viewFloor viewMultiplier denialThreshold stuffingAccountThreshold workingHoursStart workingHoursEnd workingDays timeZone isDefault';
const SET_SETTINGS = `mutation ($settings: SecurityAlertSettingsInput!) { setSecurityAlertSettings(settings: $settings) { securityAlertSettings { ${SETTINGS_FIELDS} } userErrors { code message field reason details } } }`;

type Alert = { id: string; detector: string; severity: string; subject: string; evidenceSequences: number[]; eventCount: number; acknowledgedAt: string | null; acknowledgedBy: string | null; acknowledgement: string | null };

/** One scheduled run of the scan, on the real worker; its history is kept under `record` (RECORD_HISTORIES=1). */
async function runScan(record?: string): Promise<{ events: number; raised: number }> {
  const client = new Client({ connection });
  const handle = await client.workflow.start('anomalyDetectionWorkflow', { taskQueue: worker.taskQueue, workflowId: `anomaly-scan-test-${randomUUID()}`, args: [] });
  const result = (await handle.result()) as { events: number; raised: number };
  if (record) await recordHistory(handle, new URL('./histories/', import.meta.url), record);
  return result;
}

const alertRows = (organizationId: string) =>
  workerOrm.em.fork().execute<{ id: string; detector: string }[]>(`select id::text, detector from audit.security_alerts where organization_id = ? order by raised_at`, [organizationId]);
const mailTo = (organizationId: string) =>
  workerOrm.em.fork().execute<{ recipient: string; parameters: Record<string, unknown> }[]>(
    `select recipient, parameters from mail.outbox where organization_id = ? and template = 'security_alert' order by recipient`, [organizationId]);
const eventsAbout = (organizationId: string, resourceType: string) =>
  workerOrm.em.fork().execute<{ action: string; resource_id: string | null; reason: string | null; actor_id: string | null }[]>(
    `select action, resource_id, reason, actor_id::text from audit.events where organization_id = ? and resource_type = ? order by seq`, [organizationId, resourceType]);

beforeAll(async () => {
  const config = loadConfig('identity', { ...stack.serviceEnv.identity, NODE_ENV: 'test' });
  identityOrm = await openDatabase({ url: config.databaseUrl, logger });
  const definition = await createIdentitySubgraph({ config, logger, orm: identityOrm, storage: createLocalStorage(config.downloads.storageDir) });
  const { app } = await createSubgraphApp({ config, logger, orm: identityOrm, storage: createLocalStorage(config.downloads.storageDir) }, definition);
  const port = await freePort();
  identityServer = await listen(app, '127.0.0.1', port, 'identity');
  closeIdentity = definition.close;
  identity = subgraphClient(`http://127.0.0.1:${port}/graphql`, 'identity');
  audit = await startAuditSubgraph({});
  workerOrm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  connection = await Connection.connect({ address: stack.temporalAddress });
  const taskQueue = `test-anomaly-${randomUUID()}`;
  const deps = { ...(await testActivityDeps(workerOrm)), securityContactEmail: SECURITY_CONTACT };
  const created = await createWorker({ temporal: { address: stack.temporalAddress, namespace: 'default', taskQueue }, deps, logger });
  const running = created.worker.run();
  worker = {
    taskQueue,
    async stop() {
      created.worker.shutdown();
      await running;
      await created.connection.close();
    },
  };
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await connection?.close();
  await audit?.close();
  await closeServer(identityServer);
  await closeIdentity?.();
  await workerOrm?.close();
  await identityOrm?.close();
});

describe('anomaly alerting on the audit stream', () => {
  let organizationId: string;
  let owner: Awaited<ReturnType<typeof aMember>>;
  let admin: Awaited<ReturnType<typeof aMember>>;
  let alert: Alert;

  it('raises one credential-stuffing alert for failed sign-ins over many accounts from one address, listed, mailed and audited', async () => {
    organizationId = await anOrganization(identityOrm);
    owner = await aMember(identityOrm, { organizationId, role: 'ORG_OWNER' });
    admin = await aMember(identityOrm, { organizationId, role: 'ORG_ADMIN' });
    await aMember(identityOrm, { organizationId, role: 'AUDITOR' });
    const targets = await Promise.all(Array.from({ length: 12 }, () => aMember(identityOrm, { organizationId, role: 'PHYSICIAN' })));
    await runScan(); // the organization's chain so far (memberships) is read: nothing to alert
    expect(await alertRows(organizationId)).toEqual([]);

    for (const target of targets) {
      const result = await identity(anonymousCaller(randomUUID(), ATTACKER), 'mutation ($input: LoginInput!) { login(input: $input) { loginResult { status } userErrors { code message field reason details } } }', { input: { email: target.email, password: 'Summer2026!-guessed' } });
      expect(result.errors?.length).toBeGreaterThan(0);
    }
    const failures = await workerOrm.em.fork().execute<{ seq: number }[]>(
      `select seq::int from audit.events where organization_id = ? and action = 'LOGIN_FAILED' and source_ip = ? order by seq`, [organizationId, ATTACKER]);
    expect(failures).toHaveLength(12);

    const scan = await runScan('raised');
    expect(scan.raised).toBeGreaterThanOrEqual(1);

    const listed = await audit.call<{ securityAlerts: { nodes: Alert[] } }>(callerFor('ORG_OWNER', organizationId, owner.userId), LIST, { filter: { detector: 'CREDENTIAL_STUFFING', open: true } });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.securityAlerts.nodes).toHaveLength(1);
    alert = listed.data!.securityAlerts.nodes[0]!;
    expect(alert).toMatchObject({ detector: 'CREDENTIAL_STUFFING', severity: 'HIGH', subject: `ip:${ATTACKER}`, eventCount: 10, acknowledgedAt: null });
    // The evidence: the first ten failures, by sequence (the alert is raised at the tenth account).
    expect(alert.evidenceSequences).toEqual(failures.slice(0, 10).map((row) => row.seq));

    const mail = await mailTo(organizationId);
    expect(mail.map((message) => message.recipient).sort()).toEqual([admin.email, owner.email, SECURITY_CONTACT].sort());
    expect(mail[0]!.parameters).toEqual({ detector: 'CREDENTIAL_STUFFING', severity: 'HIGH', eventCount: 10, raisedAt: expect.any(String) });
    expect(JSON.stringify(mail)).not.toContain(ATTACKER);

    expect(await eventsAbout(organizationId, 'SecurityAlert')).toEqual([
      { action: 'CREATE', resource_id: alert.id, reason: 'detector:credential_stuffing', actor_id: null },
      { action: 'VIEW', resource_id: null, reason: 'security_alerts', actor_id: owner.userId },
    ]);

    // The evidence as the events themselves, newest first, its read audited as a read of the log.
    const withEvidence = await audit.call<{ securityAlerts: { nodes: { id: string; evidence: { id: string; sequence: number; action: string; sourceIp: string }[] }[] } }>(
      callerFor('AUDITOR', organizationId), '{ securityAlerts(filter: { detector: CREDENTIAL_STUFFING }) { nodes { id evidence { id sequence action sourceIp } } } }');
    expect(withEvidence.errors).toBeUndefined();
    expect(withEvidence.data!.securityAlerts.nodes).toEqual([{
      id: alert.id,
      evidence: failures.slice(0, 10).reverse().map((row) => ({ id: `${organizationId}:${row.seq}`, sequence: row.seq, action: 'LOGIN_FAILED', sourceIp: ATTACKER })),
    }]);
    expect((await eventsAbout(organizationId, 'AuditLog')).filter((event) => event.reason === 'security_alert_evidence')).toHaveLength(1);
  }, 120_000);

  it('raises nothing new for the same evidence, on the next scan or when the events are read again', async () => {
    await runScan('quiet');
    // A scan that failed after writing its alerts would leave its cursor behind: the events are read again.
    await workerOrm.em.fork().execute(`update audit.anomaly_cursors set seq = 0 where organization_id = ?`, [organizationId]);
    const again = await createAnomalyDetectionActivities({ ...(await testActivityDeps(workerOrm)), securityContactEmail: SECURITY_CONTACT }).scanAuditForAnomalies();
    expect(again.events).toBeGreaterThanOrEqual(12);
    expect((await alertRows(organizationId)).filter((row) => row.detector === 'CREDENTIAL_STUFFING')).toHaveLength(1);
    expect(await mailTo(organizationId)).toHaveLength(3);
    expect((await eventsAbout(organizationId, 'SecurityAlert')).filter((event) => event.action === 'CREATE')).toHaveLength(1);
  }, 60_000);

  it('raises a refresh-token reuse alert when a rotated refresh token is replayed through identity', async () => {
    const physician = await aMember(identityOrm, { organizationId, role: 'PHYSICIAN' });
    const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { loginResult { session { refreshToken sessionId } } userErrors { code message field reason details } } }';
    const REFRESH = 'mutation ($t: String!) { refreshSession(refreshToken: $t) { sessionTokens { refreshToken } userErrors { code message field reason details } } }';
    const address = anAddressOfItsOwn();
    const from = () => anonymousCaller(randomUUID(), address);
    const signedIn = await identity<{ login: { loginResult: { session: { refreshToken: string; sessionId: string } } } }>(from(), LOGIN, { input: { email: physician.email, password: physician.password } });
    const stolen = signedIn.data!.login.loginResult.session.refreshToken;
    const second = (await identity<{ refreshSession: { sessionTokens: { refreshToken: string } } }>(from(), REFRESH, { t: stolen })).data!.refreshSession.sessionTokens.refreshToken;
    expect((await identity(from(), REFRESH, { t: second })).errors).toBeUndefined(); // the rightful client moves on
    expect(codeOf(await identity(from(), REFRESH, { t: stolen }))).toBe('UNAUTHENTICATED'); // the stolen copy, replayed

    await runScan();
    const listed = await audit.call<{ securityAlerts: { nodes: Alert[] } }>(callerFor('ORG_OWNER', organizationId, owner.userId), LIST, { filter: { detector: 'REFRESH_TOKEN_REUSE' } });
    expect(listed.data!.securityAlerts.nodes).toEqual([expect.objectContaining({ severity: 'HIGH', subject: `actor:${physician.userId}`, eventCount: 1 })]);
    const [reuse] = await workerOrm.em.fork().execute<{ seq: number }[]>(
      `select seq::int from audit.events where organization_id = ? and action = 'REFRESH_REUSE' and resource_id = ?`, [organizationId, signedIn.data!.login.loginResult.session.sessionId]);
    expect(listed.data!.securityAlerts.nodes[0]!.evidenceSequences).toEqual([reuse!.seq]);
  }, 60_000);

  it('shows another organization none of it', async () => {
    const other = await anOrganization(identityOrm);
    const listed = await audit.call<{ securityAlerts: { nodes: Alert[] } }>(callerFor('ORG_OWNER', other), LIST, {});
    expect(listed.data!.securityAlerts.nodes).toEqual([]);
    const acknowledged = await audit.call(callerFor('ORG_OWNER', other), ACKNOWLEDGE, { id: alert.id, reason: 'FALSE_POSITIVE' });
    expect(codeOf(acknowledged)).toBe('NOT_FOUND');
  });

  it('is acknowledged with a reason by an admin, once; an auditor may read but not acknowledge', async () => {
    const auditor = callerFor('AUDITOR', organizationId);
    expect((await audit.call<{ securityAlerts: { nodes: Alert[] } }>(auditor, LIST, {})).data!.securityAlerts.nodes.map((node) => node.id)).toContain(alert.id);
    const refused = await audit.call(auditor, ACKNOWLEDGE, { id: alert.id, reason: 'CONTAINED' });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(codeOf(await audit.call(callerFor('ORG_ADMIN', organizationId, admin.userId), ACKNOWLEDGE, { id: 'not-an-id', reason: 'CONTAINED' }))).toBe('BAD_USER_INPUT');

    // The alert says who may acknowledge it: an admin while it is open, never an auditor.
    const mayAcknowledge = async (caller: Parameters<typeof audit.call>[0]) => (await audit.call<{ securityAlerts: { nodes: { id: string; viewerCanAcknowledge: boolean }[] } }>(
      caller, '{ securityAlerts { nodes { id viewerCanAcknowledge } } }', {})).data!.securityAlerts.nodes.find((node) => node.id === alert.id)?.viewerCanAcknowledge;
    expect([await mayAcknowledge(callerFor('ORG_ADMIN', organizationId, admin.userId)), await mayAcknowledge(auditor)]).toEqual([true, false]);

    const acknowledged = await audit.call<{ acknowledgeSecurityAlert: { securityAlert: Alert } }>(callerFor('ORG_ADMIN', organizationId, admin.userId), ACKNOWLEDGE, { id: alert.id, reason: 'CONTAINED' });
    expect(acknowledged.errors).toBeUndefined();
    expect(await mayAcknowledge(callerFor('ORG_ADMIN', organizationId, admin.userId))).toBe(false);
    expect(acknowledged.data!.acknowledgeSecurityAlert.securityAlert).toMatchObject({ id: alert.id, acknowledgedBy: admin.userId, acknowledgement: 'CONTAINED', acknowledgedAt: expect.any(String) });
    const twice = await audit.call(callerFor('ORG_OWNER', organizationId, owner.userId), ACKNOWLEDGE, { id: alert.id, reason: 'FALSE_POSITIVE' });
    expect(codeOf(twice)).toBe('SECURITY_ALERT_ACKNOWLEDGED');

    const events = await eventsAbout(organizationId, 'SecurityAlert');
    expect(events.filter((event) => event.action === 'UPDATE')).toEqual([{ action: 'UPDATE', resource_id: alert.id, reason: 'acknowledged:contained', actor_id: admin.userId }]);
    expect(events.filter((event) => event.action === 'ACCESS_DENIED')).toEqual([
      expect.objectContaining({ resource_id: alert.id, reason: 'missing_permission:security.alerts.acknowledge' }),
    ]);
    const open = await audit.call<{ securityAlerts: { nodes: Alert[] } }>(callerFor('ORG_OWNER', organizationId, owner.userId), LIST, { filter: { open: true, detector: 'CREDENTIAL_STUFFING' } });
    expect(open.data!.securityAlerts.nodes).toEqual([]);
  });

  it('pages the list newest first', async () => {
    const ownerCaller = callerFor('ORG_OWNER', organizationId, owner.userId);
    const all = (await audit.call<{ securityAlerts: { nodes: Alert[] } }>(ownerCaller, LIST, { first: 100 })).data!.securityAlerts.nodes;
    const first = await audit.call<{ securityAlerts: { nodes: Alert[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(ownerCaller, LIST, { first: 1 });
    expect(first.data!.securityAlerts.nodes.map((node) => node.id)).toEqual([all[0]!.id]);
    expect(first.data!.securityAlerts.pageInfo.hasNextPage).toBe(all.length > 1);
    const next = await audit.call<{ securityAlerts: { nodes: Alert[] } }>(ownerCaller, LIST, { first: 100, after: first.data!.securityAlerts.pageInfo.endCursor });
    expect(next.data!.securityAlerts.nodes.map((node) => node.id)).toEqual(all.slice(1).map((node) => node.id));
    expect(codeOf(await audit.call(ownerCaller, LIST, { first: 0 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await audit.call(ownerCaller, LIST, { after: 'bm90LWEtY3Vyc29y' }))).toBe('BAD_USER_INPUT');
  });

  it('takes its thresholds from the organization\'s settings, set by owners only', async () => {
    const ownerCaller = callerFor('ORG_OWNER', organizationId, owner.userId);
    const defaults = await audit.call<{ securityAlertSettings: Record<string, unknown> }>(ownerCaller, `{ securityAlertSettings { ${SETTINGS_FIELDS} } }`);
    expect(defaults.data!.securityAlertSettings).toEqual({
      viewFloor: 100, viewMultiplier: 5, denialThreshold: 25, stuffingAccountThreshold: 10, workingHoursStart: 7, workingHoursEnd: 19, workingDays: [1, 2, 3, 4, 5], timeZone: 'America/New_York', isDefault: true,
    });
    expect(codeOf(await audit.call(callerFor('ORG_ADMIN', organizationId), SET_SETTINGS, { settings: { denialThreshold: 5 } }))).toBe('FORBIDDEN');
    expect(codeOf(await audit.call(ownerCaller, SET_SETTINGS, { settings: { workingHoursStart: 20, workingHoursEnd: 8 } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await audit.call(ownerCaller, SET_SETTINGS, { settings: { workingDays: [] } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await audit.call(ownerCaller, SET_SETTINGS, { settings: { denialThreshold: 1 } }))).toBe('BAD_USER_INPUT');
    const set = await audit.call<{ setSecurityAlertSettings: { securityAlertSettings: Record<string, unknown> } }>(ownerCaller, SET_SETTINGS, { settings: { denialThreshold: 3, workingDays: [1, 2, 3, 4, 5, 6] } });
    expect(set.data!.setSecurityAlertSettings.securityAlertSettings).toMatchObject({ denialThreshold: 3, workingDays: [1, 2, 3, 4, 5, 6], stuffingAccountThreshold: 10, isDefault: false });
    // The admin's refusal, then the owner's change.
    expect((await eventsAbout(organizationId, 'SecurityAlertSettings')).map((event) => event.action)).toEqual(['ACCESS_DENIED', 'UPDATE']);

    // Three denials of one caller now make a storm (25 by default).
    const intruder = callerFor('ORG_ADMIN', organizationId);
    for (let i = 0; i < 3; i += 1) expect(codeOf(await audit.call(intruder, SET_SETTINGS, { settings: { viewFloor: 5 } }))).toBe('FORBIDDEN');
    await runScan();
    const storms = await audit.call<{ securityAlerts: { nodes: Alert[] } }>(ownerCaller, LIST, { filter: { detector: 'DENIAL_STORM' } });
    expect(storms.data!.securityAlerts.nodes.map((node) => node.subject)).toContain(`actor:${intruder.userId}`);
  }, 60_000);
});
