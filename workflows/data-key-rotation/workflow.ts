// Started on demand (`npm run keys:rotate-data-key -- <organization id>`): a new data key version
// for the organization, then every encrypted row re-encrypted under it in the background, batch
// by batch, each batch retried on its own. New writes use the new version from the first step.
import { patched, proxyActivities } from '@temporalio/workflow';
import { ENCRYPTED_TABLES, ENCRYPTED_TABLES_BEFORE_EVIDENCE } from '../../domain/encrypted-columns.ts';
import type { DataKeyRotationActivities } from './activities.ts';

export const DATA_KEY_ROTATION_WORKFLOW = 'dataKeyRotationWorkflow';
const BATCH_SIZE = 500;
const EVIDENCE_PATCH = 'reencrypt-verification-evidence';

const { startDataKeyVersion, reencryptBatch } = proxyActivities<DataKeyRotationActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5 },
});

export async function dataKeyRotationWorkflow(input: { organizationId: string }): Promise<{ version: number; reencrypted: number }> {
  // A rotation started before verification evidence was declared encrypted walks the tables it knew.
  const tables = patched(EVIDENCE_PATCH) ? ENCRYPTED_TABLES : ENCRYPTED_TABLES_BEFORE_EVIDENCE;
  const version = await startDataKeyVersion(input.organizationId);
  let reencrypted = 0;
  for (const table of tables) {
    let afterId: string | null = null;
    do {
      const batch: { reencrypted: number; lastId: string | null } = await reencryptBatch({ organizationId: input.organizationId, table, afterId, limit: BATCH_SIZE });
      reencrypted += batch.reencrypted;
      afterId = batch.lastId;
    } while (afterId !== null);
  }
  return { version, reencrypted };
}
