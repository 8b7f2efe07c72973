// Credential verification end to end: credentials verified per second on this machine, with the
// real worker (its workflows, activities, dispatcher) on a Temporal dev server, PostgreSQL, and
// the local stand-ins of the primary sources over HTTP (the same servers the tests use).
//   Seeded: BENCH_VERIFICATION_CREDENTIALS (default 300) state licenses of the stand-ins' fictional
//   physician (so both checks, NPPES and the state board, verify), spread over 10 organizations,
//   each with its verification requested; then the dispatcher is started and the clock runs until
//   every one is VERIFIED. Rounds: BENCH_VERIFICATION_ROUNDS (default 2), each on fresh
//   credentials, the first one discarded as warm-up (the workflow bundle, connection pools, the
//   stand-ins' first answers). Aim: at least 40 credentials a second on 2 cores.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { openDatabase } from '../platform/database/orm.ts';
import { createFieldEncryption } from '../platform/field-encryption/data-keys.ts';
import { keyProviderFromConfig } from '../platform/field-encryption/key-provider.ts';
import { loadSigningKey } from '../domain/audit-chain.ts';
import { US_JURISDICTIONS } from '../platform/us-jurisdictions.ts';
import { freePort } from '../stack/ports.ts';
import { silentProgress } from '../stack/progress.ts';
import { startSourceStandIns } from '../stack/source-stand-ins/index.ts';
import { startStack } from '../stack/stack.ts';
import { anOrganization, insertStoredCredentials, insertStoredPhysician } from '../test/support/factories.ts';
import { createVerificationSources } from '../workflows/credential-verification/sources/index.ts';
import { DEFAULT_VERIFICATION_TIMINGS, VERIFICATION_DISPATCH_WORKFLOW } from '../workflows/credential-verification/shared.ts';
import { createWorker } from '../workflows/worker.ts';
import { benchLogger, writeResults } from './support.ts';

const CREDENTIALS = Number(process.env.BENCH_VERIFICATION_CREDENTIALS ?? 300);
const ROUNDS = Number(process.env.BENCH_VERIFICATION_ROUNDS ?? 2);
const ORGANIZATIONS = 10;

const dataDir = mkdtempSync(join(tmpdir(), 'credence-bench-verification-'));
const ports = { gateway: await freePort(), identity: await freePort(), credentials: await freePort(), audit: await freePort(), postgres: 0, temporal: 0, temporalUi: null, metrics: await freePort(), workerMetrics: await freePort() };
const stack = await startStack({ dataDir, ports, env: 'test', progress: silentProgress, services: false, ephemeral: true, logLevel: 'warn' });
const standIns = await startSourceStandIns();
const workerEnv = stack.serviceEnv('worker');
const orm = await openDatabase({ url: workerEnv.DATABASE_URL!, logger: benchLogger });
const identity = await openDatabase({ url: stack.serviceEnv('identity').DATABASE_URL!, logger: benchLogger });
const connection = await Connection.connect({ address: stack.temporal.address });
const client = new Client({ connection });
const encryption = createFieldEncryption(keyProviderFromConfig({ keys: [], keyringFile: workerEnv.KEYRING_FILE! }));
const taskQueue = `bench-verification-${randomUUID()}`;
const sources = createVerificationSources({
  nppesUrl: standIns.urls.nppes, stateBoardUrl: standIns.urls.stateBoard, stateBoardApiKey: null, stateBoardStates: [...US_JURISDICTIONS],
  deaUrl: standIns.urls.dea, boardCertificationUrl: standIns.urls.boardCertification, npdbUrl: standIns.urls.npdb,
  sourceTimeoutMs: 10_000, sourceAttempts: 3, sourceRetryBaseMs: 100,
});
const { worker, connection: workerConnection } = await createWorker({
  temporal: { address: stack.temporal.address, namespace: 'default', taskQueue },
  deps: {
    orm, encryption, auditSigningKey: loadSigningKey(workerEnv.AUDIT_SIGNING_KEY!), logger: benchLogger,
    mail: { smtpUrl: 'smtp://127.0.0.1:1', from: 'Credence <bench@credence.test>', publicUrl: 'https://credence.test' },
    verification: { sources, listScreens: [], timings: DEFAULT_VERIFICATION_TIMINGS, client, taskQueue },
  },
  logger: benchLogger,
});
const running = worker.run();

