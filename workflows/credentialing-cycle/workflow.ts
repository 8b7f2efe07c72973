// A physician's credentialing in one organization, cycle after cycle. Each run is one cycle
// (continue-as-new into the next), so a run's history stays small over decades:
//
//   collecting ──every required credential verified, checks fresh──▶ READY ──decision──▶ APPROVED: watching
//     ▲  stale checks asked for again by the cycle itself              │   DEFERRED: collecting again
//     └────────────────────────────────────────────────────────────────┘   DENIED: the workflow ends
//   watching: a monitoring alert ─▶ NEEDS_REVIEW until a new decision;
//             180 days before the due date (36 months after the decision) ─▶ the next run, RECREDENTIALING,
//             reminding 180, 90 and 30 days before; more than 30 days past due ─▶ LAPSED, the next run INITIAL.
//
// The file is assessed again when a verification of the physician settles (verificationSettled,
// sent by the verification activities), when its oldest check turns stale, and at least every
// reassessEveryMs (a lost signal only delays it). The decision is an update: its validator reads
// the permission matrix and the state, and the activity that records it checks readiness again
// in the database at that instant.
import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import { isRole, roleMay } from '../../domain/permission-matrix.ts';
import type { CredentialingActivities } from './activities.ts';
import {
  CREDENTIALING_DECISIONS, DECISION_REFUSALS, REASON_CODE_PATTERN,
  credentialingRequested, credentialingStateQuery, monitoringAlertRaised, recordCredentialingDecisionUpdate, verificationSettled,
  type CredentialingCycleInput, type CredentialingDecisionInput, type CredentialingDecisionValue, type CredentialingState, type CredentialingStatus, type RecordedCredentialingDecision,
} from './shared.ts';

// Short transactions in the worker's own database: local activities.
const records = proxyLocalActivities<CredentialingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const needsReadiness = (status: CredentialingStatus, decision: CredentialingDecisionValue) => status === 'READY' || decision === 'APPROVED';

const notReady = (message: string, blockers: string[]) =>
  ApplicationFailure.create({ type: DECISION_REFUSALS.notReady, message, nonRetryable: true, details: [{ blockers }] });

type Outcome = 'approved' | 'denied' | 'lapsed' | 'next_cycle' | 'closed';

