// After the export window, on the real Temporal dev server with a window of seconds: the
// organization's data keys are destroyed (a copy of its ciphertexts taken before is unreadable
// after), then its rows are deleted in batches until nothing of it remains but its audit events,
// its row as a tombstone and the record of its offboarding, another organization untouched; the
// worker killed mid-deletion leaves work that the next worker finishes, each row counted once; a
// termination made while Temporal was unreachable is started by the sweep. Then the backups: a
// backup older than the deletion is waited for and purged at the deadline, the certificate states
// what the backups showed (or, with no backup adapter, that they could not be confirmed).
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { PLATFORM_ORGANIZATION_ID } from '../../platform/audit.ts';
import { baseDirectory, listWalFiles, localBackupAdapter, walDirectory, type BaseBackupFacts } from '../../platform/backups/local-backups.ts';
import { sealToFile } from '../../platform/backups/sealed-file.ts';
import type { Caller } from '../../platform/caller.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { createFieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import { keyProviderFromConfig, localKeyProvider } from '../../platform/field-encryption/key-provider.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger } from '../../platform/logger.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createSubgraphApp } from '../../platform/subgraph-server.ts';
import { freePort } from '../../stack/ports.ts';
import { terminateOrganization } from '../../subgraphs/identity/offboarding.ts';
import { createIdentitySubgraph } from '../../subgraphs/identity/subgraph.ts';
import { anAddressOfItsOwn } from '../../test/support/addresses.ts';
import { anOrganization, identitySessions, insertStoredCredentials, insertStoredPhysician, refusalCodeOf } from '../../test/support/factories.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { subgraphClient } from '../../test/support/subgraph-client.ts';
import { recordHistory } from '../../test/support/histories.ts';
import { until } from '../../test/support/verification.ts';
import { stopWorkerProcess, UNASKED_SOURCES, workerProcesses } from '../../test/support/worker-processes.ts';
import { createWorker } from '../worker.ts';
import { CREDENTIAL_VERIFICATION_WORKFLOW, verificationWorkflowId } from '../credential-verification/shared.ts';
import { CREDENTIALING_CYCLE_WORKFLOW, credentialingWorkflowId } from '../credentialing-cycle/shared.ts';
import { createOrganizationOffboardingActivities } from './activities.ts';
import { offboardingWorkflowId } from './shared.ts';

const stack = testStack();
const HISTORIES = new URL('./histories/', import.meta.url);
const logger = createLogger({ service: 'test', level: 'silent' });
const taskQueue = `test-offboarding-deletion-${randomUUID()}`;
const VERIFY_SCRIPT = new URL('../../scripts/audit-verify.ts', import.meta.url).pathname;
const identityEnv = {
  ...stack.serviceEnv.identity, NODE_ENV: 'test', TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_TASK_QUEUE: taskQueue,
  ORGANIZATION_EXPORT_WINDOW: 'PT4S', OFFBOARDING_REMINDERS: 'PT2S', OFFBOARDING_DELETION_BATCH_ROWS: '25', OFFBOARDING_START_SWEEP_SECONDS: '1',
};
let server: Server;
let call: ReturnType<typeof subgraphClient>;
let identityOrm: MikroORM;
let workerOrm: MikroORM;
let superuser: pg.Client;
let connection: Connection;
let client: Client;
let closeIdentity: (() => Promise<void>) | undefined;
let admin: Caller;
const workers = workerProcesses();
const ANONYMOUS_ADDRESS = anAddressOfItsOwn();
const MEMBER_ADDRESS = anAddressOfItsOwn();

const { enrolledMember, member, signedIn } = identitySessions(() => ({ call, orm: identityOrm }), { anonymousAddress: () => ANONYMOUS_ADDRESS, memberAddress: () => MEMBER_ADDRESS });

/** Tables holding an organization's rows, by organization_id (refresh tokens through their sessions). */
const ORGANIZATION_TABLES = [
  'credentials.verification_checks', 'credentials.verification_reviews', 'credentials.documents', 'credentials.exclusion_matches',
  'credentials.physician_screenings', 'credentials.credentials', 'credentials.affiliations', 'credentials.physicians',
  'credentials.verification_settings', 'mail.outbox', 'identity.sessions', 'identity.mfa_challenges', 'identity.invitations', 'identity.memberships',
  'credentials.webhook_subscriptions', 'credentials.webhook_deliveries', 'credentials.webhook_delivery_attempts',
  'credentials.credentialing_files', 'credentials.credentialing_decisions', 'credentials.credentialing_exports', 'credentials.monitoring_alerts',
  'identity.organization_exports',
];

