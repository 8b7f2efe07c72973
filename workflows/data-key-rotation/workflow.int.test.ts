// Data key rotation on the real Temporal dev server, run by the real worker as its own database
// role: a new data key version, every encrypted row re-encrypted under it (over more than one
// batch), webhook signing secrets and verification evidence too, every value still the same, and other organizations untouched.
// Then the `data-key-rotation` schedule: a data key older than its period rotated, a young one
// left, the key-encryption key replaced in the shared keyring and every data key re-wrapped, a
// process that had read the keyring before still reading the data.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Client, Connection, type ScheduleDescription } from '@temporalio/client';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { createFieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import { encryptedFields } from '../../platform/field-encryption/encrypted-properties.ts';
import { keyVersionOf } from '../../platform/field-encryption/field-cipher.ts';
import { VerificationCheck } from '../../subgraphs/credentials/entities/index.ts';
import { kekIdOf, keyProviderFromConfig, localKeyProvider } from '../../platform/field-encryption/key-provider.ts';
import { createLogger } from '../../platform/logger.ts';
import { newWebhookSecret } from '../../platform/webhook-signing.ts';
import { openSubscriptionSecret, sealSubscriptionSecret } from '../../platform/webhooks-out/secrets.ts';
import { anOrganization, insertStoredCredentials, insertStoredPhysician } from '../../test/support/factories.ts';
import { recordHistory } from '../../test/support/histories.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { SCHEDULES, upsertSchedules, workerSchedules } from '../schedules.ts';
import { createWorker } from '../worker.ts';
import { createDataKeyRotationActivities } from './activities.ts';
import { KEY_ROTATION_SCHEDULE_WORKFLOW, type KeyRotationScheduleResult } from './schedule-workflow.ts';
import { DATA_KEY_ROTATION_WORKFLOW } from './workflow.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const CREDENTIALS = 520; // more than one batch
const EVIDENCE = Buffer.from('{"result_count":1,"results":[{"number":"1234567893"}]}');
/** Where the runs' histories are kept for replay.test.ts (RECORD_HISTORIES=1). */
const HISTORIES = new URL('./histories/', import.meta.url);
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
    const [credentialId] = await insertStoredCredentials(em, keys, organizationId, Array.from({ length: CREDENTIALS }, (_, i) => ({
      physicianId, type: 'STATE_LICENSE', number: `LIC${i}`, issuer: 'Board', state: 'CA', expiresOn: '2030-01-01',
    })));
    // A primary source's answer kept as a check's evidence: encrypted like the fields.
    const checkId = randomUUID();
    await em.insert(VerificationCheck, {
      id: checkId, organization: organizationId, credential: credentialId!, workflowRunId: 'seed', source: 'NPPES', result: 'VERIFIED',
      evidence: encryptedFields(em, keys, VerificationCheck).seal(checkId, { evidence: EVIDENCE }).evidence as Buffer, evidenceSha256: createHash('sha256').update(EVIDENCE).digest(),
    });
    return { physicianId, checkId };
  });
}

