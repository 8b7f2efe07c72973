// Background audit jobs on the real Temporal dev server, run by the real worker in small chunks,
// asked for and polled through the audit subgraph (signed contexts, as from the gateway): a
// verification over a few thousand events succeeds with its progress complete, a tampered event
// is named as the first broken sequence, an export job's file is today's export of the same
// range, other roles are refused and another organization's jobs are not seen.
import { createHash, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import pg from 'pg';
import { createDownloadHandler } from '../../gateway/downloads.ts';
import { parseExport } from '../../domain/audit-export-format.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, runAsCaller, type MikroORM } from '../../platform/database/orm.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger } from '../../platform/logger.ts';
import { freePort } from '../../stack/ports.ts';
import { startAuditSubgraph } from '../../test/support/incidents.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { recordHistory } from '../../test/support/histories.ts';
import { callerFor } from '../../test/support/subgraph-client.ts';
import { createAuditCheckpointActivities } from '../audit-checkpoint/activities.ts';
import { createWorker } from '../worker.ts';
import { auditJobWorkflowId } from './shared.ts';
import { refusalCodeOf, userErrorsOf } from '../../test/support/factories.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const CHUNK = 250;
const INLINE_MAX = 1_000;
let orm: MikroORM;
let superuser: pg.Client;
let connection: Connection;
let client: Client;
let audit: Awaited<ReturnType<typeof startAuditSubgraph>>;
let stopWorker: () => Promise<void>;
let downloads: Server;
let downloadsUrl: string;
let taskQueueOfWorker: string;

const JOB = `id kind status failure progress { eventsDone eventsTotal } fromSequence toSequence from to requestedBy startedAt finishedAt
  verification { valid checkedEvents checkedCheckpoints firstBadSequence problem }
  export { downloadUrl expiresAt fileExpiresAt format eventCount bytes sha256 }`;
const START_VERIFICATION = `mutation ($from: Int, $to: Int) { startAuditChainVerification(fromSequence: $from, toSequence: $to) { auditJob { ${JOB} } userErrors { code message field reason details } } }`;
const START_EXPORT = `mutation ($from: DateTime, $to: DateTime, $format: AuditExportFormat!) { startAuditExport(from: $from, to: $to, format: $format) { auditJob { ${JOB} } userErrors { code message field reason details } } }`;
const JOB_QUERY = `query ($id: ID!) { auditJob(id: $id) { ${JOB} } }`;
const JOBS_QUERY = `query ($first: Int, $after: String) { auditJobs(first: $first, after: $after) { nodes { id kind status } pageInfo { hasNextPage endCursor } } }`;

type Job = { id: string; kind: string; status: string; failure: string | null; progress: { eventsDone: number; eventsTotal: number | null };
  verification: { valid: boolean; checkedEvents: number; checkedCheckpoints: number; firstBadSequence: number | null; problem: string | null } | null;
  export: { downloadUrl: string | null; expiresAt: string | null; format: string; eventCount: number; bytes: number; sha256: string } | null };

/** `count` events of the organization, written in one transaction (as many requests would, one after the other). */
async function seedChain(organizationId: string, count: number): Promise<void> {
  const caller = callerFor('CREDENTIALING_STAFF', organizationId);
  await runAsCaller(orm, caller, async (em) => {
    for (let index = 0; index < count; index += 1) await recordAudit(em, caller, { action: 'VIEW', resourceType: 'Credential', resourceId: randomUUID(), outcome: 'SUCCESS' });
  });
}

const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) => refusalCodeOf(response);

/** Waits for the job's workflow to end (as its poller would see it), then reads the job. */
async function finished(caller: Caller, id: string, history?: string): Promise<Job> {
  const handle = client.workflow.getHandle(auditJobWorkflowId(id));
  await handle.result();
  if (history) await recordHistory(handle, new URL('./histories/', import.meta.url), history);
  const response = await audit.call<{ auditJob: Job }>(caller, JOB_QUERY, { id });
  expect(response.errors).toBeUndefined();
  return response.data!.auditJob;
}