/** How many rows of the organization each table holds, and its audit events. */
async function rowsOf(organizationId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ORGANIZATION_TABLES) {
    counts[table] = (await superuser.query(`select count(*)::int as n from ${table} where organization_id = $1`, [organizationId])).rows[0].n;
  }
  counts['identity.refresh_tokens'] = (await superuser.query(
    `select count(*)::int as n from identity.refresh_tokens r join identity.sessions s on s.id = r.session_id where s.organization_id = $1`, [organizationId],
  )).rows[0].n;
  return counts;
}

const storage = createLocalStorage(stack.serviceEnv.credentials.STORAGE_DIR!);
/** The document files of the organization still in storage. */
const filesOf = async (organizationId: string) => {
  const { rows } = await superuser.query(`select storage_key from credentials.documents where organization_id = $1 and storage_key is not null`, [organizationId]);
  return rows.filter((row: { storage_key: string }) => storage.read(row.storage_key) !== null).length;
};
const folderOf = (organizationId: string) => join(stack.serviceEnv.credentials.STORAGE_DIR!, 'documents', organizationId);

const auditEventsOf = async (organizationId: string) => (await superuser.query(`select count(*)::int as n from audit.events where organization_id = $1`, [organizationId])).rows[0].n as number;

/** An organization with an owner signed in, physicians (encrypted fields), their credentials and documents, and settings. */
async function seededOrganization(physicians: number): Promise<{ organizationId: string; ownerEmail: string; exportPackage: string }> {
  const organizationId = await anOrganization(identityOrm);
  const owner = await member(organizationId, 'ORG_OWNER');
  await signedIn(owner.email, owner.userId);
  await member(organizationId, 'CREDENTIALING_STAFF');
  const { encryption } = await testActivityDeps(workerOrm);
  const credentialIds = await workerOrm.em.fork().transactional(async (em) => {
    const keys = await encryption.forOrganization(em, organizationId);
    const physicianIds: string[] = [];
    for (let i = 0; i < physicians; i += 1) {
      physicianIds.push(await insertStoredPhysician(em, keys, organizationId, { givenName: 'Ines', familyName: `Okafor ${i}`, ssn: '219-44-8765', dateOfBirth: '1971-02-03', affiliated: true }));
    }
    return insertStoredCredentials(em, keys, organizationId, physicianIds.map((physicianId, i) => ({
      physicianId, type: 'STATE_LICENSE', number: `A${100000 + i}`, issuer: 'Medical Board of California', state: 'CA', expiresOn: '2029-08-31',
    })));
  });
  // Each document's file, where the credentials subgraph keeps it (documents/<organizationId>/…).
  for (const credentialId of credentialIds.filter((_id, i) => i % 10 === 0)) {
    const { key } = await storage.write(`documents/${organizationId}`, 'enc', (async function* () { yield Buffer.from('sealed document bytes'); })());
    await superuser.query(`insert into credentials.documents (id, organization_id, credential_id, upload_expires_at, storage_key) values ($1, $2, $3, now(), $4)`, [randomUUID(), organizationId, credentialId, key]);
  }
  await superuser.query(`insert into credentials.verification_settings (organization_id, review_window_hours) values ($1, 48)`, [organizationId]);
  // A webhook subscription with a delivery tried once: its secret is sealed like any protected field.
  const subscriptionId = randomUUID();
  const deliveryId = randomUUID();
  await superuser.query(`insert into credentials.webhook_subscriptions (id, organization_id, url, events, secret) values ($1, $2, 'https://hooks.example.org/credence', '{verification.completed}', '\\x00')`, [subscriptionId, organizationId]);
  await superuser.query(`insert into credentials.webhook_deliveries (id, organization_id, subscription_id, event_id, event_type, payload, attempts) values ($1, $2, $3, $4, 'verification.completed', '{}', 1)`, [deliveryId, organizationId, subscriptionId, `evt_${randomUUID()}`]);
  await superuser.query(`insert into credentials.webhook_delivery_attempts (id, organization_id, delivery_id, attempt, http_status, duration_ms) values ($1, $2, $3, 1, 503, 12)`, [randomUUID(), organizationId, deliveryId]);
  // A data export asked for during the window, its sealed package where the worker stores it (organization-exports/<organizationId>/…).
  const { key: exportPackage } = await storage.write(`organization-exports/${organizationId}`, 'cexp', (async function* () { yield Buffer.from('sealed package bytes'); })());
  await superuser.query(
    `insert into identity.organization_exports (id, organization_id, requested_by, status, recipient_public_key, storage_key, expires_at) values ($1, $2, $3, 'READY', $4, $5, now() + interval '1 hour')`,
    [randomUUID(), organizationId, owner.userId, Buffer.alloc(32, 7).toString('base64'), exportPackage],
  );
  return { organizationId, ownerEmail: owner.email, exportPackage };
}

