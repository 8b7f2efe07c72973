// The worker killed (SIGKILL, no goodbye) while an incident's workflow waits for a due time, on the
// real Temporal dev server: a new worker takes the workflow over, the obligation is escalated once
// when its time comes, and nothing the first worker did is done twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { aMember, anOrganization } from '../../test/support/factories.ts';
import { incidentAudit, mailOf, obligationsOf, startAuditSubgraph } from '../../test/support/incidents.ts';
import { testStack } from '../../test/support/stack.ts';
import { callerFor } from '../../test/support/subgraph-client.ts';
import { until } from '../../test/support/verification.ts';
import { DEFAULT_VERIFICATION_TIMINGS } from '../credential-verification/shared.ts';
import { breachNotificationWorkflowId } from './shared.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const WORKER_SCRIPT = new URL('../../test/support/verification-worker.ts', import.meta.url).pathname;
const HOUR = 3600_000;
let orm: MikroORM;
let identity: MikroORM;
let connection: Connection;
const children: ChildProcess[] = [];

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  connection = await Connection.connect({ address: stack.temporalAddress });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await connection.close();
  await identity.close();
  await orm.close();
});

/** The real worker in a process of its own on `taskQueue`; resolves once it polls. */
function startWorkerProcess(taskQueue: string): Promise<ChildProcess> {
  const sources = { nppesUrl: 'http://127.0.0.1:1', stateBoardUrl: null, stateBoardApiKey: null, stateBoardStates: [], deaUrl: null, boardCertificationUrl: null, npdbUrl: null, sourceTimeoutMs: 1_000, sourceAttempts: 1, sourceRetryBaseMs: 0 };
  const child = spawn(process.execPath, [WORKER_SCRIPT], {
    env: { ...process.env, CREDENCE_TEST_WORKER: JSON.stringify({ taskQueue, sources, timings: DEFAULT_VERIFICATION_TIMINGS }) },
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

describe('breachNotificationWorkflow', () => {
  it('escalates once, on a new worker, after the one running it was killed while it waited', async () => {
    const taskQueue = `test-incident-worker-killed-${randomUUID()}`;
    const audit = await startAuditSubgraph({ TEMPORAL_TASK_QUEUE: taskQueue });
    const first = await startWorkerProcess(taskQueue);
    try {
      const organizationId = await anOrganization(identity, { name: 'Killed worker clinic' });
      const owner = await aMember(identity, { organizationId, role: 'ORG_OWNER' });
      const responder = await aMember(identity, { organizationId, role: 'INCIDENT_RESPONDER' });
      // The contract's 48 hours end 12 seconds from now.
      const declared = await audit.call<{ declareIncident: { id: string } }>(callerFor('INCIDENT_RESPONDER', organizationId, responder.userId), 'mutation ($input: DeclareIncidentInput!) { declareIncident(input: $input) { id } }', {
        input: { kind: 'HACKING', discoveredAt: new Date(Date.now() - 48 * HOUR + 12_000).toISOString(), affectedCount: 10, actingAsBusinessAssociate: false, affectedJurisdictions: [], contractNoticeHours: 48 },
      });
      expect(declared.errors).toBeUndefined();
      const incidentId = declared.data!.declareIncident.id;
      // Killed once the history holds what it did (its facts loaded, its obligations saved), while it waits.
      const handle = new Client({ connection }).workflow.getHandle(breachNotificationWorkflowId(incidentId));
      await until('the obligations saved in the history', async () => {
        const { events } = await handle.fetchHistory();
        return (events ?? []).filter((event) => event.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED).length >= 2;
      });
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      expect(await mailOf(orm, organizationId, 'incident_deadline_overdue')).toEqual([]);

      const second = await startWorkerProcess(taskQueue);
      try {
        const escalations = await until('the escalation', async () => {
          const mail = await mailOf(orm, organizationId, 'incident_deadline_overdue');
          return mail.length > 0 ? mail : null;
        }, 90_000);
        expect(escalations).toEqual([expect.objectContaining({ recipient: owner.email })]);
        expect((await obligationsOf(orm, incidentId)).CONTRACT!.status).toBe('OVERDUE');
        const reasons = (await incidentAudit(orm, organizationId)).map((event) => event.reason);
        expect(reasons.filter((reason) => reason === 'obligations:derived')).toHaveLength(1);
        expect(reasons.filter((reason) => reason === 'overdue:contract')).toHaveLength(1);
      } finally {
        second.kill('SIGTERM');
        await new Promise((resolve) => second.once('exit', resolve));
      }
    } finally {
      await audit.close();
    }
  }, 150_000);
});
