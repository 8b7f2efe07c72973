// Data key rotation on the real Temporal dev server, run by the real worker as its own database
// role: a new data key version, every encrypted row re-encrypted under it (over more than one
// batch), webhook signing secrets too, every value still the same, and other organizations untouched.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { keyVersionOf } from '../../platform/field-encryption/field-cipher.ts';
import { createLogger } from '../../platform/logger.ts';
import { newWebhookSecret } from '../../platform/webhook-signing.ts';
import { openSubscriptionSecret, sealSubscriptionSecret } from '../../platform/webhooks-out/secrets.ts';
import { anOrganization, insertStoredCredentials, insertStoredPhysician } from '../../test/support/factories.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { createWorker } from '../worker.ts';
import { DATA_KEY_ROTATION_WORKFLOW } from './workflow.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const CREDENTIALS = 520; // more than one batch
let orm: MikroORM;
let identity: MikroORM;
let connection: Connection;

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  connection = await Connection.connect({ address: stack.temporalAddress });
});

afterAll(async () => {
  await connection.close();
  await identity.close();
  await orm.close();
});

async function seed(deps: Awaited<ReturnType<typeof testActivityDeps>>, organizationId: string) {
  return orm.em.fork().transactional(async (em) => {
    const keys = await deps.encryption.forOrganization(em, organizationId);
    const physicianId = await insertStoredPhysician(em, keys, organizationId, { givenName: 'Rosalind', familyName: 'Franklin', ssn: '123-45-6789', dateOfBirth: '1920-07-25' });
    await insertStoredCredentials(em, keys, organizationId, Array.from({ length: CREDENTIALS }, (_, i) => ({
      physicianId, type: 'STATE_LICENSE', number: `LIC${i}`, issuer: 'Board', state: 'CA', expiresOn: '2030-01-01',
    })));
    return physicianId;
  });
}

describe('dataKeyRotationWorkflow', () => {
  it('re-encrypts every encrypted field of the organization under the new version, values unchanged', async () => {
    const deps = await testActivityDeps(orm);
    const org = await anOrganization(identity, { name: 'Rotating hospital' });
    const bystander = await anOrganization(identity, { name: 'Bystander hospital' });
    const physicianId = await seed(deps, org);
    await seed(deps, bystander);
    // A webhook subscription mid-rotation: both of its secrets are sealed under the data key.
    const subscriptionId = randomUUID();
    const [secret, previous] = [newWebhookSecret(), newWebhookSecret()];
    const sealed = await orm.em.fork().transactional(async (em) => {
      const keys = await deps.encryption.forOrganization(em, org);
      return [sealSubscriptionSecret(keys, subscriptionId, 'secret', secret), sealSubscriptionSecret(keys, subscriptionId, 'previous_secret', previous)];
    });
    const superuser = await openDatabase({ url: stack.superuserUrl, logger });
    await superuser.em.fork().execute(
      `insert into credentials.webhook_subscriptions (id, organization_id, url, events, secret, previous_secret, previous_secret_until)
       values (?, ?, 'https://hooks.example.com/in', '{verification.completed}', ?, ?, now() + interval '1 day')`, [subscriptionId, org, sealed[0], sealed[1]]);
    await superuser.close();

    const temporal = { address: stack.temporalAddress, namespace: 'default', taskQueue: `test-key-rotation-${randomUUID()}` };
    const { worker, connection: workerConnection } = await createWorker({ temporal, deps, logger });
    const client = new Client({ connection });
    const result = await worker.runUntil(
      client.workflow.execute<(input: { organizationId: string }) => Promise<{ version: number; reencrypted: number }>>(DATA_KEY_ROTATION_WORKFLOW, {
        taskQueue: temporal.taskQueue, workflowId: `data-key-rotation:${org}:${randomUUID()}`, args: [{ organizationId: org }],
      }),
    );
    await workerConnection.close();
    expect(result).toEqual({ version: 2, reencrypted: CREDENTIALS + 2 });

    const em = orm.em.fork();
    const keys = await em.transactional((tx) => deps.encryption.forOrganization(tx, org));
    const numbers = await em.execute<{ id: string; number: Buffer }[]>(`select id, number from credentials.credentials where organization_id = ?`, [org]);
    expect(numbers.every((row) => keyVersionOf(row.number) === 2)).toBe(true);
    expect(new Set(numbers.map((row) => keys.decryptText({ table: 'credentials', column: 'number', rowId: row.id }, row.number))).size).toBe(CREDENTIALS);
    const [physician] = await em.execute<{ ssn: Buffer; date_of_birth: Buffer }[]>(`select ssn, date_of_birth from credentials.physicians where id = ?`, [physicianId]);
    expect(keys.decryptText({ table: 'physicians', column: 'ssn', rowId: physicianId }, physician!.ssn)).toBe('123-45-6789');
    expect(keyVersionOf(physician!.date_of_birth)).toBe(2);
    const [subscription] = await em.execute<{ secret: Buffer; previous_secret: Buffer }[]>(`select secret, previous_secret from credentials.webhook_subscriptions where id = ?`, [subscriptionId]);
    expect([keyVersionOf(subscription!.secret), keyVersionOf(subscription!.previous_secret)]).toEqual([2, 2]);
    expect(openSubscriptionSecret(keys, subscriptionId, 'secret', subscription!.secret).toString('base64')).toBe(secret.slice('whsec_'.length));
    expect(openSubscriptionSecret(keys, subscriptionId, 'previous_secret', subscription!.previous_secret).toString('base64')).toBe(previous.slice('whsec_'.length));
    const others = await em.execute<{ number: Buffer }[]>(`select number from credentials.credentials where organization_id = ?`, [bystander]);
    expect(others.every((row) => keyVersionOf(row.number) === 1)).toBe(true);
    const owner = await openDatabase({ url: stack.superuserUrl, logger });
    const audit = await owner.em.fork().execute(`select reason from audit.events where organization_id = ? and resource_type = 'DataKey'`, [org]);
    await owner.close();
    expect(audit).toEqual([{ reason: 'data_key_version:2' }]);
  });
});