describe('dataKeyRotationWorkflow', () => {
  it('re-encrypts every encrypted field of the organization under the new version, values unchanged', async () => {
    const deps = await testActivityDeps(orm);
    const org = await anOrganization(identity, { name: 'Rotating hospital' });
    const bystander = await anOrganization(identity, { name: 'Bystander hospital' });
    const { physicianId, checkId } = await seed(deps, org);
    await seed(deps, bystander);
    // A webhook subscription mid-rotation: both of its secrets are sealed under the data key.
    const subscriptionId = randomUUID();
    const [secret, previous] = [newWebhookSecret(), newWebhookSecret()];
    const sealed = await orm.em.fork().transactional(async (em) => {
      const keys = await deps.encryption.forOrganization(em, org);
      return [sealSubscriptionSecret(em, keys, subscriptionId, 'secret', secret), sealSubscriptionSecret(em, keys, subscriptionId, 'previousSecret', previous)];
    });
    const superuser = await openDatabase({ url: stack.superuserUrl, logger });
    await superuser.em.fork().execute(
      `insert into credentials.webhook_subscriptions (id, organization_id, url, events, secret, previous_secret, previous_secret_until)
       values (?, ?, 'https://hooks.example.com/in', '{verification.completed}', ?, ?, now() + interval '1 day')`, [subscriptionId, org, sealed[0], sealed[1]]);
    await superuser.close();

    const temporal = { address: stack.temporalAddress, namespace: 'default', taskQueue: `test-key-rotation-${randomUUID()}` };
    const { worker, connection: workerConnection } = await createWorker({ temporal, deps, logger });
    const client = new Client({ connection });
    const result = await worker.runUntil(async () => {
      const handle = await client.workflow.start<(input: { organizationId: string }) => Promise<{ version: number; reencrypted: number }>>(DATA_KEY_ROTATION_WORKFLOW, {
        taskQueue: temporal.taskQueue, workflowId: `data-key-rotation:${org}:${randomUUID()}`, args: [{ organizationId: org }],
      });
      const rotated = await handle.result();
      await recordHistory(handle, new URL('data-key/', HISTORIES), 'data-key-two-batches-and-evidence');
      return rotated;
    });
    await workerConnection.close();
    expect(result).toEqual({ version: 2, reencrypted: CREDENTIALS + 3 });

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
    expect(openSubscriptionSecret(em, keys, subscriptionId, 'secret', subscription!.secret).toString('base64')).toBe(secret.slice('whsec_'.length));
    expect(openSubscriptionSecret(em, keys, subscriptionId, 'previousSecret', subscription!.previous_secret).toString('base64')).toBe(previous.slice('whsec_'.length));
    const [check] = await em.execute<{ evidence: Buffer }[]>(`select evidence from credentials.verification_checks where id = ?`, [checkId]);
    expect(keyVersionOf(check!.evidence)).toBe(2);
    expect(keys.decrypt({ table: 'verification_checks', column: 'evidence', rowId: checkId }, check!.evidence)).toEqual(EVIDENCE);
    const others = await em.execute<{ number: Buffer }[]>(`select number from credentials.credentials where organization_id = ?`, [bystander]);
    expect(others.every((row) => keyVersionOf(row.number) === 1)).toBe(true);
    const owner = await openDatabase({ url: stack.superuserUrl, logger });
    const audit = await owner.em.fork().execute(`select reason from audit.events where organization_id = ? and resource_type = 'DataKey'`, [org]);
    await owner.close();
    expect(audit).toEqual([{ reason: 'data_key_version:2' }]);
  });
});

