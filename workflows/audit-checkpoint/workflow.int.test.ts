// The checkpoint workflow on the real Temporal dev server, run by the real worker: a chain altered
// since its last checkpoint makes the run fail at once (not retried), naming the break, while the
// chains that hold are still signed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ActivityFailure, ApplicationFailure, Client, Connection, WorkflowFailedError } from '@temporalio/client';
import pg from 'pg';
import type { Caller } from '../../platform/caller.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { seedAuditEvents } from '../../test/support/factories.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { createWorkerMetrics } from '../metrics.ts';
import { createWorker } from '../worker.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
let orm: MikroORM;
let identityOrm: MikroORM;
let superuser: pg.Client;
let connection: Connection;

const staffOf = (organizationId: string): Caller => ({
  userId: randomUUID(), organizationId, role: 'CREDENTIALING_STAFF', sessionId: randomUUID(), requestId: `req-${randomUUID()}`, sourceIp: '198.51.100.9',
});

const checkpointsOf = async (organizationId: string) =>
  (await superuser.query(`select seq::int from audit.checkpoints where organization_id = $1 order by seq`, [organizationId])).rows.map((row) => row.seq as number);

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  identityOrm = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  connection = await Connection.connect({ address: stack.temporalAddress });
});

afterAll(async () => {
  await connection.close();
  await superuser.end();
  await identityOrm.close();
  await orm.close();
});

describe('auditCheckpointWorkflow', () => {
  it('fails without retrying on a chain altered since its checkpoint, and still signs the chains that hold', async () => {
    const broken = randomUUID();
    const healthy = randomUUID();
    await seedAuditEvents(identityOrm, staffOf(broken), 3);
    await seedAuditEvents(identityOrm, staffOf(healthy), 2);
    await superuser.query('begin');
    await superuser.query('alter table audit.events disable trigger events_append_only');
    await superuser.query(`update audit.events set resource_type = 'Physician' where organization_id = $1 and seq = 2`, [broken]);
    await superuser.query('alter table audit.events enable trigger events_append_only');
    await superuser.query('commit');

    const temporal = { address: stack.temporalAddress, namespace: 'default', taskQueue: `test-audit-checkpoint-${randomUUID()}` };
    const metrics = createWorkerMetrics(orm);
    const { worker, connection: workerConnection } = await createWorker({ temporal, deps: await testActivityDeps(orm), logger, metrics });
    const client = new Client({ connection });
    const workflowId = `audit-checkpoints:${randomUUID()}`;
    const failure = await worker
      .runUntil(client.workflow.execute('auditCheckpointWorkflow', { taskQueue: temporal.taskQueue, workflowId }))
      .then(() => null, (error: unknown) => error);
    await workerConnection.close();

    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const activity = (failure as WorkflowFailedError).cause;
    expect(activity).toBeInstanceOf(ActivityFailure);
    const cause = (activity as ActivityFailure).cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({ type: 'AUDIT_CHAIN_BROKEN', nonRetryable: true });
    expect(cause.details).toEqual(expect.arrayContaining([expect.objectContaining({ organizationId: broken, firstBadSequence: 2 })]));

    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    expect(history.events!.filter((event) => event.activityTaskScheduledEventAttributes)).toHaveLength(1);
    expect(history.events!.find((event) => event.activityTaskStartedEventAttributes)?.activityTaskStartedEventAttributes?.attempt).toBe(1);
    expect(await checkpointsOf(broken)).toEqual([]);
    expect(await checkpointsOf(healthy)).toEqual([2]);
    // What the CredenceAuditChainBroken alert watches.
    expect(await metrics.registry.getSingleMetricAsString('credence_activity_failures_total')).toContain('credence_activity_failures_total{activity="signAuditCheckpoints",type="AUDIT_CHAIN_BROKEN"} 1');
  });
});
