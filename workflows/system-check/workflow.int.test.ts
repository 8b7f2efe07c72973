// The system-check workflow on the real Temporal dev server, run by the real worker, whose
// activity reaches the test PostgreSQL as the worker's own role.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { createLogger } from '../../platform/logger.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { createWorker } from '../worker.ts';
import { SYSTEM_CHECK_WORKFLOW, type SystemCheckResult } from './shared.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
let orm: MikroORM;
let connection: Connection;

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  connection = await Connection.connect({ address: stack.temporalAddress });
});

afterAll(async () => {
  await connection.close();
  await orm.close();
});

describe('systemCheckWorkflow', () => {
  it('runs on the dev server and reaches the database as the worker role', async () => {
    const temporal = { address: stack.temporalAddress, namespace: 'default', taskQueue: `test-system-check-${randomUUID()}` };
    const { worker, connection: workerConnection } = await createWorker({ temporal, deps: await testActivityDeps(orm), logger });
    const client = new Client({ connection });
    const workflowId = `system-check:${randomUUID()}`;
    const result = await worker.runUntil(
      client.workflow.execute<() => Promise<SystemCheckResult>>(SYSTEM_CHECK_WORKFLOW, { taskQueue: temporal.taskQueue, workflowId }),
    );
    await workerConnection.close();

    expect(result.database.role).toBe('credence_worker');
    expect(result.database.serverVersion).toMatch(/^18\./);
    expect(Date.parse(result.checkedAt)).not.toBeNaN();
    const description = await client.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('COMPLETED');
  });
});
