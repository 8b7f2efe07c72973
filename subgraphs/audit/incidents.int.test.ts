// Incidents through the audit subgraph as each role sees it (signed contexts, as from the
// gateway), with the real worker running their workflows: declared with their obligations at
// once, notices recorded through the workflow, each step audited; bad input refused with a code
// and nothing stored; the matrix enforced by the subgraph and again by the workflow's validators;
// another organization's incident invisible; the organization's incident settings.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { createDownloadHandler } from '../../gateway/downloads.ts';
import { loadConfig } from '../../platform/config.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { CONTENT_KEY_PARAM } from '../../platform/signed-urls.ts';
import { freePort } from '../../stack/ports.ts';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { incidentAudit, startAuditSubgraph, startIncidentWorker } from '../../test/support/incidents.ts';
import { testStack } from '../../test/support/stack.ts';
import { callerFor } from '../../test/support/subgraph-client.ts';
import { breachNotificationWorkflowId, closeIncidentUpdate, obligationMetUpdate } from '../../workflows/breach-notification/shared.ts';
import { localIso } from './incidents.ts';
import { refusalCodeOf, refusalDetailsOf } from '../../test/support/factories.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
let orm: MikroORM;
let connection: Connection;
let worker: Awaited<ReturnType<typeof startIncidentWorker>>;
let audit: Awaited<ReturnType<typeof startAuditSubgraph>>;
let downloads: Server;
let downloadsUrl: string;

beforeAll(async () => {
  // The gateway's download route, over the same storage: review PDFs are fetched through it.
  const app = express();
  app.get('/downloads/*key', createDownloadHandler(loadConfig('audit', { ...stack.serviceEnv.audit, NODE_ENV: 'test' }).downloads, logger));
  const port = await freePort();
  downloads = await listen(app, '127.0.0.1', port, 'downloads');
  downloadsUrl = `http://127.0.0.1:${port}`;
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  connection = await Connection.connect({ address: stack.temporalAddress });
  worker = await startIncidentWorker(orm, connection);
  audit = await startAuditSubgraph({ TEMPORAL_TASK_QUEUE: worker.taskQueue });
}, 120_000);

afterAll(async () => {
  await closeServer(downloads);
  await audit?.close();
  await worker?.stop();
  await connection.close();
  await orm.close();
});

const FIELDS = `id kind status closedAs affectedCount discoveredAt contractNoticeHours timeZone
  affectedJurisdictions { jurisdiction affectedCount } notifications { obligation jurisdiction notifiedAt recordedBy }
  obligations { key obligation jurisdiction dueAt dueAtLocal notBefore rule note captured status metAt metHow }
  nextDeadline { key dueAt } lawEnforcementDelays { kind agency officer statedAt until recordedBy }
  riskAssessments { conclusion assessedBy }`;
const DECLARE = `mutation ($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { ${FIELDS} } userErrors { code message field reason details } } }`;
const NOTIFY = `mutation ($input: RecordNotificationInput!) { recordIncidentNotification(input: $input) { incident { ${FIELDS} } userErrors { code message field reason details } } }`;
const DELAY = `mutation ($input: LawEnforcementDelayInput!) { applyLawEnforcementDelay(input: $input) { incident { ${FIELDS} } userErrors { code message field reason details } } }`;
const FACTS = `mutation ($input: UpdateIncidentFactsInput!) { updateIncidentFacts(input: $input) { incident { ${FIELDS} } userErrors { code message field reason details } } }`;
const ASSESS = `mutation ($input: RiskAssessmentInput!) { submitRiskAssessment(input: $input) { incident { ${FIELDS} } userErrors { code message field reason details } } }`;
const CLOSE = `mutation ($id: ID!) { closeIncident(id: $id) { incident { ${FIELDS} } userErrors { code message field reason details } } }`;
const DAY = 86_400_000;
const discoveredAt = new Date(Date.now() - 10 * DAY).toISOString();
const input = {
  kind: 'LOST_DEVICE', discoveredAt, affectedCount: 820, actingAsBusinessAssociate: true,
  affectedJurisdictions: [{ jurisdiction: 'CO', affectedCount: 600 }, { jurisdiction: 'TX', affectedCount: 220 }],
};
type Obligation = { key: string; obligation: string; jurisdiction: string | null; dueAt: string; dueAtLocal: string; status: string; metAt: string | null; metHow: string | null };
type IncidentView = { id: string; status: string; closedAs: string | null; contractNoticeHours: number; timeZone: string; obligations: Obligation[]; nextDeadline: { key: string; dueAt: string } | null; notifications: unknown[]; lawEnforcementDelays: unknown[] };

