// What the organization export workflow and its callers (the identity subgraph, the tests) agree
// on: its id and its input. No I/O: the workflow bundle and the subgraph both import it.
export const ORGANIZATION_EXPORT_WORKFLOW = 'organizationExportWorkflow';

/** One workflow per export request: starting it twice is safe (the running one is kept). */
export const organizationExportWorkflowId = (exportId: string) => `organization-export:${exportId}`;

export interface OrganizationExportInput {
  exportId: string;
  organizationId: string;
}

/** How the run ended: its package kept until its window ended and then removed, its build failed (recorded with a code), or nothing to do (failed or expired already). */
export type OrganizationExportOutcome = 'expired' | 'failed' | 'skipped';

/** Why a build failed, as the export row records it (failure_code). */
export const EXPORT_FAILURES = {
  windowClosed: 'EXPORT_WINDOW_CLOSED',
  noStorage: 'STORAGE_UNAVAILABLE',
  unreadable: 'DATA_UNREADABLE',
  buildFailed: 'EXPORT_BUILD_FAILED',
} as const;
