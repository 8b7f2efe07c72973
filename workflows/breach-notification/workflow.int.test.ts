// Breach notification on the real Temporal dev server, run by the real worker as its own database
// role, incidents declared through the audit subgraph: a reminder sent, an obligation met first
// (so no reminder), an escalation, an incident declared late (overdue at once, no burst of
// reminders), counts changed mid-way, an oral delay overtaken by a written one, a risk assessment
// closing the incident, the worker restarted mid-way, and a declaration made while Temporal was
// out of reach, started by the sweep. Deadlines fall within seconds because the discovery is
// placed in the past: the CONTRACT obligation is due `contractNoticeHours` after it, so with a
// 48-hour window and a discovery 24 hours less a few seconds ago, its 24-hour reminder falls a
// few seconds from now. Each run's history is kept (RECORD_HISTORIES=1 writes them to
// ./histories), and replay.test.ts replays the committed ones against today's code.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { deriveObligations } from '../../domain/breach-notification/obligations.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { aMember, anOrganization, type Member, refusalCodeOf, USER_ERRORS } from '../../test/support/factories.ts';
import { incidentAudit, mailOf, obligationsOf, startAuditSubgraph, startIncidentWorker } from '../../test/support/incidents.ts';
import { testStack } from '../../test/support/stack.ts';
import { callerFor } from '../../test/support/subgraph-client.ts';
import { until } from '../../test/support/verification.ts';
import { BREACH_NOTIFICATION_STARTS_WORKFLOW, breachNotificationStateQuery, breachNotificationWorkflowId } from './shared.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const HISTORIES = new URL('./histories/', import.meta.url);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

let orm: MikroORM;
let identity: MikroORM;
let connection: Connection;
let client: Client;
let worker: Awaited<ReturnType<typeof startIncidentWorker>>;
let audit: Awaited<ReturnType<typeof startAuditSubgraph>>;

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  connection = await Connection.connect({ address: stack.temporalAddress });
  client = new Client({ connection });
  worker = await startIncidentWorker(orm, connection);
  audit = await startAuditSubgraph({ TEMPORAL_TASK_QUEUE: worker.taskQueue });
}, 120_000);

afterAll(async () => {
  await audit?.close();
  await worker?.stop();
  await connection.close();
  await identity.close();
  await orm.close();
});

const INCIDENT_FIELDS = `id status closedAs nextDeadline { key dueAt }
  obligations { key obligation jurisdiction dueAt dueAtLocal notBefore rule note captured status metAt metHow }`;
interface ObligationView { key: string; status: string; dueAt: string; notBefore: string | null; note: string | null; metAt: string | null; metHow: string | null }
interface IncidentView { id: string; status: string; closedAs: string | null; nextDeadline: { key: string; dueAt: string } | null; obligations: ObligationView[] }

/** An organization with an owner and an incident responder (who declares). */
async function anOrganizationWithResponders() {
  const organizationId = await anOrganization(identity, { name: 'Breached hospital' });
  const owner = await aMember(identity, { organizationId, role: 'ORG_OWNER' });
  const responder = await aMember(identity, { organizationId, role: 'INCIDENT_RESPONDER' });
  return { organizationId, owner, responder };
}

const as = (member: Member) => callerFor(member.role, member.organizationId, member.userId);

