// The I/O of breach notification, as the worker's database role: the incident's facts, its
// obligations as the workflow keeps them, the decisions people take (each recorded as the person
// who took it), reminders and escalations through the one mail outbox. Every step is audited in
// its own transaction, with codes only; each is safe to retry (a second attempt finds its work done).
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { systemCaller } from '../../domain/system-caller.ts';
import type { BreachFacts } from '../../domain/breach-notification/obligations.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, type EntityManager, type MikroORM } from '../../platform/database/orm.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import { enqueueMail } from '../../platform/mail-outbox/outbox.ts';
import type { MailParameters, MailTemplateName } from '../../platform/mail-outbox/templates.ts';
import type { ObligationStatus } from './codes.ts';
import {
  BREACH_NOTIFICATION_WORKFLOW, breachNotificationWorkflowId,
  type DelayApplied, type FactsChanged, type IncidentActor, type ObligationMet, type ObligationState, type RiskAssessed,
} from './shared.ts';

export interface BreachNotificationDeps {
  orm: MikroORM;
  encryption: FieldEncryption;
  /** Where the sweep starts workflows that declaration could not (the worker's own client and task queue). */
  verification: { client: Client | null; taskQueue: string };
}

export interface LoadedIncident {
  found: boolean;
  organizationId: string;
  status: 'OPEN' | 'CLOSED';
  facts: BreachFacts;
  /** What is recorded of each obligation already (a restart of the workflow keeps what was met). */
  stored: Record<string, { status: ObligationStatus; metAt: string | null; remindedLeadHours: number | null }>;
}

const RESPONDERS = ['INCIDENT_RESPONDER', 'ORG_OWNER'];
const OWNERS = ['ORG_OWNER'];

const workflowCaller = (): Caller => systemCaller(`breach-notification-${Context.current().info.workflowExecution?.workflowId.replace(/^breach-notification:/, '') ?? 'activity'}`);
const actorCaller = (actor: IncidentActor): Caller => ({ ...actor, sessionId: null });
/** An obligation's key as an audit reason: `media:co`. */
const keyCode = (key: string) => key.toLowerCase();

async function contacts(em: EntityManager, organizationId: string, roles: string[], userId: string | null): Promise<string[]> {
  const rows = await em.execute<{ email: string }[]>(`select email from identity.organization_contacts(?, string_to_array(?, ',')::text[], ?) as email`, [organizationId, roles.join(','), userId]);
  return rows.map((row) => row.email);
}

