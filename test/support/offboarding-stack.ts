// The real stack as the suites of an organization's offboarding meet it: three subgraphs and a
// gateway, identity starting its workflows on a task queue of the suite's own (an hour's export
// window, the start sweep every second), the real worker on that queue on the Temporal dev server,
// the identity and worker roles' databases, and a superuser connection to read any schema.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { openDatabase } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { createWorker } from '../../workflows/worker.ts';
import { sendThroughGateway } from './factories.ts';
import { gatewayHarness } from './gateway-harness.ts';
import { testActivityDeps, testStack } from './stack.ts';

/** Starts it all on a task queue named after `suite`; `stop` stops all of it (also what a start that failed midway had started). */
export async function startOffboardingStack(suite: string) {
  const stack = testStack();
  const taskQueue = `test-${suite}-${randomUUID()}`;
  const harness = gatewayHarness({
    subgraphEnv: { identity: { TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_TASK_QUEUE: taskQueue, ORGANIZATION_EXPORT_WINDOW: 'PT1H', OFFBOARDING_START_SWEEP_SECONDS: '1' } },
  });
  const logger = createLogger({ service: 'test', level: 'silent' });
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const close of stops.reverse()) await close();
  };
  try {
    stops.push(() => harness.stopSubgraphs());
    await harness.startSubgraphs();
    const gateway = await harness.startGateway({ AUTH_RATE_LIMIT_PER_MINUTE: '1000', REVOCATION_POLL_SECONDS: '1' });
    stops.push(() => gateway.stop());
    const identityOrm = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
    stops.push(() => identityOrm.close());
    const workerOrm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
    stops.push(() => workerOrm.close());
    const superuser = new pg.Client({ connectionString: stack.superuserUrl });
    await superuser.connect();
    stops.push(() => superuser.end());
    const connection = await Connection.connect({ address: stack.temporalAddress });
    stops.push(() => connection.close());
    const { worker, connection: workerConnection } = await createWorker({
      temporal: { address: stack.temporalAddress, namespace: 'default', taskQueue }, deps: await testActivityDeps(workerOrm), logger,
    });
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
      await workerConnection.close();
    });
    const send = sendThroughGateway(() => gateway.url);
    return { gateway, subgraphUrls: harness.subgraphUrls, identityOrm, workerOrm, superuser, connection, client: new Client({ connection }), send, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type OffboardingStack = Awaited<ReturnType<typeof startOffboardingStack>>;