async function offboardingRow(organizationId: string) {
  const { rows: [row] } = await superuser.query(
    `select status, rows_deleted::int as rows_deleted, documents_deleted, keys_destroyed_at is not null as keys_destroyed, deleted_at is not null as deleted,
            workflow_started_at is not null as started
       from identity.organization_offboardings where organization_id = $1`, [organizationId],
  );
  return row as { status: string; rows_deleted: number; documents_deleted: number; keys_destroyed: boolean; deleted: boolean; started: boolean } | undefined;
}

const TERMINATE = 'mutation($id: ID!) { terminateOrganization(organizationId: $id, reason: "contract_ended") { organizationOffboarding { status exportWindowEndsAt } userErrors { code message field reason details } } }';

/** A worker process on the suite's task queue (the real worker, the test stack's dependencies); resolves once it polls. */
const startWorkerProcess = () => workers.start(taskQueue, UNASKED_SOURCES, { reviewWindowMs: 60_000, unavailableRetryFirstMs: 1_000, unavailableRetryMaxMs: 1_000, unavailableGiveUpMs: 60_000, reminderDays: [90] });

beforeAll(async () => {
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  const config = loadConfig('identity', identityEnv);
  identityOrm = await openDatabase({ url: config.databaseUrl, logger });
  workerOrm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  const deps = { config, logger, orm: identityOrm, storage: createLocalStorage(config.downloads.storageDir) };
  const definition = await createIdentitySubgraph(deps);
  closeIdentity = definition.close;
  const { app } = await createSubgraphApp(deps, definition);
  const port = await freePort();
  server = await listen(app, '127.0.0.1', port, 'identity');
  call = subgraphClient(`http://127.0.0.1:${port}/graphql`, 'identity');
  connection = await Connection.connect({ address: stack.temporalAddress });
  client = new Client({ connection });
  admin = (await enrolledMember(PLATFORM_ORGANIZATION_ID, 'PLATFORM_ADMIN')).caller;
});

afterAll(async () => {
  workers.killAll();
  await closeServer(server);
  await closeIdentity?.();
  await connection?.close();
  await identityOrm?.close();
  await workerOrm?.close();
  await superuser?.end();
});

