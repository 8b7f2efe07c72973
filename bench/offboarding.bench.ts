// Deleting a terminated organization after its export window: rows deleted per second on this
// machine, with the real worker (the offboarding workflow and its activities) on a Temporal dev
// server and PostgreSQL, from the destruction of the data keys to the last batch.
//   Seeded: one organization of BENCH_OFFBOARDING_PHYSICIANS (default 10,000) physicians stored as
//   the product stores them (SSN and date of birth encrypted, affiliated), one state license each
//   (its number encrypted) and a document for one credential in ten (a 4 KiB file in storage
//   each); a second organization of 100 physicians that must stay. Batches of
//   BENCH_OFFBOARDING_BATCH_ROWS (default 1,000, the product's default). The organization is
//   terminated with its window already closed, so the workflow goes straight to the deletion
//   (keys, credentials' verifications, files, rows); the clock runs from its start to its end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { loadSigningKey } from '../domain/audit-chain.ts';
import { openDatabase } from '../platform/database/orm.ts';
import { createFieldEncryption } from '../platform/field-encryption/data-keys.ts';
import { keyProviderFromConfig } from '../platform/field-encryption/key-provider.ts';
import { createLocalStorage } from '../platform/storage.ts';
import { freePort } from '../stack/ports.ts';
import { silentProgress } from '../stack/progress.ts';
import { startStack } from '../stack/stack.ts';
import { anOrganization, insertStoredCredentials, insertStoredPhysician } from '../test/support/factories.ts';
import { sequentialNpi } from '../test/support/identifiers.ts';
import { createVerificationSources } from '../workflows/credential-verification/sources/index.ts';
import { DEFAULT_VERIFICATION_TIMINGS } from '../workflows/credential-verification/shared.ts';
import { offboardingWorkflowId, ORGANIZATION_OFFBOARDING_WORKFLOW, type OffboardingInput } from '../workflows/organization-offboarding/shared.ts';
import { createWorker } from '../workflows/worker.ts';
import { benchLogger, writeResults } from './support.ts';

const PHYSICIANS = Number(process.env.BENCH_OFFBOARDING_PHYSICIANS ?? 10_000);
const BATCH_ROWS = Number(process.env.BENCH_OFFBOARDING_BATCH_ROWS ?? 1_000);

const dataDir = mkdtempSync(join(tmpdir(), 'credence-bench-offboarding-'));
const ports = { gateway: await freePort(), identity: await freePort(), credentials: await freePort(), audit: await freePort(), postgres: 0, temporal: 0, temporalUi: null, metrics: await freePort(), workerMetrics: await freePort() };
const stack = await startStack({ dataDir, ports, env: 'test', progress: silentProgress, services: false, ephemeral: true, logLevel: 'warn' });
const workerEnv = stack.serviceEnv('worker');
const orm = await openDatabase({ url: workerEnv.DATABASE_URL!, logger: benchLogger });
const identity = await openDatabase({ url: stack.serviceEnv('identity').DATABASE_URL!, logger: benchLogger });
const superuser = new pg.Client({ connectionString: stack.postgres.superuserUrl() });
await superuser.connect();
const connection = await Connection.connect({ address: stack.temporal.address });
const client = new Client({ connection });
const encryption = createFieldEncryption(keyProviderFromConfig({ keys: [], keyringFile: workerEnv.KEYRING_FILE! }));
const taskQueue = `bench-offboarding-${randomUUID()}`;
const storage = createLocalStorage(stack.serviceEnv('credentials').STORAGE_DIR!);
const { worker, connection: workerConnection } = await createWorker({
  temporal: { address: stack.temporal.address, namespace: 'default', taskQueue },
  deps: {
    orm, encryption, storage, auditSigningKey: loadSigningKey(workerEnv.AUDIT_SIGNING_KEY!), logger: benchLogger,
    mail: { smtpUrl: 'smtp://127.0.0.1:1', from: 'Credence <bench@credence.test>', publicUrl: 'https://credence.test' },
    verification: {
      sources: createVerificationSources({ nppesUrl: 'http://127.0.0.1:1', stateBoardUrl: null, stateBoardApiKey: null, stateBoardStates: [], deaUrl: null, boardCertificationUrl: null, npdbUrl: null, sourceTimeoutMs: 1_000, sourceAttempts: 1, sourceRetryBaseMs: 0 }),
      listScreens: [], timings: DEFAULT_VERIFICATION_TIMINGS, client, taskQueue,
    },
  },
  logger: benchLogger,
});
const running = worker.run();

