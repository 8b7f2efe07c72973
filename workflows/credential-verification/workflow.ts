// One credential, checked at each of its primary sources, reviewed by a person when a check leaves
// doubt, then watched until it expires. Started (or restarted) by the dispatcher for every
// verification request: a new credential, a new number, state or expiry, requestVerification.
//
//   checks ──all verified──▶ VERIFIED ─────────────────────────────┐
//     │ a source down: SOURCE_UNAVAILABLE, asked again with growing  │
//     │ intervals, then to review                                    ▼
//     └─doubt─▶ NEEDS_REVIEW ─decision─▶ VERIFIED / REJECTED    expiry watch: reminders
//                 └─no decision within the window: escalated     90, 60, 30, 7 days before,
//                                                                 EXPIRED after the expiry date
// A new request at any point starts the checks over (continue-as-new), so each run's history
// stays small and its decisions are about the credential as it now is. A provider's result (a
// signed webhook) is recorded as a check whenever it arrives; it settles a source the run is
// waiting for, and while a review is open it is there for the reviewer, who still decides.
import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, patched, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { isRole, roleMay } from '../../domain/permission-matrix.ts';
import type { BegunVerification, CredentialVerificationActivities, CheckOutcome } from './activities.ts';
import {
  PROVIDER_RESULTS, PROVIDER_RESULT_LIMITS, PROVIDER_SOURCES, REASON_CODE_PATTERN, REVIEW_REFUSALS,
  providerResult, resolveReviewUpdate, verificationRequested, verificationStateQuery,
  type CredentialVerificationInput, type DecidedReview, type ProviderResult, type ReviewResolution, type VerificationState,
} from './shared.ts';

// The checks call sources over the network, with their own attempts and heartbeats; the activity
// retries cover the worker or the database failing under them (see `checksFor`).
const checksFor = (timings: CredentialVerificationInput['timings']) => proxyActivities<CredentialVerificationActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: timings.checkHeartbeatTimeoutMs ?? 30_000,
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});
// Records are short transactions in the worker's own database: local activities, run by the worker
// that runs the workflow, without a round trip through the Temporal server for each.
const records = proxyLocalActivities<CredentialVerificationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const DAY_MS = 24 * 3600_000;

/** The first instant of the day after `date` (YYYY-MM-DD), UTC: a credential is valid through its expiry date. */
export function expiryInstant(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) + DAY_MS;
}

/** The expiry reminders of a credential: at each configured number of days before its expiry date, latest first. */
function remindersBefore(expiresOn: string, reminderDays: number[]): { days: number; at: number }[] {
  const expiryDay = expiryInstant(expiresOn) - DAY_MS;
  return [...reminderDays].sort((a, b) => b - a).map((days) => ({ days, at: expiryDay - days * DAY_MS }));
}

const firstReminderAfter = (reminders: { at: number }[], now: number): string | null => {
  const next = reminders.find((reminder) => reminder.at > now);
  return next ? new Date(next.at).toISOString() : null;
};

/**
 * The gateway checked the result already; this keeps a signal from anywhere else from becoming a
 * record the database refuses (an activity retried forever).
 */
function isProviderResult(value: ProviderResult): boolean {
  return typeof value?.webhookId === 'string' && /^[A-Za-z0-9_.:-]{1,128}$/.test(value.webhookId)
    && (PROVIDER_SOURCES as readonly string[]).includes(value.source) && (PROVIDER_RESULTS as readonly string[]).includes(value.result)
    && Array.isArray(value.problems) && value.problems.length <= PROVIDER_RESULT_LIMITS.problems
    && value.problems.every((problem) => typeof problem?.field === 'string' && typeof problem.code === 'string')
    && typeof value.bodyBase64 === 'string' && value.bodyBase64.length <= Math.ceil(PROVIDER_RESULT_LIMITS.bodyBytes / 3) * 4;
}

