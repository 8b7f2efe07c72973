// /readyz: every subgraph ready (each checks its own database) and Temporal reachable with a
// worker polling the task queue. One check serves every caller for a second (READINESS_CACHE_MS):
// each fans out to three subgraphs, their databases and Temporal, and anyone may call /readyz.
import { Connection } from '@temporalio/client';
import type { GatewayConfig, SubgraphName } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';

/** 'ok', or what is wrong. */
export type CheckResult = string;

export interface Readiness {
  check(): Promise<{ ready: boolean; checks: Record<string, CheckResult> }>;
  close(): Promise<void>;
}

const TIMEOUT_MS = 2_000;
/** How long one check's answer is given to every caller of /readyz, counted from when it was had. */
export const READINESS_CACHE_MS = 1_000;

type ReadinessResult = Awaited<ReturnType<Readiness['check']>>;

export function createReadiness(config: Readonly<GatewayConfig>, logger: Logger): Readiness {
  let connection: Connection | undefined;

  async function temporalConnection(): Promise<Connection> {
    connection ??= await Connection.connect({ address: config.temporal.address, connectTimeout: TIMEOUT_MS });
    return connection;
  }

  async function checkSubgraph(name: SubgraphName): Promise<CheckResult> {
    // eslint-disable-next-line security/detect-object-injection -- a SubgraphName, from the constant list of subgraphs
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

  async function checkAll(): Promise<ReadinessResult> {
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
  }

  let cached: { result: ReadinessResult; until: number } | undefined;
  let inFlight: Promise<ReadinessResult> | undefined;
  return {
    async check() {
      if (cached && Date.now() < cached.until) return cached.result;
      // Callers that arrive while a check runs wait for that one rather than start their own.
      inFlight ??= checkAll()
        .then((result) => {
          cached = { result, until: Date.now() + READINESS_CACHE_MS };
          return result;
        })
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
    async close() {
      await connection?.close();
    },
  };
}
