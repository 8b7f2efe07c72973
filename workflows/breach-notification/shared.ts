// What the breach-notification workflow and its callers (the audit subgraph, the sweep, the tests)
// agree on: its id, its updates and query, and the shapes they carry. No I/O: the workflow bundle
// and the subgraph both import it.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Role } from '../../domain/permission-matrix.ts';
import type { Obligation } from '../../domain/breach-notification/obligations.ts';
import type { NoticeMethod, ObligationStatus, RiskConclusion, RiskFactors } from './codes.ts';

export const BREACH_NOTIFICATION_WORKFLOW = 'breachNotificationWorkflow';
export const BREACH_NOTIFICATION_STARTS_WORKFLOW = 'breachNotificationStartsWorkflow';

/** One workflow per incident: a second start finds the first (its id is taken). */
export const breachNotificationWorkflowId = (incidentId: string) => `breach-notification:${incidentId}`;

const HOUR_MS = 3600_000;

/** Reminders before each due time: 7 days, 2 days, 24 hours (hours before, as recorded on the obligation). */
export const REMINDER_LEAD_HOURS = [7 * 24, 2 * 24, 24] as const;

export interface BreachNotificationInput {
  incidentId: string;
  organizationId: string;
  /** Hours before each due time that its reminders go out; REMINDER_LEAD_HOURS unless told. */
  reminderLeadHours?: number[];
}

export const leadMs = (hours: number) => hours * HOUR_MS;

/** Who acts: carried from the caller the subgraph verified, checked again by each validator. */
export interface IncidentActor {
  userId: string;
  organizationId: string;
  role: Role;
  requestId: string;
  sourceIp: string | null;
}

export interface ObligationMet {
  actor: IncidentActor;
  /** The subgraph's id for the notification row (a retried update records it once). */
  notificationId: string;
  key: string;
  notifiedAt: string;
  /** Null when the recorder did not say. */
  method: NoticeMethod | null;
  evidenceDocumentId: string | null;
}

export interface FactsChanged {
  actor: IncidentActor;
  affectedCount: number;
  affectedJurisdictions: { jurisdiction: string; affectedCount: number }[];
}

export interface DelayApplied {
  actor: IncidentActor;
  delay: { id: string; kind: 'WRITTEN' | 'ORAL'; statedAt: string; until: string | null; agency: string; officer: string | null };
}

export interface RiskAssessed {
  actor: IncidentActor;
  assessmentId: string;
  factors: RiskFactors;
  conclusion: RiskConclusion;
}

export interface IncidentClosing {
  actor: IncidentActor;
}

export interface ObligationState extends Obligation {
  status: ObligationStatus;
  metAt: string | null;
}

export interface BreachNotificationState {
  status: 'OPEN' | 'CLOSED';
  closedAs: 'RESOLVED' | 'NOT_A_BREACH' | null;
  obligations: ObligationState[];
  /** The earliest due time of an obligation still pending; null when none is. */
  nextDeadline: string | null;
}

export const obligationMetUpdate = defineUpdate<BreachNotificationState, [ObligationMet]>('obligationMet');
export const factsChangedUpdate = defineUpdate<BreachNotificationState, [FactsChanged]>('factsChanged');
export const lawEnforcementDelayUpdate = defineUpdate<BreachNotificationState, [DelayApplied]>('lawEnforcementDelay');
export const riskAssessedUpdate = defineUpdate<BreachNotificationState, [RiskAssessed]>('riskAssessed');
export const closeIncidentUpdate = defineUpdate<BreachNotificationState, [IncidentClosing]>('closeIncident');
export const breachNotificationStateQuery = defineQuery<BreachNotificationState>('breachNotificationState');

/** Why a validator refused an update: the subgraph maps these to its error codes. */
export const INCIDENT_REFUSALS = {
  forbidden: 'FORBIDDEN',
  closed: 'INCIDENT_CLOSED',
  unknownObligation: 'OBLIGATION_UNKNOWN',
  badInput: 'BAD_USER_INPUT',
} as const;
