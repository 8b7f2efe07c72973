// Credential verification on the real Temporal dev server, run by the real worker as its own
// database role, against the local stand-ins of the primary sources (real HTTP, the sources' own
// formats): the happy path, a mismatch decided by a review, a review a role may not decide, an
// escalation, a source outage that recovers, the worker stopped while a review waits, reminders
// and expiry with dates placed near. Each run's history is kept (RECORD_HISTORIES=1 writes them
// to ./histories), and replay.test.ts replays the committed ones against today's code.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { startSourceStandIns, type SourceStandIns } from '../../stack/source-stand-ins/index.ts';
import { aMember, anOrganization, insertStoredCredentials, insertStoredPhysician } from '../../test/support/factories.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { startVerificationWorker, until } from '../../test/support/verification.ts';
import { createWorker } from '../worker.ts';
import {
  VERIFICATION_DISPATCH_WORKFLOW, resolveReviewUpdate, verificationWorkflowId,
  type VerificationTimings,
} from './shared.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const HISTORIES = new URL('./histories/', import.meta.url);
const FAST: VerificationTimings = { reviewWindowMs: 60_000, unavailableRetryFirstMs: 300, unavailableRetryMaxMs: 1_000, unavailableGiveUpMs: 60_000, reminderDays: [90, 60, 30, 7] };

let orm: MikroORM;
let identity: MikroORM;
let owner: MikroORM;
let connection: Connection;
let client: Client;
let standIns: SourceStandIns;

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  owner = await openDatabase({ url: stack.superuserUrl, logger });
  connection = await Connection.connect({ address: stack.temporalAddress });
  client = new Client({ connection });
  standIns = await startSourceStandIns();
});

afterAll(async () => {
  await standIns.close();
  await connection.close();
  await identity.close();
  await owner.close();
  await orm.close();
});

/** A worker on a task queue of its own, with the stand-ins as sources. */
const startWorker = (timings: VerificationTimings) => startVerificationWorker({ orm, standIns, timings, client });

/** An organization with a physician (the stand-ins' fictional Dr Okafor-Reyes unless told) and one credential of theirs, with a verification requested. */
async function aFile(options: { familyName?: string; license?: Partial<{ number: string; state: string; expiresOn: string; type: string }> } = {}) {
  const organizationId = await anOrganization(identity, { name: 'Verifying hospital' });
  const staff = await aMember(identity, { organizationId, role: 'CREDENTIALING_STAFF' });
  const base = await testActivityDeps(orm);
  const credentialId = await orm.em.fork().transactional(async (em) => {
    const keys = await base.encryption.forOrganization(em, organizationId);
    const physicianId = await insertStoredPhysician(em, keys, organizationId, { givenName: 'Amara', familyName: options.familyName ?? 'Okafor-Reyes', npi: '1000000012', dateOfBirth: '1980-04-02' });
    const [id] = await insertStoredCredentials(em, keys, organizationId, [{
      physicianId, type: options.license?.type ?? 'STATE_LICENSE', number: options.license?.number ?? 'A123456', issuer: 'Medical Board of California',
      state: options.license?.state ?? 'CA', expiresOn: options.license?.expiresOn ?? '2029-08-31',
    }]);
    await em.execute(`update credentials.credentials set verification_requested_at = now() where id = ?`, [id]);
    return id!;
  });
  // A webhook endpoint for every event (its secret is not read here).
  await owner.em.fork().execute(
    `insert into credentials.webhook_subscriptions (id, organization_id, url, events, secret)
     values (gen_random_uuid(), ?, 'https://hooks.example.com/in', '{verification.completed,review.required,credential.expiring,credential.expired}', '\\x00')`, [organizationId]);
  return { organizationId, staff, credentialId };
}

/** The organization's webhook events, oldest first: type and data. */
async function webhookEventsOf(organizationId: string) {
  const rows = await orm.em.fork().execute<{ payload: string }[]>(`select payload from credentials.webhook_deliveries where organization_id = ? order by created_at, event_id`, [organizationId]);
  return rows.map((row) => { const { type, data } = JSON.parse(row.payload) as { type: string; data: Record<string, unknown> }; return { type, data }; });
}

