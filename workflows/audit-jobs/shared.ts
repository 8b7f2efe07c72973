// What the audit subgraph and the worker agree on about background audit jobs: the workflow's
// name and id, and what a job's parameters and result are.
import type { ChainReport } from '../../domain/audit-chain.ts';
import type { ExportFormat } from '../../domain/audit-export-format.ts';

export const AUDIT_JOB_WORKFLOW = 'auditJobWorkflow';
export const auditJobWorkflowId = (jobId: string) => `audit-job:${jobId}`;

/** How long the file of a finished export job is kept (then swept with audit.exports). */
export const AUDIT_JOB_FILE_HOURS = 24;

export type AuditJobKind = 'CHAIN_VERIFICATION' | 'EXPORT';

export interface ChainVerificationParameters {
  fromSequence: number | null;
  toSequence: number | null;
}

/** `to` is fixed when the job is asked for, so the file is of the log as it stood then. */
export interface ExportParameters {
  from: string | null;
  to: string;
  format: ExportFormat;
}

export type ChainVerificationResult = ChainReport;

export interface ExportResult {
  storageKey: string;
  bytes: number;
  sha256: string;
  eventCount: number;
}
