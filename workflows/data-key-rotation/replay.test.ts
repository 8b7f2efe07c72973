// Histories recorded from real runs (workflow.int.test.ts with RECORD_HISTORIES=1), replayed
// against today's code: a change that would make a run take another path than the one it took
// fails here. Record them again only for a deliberate change. `data-key-two-batches` is a run from
// before verification evidence was re-encrypted: a rotation under way then still replays.
import { describeHistoryReplay } from '../../test/support/replay.ts';

describeHistoryReplay('dataKeyRotationWorkflow', new URL('./histories/data-key/', import.meta.url), ['data-key-two-batches', 'data-key-two-batches-and-evidence']);
describeHistoryReplay('keyRotationScheduleWorkflow', new URL('./histories/schedule/', import.meta.url), ['schedule-kek-and-data-key']);