/** The dispatcher for one organization's requests (the test database holds other suites' too). */
async function dispatch(taskQueue: string, organizationId: string): Promise<void> {
  await client.workflow.execute(VERIFICATION_DISPATCH_WORKFLOW, { taskQueue, workflowId: `verification-dispatch-${randomUUID()}`, args: [{ organizationId }] });
}

async function credentialRow(credentialId: string) {
  const [row] = await orm.em.fork().execute<{ status: string; verified_at: string | null; next_reminder_at: string | null }[]>(
    `select status, verified_at, next_reminder_at from credentials.credentials where id = ?`, [credentialId]);
  return row!;
}


const statusIs = (credentialId: string, status: string) => until(`status ${status}`, async () => ((await credentialRow(credentialId)).status === status ? status : null));

async function checksOf(credentialId: string) {
  return orm.em.fork().execute<{ id: string; source: string; result: string; problems: { field: string; code: string }[]; evidence: Buffer | null; evidence_sha256: Buffer | null; organization_id: string }[]>(
    `select id, source, result, problems, evidence, evidence_sha256, organization_id from credentials.verification_checks where credential_id = ? order by checked_at, source`, [credentialId]);
}

async function openReview(credentialId: string) {
  return until('an open review', async () => {
    const [row] = await orm.em.fork().execute<{ id: string; reasons: string[]; escalated_at: string | null }[]>(
      `select id, reasons, escalated_at from credentials.verification_reviews where credential_id = ? and decided_at is null`, [credentialId]);
    return row;
  });
}

async function mailFor(organizationId: string, template: string) {
  return orm.em.fork().execute<{ recipient: string; parameters: Record<string, unknown> }[]>(
    `select recipient, parameters from mail.outbox where organization_id = ? and template = ?`, [organizationId, template]);
}

async function auditReasons(organizationId: string, resourceType: string) {
  const rows = await orm.em.fork().execute<{ reason: string; actor_id: string | null }[]>(
    `select reason, actor_id from audit.events where organization_id = ? and resource_type = ? order by seq`, [organizationId, resourceType]);
  return rows;
}

async function keepHistory(name: string, handle: WorkflowHandle) {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(HISTORIES, { recursive: true });
  const history = await handle.fetchHistory();
  // protobuf's own JSON form (enums by name, 64-bit integers and bytes as strings), which replay.test.ts reads back.
  const { History } = temporal.api.history.v1;
  const json = History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
  writeFileSync(new URL(`${name}.json`, HISTORIES), `${JSON.stringify(json)}\n`);
}

const reviewer = (member: { userId: string; organizationId: string }, role: string) => ({
  userId: member.userId, organizationId: member.organizationId, role: role as 'CREDENTIALING_STAFF', requestId: `test-${randomUUID()}`, sourceIp: '127.0.0.1',
});