async function download(url: string): Promise<Buffer> {
  const link = new URL(url);
  const response = await fetch(`${downloadsUrl}${link.pathname}${link.search}`);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  connection = await Connection.connect({ address: stack.temporalAddress });
  client = new Client({ connection });
  const taskQueue = `test-audit-jobs-${randomUUID()}`;
  taskQueueOfWorker = taskQueue;
  const base = await testActivityDeps(orm);
  const deps = { ...base, verification: { ...base.verification, client, taskQueue }, auditJobs: { chunkEvents: CHUNK } };
  const { worker, connection: workerConnection } = await createWorker({ temporal: { address: stack.temporalAddress, namespace: 'default', taskQueue }, deps, logger });
  const running = worker.run();
  stopWorker = async () => {
    worker.shutdown();
    await running;
    await workerConnection.close();
  };
  audit = await startAuditSubgraph({ TEMPORAL_TASK_QUEUE: taskQueue, AUDIT_INLINE_MAX_EVENTS: String(INLINE_MAX) });
  const app = express();
  app.get('/downloads/*key', createDownloadHandler(loadConfig('audit', { ...stack.serviceEnv.audit, NODE_ENV: 'test' }).downloads, logger));
  const port = await freePort();
  downloads = await listen(app, '127.0.0.1', port, 'downloads');
  downloadsUrl = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  await closeServer(downloads);
  await audit?.close();
  await stopWorker?.();
  await connection.close();
  await superuser.end();
  await orm.close();
});

describe('chain verification in the background', () => {
  it('verifies a chain of a few thousand events in chunks, to the end, with its progress complete and its checkpoints checked', async () => {
    const organizationId = randomUUID();
    await seedChain(organizationId, 2_400);
    await createAuditCheckpointActivities({ orm, auditSigningKey: (await testActivityDeps(orm)).auditSigningKey }).signAuditCheckpoints({ organizationIds: [organizationId] });
    const auditor = callerFor('AUDITOR', organizationId);

    // Within a request, a chain this long is refused with the way to do it.
    const inline = await audit.call(auditor, `{ verifyAuditChain { valid } }`);
    expect(codeOf(inline)).toBe('AUDIT_RANGE_TOO_LARGE');
    expect(inline.errors![0]!.extensions).toMatchObject({ details: { limit: INLINE_MAX, useInstead: 'startAuditChainVerification' } });
    const inlineExport = await audit.call(auditor, `mutation { exportAuditLog(format: CSV) { auditExport { url } userErrors { code message field reason details } } }`);
    expect(codeOf(inlineExport)).toBe('AUDIT_RANGE_TOO_LARGE');
    expect(userErrorsOf(inlineExport)[0]).toMatchObject({ details: { events: 2_400, limit: INLINE_MAX, useInstead: 'startAuditExport' } });
    // The refused export left nothing behind.
    expect((await superuser.query(`select count(*)::int as n from audit.exports where organization_id = $1`, [organizationId])).rows[0].n).toBe(0);

    const started = await audit.call<{ startAuditChainVerification: { auditJob: Job } }>(auditor, START_VERIFICATION);
    expect(started.errors).toBeUndefined();
    expect(started.data!.startAuditChainVerification.auditJob).toMatchObject({ kind: 'CHAIN_VERIFICATION', status: 'QUEUED', progress: { eventsDone: 0, eventsTotal: null } });
    const job = await finished(auditor, started.data!.startAuditChainVerification.auditJob.id, 'chain-verification');
    expect(job.status).toBe('SUCCEEDED');
    // The request's own audit event is in the chain it verifies.
    expect(job.progress.eventsTotal).toBeGreaterThanOrEqual(2_401);
    expect(job.progress.eventsDone).toBe(job.progress.eventsTotal);
    expect(job.verification).toEqual({ valid: true, checkedEvents: job.progress.eventsTotal, checkedCheckpoints: 1, firstBadSequence: null, problem: null });

    const { rows: requested } = await superuser.query(`select action, resource_id::text, reason from audit.events where organization_id = $1 and resource_type = 'AuditJob'`, [organizationId]);
    expect(requested).toEqual([{ action: 'CREATE', resource_id: job.id, reason: 'kind:chain_verification' }]);
  });

  it('names the first broken sequence of a tampered chain, over a range of it', async () => {
    const organizationId = randomUUID();
    await seedChain(organizationId, 1_500);
    await superuser.query('begin');
    await superuser.query('alter table audit.events disable trigger events_append_only');
    await superuser.query(`update audit.events set resource_type = 'Physician' where organization_id = $1 and seq = 1234`, [organizationId]);
    await superuser.query('alter table audit.events enable trigger events_append_only');
    await superuser.query('commit');
    const owner = callerFor('ORG_OWNER', organizationId);

    const started = await audit.call<{ startAuditChainVerification: { auditJob: Job } }>(owner, START_VERIFICATION, { from: 101, to: 1_400 });
    expect(started.errors).toBeUndefined();
    const job = await finished(owner, started.data!.startAuditChainVerification.auditJob.id);
    expect(job.status).toBe('SUCCEEDED');
    expect(job.verification).toEqual({ valid: false, checkedEvents: 1_133, checkedCheckpoints: 0, firstBadSequence: 1_234, problem: 'sequence 1234 does not match its hash (altered)' });
    expect(job.progress.eventsTotal).toBe(1_300);
  });
});