describe('the data-key-rotation schedule', () => {
  // A day, not seconds: the organizations of other suites share this database, and a shorter
  // period would rotate theirs under them. The keys made "old" here are dated two days back.
  const periods = { dataKeyPeriod: 'P1D', kekPeriod: 'P1D' };

  async function storedNumbers(organizationId: string) {
    return orm.em.fork().execute<{ id: string; number: Buffer }[]>(`select id, number from credentials.credentials where organization_id = ? order by id`, [organizationId]);
  }

  it('rotates a data key older than its period (its data still reads), leaves a young one, and replaces the key-encryption key', async () => {
    const deps = await testActivityDeps(orm);
    const keyringFile = stack.serviceEnv.worker.KEYRING_FILE!;
    const old = await anOrganization(identity, { name: 'Old keys hospital' });
    const young = await anOrganization(identity, { name: 'Young keys hospital' });
    const terminated = await anOrganization(identity, { name: 'Terminated keys hospital' });
    const plain = ['OLD-1', 'OLD-2', 'OLD-3'];
    await orm.em.fork().transactional(async (em) => {
      for (const [organizationId, numbers] of [[old, plain], [young, ['YOUNG-1']], [terminated, ['TERMINATED-1']]] as const) {
        const keys = await deps.encryption.forOrganization(em, organizationId);
        const physicianId = await insertStoredPhysician(em, keys, organizationId, { givenName: 'Barbara', familyName: 'McClintock', ssn: '234-56-7890' });
        await insertStoredCredentials(em, keys, organizationId, numbers.map((number) => ({ physicianId, type: 'STATE_LICENSE', number, issuer: 'Board', state: 'NY', expiresOn: '2031-01-01' })));
      }
    });
    // A process that read the keys before the rotation (a subgraph, say), its cache warm.
    const before = createFieldEncryption(keyProviderFromConfig({ keys: [], keyringFile }));
    await orm.em.fork().transactional((em) => before.forOrganization(em, old));
    const kekBefore = before.keyProvider.currentKekId;
    const superuser = await openDatabase({ url: stack.superuserUrl, logger });
    try {
      // The old organization's keys made two days ago, under the current KEK: both past their period.
      await superuser.em.fork().execute(`update keys.data_keys set created_at = now() - interval '2 days', rewrapped_at = null where organization_id in (?, ?)`, [old, terminated]);
      // As old, but terminated: its rows are on their way out.
      await superuser.em.fork().execute(`update identity.organizations set status = 'TERMINATED', terminated_at = now(), terminated_reason = 'contract_ended' where id = ?`, [terminated]);

      const temporal = { address: stack.temporalAddress, namespace: 'default', taskQueue: `test-key-rotation-schedule-${randomUUID()}` };
      const client = new Client({ connection });
      const rotationSchedule = workerSchedules({ auditCheckpointMinutes: 15, mailDeliverySeconds: 10, verificationDispatchSeconds: 10, keyRotation: periods })
        .filter((schedule) => schedule.scheduleId === SCHEDULES.dataKeyRotation);
      expect(rotationSchedule).toEqual([{ scheduleId: 'data-key-rotation', workflowType: KEY_ROTATION_SCHEDULE_WORKFLOW, every: '24h', args: [periods] }]);
      await upsertSchedules(client, temporal, rotationSchedule);
      const schedule = client.schedule.getHandle(SCHEDULES.dataKeyRotation);
      let result: KeyRotationScheduleResult;
      try {
        const described = await schedule.describe();
        expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: KEY_ROTATION_SCHEDULE_WORKFLOW, taskQueue: temporal.taskQueue, args: [periods] });
        expect(described.spec.intervals).toEqual([expect.objectContaining({ every: 24 * 3600_000 })]);
        await schedule.trigger();
        const { worker, connection: workerConnection } = await createWorker({ temporal, deps, logger });
        try {
          result = await worker.runUntil(async () => {
            const started = await waitForScheduledRun(schedule);
            const handle = client.workflow.getHandle(started.workflowId, started.firstExecutionRunId);
            const done = (await handle.result()) as KeyRotationScheduleResult;
            await recordHistory(handle, new URL('schedule/', HISTORIES), 'schedule-kek-and-data-key');
            return done;
          });
        } finally {
          await workerConnection.close();
        }
      } finally {
        await schedule.delete();
      }

      const kekAfter = kekIdOf(Buffer.from((JSON.parse(readFileSync(keyringFile, 'utf8')) as { keys: { key: string }[] }).keys[0]!.key, 'base64'));
      expect(kekAfter).not.toBe(kekBefore);
      expect(result.kek).toMatchObject({ due: true, rotated: true });
      expect(result.kek.rewrapped).toBeGreaterThanOrEqual(4); // both organizations' data and index keys at least
      expect(result.rotated).toContainEqual({ organizationId: old, version: 2, reencrypted: plain.length + 1 });
      expect(result.rotated.map((entry) => entry.organizationId)).not.toContain(young);
      expect(result.rotated.map((entry) => entry.organizationId)).not.toContain(terminated);
      expect((await storedNumbers(terminated)).map((row) => keyVersionOf(row.number))).toEqual([1]);

      const versions = await superuser.em.fork().execute<{ organization_id: string; purpose: string; version: number; kek_id: string }[]>(
        `select organization_id, purpose, version, kek_id from keys.data_keys where organization_id in (?, ?) order by organization_id, purpose, version`, [old, young]);
      expect(versions.filter((key) => key.organization_id === old).map((key) => [key.purpose, key.version])).toEqual([['data', 1], ['data', 2], ['index', 1]]);
      expect(versions.filter((key) => key.organization_id === young).map((key) => [key.purpose, key.version])).toEqual([['data', 1], ['index', 1]]);
      expect(versions.every((key) => key.kek_id === kekAfter)).toBe(true);

      // The rotated data reads, under version 2, in a process started now and in the one that read the keys before.
      const rows = await storedNumbers(old);
      expect(rows.every((row) => keyVersionOf(row.number) === 2)).toBe(true);
      const fresh = createFieldEncryption(keyProviderFromConfig({ keys: [], keyringFile }));
      for (const encryption of [fresh, before]) {
        const keys = await orm.em.fork().transactional((em) => encryption.forOrganization(em, old));
        expect(rows.map((row) => keys.decryptText({ table: 'credentials', column: 'number', rowId: row.id }, row.number)).sort()).toEqual(plain);
      }
      expect(before.keyProvider.currentKekId).toBe(kekAfter);
      const youngRows = await storedNumbers(young);
      expect(youngRows.map((row) => keyVersionOf(row.number))).toEqual([1]);

      // Audited as the system: the new data key version in the organization's chain, the new KEK in the platform's.
      const events = await superuser.em.fork().execute<{ organization_id: string; actor_id: string | null; resource_type: string; resource_id: string | null; reason: string }[]>(
        `select organization_id, actor_id, resource_type, resource_id, reason from audit.events
          where (organization_id = ? and resource_type = 'DataKey') or (resource_type = 'KeyEncryptionKey' and resource_id = ?) order by resource_type`, [old, kekAfter]);
      expect(events).toEqual([
        { organization_id: old, actor_id: null, resource_type: 'DataKey', resource_id: null, reason: 'data_key_version:2' },
        { organization_id: '00000000-0000-0000-0000-000000000000', actor_id: null, resource_type: 'KeyEncryptionKey', resource_id: kekAfter, reason: `kek_rotated:data_keys:${result.kek.rewrapped}` },
      ]);
    } finally {
      await superuser.close();
    }
  }, 120_000);
});