/** An organization of `physicians` physicians, a credential each and a document row for one in ten; returns its id and rows. */
async function seed(physicians: number): Promise<{ organizationId: string; rows: number; documents: number }> {
  const organizationId = await anOrganization(identity, { name: `Bench offboarding ${randomUUID().slice(0, 8)}` });
  let credentialIds: string[] = [];
  for (let start = 0; start < physicians; start += 1_000) {
    credentialIds = credentialIds.concat(await orm.em.fork().transactional(async (em) => {
      const keys = await encryption.forOrganization(em, organizationId);
      const ids: string[] = [];
      for (let i = start; i < Math.min(physicians, start + 1_000); i += 1) {
        ids.push(await insertStoredPhysician(em, keys, organizationId, { givenName: 'Ines', familyName: `Okafor ${i}`, npi: sequentialNpi(i), ssn: '219-44-8765', dateOfBirth: '1971-02-03', affiliated: true }));
      }
      return insertStoredCredentials(em, keys, organizationId, ids.map((physicianId, i) => ({ physicianId, type: 'STATE_LICENSE', number: `A${100000 + start + i}`, issuer: 'Medical Board of California', state: 'CA', expiresOn: '2029-08-31' })));
    }));
  }
  const documents = credentialIds.filter((_id, i) => i % 10 === 0);
  const keys: string[] = [];
  for (const _credential of documents) keys.push((await storage.write(`documents/${organizationId}`, 'enc', (async function* () { yield Buffer.alloc(4096, 7); })())).key);
  await superuser.query(
    `insert into credentials.documents (id, organization_id, credential_id, upload_expires_at, storage_key) select gen_random_uuid(), $1, unnest($2::uuid[]), now(), unnest($3::text[])`,
    [organizationId, documents, keys],
  );
  return { organizationId, rows: physicians * 3 + documents.length, documents: documents.length };
}

try {
  const seedStart = performance.now();
  const doomed = await seed(PHYSICIANS);
  const kept = await seed(100);
  console.log(`seeded ${doomed.rows} rows (${PHYSICIANS} physicians) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  // Terminated with its window closed already (as terminateOrganization records it, minus the sessions: there are none).
  await superuser.query(`update identity.organizations set status = 'TERMINATED', terminated_at = now(), terminated_reason = 'bench' where id = $1`, [doomed.organizationId]);
  await superuser.query(`insert into identity.organization_offboardings (organization_id, terminated_at, export_window_ends_at) values ($1, now(), now())`, [doomed.organizationId]);
  const input: OffboardingInput = { organizationId: doomed.organizationId, exportWindowEndsAt: new Date().toISOString(), remindersBeforeEndMs: [], deletionBatchRows: BATCH_ROWS };
  const start = performance.now();
  const result: unknown = await client.workflow.execute(ORGANIZATION_OFFBOARDING_WORKFLOW, { taskQueue, workflowId: offboardingWorkflowId(doomed.organizationId), args: [input] });
  const seconds = (performance.now() - start) / 1000;
  const progress = (await superuser.query<{ rows: number; documents: number }>(`select rows_deleted::int as rows, documents_deleted as documents from identity.organization_offboardings where organization_id = $1`, [doomed.organizationId])).rows[0]!;
  const left = (await superuser.query<{ doomed: number; kept: number }>(`select (select count(*)::int from credentials.physicians where organization_id = $1) as doomed, (select count(*)::int from credentials.physicians where organization_id = $2) as kept`, [doomed.organizationId, kept.organizationId])).rows[0]!;
  if ((result as { phase: string }).phase !== 'deleted' || left.doomed !== 0 || left.kept !== 100 || progress.rows < doomed.rows) throw new Error(`the deletion did not do what it should: ${JSON.stringify({ result, progress, left })}`);
  const rowsPerSecond = Number((progress.rows / seconds).toFixed(0));
  console.log(`organization offboarding: ${progress.rows} rows and ${progress.documents} document files deleted, the credentials' verifications ended, in ${seconds.toFixed(1)} s = ${rowsPerSecond} rows/s, batches of ${BATCH_ROWS}; the other organization untouched`);
  console.log(`results: ${writeResults('offboarding', { physicians: PHYSICIANS, batchRows: BATCH_ROWS, rows: progress.rows, documents: progress.documents, seconds: Number(seconds.toFixed(2)), rowsPerSecond })}`);
} finally {
  worker.shutdown();
  await running;
  await workerConnection.close();
  await connection.close();
  await superuser.end();
  await identity.close();
  await orm.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