describe('audit export in the background', () => {
  it("writes the same file as today's export of the same range, with its size and hash, its link audited at each read", async () => {
    const organizationId = randomUUID();
    await seedChain(organizationId, 600);
    const admin = callerFor('ORG_ADMIN', organizationId);
    // Just after the last seeded event (stored to the microsecond): the exports' own audit events come after the range.
    const { rows: [end] } = await superuser.query<{ to: string }>(
      `select to_char((max(occurred_at) + interval '1 millisecond') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as to from audit.events where organization_id = $1`, [organizationId]);
    const to = end!.to;

    for (const format of ['JSON_LINES', 'CSV'] as const) {
      const inline = await audit.call<{ exportAuditLog: { auditExport: { url: string; eventCount: number } } }>(admin,
        `mutation ($to: DateTime, $format: AuditExportFormat!) { exportAuditLog(to: $to, format: $format) { auditExport { url eventCount } userErrors { code message field reason details } } }`, { to, format });
      expect(inline.errors).toBeUndefined();
      const started = await audit.call<{ startAuditExport: { auditJob: Job } }>(admin, START_EXPORT, { to, format });
      expect(started.errors).toBeUndefined();
      expect(started.data!.startAuditExport.auditJob).toMatchObject({ kind: 'EXPORT', status: 'QUEUED', export: null });
      const job = await finished(admin, started.data!.startAuditExport.auditJob.id, `export-${format.toLowerCase().replace('_', '-')}`);
      expect(job.status).toBe('SUCCEEDED');
      expect(job.export).toMatchObject({ format, eventCount: inline.data!.exportAuditLog.auditExport.eventCount });
      expect(job.progress).toEqual({ eventsDone: job.export!.eventCount, eventsTotal: job.export!.eventCount });

      const background = await download(job.export!.downloadUrl!);
      expect(background.length).toBe(job.export!.bytes);
      expect(createHash('sha256').update(background).digest('hex')).toBe(job.export!.sha256);
      const today = parseExport((await download(inline.data!.exportAuditLog.auditExport.url)).toString('utf8'));
      const parsed = parseExport(background.toString('utf8'));
      expect({ ...parsed.header, exportedAt: null }).toEqual({ ...today.header, exportedAt: null });
      expect(parsed.events).toEqual(today.events);
      expect(parsed.checkpoints).toEqual(today.checkpoints);
      expect(parsed.events.length).toBe(600);
    }
    const { rows: exported } = await superuser.query(`select count(*)::int as n from audit.events where organization_id = $1 and action = 'EXPORT' and resource_id is not null`, [organizationId]);
    // One link made at each read of a finished job (one read of each): each audited as an export.
    expect(exported[0].n).toBe(2);
    // Past its expiry, a job's file has no link, and the sweep erases the key it was sealed under.
    const [last] = (await audit.call<{ auditJobs: { nodes: { id: string }[] } }>(admin, JOBS_QUERY, { first: 1 })).data!.auditJobs.nodes;
    await superuser.query(`update audit.audit_jobs set file_expires_at = now() - interval '1 second' where id = $1`, [last!.id]);
    const expired = await audit.call<{ auditJob: Job }>(admin, JOB_QUERY, { id: last!.id });
    expect(expired.data!.auditJob.export).toMatchObject({ downloadUrl: null, expiresAt: null, format: 'CSV' });
    const sweep = await client.workflow.execute('auditJobStartsWorkflow', { taskQueue: taskQueueOfWorker, workflowId: `audit-job-starts-${randomUUID()}`, args: [{ organizationId }] });
    expect(sweep).toEqual({ started: 0, keysErased: 1 });
    expect((await superuser.query(`select content_key from audit.audit_jobs where id = $1`, [last!.id])).rows).toEqual([{ content_key: null }]);
    // The list's read handed out a link (audited); the expired job's read none.
    expect((await superuser.query(`select count(*)::int as n from audit.events where organization_id = $1 and action = 'EXPORT' and resource_id is not null`, [organizationId])).rows[0].n).toBe(3);
  });
});

