// What the credential verification workflow and its callers (the credentials subgraph, the
// dispatcher, the tests) agree on: its id, its messages and the shapes they carry. No I/O: the
// workflow bundle and the subgraph both import it.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Role } from '../../domain/permission-matrix.ts';

export const CREDENTIAL_VERIFICATION_WORKFLOW = 'credentialVerificationWorkflow';
export const VERIFICATION_DISPATCH_WORKFLOW = 'verificationDispatchWorkflow';

/** One workflow per credential: starting it twice is safe (a second request restarts its checks). */
export const verificationWorkflowId = (credentialId: string) => `credential-verification:${credentialId}`;

export type VerificationStatus = 'PENDING' | 'VERIFIED' | 'NEEDS_REVIEW' | 'SOURCE_UNAVAILABLE' | 'REJECTED' | 'EXPIRED';
export type ReviewDecision = 'APPROVED' | 'REJECTED';

/** How long things take; from the worker's configuration, so tests can make days into seconds. */
export interface VerificationTimings {
  /** Without a decision within this window, a review is escalated to the organization's admins. */
  reviewWindowMs: number;
  /** A source that is unavailable is asked again after this, then after twice as long, ... */
  unavailableRetryFirstMs: number;
  unavailableRetryMaxMs: number;
  /** ... and after this long it goes to review. */
  unavailableGiveUpMs: number;
  /** Expiry reminders, in days before the expiry date. */
  reminderDays: number[];
  /**
   * A check whose worker stops heartbeating for this long (the worker died mid-call) is given to
   * another worker. Longer than one attempt at a source (SOURCE_TIMEOUT_MS), which heartbeats before it.
   */
  checkHeartbeatTimeoutMs?: number;
}

export const DEFAULT_VERIFICATION_TIMINGS: VerificationTimings = {
  reviewWindowMs: 3 * 24 * 3600_000,
  unavailableRetryFirstMs: 15 * 60_000,
  unavailableRetryMaxMs: 24 * 3600_000,
  unavailableGiveUpMs: 7 * 24 * 3600_000,
  reminderDays: [90, 60, 30, 7],
};

export interface CredentialVerificationInput {
  organizationId: string;
  credentialId: string;
  timings: VerificationTimings;
}

/** A new request for the credential (added, changed, asked for again): its checks start over. */
export const verificationRequested = defineSignal<[{ requestedAt: string }]>('verificationRequested');

/** The sources a verification provider (a CVO, a board that answers later) may report for. */
export const PROVIDER_SOURCES = ['STATE_BOARD', 'NPPES', 'DEA', 'BOARD_CERTIFICATION', 'NPDB'] as const;
export type ProviderSource = (typeof PROVIDER_SOURCES)[number];
/** What a provider may report: never SOURCE_UNAVAILABLE (a provider that has no answer sends none). */
export const PROVIDER_RESULTS = ['VERIFIED', 'MISMATCH', 'NOT_FOUND', 'EXCLUDED', 'MANUAL'] as const;
export type ProviderResultValue = (typeof PROVIDER_RESULTS)[number];
/** Bounds of a provider result, checked by the gateway and again by the workflow. */
export const PROVIDER_RESULT_LIMITS = { problems: 50, bodyBytes: 16 * 1024 } as const;

/** A provider's result for one check of the credential, as its signed webhook delivered it. */
export interface ProviderResult {
  /** The webhook's id: the check recorded from it is named after it, so a result is recorded once. */
  webhookId: string;
  source: ProviderSource;
  result: ProviderResultValue;
  /** Which field and why only, like a source's problems. */
  problems: { field: string; code: string }[];
  /** The webhook body exactly as received, base64: kept, encrypted, as the check's evidence. */
  bodyBase64: string;
}

/** A provider's result arrived: recorded as a check; it settles a source the run is waiting for. */
export const providerResult = defineSignal<[ProviderResult]>('providerResult');

/** Who decides a review: carried from the caller the subgraph verified, checked again by the validator. */
export interface Reviewer {
  userId: string;
  organizationId: string;
  role: Role;
  requestId: string;
  sourceIp: string | null;
}

export interface ReviewResolution {
  reviewId: string;
  decision: ReviewDecision;
  /** A short code, never free text. */
  reasonCode: string;
  reviewer: Reviewer;
}

export const REASON_CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export interface DecidedReview {
  reviewId: string;
  credentialId: string;
  decision: ReviewDecision;
  decidedAt: string;
  status: VerificationStatus;
}

/** A person's decision on a pending review; the validator refuses roles the permission matrix does not allow. */
export const resolveReviewUpdate = defineUpdate<DecidedReview, [ReviewResolution]>('resolveReview');

export interface VerificationState {
  status: VerificationStatus;
  pendingReviewId: string | null;
  nextReminderAt: string | null;
  phase: 'checking' | 'waiting_for_source' | 'in_review' | 'watching_expiry' | 'done';
}

export const verificationStateQuery = defineQuery<VerificationState>('verificationState');

/** Why the validator refused an update: the subgraph maps these to its error codes. */
export const REVIEW_REFUSALS = {
  forbidden: 'FORBIDDEN',
  noSuchReview: 'NOT_FOUND',
  badInput: 'BAD_USER_INPUT',
} as const;
