// Histories recorded from real runs of the credentialing cycle (workflow.int.test.ts with
// RECORD_HISTORIES=1), replayed against today's code: a change that would make a running cycle
// take another path than the one it took fails here, before it reaches a worker that holds
// cycles (which run for decades). Record them again only for a deliberate, versioned change.
import { describeHistoryReplay } from '../../test/support/replay.ts';

describeHistoryReplay('credentialingCycleWorkflow', new URL('./histories/', import.meta.url), [
  'approved-then-recredentialing',
  'first-credential-to-decision',
  'monitoring-alert-denied',
  'stale-then-rechecked',
]);
