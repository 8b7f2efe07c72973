// The worker killed (SIGKILL, no goodbye) in the middle of a background chain verification, on
// the real Temporal dev server: its progress was recorded while it ran, and once its heartbeat
// is missed the next attempt, on a new worker, resumes after the last chunk it heartbeated
// instead of starting over, and finishes the job with the counts of both attempts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { recordAudit } from '../../platform/audit.ts';
import { openDatabase, runAsCaller, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { startAuditSubgraph } from '../../test/support/incidents.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { callerFor } from '../../test/support/subgraph-client.ts';
import { until } from '../../test/support/verification.ts';
import { UNASKED_SOURCES, workerProcesses } from '../../test/support/worker-processes.ts';
import { DEFAULT_VERIFICATION_TIMINGS } from '../credential-verification/shared.ts';
import { createWorker } from '../worker.ts';
import { auditJobWorkflowId } from './shared.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const CHUNK = 10;
let orm: MikroORM;
let superuser: pg.Client;
let connection: Connection;
const workers = workerProcesses();

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  connection = await Connection.connect({ address: stack.temporalAddress });
});

afterAll(async () => {
  workers.killAll();
  await connection.close();
  await superuser.end();
  await orm.close();
});

/** The real worker in a process of its own on `taskQueue`, with small chunks; resolves once it polls. */
const startWorkerProcess = (taskQueue: string) => workers.start(taskQueue, UNASKED_SOURCES, DEFAULT_VERIFICATION_TIMINGS, { auditJobChunkEvents: CHUNK });

const jobRow = async (id: string) =>
  (await superuser.query<{ status: string; events_done: number; events_total: number | null }>(`select status, events_done::int, events_total::int from audit.audit_jobs where id = $1`, [id])).rows[0]!;

describe('a background chain verification whose worker is killed', () => {
  it('records its progress while it runs, and resumes on a new worker after the last chunk it heartbeated', async () => {
    const taskQueue = `test-audit-job-worker-killed-${randomUUID()}`;
    const organizationId = randomUUID();
    const caller = callerFor('CREDENTIALING_STAFF', organizationId);
    await runAsCaller(orm, caller, async (em) => {
      for (let index = 0; index < 5_000; index += 1) await recordAudit(em, caller, { action: 'VIEW', resourceType: 'Credential', resourceId: randomUUID(), outcome: 'SUCCESS' });
    });
    const audit = await startAuditSubgraph({ TEMPORAL_TASK_QUEUE: taskQueue });
    const first = await startWorkerProcess(taskQueue);
    const auditor = callerFor('AUDITOR', organizationId);
    try {
      const started = await audit.call<{ startAuditChainVerification: { auditJob: { id: string } } }>(auditor, `mutation { startAuditChainVerification { auditJob { id } userErrors { code message field reason details } } }`);
      expect(started.errors).toBeUndefined();
      const id = started.data!.startAuditChainVerification.auditJob.id;

      // Progress is seen while it runs: some chunks done, not all.
      const running = await until('progress recorded mid-run', async () => {
        const row = await jobRow(id);
        return row.status === 'RUNNING' && row.events_done >= 5 * CHUNK ? row : null;
      });
      expect(running.events_done).toBeLessThan(running.events_total!);
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));

      // An event the first attempt verified (its first chunk, heartbeated at once) is altered now:
      // an attempt that started over would find it; one that resumes does not read it again.
      await superuser.query('begin');
      await superuser.query('alter table audit.events disable trigger events_append_only');
      await superuser.query(`update audit.events set resource_type = 'Physician' where organization_id = $1 and seq = 3`, [organizationId]);
      await superuser.query('alter table audit.events enable trigger events_append_only');
      await superuser.query('commit');

      const client = new Client({ connection });
      const { worker, connection: workerConnection } = await createWorker({
        temporal: { address: stack.temporalAddress, namespace: 'default', taskQueue },
        deps: { ...(await testActivityDeps(orm)), auditJobs: { chunkEvents: CHUNK } }, logger,
      });
      await worker.runUntil(client.workflow.getHandle(auditJobWorkflowId(id)).result());
      await workerConnection.close();

      const job = await audit.call<{ auditJob: { status: string; progress: { eventsDone: number; eventsTotal: number }; verification: { valid: boolean; checkedEvents: number } } }>(
        auditor, `query ($id: ID!) { auditJob(id: $id) { status progress { eventsDone eventsTotal } verification { valid checkedEvents } } }`, { id });
      expect(job.data!.auditJob).toEqual({
        status: 'SUCCEEDED',
        progress: { eventsDone: running.events_total, eventsTotal: running.events_total },
        verification: { valid: true, checkedEvents: running.events_total },
      });
      const history = await client.workflow.getHandle(auditJobWorkflowId(id)).fetchHistory();
      const attempts = history.events!.flatMap((event) => (event.activityTaskStartedEventAttributes ? [event.activityTaskStartedEventAttributes.attempt] : []));
      expect(attempts).toEqual([2]);
    } finally {
      await audit.close();
    }
  }, 240_000);
});
