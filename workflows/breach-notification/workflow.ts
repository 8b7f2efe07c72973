// One incident, from its declaration to its close: the obligations the deadline engine derives
// from the facts, a timer for each, reminders 7 days, 2 days and 24 hours before each due time,
// an escalation to the owners when one passes unmet (OVERDUE). People's decisions arrive as
// updates whose validators read the permission matrix: a notice given (MET), changed counts
// (recomputed: keys stay, reminders move, what is no longer required is NOT_REQUIRED), a
// law-enforcement delay, a four-factor risk assessment (a low probability of compromise closes
// the incident as not a breach), a close. Reminders only go out for what is still ahead: an
// incident declared late gets its overdue obligations escalated at once and no burst of
// reminders; after a worker outage only the latest reminder due of each obligation goes out.
import { ApplicationFailure, allHandlersFinished, condition, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import { deriveObligations, type BreachFacts, type Obligation } from '../../domain/breach-notification/obligations.ts';
import { isRole, roleMay } from '../../domain/permission-matrix.ts';
import type { BreachNotificationActivities } from './activities.ts';
import { countsProblem } from './validation.ts';
import { AGENCY_PATTERN, NOTICE_METHODS, RISK_CONCLUSIONS, RISK_FACTORS, type ObligationStatus } from './codes.ts';
import {
  INCIDENT_REFUSALS, REMINDER_LEAD_HOURS, breachNotificationStateQuery, closeIncidentUpdate, factsChangedUpdate, lawEnforcementDelayUpdate, leadMs,
  obligationMetUpdate, riskAssessedUpdate,
  type BreachNotificationInput, type BreachNotificationState, type DelayApplied, type FactsChanged, type IncidentActor, type IncidentClosing,
  type ObligationMet, type ObligationState, type RiskAssessed,
} from './shared.ts';

// Short transactions in the worker's own database: local activities, retried until the database answers.
const records = proxyLocalActivities<BreachNotificationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** How far ahead of the workflow clock a person's "when" may be (their clock, not ours). */
const CLOCK_SKEW_MS = 5 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Tracked {
  obligation: Obligation;
  status: ObligationStatus;
  metAt: string | null;
  /** The smallest lead (hours before due) already sent or passed over; null: none yet. */
  handledLead: number | null;
}

const refuse = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });
const isInstant = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

