// How a service starts a workflow after its commit: only when Temporal answers within a few
// seconds, so that a request never waits long on it. A workflow not started then is started by
// its sweep (a schedule reading the request rows that have none yet).
import type { Client } from '@temporalio/client';

/**
 * How long a start (or the question whether Temporal answers) may take before the sweep is left to
 * do it. Without a bound the client retries an unreachable server for about 20 s, longer than the
 * gateway waits for a subgraph (15 s by default), and the caller would get a timeout instead of
 * being told to try again.
 */
export const TEMPORAL_ANSWERS_WITHIN_MS = 3_000;

/** Whether the Temporal server answers within TEMPORAL_ANSWERS_WITHIN_MS. */
export async function temporalAnswers(client: Client): Promise<boolean> {
  try {
    await client.connection.withDeadline(Date.now() + TEMPORAL_ANSWERS_WITHIN_MS, () => client.connection.workflowService.getSystemInfo({}));
    return true;
  } catch {
    return false;
  }
}
