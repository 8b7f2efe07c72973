// Histories recorded from real runs of the background audit job workflow (audit-jobs.int.test.ts
// with RECORD_HISTORIES=1), replayed against today's code: a change that would make a run take
// another path than the one it took fails here. Record them again only for a deliberate change.
import { describeHistoryReplay } from '../../test/support/replay.ts';

describeHistoryReplay('auditJobWorkflow', new URL('./histories/', import.meta.url), [
  'chain-verification',
  'export-json-lines',
  'export-csv',
  'failed',
]);