describe('credentialVerificationWorkflow', () => {
  it('verifies a license that its sources confirm, keeping each answer as encrypted evidence', async () => {
    const worker = await startWorker(FAST);
    try {
      const file = await aFile();
      await dispatch(worker.taskQueue, file.organizationId);
      await statusIs(file.credentialId, 'VERIFIED');
      expect(await webhookEventsOf(file.organizationId)).toEqual([
        { type: 'verification.completed', data: { credentialId: file.credentialId, physicianId: expect.any(String), credentialType: 'STATE_LICENSE', status: 'VERIFIED' } },
      ]);
      const checks = await checksOf(file.credentialId);
      expect(checks.map((check) => [check.source, check.result]).sort()).toEqual([['NPPES', 'VERIFIED'], ['STATE_BOARD', 'VERIFIED']]);
      const em = orm.em.fork();
      const keys = await worker.deps.encryption.forOrganization(em, file.organizationId);
      for (const check of checks) {
        const body = keys.decrypt({ table: 'verification_checks', column: 'evidence', rowId: check.id }, check.evidence!);
        expect(createHash('sha256').update(body).digest()).toEqual(check.evidence_sha256);
        expect(body.toString('utf8')).not.toHaveLength(0);
      }
      expect((await credentialRow(file.credentialId)).verified_at).not.toBeNull();
      expect((await auditReasons(file.organizationId, 'VerificationCheck')).map((event) => event.reason).sort()).toEqual(['check:nppes:verified', 'check:state_board:verified']);
      // The credential expires in 2029: its first reminder is 90 days before.
      await until('the next reminder', async () => (await credentialRow(file.credentialId)).next_reminder_at);
      await keepHistory('verified-then-watching', client.workflow.getHandle(verificationWorkflowId(file.credentialId)));
      // Dispatching again hands nothing over: the request was taken.
      await dispatch(worker.taskQueue, file.organizationId);
      expect(await checksOf(file.credentialId)).toHaveLength(2);
    } finally {
      await worker.stop();
    }
  });

  it('sends a mismatch to review; a role the matrix refuses cannot decide it, credentialing staff can', async () => {
    const worker = await startWorker(FAST);
    try {
      const file = await aFile({ familyName: 'Okafor' });
      await dispatch(worker.taskQueue, file.organizationId);
      const review = await openReview(file.credentialId);
      expect(review.reasons).toEqual(expect.arrayContaining(['MISMATCH:STATE_BOARD']));
      expect((await credentialRow(file.credentialId)).status).toBe('NEEDS_REVIEW');
      expect(await mailFor(file.organizationId, 'verification_review')).toEqual([expect.objectContaining({ recipient: file.staff.email })]);
      const handle = client.workflow.getHandle(verificationWorkflowId(file.credentialId));

      for (const role of ['PHYSICIAN', 'AUDITOR', 'INCIDENT_RESPONDER']) {
        const refused = await handle.executeUpdate(resolveReviewUpdate, { args: [{ reviewId: review.id, decision: 'APPROVED', reasonCode: 'documents_confirm', reviewer: reviewer(file.staff, role) }] }).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
        expect(((refused as WorkflowUpdateFailedError).cause as { type?: string }).type).toBe('FORBIDDEN');
      }
      const otherOrganization = { ...reviewer(file.staff, 'CREDENTIALING_STAFF'), organizationId: randomUUID() };
      await expect(handle.executeUpdate(resolveReviewUpdate, { args: [{ reviewId: review.id, decision: 'APPROVED', reasonCode: 'documents_confirm', reviewer: otherOrganization }] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      expect((await credentialRow(file.credentialId)).status).toBe('NEEDS_REVIEW');

      const decided = await handle.executeUpdate(resolveReviewUpdate, { args: [{ reviewId: review.id, decision: 'APPROVED', reasonCode: 'name_change_on_file', reviewer: reviewer(file.staff, 'CREDENTIALING_STAFF') }] });
      expect(decided).toMatchObject({ reviewId: review.id, decision: 'APPROVED', status: 'VERIFIED' });
      expect((await credentialRow(file.credentialId)).status).toBe('VERIFIED');
      // Deciding twice is refused; the first decision stands.
      await expect(handle.executeUpdate(resolveReviewUpdate, { args: [{ reviewId: review.id, decision: 'REJECTED', reasonCode: 'changed_mind', reviewer: reviewer(file.staff, 'CREDENTIALING_STAFF') }] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      const [stored] = await orm.em.fork().execute<{ decision: string; decided_by: string; reason_code: string }[]>(`select decision, decided_by, reason_code from credentials.verification_reviews where id = ?`, [review.id]);
      expect(stored).toEqual({ decision: 'APPROVED', decided_by: file.staff.userId, reason_code: 'name_change_on_file' });
      // The mismatch the source reported is still what it was: a check never changes.
      expect((await checksOf(file.credentialId)).find((check) => check.source === 'STATE_BOARD')).toMatchObject({ result: 'MISMATCH' });
      const decisions = await auditReasons(file.organizationId, 'VerificationReview');
      expect(decisions).toEqual(expect.arrayContaining([{ reason: 'review:approved:name_change_on_file', actor_id: file.staff.userId }]));
      expect(await webhookEventsOf(file.organizationId)).toEqual([
        { type: 'review.required', data: { reviewId: review.id, credentialId: file.credentialId, physicianId: expect.any(String), reasons: review.reasons } },
        { type: 'verification.completed', data: { credentialId: file.credentialId, physicianId: expect.any(String), credentialType: 'STATE_LICENSE', status: 'VERIFIED' } },
      ]);
      await keepHistory('mismatch-reviewed', handle);
    } finally {
      await worker.stop();
    }
  });

  it('escalates a review nobody decides within the window to the organization\'s admins', async () => {
    const worker = await startWorker({ ...FAST, reviewWindowMs: 1_000 });
    try {
      const file = await aFile({ familyName: 'Okafor' });
      const admin = await aMember(identity, { organizationId: file.organizationId, role: 'ORG_ADMIN' });
      await dispatch(worker.taskQueue, file.organizationId);
      await until('an escalation', async () => (await openReview(file.credentialId)).escalated_at);
      expect(await mailFor(file.organizationId, 'verification_escalation')).toEqual([expect.objectContaining({ recipient: admin.email })]);
      expect((await auditReasons(file.organizationId, 'VerificationReview')).map((event) => event.reason)).toEqual(['review:opened', 'review:escalated']);
    } finally {
      await worker.stop();
    }
  });

  it('asks an unavailable source again at growing intervals and verifies once it answers', async () => {
    const worker = await startWorker(FAST);
    try {
      const file = await aFile();
      // Every attempt of the first two rounds fails (two attempts per round).
      standIns.standIns.nppes.failNext(4, 503);
      await dispatch(worker.taskQueue, file.organizationId);
      await statusIs(file.credentialId, 'VERIFIED');
      const nppes = (await checksOf(file.credentialId)).filter((check) => check.source === 'NPPES').map((check) => check.result);
      expect(nppes[0]).toBe('SOURCE_UNAVAILABLE');
      expect(nppes[nppes.length - 1]).toBe('VERIFIED');
      await keepHistory('source-outage-recovers', client.workflow.getHandle(verificationWorkflowId(file.credentialId)));
    } finally {
      standIns.standIns.nppes.reset();
      await worker.stop();
    }
  });

  it('keeps a review waiting while the worker is down, and finishes it on a new worker', async () => {
    const first = await startWorker(FAST);
    const file = await aFile({ familyName: 'Okafor' });
    await dispatch(first.taskQueue, file.organizationId);
    const review = await openReview(file.credentialId);
    await first.stop();
    // The same task queue, served by a new worker process's worth of state.
    const base = first.deps;
    const { worker, connection: workerConnection } = await createWorker({ temporal: { address: stack.temporalAddress, namespace: 'default', taskQueue: first.taskQueue }, deps: base, logger });
    const handle = client.workflow.getHandle(verificationWorkflowId(file.credentialId));
    await worker.runUntil(handle.executeUpdate(resolveReviewUpdate, { args: [{ reviewId: review.id, decision: 'REJECTED', reasonCode: 'license_not_held', reviewer: reviewer(file.staff, 'CREDENTIALING_STAFF') }] }));
    await workerConnection.close();
    expect((await credentialRow(file.credentialId)).status).toBe('REJECTED');
    expect((await webhookEventsOf(file.organizationId)).map((event) => [event.type, event.data.status])).toEqual([['review.required', undefined], ['verification.completed', 'REJECTED']]);
  });

  it('reminds before expiry and marks a credential EXPIRED after its date', async () => {
    const worker = await startWorker(FAST);
    try {
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      // Expires in five days: the seven-day reminder is due now (its day has passed), then it waits for the date.
      const soon = await aFile({ license: { type: 'MALPRACTICE_INSURANCE', number: 'POL-1', state: 'CA', expiresOn: day(5) } });
      // A malpractice certificate always goes to a person: approve it, then the watch runs.
      await dispatch(worker.taskQueue, soon.organizationId);
      const review = await openReview(soon.credentialId);
      expect(review.reasons).toEqual(['MANUAL:MALPRACTICE_CARRIER']);
      await client.workflow.getHandle(verificationWorkflowId(soon.credentialId)).executeUpdate(resolveReviewUpdate, {
        args: [{ reviewId: review.id, decision: 'APPROVED', reasonCode: 'certificate_reviewed', reviewer: reviewer(soon.staff, 'CREDENTIALING_STAFF') }],
      });
      const reminders = await until('a reminder', async () => { const mail = await mailFor(soon.organizationId, 'credential_expiring'); return mail.length ? mail : null; });
      expect(reminders).toEqual([expect.objectContaining({ recipient: soon.staff.email, parameters: expect.objectContaining({ days: 5, expiresOn: day(5) }) })]);
      expect((await credentialRow(soon.credentialId)).status).toBe('VERIFIED');

      const past = await aFile({ license: { type: 'MALPRACTICE_INSURANCE', number: 'POL-2', state: 'CA', expiresOn: day(-1) } });
      await dispatch(worker.taskQueue, past.organizationId);
      const pastReview = await openReview(past.credentialId);
      await client.workflow.getHandle(verificationWorkflowId(past.credentialId)).executeUpdate(resolveReviewUpdate, {
        args: [{ reviewId: pastReview.id, decision: 'APPROVED', reasonCode: 'certificate_reviewed', reviewer: reviewer(past.staff, 'CREDENTIALING_STAFF') }],
      });
      await statusIs(past.credentialId, 'EXPIRED');
      expect(await mailFor(past.organizationId, 'credential_expired')).toEqual([expect.objectContaining({ recipient: past.staff.email })]);
      expect((await webhookEventsOf(soon.organizationId)).map((event) => event.type)).toEqual(['review.required', 'verification.completed', 'credential.expiring']);
      expect((await webhookEventsOf(soon.organizationId))[2]!.data).toEqual({ credentialId: soon.credentialId, physicianId: expect.any(String), credentialType: 'MALPRACTICE_INSURANCE', daysLeft: 5 });
      await until('credential.expired', async () => (await webhookEventsOf(past.organizationId)).some((event) => event.type === 'credential.expired'));
      expect((await webhookEventsOf(past.organizationId)).find((event) => event.type === 'credential.expired')!.data).toEqual({ credentialId: past.credentialId, physicianId: expect.any(String), credentialType: 'MALPRACTICE_INSURANCE' });
      await keepHistory('reviewed-then-expired', client.workflow.getHandle(verificationWorkflowId(past.credentialId)));
    } finally {
      await worker.stop();
    }
  });

  it('starts its checks over when the credential changes while it waits', async () => {
    const worker = await startWorker(FAST);
    try {
      const file = await aFile({ familyName: 'Okafor' });
      await dispatch(worker.taskQueue, file.organizationId);
      const first = await openReview(file.credentialId);
      // The file is corrected (the physician's name), and a new request is made.
      await orm.em.fork().execute(`update credentials.physicians set family_name = 'Okafor-Reyes' where id = (select physician_id from credentials.credentials where id = ?)`, [file.credentialId]);
      await orm.em.fork().execute(`update credentials.credentials set verification_requested_at = now() where id = ?`, [file.credentialId]);
      await dispatch(worker.taskQueue, file.organizationId);
      await statusIs(file.credentialId, 'VERIFIED');
      const [superseded] = await orm.em.fork().execute<{ decision: string }[]>(`select decision from credentials.verification_reviews where id = ?`, [first.id]);
      expect(superseded!.decision).toBe('SUPERSEDED');
    } finally {
      await worker.stop();
    }
  });
});
