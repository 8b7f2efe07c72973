// A verification worker in a process of its own, for tests that kill it (SIGKILL) mid-run and
// start another: the real worker (createWorker) with the test stack's activity dependencies and
// the source stand-ins whose URLs it is given. Prints "ready" once it polls its task queue.
//   CREDENCE_TEST_WORKER='{"taskQueue": "...", "sources": {...VerificationSourcesConfig}, "timings": {...}, "auditJobChunkEvents": 10}'
import { Client, Connection } from '@temporalio/client';
import { openDatabase } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { createVerificationSources } from '../../workflows/credential-verification/sources/index.ts';
import { createWorker } from '../../workflows/worker.ts';
import { testActivityDeps, testStack } from './stack.ts';

const settings = JSON.parse(process.env.CREDENCE_TEST_WORKER ?? '{}');
const stack = testStack();
const logger = createLogger({ service: 'worker', level: 'silent' });
const orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
const base = await testActivityDeps(orm);
const connection = await Connection.connect({ address: stack.temporalAddress });
const verification = {
  ...base.verification,
  sources: createVerificationSources(settings.sources),
  timings: settings.timings,
  client: new Client({ connection }),
  taskQueue: settings.taskQueue,
};
const { worker } = await createWorker({ temporal: { address: stack.temporalAddress, namespace: 'default', taskQueue: settings.taskQueue }, deps: { ...base, verification, ...(settings.auditJobChunkEvents ? { auditJobs: { chunkEvents: settings.auditJobChunkEvents } } : {}) }, logger });
const running = worker.run();
process.stdout.write('ready\n');
process.on('SIGTERM', () => worker.shutdown());
await running;
await connection.close();
await orm.close();
