// A terminated organization's data export (subgraphs/identity/organization-export.ts asks for
// it): the request is marked as building, the worker reads, decrypts, packages and seals the
// organization's data in one heartbeating activity (retried a few times: a worker that dies
// mid-build is noticed within the heartbeat timeout), and a build that fails for good is recorded
// as FAILED with its code, so the owner sees it and asks again. A package is kept until the end of
// the window it was made for, then removed (EXPIRED): the deletion removes it at that moment too,
// and a reinstated organization's packages go all the same.
import { ActivityFailure, ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { OrganizationExportActivities } from './activities.ts';
import { EXPORT_FAILURES, type OrganizationExportInput, type OrganizationExportOutcome } from './shared.ts';

const { startOrganizationExport, markOrganizationExportFailed, expireOrganizationExport } = proxyActivities<OrganizationExportActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { buildOrganizationExport } = proxyActivities<OrganizationExportActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 3 },
});

export async function organizationExportWorkflow(input: OrganizationExportInput): Promise<OrganizationExportOutcome> {
  const started = await startOrganizationExport(input);
  if (started.build) {
    try {
      await buildOrganizationExport(input);
    } catch (error) {
      const cause = error instanceof ActivityFailure ? error.cause : null;
      const code = cause instanceof ApplicationFailure && cause.type && /^[A-Z][A-Z_]{0,63}$/.test(cause.type) ? cause.type : EXPORT_FAILURES.buildFailed;
      await markOrganizationExportFailed({ ...input, code });
      return 'failed';
    }
  } else if (started.status !== 'READY') {
    return 'skipped';
  }
  const untilExpiry = new Date(started.expiresAt).getTime() - Date.now();
  if (untilExpiry > 0) await sleep(untilExpiry);
  await expireOrganizationExport(input);
  return 'expired';
}