async function declare(responder: Member, input: { discoveredAt: Date; affectedCount?: number; affectedJurisdictions?: { jurisdiction: string; affectedCount: number }[]; contractNoticeHours?: number }) {
  const result = await audit.call<{ declareIncident: { incident: IncidentView } }>(as(responder), `mutation ($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { ${INCIDENT_FIELDS} } userErrors { code message field reason details } } }`, {
    input: {
      kind: 'HACKING', discoveredAt: input.discoveredAt.toISOString(), affectedCount: input.affectedCount ?? 40, actingAsBusinessAssociate: false,
      affectedJurisdictions: input.affectedJurisdictions ?? [{ jurisdiction: 'TX', affectedCount: 40 }], contractNoticeHours: input.contractNoticeHours ?? 48,
    },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.declareIncident.incident;
}

async function mutate<T = IncidentView>(member: Member, field: string, signature: string, variables: Record<string, unknown>) {
  // Every incident mutation's payload holds the incident.
  const result = await audit.call<Record<string, { incident: T | null }>>(as(member), `mutation ${signature} { ${field}(${Object.keys(variables).map((name) => `${name}: $${name}`).join(', ')}) { incident { ${INCIDENT_FIELDS} } ${USER_ERRORS} } }`, variables);
  return { value: result.data?.[field]?.incident ?? null, error: refusalCodeOf(result) ?? null };
}

const handleOf = (incidentId: string) => client.workflow.getHandle(breachNotificationWorkflowId(incidentId));
const stateOf = (incidentId: string) => handleOf(incidentId).query(breachNotificationStateQuery);
const byKey = (incident: { obligations: ObligationView[] }) => Object.fromEntries(incident.obligations.map((o) => [o.key, o]));

/** The engine's CONTRACT due time for a discovery: the tests place deadlines with it, and check it is the window after discovery. */
function contractDue(discoveredAt: Date, hours: number): number {
  const contract = deriveObligations({
    discoveredAt: discoveredAt.toISOString(), affectedCount: 40, affectedJurisdictions: [{ jurisdiction: 'TX', affectedCount: 40 }],
    actingAsBusinessAssociate: false, contractNoticeHours: hours, timeZone: 'America/New_York', lawEnforcementDelays: [],
  }).find((o) => o.key === 'CONTRACT')!;
  return Date.parse(contract.dueAt);
}

async function keepHistory(name: string, handle: WorkflowHandle) {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(HISTORIES, { recursive: true });
  const history = await handle.fetchHistory();
  const { History } = temporal.api.history.v1;
  const json = History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
  writeFileSync(new URL(`${name}.json`, HISTORIES), `${JSON.stringify(json)}\n`);
}

describe('breachNotificationWorkflow', () => {
  it('derives the obligations at declaration, in UTC and in the organization\'s zone, and its workflow holds the same', async () => {
    const { responder } = await anOrganizationWithResponders();
    const discoveredAt = new Date(Date.now() - 2 * DAY);
    expect(contractDue(discoveredAt, 48) - discoveredAt.getTime()).toBe(48 * HOUR);
    const incident = await declare(responder, { discoveredAt });
    const keys = incident.obligations.map((o) => o.key);
    expect(keys).toEqual(expect.arrayContaining(['INDIVIDUALS', 'CONTRACT', 'HHS_ANNUAL_LOG']));
    const contract = byKey(incident).CONTRACT!;
    expect(Date.parse(contract.dueAt)).toBe(discoveredAt.getTime() + 48 * HOUR);
    expect((contract as unknown as { dueAtLocal: string }).dueAtLocal).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[45]:00$/);
    const state = await until('the workflow derived its obligations', async () => {
      try {
        const current = await stateOf(incident.id);
        return current.obligations.length > 0 ? current : null;
      } catch {
        return null;
      }
    });
    expect(state.obligations.map((o) => o.key).sort()).toEqual([...keys].sort());
  });

  it('reminds the responders and the owners 24 hours before a due time, once, and not of the reminders that had passed at declaration', async () => {
    const { organizationId, owner, responder } = await anOrganizationWithResponders();
    const discoveredAt = new Date(Date.now() - 24 * HOUR + 4_000);
    const incident = await declare(responder, { discoveredAt });
    const reminders = await until('the 24-hour reminder', async () => {
      const mail = await mailOf(orm, organizationId, 'incident_deadline_reminder');
      return mail.length >= 2 ? mail : null;
    });
    expect(reminders.map((m) => m.recipient).sort()).toEqual([owner.email, responder.email].sort());
    expect(reminders[0]!.parameters).toMatchObject({ count: 1, obligation: 'CONTRACT', jurisdiction: null, hoursLeft: 24 });
    expect((await obligationsOf(orm, incident.id)).CONTRACT).toMatchObject({ status: 'PENDING', reminded_lead_hours: 24 });
    expect((await incidentAudit(orm, organizationId)).map((e) => e.reason)).toContain('reminder:contract:24h');
    await keepHistory('reminder', handleOf(incident.id));
  });

  it('reminds of the notices due together in one message: 7 days before the 60-day limit, every HIPAA notice at once', async () => {
    const { organizationId, owner, responder } = await anOrganizationWithResponders();
    const incident = await declare(responder, { discoveredAt: new Date(Date.now() - 53 * DAY + 4_000), affectedCount: 900, affectedJurisdictions: [{ jurisdiction: 'NM', affectedCount: 600 }, { jurisdiction: 'AZ', affectedCount: 300 }] });
    const sharing = incident.obligations.filter((o) => o.dueAt === byKey(incident).INDIVIDUALS!.dueAt).map((o) => o.key);
    expect(sharing).toEqual(expect.arrayContaining(['INDIVIDUALS', 'HHS', 'MEDIA:NM']));
    const reminders = await until('the 7-day reminder', async () => {
      const mail = await mailOf(orm, organizationId, 'incident_deadline_reminder');
      return mail.length >= 2 ? mail : null;
    });
    expect(reminders.map((m) => m.recipient).sort()).toEqual([owner.email, responder.email].sort());
    expect(Number(reminders[0]!.parameters.count)).toBe(sharing.length);
    const reasons = (await incidentAudit(orm, organizationId)).map((e) => e.reason);
    for (const key of sharing) expect(reasons).toContain(`reminder:${key.toLowerCase()}:168h`);
  });

  it('sends no reminder for an obligation met before it (an incident declared alongside, not met, is reminded)', async () => {
    const { organizationId: metOrganization, responder: metResponder } = await anOrganizationWithResponders();
    const { organizationId: control, responder: controlResponder } = await anOrganizationWithResponders();
    const discoveredAt = new Date(Date.now() - 24 * HOUR + 5_000);
    const met = await declare(metResponder, { discoveredAt });
    await declare(controlResponder, { discoveredAt });
    const recorded = await mutate(metResponder, 'recordIncidentNotification', '($input: RecordNotificationInput!)', {
      input: { incidentId: met.id, obligation: 'CONTRACT', notifiedAt: new Date().toISOString(), method: 'CONTRACT_CONTACT' },
    });
    expect(recorded.error).toBeNull();
    expect(byKey(recorded.value!).CONTRACT).toMatchObject({ status: 'MET', metHow: 'CONTRACT_CONTACT' });
    await until('the control incident\'s reminder', async () => (await mailOf(orm, control, 'incident_deadline_reminder')).length > 0);
    expect(await mailOf(orm, metOrganization, 'incident_deadline_reminder')).toEqual([]);
    expect((await incidentAudit(orm, metOrganization)).map((e) => [e.reason, e.actor_id])).toContainEqual(['notified:contract', metResponder.userId]);
    await keepHistory('met-first', handleOf(met.id));
  });

  it('escalates to the owners when a due time passes unmet, marking it OVERDUE', async () => {
    const { organizationId, owner, responder } = await anOrganizationWithResponders();
    const incident = await declare(responder, { discoveredAt: new Date(Date.now() - 48 * HOUR + 4_000) });
    expect(byKey(incident).CONTRACT!.status).toBe('PENDING');
    const escalations = await until('the escalation', async () => {
      const mail = await mailOf(orm, organizationId, 'incident_deadline_overdue');
      return mail.length > 0 ? mail : null;
    });
    expect(escalations).toEqual([expect.objectContaining({ recipient: owner.email, parameters: expect.objectContaining({ count: 1, obligation: 'CONTRACT' }) })]);
    expect((await obligationsOf(orm, incident.id)).CONTRACT!.status).toBe('OVERDUE');
    expect((await stateOf(incident.id)).obligations.find((o) => o.key === 'CONTRACT')!.status).toBe('OVERDUE');
    // Its 24-hour reminder had passed at declaration: none was sent.
    expect(await mailOf(orm, organizationId, 'incident_deadline_reminder')).toEqual([]);
    await keepHistory('escalation', handleOf(incident.id));
  });

  it('marks an incident declared late OVERDUE at once, in one escalation and without a burst of reminders', async () => {
    const { organizationId, owner, responder } = await anOrganizationWithResponders();
    const incident = await declare(responder, { discoveredAt: new Date(Date.now() - 70 * DAY), affectedCount: 900, affectedJurisdictions: [{ jurisdiction: 'CO', affectedCount: 600 }] });
    const declared = byKey(incident);
    for (const key of ['INDIVIDUALS', 'MEDIA:CO', 'HHS', 'CONTRACT']) expect([key, declared[key]?.status]).toEqual([key, 'OVERDUE']);
    const escalations = await until('the escalation', async () => {
      const mail = await mailOf(orm, organizationId, 'incident_deadline_overdue');
      return mail.length > 0 ? mail : null;
    });
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ recipient: owner.email });
    expect(Number(escalations[0]!.parameters.count)).toBeGreaterThanOrEqual(4);
    expect(await mailOf(orm, organizationId, 'incident_deadline_reminder')).toEqual([]);
  });

  it('recomputes the obligations when the counts change: keys kept, new ones PENDING, those no longer required NOT_REQUIRED', async () => {
    const { responder } = await anOrganizationWithResponders();
    const incident = await declare(responder, { discoveredAt: new Date(Date.now() - 2 * DAY), affectedCount: 400, affectedJurisdictions: [{ jurisdiction: 'TX', affectedCount: 400 }] });
    expect(byKey(incident).HHS_ANNUAL_LOG!.status).toBe('PENDING');
    const individualsDue = byKey(incident).INDIVIDUALS!.dueAt;
    const changed = await mutate(responder, 'updateIncidentFacts', '($input: UpdateIncidentFactsInput!)', {
      input: { incidentId: incident.id, affectedCount: 900, affectedJurisdictions: [{ jurisdiction: 'CO', affectedCount: 600 }, { jurisdiction: 'NM', affectedCount: 300 }] },
    });
    expect(changed.error).toBeNull();
    const after = byKey(changed.value!);
    expect(after.INDIVIDUALS).toMatchObject({ status: 'PENDING', dueAt: individualsDue });
    expect(after.HHS!.status).toBe('PENDING');
    expect(after['MEDIA:CO']!.status).toBe('PENDING');
    expect(after['MEDIA:NM']).toBeUndefined();
    expect(after.HHS_ANNUAL_LOG!.status).toBe('NOT_REQUIRED');
    expect(after['STATE_REGULATOR:TX']?.status ?? 'NOT_REQUIRED').toBe('NOT_REQUIRED');
    const state = await stateOf(incident.id);
    expect(state.obligations.find((o) => o.key === 'HHS_ANNUAL_LOG')!.status).toBe('NOT_REQUIRED');
    // A key no longer required is not one a notification can be recorded for.
    const refused = await mutate(responder, 'recordIncidentNotification', '($input: RecordNotificationInput!)', {
      input: { incidentId: incident.id, obligation: 'HHS_ANNUAL_LOG', notifiedAt: new Date().toISOString() },
    });
    expect(refused.error).toBe('OBLIGATION_UNKNOWN');
    await keepHistory('counts-changed', handleOf(incident.id));
  });

  it('holds the notices under an oral law-enforcement delay, then under the written one that overtakes it, moving their deadlines', async () => {
    const { responder } = await anOrganizationWithResponders();
    const incident = await declare(responder, { discoveredAt: new Date(Date.now() - 50 * DAY) });
    const before = byKey(incident).INDIVIDUALS!;
    expect(before).toMatchObject({ status: 'PENDING', notBefore: null });
    const oralAt = new Date(Date.now() - HOUR);
    const oral = await mutate(responder, 'applyLawEnforcementDelay', '($input: LawEnforcementDelayInput!)', {
      input: { incidentId: incident.id, kind: 'ORAL', statedAt: oralAt.toISOString(), agency: 'FBI', officer: 'Special Agent Ruiz' },
    });
    expect(oral.error).toBeNull();
    const held = byKey(oral.value!).INDIVIDUALS!;
    expect(held.status).toBe('PENDING');
    expect(Date.parse(held.notBefore!)).toBe(oralAt.getTime() + 30 * DAY);
    expect(Date.parse(held.dueAt)).toBeGreaterThan(Date.parse(before.dueAt));
    expect(held.note).toMatch(/oral/);
    expect((await stateOf(incident.id)).obligations.find((o) => o.key === 'INDIVIDUALS')!.dueAt).toBe(held.dueAt);
    const writtenUntil = new Date(Date.now() + 45 * DAY);
    const written = await mutate(responder, 'applyLawEnforcementDelay', '($input: LawEnforcementDelayInput!)', {
      input: { incidentId: incident.id, kind: 'WRITTEN', statedAt: new Date().toISOString(), until: writtenUntil.toISOString(), agency: 'FBI' },
    });
    expect(written.error).toBeNull();
    const overtaken = byKey(written.value!).INDIVIDUALS!;
    expect(Date.parse(overtaken.notBefore!)).toBe(writtenUntil.getTime());
    expect(Date.parse(overtaken.dueAt)).toBeGreaterThanOrEqual(writtenUntil.getTime());
    expect(overtaken.note).toMatch(/written/);
    expect(overtaken.status).toBe('PENDING');
    expect((await obligationsOf(orm, incident.id)).INDIVIDUALS).toMatchObject({ status: 'PENDING', not_before: writtenUntil.toISOString() });
    await keepHistory('delays', handleOf(incident.id));
  });

  it('keeps an obligation OVERDUE when a law-enforcement statement comes after it was due', async () => {
    const { responder } = await anOrganizationWithResponders();
    const incident = await declare(responder, { discoveredAt: new Date(Date.now() - 61 * DAY) });
    expect(byKey(incident).INDIVIDUALS!.status).toBe('OVERDUE');
    await until('the escalation', async () => (await obligationsOf(orm, incident.id)).INDIVIDUALS?.status === 'OVERDUE' && (await stateOf(incident.id)).obligations.find((o) => o.key === 'INDIVIDUALS')!.status === 'OVERDUE');
    const late = await mutate(responder, 'applyLawEnforcementDelay', '($input: LawEnforcementDelayInput!)', {
      input: { incidentId: incident.id, kind: 'WRITTEN', statedAt: new Date().toISOString(), until: new Date(Date.now() + 30 * DAY).toISOString(), agency: 'FBI' },
    });
    expect(late.error).toBeNull();
    expect(byKey(late.value!).INDIVIDUALS).toMatchObject({ status: 'OVERDUE', notBefore: null });
  });

  it('closes the incident as not a breach on a risk assessment of low probability; nothing more can be recorded', async () => {
    const { organizationId, responder } = await anOrganizationWithResponders();
    const incident = await declare(responder, { discoveredAt: new Date(Date.now() - 2 * DAY) });
    const assessed = await mutate(responder, 'submitRiskAssessment', '($input: RiskAssessmentInput!)', {
      input: { incidentId: incident.id, phiNature: 'LIMITED_IDENTIFIERS', recipient: 'COVERED_ENTITY_OR_BUSINESS_ASSOCIATE', acquisition: 'NOT_ACQUIRED', mitigation: 'RETURNED_OR_DESTROYED_ATTESTED', conclusion: 'LOW_PROBABILITY_OF_COMPROMISE' },
    });
    expect(assessed.error).toBeNull();
    expect(assessed.value).toMatchObject({ status: 'CLOSED', closedAs: 'NOT_A_BREACH', nextDeadline: null });
    expect(new Set(assessed.value!.obligations.map((o) => o.status))).toEqual(new Set(['NOT_REQUIRED']));
    const result = await handleOf(incident.id).result();
    expect(result).toMatchObject({ status: 'CLOSED', closedAs: 'NOT_A_BREACH' });
    const late = await mutate(responder, 'recordIncidentNotification', '($input: RecordNotificationInput!)', {
      input: { incidentId: incident.id, obligation: 'INDIVIDUALS', notifiedAt: new Date().toISOString() },
    });
    expect(late.error).toBe('INCIDENT_CLOSED');
    const [assessment] = await orm.em.fork().execute<{ conclusion: string; assessed_by: string }[]>(`select conclusion, assessed_by::text from audit.incident_risk_assessments where incident_id = ?`, [incident.id]);
    expect(assessment).toEqual({ conclusion: 'LOW_PROBABILITY_OF_COMPROMISE', assessed_by: responder.userId });
    expect((await incidentAudit(orm, organizationId)).map((e) => e.reason)).toEqual(expect.arrayContaining(['risk_assessment:low_probability_of_compromise', 'closed:not_a_breach']));
    await keepHistory('not-a-breach', handleOf(incident.id));
  });

  it('escalates after the worker was stopped and started again across the due time', async () => {
    const { organizationId, owner, responder } = await anOrganizationWithResponders();
    const discoveredAt = new Date(Date.now() - 48 * HOUR + 8_000);
    const incident = await declare(responder, { discoveredAt });
    await until('the workflow running', async () => (await stateOf(incident.id).catch(() => null))?.obligations.length);
    await worker.stop();
    try {
      const due = contractDue(discoveredAt, 48);
      await until('the due time passing while no worker runs', async () => Date.now() > due + 1_000);
      expect(await mailOf(orm, organizationId, 'incident_deadline_overdue')).toEqual([]);
    } finally {
      worker = await startIncidentWorker(orm, connection, worker.taskQueue);
    }
    const escalations = await until('the escalation', async () => {
      const mail = await mailOf(orm, organizationId, 'incident_deadline_overdue');
      return mail.length > 0 ? mail : null;
    });
    expect(escalations).toEqual([expect.objectContaining({ recipient: owner.email })]);
    expect((await obligationsOf(orm, incident.id)).CONTRACT!.status).toBe('OVERDUE');
  }, 120_000);

  it('declares while Temporal is out of reach; the sweep starts the workflow later, and starting twice is harmless', async () => {
    const offline = await startAuditSubgraph({ TEMPORAL_ADDRESS: '127.0.0.1:1', TEMPORAL_TASK_QUEUE: worker.taskQueue });
    try {
      const { organizationId, responder } = await anOrganizationWithResponders();
      const result = await offline.call<{ declareIncident: { incident: IncidentView } }>(as(responder), `mutation ($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { ${INCIDENT_FIELDS} } userErrors { code message field reason details } } }`, {
        input: { kind: 'THEFT', discoveredAt: new Date(Date.now() - DAY).toISOString(), affectedCount: 3, actingAsBusinessAssociate: true, affectedJurisdictions: [] },
      });
      expect(result.errors).toBeUndefined();
      const incident = result.data!.declareIncident.incident;
      expect(byKey(incident).COVERED_ENTITY!.status).toBe('PENDING');
      const closing = await offline.call(as(responder), 'mutation ($id: ID!) { closeIncident(id: $id) { incident { id } userErrors { code message field reason details } } }', { id: incident.id });
      expect(refusalCodeOf(closing)).toBe('SERVICE_UNAVAILABLE');
      const [before] = await orm.em.fork().execute<{ started: boolean }[]>(`select workflow_started_at is not null as started from audit.incidents where id = ?`, [incident.id]);
      expect(before!.started).toBe(false);
      for (let run = 0; run < 2; run += 1) {
        await client.workflow.execute(BREACH_NOTIFICATION_STARTS_WORKFLOW, { taskQueue: worker.taskQueue, workflowId: `breach-starts-${randomUUID()}`, args: [{ organizationId }] });
      }
      const [after] = await orm.em.fork().execute<{ started: boolean }[]>(`select workflow_started_at is not null as started from audit.incidents where id = ?`, [incident.id]);
      expect(after!.started).toBe(true);
      const state = await until('the started workflow', async () => (await stateOf(incident.id).catch(() => null))?.obligations.length ? stateOf(incident.id) : null);
      expect(state.status).toBe('OPEN');
      const closed = await mutate(responder, 'closeIncident', '($id: ID!)', { id: incident.id });
      expect(closed.value).toMatchObject({ status: 'CLOSED', closedAs: 'RESOLVED' });
    } finally {
      await offline.close();
    }
  });
});
