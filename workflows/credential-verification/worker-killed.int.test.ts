// The worker killed (SIGKILL, no goodbye) while it asks a source, on the real Temporal dev server:
// the check it was running is given to a new worker once the heartbeats stop, and the credential
// is verified with one check per source, none lost or doubled by the killed attempt.
import { spawn, type ChildProcess } from 'node:child_process';
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
import { VERIFICATION_DISPATCH_WORKFLOW, type VerificationTimings } from './shared.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const WORKER_SCRIPT = new URL('../../test/support/verification-worker.ts', import.meta.url).pathname;
let orm: MikroORM;
let identity: MikroORM;
let connection: Connection;
let standIns: SourceStandIns;
const children: ChildProcess[] = [];

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  connection = await Connection.connect({ address: stack.temporalAddress });
  standIns = await startSourceStandIns();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await standIns.close();
  await connection.close();
  await identity.close();
  await orm.close();
});

/** A worker process on `taskQueue`; resolves once it polls. */
function startWorkerProcess(taskQueue: string, timings: VerificationTimings): Promise<ChildProcess> {
  const sources = {
    nppesUrl: standIns.urls.nppes, stateBoardUrl: standIns.urls.stateBoard, stateBoardApiKey: null, stateBoardStates: [...US_JURISDICTIONS],
    deaUrl: null, boardCertificationUrl: null, npdbUrl: null, sourceTimeoutMs: 60_000, sourceAttempts: 1, sourceRetryBaseMs: 0,
  };
  const child = spawn(process.execPath, [WORKER_SCRIPT], {
    env: { ...process.env, CREDENCE_TEST_WORKER: JSON.stringify({ taskQueue, sources, timings }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('ready') && resolve(child));
    child.on('exit', (code) => reject(new Error(`the worker process exited (${code}) before it was ready: ${stderr}`)));
  });
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
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    expect((await orm.em.fork().execute<{ status: string }[]>(`select status from credentials.credentials where id = ?`, [credentialId]))[0]!.status).not.toBe('VERIFIED');

    const second = await startWorkerProcess(taskQueue, timings);
    try {
      await until('VERIFIED', async () => (await orm.em.fork().execute<{ status: string }[]>(`select status from credentials.credentials where id = ?`, [credentialId]))[0]!.status === 'VERIFIED');
      const checks = await orm.em.fork().execute<{ source: string; result: string }[]>(`select source, result from credentials.verification_checks where credential_id = ? order by source`, [credentialId]);
      expect(checks).toEqual([{ source: 'NPPES', result: 'VERIFIED' }, { source: 'STATE_BOARD', result: 'VERIFIED' }]);
      expect(standIns.standIns.stateBoard.requests.length).toBe(boardRequests + 2);
    } finally {
      second.kill('SIGTERM');
      await new Promise((resolve) => second.once('exit', resolve));
    }
  }, 120_000);
});