export async function breachNotificationWorkflow(input: BreachNotificationInput): Promise<BreachNotificationState> {
  const { incidentId } = input;
  const leads = [...(input.reminderLeadHours ?? REMINDER_LEAD_HOURS)].sort((a, b) => b - a);
  const tracked = new Map<string, Tracked>();
  let closed = false;
  let closedAs: BreachNotificationState['closedAs'] = null;
  let version = 0;

  function snapshot(): BreachNotificationState {
    const obligations: ObligationState[] = [...tracked.values()]
      .map((t) => ({ ...t.obligation, status: t.status, metAt: t.metAt }))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));
    const pending = obligations.find((o) => o.status === 'PENDING');
    return { status: closed ? 'CLOSED' : 'OPEN', closedAs, obligations, nextDeadline: pending?.dueAt ?? null };
  }
  setHandler(breachNotificationStateQuery, snapshot);

  const loaded = await records.loadIncident({ incidentId });
  if (!loaded.found || loaded.status === 'CLOSED') {
    closed = true;
    return snapshot();
  }
  const { organizationId } = loaded;
  let facts: BreachFacts = loaded.facts;

  /** The smallest lead whose reminder time has passed: reminders before it are not sent late. */
  function passedLead(dueAt: string): number | null {
    const due = Date.parse(dueAt);
    const passed = leads.filter((lead) => due - leadMs(lead) <= Date.now());
    return passed.length > 0 ? passed[passed.length - 1]! : null;
  }

  /** Brings the tracked obligations to what the engine derives from the facts now. */
  function apply(derived: Obligation[]): void {
    const keys = new Set(derived.map((o) => o.key));
    for (const obligation of derived) {
      const previous = tracked.get(obligation.key);
      if (!previous) {
        const stored = loaded.stored[obligation.key];
        tracked.set(obligation.key, {
          obligation,
          status: stored?.status === 'MET' ? 'MET' : 'PENDING',
          metAt: stored?.status === 'MET' ? stored.metAt : null,
          handledLead: stored?.remindedLeadHours ?? passedLead(obligation.dueAt),
        });
        continue;
      }
      const moved = previous.obligation.dueAt !== obligation.dueAt;
      previous.obligation = obligation;
      if (previous.status === 'MET') continue;
      if (previous.status === 'NOT_REQUIRED' || (moved && previous.status === 'OVERDUE' && Date.parse(obligation.dueAt) > Date.now())) previous.status = 'PENDING';
      if (moved) previous.handledLead = passedLead(obligation.dueAt);
    }
    for (const [key, t] of tracked) {
      if (!keys.has(key) && t.status !== 'MET') t.status = 'NOT_REQUIRED';
    }
    version += 1;
  }

  // Before the handlers are set: an update that arrived with the start is validated against these.
  apply(deriveObligations(facts));

  const save = (reason: 'derived' | 'recomputed') => records.saveObligations({ incidentId, organizationId, obligations: snapshot().obligations, reason });

  // One decision at a time: each sees the state the one before it left.
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(() => {
      if (closed) throw refuse(INCIDENT_REFUSALS.closed, 'The incident is closed');
      return work();
    });
    queue = run.catch(() => undefined);
    return run;
  }

  /** Refuses facts the engine would refuse, before anything is recorded (a handler that threw would stop the workflow). */
  function engineAccepts(proposed: BreachFacts): void {
    try {
      deriveObligations(proposed);
    } catch (error) {
      throw refuse(INCIDENT_REFUSALS.badInput, error instanceof Error ? error.message : 'the facts are not valid');
    }
  }

  function checkActor(actor: IncidentActor): void {
    if (!isRole(actor?.role) || !roleMay(actor.role, 'incident.manage') || actor.organizationId !== organizationId || typeof actor.userId !== 'string') {
      throw refuse(INCIDENT_REFUSALS.forbidden, 'Your role may not manage incidents');
    }
    if (closed) throw refuse(INCIDENT_REFUSALS.closed, 'The incident is closed');
  }

  setHandler(obligationMetUpdate, (update) => exclusive(async () => {
    const t = tracked.get(update.key)!;
    await records.recordObligationMet({ ...update, incidentId, kind: t.obligation.kind, jurisdiction: t.obligation.jurisdiction });
    t.status = 'MET';
    t.metAt ??= new Date(Date.parse(update.notifiedAt)).toISOString();
    version += 1;
    return snapshot();
  }), {
    validator: (update: ObligationMet) => {
      checkActor(update.actor);
      const t = tracked.get(update.key);
      if (!t || t.status === 'NOT_REQUIRED') throw refuse(INCIDENT_REFUSALS.unknownObligation, `The incident has no obligation ${String(update.key)}`);
      if (!isInstant(update.notifiedAt) || Date.parse(update.notifiedAt) > Date.now() + CLOCK_SKEW_MS) throw refuse(INCIDENT_REFUSALS.badInput, 'notifiedAt cannot be in the future');
      if (Date.parse(update.notifiedAt) < Date.parse(facts.discoveredAt)) throw refuse(INCIDENT_REFUSALS.badInput, 'notifiedAt cannot be before the incident was discovered');
      if (update.method !== null && !(NOTICE_METHODS as readonly string[]).includes(update.method)) throw refuse(INCIDENT_REFUSALS.badInput, 'method is not a notice method');
      if (!UUID.test(update.notificationId ?? '') || (update.evidenceDocumentId !== null && !UUID.test(update.evidenceDocumentId ?? ''))) throw refuse(INCIDENT_REFUSALS.badInput, 'evidenceDocumentId must be a document id');
    },
  });

  setHandler(factsChangedUpdate, (update) => exclusive(async () => {
    await records.changeFacts({ ...update, incidentId });
    facts = { ...facts, affectedCount: update.affectedCount, affectedJurisdictions: update.affectedJurisdictions.map((j) => ({ ...j })) };
    apply(deriveObligations(facts));
    await save('recomputed');
    return snapshot();
  }), {
    validator: (update: FactsChanged) => {
      checkActor(update.actor);
      const problem = countsProblem(update);
      if (problem) throw refuse(INCIDENT_REFUSALS.badInput, problem);
      engineAccepts({ ...facts, affectedCount: update.affectedCount, affectedJurisdictions: update.affectedJurisdictions });
    },
  });

  setHandler(lawEnforcementDelayUpdate, (update) => exclusive(async () => {
    await records.recordDelay({ ...update, incidentId });
    facts = { ...facts, lawEnforcementDelays: [...facts.lawEnforcementDelays, { ...update.delay }] };
    apply(deriveObligations(facts));
    await save('recomputed');
    return snapshot();
  }), {
    validator: ({ actor, delay }: DelayApplied) => {
      checkActor(actor);
      if (!UUID.test(delay?.id ?? '') || facts.lawEnforcementDelays.some((d) => d.id === delay.id)) throw refuse(INCIDENT_REFUSALS.badInput, 'the delay needs an id of its own');
      if (delay.kind !== 'WRITTEN' && delay.kind !== 'ORAL') throw refuse(INCIDENT_REFUSALS.badInput, 'kind must be WRITTEN or ORAL');
      if (!isInstant(delay.statedAt) || Date.parse(delay.statedAt) > Date.now() + CLOCK_SKEW_MS) throw refuse(INCIDENT_REFUSALS.badInput, 'statedAt cannot be in the future');
      if (Date.parse(delay.statedAt) < Date.parse(facts.discoveredAt)) throw refuse(INCIDENT_REFUSALS.badInput, 'statedAt cannot be before the incident was discovered');
      if (delay.kind === 'WRITTEN' && delay.until === null) throw refuse(INCIDENT_REFUSALS.badInput, 'a written statement names the end of its period (until)');
      if (delay.until !== null && (!isInstant(delay.until) || Date.parse(delay.until) <= Date.parse(delay.statedAt))) throw refuse(INCIDENT_REFUSALS.badInput, 'until must be after statedAt');
      if (!AGENCY_PATTERN.test(delay.agency ?? '')) throw refuse(INCIDENT_REFUSALS.badInput, 'agency must be a short name (letters, digits, spaces, . & \' -; up to 100)');
      if (delay.kind === 'ORAL' && !AGENCY_PATTERN.test(delay.officer ?? '')) throw refuse(INCIDENT_REFUSALS.badInput, 'an oral statement is documented with the officer who made it');
      if (delay.kind === 'WRITTEN' && delay.officer !== null && !AGENCY_PATTERN.test(delay.officer)) throw refuse(INCIDENT_REFUSALS.badInput, 'officer must be a short name');
      engineAccepts({ ...facts, lawEnforcementDelays: [...facts.lawEnforcementDelays, delay] });
    },
  });

  setHandler(riskAssessedUpdate, (update) => exclusive(async () => {
    await records.recordRiskAssessment({ ...update, incidentId });
    if (update.conclusion === 'LOW_PROBABILITY_OF_COMPROMISE') {
      await records.closeIncident({ incidentId, closedAs: 'NOT_A_BREACH', actor: update.actor });
      for (const t of tracked.values()) if (t.status === 'PENDING' || t.status === 'OVERDUE') t.status = 'NOT_REQUIRED';
      closed = true;
      closedAs = 'NOT_A_BREACH';
    }
    version += 1;
    return snapshot();
  }), {
    validator: (update: RiskAssessed) => {
      checkActor(update.actor);
      if (!UUID.test(update.assessmentId ?? '')) throw refuse(INCIDENT_REFUSALS.badInput, 'the assessment needs an id');
      for (const [factor, codes] of Object.entries(RISK_FACTORS)) {
        if (!(codes as readonly string[]).includes((update.factors as unknown as Record<string, string> | undefined)?.[factor] ?? '')) throw refuse(INCIDENT_REFUSALS.badInput, `${factor} is not one of its codes`);
      }
      if (!(RISK_CONCLUSIONS as readonly string[]).includes(update.conclusion)) throw refuse(INCIDENT_REFUSALS.badInput, 'conclusion is not one of its codes');
    },
  });

  setHandler(closeIncidentUpdate, (update) => exclusive(async () => {
    await records.closeIncident({ incidentId, closedAs: 'RESOLVED', actor: update.actor });
    closed = true;
    closedAs = 'RESOLVED';
    version += 1;
    return snapshot();
  }), { validator: (update: IncidentClosing) => checkActor(update.actor) });

  await save('derived');

  while (!closed) {
    // What is due now: the latest reminder of each obligation whose time came (one message for
    // all of them), and escalations.
    const overdue: string[] = [];
    const reminders: { key: string; leadHours: number }[] = [];
    for (const [key, t] of tracked) {
      if (t.status !== 'PENDING') continue;
      const due = Date.parse(t.obligation.dueAt);
      if (due <= Date.now()) {
        overdue.push(key);
        continue;
      }
      const lead = passedLead(t.obligation.dueAt);
      if (lead !== null && (t.handledLead === null || lead < t.handledLead)) {
        t.handledLead = lead;
        reminders.push({ key, leadHours: lead });
      }
    }
    if (reminders.length > 0) await records.sendObligationReminders({ incidentId, reminders });
    if (overdue.length > 0) {
      await records.escalateOverdue({ incidentId, keys: overdue });
      for (const key of overdue) {
        const t = tracked.get(key)!;
        if (t.status === 'PENDING' && Date.parse(t.obligation.dueAt) <= Date.now()) t.status = 'OVERDUE';
      }
    }
    // Sleep until the next reminder or due time, or until a decision changes the picture.
    let next = Infinity;
    for (const t of tracked.values()) {
      if (t.status !== 'PENDING') continue;
      const due = Date.parse(t.obligation.dueAt);
      next = Math.min(next, due);
      for (const lead of leads) if (t.handledLead === null || lead < t.handledLead) next = Math.min(next, due - leadMs(lead));
    }
    const seen = version;
    await condition(() => closed || version !== seen, next === Infinity ? undefined : Math.max(1, next - Date.now()));
  }
  await condition(allHandlersFinished);
  return snapshot();
}
