// A terminated organization's offboarding (DESIGN.md, post-termination deletion): the export
// window with reminders to the owners, a reinstatement (an update whose validator reads the
// permission matrix) that cancels everything until the window closes, then the destruction of the
// organization's data keys (crypto-shredding: every copy of its encrypted data, backups included,
// is unreadable from then on) and the deletion of its rows in batches, each batch idempotent and
// recorded with its progress (its credentials' verification workflows ended, its document files, then its rows), so a worker that dies mid-deletion leaves work another finishes.
// Then the backups: checked at intervals until none that finished before the deletion is kept,
// those left at the deadline purged through the backup adapter, and the certificate of deletion
// issued with what the backups showed.
import { ApplicationFailure, condition, patched, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { isRole, roleMay } from '../../domain/permission-matrix.ts';
import type { OrganizationOffboardingActivities } from './activities.ts';
import {
  DEFAULT_BACKUP_CHECK_INTERVAL_MS, offboardingStateQuery, reinstateUpdate, REINSTATEMENT_REFUSALS, type OffboardingInput, type OffboardingState, type Reinstater,
} from './shared.ts';

const {
  recordWorkflowStarted, remindOwners, recordReinstatement, startDeletion, destroyOrganizationKeys, finishDeletion, recordDeletion, checkBackups, purgeBackupsBeforeDeletion, certifyDeletion,
} = proxyActivities<OrganizationOffboardingActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// A batch heartbeats; a worker that dies mid-batch is noticed within the heartbeat timeout and the batch runs again elsewhere.
const { stopOrganizationWorkflows, deleteDocumentFiles, deleteOrganizationBatch } = proxyActivities<OrganizationOffboardingActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export async function organizationOffboardingWorkflow(input: OffboardingInput): Promise<OffboardingState> {
  const { organizationId } = input;
  const state: OffboardingState = { phase: 'export_window', remindersSent: 0 };
  let reinstating = false;
  setHandler(offboardingStateQuery, () => state);
  setHandler(
    reinstateUpdate,
    async (reinstater) => {
      if (state.phase === 'reinstated') return state;
      reinstating = true;
      try {
        await recordReinstatement({ organizationId, reinstater });
      } finally {
        reinstating = false; // a reinstatement that failed leaves the window running
      }
      state.phase = 'reinstated';
      return state;
    },
    {
      validator: (reinstater: Reinstater) => {
        if (!isRole(reinstater?.role) || !roleMay(reinstater.role, 'organization.terminate') || reinstater.mfaEnrollmentOnly) {
          throw ApplicationFailure.create({ type: REINSTATEMENT_REFUSALS.forbidden, message: 'Only a platform administrator, signed in with MFA, may reinstate an organization', nonRetryable: true });
        }
        if (state.phase === 'deleting' || state.phase === 'awaiting_backup_expiry' || state.phase === 'deleted') {
          throw ApplicationFailure.create({ type: REINSTATEMENT_REFUSALS.tooLate, message: 'The export window has closed: the deletion has begun', nonRetryable: true });
        }
      },
    },
  );

  await recordWorkflowStarted(organizationId);
  const endsAt = new Date(input.exportWindowEndsAt).getTime();
  const reminders = [...input.remindersBeforeEndMs].sort((a, b) => b - a).map((before) => endsAt - before).filter((at) => at > Date.now());
  for (const at of reminders) {
    if (await reinstatedBefore(at)) return state;
    await remindOwners({ organizationId, exportWindowEndsAt: input.exportWindowEndsAt, daysLeft: Math.max(1, Math.round((endsAt - at) / 86_400_000)) });
    state.remindersSent += 1;
  }
  if (await reinstatedBefore(endsAt)) return state;

  // From here no reinstatement is accepted (the validator reads the phase).
  state.phase = 'deleting';
  await startDeletion(organizationId);
  await destroyOrganizationKeys(organizationId);
  for (let afterId: string | null = null; ;) {
    afterId = await stopOrganizationWorkflows({ organizationId, afterId, limit: input.deletionBatchRows });
    if (afterId === null) break;
  }
  while ((await deleteDocumentFiles({ organizationId, files: input.deletionBatchRows })) > 0);
  for (;;) {
    const batch = await deleteOrganizationBatch({ organizationId, rows: input.deletionBatchRows });
    if (batch.deleted === 0) break;
  }
  if (patched('backup-confirmation')) {
    const { backupsDeadlineAt } = await recordDeletion(organizationId);
    state.phase = 'awaiting_backup_expiry';
    const deadline = new Date(backupsDeadlineAt).getTime();
    const interval = input.backupCheckIntervalMs ?? DEFAULT_BACKUP_CHECK_INTERVAL_MS;
    // A purge is confirmed by the check after it; one that left backups behind is tried again after an interval.
    for (let justPurged = false; !(await checkBackups(organizationId)).clear;) {
      const now = Date.now();
      if (now >= deadline && !justPurged) {
        await purgeBackupsBeforeDeletion(organizationId);
        justPurged = true;
        continue;
      }
      justPurged = false;
      await sleep(now >= deadline ? interval : Math.min(interval, deadline - now));
    }
    await certifyDeletion(organizationId);
  } else {
    await finishDeletion(organizationId);
  }
  state.phase = 'deleted';
  return state;

  /**
   * Waits until `at` (workflow time), or a reinstatement: true once one is recorded. One in
   * flight is waited for; one that failed leaves the wait going on.
   */
  async function reinstatedBefore(at: number): Promise<boolean> {
    for (;;) {
      const reinstatementStarted = () => reinstating || state.phase === 'reinstated';
      const woken = at > Date.now() ? await condition(reinstatementStarted, at - Date.now()) : reinstatementStarted();
      if (!woken) return false;
      await condition(() => !reinstating);
      if (state.phase === 'reinstated') return true;
    }
  }
}
