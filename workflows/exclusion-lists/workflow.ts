// Daily (schedule `exclusion-list-import`) and on demand: each configured exclusion list imported
// (a file already imported is skipped), then every physician screened against the lists, batch by
// batch, then the monitoring of credentialed physicians: a new match of a decided file raises an
// alert and sends the file back to review. A long screening continues as a new run, carrying its
// cursor and counts, so that no run's history grows without bound.
import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { CredentialingActivities } from '../credentialing-cycle/activities.ts';
import type { ExclusionListActivities } from './activities.ts';
import { emptyTotals, type ExclusionListImportInput, type ExclusionListImportResult, type ImportSummary } from './shared.ts';

const DEFAULT_BATCH_SIZE = 500;
/** Batches per run before continuing as new (each batch adds a few events to the history). */
export const BATCHES_PER_RUN = 200;

const { importExclusionList } = proxyActivities<ExclusionListActivities>({
  // A download and an 80,000-row import take seconds; the heartbeat says it is still going.
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 5, initialInterval: '30 seconds', backoffCoefficient: 2 },
});

const { screenPhysicians } = proxyActivities<ExclusionListActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5 },
});

const { raiseMonitoringAlerts } = proxyActivities<CredentialingActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5 },
});

/** Alerts raised per activity call (each signals its physician's cycle). */
const ALERT_BATCH = 200;

export async function exclusionListImportWorkflow(input: ExclusionListImportInput): Promise<ExclusionListImportResult> {
  const batchSize = input.batchSize ?? DEFAULT_BATCH_SIZE;
  let imports: ImportSummary[] = input.continued?.imports ?? [];
  if (!input.continued) {
    for (const source of input.lists) {
      const result = await importExclusionList(source);
      imports = [...imports, { list: result.list, kind: result.kind, status: result.status, rows: result.rows, removed: result.removed }];
    }
  }
  const totals = input.continued?.totals ?? emptyTotals();
  let afterId: string | null = input.continued?.afterId ?? null;
  for (let batches = 0; ; batches += 1) {
    if (batches === BATCHES_PER_RUN && afterId !== null) {
      return continueAsNew<typeof exclusionListImportWorkflow>({ ...input, continued: { afterId, totals, imports } });
    }
    const batch = await screenPhysicians({ afterId, limit: batchSize });
    totals.screened += batch.screened;
    totals.clear += batch.clear;
    totals.possibleMatches += batch.possibleMatches;
    totals.excluded += batch.excluded;
    totals.newMatches += batch.newMatches;
    totals.clearedMatches += batch.clearedMatches;
    afterId = batch.nextAfterId;
    if (afterId === null) break;
  }
  // Monitoring: whatever the screening found new about a credentialed physician. Bounded per run;
  // what is left is raised after the next import.
  for (let batches = 0; batches < BATCHES_PER_RUN; batches += 1) {
    const alerts = await raiseMonitoringAlerts({ limit: ALERT_BATCH });
    if (!alerts.more) break;
  }
  return { imports, screening: totals };
}
