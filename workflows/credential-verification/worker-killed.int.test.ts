// The worker killed (SIGKILL, no goodbye) while it asks a source, on the real Temporal dev server:
// the check it was running is given to a new worker once the heartbeats stop, and the credential
// is verified with one check per source, none lost or doubled by the killed attempt.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { US_JURISDICTIONS } from '../../platform/us-jurisdictions.ts';
import { startSourceStandIns, type SourceStandIns } from '../../stack/source-stand-ins/index.ts';
import { anOrganization, insertStoredCredentials, insertStoredPhysician } from '../../test/support/factories.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { until } from '../../test/support/verification.ts';
import { stopWorkerProcess, workerProcesses } from '../../test/support/worker-processes.ts';
import { VERIFICATION_DISPATCH_WORKFLOW, type VerificationTimings } from './shared.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
let orm: MikroORM;
let identity: MikroORM;
let connection: Connection;
let standIns: SourceStandIns;
const workers = workerProcesses();

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  connection = await Connection.connect({ address: stack.temporalAddress });
  standIns = await startSourceStandIns();
});

afterAll(async () => {
  workers.killAll();
  await standIns.close();
  await connection.close();
  await identity.close();
  await orm.close();
});

/** A worker process on `taskQueue` asking the stand-ins (one attempt, a minute long); resolves once it polls. */
function startWorkerProcess(taskQueue: string, timings: VerificationTimings) {
  return workers.start(taskQueue, {
    nppesUrl: standIns.urls.nppes, stateBoardUrl: standIns.urls.stateBoard, stateBoardApiKey: null, stateBoardStates: [...US_JURISDICTIONS],
    deaUrl: null, boardCertificationUrl: null, npdbUrl: null, sourceTimeoutMs: 60_000, sourceAttempts: 1, sourceRetryBaseMs: 0,
  }, timings);
}

describe('credentialVerificationWorkflow', () => {
  it('finishes on a new worker after the one asking a source was killed', async () => {
    const taskQueue = `test-worker-killed-${randomUUID()}`;
    const timings: VerificationTimings = { reviewWindowMs: 60_000, unavailableRetryFirstMs: 500, unavailableRetryMaxMs: 1_000, unavailableGiveUpMs: 60_000, reminderDays: [90], checkHeartbeatTimeoutMs: 3_000 };
    const base = await testActivityDeps(orm);
    const organizationId = await anOrganization(identity, { name: 'Killed worker hospital' });
    const credentialId = await orm.em.fork().transactional(async (em) => {
      const keys = await base.encryption.forOrganization(em, organizationId);
      const physicianId = await insertStoredPhysician(em, keys, organizationId, { givenName: 'Amara', familyName: 'Okafor-Reyes', npi: '1000000012', dateOfBirth: '1979-03-14' });
      const [id] = await insertStoredCredentials(em, keys, organizationId, [{ physicianId, type: 'STATE_LICENSE', number: 'A123456', issuer: 'Medical Board of California', state: 'CA', expiresOn: '2029-08-31' }]);
      await em.execute(`update credentials.credentials set verification_requested_at = now() where id = ?`, [id]);
      return id!;
    });
    // The board does not answer the first request: the check hangs in the first worker.
    const boardRequests = standIns.standIns.stateBoard.requests.length;
    standIns.standIns.stateBoard.hangNext(1);

    const first = await startWorkerProcess(taskQueue, timings);
    const client = new Client({ connection });
    await client.workflow.start(VERIFICATION_DISPATCH_WORKFLOW, { taskQueue, workflowId: `dispatch-${randomUUID()}`, args: [{ organizationId }] });
    await until('the board asked', async () => standIns.standIns.stateBoard.requests.length > boardRequests);
    await stopWorkerProcess(first, 'SIGKILL');
    expect((await orm.em.fork().execute<{ status: string }[]>(`select status from credentials.credentials where id = ?`, [credentialId]))[0]!.status).not.toBe('VERIFIED');

    const second = await startWorkerProcess(taskQueue, timings);
    try {
      await until('VERIFIED', async () => (await orm.em.fork().execute<{ status: string }[]>(`select status from credentials.credentials where id = ?`, [credentialId]))[0]!.status === 'VERIFIED');
      const checks = await orm.em.fork().execute<{ source: string; result: string }[]>(`select source, result from credentials.verification_checks where credential_id = ? order by source`, [credentialId]);
      expect(checks).toEqual([{ source: 'NPPES', result: 'VERIFIED' }, { source: 'STATE_BOARD', result: 'VERIFIED' }]);
      expect(standIns.standIns.stateBoard.requests.length).toBe(boardRequests + 2);
    } finally {
      await stopWorkerProcess(second, 'SIGTERM');
    }
  }, 120_000);
});
