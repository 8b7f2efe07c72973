// Incidents: declared by incident responders (or owners), with the obligations the deadline engine
// derives from their facts. Declaring writes the incident and its obligations (the answer has
// them at once) and starts its breach-notification workflow; every later change (a notice given,
// new counts, a law-enforcement delay, a risk assessment, a close) is an update of that workflow,
// whose validators check the permission matrix again, and which records it.
import { randomUUID } from 'node:crypto';
import { raw, sql } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { deriveObligations, type BreachFacts } from '../../domain/breach-notification/obligations.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authorize.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, type EntityManager } from '../../platform/database/orm.ts';
import { AppError, badUserInput, forbidden, notFound, serviceUnavailable } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { pageKeysOf, readPage, type CountedConnection, type ListOrder } from '../../platform/pagination.ts';
import { isUsJurisdiction } from '../../platform/us-jurisdictions.ts';
import { entityReference as userReference } from '../../platform/subgraph-server.ts';
import type { Resolvers } from '../../schema/generated/audit-resolvers.ts';
import { startBreachNotificationWorkflow } from '../../workflows/breach-notification/activities.ts';
import { AGENCY_PATTERN } from '../../workflows/breach-notification/codes.ts';
import {
  INCIDENT_REFUSALS, breachNotificationWorkflowId, closeIncidentUpdate, factsChangedUpdate, lawEnforcementDelayUpdate, obligationMetUpdate, riskAssessedUpdate,
  type IncidentActor,
} from '../../workflows/breach-notification/shared.ts';
import { OBLIGATIONS_BY_JURISDICTION, countsProblem, obligationKey } from '../../workflows/breach-notification/validation.ts';
import { INCIDENT_SETTING_DEFAULTS } from './entities/incident-setting.entity.ts';
import {
  Incident, IncidentDelay, IncidentJurisdiction, IncidentNotification, IncidentObligation, IncidentRiskAssessment, IncidentSetting,
} from './entities/index.ts';
import { addRemediation, completeRemediation, exportReview, reviewOf, writeReview } from './reviews.ts';
import { runInOrganization, type AuditService } from './service.ts';
import { temporalAnswers } from '../../platform/workflow-starts.ts';

interface IncidentRow {
  id: string;
  organizationId: string;
  kind: string;
  discoveredAt: string;
  declaredAt: string;
  declaredBy: string;
  affectedCount: number;
  actingAsBusinessAssociate: boolean;
  status: 'OPEN' | 'CLOSED';
  closedAs: 'RESOLVED' | 'NOT_A_BREACH' | null;
  contractNoticeHours: number;
  timeZone: string;
  workflowStarted: boolean;
}

const INCIDENT_COLUMNS = `id::text, organization_id::text as "organizationId", kind, ${isoTimestamp('discovered_at')} as "discoveredAt", ${isoTimestamp('declared_at')} as "declaredAt", declared_by::text as "declaredBy",
  affected_count as "affectedCount", acting_as_business_associate as "actingAsBusinessAssociate", status, closed_as as "closedAs",
  contract_notice_hours as "contractNoticeHours", time_zone as "timeZone", workflow_started_at is not null as "workflowStarted"`;
export type IncidentConnectionView = CountedConnection<IncidentView>;

const INCIDENTS_ORDER: ListOrder = { list: 'incidents', keys: [{ sql: 'declared_at', kind: 'timestamp' }, { sql: 'id', kind: 'uuid' }], direction: 'DESC' };
const CLOCK_SKEW_MS = 5 * 60_000;
/** An update no worker takes within this (the workers are down) is answered SERVICE_UNAVAILABLE. */
const DECISION_WITHIN_MS = 15_000;
const incidentClosed = () => new AppError('INCIDENT_CLOSED', 'The incident is closed');

/** An incident read through the ORM, in the shape the list's SQL reads it (timestamps as ISO 8601 text). */
const incidentRowOf = (incident: Incident): IncidentRow => ({
  id: incident.id, organizationId: incident.organizationId, kind: incident.kind, discoveredAt: incident.discoveredAt.toISOString(), declaredAt: incident.declaredAt.toISOString(),
  declaredBy: incident.declaredBy, affectedCount: incident.affectedCount, actingAsBusinessAssociate: incident.actingAsBusinessAssociate, status: incident.status,
  closedAs: incident.closedAs ?? null, contractNoticeHours: incident.contractNoticeHours, timeZone: incident.timeZone, workflowStarted: incident.workflowStartedAt != null,
});