describe('a key-encryption key from the environment', () => {
  it('past its period is reported for the operator to replace, and the data keys are re-wrapped once the new key is first', async () => {
    const [kekA, kekB] = [randomBytes(32), randomBytes(32)];
    const org = await anOrganization(identity, { name: 'Environment KEK hospital' });
    const sealed = await orm.em.fork().transactional(async (em) => (await createFieldEncryption(localKeyProvider([kekA])).forOrganization(em, org)).encrypt({ table: 'physicians', column: 'ssn', rowId: org }, '345-67-8901'));
    const superuser = await openDatabase({ url: stack.superuserUrl, logger });
    try {
      await superuser.em.fork().execute(`update keys.data_keys set created_at = now() - interval '2 days' where organization_id = ?`, [org]);
      const lines: string[] = [];
      const captured = createLogger({ service: 'worker', level: 'warn', destination: { write: (line: string) => void lines.push(line) } });
      const activitiesWith = (keys: Buffer[]) => createDataKeyRotationActivities({ orm, encryption: createFieldEncryption(localKeyProvider(keys)), logger: captured });

      // KEY_ENCRYPTION_KEYS=A: the worker cannot make a key the other services would hold.
      expect(await activitiesWith([kekA]).rotateKeyEncryptionKeyIfDue('P1D')).toEqual({ due: true, rotated: false, kekId: kekIdOf(kekA), rewrapped: 0 });
      expect(lines.map((line) => JSON.parse(line) as { reason?: string; kekId?: string }).find((line) => line.reason === 'key_encryption_key_rotation_due')).toMatchObject({ kekId: kekIdOf(kekA) });

      // KEY_ENCRYPTION_KEYS=B,A on every service: the next run re-wraps, and B alone reads the data.
      expect(await activitiesWith([kekB, kekA]).rotateKeyEncryptionKeyIfDue('P1D')).toMatchObject({ due: false, rotated: false, kekId: kekIdOf(kekB), rewrapped: 2 });
      const keys = await orm.em.fork().transactional((em) => createFieldEncryption(localKeyProvider([kekB])).forOrganization(em, org));
      expect(keys.decryptText({ table: 'physicians', column: 'ssn', rowId: org }, sealed)).toBe('345-67-8901');
      const [event] = await superuser.em.fork().execute<{ reason: string }[]>(`select reason from audit.events where resource_type = 'KeyEncryptionKey' and resource_id = ?`, [kekIdOf(kekB)]);
      expect(event).toEqual({ reason: 'kek_rewrapped:data_keys:2' });
    } finally {
      await superuser.close();
    }
  });
});

/** The run a triggered schedule started, once the schedule reports it. */
async function waitForScheduledRun(schedule: { describe(): Promise<ScheduleDescription> }): Promise<{ workflowId: string; firstExecutionRunId: string }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [action] = (await schedule.describe()).info.recentActions;
    if (action) return action.action.workflow;
    if (Date.now() > deadline) throw new Error('the schedule started no run within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