export async function credentialingCycleWorkflow(input: CredentialingCycleInput): Promise<CredentialingState> {
  const { organizationId, physicianId, timings } = input;
  const state: CredentialingState = {
    cycle: input.cycle ?? { number: 1, kind: 'INITIAL', dueAt: null },
    fileId: null, status: 'IN_PROGRESS', blockers: [], oldestCheckAt: null, staleAt: null, decision: null, phase: 'collecting',
  };
  let assessAgain = false;
  let alerted = false;
  let deciding = false;
  let decided: RecordedCredentialingDecision | null = null;

  // A repeated request is harmless: the run that is there goes on.
  setHandler(credentialingRequested, () => undefined);
  setHandler(verificationSettled, () => {
    assessAgain = true;
  });
  setHandler(monitoringAlertRaised, () => {
    alerted = true;
  });
  setHandler(credentialingStateQuery, () => state);
  setHandler(
    recordCredentialingDecisionUpdate,
    async (decision) => {
      deciding = true;
      try {
        const result = await records.recordCredentialingDecision({ ...decision, fileId: state.fileId!, recredentialAfterMs: timings.recredentialAfterMs });
        if ('refused' in result) {
          // The database disagreed with what the run knew (a check aged, a credential changed): assess again now.
          state.blockers = result.refused;
          if (state.status === 'READY') state.status = 'IN_PROGRESS';
          assessAgain = true;
          throw notReady(`The file is not ready for a decision: ${result.refused.join(', ')}`, result.refused);
        }
        decided = result;
        state.status = result.status;
        state.decision = result.decision;
        return result;
      } finally {
        deciding = false;
      }
    },
    {
      validator: (decision: CredentialingDecisionInput) => {
        const { decider } = decision ?? {};
        if (!isRole(decider?.role) || !roleMay(decider.role, 'credentialing.decide') || decider.organizationId !== organizationId) {
          throw ApplicationFailure.create({ type: DECISION_REFUSALS.forbidden, message: 'Your role may not decide credentialing files', nonRetryable: true });
        }
        if (!(CREDENTIALING_DECISIONS as readonly string[]).includes(decision.decision) || !REASON_CODE_PATTERN.test(decision.reasonCode ?? '')) {
          throw ApplicationFailure.create({ type: DECISION_REFUSALS.badInput, message: 'decision must be APPROVED, DENIED or DEFERRED and reasonCode a short code (a-z, 0-9, _)', nonRetryable: true });
        }
        if (state.fileId === null || deciding || decided !== null || (state.status !== 'READY' && state.status !== 'NEEDS_REVIEW')) {
          throw notReady(`The file is not ready for a decision (${state.status.toLowerCase()})`, state.blockers);
        }
        if (needsReadiness(state.status, decision.decision)) {
          if (state.blockers.length > 0) throw notReady(`The file is not ready for a decision: ${state.blockers.join(', ')}`, state.blockers);
          // At the decision instant: a check that turned stale since the last assessment refuses it too.
          if (state.staleAt !== null && Date.parse(state.staleAt) <= Date.now()) throw notReady('A primary-source verification is older than the organization allows', ['stale']);
        }
      },
    },
  );

  async function nextRun(next: CredentialingCycleInput['cycle']): Promise<never> {
    await condition(allHandlersFinished);
    return continueAsNew<typeof credentialingCycleWorkflow>({ ...input, cycle: next });
  }

  async function done(): Promise<CredentialingState> {
    state.phase = 'done';
    await condition(allHandlersFinished);
    return state;
  }

  const begun = await records.beginCycle({ organizationId, physicianId, cycle: input.cycle ?? null });
  state.cycle = begun.cycle;
  if (begun.removed) {
    state.status = 'CLOSED';
    return done();
  }
  const fileId = begun.fileId;
  state.fileId = fileId;
  state.status = begun.status;
  state.decision = begun.decision;
  const dueAt = begun.cycle.dueAt ? Date.parse(begun.cycle.dueAt) : null;
  const reminders = dueAt === null ? [] : [...timings.remindBeforeMs].sort((a, b) => b - a).map((before, index) => ({ nth: index + 1, at: dueAt - before }));
  let remindersSent = begun.remindersSent;

  /** The reminders of a re-credentialing due by now, sent (the latest one only, when several are due at once). */
  async function remind(): Promise<void> {
    const due = reminders.filter((reminder) => reminder.nth > remindersSent && reminder.at <= Date.now());
    if (due.length === 0) return;
    const latest = due[due.length - 1]!;
    await records.sendRecredentialingReminder({ fileId, nth: latest.nth });
    remindersSent = latest.nth;
  }

  /**
   * Offers the file for a decision: assesses it (asking for stale checks again), waits for what
   * changes that, and takes the committee's decision. `opensNextAt`: a file back in review when
   * the next cycle opens goes on there.
   */
  async function offerForDecision(opensNextAt: number | null): Promise<Outcome> {
    for (;;) {
      assessAgain = false;
      const assessment = await records.assessFile({ fileId });
      if (assessment.blockers.includes('closed')) return 'closed';
      state.blockers = assessment.blockers;
      state.oldestCheckAt = assessment.oldestCheckAt;
      state.staleAt = assessment.staleAt;
      if (decided === null && (state.status === 'READY' || state.status === 'IN_PROGRESS')) state.status = assessment.ready ? 'READY' : 'IN_PROGRESS';
      state.phase = state.status === 'NEEDS_REVIEW' ? 'in_review' : state.status === 'READY' ? 'ready' : 'collecting';
      await remind();

      const wakes = [Date.now() + timings.reassessEveryMs];
      if (assessment.ready && assessment.staleAt) wakes.push(Date.parse(assessment.staleAt));
      const pending = reminders.find((reminder) => reminder.nth > remindersSent);
      if (pending) wakes.push(pending.at);
      const lapsesAt = dueAt === null ? null : dueAt + timings.pastDueGraceMs;
      if (lapsesAt !== null) wakes.push(lapsesAt);
      if (opensNextAt !== null) wakes.push(opensNextAt);
      const wakeAt = Math.min(...wakes);
      await condition(() => assessAgain || alerted || (decided !== null && !deciding), Math.max(1, wakeAt - Date.now()));

      if (decided !== null) {
        const decision = decided.decision;
        if (decision === 'APPROVED') return 'approved';
        if (decision === 'DENIED') return 'denied';
        decided = null; // DEFERRED: collecting (or in review) again
        continue;
      }
      if (alerted) {
        // The monitoring activity flagged the approval. Back in review already, or collecting a
        // re-credentialing (the match is now a blocker of this cycle's file): assessed again.
        alerted = false;
        continue;
      }
      if (lapsesAt !== null && Date.now() >= lapsesAt) return 'lapsed';
      if (opensNextAt !== null && Date.now() >= opensNextAt) return 'next_cycle';
    }
  }

  /** An approved file, watched until its re-credentialing opens; a monitoring alert puts it back in review. */
  async function watch(recredentialingDueAt: string): Promise<Outcome> {
    const opensAt = Date.parse(recredentialingDueAt) - Math.max(...timings.remindBeforeMs);
    for (;;) {
      state.phase = 'watching';
      state.status = 'DECIDED';
      const woken = await condition(() => alerted, Math.max(1, opensAt - Date.now()));
      if (!woken) return 'next_cycle';
      alerted = false;
      state.status = 'NEEDS_REVIEW';
      decided = null;
      const outcome = await offerForDecision(opensAt);
      if (outcome !== 'approved') return outcome;
    }
  }

  let outcome: Outcome;
  let recredentialingDueAt = begun.recredentialingDueAt;
  if (begun.status === 'DECIDED' && begun.decision === 'APPROVED') outcome = 'approved';
  else if (begun.status === 'DECIDED' && begun.decision === 'DENIED') outcome = 'denied';
  else if (begun.status === 'NEEDS_REVIEW' && recredentialingDueAt !== null) outcome = await watchAfterReview(recredentialingDueAt);
  else {
    outcome = await offerForDecision(null);
    if (outcome === 'approved') recredentialingDueAt = (decided as RecordedCredentialingDecision | null)?.recredentialingDueAt ?? recredentialingDueAt;
  }
  if (outcome === 'approved' && recredentialingDueAt !== null) outcome = await watch(recredentialingDueAt);

  /** Resumed on a file that was back in review (a restarted run): review first, then watch. */
  async function watchAfterReview(due: string): Promise<Outcome> {
    const opensAt = Date.parse(due) - Math.max(...timings.remindBeforeMs);
    const first = await offerForDecision(opensAt);
    return first === 'approved' ? watch(due) : first;
  }

  switch (outcome) {
    case 'next_cycle':
      return nextRun({ number: state.cycle.number + 1, kind: 'RECREDENTIALING', dueAt: recredentialingDueAt });
    case 'lapsed':
      await records.lapseCycle({ fileId });
      state.status = 'LAPSED';
      return nextRun({ number: state.cycle.number + 1, kind: 'INITIAL', dueAt: null });
    case 'closed':
      state.status = 'CLOSED';
      return done();
    default:
      return done();
  }
}