describe('organizationOffboardingWorkflow after the export window', () => {
  it('reminds the owners, destroys the data keys, then deletes every row of the organization but its audit events and its tombstone, and nothing of another', async () => {
    const base = await testActivityDeps(workerOrm);
    const { worker, connection: workerConnection } = await createWorker({
      temporal: { address: stack.temporalAddress, namespace: 'default', taskQueue }, deps: { ...base, verification: { ...base.verification, client } }, logger,
    });
    const running = worker.run();
    try {
      const doomed = await seededOrganization(30);
      const kept = await seededOrganization(5);
      const before = await rowsOf(doomed.organizationId);
      const keptBefore = await rowsOf(kept.organizationId);
      expect(await filesOf(doomed.organizationId)).toBe(before['credentials.documents']);
      expect(await filesOf(kept.organizationId)).toBe(keptBefore['credentials.documents']);
      // A copy of the database's ciphertexts taken before (a backup, a dump of its files).
      const { rows: copied } = await superuser.query(`select id, ssn from credentials.physicians where organization_id = $1 and ssn is not null limit 3`, [doomed.organizationId]);
      const encryption = createFieldEncryption(keyProviderFromConfig({ keys: [], keyringFile: stack.serviceEnv.worker.KEYRING_FILE! }));
      const readCopy = () => workerOrm.em.fork().transactional(async (em) => {
        const keys = await encryption.forOrganization(em, doomed.organizationId);
        return copied.map((row: { id: string; ssn: Buffer }) => keys.decryptText({ table: 'physicians', column: 'ssn', rowId: row.id }, row.ssn));
      });
      expect(await readCopy()).toEqual(['219-44-8765', '219-44-8765', '219-44-8765']);
      // A credential verification of each organization, running (on a queue no worker serves).
      const verificationOf = async (organizationId: string) => {
        const { rows: [row] } = await superuser.query(`select id from credentials.credentials where organization_id = $1 limit 1`, [organizationId]);
        return client.workflow.start(CREDENTIAL_VERIFICATION_WORKFLOW, { taskQueue: `idle-${randomUUID()}`, workflowId: verificationWorkflowId(row.id), args: [] });
      };
      const doomedVerification = await verificationOf(doomed.organizationId);
      const keptVerification = await verificationOf(kept.organizationId);
      // And a credentialing cycle of each, the same way.
      const cycleOf = async (organizationId: string) => {
        const { rows: [row] } = await superuser.query(`select id from credentials.physicians where organization_id = $1 limit 1`, [organizationId]);
        return client.workflow.start(CREDENTIALING_CYCLE_WORKFLOW, { taskQueue: `idle-${randomUUID()}`, workflowId: credentialingWorkflowId(organizationId, row.id), args: [] });
      };
      const doomedCycle = await cycleOf(doomed.organizationId);
      const keptCycle = await cycleOf(kept.organizationId);

      const terminated = await call<{ terminateOrganization: { organizationOffboarding: { status: string } } }>(admin, TERMINATE, { id: doomed.organizationId });
      expect(terminated.data?.terminateOrganization.organizationOffboarding.status).toBe('EXPORT_WINDOW');
      const sessionsEnded = (await rowsOf(doomed.organizationId))['identity.sessions'];
      expect(sessionsEnded).toBe(before['identity.sessions']); // ended, not deleted, during the window

      const handle = client.workflow.getHandle(offboardingWorkflowId(doomed.organizationId));
      expect(await handle.result()).toEqual({ phase: 'deleted', remindersSent: 1 });
      await recordHistory(handle, HISTORIES, 'certified-without-backup-adapter');

      // Nothing of the organization remains but its audit events, its row and its offboarding.
      const after = await rowsOf(doomed.organizationId);
      expect(Object.values(after).every((n) => n === 0)).toBe(true);
      expect(after).toEqual(Object.fromEntries(Object.keys(before).map((table) => [table, 0])));
      const seeded = Object.values(before).reduce((sum, n) => sum + n, 0);
      const progress = await offboardingRow(doomed.organizationId);
      expect(progress).toMatchObject({ status: 'DELETED', documents_deleted: before['credentials.documents'], keys_destroyed: true, deleted: true });
      expect(existsSync(folderOf(doomed.organizationId))).toBe(false); // every document file, and their folder
      expect(existsSync(join(stack.serviceEnv.credentials.STORAGE_DIR!, 'organization-exports', doomed.organizationId))).toBe(false); // its export packages
      expect(storage.read(kept.exportPackage)?.destroy()).toBeDefined(); // and not another organization's
      expect(progress!.rows_deleted).toBe(seeded + 1); // + the reminder mail to the owner
      // The progress, as the graph shows it to a platform administrator.
      const shown = await call<{ organizationOffboarding: Record<string, unknown> }>(admin, 'query($id: ID) { organizationOffboarding(organizationId: $id) { status rowsDeleted documentsDeleted keysDestroyedAt deletedAt } }', { id: doomed.organizationId });
      expect(shown.data?.organizationOffboarding).toMatchObject({ status: 'DELETED', rowsDeleted: seeded + 1, documentsDeleted: before['credentials.documents'] });
      expect(shown.data?.organizationOffboarding.keysDestroyedAt).not.toBeNull();
      // Its certificate of deletion verifies offline (npm run audit:verify), and fails once altered.
      const certified = await call<{ organizationOffboarding: { certificate: string } }>(admin, 'query($id: ID) { organizationOffboarding(organizationId: $id) { certificate } }', { id: doomed.organizationId });
      const certificate = JSON.parse(certified.data!.organizationOffboarding.certificate);
      expect(certificate).toMatchObject({ organizationId: doomed.organizationId, terminationReason: 'contract_ended', rowsDeleted: seeded + 1, documentsDeleted: before['credentials.documents'] });
      // This worker has no backup adapter: the certificate says the backups are not confirmed, rather than claiming.
      expect(certificate).toMatchObject({ format: 'credence-deletion-certificate-v2', backupsConfirmed: false, backupsUnconfirmedReason: 'no_backup_adapter', oldestBackupAt: null, backupsPurged: 0 });
      const directory = mkdtempSync(join(tmpdir(), 'credence-certificate-'));
      writeFileSync(join(directory, 'certificate.json'), JSON.stringify(certificate));
      writeFileSync(join(directory, 'altered.json'), JSON.stringify({ ...certificate, rowsDeleted: certificate.rowsDeleted - 1 }));
      const verifyFile = (name: string) => spawnSync(process.execPath, [VERIFY_SCRIPT, join(directory, name)], { encoding: 'utf8' });
      expect(verifyFile('certificate.json')).toMatchObject({ status: 0, stdout: expect.stringMatching(/backups NOT confirmed \(no_backup_adapter\)[\s\S]*valid: signed by the audit signing key/) });
      expect(verifyFile('altered.json')).toMatchObject({ status: 1, stdout: expect.stringContaining('INVALID') });
      rmSync(directory, { recursive: true, force: true });
      const { rows: [tombstone] } = await superuser.query(`select status, terminated_reason from identity.organizations where id = $1`, [doomed.organizationId]);
      expect(tombstone).toEqual({ status: 'TERMINATED', terminated_reason: 'contract_ended' });
      const { rows: reasons } = await superuser.query(`select reason from audit.events where organization_id = $1 and action in ('UPDATE', 'DELETE') and resource_type in ('Organization', 'DataKey', 'OrganizationOffboarding') order by seq`, [doomed.organizationId]);
      expect(reasons.map((row: { reason: string }) => row.reason)).toEqual([
        'terminated:contract_ended', 'export_reminder:days:1:owners:1', 'deletion_started', 'crypto_shredded', `deleted:rows:${seeded + 1}`,
      ]);
      expect(await auditEventsOf(doomed.organizationId)).toBeGreaterThan(5);

      // The copy taken before is unreadable: the keys are gone, wrapped and all.
      await expect(readCopy()).rejects.toMatchObject({ code: 'DATA_UNREADABLE' });
      const { rows: keyRows } = await superuser.query(`select wrapped is null as erased, destroyed_at is not null as destroyed from keys.data_keys where organization_id = $1`, [doomed.organizationId]);
      expect(keyRows.length).toBeGreaterThan(0);
      expect(keyRows.every((row: { erased: boolean; destroyed: boolean }) => row.erased && row.destroyed)).toBe(true);
      // Too late to reinstate.
      const late = await call(admin, 'mutation($id: ID!) { reinstateOrganization(organizationId: $id) { organizationOffboarding { status } userErrors { code message field reason details } } }', { id: doomed.organizationId });
      expect(refusalCodeOf(late)).toBe('REINSTATEMENT_TOO_LATE');
      // The owner cannot sign in any more (no membership is left).
      const login = await call<{ login: { loginResult: { status: string } | null } }>({ userId: null, organizationId: null, role: null, sessionId: null, requestId: randomUUID(), sourceIp: anAddressOfItsOwn() },
        'mutation($input: LoginInput!) { login(input: $input) { loginResult { status } userErrors { code message field reason details } } }', { input: { email: doomed.ownerEmail, password: 'a long and unusual passphrase 7391' } });
      expect(refusalCodeOf(login)).toBe('UNAUTHENTICATED');

      // Its physicians' cycles and credentials' verifications were ended; the other organization's run on.
      expect((await doomedVerification.describe()).status.name).toBe('TERMINATED');
      expect((await doomedCycle.describe()).status.name).toBe('TERMINATED');
      expect((await keptVerification.describe()).status.name).toBe('RUNNING');
      expect((await keptCycle.describe()).status.name).toBe('RUNNING');
      await keptVerification.terminate('test over');
      await keptCycle.terminate('test over');
      // The other organization is untouched, and still readable.
      expect(await rowsOf(kept.organizationId)).toEqual(keptBefore);
      expect(await filesOf(kept.organizationId)).toBe(keptBefore['credentials.documents']);
      const keptSsn = await workerOrm.em.fork().transactional(async (em) => {
        const { rows: [row] } = await superuser.query(`select id, ssn from credentials.physicians where organization_id = $1 limit 1`, [kept.organizationId]);
        return (await encryption.forOrganization(em, kept.organizationId)).decryptText({ table: 'physicians', column: 'ssn', rowId: row.id }, row.ssn);
      });
      expect(keptSsn).toBe('219-44-8765');
    } finally {
      worker.shutdown();
      await running;
      await workerConnection.close();
    }
  });

  it('finishes the deletion on a new worker after the one deleting was killed, each row counted once', async () => {
    const doomed = await seededOrganization(400);
    const seeded = Object.values(await rowsOf(doomed.organizationId)).reduce((sum, n) => sum + n, 0);
    const first = await startWorkerProcess();
    expect((await call<{ terminateOrganization: { organizationOffboarding: { status: string } } }>(admin, TERMINATE, { id: doomed.organizationId })).data?.terminateOrganization.organizationOffboarding.status).toBe('EXPORT_WINDOW');
    // Killed (no goodbye) in the middle of the deletion.
    await until('the deletion to be under way', async () => ((await offboardingRow(doomed.organizationId))?.rows_deleted ?? 0) > 0, 30_000);
    await stopWorkerProcess(first, 'SIGKILL');
    const atKill = (await offboardingRow(doomed.organizationId))!;
    expect(atKill.status).toBe('DELETING');
    expect(atKill.rows_deleted).toBeLessThan(seeded);

    await startWorkerProcess();
    const result = await client.workflow.getHandle(offboardingWorkflowId(doomed.organizationId)).result();
    expect(result).toEqual({ phase: 'deleted', remindersSent: 1 });
    expect(Object.values(await rowsOf(doomed.organizationId)).every((n) => n === 0)).toBe(true);
    expect((await offboardingRow(doomed.organizationId))).toMatchObject({ rows_deleted: seeded + 1, documents_deleted: 40 }); // + the reminder mail; a file for one credential in ten
    expect(existsSync(folderOf(doomed.organizationId))).toBe(false);
  });

  it('starts the workflow of a termination made while Temporal was unreachable, by the sweep', async () => {
    // An identity subgraph whose Temporal cannot be reached terminates; the suite's identity sweeps.
    const unreachable = loadConfig('identity', { ...identityEnv, TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, ORGANIZATION_EXPORT_WINDOW: 'PT1H', OFFBOARDING_START_SWEEP_SECONDS: '3600' });
    const cut = await createIdentitySubgraph({ config: unreachable, logger, orm: identityOrm, storage: createLocalStorage(unreachable.downloads.storageDir) });
    try {
      const organizationId = await anOrganization(identityOrm);
      const view = await terminateOrganization(cut.service, admin, { organizationId, reason: 'contract_ended' });
      expect(view.status).toBe('EXPORT_WINDOW');
      // The subgraph that terminated cannot reach Temporal: whoever starts the workflow is the sweep.
      const worker = await startWorkerProcess();
      await until('the sweep to start the workflow', async () => (await offboardingRow(organizationId))?.started, 30_000);
      const description = await client.workflow.getHandle(offboardingWorkflowId(organizationId)).describe();
      expect(description.status.name).toBe('RUNNING');
      await client.workflow.getHandle(offboardingWorkflowId(organizationId)).terminate('test over');
      worker.kill('SIGTERM');
    } finally {
      await cut.close?.();
    }
  });
  /**
   * A worker with a backup adapter over a backup directory of its own, on a task queue of its own,
   * and an identity subgraph that terminates with `backupDeadline`, checking every second.
   */
  async function withBackups(backupDeadline: string, run: (context: { backupDir: string; terminate: (organizationId: string) => ReturnType<typeof terminateOrganization> }) => Promise<void>) {
    const backupDir = mkdtempSync(join(tmpdir(), 'credence-offboarding-backups-'));
    const backupQueue = `test-offboarding-backups-${randomUUID()}`;
    const config = loadConfig('identity', { ...identityEnv, TEMPORAL_TASK_QUEUE: backupQueue, OFFBOARDING_BACKUP_DEADLINE: backupDeadline, OFFBOARDING_BACKUP_CHECK_INTERVAL: 'PT1S', OFFBOARDING_START_SWEEP_SECONDS: '3600' });
    const identity = await createIdentitySubgraph({ config, logger, orm: identityOrm, storage: createLocalStorage(config.downloads.storageDir) });
    const base = await testActivityDeps(workerOrm);
    const backups = {
      backupDir, clusterDir: join(backupDir, 'no-cluster'), spoolDir: join(backupDir, 'spool'), keys: { keys: [], keyringFile: null },
      baseHours: 1, walSealSeconds: 10, retentionDays: 35, databaseUrl: stack.superuserUrl, backupKeys: backupKeys,
    };
    const { worker, connection: workerConnection } = await createWorker({
      temporal: { address: stack.temporalAddress, namespace: 'default', taskQueue: backupQueue }, deps: { ...base, verification: { ...base.verification, client }, backups }, logger,
    });
    const running = worker.run();
    try {
      await run({ backupDir, terminate: (organizationId) => terminateOrganization(identity.service, admin, { organizationId, reason: 'contract_ended' }) });
    } finally {
      worker.shutdown();
      await running;
      await workerConnection.close();
      await identity.close?.();
      rmSync(backupDir, { recursive: true, force: true });
    }
  }

  const backupKeys = localKeyProvider([randomBytes(32)]);
  /** A sealed base backup in the local format, finished now, replaying from WAL segment `startWalFile`, and that segment sealed beside it. */
  async function baseBackupNow(backupDir: string, startWalFile: string): Promise<{ id: string; finishedAt: string }> {
    const at = new Date().toISOString();
    const id = `${at.replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
    mkdirSync(baseDirectory(backupDir), { recursive: true });
    mkdirSync(walDirectory(backupDir), { recursive: true });
    const facts: BaseBackupFacts = { label: `credence-${id}`, startedAt: at, finishedAt: at, startLsn: '0/3000028', stopLsn: '0/3000100', startWalFile };
    await sealToFile(backupKeys, join(baseDirectory(backupDir), `${id}.sealed`), 'base', id, (async function* () { yield Buffer.from('a copy of the cluster'); })(), () => facts);
    await sealToFile(backupKeys, join(walDirectory(backupDir), `${startWalFile}.sealed`), 'wal', startWalFile, (async function* () { yield Buffer.from('a WAL segment'); })(), () => ({}));
    return { id, finishedAt: at };
  }

  const certificateOf = async (organizationId: string) => {
    const shown = await call<{ organizationOffboarding: { status: string; backupsDeadlineAt: string; certifiedAt: string | null; certificate: string } }>(
      admin, 'query($id: ID) { organizationOffboarding(organizationId: $id) { status backupsDeadlineAt certifiedAt certificate } }', { id: organizationId },
    );
    return { ...shown.data!.organizationOffboarding, certificate: JSON.parse(shown.data!.organizationOffboarding.certificate) };
  };

  it('waits past the deletion for the backups older than it, purges those left at the deadline, confirms, then certifies what the backups showed', async () => {
    await withBackups('PT10S', async ({ backupDir, terminate }) => {
      const doomed = await seededOrganization(3);
      // A backup taken before the deletion: it holds the organization's rows (sealed, and under keys about to be destroyed).
      const older = await baseBackupNow(backupDir, '000000010000000000000003');
      const view = await terminate(doomed.organizationId);
      expect(new Date(view.backupsDeadlineAt!).getTime() - new Date(view.terminatedAt).getTime()).toBe(10_000);
      await until('the rows deleted, the backups waited for', async () => (await offboardingRow(doomed.organizationId))?.status === 'AWAITING_BACKUP_EXPIRY', 60_000);
      const waiting = await certificateOf(doomed.organizationId);
      expect(waiting).toMatchObject({ status: 'AWAITING_BACKUP_EXPIRY', certifiedAt: null, certificate: null });
      // A backup taken after the deletion: it holds nothing of the organization, and is kept.
      const newer = await baseBackupNow(backupDir, '000000010000000000000007');

      const handle = client.workflow.getHandle(offboardingWorkflowId(doomed.organizationId));
      expect(await handle.result()).toEqual({ phase: 'deleted', remindersSent: 1 });
      await recordHistory(handle, HISTORIES, 'certified-after-backup-purge');

      // The older backup and the WAL only it needed are gone; the newer one and its WAL are kept.
      expect((await localBackupAdapter(backupDir).list()).map((backup) => backup.id)).toEqual([newer.id]);
      expect((await listWalFiles(backupDir)).map((wal) => wal.name)).toEqual(['000000010000000000000007']);
      expect(older.id).not.toBe(newer.id);

      const { status, certifiedAt, certificate } = await certificateOf(doomed.organizationId);
      expect(status).toBe('DELETED');
      expect(certificate).toMatchObject({
        format: 'credence-deletion-certificate-v2', organizationId: doomed.organizationId, backupsDeadlineAt: view.backupsDeadlineAt,
        backupsConfirmed: true, backupsUnconfirmedReason: null, oldestBackupAt: newer.finishedAt, backupsPurged: 1, walSegmentsPurged: 1, issuedAt: certifiedAt,
      });
      // Purged at the deadline, not before; confirmed by a check after the purge.
      const { rows: purges } = await superuser.query<{ reason: string; at: Date }>(
        `select reason, occurred_at as at from audit.events where organization_id = $1 and resource_type in ('Backup', 'DeletionCertificate') order by seq`, [doomed.organizationId],
      );
      expect(purges.map((row) => row.reason)).toEqual(['backups_older_than_deletion_purged:base:1:wal:1', 'certified:backups_confirmed:purged:1']);
      expect(purges[0]!.at.getTime()).toBeGreaterThanOrEqual(new Date(view.backupsDeadlineAt!).getTime());
      expect(new Date(certificate.backupsCheckedAt).getTime()).toBeGreaterThanOrEqual(purges[0]!.at.getTime());
      expect(new Date(certificate.deletedAt).getTime()).toBeLessThan(new Date(newer.finishedAt).getTime());

      // Verified offline; altered, it fails.
      const directory = mkdtempSync(join(tmpdir(), 'credence-certificate-'));
      writeFileSync(join(directory, 'certificate.json'), JSON.stringify(certificate));
      writeFileSync(join(directory, 'altered.json'), JSON.stringify({ ...certificate, backupsPurged: 0 }));
      const verifyFile = (name: string) => spawnSync(process.execPath, [VERIFY_SCRIPT, join(directory, name)], { encoding: 'utf8' });
      expect(verifyFile('certificate.json')).toMatchObject({ status: 0, stdout: expect.stringMatching(/none older than the deletion[\s\S]*valid: signed by the audit signing key/) });
      expect(verifyFile('altered.json')).toMatchObject({ status: 1, stdout: expect.stringContaining('INVALID') });
      rmSync(directory, { recursive: true, force: true });
    });
  });

  it('certifies before the deadline as soon as no backup older than the deletion is kept, purging nothing', async () => {
    await withBackups('PT1H', async ({ backupDir, terminate }) => {
      const doomed = await seededOrganization(2);
      const older = await baseBackupNow(backupDir, '000000010000000000000003');
      const view = await terminate(doomed.organizationId);
      await until('the rows deleted, the backups waited for', async () => (await offboardingRow(doomed.organizationId))?.status === 'AWAITING_BACKUP_EXPIRY', 60_000);
      const newer = await baseBackupNow(backupDir, '000000010000000000000007');
      // The backups' own retention removes the older one (as the base backup schedule's purge does).
      const removed = await localBackupAdapter(backupDir).purgeOlderThan(new Date(newer.finishedAt));
      expect(removed).toEqual({ baseBackups: 1, walSegments: 1 });
      expect(older.id).not.toBe(newer.id);

      expect(await client.workflow.getHandle(offboardingWorkflowId(doomed.organizationId)).result()).toEqual({ phase: 'deleted', remindersSent: 1 });
      const { certificate } = await certificateOf(doomed.organizationId);
      expect(certificate).toMatchObject({ backupsConfirmed: true, oldestBackupAt: newer.finishedAt, backupsPurged: 0, walSegmentsPurged: 0, backupsDeadlineAt: view.backupsDeadlineAt });
      expect(new Date(certificate.issuedAt).getTime()).toBeLessThan(new Date(view.backupsDeadlineAt!).getTime());
      const { rows } = await superuser.query(`select 1 from audit.events where organization_id = $1 and resource_type = 'Backup'`, [doomed.organizationId]);
      expect(rows).toEqual([]);
    });
  });
  it('counts the backups a purge deleted before its worker died, when the purge is tried again', async () => {
    const backupDir = mkdtempSync(join(tmpdir(), 'credence-offboarding-backups-'));
    try {
      const organizationId = await anOrganization(identityOrm);
      const older = await baseBackupNow(backupDir, '000000010000000000000003');
      await superuser.query(
        `insert into identity.organization_offboardings (organization_id, status, terminated_at, export_window_ends_at, deletion_started_at, keys_destroyed_at, deleted_at, backups_deadline_at)
         values ($1, 'AWAITING_BACKUP_EXPIRY', now() - interval '1 minute', now() - interval '30 seconds', now() - interval '30 seconds', now() - interval '30 seconds', now(), now())`,
        [organizationId],
      );
      const newer = await baseBackupNow(backupDir, '000000010000000000000007');
      const activities = createOrganizationOffboardingActivities({ ...(await testActivityDeps(workerOrm)), verification: { client: null }, backups: { backupDir } });
      expect(await activities.checkBackups(organizationId)).toEqual({ clear: false });
      // The first attempt recorded what it purges and deleted the older backup, then its worker died.
      await superuser.query(`update identity.organization_offboardings set backup_confirmation = backup_confirmation || jsonb_build_object('purging', $2::jsonb) where organization_id = $1`, [organizationId, JSON.stringify([older.id])]);
      rmSync(join(baseDirectory(backupDir), `${older.id}.sealed`));

      expect(await activities.purgeBackupsBeforeDeletion(organizationId)).toEqual({ baseBackups: 1, walSegments: 1 });
      expect(await activities.checkBackups(organizationId)).toEqual({ clear: true });
      const { rows: [row] } = await superuser.query(`select backup_confirmation as confirmation from identity.organization_offboardings where organization_id = $1`, [organizationId]);
      expect(row.confirmation).toEqual({
        checkedAt: expect.any(String), confirmed: true, reason: null, oldestBackupAt: newer.finishedAt, olderThanDeletion: 0, backupsPurged: 1, walSegmentsPurged: 1,
      });
      const { rows: audited } = await superuser.query(`select reason from audit.events where organization_id = $1 and resource_type = 'Backup'`, [organizationId]);
      expect(audited).toEqual([{ reason: 'backups_older_than_deletion_purged:base:1:wal:1' }]);
    } finally {
      rmSync(backupDir, { recursive: true, force: true });
    }
  });
});