export function createBreachNotificationActivities(deps: BreachNotificationDeps) {
  const { orm, encryption } = deps;
  const transaction = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);

  async function mailTo<T extends MailTemplateName>(em: EntityManager, organizationId: string, recipients: string[], template: T, parameters: MailParameters<T>) {
    for (const recipient of recipients) await enqueueMail(em, encryption, { organizationId, recipient, template, parameters });
  }

  return {
    /** The incident's facts as recorded, for the engine; and what its obligations' rows say already. */
    async loadIncident(input: { incidentId: string }): Promise<LoadedIncident> {
      const em = orm.em.fork();
      const [row] = await em.execute<{ organization_id: string; status: 'OPEN' | 'CLOSED'; discovered_at: string; affected_count: number; acting_as_business_associate: boolean; contract_notice_hours: number; time_zone: string }[]>(
        `select organization_id, status, ${isoTimestamp('discovered_at')} as discovered_at, affected_count, acting_as_business_associate, contract_notice_hours, time_zone
           from audit.incidents where id = ?`, [input.incidentId]);
      if (!row) {
        return { found: false, organizationId: '', status: 'CLOSED', stored: {}, facts: { discoveredAt: new Date(0).toISOString(), affectedCount: 0, affectedJurisdictions: [], actingAsBusinessAssociate: false, contractNoticeHours: 72, timeZone: 'UTC', lawEnforcementDelays: [] } };
      }
      const jurisdictions = await em.execute<{ jurisdiction: string; affected_count: number }[]>(
        `select jurisdiction, affected_count from audit.incident_jurisdictions where incident_id = ? order by jurisdiction`, [input.incidentId]);
      const delays = await em.execute<{ id: string; kind: 'WRITTEN' | 'ORAL'; stated_at: string; until: string | null; agency: string; officer: string | null }[]>(
        `select id::text, kind, ${isoTimestamp('stated_at')} as stated_at, ${isoTimestamp('until')} as until, agency, officer
           from audit.incident_delays where incident_id = ? order by stated_at, recorded_at`, [input.incidentId]);
      const obligations = await em.execute<{ key: string; status: ObligationStatus; met_at: string | null; reminded_lead_hours: number | null }[]>(
        `select key, status, ${isoTimestamp('met_at')} as met_at, reminded_lead_hours from audit.incident_obligations where incident_id = ?`, [input.incidentId]);
      return {
        found: true,
        organizationId: row.organization_id,
        status: row.status,
        facts: {
          discoveredAt: row.discovered_at,
          affectedCount: row.affected_count,
          affectedJurisdictions: jurisdictions.map((j) => ({ jurisdiction: j.jurisdiction, affectedCount: j.affected_count })),
          actingAsBusinessAssociate: row.acting_as_business_associate,
          contractNoticeHours: row.contract_notice_hours,
          timeZone: row.time_zone,
          lawEnforcementDelays: delays.map((d) => ({ id: d.id, kind: d.kind, statedAt: d.stated_at, until: d.until, agency: d.agency, officer: d.officer })),
        },
        stored: Object.fromEntries(obligations.map((o) => [o.key, { status: o.status, metAt: o.met_at, remindedLeadHours: o.reminded_lead_hours }])),
      };
    },

    /** The obligations as the workflow now holds them: each key's row written or brought up to date. */
    async saveObligations(input: { incidentId: string; organizationId: string; obligations: ObligationState[]; reason: 'derived' | 'recomputed' }): Promise<void> {
      await transaction(async (em) => {
        for (const o of input.obligations) {
          await em.execute(
            `insert into audit.incident_obligations (incident_id, key, organization_id, kind, jurisdiction, due_at, not_before, rule, note, captured, status, met_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             on conflict (incident_id, key) do update set due_at = excluded.due_at, not_before = excluded.not_before, rule = excluded.rule, note = excluded.note,
               captured = excluded.captured, status = excluded.status, met_at = coalesce(audit.incident_obligations.met_at, excluded.met_at),
               reminded_lead_hours = case when audit.incident_obligations.due_at = excluded.due_at then audit.incident_obligations.reminded_lead_hours end,
               escalated_at = case when audit.incident_obligations.due_at = excluded.due_at then audit.incident_obligations.escalated_at end,
               updated_at = now()`,
            [input.incidentId, o.key, input.organizationId, o.kind, o.jurisdiction, o.dueAt, o.notBefore, o.rule, o.note, o.captured, o.status, o.metAt],
          );
        }
        await recordAudit(em, workflowCaller(), {
          organizationId: input.organizationId, action: 'UPDATE', resourceType: 'Incident', resourceId: input.incidentId, outcome: 'SUCCESS', reason: `obligations:${input.reason}`,
        });
      });
    },

    /**
     * Reminders of obligations whose reminder time came (`leadHours` before each one's due time), to
     * the incident's responders and the owners: one message for all that came together (a whole
     * country's state notices share their times). Each lead is sent once: a retried attempt finds it sent.
     */
    async sendObligationReminders(input: { incidentId: string; reminders: { key: string; leadHours: number }[] }): Promise<number> {
      return transaction(async (em) => {
        const sent: { organization_id: string; key: string; kind: string; jurisdiction: string | null; due_at: string; hours_left: number; declared_by: string; lead: number }[] = [];
        for (const reminder of input.reminders) {
          const [row] = await em.execute<typeof sent>(
            `update audit.incident_obligations o set reminded_at = now(), reminded_lead_hours = ?
               from audit.incidents i
              where o.incident_id = ? and o.key = ? and i.id = o.incident_id and i.status = 'OPEN' and o.status = 'PENDING'
                and o.reminded_lead_hours is distinct from ?
            returning o.organization_id, o.key, o.kind, o.jurisdiction, ${isoTimestamp('o.due_at')} as due_at,
                      greatest(0, round(extract(epoch from (o.due_at - now())) / 3600))::int as hours_left, i.declared_by::text as declared_by, ?::int as lead`,
            [reminder.leadHours, input.incidentId, reminder.key, reminder.leadHours, reminder.leadHours],
          );
          if (row) sent.push(row);
        }
        if (sent.length === 0) return 0;
        sent.sort((a, b) => a.due_at.localeCompare(b.due_at) || a.key.localeCompare(b.key));
        const first = sent[0]!;
        await recordAudit(em, workflowCaller(), sent.map((row) => ({
          organizationId: first.organization_id, action: 'UPDATE' as const, resourceType: 'Incident', resourceId: input.incidentId, outcome: 'SUCCESS' as const,
          reason: `reminder:${keyCode(row.key)}:${row.lead}h`,
        })));
        await mailTo(em, first.organization_id, await contacts(em, first.organization_id, RESPONDERS, first.declared_by), 'incident_deadline_reminder', {
          count: sent.length, obligation: first.kind, jurisdiction: first.jurisdiction, dueAt: first.due_at, hoursLeft: first.hours_left,
        });
        return sent.length;
      });
    },

    /** Obligations past their due time unmet: OVERDUE, and the owners told in one message. */
    async escalateOverdue(input: { incidentId: string; keys: string[] }): Promise<void> {
      await transaction(async (em) => {
        const rows = await em.execute<{ organization_id: string; key: string; kind: string; jurisdiction: string | null; due_at: string }[]>(
          `update audit.incident_obligations set status = 'OVERDUE', escalated_at = now(), updated_at = now()
            where incident_id = ? and key = any(string_to_array(?, ',')) and status in ('PENDING', 'OVERDUE') and escalated_at is null
          returning organization_id, key, kind, jurisdiction, ${isoTimestamp('due_at')} as due_at`,
          [input.incidentId, input.keys.join(',')],
        );
        if (rows.length === 0) return;
        rows.sort((a, b) => a.due_at.localeCompare(b.due_at) || a.key.localeCompare(b.key));
        const organizationId = rows[0]!.organization_id;
        await recordAudit(em, workflowCaller(), rows.map((row) => ({
          organizationId, action: 'UPDATE' as const, resourceType: 'Incident', resourceId: input.incidentId, outcome: 'SUCCESS' as const, reason: `overdue:${keyCode(row.key)}`,
        })));
        await mailTo(em, organizationId, await contacts(em, organizationId, OWNERS, null), 'incident_deadline_overdue', {
          count: rows.length, obligation: rows[0]!.kind, jurisdiction: rows[0]!.jurisdiction, dueAt: rows[0]!.due_at,
        });
      });
    },

    /** A notice given: the notification recorded (once, by its id) and the obligation MET, as the person who recorded it. */
    async recordObligationMet(input: ObligationMet & { incidentId: string; kind: string; jurisdiction: string | null }): Promise<void> {
      await transaction(async (em) => {
        const inserted = await em.execute(
          `insert into audit.incident_notifications (id, incident_id, organization_id, obligation, jurisdiction, notified_at, method, evidence_document_id, recorded_by)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing returning id`,
          [input.notificationId, input.incidentId, input.actor.organizationId, input.kind, input.jurisdiction, input.notifiedAt, input.method, input.evidenceDocumentId, input.actor.userId],
        );
        if (inserted.length === 0) return;
        await em.execute(
          `update audit.incident_obligations set status = 'MET', met_at = coalesce(met_at, ?), met_how = coalesce(met_how, ?), evidence_document_id = coalesce(evidence_document_id, ?), updated_at = now()
            where incident_id = ? and key = ?`,
          [input.notifiedAt, input.method, input.evidenceDocumentId, input.incidentId, input.key],
        );
        await recordAudit(em, actorCaller(input.actor), {
          organizationId: input.actor.organizationId, action: 'UPDATE', resourceType: 'Incident', resourceId: input.incidentId, outcome: 'SUCCESS', reason: `notified:${keyCode(input.key)}`,
        });
      });
    },

    /** New counts of affected people (in all and per jurisdiction), replacing the recorded ones. */
    async changeFacts(input: FactsChanged & { incidentId: string }): Promise<void> {
      await transaction(async (em) => {
        const { organizationId } = input.actor;
        await em.execute(`update audit.incidents set affected_count = ? where id = ?`, [input.affectedCount, input.incidentId]);
        await em.execute(`delete from audit.incident_jurisdictions where incident_id = ?`, [input.incidentId]);
        for (const { jurisdiction, affectedCount } of input.affectedJurisdictions) {
          await em.execute(`insert into audit.incident_jurisdictions (incident_id, organization_id, jurisdiction, affected_count) values (?, ?, ?, ?)`, [input.incidentId, organizationId, jurisdiction, affectedCount]);
        }
        await recordAudit(em, actorCaller(input.actor), { organizationId, action: 'UPDATE', resourceType: 'Incident', resourceId: input.incidentId, outcome: 'SUCCESS', reason: 'facts_changed' });
      });
    },

    /** A law-enforcement statement, documented (agency, officer, when). */
    async recordDelay(input: DelayApplied & { incidentId: string }): Promise<void> {
      await transaction(async (em) => {
        const { delay, actor } = input;
        const inserted = await em.execute(
          `insert into audit.incident_delays (id, incident_id, organization_id, kind, stated_at, until, agency, officer, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
           on conflict (id) do nothing returning id`,
          [delay.id, input.incidentId, actor.organizationId, delay.kind, delay.statedAt, delay.until, delay.agency, delay.officer, actor.userId],
        );
        if (inserted.length === 0) return;
        await recordAudit(em, actorCaller(actor), {
          organizationId: actor.organizationId, action: 'CREATE', resourceType: 'IncidentDelay', resourceId: delay.id, outcome: 'SUCCESS', reason: `delay:${delay.kind.toLowerCase()}`,
        });
      });
    },

    /** The four-factor assessment, kept as documented. */
    async recordRiskAssessment(input: RiskAssessed & { incidentId: string }): Promise<void> {
      await transaction(async (em) => {
        const { actor, factors } = input;
        const inserted = await em.execute(
          `insert into audit.incident_risk_assessments (id, incident_id, organization_id, phi_nature, recipient, acquisition, mitigation, conclusion, assessed_by)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing returning id`,
          [input.assessmentId, input.incidentId, actor.organizationId, factors.phiNature, factors.recipient, factors.acquisition, factors.mitigation, input.conclusion, actor.userId],
        );
        if (inserted.length === 0) return;
        await recordAudit(em, actorCaller(actor), {
          organizationId: actor.organizationId, action: 'CREATE', resourceType: 'IncidentRiskAssessment', resourceId: input.assessmentId, outcome: 'SUCCESS', reason: `risk_assessment:${input.conclusion.toLowerCase()}`,
        });
      });
    },

    /** The incident closes (handled, or not a breach): nothing more is reminded. */
    async closeIncident(input: { incidentId: string; closedAs: 'RESOLVED' | 'NOT_A_BREACH'; actor: IncidentActor | null }): Promise<void> {
      await transaction(async (em) => {
        const [row] = await em.execute<{ organization_id: string }[]>(
          `update audit.incidents set status = 'CLOSED', closed_as = ?, closed_at = now() where id = ? and status = 'OPEN' returning organization_id`,
          [input.closedAs, input.incidentId],
        );
        if (!row) return;
        if (input.closedAs === 'NOT_A_BREACH') {
          await em.execute(`update audit.incident_obligations set status = 'NOT_REQUIRED', updated_at = now() where incident_id = ? and status in ('PENDING', 'OVERDUE')`, [input.incidentId]);
        }
        await recordAudit(em, input.actor ? actorCaller(input.actor) : workflowCaller(), {
          organizationId: row.organization_id, action: 'UPDATE', resourceType: 'Incident', resourceId: input.incidentId, outcome: 'SUCCESS', reason: `closed:${input.closedAs.toLowerCase()}`,
        });
      });
    },

    /**
     * Run by the `breach-notification-starts` schedule: open incidents whose workflow was not
     * started at declaration (Temporal did not answer) get it now. A second start is harmless: the
     * workflow id is the incident's, and an existing run is left as it is.
     */
    async startPendingBreachWorkflows(input: { limit: number; organizationId?: string | null }): Promise<{ started: number }> {
      const client = deps.verification.client;
      if (!client) throw new Error('the worker was built without a Temporal client for starting workflows');
      return transaction(async (em) => {
        const rows = await em.execute<{ id: string; organization_id: string }[]>(
          `select id::text, organization_id::text from audit.incidents
            where status = 'OPEN' and workflow_started_at is null and (?::uuid is null or organization_id = ?::uuid)
            order by declared_at limit ? for update skip locked`,
          [input.organizationId ?? null, input.organizationId ?? null, input.limit],
        );
        for (const row of rows) {
          await startBreachNotificationWorkflow(client, deps.verification.taskQueue, { incidentId: row.id, organizationId: row.organization_id });
          await em.execute(`update audit.incidents set workflow_started_at = now() where id = ?`, [row.id]);
        }
        return { started: rows.length };
      });
    },
  };
}

/** Starts an incident's workflow; one already started (or finished) under its id is left alone. */
export async function startBreachNotificationWorkflow(client: Client, taskQueue: string, input: { incidentId: string; organizationId: string }): Promise<void> {
  try {
    await client.workflow.start(BREACH_NOTIFICATION_WORKFLOW, {
      workflowId: breachNotificationWorkflowId(input.incidentId),
      taskQueue,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

export type BreachNotificationActivities = ReturnType<typeof createBreachNotificationActivities>;
