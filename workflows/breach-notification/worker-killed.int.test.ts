// The worker killed (SIGKILL, no goodbye) while an incident's workflow waits for a due time, on the
// real Temporal dev server: a new worker takes the workflow over, the obligation is escalated once
// when its time comes, and nothing the first worker did is done twice.
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
import { stopWorkerProcess, UNASKED_SOURCES, workerProcesses } from '../../test/support/worker-processes.ts';
import { DEFAULT_VERIFICATION_TIMINGS } from '../credential-verification/shared.ts';
import { breachNotificationWorkflowId } from './shared.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const HOUR = 3600_000;
let orm: MikroORM;
let identity: MikroORM;
let connection: Connection;
const workers = workerProcesses();

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  connection = await Connection.connect({ address: stack.temporalAddress });
});

afterAll(async () => {
  workers.killAll();
  await connection.close();
  await identity.close();
  await orm.close();
});

/** The real worker in a process of its own on `taskQueue`; resolves once it polls. */
const startWorkerProcess = (taskQueue: string) => workers.start(taskQueue, UNASKED_SOURCES, DEFAULT_VERIFICATION_TIMINGS);

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
      const declared = await audit.call<{ declareIncident: { incident: { id: string } } }>(callerFor('INCIDENT_RESPONDER', organizationId, responder.userId), 'mutation ($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { id } userErrors { code message field reason details } } }', {
        input: { kind: 'HACKING', discoveredAt: new Date(Date.now() - 48 * HOUR + 12_000).toISOString(), affectedCount: 10, actingAsBusinessAssociate: false, affectedJurisdictions: [], contractNoticeHours: 48 },
      });
      expect(declared.errors).toBeUndefined();
      const incidentId = declared.data!.declareIncident.incident.id;
      // Killed once the history holds what it did (its facts loaded, its obligations saved), while it waits.
      const handle = new Client({ connection }).workflow.getHandle(breachNotificationWorkflowId(incidentId));
      await until('the obligations saved in the history', async () => {
        const { events } = await handle.fetchHistory();
        return (events ?? []).filter((event) => event.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED).length >= 2;
      });
      await stopWorkerProcess(first, 'SIGKILL');
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
        await stopWorkerProcess(second, 'SIGTERM');
      }
    } finally {
      await audit.close();
    }
  }, 150_000);
});
