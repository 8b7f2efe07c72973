// The dev server the stack starts (startTemporal) dispatches a verification's activities eagerly:
// each starts in the reply to the workflow task that scheduled it instead of waiting for a poll,
// which is a round trip less per activity (npm run bench -- verification). The server counts
// those dispatches in its Prometheus metrics, read here on a dev server of this suite's own.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { withPorts } from '../../stack/ports.ts';
import { silentProgress } from '../../stack/progress.ts';
import { startSourceStandIns, standInSourcesConfig, type SourceStandIns } from '../../stack/source-stand-ins/index.ts';
import { resolveTemporalCli } from '../../stack/temporal-cli.ts';
import { startTemporal, type RunningTemporal } from '../../stack/temporal.ts';
import { anOrganization, insertStoredCredentials, insertStoredPhysician } from '../../test/support/factories.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { until } from '../../test/support/verification.ts';
import { createWorker } from '../worker.ts';
import { createVerificationSources } from './sources/index.ts';
import { DEFAULT_VERIFICATION_TIMINGS, VERIFICATION_DISPATCH_WORKFLOW } from './shared.ts';

const logger = createLogger({ service: 'test', level: 'silent' });

let dir: string;
let temporal: RunningTemporal;
let connection: Connection;
let orm: MikroORM;
let identity: MikroORM;
let standIns: SourceStandIns;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credence-eager-'));
  const cli = await resolveTemporalCli(silentProgress);
  temporal = await withPorts([0, 0], ([port, metricsPort]) => startTemporal({ cli, port: port!, uiPort: null, metricsPort: metricsPort!, dbFile: null, logFile: join(dir, 'temporal.log') }));
  connection = await Connection.connect({ address: temporal.address });
  orm = await openDatabase({ url: testStack().serviceEnv.worker.DATABASE_URL!, logger });
  identity = await openDatabase({ url: testStack().serviceEnv.identity.DATABASE_URL!, logger });
  standIns = await startSourceStandIns();
}, 60_000);

afterAll(async () => {
  await standIns?.close();
  await identity?.close();
  await orm?.close();
  await connection?.close();
  await temporal?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The activities the server handed out eagerly so far (its `activity_eager_execution` counter, over every label). */
async function eagerDispatches(): Promise<number> {
  const text = await (await fetch(temporal.metricsUrl!)).text();
  return text.split('\n').filter((line) => line.startsWith('activity_eager_execution')).reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('eager activity dispatch', () => {
  it('starts the activities of a verification in the reply to the workflow task that scheduled them', async () => {
    const taskQueue = `test-eager-${randomUUID()}`;
    const client = new Client({ connection });
    const base = await testActivityDeps(orm);
    const sources = createVerificationSources(standInSourcesConfig(standIns, { sourceTimeoutMs: 2_000, sourceAttempts: 2, sourceRetryBaseMs: 20 }));
    const deps = { ...base, verification: { ...base.verification, sources, timings: DEFAULT_VERIFICATION_TIMINGS, client, taskQueue } };
    const { worker, connection: workerConnection } = await createWorker({ temporal: { address: temporal.address, namespace: 'default', taskQueue }, deps, logger });
    const running = worker.run();
    try {
      const organizationId = await anOrganization(identity, { name: 'Eagerly verifying hospital' });
      const credentialId = await orm.em.fork().transactional(async (em) => {
        const keys = await base.encryption.forOrganization(em, organizationId);
        const physicianId = await insertStoredPhysician(em, keys, organizationId, { givenName: 'Amara', familyName: 'Okafor-Reyes', npi: '1000000012', dateOfBirth: '1980-04-02' });
        const [id] = await insertStoredCredentials(em, keys, organizationId, [{
          physicianId, type: 'STATE_LICENSE', number: 'A123456', issuer: 'Medical Board of California', state: 'CA', expiresOn: '2029-08-31',
        }]);
        await em.execute(`update credentials.credentials set verification_requested_at = now() where id = ?`, [id]);
        return id!;
      });
      await client.workflow.execute(VERIFICATION_DISPATCH_WORKFLOW, { taskQueue, workflowId: `verification-dispatch-${randomUUID()}`, args: [{ organizationId }] });
      await until('the credential verified', async () => {
        const [row] = await orm.em.fork().execute<{ status: string }[]>(`select status from credentials.credentials where id = ?`, [credentialId]);
        return row?.status === 'VERIFIED';
      });
      // The dispatcher's activity, the verification's checks and its status: each scheduled on the
      // worker's own queue. The server publishes its counters at an interval, not at once.
      expect(await until('eager dispatches counted', eagerDispatches, 10_000)).toBeGreaterThan(0);
    } finally {
      worker.shutdown();
      await running;
      await workerConnection.close();
    }
  });
});