describe('a job asked for while Temporal does not answer', () => {
  it('is written and audited all the same, and started by the audit-job-starts sweep once Temporal answers', async () => {
    const organizationId = randomUUID();
    await seedChain(organizationId, 40);
    const auditor = callerFor('AUDITOR', organizationId);
    const unreachable = await startAuditSubgraph({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    let id: string;
    try {
      const started = await unreachable.call<{ startAuditChainVerification: { auditJob: Job } }>(auditor, START_VERIFICATION);
      expect(started.errors).toBeUndefined();
      id = started.data!.startAuditChainVerification.auditJob.id;
    } finally {
      await unreachable.close();
    }
    const { rows: [stored] } = await superuser.query(`select status, workflow_started_at from audit.audit_jobs where id = $1`, [id]);
    expect(stored).toEqual({ status: 'QUEUED', workflow_started_at: null });

    const sweep = await client.workflow.execute('auditJobStartsWorkflow', { taskQueue: taskQueueOfWorker, workflowId: `audit-job-starts-${randomUUID()}`, args: [{ organizationId }] });
    expect(sweep).toEqual({ started: 1, keysErased: 0 });
    const job = await finished(auditor, id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', verification: { valid: true, firstBadSequence: null } });
    // A second sweep finds nothing left to start.
    expect(await client.workflow.execute('auditJobStartsWorkflow', { taskQueue: taskQueueOfWorker, workflowId: `audit-job-starts-${randomUUID()}`, args: [{ organizationId }] })).toEqual({ started: 0, keysErased: 0 });
  }, 120_000);
});

describe('a job that cannot be done', () => {
  it('is marked FAILED with a code, at once when no retry could change it', async () => {
    const organizationId = randomUUID();
    await seedChain(organizationId, 5);
    const admin = callerFor('ORG_ADMIN', organizationId);
    const unreachable = await startAuditSubgraph({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    let id: string;
    try {
      id = (await unreachable.call<{ startAuditExport: { auditJob: Job } }>(admin, START_EXPORT, { format: 'CSV' })).data!.startAuditExport.auditJob.id;
    } finally {
      await unreachable.close();
    }
    // A worker with nowhere to write files runs it.
    const taskQueue = `test-audit-jobs-no-storage-${randomUUID()}`;
    const { storage: _storage, ...withoutStorage } = await testActivityDeps(orm);
    const { worker, connection: workerConnection } = await createWorker({ temporal: { address: stack.temporalAddress, namespace: 'default', taskQueue }, deps: withoutStorage, logger });
    const outcome = await worker.runUntil(client.workflow.execute('auditJobWorkflow', { taskQueue, workflowId: auditJobWorkflowId(id), args: [{ jobId: id }] })).then(() => 'completed', () => 'failed');
    await workerConnection.close();
    expect(outcome).toBe('failed');
    const job = (await audit.call<{ auditJob: Job }>(admin, JOB_QUERY, { id })).data!.auditJob;
    expect(job).toMatchObject({ status: 'FAILED', failure: 'audit_job_no_storage', export: null, verification: null });
    const history = await client.workflow.getHandle(auditJobWorkflowId(id)).fetchHistory();
    expect(history.events!.flatMap((event) => (event.activityTaskStartedEventAttributes ? [event.activityTaskStartedEventAttributes.attempt] : []))).toEqual([1, 1]);
    await recordHistory(client.workflow.getHandle(auditJobWorkflowId(id)), new URL('./histories/', import.meta.url), 'failed');
  }, 120_000);
});

describe('who sees audit jobs', () => {
  it('refuses the roles without the audit log, and shows no organization the jobs of another', async () => {
    const organizationId = randomUUID();
    const other = randomUUID();
    await seedChain(organizationId, 3);
    const auditor = callerFor('AUDITOR', organizationId);
    const started = await audit.call<{ startAuditChainVerification: { auditJob: Job } }>(auditor, START_VERIFICATION);
    const id = started.data!.startAuditChainVerification.auditJob.id;
    await finished(auditor, id);

    for (const role of ['CREDENTIALING_STAFF', 'INCIDENT_RESPONDER'] as const) {
      const caller = callerFor(role, organizationId);
      expect(codeOf(await audit.call(caller, START_VERIFICATION))).toBe('FORBIDDEN');
      expect(codeOf(await audit.call(caller, START_EXPORT, { format: 'CSV' }))).toBe('FORBIDDEN');
      expect(codeOf(await audit.call(caller, JOB_QUERY, { id }))).toBe('FORBIDDEN');
      expect(codeOf(await audit.call(caller, JOBS_QUERY))).toBe('FORBIDDEN');
    }
    const outsider = callerFor('ORG_OWNER', other);
    const seen = await audit.call<{ auditJob: Job | null }>(outsider, JOB_QUERY, { id });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.auditJob).toBeNull();
    const listed = await audit.call<{ auditJobs: { nodes: { id: string }[] } }>(outsider, JOBS_QUERY);
    expect(listed.data!.auditJobs.nodes).toEqual([]);
    const own = await audit.call<{ auditJobs: { nodes: { id: string; status: string }[]; pageInfo: { hasNextPage: boolean } } }>(auditor, JOBS_QUERY, { first: 1 });
    expect(own.data!.auditJobs).toEqual({ nodes: [{ id, kind: 'CHAIN_VERIFICATION', status: 'SUCCEEDED' }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } });
  });
});
