// Run daily by the `data-key-rotation` schedule: the key-encryption key replaced once it has
// wrapped the data keys for its period (and every data key re-wrapped under the current one), then
// each organization whose data key is older than its period rotated by the rotation workflow (a
// child per organization, one after another), a bounded number a run (the next run takes the rest).
import { ApplicationFailure, executeChild, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DataKeyRotationActivities } from './activities.ts';
import { DATA_KEY_ROTATION_WORKFLOW, type dataKeyRotationWorkflow } from './workflow.ts';

export const KEY_ROTATION_SCHEDULE_WORKFLOW = 'keyRotationScheduleWorkflow';
const MAX_ORGANIZATIONS_PER_RUN = 100;

const { findDataKeysDue, rotateKeyEncryptionKeyIfDue } = proxyActivities<DataKeyRotationActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5 },
});

export interface KeyRotationScheduleInput {
  /** ISO 8601 durations (DATA_KEY_ROTATION_PERIOD, KEK_ROTATION_PERIOD). */
  dataKeyPeriod: string;
  kekPeriod: string;
}

export interface KeyRotationScheduleResult {
  kek: { due: boolean; rotated: boolean; rewrapped: number };
  rotated: { organizationId: string; version: number; reencrypted: number }[];
}

export async function keyRotationScheduleWorkflow(input: KeyRotationScheduleInput): Promise<KeyRotationScheduleResult> {
  const kek = await rotateKeyEncryptionKeyIfDue(input.kekPeriod);
  const due = (await findDataKeysDue(input.dataKeyPeriod)).slice(0, MAX_ORGANIZATIONS_PER_RUN);
  const rotated: KeyRotationScheduleResult['rotated'] = [];
  const failed: string[] = [];
  for (const organizationId of due) {
    try {
      const result = await executeChild<typeof dataKeyRotationWorkflow>(DATA_KEY_ROTATION_WORKFLOW, {
        workflowId: `data-key-rotation:${organizationId}:${workflowInfo().runId}`,
        args: [{ organizationId }],
      });
      rotated.push({ organizationId, ...result });
    } catch {
      // One organization's failure (its keys destroyed meanwhile, say) holds up no other; the next run tries it again.
      failed.push(organizationId);
    }
  }
  // Failed where people look (the Temporal UI, the activity failure metrics do not see a child).
  if (failed.length > 0) {
    throw ApplicationFailure.nonRetryable(`The data keys of ${failed.length} organization(s) could not be rotated: ${failed.join(', ')}`, 'DATA_KEY_ROTATION_FAILED', { kek, rotated, failed });
  }
  return { kek: { due: kek.due, rotated: kek.rotated, rewrapped: kek.rewrapped }, rotated };
}
