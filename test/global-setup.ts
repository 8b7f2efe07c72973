// One PostgreSQL cluster and one Temporal dev server for the whole test run, started by the same
// code as `npm start`, in a fresh temporary directory on ports the stack chooses as each starts
// (port 0), and chooses again if another program took one meanwhile. Tests read how to reach them
// from CREDENCE_TEST_STACK (see test/support/stack.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../stack/ports.ts';
import { silentProgress } from '../stack/progress.ts';
import { startStack } from '../stack/stack.ts';
import type { TestStackInfo } from './support/stack.ts';

export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-test-'));
  // The services are not started here: their ports only fill the environment tests start them
  // with, and each test binds ports of its own.
  const ports = {
    gateway: await freePort(), identity: await freePort(), credentials: await freePort(), audit: await freePort(),
    postgres: 0, temporal: 0, temporalUi: null, metrics: await freePort(), workerMetrics: await freePort(),
  };
  const stack = await startStack({ dataDir, ports, env: 'test', progress: silentProgress, services: false, ephemeral: true, logLevel: 'warn' });
  const info: TestStackInfo = {
    dataDir,
    superuserUrl: stack.postgres.superuserUrl(),
    temporalAddress: stack.temporal.address,
    serviceEnv: {
      identity: stack.serviceEnv('identity'),
      credentials: stack.serviceEnv('credentials'),
      audit: stack.serviceEnv('audit'),
      worker: stack.serviceEnv('worker'),
      gateway: stack.serviceEnv('gateway'),
    },
  };
  process.env.CREDENCE_TEST_STACK = JSON.stringify(info);
  (globalThis as { credenceTestStack?: typeof stack }).credenceTestStack = stack;
}