async function declared(role: 'INCIDENT_RESPONDER' | 'ORG_OWNER', organizationId: string, overrides: Record<string, unknown> = {}) {
  const caller = callerFor(role, organizationId);
  const result = await audit.call<{ declareIncident: { incident: IncidentView } }>(caller, DECLARE, { input: { ...input, ...overrides } });
  expect(result.errors).toBeUndefined();
  return { caller, incident: result.data!.declareIncident.incident };
}

const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => refusalCodeOf(result) ?? null;

describe('incidents', () => {
  it('are declared by an incident responder with their obligations at once; a notice recorded marks its obligation MET; each step audited', async () => {
    const org = randomUUID();
    const { caller: responder, incident } = await declared('INCIDENT_RESPONDER', org);
    expect(incident).toMatchObject({ status: 'OPEN', closedAs: null, contractNoticeHours: 72, timeZone: 'America/New_York' });
    const keys = incident.obligations.map((o) => o.key);
    expect(keys).toEqual(expect.arrayContaining(['INDIVIDUALS', 'MEDIA:CO', 'HHS', 'COVERED_ENTITY', 'CONTRACT']));
    expect(keys).not.toContain('MEDIA:TX');
    expect(keys).not.toContain('HHS_ANNUAL_LOG');
    const contract = incident.obligations.find((o) => o.key === 'CONTRACT')!;
    expect(contract.status).toBe('OVERDUE');
    expect(contract.dueAtLocal).toBe(localIso(contract.dueAt, 'America/New_York'));
    expect(incident.nextDeadline?.key).not.toBe('CONTRACT');

    const notifiedAt = new Date(Date.now() - DAY).toISOString();
    const notified = await audit.call<{ recordIncidentNotification: { incident: IncidentView } }>(responder, NOTIFY, {
      input: { incidentId: incident.id, obligation: 'MEDIA', jurisdiction: 'CO', notifiedAt, method: 'MEDIA_RELEASE' },
    });
    expect(notified.errors).toBeUndefined();
    expect(notified.data!.recordIncidentNotification.incident.notifications).toEqual([{ obligation: 'MEDIA', jurisdiction: 'CO', notifiedAt: new Date(notifiedAt).toISOString(), recordedBy: responder.userId }]);
    expect(notified.data!.recordIncidentNotification.incident.obligations.find((o) => o.key === 'MEDIA:CO')).toMatchObject({ status: 'MET', metAt: new Date(notifiedAt).toISOString(), metHow: 'MEDIA_RELEASE' });

    // An assessment that does not show a low probability is kept, and the incident goes on.
    const assessed = await audit.call<{ submitRiskAssessment: { incident: IncidentView & { riskAssessments: { conclusion: string; assessedBy: string }[] } } }>(responder, ASSESS, {
      input: { incidentId: incident.id, phiNature: 'CLINICAL', recipient: 'UNKNOWN', acquisition: 'UNDETERMINED', mitigation: 'NOT_MITIGATED', conclusion: 'NOT_LOW_PROBABILITY' },
    });
    expect(assessed.data!.submitRiskAssessment.incident).toMatchObject({ status: 'OPEN', riskAssessments: [{ conclusion: 'NOT_LOW_PROBABILITY', assessedBy: responder.userId }] });
    const closed = await audit.call<{ closeIncident: { incident: IncidentView } }>(responder, CLOSE, { id: incident.id });
    expect(closed.data!.closeIncident.incident).toMatchObject({ status: 'CLOSED', closedAs: 'RESOLVED' });
    expect(codeOf(await audit.call(responder, NOTIFY, { input: { incidentId: incident.id, obligation: 'HHS', notifiedAt } }))).toBe('INCIDENT_CLOSED');
    expect(codeOf(await audit.call(responder, CLOSE, { id: incident.id }))).toBe('INCIDENT_CLOSED');
    const events = (await incidentAudit(orm, org)).map((e) => [e.reason, e.actor_id]);
    expect(events).toEqual(expect.arrayContaining([
      ['kind:lost_device', responder.userId], ['notified:media:co', responder.userId], ['risk_assessment:not_low_probability', responder.userId],
      ['closed:resolved', responder.userId], ['obligations:derived', null],
    ]));
    const listed = await audit.call<{ incidents: { nodes: { id: string; status: string }[] } }>(callerFor('AUDITOR', org), '{ incidents { nodes { id status } } }');
    expect(listed.data!.incidents.nodes).toEqual([{ id: incident.id, status: 'CLOSED' }]);
  });

  it('refuse bad input with BAD_USER_INPUT, storing nothing', async () => {
    const org = randomUUID();
    const responder = callerFor('INCIDENT_RESPONDER', org);
    for (const bad of [
      { ...input, discoveredAt: '2999-01-01T00:00:00Z' },
      { ...input, affectedJurisdictions: [{ jurisdiction: 'ZZ', affectedCount: 1 }] },
      { ...input, affectedJurisdictions: [{ jurisdiction: 'CO', affectedCount: 1 }, { jurisdiction: 'CO', affectedCount: 2 }] },
      { ...input, affectedCount: 10 },
      { ...input, affectedCount: -1 },
      { ...input, contractNoticeHours: 0 },
      { ...input, contractNoticeHours: 9000 },
    ]) {
      const result = await audit.call(responder, DECLARE, { input: bad });
      expect([JSON.stringify(bad), codeOf(result)]).toEqual([JSON.stringify(bad), 'BAD_USER_INPUT']);
    }
    const [count] = await orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from audit.incidents where organization_id = ?`, [org]);
    expect(count!.n).toBe(0);

    const { incident } = await declared('INCIDENT_RESPONDER', org, { contractNoticeHours: 24 });
    expect(incident.contractNoticeHours).toBe(24);
    const id = incident.id;
    const now = new Date().toISOString();
    for (const [query, variables] of [
      [NOTIFY, { incidentId: id, obligation: 'INDIVIDUALS', notifiedAt: new Date(Date.parse(discoveredAt) - DAY).toISOString() }],
      [NOTIFY, { incidentId: id, obligation: 'MEDIA', notifiedAt: now }],
      [NOTIFY, { incidentId: id, obligation: 'INDIVIDUALS', jurisdiction: 'CO', notifiedAt: now }],
      [NOTIFY, { incidentId: id, obligation: 'INDIVIDUALS', notifiedAt: now, evidenceDocumentId: 'not-a-document' }],
      [NOTIFY, { incidentId: id, obligation: 'INDIVIDUALS', notifiedAt: '2999-01-01T00:00:00Z' }],
      [DELAY, { incidentId: id, kind: 'WRITTEN', statedAt: now, agency: 'FBI' }],
      [DELAY, { incidentId: id, kind: 'ORAL', statedAt: now, agency: 'FBI' }],
      [DELAY, { incidentId: id, kind: 'ORAL', statedAt: now, agency: '<script>', officer: 'Agent Ruiz' }],
      [DELAY, { incidentId: id, kind: 'WRITTEN', statedAt: now, until: new Date(Date.now() - DAY).toISOString(), agency: 'FBI' }],
      [DELAY, { incidentId: id, kind: 'ORAL', statedAt: new Date(Date.parse(discoveredAt) - DAY).toISOString(), agency: 'FBI', officer: 'Agent Ruiz' }],
      [FACTS, { incidentId: id, affectedCount: 5, affectedJurisdictions: [{ jurisdiction: 'CO', affectedCount: 6 }] }],
      [FACTS, { incidentId: id, affectedCount: 5, affectedJurisdictions: [{ jurisdiction: 'XX', affectedCount: 1 }] }],
    ] as const) {
      const result = await audit.call(responder, query, { input: variables });
      expect([JSON.stringify(variables), codeOf(result)]).toEqual([JSON.stringify(variables), 'BAD_USER_INPUT']);
    }
    const unknown = await audit.call(responder, NOTIFY, { input: { incidentId: id, obligation: 'MEDIA', jurisdiction: 'TX', notifiedAt: now } });
    expect(codeOf(unknown)).toBe('OBLIGATION_UNKNOWN');
    const unchanged = await audit.call<{ incident: IncidentView }>(responder, `query ($id: ID!) { incident(id: $id) { ${FIELDS} } }`, { id });
    expect(unchanged.data!.incident).toMatchObject({ notifications: [], lawEnforcementDelays: [] });
    expect(new Set(unchanged.data!.incident.obligations.map((o) => o.status))).not.toContain('MET');
  });

  it('are invisible to another organization, and closed to roles that may not manage them, in the subgraph and in the workflow', async () => {
    const org = randomUUID();
    const { incident } = await declared('ORG_OWNER', org);
    const id = incident.id;
    const stranger = callerFor('INCIDENT_RESPONDER', randomUUID());
    expect((await audit.call(stranger, 'query ($id: ID!) { incident(id: $id) { id } }', { id })).data).toEqual({ incident: null });
    expect(codeOf(await audit.call(stranger, NOTIFY, { input: { incidentId: id, obligation: 'HHS', notifiedAt: new Date().toISOString() } }))).toBe('NOT_FOUND');
    expect(codeOf(await audit.call(stranger, CLOSE, { id }))).toBe('NOT_FOUND');
    for (const role of ['PHYSICIAN', 'CREDENTIALING_STAFF', 'AUDITOR', 'ORG_ADMIN'] as const) {
      const caller = callerFor(role, org);
      expect(codeOf(await audit.call(caller, DECLARE, { input }))).toBe('FORBIDDEN');
      expect(codeOf(await audit.call(caller, CLOSE, { id }))).toBe('FORBIDDEN');
      expect(codeOf(await audit.call(caller, ASSESS, { input: { incidentId: id, phiNature: 'CLINICAL', recipient: 'UNKNOWN', acquisition: 'UNDETERMINED', mitigation: 'NOT_MITIGATED', conclusion: 'NOT_LOW_PROBABILITY' } }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await audit.call(callerFor('PHYSICIAN', org), '{ incidents { nodes { id } } }'))).toBe('FORBIDDEN');
    // The workflow checks again whoever reaches it directly: a role the matrix does not allow, or another organization.
    const handle = new Client({ connection }).workflow.getHandle(breachNotificationWorkflowId(id));
    for (const actor of [
      { userId: randomUUID(), organizationId: org, role: 'AUDITOR', requestId: randomUUID(), sourceIp: null },
      { userId: randomUUID(), organizationId: randomUUID(), role: 'ORG_OWNER', requestId: randomUUID(), sourceIp: null },
    ] as const) {
      const refused = await handle.executeUpdate(closeIncidentUpdate, { args: [{ actor }] }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(((refused as WorkflowUpdateFailedError).cause as { type?: string }).type).toBe('FORBIDDEN');
    }
    const owner = { userId: randomUUID(), organizationId: org, role: 'ORG_OWNER', requestId: randomUUID(), sourceIp: null } as const;
    const badMethod = await handle.executeUpdate(obligationMetUpdate, { args: [{ actor: owner, notificationId: randomUUID(), key: 'HHS', notifiedAt: new Date().toISOString(), method: 'PIGEON' as 'OTHER', evidenceDocumentId: null }] }).catch((error: unknown) => error);
    expect(((badMethod as WorkflowUpdateFailedError).cause as { type?: string }).type).toBe('BAD_USER_INPUT');
    const [row] = await orm.em.fork().execute<{ status: string }[]>(`select status from audit.incidents where id = ?`, [id]);
    expect(row!.status).toBe('OPEN');
  });

  it('run under the organization\'s settings: its contract window and time zone, set by owners only', async () => {
    const org = randomUUID();
    const owner = callerFor('ORG_OWNER', org);
    const defaults = await audit.call<{ incidentSettings: unknown }>(callerFor('AUDITOR', org), '{ incidentSettings { contractNoticeHours timeZone isDefault } }');
    expect(defaults.data!.incidentSettings).toEqual({ contractNoticeHours: 72, timeZone: 'America/New_York', isDefault: true });
    const SET = 'mutation ($hours: Int, $zone: String) { setIncidentSettings(contractNoticeHours: $hours, timeZone: $zone) { incidentSettings { contractNoticeHours timeZone isDefault } userErrors { code message field reason details } } }';
    expect(codeOf(await audit.call(callerFor('INCIDENT_RESPONDER', org), SET, { hours: 48 }))).toBe('FORBIDDEN');
    expect(codeOf(await audit.call(owner, SET, { zone: 'Mars/Olympus_Mons' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await audit.call(owner, SET, { hours: 0 }))).toBe('BAD_USER_INPUT');
    const set = await audit.call<{ setIncidentSettings: { incidentSettings: unknown } }>(owner, SET, { hours: 48, zone: 'America/Chicago' });
    expect(set.data!.setIncidentSettings.incidentSettings).toEqual({ contractNoticeHours: 48, timeZone: 'America/Chicago', isDefault: false });
    const zoneOnly = await audit.call<{ setIncidentSettings: { incidentSettings: unknown } }>(owner, SET, { zone: 'Pacific/Honolulu' });
    expect(zoneOnly.data!.setIncidentSettings.incidentSettings).toEqual({ contractNoticeHours: 48, timeZone: 'Pacific/Honolulu', isDefault: false });
    const { incident } = await declared('INCIDENT_RESPONDER', org, { discoveredAt: '2026-06-30T12:00:00Z' });
    expect(incident).toMatchObject({ contractNoticeHours: 48, timeZone: 'Pacific/Honolulu' });
    const contract = incident.obligations.find((o) => o.key === 'CONTRACT')!;
    expect(contract.dueAt).toBe('2026-07-02T12:00:00.000Z');
    expect(contract.dueAtLocal).toBe('2026-07-02T02:00:00-10:00');
    expect(localIso('2026-01-15T12:00:00.000Z', 'America/Chicago')).toBe('2026-01-15T06:00:00-06:00');
    expect(localIso('2026-07-15T12:00:00.000Z', 'America/Chicago')).toBe('2026-07-15T07:00:00-05:00');
  });
});

describe('post-incident reviews', () => {
  const REVIEW_FIELDS = 'review { rootCause summary writtenBy remediations { id title ownerId dueOn status doneAt doneBy } }';
  const WRITE = `mutation ($input: PostIncidentReviewInput!) { writePostIncidentReview(input: $input) { incident { ${REVIEW_FIELDS} } userErrors { code message field reason details } } }`;
  const ADD = `mutation ($input: RemediationItemInput!) { addRemediationItem(input: $input) { incident { ${REVIEW_FIELDS} } userErrors { code message field reason details } } }`;
  const COMPLETE = `mutation ($id: ID!) { completeRemediationItem(id: $id) { incident { ${REVIEW_FIELDS} } userErrors { code message field reason details } } }`;
  const EXPORT = 'mutation ($id: ID!) { exportPostIncidentReview(incidentId: $id) { postIncidentReviewPdf { url expiresAt } userErrors { code message field reason details } } }';
  type Review = { rootCause: string; summary: string; writtenBy: string; remediations: { id: string; title: string; ownerId: string; dueOn: string; status: string; doneAt: string | null; doneBy: string | null }[] };
  const summary = 'A laptop left in a rideshare held an unencrypted export of credentialing files. Disk encryption was not enforced on that model.';

  it('are written with a root cause and a summary, their remediation items tracked to done, and shared as a PDF through a signed link', async () => {
    const org = randomUUID();
    const { caller: responder, incident } = await declared('INCIDENT_RESPONDER', org);
    expect(codeOf(await audit.call(responder, ADD, { input: { incidentId: incident.id, title: 'Enforce disk encryption', ownerId: responder.userId, dueOn: '2027-01-15' } }))).toBe('NOT_FOUND');
    const written = await audit.call<{ writePostIncidentReview: { incident: { review: Review } } }>(responder, WRITE, { input: { incidentId: incident.id, rootCause: 'LOST_OR_STOLEN_DEVICE', summary } });
    expect(written.errors).toBeUndefined();
    expect(written.data!.writePostIncidentReview.incident.review).toMatchObject({ rootCause: 'LOST_OR_STOLEN_DEVICE', summary, writtenBy: responder.userId, remediations: [] });
    const owner = randomUUID();
    await audit.call(responder, ADD, { input: { incidentId: incident.id, title: 'Rotate the exported files\' access keys', ownerId: owner, dueOn: '2027-02-01' } });
    const added = await audit.call<{ addRemediationItem: { incident: { review: Review } } }>(responder, ADD, { input: { incidentId: incident.id, title: 'Enforce disk encryption on every laptop', ownerId: owner, dueOn: '2027-01-15' } });
    const items = added.data!.addRemediationItem.incident.review.remediations;
    expect(items.map((item) => [item.title, item.dueOn, item.status])).toEqual([
      ['Enforce disk encryption on every laptop', '2027-01-15', 'OPEN'], ["Rotate the exported files' access keys", '2027-02-01', 'OPEN'],
    ]);
    const done = await audit.call<{ completeRemediationItem: { incident: { review: Review } } }>(responder, COMPLETE, { id: items[0]!.id });
    expect(done.data!.completeRemediationItem.incident.review.remediations[0]).toMatchObject({ status: 'DONE', doneBy: responder.userId });
    expect(codeOf(await audit.call(responder, COMPLETE, { id: items[0]!.id }))).toBe('CONFLICT');
    // Rewritten after the incident closed: a review comes after.
    await audit.call(responder, CLOSE, { id: incident.id });
    const rewritten = await audit.call<{ writePostIncidentReview: { incident: { review: Review } } }>(responder, WRITE, { input: { incidentId: incident.id, rootCause: 'MISCONFIGURATION', summary } });
    expect(rewritten.data!.writePostIncidentReview.incident.review.rootCause).toBe('MISCONFIGURATION');

    const exported = await audit.call<{ exportPostIncidentReview: { postIncidentReviewPdf: { url: string; expiresAt: string } } }>(callerFor('AUDITOR', org), EXPORT, { id: incident.id });
    expect(exported.errors).toBeUndefined();
    const link = new URL(exported.data!.exportPostIncidentReview.postIncidentReviewPdf.url);
    expect(link.pathname).toMatch(/^\/downloads\/audit-exports\/.+\.pdf$/);
    const response = await fetch(`${downloadsUrl}${link.pathname}${link.search}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('(Post-incident review)');
    // Without the link's key the sealed file is refused.
    const keyless = new URL(link);
    keyless.searchParams.delete(CONTENT_KEY_PARAM);
    expect((await fetch(`${downloadsUrl}${keyless.pathname}${keyless.search}`)).status).toBe(403);
    const events = (await orm.em.fork().execute<{ action: string; resource_type: string; reason: string | null }[]>(
      `select action, resource_type, reason from audit.events where organization_id = ? and resource_type in ('PostIncidentReview', 'RemediationItem') order by seq`, [org])).map((e) => [e.action, e.resource_type, e.reason]);
    expect(events).toEqual([
      ['CREATE', 'PostIncidentReview', 'root_cause:lost_or_stolen_device'], ['CREATE', 'RemediationItem', 'remediation:added'], ['CREATE', 'RemediationItem', 'remediation:added'],
      ['UPDATE', 'RemediationItem', 'remediation:done'], ['UPDATE', 'PostIncidentReview', 'root_cause:misconfiguration'], ['EXPORT', 'PostIncidentReview', 'format:pdf'],
    ]);
  });

  it('refuse text that looks like PHI, text out of bounds, roles that may not write them, and other organizations\' incidents', async () => {
    const org = randomUUID();
    const { caller: responder, incident } = await declared('INCIDENT_RESPONDER', org);
    for (const [bad, code] of [
      ['The patient with SSN 219-44-8765 was affected.', 'LOOKS_LIKE_PHI'],
      ['Records of MRN 48213377 were on the laptop.', 'LOOKS_LIKE_PHI'],
      ['Contact jane.doe@example.org for the list.', 'LOOKS_LIKE_PHI'],
      ['Born 04/02/1980, the member called us.', 'LOOKS_LIKE_PHI'],
      ['Call (555) 123-4567 about it.', 'LOOKS_LIKE_PHI'],
      ['x'.repeat(2001), 'OUT_OF_RANGE'],
      ['   ', 'OUT_OF_RANGE'],
      ['A line\u0007 with a bell', 'TEXT_FORMAT'],
    ] as const) {
      const result = await audit.call(responder, WRITE, { input: { incidentId: incident.id, rootCause: 'PHISHING', summary: bad } });
      expect([bad.slice(0, 40), codeOf(result), refusalDetailsOf(result)?.reason]).toEqual([bad.slice(0, 40), 'BAD_USER_INPUT', code]);
    }
    expect(codeOf(await audit.call(responder, EXPORT, { id: incident.id }))).toBe('NOT_FOUND');
    await audit.call(responder, WRITE, { input: { incidentId: incident.id, rootCause: 'PHISHING', summary } });
    for (const input of [
      { title: 'ok', ownerId: responder.userId, dueOn: '2027-01-01' },
      { title: 'Call 555-123-4567 weekly', ownerId: responder.userId, dueOn: '2027-01-01' },
      { title: 'Train the staff', ownerId: 'someone', dueOn: '2027-01-01' },
    ]) {
      expect(codeOf(await audit.call(responder, ADD, { input: { incidentId: incident.id, ...input } }))).toBe('BAD_USER_INPUT');
    }
    for (const role of ['AUDITOR', 'ORG_ADMIN', 'PHYSICIAN'] as const) {
      expect(codeOf(await audit.call(callerFor(role, org), WRITE, { input: { incidentId: incident.id, rootCause: 'PHISHING', summary } }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await audit.call(callerFor('PHYSICIAN', org), EXPORT, { id: incident.id }))).toBe('FORBIDDEN');
    const stranger = callerFor('INCIDENT_RESPONDER', randomUUID());
    expect(codeOf(await audit.call(stranger, WRITE, { input: { incidentId: incident.id, rootCause: 'PHISHING', summary } }))).toBe('NOT_FOUND');
    expect(codeOf(await audit.call(stranger, EXPORT, { id: incident.id }))).toBe('NOT_FOUND');
    const stored = await audit.call<{ incident: { review: Review } }>(responder, `query ($id: ID!) { incident(id: $id) { ${REVIEW_FIELDS} } }`, { id: incident.id });
    expect(stored.data!.incident.review).toMatchObject({ rootCause: 'PHISHING', summary, remediations: [] });
  });
});
