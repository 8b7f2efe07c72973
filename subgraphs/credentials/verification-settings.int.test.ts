// An organization's review window: set by its owners and admins only, in range, audited, read by
// its reviewers, and carried into the verification workflows the dispatcher starts from then on
// (read back from the workflow's own start on the real Temporal dev server).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import type { MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { anOrganization, insertStoredCredentials, insertStoredPhysician, refusalCodeOf, refusalDetailsOf } from '../../test/support/factories.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { callerFor, type GraphQLResponse } from '../../test/support/subgraph-client.ts';
import { startCredentialsSuite, type CredentialsSuite } from '../../test/support/verification.ts';
import { VERIFICATION_DISPATCH_WORKFLOW, verificationWorkflowId, type CredentialVerificationInput } from '../../workflows/credential-verification/shared.ts';
import { createWorker } from '../../workflows/worker.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
let suite: CredentialsSuite;
let worker: MikroORM;
let identity: MikroORM;
let connection: Connection;
let call: CredentialsSuite['call'];

const SET = `mutation($hours: Int!) { setVerificationReviewWindow(hours: $hours) { verificationSettings { reviewWindowHours isDefault } userErrors { code message field reason details } } }`;
const GET = `{ verificationSettings { reviewWindowHours isDefault } }`;
const codeOf = (result: GraphQLResponse) => refusalCodeOf(result);

beforeAll(async () => {
  suite = await startCredentialsSuite();
  ({ call, worker, identity } = suite);
  connection = await suite.temporal();
});

afterAll(() => suite.close());

describe('verification settings', () => {
  it('are set by owners and admins only, in range, and reach the workflows started afterwards', async () => {
    const organizationId = await anOrganization(identity, { name: 'Review window hospital' });
    const staff = callerFor('CREDENTIALING_STAFF', organizationId);
    expect((await call(staff, GET)).data).toEqual({ verificationSettings: { reviewWindowHours: 72, isDefault: true } });
    for (const role of ['CREDENTIALING_STAFF', 'PHYSICIAN', 'AUDITOR'] as const) expect(codeOf(await call(callerFor(role, organizationId), SET, { hours: 12 }))).toBe('FORBIDDEN');
    for (const hours of [0, 2161, -5]) {
      const refused = await call(callerFor('ORG_ADMIN', organizationId), SET, { hours });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refusalDetailsOf(refused)).toMatchObject({ field: ['hours'] });
    }
    expect((await call(callerFor('ORG_OWNER', organizationId), SET, { hours: 12 })).data).toEqual({ setVerificationReviewWindow: { verificationSettings: { reviewWindowHours: 12, isDefault: false }, userErrors: [] } });
    expect((await call(staff, GET)).data).toEqual({ verificationSettings: { reviewWindowHours: 12, isDefault: false } });
    // Another organization keeps the default.
    expect((await call(callerFor('CREDENTIALING_STAFF', await anOrganization(identity, { name: 'Default window' })), GET)).data).toEqual({ verificationSettings: { reviewWindowHours: 72, isDefault: true } });
    const [event] = await worker.em.fork().execute<{ reason: string; actor_role: string }[]>(
      `select reason, actor_role from audit.events where organization_id = ? and resource_type = 'VerificationSettings' and action = 'UPDATE'`, [organizationId]);
    expect(event).toEqual({ reason: 'review_window_hours:12', actor_role: 'ORG_OWNER' });

    // A credential asked for now: its workflow starts with the organization's window.
    const base = await testActivityDeps(worker);
    const credentialId = await worker.em.fork().transactional(async (em) => {
      const keys = await base.encryption.forOrganization(em, organizationId);
      const physicianId = await insertStoredPhysician(em, keys, organizationId, { givenName: 'Ada', familyName: 'Lovelace' });
      const [id] = await insertStoredCredentials(em, keys, organizationId, [{ physicianId, type: 'MALPRACTICE_INSURANCE', number: 'POL-9', issuer: 'Carrier', state: 'CA', expiresOn: '2030-01-01' }]);
      await em.execute(`update credentials.credentials set verification_requested_at = now() where id = ?`, [id]);
      return id!;
    });
    const taskQueue = `test-settings-${randomUUID()}`;
    const client = new Client({ connection });
    const { worker: running, connection: workerConnection } = await createWorker({
      temporal: { address: stack.temporalAddress, namespace: 'default', taskQueue },
      deps: { ...base, verification: { ...base.verification, client, taskQueue } },
      logger,
    });
    try {
      await running.runUntil(client.workflow.execute(VERIFICATION_DISPATCH_WORKFLOW, { taskQueue, workflowId: `dispatch-${randomUUID()}`, args: [{ organizationId }] }));
    } finally {
      await workerConnection.close();
    }
    const history = await client.workflow.getHandle(verificationWorkflowId(credentialId)).fetchHistory();
    const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
    const input = JSON.parse(Buffer.from(started.input!.payloads![0]!.data!).toString('utf8')) as CredentialVerificationInput;
    expect(input.timings.reviewWindowMs).toBe(12 * 3600_000);
  });
});