async function findIncident(em: EntityManager, id: string): Promise<IncidentRow | undefined> {
  if (!isUuid(id)) return undefined;
  const incident = await em.findOne(Incident, { id });
  return incident ? incidentRowOf(incident) : undefined;
}

const iso = (at: Date | null | undefined) => at?.toISOString() ?? null;

const pad = (value: number) => String(value).padStart(2, '0');

/** An instant in a time zone, as ISO 8601 with that zone's offset then (2026-12-31T18:00:00-05:00). */
export function localIso(instant: string, timeZone: string): string {
  const date = new Date(instant);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(date).map((part) => [part.type, part.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offset = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

function isTimeZone(value: string): boolean {
  // The length first: the pattern then runs over at most 64 characters.
  // eslint-disable-next-line security/detect-unsafe-regex -- at most two repetitions, each after a "/"
  if (value.length > 64 || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An incident as the graph shows it (the parent of Incident's fields). */
export type IncidentView = Awaited<ReturnType<typeof withDetails>>;

/** Loads an incident's jurisdictions, notifications, obligations, delays and assessments (the caller's organization only, by RLS). */
async function withDetails(em: EntityManager, incident: IncidentRow) {
  const of = { incident: incident.id };
  const affectedJurisdictions = (await em.find(IncidentJurisdiction, of, { orderBy: { jurisdiction: 'asc' } }))
    .map((row) => ({ jurisdiction: row.jurisdiction, affectedCount: row.affectedCount }));
  const notifications = (await em.find(IncidentNotification, of, { orderBy: { notifiedAt: 'asc', recordedAt: 'asc' } }))
    .map((row) => ({ id: row.id, obligation: row.obligation, jurisdiction: row.jurisdiction ?? null, notifiedAt: row.notifiedAt.toISOString(), recordedBy: row.recordedBy }));
  const obligations = (await em.find(IncidentObligation, of, { orderBy: { dueAt: 'asc', key: 'asc' } })).map((row) => ({
    key: row.key, obligation: row.kind, jurisdiction: row.jurisdiction ?? null, dueAt: row.dueAt.toISOString(), notBefore: iso(row.notBefore), rule: row.rule,
    note: row.note ?? null, captured: row.captured, status: row.status, metAt: iso(row.metAt), metHow: row.metHow ?? null,
    id: `${incident.id}:${row.key}`, dueAtLocal: localIso(row.dueAt.toISOString(), incident.timeZone),
  }));
  const lawEnforcementDelays = (await em.find(IncidentDelay, of, { orderBy: { statedAt: 'asc', recordedAt: 'asc' } })).map((row) => ({
    id: row.id, kind: row.kind, statedAt: row.statedAt.toISOString(), until: iso(row.until), agency: row.agency, officer: row.officer ?? null, recordedBy: row.recordedBy,
  }));
  const riskAssessments = (await em.find(IncidentRiskAssessment, of, { orderBy: { assessedAt: 'asc' } })).map((row) => ({
    id: row.id, phiNature: row.phiNature, recipient: row.recipient, acquisition: row.acquisition, mitigation: row.mitigation, conclusion: row.conclusion,
    assessedBy: row.assessedBy, assessedAt: row.assessedAt.toISOString(),
  }));
  return {
    ...incident, affectedJurisdictions, notifications, obligations, lawEnforcementDelays, riskAssessments, review: await reviewOf(em, incident.id),
    nextDeadline: obligations.find((obligation) => obligation.status === 'PENDING') ?? null,
  };
}

function assertPast(name: string, value: Date, notBefore?: Date): void {
  if (value.getTime() > Date.now() + CLOCK_SKEW_MS) throw badUserInput(`${name} cannot be in the future`, { field: name });
  if (notBefore && value < notBefore) throw badUserInput(`${name} cannot be before the incident was discovered`, { field: name });
}

async function settingsOf(em: EntityManager, organizationId: string) {
  // As it is now (`refresh`: not a copy read before an upsert in the same transaction).
  const row = await em.findOne(IncidentSetting, { organizationId }, { refresh: true });
  return { id: organizationId, ...(row ? { contractNoticeHours: row.contractNoticeHours, timeZone: row.timeZone, isDefault: false } : { ...INCIDENT_SETTING_DEFAULTS, isDefault: true }) };
}

interface DeclareInput {
  kind: string;
  discoveredAt: Date;
  affectedCount: number;
  affectedJurisdictions: { jurisdiction: string; affectedCount: number }[];
  actingAsBusinessAssociate: boolean;
  contractNoticeHours?: number | null;
}

function validContractHours(hours: number | null | undefined, field: string): void {
  if (hours !== null && hours !== undefined && (!Number.isInteger(hours) || hours < 1 || hours > 8760)) {
    throw badUserInput(`${field} must be a whole number of hours from 1 to 8760`, { field });
  }
}

function validateDeclaration(input: DeclareInput): void {
  assertPast('discoveredAt', input.discoveredAt);
  const problem = countsProblem(input);
  if (problem) throw badUserInput(problem, { field: 'affectedJurisdictions' });
  validContractHours(input.contractNoticeHours, 'contractNoticeHours');
}

/** The engine's obligations; facts it refuses are the caller's to correct (the checks above should have caught them). */
function derive(facts: BreachFacts) {
  try {
    return deriveObligations(facts);
  } catch (error) {
    throw badUserInput(error instanceof Error ? error.message : 'the facts are not valid');
  }
}


/** Starts the incident's workflow, recording that it was; false when Temporal cannot be reached (the worker's sweep starts it later). */
async function startWorkflow(service: AuditService, caller: Caller, incident: { id: string; organizationId: string }): Promise<boolean> {
  const workflows = service.incidentWorkflows;
  if (!workflows || !(await temporalAnswers(workflows.client))) return false;
  try {
    await startBreachNotificationWorkflow(workflows.client, workflows.taskQueue, { incidentId: incident.id, organizationId: incident.organizationId });
  } catch (error) {
    service.logger.warn({ err: error, incidentId: incident.id }, 'an incident workflow could not be started; the sweep starts it');
    return false;
  }
  await runInOrganization(service, caller, (em) => em.nativeUpdate(Incident, { id: incident.id, workflowStartedAt: null }, { workflowStartedAt: sql.now() }));
  return true;
}

/** How a refusal by the workflow's validator reaches the caller. */
function refusalFromWorkflow(error: unknown): AppError | null {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : null;
  if (!(cause instanceof ApplicationFailure)) return null;
  if (cause.type === INCIDENT_REFUSALS.forbidden) return forbidden(cause.message);
  if (cause.type === INCIDENT_REFUSALS.closed) return incidentClosed();
  if (cause.type === INCIDENT_REFUSALS.unknownObligation) return new AppError('OBLIGATION_UNKNOWN', cause.message);
  if (cause.type === INCIDENT_REFUSALS.badInput) return badUserInput(cause.message);
  return null;
}

const actorOf = (caller: Caller): IncidentActor => ({ userId: caller.userId!, organizationId: caller.organizationId!, role: caller.role!, requestId: caller.requestId, sourceIp: caller.sourceIp });

/**
 * A person's decision on an open incident, handed to its workflow as an update (which validates
 * it again and records it); the incident as it then is. A workflow not yet started is started first.
 */
async function decide(service: AuditService, caller: Caller, incidentId: string, handOver: (client: Client, actor: IncidentActor, incident: IncidentRow) => Promise<unknown>) {
  await authorize(service, caller, 'incident.manage', { type: 'Incident', id: incidentId });
  const incident = await runInOrganization(service, caller, (em) => findIncident(em, incidentId));
  if (!incident) throw notFound('Incident');
  if (incident.status === 'CLOSED') throw incidentClosed();
  const workflows = service.incidentWorkflows;
  if (!workflows || !(await temporalAnswers(workflows.client))) {
    service.logger.warn({ incidentId }, 'Temporal did not answer: an incident decision was refused');
    throw serviceUnavailable('The incident cannot be changed now; try again in a moment');
  }
  if (!incident.workflowStarted && !(await startWorkflow(service, caller, incident))) throw serviceUnavailable('The incident cannot be changed now; try again in a moment');
  try {
    await workflows.client.connection.withDeadline(Date.now() + DECISION_WITHIN_MS, () => handOver(workflows.client, actorOf(caller), incident));
  } catch (error) {
    if (error instanceof AppError) throw error;
    const refusal = refusalFromWorkflow(error);
    if (refusal) throw refusal;
    if (error instanceof WorkflowNotFoundError) {
      const now = await runInOrganization(service, caller, (em) => findIncident(em, incidentId));
      if (now?.status === 'CLOSED') throw incidentClosed();
    }
    service.logger.error({ err: error, incidentId }, 'an incident decision could not be handed to its workflow');
    throw serviceUnavailable('The incident cannot be changed now; try again in a moment');
  }
  return runInOrganization(service, caller, async (em) => withDetails(em, (await findIncident(em, incidentId))!));
}

/** The incident as it now is, for the answer of a change the caller was allowed to make. */
const viewOf = (service: AuditService, caller: Caller, incidentId: string) =>
  runInOrganization(service, caller, async (em) => withDetails(em, (await findIncident(em, incidentId))!));

const handle = (client: Client, incidentId: string) => client.workflow.getHandle(breachNotificationWorkflowId(incidentId));

export function incidentResolvers(service: AuditService): Resolvers {
  return {
    Incident: {
      __resolveReference: async (reference, { caller }) => {
        await authorize(service, caller, 'incident.read', { type: 'Incident', id: reference.id });
        return runInOrganization(service, caller, async (em) => {
          const incident = await findIncident(em, reference.id);
          return incident ? withDetails(em, incident) : null;
        });
      },
      declaredByUser: (incident) => userReference(incident.declaredBy),
    },
    IncidentNotification: { recordedByUser: (notification) => userReference(notification.recordedBy) },
    LawEnforcementDelay: { recordedByUser: (delay) => userReference(delay.recordedBy) },
    IncidentRiskAssessment: { assessedByUser: (assessment) => userReference(assessment.assessedBy) },
    PostIncidentReview: { writtenByUser: (review) => userReference(review.writtenBy) },
    RemediationItem: {
      owner: (item) => userReference(item.ownerId),
      doneByUser: (item) => userReference(item.doneBy ?? null),
    },
    Query: {
      incidents: async (_parent, args, { caller }): Promise<IncidentConnectionView> => {
        const status = args.status ?? null;
        const page = await readPage(INCIDENTS_ORDER, args, async (keyset) => {
          await authorize(service, caller, 'incident.read', { type: 'Incident', id: null });
          return runInOrganization(service, caller, async (em, organizationId) => {
            // Raw SQL: the keyset page (platform/pagination.ts) is SQL, as every list's.
            const rows = await em.execute<IncidentRow[]>(
              `select ${INCIDENT_COLUMNS}${keyset.keyColumns} from audit.incidents
                where organization_id = ? and (?::text is null or status = ?)${keyset.where} ${keyset.orderBy}`,
              [organizationId, status, status, ...keyset.params],
            );
            await recordAudit(em, caller, { action: 'VIEW', resourceType: 'Incident', outcome: 'SUCCESS', reason: 'list' });
            return Promise.all(rows.map(async (row) => ({ ...(await withDetails(em, row)), ...pageKeysOf(row) })));
          });
        });
        // Counted only when asked for, as the caller (row-level security: its organization's incidents).
        const totalCount = () => runInOrganization(service, caller, (em, organizationId) => em.count(Incident, { organizationId, ...(status ? { status } : {}) }));
        return { ...page, totalCount };
      },

      incident: async (_parent, args, { caller }) => {
        await authorize(service, caller, 'incident.read', { type: 'Incident', id: args.id });
        return runInOrganization(service, caller, async (em) => {
          const incident = await findIncident(em, args.id);
          if (!incident) return null;
          await recordAudit(em, caller, { action: 'VIEW', resourceType: 'Incident', resourceId: incident.id, outcome: 'SUCCESS' });
          return withDetails(em, incident);
        });
      },

      incidentSettings: async (_parent, _args, { caller }) => {
        await authorize(service, caller, 'incident.read', { type: 'IncidentSettings', id: null });
        return runInOrganization(service, caller, (em, organizationId) => settingsOf(em, organizationId));
      },
    },
    Mutation: {
      declareIncident: async (_parent, args, { caller }) => {
        const { input } = args;
        validateDeclaration(input);
        await authorize(service, caller, 'incident.manage', { type: 'Incident', id: null });
        const id = randomUUID();
        const declared = await runInOrganization(service, caller, async (em, organizationId) => {
          const settings = await settingsOf(em, organizationId);
          const contractNoticeHours = input.contractNoticeHours ?? settings.contractNoticeHours;
          await em.insert(Incident, {
            id, organizationId, kind: input.kind, discoveredAt: input.discoveredAt, declaredBy: caller.userId!, affectedCount: input.affectedCount,
            actingAsBusinessAssociate: input.actingAsBusinessAssociate, contractNoticeHours, timeZone: settings.timeZone,
          });
          for (const { jurisdiction, affectedCount } of input.affectedJurisdictions) {
            await em.insert(IncidentJurisdiction, { incident: id, organizationId, jurisdiction, affectedCount });
          }
          // The same engine as the workflow's, so the answer has the deadlines before the workflow runs.
          const obligations = derive({
            discoveredAt: input.discoveredAt.toISOString(), affectedCount: input.affectedCount, affectedJurisdictions: input.affectedJurisdictions,
            actingAsBusinessAssociate: input.actingAsBusinessAssociate, contractNoticeHours, timeZone: settings.timeZone, lawEnforcementDelays: [],
          });
          for (const o of obligations) {
            await em.insert(IncidentObligation, {
              incident: id, key: o.key, organizationId, kind: o.kind, jurisdiction: o.jurisdiction, dueAt: o.dueAt, notBefore: o.notBefore, rule: o.rule, note: o.note,
              captured: o.captured, status: raw(`case when ?::timestamptz <= now() then 'OVERDUE' else 'PENDING' end`, [o.dueAt]),
            });
          }
          await recordAudit(em, caller, { action: 'CREATE', resourceType: 'Incident', resourceId: id, outcome: 'SUCCESS', reason: `kind:${input.kind.toLowerCase()}` });
          return (await findIncident(em, id))!;
        });
        // After the commit: the workflow finds the incident. Temporal down: the declaration stands, the sweep starts it.
        if (!(await startWorkflow(service, caller, declared))) service.logger.warn({ incidentId: id }, 'the incident workflow was not started at declaration; the worker sweep starts it');
        return runInOrganization(service, caller, async (em) => withDetails(em, (await findIncident(em, id))!));
      },

      recordIncidentNotification: async (_parent, args, { caller }) => {
        const { incidentId, obligation, jurisdiction, notifiedAt, method, evidenceDocumentId } = args.input;
        if (jurisdiction && !isUsJurisdiction(jurisdiction)) throw badUserInput(`"${jurisdiction}" is not a US state or territory code`, { field: 'jurisdiction' });
        if (OBLIGATIONS_BY_JURISDICTION.has(obligation) && !jurisdiction) throw badUserInput(`a ${obligation} notification names its jurisdiction`, { field: 'jurisdiction' });
        if (!OBLIGATIONS_BY_JURISDICTION.has(obligation) && jurisdiction) throw badUserInput(`a ${obligation} notification names no jurisdiction`, { field: 'jurisdiction' });
        if (evidenceDocumentId && !isUuid(evidenceDocumentId)) throw badUserInput('evidenceDocumentId is not a document id', { field: 'evidenceDocumentId' });
        assertPast('notifiedAt', notifiedAt);
        return decide(service, caller, incidentId, (client, actor, incident) => {
          assertPast('notifiedAt', notifiedAt, new Date(incident.discoveredAt));
          return handle(client, incidentId).executeUpdate(obligationMetUpdate, {
            args: [{ actor, notificationId: randomUUID(), key: obligationKey(obligation, jurisdiction), notifiedAt: notifiedAt.toISOString(), method: method ?? null, evidenceDocumentId: evidenceDocumentId ?? null }],
          });
        });
      },

      updateIncidentFacts: async (_parent, args, { caller }) => {
        const { incidentId, affectedCount, affectedJurisdictions } = args.input;
        const problem = countsProblem({ affectedCount, affectedJurisdictions });
        if (problem) throw badUserInput(problem, { field: 'affectedJurisdictions' });
        return decide(service, caller, incidentId, (client, actor) => handle(client, incidentId).executeUpdate(factsChangedUpdate, {
          args: [{ actor, affectedCount, affectedJurisdictions: affectedJurisdictions.map((j) => ({ jurisdiction: j.jurisdiction, affectedCount: j.affectedCount })) }],
        }));
      },

      applyLawEnforcementDelay: async (_parent, args, { caller }) => {
        const { incidentId, kind, statedAt, until, agency, officer } = args.input;
        assertPast('statedAt', statedAt);
        if (kind === 'WRITTEN' && !until) throw badUserInput('a written statement names the end of its period (until)', { field: 'until' });
        if (until && until <= statedAt) throw badUserInput('until must be after statedAt', { field: 'until' });
        if (!AGENCY_PATTERN.test(agency)) throw badUserInput("agency must be a short name: letters, digits, spaces and . & ' -, up to 100", { field: 'agency' });
        if (kind === 'ORAL' && !officer) throw badUserInput('an oral statement is documented with the officer who made it', { field: 'officer' });
        if (officer && !AGENCY_PATTERN.test(officer)) throw badUserInput("officer must be a short name: letters, digits, spaces and . & ' -, up to 100", { field: 'officer' });
        return decide(service, caller, incidentId, (client, actor, incident) => {
          assertPast('statedAt', statedAt, new Date(incident.discoveredAt));
          return handle(client, incidentId).executeUpdate(lawEnforcementDelayUpdate, {
            args: [{ actor, delay: { id: randomUUID(), kind, statedAt: statedAt.toISOString(), until: until?.toISOString() ?? null, agency, officer: officer ?? null } }],
          });
        });
      },

      submitRiskAssessment: async (_parent, args, { caller }) => {
        const { incidentId, phiNature, recipient, acquisition, mitigation, conclusion } = args.input;
        return decide(service, caller, incidentId, (client, actor) => handle(client, incidentId).executeUpdate(riskAssessedUpdate, {
          args: [{ actor, assessmentId: randomUUID(), factors: { phiNature, recipient, acquisition, mitigation }, conclusion }],
        }));
      },

      closeIncident: async (_parent, args, { caller }) =>
        decide(service, caller, args.id, (client, actor) => handle(client, args.id).executeUpdate(closeIncidentUpdate, { args: [{ actor }] })),

      writePostIncidentReview: async (_parent, args, { caller }) => {
        await writeReview(service, caller, args.input);
        return viewOf(service, caller, args.input.incidentId);
      },

      addRemediationItem: async (_parent, args, { caller }) => {
        await addRemediation(service, caller, args.input);
        return viewOf(service, caller, args.input.incidentId);
      },

      completeRemediationItem: async (_parent, args, { caller }) => viewOf(service, caller, await completeRemediation(service, caller, args.id)),

      exportPostIncidentReview: (_parent, args, { caller }) => exportReview(service, caller, args.incidentId),

      setIncidentSettings: async (_parent, args, { caller }) => {
        validContractHours(args.contractNoticeHours, 'contractNoticeHours');
        if (args.timeZone !== null && args.timeZone !== undefined && !isTimeZone(args.timeZone)) throw badUserInput('timeZone must be an IANA time zone name (America/Chicago)', { field: 'timeZone' });
        await authorize(service, caller, 'incident.settings.manage', { type: 'IncidentSettings', id: null });
        return runInOrganization(service, caller, async (em, organizationId) => {
          // A setting not given keeps its value (the default for a new row).
          const given = {
            ...(args.contractNoticeHours != null ? { contractNoticeHours: args.contractNoticeHours } : {}),
            ...(args.timeZone != null ? { timeZone: args.timeZone } : {}),
          };
          await em.createQueryBuilder(IncidentSetting)
            .insert({ organizationId, ...INCIDENT_SETTING_DEFAULTS, ...given })
            .onConflict('organizationId')
            .merge({ ...given, updatedAt: sql.now() })
            .execute();
          await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'IncidentSettings', resourceId: organizationId, outcome: 'SUCCESS' });
          return settingsOf(em, organizationId);
        });
      },
    },
  };
}
