// /readyz: every subgraph ready (each checks its own database) and Temporal reachable with a
// worker polling the task queue.
import { Connection } from '@temporalio/client';
import type { GatewayConfig, SubgraphName } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';

export type CheckResult = 'ok' | string;

export interface Readiness {
  check(): Promise<{ ready: boolean; checks: Record<string, CheckResult> }>;
  close(): Promise<void>;
}

const TIMEOUT_MS = 2_000;

export function createReadiness(config: Readonly<GatewayConfig>, logger: Logger): Readiness {
  let connection: Connection | undefined;

  async function temporalConnection(): Promise<Connection> {
    connection ??= await Connection.connect({ address: config.temporal.address, connectTimeout: TIMEOUT_MS });
    return connection;
  }

  async function checkSubgraph(name: SubgraphName): Promise<CheckResult> {
    const url = new URL(config.subgraphUrls[name]);
    url.pathname = url.pathname.replace(/\/graphql$/, '') + '/readyz';
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      return response.ok ? 'ok' : `not ready (HTTP ${response.status})`;
    } catch {
      return 'unreachable';
    }
  }

  async function checkTemporal(): Promise<Record<string, CheckResult>> {
    try {
      const temporal = await temporalConnection();
      const deadline = new Date(Date.now() + TIMEOUT_MS);
      await temporal.withDeadline(deadline, () => temporal.workflowService.getSystemInfo({}));
      const queue = await temporal.withDeadline(deadline, () =>
        temporal.workflowService.describeTaskQueue({
          namespace: config.temporal.namespace,
          taskQueue: { name: config.temporal.taskQueue },
          taskQueueType: 1, // workflow task queue
        }),
      );
      return { temporal: 'ok', worker: (queue.pollers?.length ?? 0) > 0 ? 'ok' : 'no worker polling the task queue' };
    } catch {
      return { temporal: 'unreachable', worker: 'unknown' };
    }
  }

  return {
    async check() {
      const [identity, credentials, audit, temporal] = await Promise.all([
        checkSubgraph('identity'),
        checkSubgraph('credentials'),
        checkSubgraph('audit'),
        checkTemporal(),
      ]);
      const checks = { identity, credentials, audit, ...temporal };
      const ready = Object.values(checks).every((result) => result === 'ok');
      if (!ready) logger.warn({ checks }, 'not ready');
      return { ready, checks };
    },
    async close() {
      await connection?.close();
    },
  };
}