async function seedRound(): Promise<string[]> {
  const ids: string[] = [];
  for (let o = 0; o < ORGANIZATIONS; o += 1) {
    const organizationId = await anOrganization(identity, { name: `Bench verification ${randomUUID().slice(0, 8)}` });
    await orm.em.fork().transactional(async (em) => {
      const keys = await encryption.forOrganization(em, organizationId);
      const physicianId = await insertStoredPhysician(em, keys, organizationId, { givenName: 'Amara', familyName: 'Okafor-Reyes', npi: '1000000012', dateOfBirth: '1979-03-14' });
      const count = Math.ceil(CREDENTIALS / ORGANIZATIONS);
      const created = await insertStoredCredentials(em, keys, organizationId, Array.from({ length: count }, () => ({
        physicianId, type: 'STATE_LICENSE', number: 'A123456', issuer: 'Medical Board of California', state: 'CA', expiresOn: '2029-08-31',
      })));
      await em.execute(`update credentials.credentials set verification_requested_at = now() where id = any(string_to_array(?, ',')::uuid[])`, [created.join(',')]);
      ids.push(...created);
    });
  }
  return ids;
}

async function verifiedCount(ids: string[]): Promise<number> {
  const [row] = await orm.em.fork().execute<{ verified: number }[]>(
    `select count(*)::int as verified from credentials.credentials where id = any(string_to_array(?, ',')::uuid[]) and status = 'VERIFIED'`, [ids.join(',')]);
  return row!.verified;
}

const rounds: { credentials: number; seconds: number; perSecond: number }[] = [];
try {
  for (let round = 0; round < ROUNDS; round += 1) {
    const ids = await seedRound();
    const start = performance.now();
    // The dispatcher hands them over in batches, as the schedule does; it runs until none waits.
    for (;;) {
      const result = await client.workflow.execute(VERIFICATION_DISPATCH_WORKFLOW, { taskQueue, workflowId: `bench-dispatch-${randomUUID()}` }) as { dispatched: number };
      if (result.dispatched === 0) break;
    }
    for (let verified = 0; verified < ids.length; await new Promise((resolve) => setTimeout(resolve, 100))) {
      verified = await verifiedCount(ids);
      if (performance.now() - start > 600_000) throw new Error(`only ${verified} of ${ids.length} verified after 10 minutes`);
      if (verified === ids.length) break;
    }
    const seconds = (performance.now() - start) / 1000;
    rounds.push({ credentials: ids.length, seconds: Number(seconds.toFixed(2)), perSecond: Number((ids.length / seconds).toFixed(1)) });
    console.log(`round ${round + 1}${round === 0 && ROUNDS > 1 ? ' (warm-up)' : ''}: ${ids.length} credentials verified in ${seconds.toFixed(1)} s = ${(ids.length / seconds).toFixed(1)}/s`);
  }
  const measured = ROUNDS > 1 ? rounds.slice(1) : rounds;
  const perSecond = measured.map((r) => r.perSecond).sort((a, b) => a - b)[Math.floor(measured.length / 2)]!;
  console.log(`credential verification end to end: ${perSecond}/s (median of ${measured.length} measured round(s); aim >= 40/s)`);
  console.log(`results: ${writeResults('verification', { credentials: CREDENTIALS, organizations: ORGANIZATIONS, rounds, perSecond })}`);
} finally {
  worker.shutdown();
  await running;
  await workerConnection.close();
  await connection.close();
  await identity.close();
  await orm.close();
  await standIns.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
