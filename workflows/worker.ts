// The Temporal worker: bundles the workflows, registers the activities, polls the task queue.
import { fileURLToPath } from 'node:url';
import { NativeConnection, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import type { TemporalConfig } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import { createActivities, type ActivityDeps } from './activities.ts';
import type { WorkerMetrics } from './metrics.ts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('./index.ts', import.meta.url));

/**
 * Routes the Temporal SDK's own logs into our logger. The SDK's runtime is one per process and
 * knows whether it was installed: a later worker of the process finds it so and leaves it (the
 * SDK re-creates it from the same options if it shut down while idle).
 */
function installRuntime(logger: Logger): void {
  if (Runtime.instantiator === 'install') return;
  Runtime.install({
    logger: {
      log: (level, message, meta) => logger[level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error')]({ ...meta }, message),
      trace: (message, meta) => logger.trace({ ...meta }, message),
      debug: (message, meta) => logger.debug({ ...meta }, message),
      info: (message, meta) => logger.info({ ...meta }, message),
      warn: (message, meta) => logger.warn({ ...meta }, message),
      error: (message, meta) => logger.error({ ...meta }, message),
    },
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } },
  });
}

export async function createWorker(options: { temporal: TemporalConfig; deps: ActivityDeps; logger: Logger; metrics?: WorkerMetrics }) {
  installRuntime(options.logger);
  const connection = await NativeConnection.connect({ address: options.temporal.address });
  const worker = await Worker.create({
    connection,
    namespace: options.temporal.namespace,
    taskQueue: options.temporal.taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: createActivities(options.deps),
    ...(options.metrics ? { interceptors: { activity: [options.metrics.activityInterceptor] } } : {}),
    // Thousands of verification workflows wait and wake at once (a dispatch, an import): their
    // tasks are short, so more of them in flight and more pollers, not more CPU, is what they
    // need (npm run bench -- verification).
    maxConcurrentWorkflowTaskExecutions: 100,
    maxConcurrentWorkflowTaskPolls: 20,
    maxConcurrentActivityTaskPolls: 10,
  });
  return { worker, connection };
}
