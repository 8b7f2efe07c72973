// Histories recorded from real runs of the breach-notification workflow (workflow.int.test.ts
// with RECORD_HISTORIES=1), replayed against today's code: a change that would make a running
// incident's workflow take another path than the one it took fails here, before it reaches a
// worker that holds such workflows. Record them again only for a deliberate, versioned change.
import { describeHistoryReplay } from '../../test/support/replay.ts';

describeHistoryReplay('breachNotificationWorkflow', new URL('./histories/', import.meta.url), [
  'counts-changed',
  'delays',
  'escalation',
  'met-first',
  'not-a-breach',
  'reminder',
]);
