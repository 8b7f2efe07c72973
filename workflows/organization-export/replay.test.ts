// Histories recorded from real runs of the organization export workflow (export.int.test.ts with
// RECORD_HISTORIES=1), replayed against today's code: a change that would make a running export
// take another path than the one it took fails here. Record them again only for a deliberate,
// versioned change.
import { describeHistoryReplay } from '../../test/support/replay.ts';

describeHistoryReplay('organizationExportWorkflow', new URL('./histories/', import.meta.url), [
  'expired',
  'ready-until-window-ends',
]);
