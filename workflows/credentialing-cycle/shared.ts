// What the credentialing cycle workflow and its callers (the credentials subgraph, the
// dispatcher, the verification and exclusion-list activities, the tests) agree on: its id, its
// messages and the shapes they carry. No I/O: the workflow bundle and the subgraph both import it.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Role } from '../../domain/permission-matrix.ts';

export const CREDENTIALING_CYCLE_WORKFLOW = 'credentialingCycleWorkflow';

/** One workflow per physician and organization; each cycle (initial, then every re-credentialing) is a run of its own (continue-as-new). */
export const credentialingWorkflowId = (organizationId: string, physicianId: string) => `credentialing:${organizationId}:${physicianId}`;

export type CredentialingKind = 'INITIAL' | 'RECREDENTIALING';
export type CredentialingStatus = 'IN_PROGRESS' | 'READY' | 'DECIDED' | 'NEEDS_REVIEW' | 'LAPSED' | 'CLOSED';
export const CREDENTIALING_DECISIONS = ['APPROVED', 'DENIED', 'DEFERRED'] as const;
export type CredentialingDecisionValue = (typeof CREDENTIALING_DECISIONS)[number];

const DAY_MS = 24 * 3600_000;

/** How long things take (NCQA's rules, DOMAIN.md); from the worker's configuration, so tests can place dates near. */
export interface CredentialingTimings {
  /** Re-credentialing is due this long after the decision (36 months). */
  recredentialAfterMs: number;
  /** Reminders of the due date, this long before it (180, 90 and 30 days); the earliest opens the re-credentialing cycle. */
  remindBeforeMs: number[];
  /** A re-credentialing this long past due goes back to initial credentialing (30 days). */
  pastDueGraceMs: number;
  /** Primary-source checks at most this old at a decision (120 days; 90 for a credentials verification organization). */
  freshForMs: number;
  freshForCvoMs: number;
  /**
   * While waiting for verifications, the file is assessed again at least this often: verification
   * results arrive as signals, this catches one that was lost (the worker died between a commit and its signal).
   */
  reassessEveryMs: number;
}

export const DEFAULT_CREDENTIALING_TIMINGS: CredentialingTimings = {
  recredentialAfterMs: 1095 * DAY_MS,
  remindBeforeMs: [180 * DAY_MS, 90 * DAY_MS, 30 * DAY_MS],
  pastDueGraceMs: 30 * DAY_MS,
  freshForMs: 120 * DAY_MS,
  freshForCvoMs: 90 * DAY_MS,
  reassessEveryMs: DAY_MS,
};

/** What a run carries into the next: the cycle it is, and for a re-credentialing its due date. */
export interface CredentialingCycle {
  number: number;
  kind: CredentialingKind;
  /** ISO instant; re-credentialing cycles only. */
  dueAt: string | null;
}

export interface CredentialingCycleInput {
  organizationId: string;
  physicianId: string;
  timings: CredentialingTimings;
  /** Absent on the first start: the workflow resumes the physician's latest open file. */
  cycle?: CredentialingCycle;
}

/** The dispatcher hands over a request (a new physician, the backfill): starting twice is harmless. */
export const credentialingRequested = defineSignal<[{ requestedAt: string }]>('credentialingRequested');

/**
 * A verification of one of the physician's credentials settled (VERIFIED, REJECTED, EXPIRED), or
 * its exclusion screening ran (no credential, status SCREENED): the file is assessed again.
 */
export const verificationSettled = defineSignal<[{ credentialId: string | null; status: string }]>('verificationSettled');

/** The monthly monitoring found a new exclusion match for the decided file: it goes back to review. */
export const monitoringAlertRaised = defineSignal<[{ alertId: string }]>('monitoringAlertRaised');

/** Who decides: carried from the caller the subgraph verified, checked again by the validator. */
export interface CredentialingDecider {
  userId: string;
  organizationId: string;
  role: Role;
  requestId: string;
  sourceIp: string | null;
}

export interface CredentialingDecisionInput {
  decision: CredentialingDecisionValue;
  /** A short code, never free text. */
  reasonCode: string;
  decider: CredentialingDecider;
}

export interface RecordedCredentialingDecision {
  fileId: string;
  decision: CredentialingDecisionValue;
  decidedAt: string;
  recredentialingDueAt: string | null;
  status: CredentialingStatus;
}

/** The committee's decision (the organization's admins); the validator reads the permission matrix and refuses a file that is not ready. */
export const recordCredentialingDecisionUpdate = defineUpdate<RecordedCredentialingDecision, [CredentialingDecisionInput]>('recordCredentialingDecision');

export interface CredentialingState {
  cycle: CredentialingCycle;
  fileId: string | null;
  status: CredentialingStatus;
  /** What keeps the file from a decision (`missing:state_license`, `stale:npdb`, `excluded`, ...). */
  blockers: string[];
  /** The oldest check the readiness rests on (ISO), and when it turns stale. */
  oldestCheckAt: string | null;
  staleAt: string | null;
  decision: CredentialingDecisionValue | null;
  phase: 'collecting' | 'ready' | 'in_review' | 'watching' | 'done';
}

export const credentialingStateQuery = defineQuery<CredentialingState>('credentialingState');

/** Why the validator (or the decision's own re-check) refused: the subgraph maps these to its error codes. */
export const DECISION_REFUSALS = {
  forbidden: 'FORBIDDEN',
  notReady: 'CREDENTIALING_FILE_NOT_READY',
  badInput: 'BAD_USER_INPUT',
} as const;

export const REASON_CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
