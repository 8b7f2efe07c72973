// Histories recorded from real runs of the credential verification workflow (workflow.int.test.ts
// with RECORD_HISTORIES=1), replayed against today's code: a change that would make a running
// workflow take another path than the one it took fails here, before it reaches a worker that
// holds such workflows. Record them again only for a deliberate, versioned change.
import { describeHistoryReplay } from '../../test/support/replay.ts';

describeHistoryReplay('credentialVerificationWorkflow', new URL('./histories/', import.meta.url), [
  'mismatch-reviewed',
  'reviewed-then-expired',
  'source-outage-recovers',
  'verified-then-watching',
  // The same runs after the start of a run moved into the activity of its first checks.
  'mismatch-reviewed-begun-with-checks',
  'reviewed-then-expired-begun-with-checks',
  'source-outage-recovers-begun-with-checks',
  'verified-then-watching-begun-with-checks',
]);
