// What the organization offboarding workflow and its callers (the identity subgraph, the tests)
// agree on: its id, its messages and the shapes they carry. No I/O: the workflow bundle and the
// subgraph both import it.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Role } from '../../domain/permission-matrix.ts';

export const ORGANIZATION_OFFBOARDING_WORKFLOW = 'organizationOffboardingWorkflow';

/** One workflow per organization: starting it twice is safe (the running one is kept). */
export const offboardingWorkflowId = (organizationId: string) => `organization-offboarding:${organizationId}`;

export interface OffboardingInput {
  organizationId: string;
  /** When the export window closes (ISO 8601): then the data keys are destroyed and the data deleted. */
  exportWindowEndsAt: string;
  /** Reminders to the owners, in milliseconds before the window closes (30, 7 and 1 days by default); those already past are skipped. */
  remindersBeforeEndMs: number[];
  /** Rows deleted per batch (one short transaction each). */
  deletionBatchRows: number;
  /** How often the backups are checked after the deletion, until none older than it is kept (daily when left out: workflows started before it existed). */
  backupCheckIntervalMs?: number;
}

/** Who reinstates: carried from the caller the subgraph verified, checked again by the validator. */
export interface Reinstater {
  userId: string;
  organizationId: string;
  role: Role;
  requestId: string;
  sourceIp: string | null;
  mfaEnrollmentOnly?: boolean;
}

export type OffboardingPhase = 'export_window' | 'reinstated' | 'deleting' | 'awaiting_backup_expiry' | 'deleted';

export interface OffboardingState {
  phase: OffboardingPhase;
  remindersSent: number;
}

/** A platform administrator's reinstatement before the window closes: the deletion is cancelled. */
export const reinstateUpdate = defineUpdate<OffboardingState, [Reinstater]>('reinstate');
export const offboardingStateQuery = defineQuery<OffboardingState>('offboardingState');

/** Why the validator refused a reinstatement: the subgraph maps these to its error codes. */
export const REINSTATEMENT_REFUSALS = {
  forbidden: 'FORBIDDEN',
  tooLate: 'REINSTATEMENT_TOO_LATE',
} as const;

/** The reminders' default, in days before the window closes. */
export const DEFAULT_REMINDER_DAYS = [30, 7, 1] as const;

/** The backups' check interval of workflows started without one. */
export const DEFAULT_BACKUP_CHECK_INTERVAL_MS = 86_400_000;