export async function credentialVerificationWorkflow(input: CredentialVerificationInput): Promise<VerificationState> {
  const { credentialId, timings } = input;
  const checks = checksFor(timings);
  const workflowRunId = workflowInfo().runId;
  const state: VerificationState = { status: 'PENDING', pendingReviewId: null, nextReminderAt: null, phase: 'checking' };
  let restartRequested = false;
  let deciding = false;
  let decided: DecidedReview | null = null;
  // Provider results wait here for the main flow, which records them at its next step.
  const providerResults: ProviderResult[] = [];
  const webhooksTaken = new Set<string>();

  setHandler(verificationRequested, () => {
    restartRequested = true;
  });
  setHandler(providerResult, (result) => {
    if (!isProviderResult(result) || webhooksTaken.has(result.webhookId)) return;
    webhooksTaken.add(result.webhookId);
    providerResults.push(result);
  });
  // The request that started this run is delivered with its start: it is this run.
  restartRequested = false;
  setHandler(verificationStateQuery, () => state);
  setHandler(
    resolveReviewUpdate,
    async (resolution) => {
      deciding = true;
      try {
        decided = await records.recordReviewDecision({ ...resolution, credentialId });
        state.status = decided.status;
        state.pendingReviewId = null;
        return decided;
      } finally {
        deciding = false;
      }
    },
    {
      validator: (resolution: ReviewResolution) => {
        const { reviewer } = resolution;
        if (!isRole(reviewer?.role) || !roleMay(reviewer.role, 'verification.review') || reviewer.organizationId !== input.organizationId) {
          throw ApplicationFailure.create({ type: REVIEW_REFUSALS.forbidden, message: 'Your role may not decide verification reviews', nonRetryable: true });
        }
        if (state.pendingReviewId === null || resolution.reviewId !== state.pendingReviewId || deciding || decided !== null) {
          throw ApplicationFailure.create({ type: REVIEW_REFUSALS.noSuchReview, message: 'This review is not waiting for a decision', nonRetryable: true });
        }
        if ((resolution.decision !== 'APPROVED' && resolution.decision !== 'REJECTED') || !REASON_CODE_PATTERN.test(resolution.reasonCode ?? '')) {
          throw ApplicationFailure.create({ type: REVIEW_REFUSALS.badInput, message: 'decision must be APPROVED or REJECTED and reasonCode a short code (a-z, 0-9, _)', nonRetryable: true });
        }
      },
    },
  );

  /** Records every provider result that has arrived, as checks of this run; returns what they said. */
  async function recordProviderResults(): Promise<CheckOutcome[]> {
    const recorded: CheckOutcome[] = [];
    while (providerResults.length > 0) {
      const next = providerResults.shift()!;
      recorded.push(await records.recordProviderCheck({ credentialId, workflowRunId, providerResult: next }));
    }
    return recorded;
  }

  /** Waits until `at` (workflow time), recording provider results meanwhile; true when a new request came first. */
  async function waitUntil(at: number): Promise<boolean> {
    for (;;) {
      const woken = await condition(() => restartRequested || providerResults.length > 0, at - Date.now());
      if (!woken) return false;
      if (restartRequested) return true;
      await recordProviderResults();
      if (at <= Date.now()) return restartRequested;
    }
  }

  /** The run ends: results that arrived last are recorded too. */
  async function finish(): Promise<VerificationState> {
    await recordProviderResults();
    return state;
  }

  /** Starts the checks over for the credential as it now is. */
  async function restart(): Promise<never> {
    await condition(allHandlersFinished);
    if (state.pendingReviewId !== null) await records.supersedeReview({ reviewId: state.pendingReviewId });
    await recordProviderResults();
    return continueAsNew<typeof credentialVerificationWorkflow>(input);
  }

  // The checks, each source on its own; an unavailable source is asked again with growing
  // intervals until it answers, a provider answers for it, or the give-up time has passed. The run
  // begins in the activity of its first checks (one activity task instead of a local activity and
  // then an activity); runs from before that began with their own local activity.
  let begun: BegunVerification;
  let outcomes: CheckOutcome[];
  if (patched('begin-with-first-checks')) {
    ({ outcomes, ...begun } = await checks.beginChecks({ credentialId, workflowRunId }));
  } else {
    begun = await records.beginVerification({ credentialId, workflowRunId });
    outcomes = begun.removed ? [] : await checks.runChecks({ credentialId, sources: begun.sources, workflowRunId });
  }
  if (begun.removed) {
    state.phase = 'done';
    return finish();
  }
  const giveUpAt = Date.now() + timings.unavailableGiveUpMs;
  let wait = timings.unavailableRetryFirstMs;
  const unavailable = (outcome: CheckOutcome) => outcome.result === 'SOURCE_UNAVAILABLE';
  while (outcomes.some(unavailable) && Date.now() + wait <= giveUpAt) {
    state.status = 'SOURCE_UNAVAILABLE';
    state.phase = 'waiting_for_source';
    await records.recordStatus({ credentialId, status: 'SOURCE_UNAVAILABLE' });
    const askAgainAt = Date.now() + wait;
    for (;;) {
      const woken = await condition(() => restartRequested || providerResults.length > 0, askAgainAt - Date.now());
      if (!woken) break;
      if (restartRequested) return restart();
      // A provider's answer for a source still unavailable takes its place: that source is not asked again.
      const answers = await recordProviderResults();
      outcomes = outcomes.map((outcome) => (unavailable(outcome) ? (answers.findLast((answer) => answer.source === outcome.source) ?? outcome) : outcome));
      if (!outcomes.some(unavailable) || askAgainAt <= Date.now()) break;
    }
    if (!outcomes.some(unavailable)) break;
    const again = await checks.runChecks({ credentialId, sources: outcomes.filter(unavailable).map((outcome) => outcome.source), workflowRunId });
    outcomes = outcomes.map((outcome) => again.find((answer) => answer.source === outcome.source) ?? outcome);
    wait = Math.min(wait * 2, timings.unavailableRetryMaxMs);
  }
  if (restartRequested) return restart();

  const reasons = [...begun.reviewReasons, ...outcomes.filter((outcome) => outcome.result !== 'VERIFIED').map((outcome) => `${outcome.result}:${outcome.source}`)];
  const reminders = begun.expiresOn ? remindersBefore(begun.expiresOn, timings.reminderDays) : [];
  let recordedReminderAt: string | null = null;
  if (reasons.length === 0) {
    state.status = 'VERIFIED';
    recordedReminderAt = firstReminderAfter(reminders, Date.now());
    await records.recordStatus({ credentialId, status: 'VERIFIED', nextReminderAt: recordedReminderAt });
  } else {
    state.phase = 'in_review';
    state.status = 'NEEDS_REVIEW';
    state.pendingReviewId = await records.openReview({ credentialId, workflowRunId, reasons });
    let escalated = false;
    const escalateAt = Date.now() + timings.reviewWindowMs;
    while (decided === null) {
      const untilEscalation = escalated ? undefined : escalateAt - Date.now();
      if (untilEscalation !== undefined && untilEscalation <= 0) {
        await records.escalateReview({ reviewId: state.pendingReviewId });
        escalated = true;
        continue;
      }
      const settled = await condition(() => decided !== null || (restartRequested && !deciding) || providerResults.length > 0, untilEscalation);
      if (decided !== null) break;
      if (providerResults.length > 0) {
        // Recorded for the reviewer; the review stays open, a person decides.
        await recordProviderResults();
        continue;
      }
      if (restartRequested) return restart();
      if (!settled && !escalated) {
        await records.escalateReview({ reviewId: state.pendingReviewId });
        escalated = true;
      }
    }
    if ((decided as DecidedReview).decision === 'REJECTED') {
      state.phase = 'done';
      return finish();
    }
  }

  // The expiry watch: a reminder at each of the configured days before expiry, EXPIRED after it.
  if (begun.expiresOn) {
    state.phase = 'watching_expiry';
    const expiresAt = expiryInstant(begun.expiresOn);
    // Watching starts late (a credential recorded 20 days before it expires): the latest reminder
    // already due goes out now, the earlier ones not at all.
    const due = reminders.filter((reminder) => reminder.at <= Date.now());
    if (due.length > 0 && expiresAt > Date.now()) await records.sendExpiryReminder({ credentialId });
    for (const reminder of reminders) {
      if (reminder.at <= Date.now()) continue;
      state.nextReminderAt = new Date(reminder.at).toISOString();
      if (state.nextReminderAt !== recordedReminderAt) await records.recordNextReminder({ credentialId, nextReminderAt: state.nextReminderAt });
      recordedReminderAt = null;
      if (await waitUntil(reminder.at)) return restart();
      await records.sendExpiryReminder({ credentialId });
    }
    state.nextReminderAt = null;
    await records.recordNextReminder({ credentialId, nextReminderAt: null });
    if (expiresAt > Date.now() && (await waitUntil(expiresAt))) return restart();
    state.status = 'EXPIRED';
    await records.markExpired({ credentialId });
  }
  state.phase = 'done';
  return finish();
}
