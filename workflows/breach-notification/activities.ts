// The I/O of breach notification, as the worker's database role: the incident's facts, its
// obligations as the workflow keeps them, the decisions people take (each recorded as the person
// who took it), reminders and escalations through the one mail outbox. Every step is audited in
// its own transaction, with codes only; each is safe to retry (a second attempt finds its work done).
import { LockMode, raw, sql } from '@mikro-orm/postgresql';
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
import {
  Incident, IncidentDelay, IncidentJurisdiction, IncidentNotification, IncidentObligation, IncidentRiskAssessment,
} from '../../subgraphs/audit/entities/index.ts';
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
  // Raw SQL: identity.organization_contacts is a SECURITY DEFINER function (the worker reads no members).
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
      const row = await em.findOne(Incident, { id: input.incidentId });
      if (!row) {
        return { found: false, organizationId: '', status: 'CLOSED', stored: {}, facts: { discoveredAt: new Date(0).toISOString(), affectedCount: 0, affectedJurisdictions: [], actingAsBusinessAssociate: false, contractNoticeHours: 72, timeZone: 'UTC', lawEnforcementDelays: [] } };
      }
      const of = { incident: input.incidentId };
      const jurisdictions = await em.find(IncidentJurisdiction, of, { orderBy: { jurisdiction: 'asc' } });
      const delays = await em.find(IncidentDelay, of, { orderBy: { statedAt: 'asc', recordedAt: 'asc' } });
      const obligations = await em.find(IncidentObligation, of, { fields: ['key', 'status', 'metAt', 'remindedLeadHours'] });
      return {
        found: true,
        organizationId: row.organizationId,
        status: row.status,
        facts: {
          discoveredAt: row.discoveredAt.toISOString(),
          affectedCount: row.affectedCount,
          affectedJurisdictions: jurisdictions.map((j) => ({ jurisdiction: j.jurisdiction, affectedCount: j.affectedCount })),
          actingAsBusinessAssociate: row.actingAsBusinessAssociate,
          contractNoticeHours: row.contractNoticeHours,
          timeZone: row.timeZone,
          lawEnforcementDelays: delays.map((d) => ({ id: d.id, kind: d.kind, statedAt: d.statedAt.toISOString(), until: d.until?.toISOString() ?? null, agency: d.agency, officer: d.officer ?? null })),
        },
        stored: Object.fromEntries(obligations.map((o) => [o.key, { status: o.status, metAt: o.metAt?.toISOString() ?? null, remindedLeadHours: o.remindedLeadHours ?? null }])),
      };
    },

    /** The obligations as the workflow now holds them: each key's row written or brought up to date. */
    async saveObligations(input: { incidentId: string; organizationId: string; obligations: ObligationState[]; reason: 'derived' | 'recomputed' }): Promise<void> {
      await transaction(async (em) => {
        for (const o of input.obligations) {
          await em.createQueryBuilder(IncidentObligation)
            .insert({
              incident: input.incidentId, key: o.key, organizationId: input.organizationId, kind: o.kind, jurisdiction: o.jurisdiction, dueAt: o.dueAt, notBefore: o.notBefore,
              rule: o.rule, note: o.note, captured: o.captured, status: o.status, metAt: o.metAt,
            })
            .onConflict(['incident', 'key'])
            .merge({
              dueAt: o.dueAt, notBefore: o.notBefore, rule: o.rule, note: o.note, captured: o.captured, status: o.status,
              // What was met stays met; a reminder or an escalation stands while its due time does.
              metAt: raw('coalesce(audit.incident_obligations.met_at, excluded.met_at)'),
              remindedLeadHours: raw('case when audit.incident_obligations.due_at = excluded.due_at then audit.incident_obligations.reminded_lead_hours end'),
              escalatedAt: raw('case when audit.incident_obligations.due_at = excluded.due_at then audit.incident_obligations.escalated_at end'),
              updatedAt: sql.now(),
            })
            .execute();
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
          // Raw SQL: the update reads its incident (open, and who declared it) in the same statement
          // (update … from), which the ORM's update cannot join.
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
        const escalated = await em.createQueryBuilder(IncidentObligation)
          .update({ status: 'OVERDUE', escalatedAt: sql.now(), updatedAt: sql.now() })
          .where({ incident: input.incidentId, key: { $in: input.keys }, status: { $in: ['PENDING', 'OVERDUE'] }, escalatedAt: null })
          .returning(['organizationId', 'key', 'kind', 'jurisdiction', 'dueAt'])
          .execute<{ organizationId: string; key: string; kind: string; jurisdiction: string | null; dueAt: Date }[]>('all');
        if (escalated.length === 0) return;
        const rows = escalated.map((row) => ({ ...row, dueAt: row.dueAt.toISOString() }));
        rows.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));
        const organizationId = rows[0]!.organizationId;
        await recordAudit(em, workflowCaller(), rows.map((row) => ({
          organizationId, action: 'UPDATE' as const, resourceType: 'Incident', resourceId: input.incidentId, outcome: 'SUCCESS' as const, reason: `overdue:${keyCode(row.key)}`,
        })));
        await mailTo(em, organizationId, await contacts(em, organizationId, OWNERS, null), 'incident_deadline_overdue', {
          count: rows.length, obligation: rows[0]!.kind, jurisdiction: rows[0]!.jurisdiction, dueAt: rows[0]!.dueAt,
        });
      });
    },

    /** A notice given: the notification recorded (once, by its id) and the obligation MET, as the person who recorded it. */
    async recordObligationMet(input: ObligationMet & { incidentId: string; kind: string; jurisdiction: string | null }): Promise<void> {
      await transaction(async (em) => {
        const inserted = await em.createQueryBuilder(IncidentNotification)
          .insert({
            id: input.notificationId, incident: input.incidentId, organizationId: input.actor.organizationId, obligation: input.kind as IncidentNotification['obligation'],
            jurisdiction: input.jurisdiction, notifiedAt: input.notifiedAt, method: input.method, evidenceDocumentId: input.evidenceDocumentId, recordedBy: input.actor.userId,
          })
          .onConflict('id')
          .ignore()
          .returning(['id'])
          .execute<{ id: string }[]>('all');
        if (inserted.length === 0) return;
        // What an earlier notice of the same obligation recorded stays.
        await em.nativeUpdate(IncidentObligation, { incident: input.incidentId, key: input.key }, {
          status: 'MET', metAt: raw('coalesce(met_at, ?)', [input.notifiedAt]), metHow: raw('coalesce(met_how, ?)', [input.method]),
          evidenceDocumentId: raw('coalesce(evidence_document_id, ?)', [input.evidenceDocumentId]), updatedAt: sql.now(),
        });
        await recordAudit(em, actorCaller(input.actor), {
          organizationId: input.actor.organizationId, action: 'UPDATE', resourceType: 'Incident', resourceId: input.incidentId, outcome: 'SUCCESS', reason: `notified:${keyCode(input.key)}`,
        });
      });
    },

    /** New counts of affected people (in all and per jurisdiction), replacing the recorded ones. */
    async changeFacts(input: FactsChanged & { incidentId: string }): Promise<void> {
      await transaction(async (em) => {
        const { organizationId } = input.actor;
        await em.nativeUpdate(Incident, { id: input.incidentId }, { affectedCount: input.affectedCount });
        await em.nativeDelete(IncidentJurisdiction, { incident: input.incidentId });
        for (const { jurisdiction, affectedCount } of input.affectedJurisdictions) {
          await em.insert(IncidentJurisdiction, { incident: input.incidentId, organizationId, jurisdiction, affectedCount });
        }
        await recordAudit(em, actorCaller(input.actor), { organizationId, action: 'UPDATE', resourceType: 'Incident', resourceId: input.incidentId, outcome: 'SUCCESS', reason: 'facts_changed' });
      });
    },

    /** A law-enforcement statement, documented (agency, officer, when). */
    async recordDelay(input: DelayApplied & { incidentId: string }): Promise<void> {
      await transaction(async (em) => {
        const { delay, actor } = input;
        const inserted = await em.createQueryBuilder(IncidentDelay)
          .insert({
            id: delay.id, incident: input.incidentId, organizationId: actor.organizationId, kind: delay.kind, statedAt: delay.statedAt, until: delay.until,
            agency: delay.agency, officer: delay.officer, recordedBy: actor.userId,
          })
          .onConflict('id')
          .ignore()
          .returning(['id'])
          .execute<{ id: string }[]>('all');
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
        const inserted = await em.createQueryBuilder(IncidentRiskAssessment)
          .insert({
            id: input.assessmentId, incident: input.incidentId, organizationId: actor.organizationId, phiNature: factors.phiNature, recipient: factors.recipient,
            acquisition: factors.acquisition, mitigation: factors.mitigation, conclusion: input.conclusion, assessedBy: actor.userId,
          })
          .onConflict('id')
          .ignore()
          .returning(['id'])
          .execute<{ id: string }[]>('all');
        if (inserted.length === 0) return;
        await recordAudit(em, actorCaller(actor), {
          organizationId: actor.organizationId, action: 'CREATE', resourceType: 'IncidentRiskAssessment', resourceId: input.assessmentId, outcome: 'SUCCESS', reason: `risk_assessment:${input.conclusion.toLowerCase()}`,
        });
      });
    },

    /** The incident closes (handled, or not a breach): nothing more is reminded. */
    async closeIncident(input: { incidentId: string; closedAs: 'RESOLVED' | 'NOT_A_BREACH'; actor: IncidentActor | null }): Promise<void> {
      await transaction(async (em) => {
        const [row] = await em.createQueryBuilder(Incident)
          .update({ status: 'CLOSED', closedAs: input.closedAs, closedAt: sql.now() })
          .where({ id: input.incidentId, status: 'OPEN' })
          .returning(['organizationId'])
          .execute<{ organizationId: string }[]>('all');
        if (!row) return;
        if (input.closedAs === 'NOT_A_BREACH') {
          await em.nativeUpdate(IncidentObligation, { incident: input.incidentId, status: { $in: ['PENDING', 'OVERDUE'] } }, { status: 'NOT_REQUIRED', updatedAt: sql.now() });
        }
        await recordAudit(em, input.actor ? actorCaller(input.actor) : workflowCaller(), {
          organizationId: row.organizationId, action: 'UPDATE', resourceType: 'Incident', resourceId: input.incidentId, outcome: 'SUCCESS', reason: `closed:${input.closedAs.toLowerCase()}`,
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
        const rows = await em.createQueryBuilder(Incident)
          .select(['id', 'organizationId'])
          .where({ status: 'OPEN', workflowStartedAt: null, ...(input.organizationId ? { organizationId: input.organizationId } : {}) })
          .orderBy({ declaredAt: 'asc' })
          .limit(input.limit)
          .setLockMode(LockMode.PESSIMISTIC_PARTIAL_WRITE)
          .execute<{ id: string; organizationId: string }[]>('all');
        for (const row of rows) {
          await startBreachNotificationWorkflow(client, deps.verification.taskQueue, { incidentId: row.id, organizationId: row.organizationId });
          await em.nativeUpdate(Incident, { id: row.id }, { workflowStartedAt: sql.now() });
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
