// Histories recorded from real runs of the offboarding workflow (termination.int.test.ts and
// deletion.int.test.ts with RECORD_HISTORIES=1), replayed against today's code: a change that
// would make a running offboarding take another path than the one it took fails here. Record them
// again only for a deliberate, versioned change.
import { describeHistoryReplay } from '../../test/support/replay.ts';

describeHistoryReplay('organizationOffboardingWorkflow', new URL('./histories/', import.meta.url), [
  // Deleted and certified at once (a v1 certificate), before the backup confirmation (patched 'backup-confirmation').
  'deleted-after-reminder',
  'reinstated',
  'certified-without-backup-adapter',
  'certified-after-backup-purge',
]);
