// Incidents: declared by incident responders (or owners), with the notifications made for them.
// The breach-notification workflow derives deadlines from these facts.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authorize.ts';
import { isoTimestamp, type EntityManager } from '../../platform/database/orm.ts';
import { badUserInput, conflict, notFound } from '../../platform/errors.ts';
import type { Resolvers } from '../../schema/generated/audit-resolvers.ts';
import { isUsJurisdiction } from '../../platform/us-jurisdictions.ts';
import { isUuid } from '../../platform/ids.ts';
import { runInOrganization, type AuditService } from './service.ts';

interface IncidentRow {
  id: string;
  kind: string;
  discoveredAt: string;
  declaredAt: string;
  declaredBy: string;
  affectedCount: number;
  actingAsBusinessAssociate: boolean;
  status: 'OPEN' | 'CLOSED';
}

const INCIDENT_COLUMNS = `id::text, kind, ${isoTimestamp('discovered_at')} as "discoveredAt", ${isoTimestamp('declared_at')} as "declaredAt", declared_by::text as "declaredBy",
  affected_count as "affectedCount", acting_as_business_associate as "actingAsBusinessAssociate", status`;
const CLOCK_SKEW_MS = 5 * 60_000;
const OBLIGATIONS_BY_JURISDICTION = new Set(['MEDIA', 'STATE_REGULATOR']);

async function findIncident(em: EntityManager, id: string): Promise<IncidentRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await em.execute<IncidentRow[]>(`select ${INCIDENT_COLUMNS} from audit.incidents where id = ?`, [id]);
  return row;
}

/** An incident as the graph shows it (the parent of Incident's fields). */
export type IncidentView = Awaited<ReturnType<typeof withDetails>>;

/** Loads an incident's jurisdictions and notifications (the caller's organization only, by RLS). */
async function withDetails(em: EntityManager, incident: IncidentRow) {
  const affectedJurisdictions = await em.execute(
    `select jurisdiction, affected_count as "affectedCount" from audit.incident_jurisdictions where incident_id = ? order by jurisdiction`,
    [incident.id],
  );
  const notifications = await em.execute(
    `select id::text, obligation, jurisdiction, ${isoTimestamp('notified_at')} as "notifiedAt", recorded_by::text as "recordedBy"
     from audit.incident_notifications where incident_id = ? order by notified_at, recorded_at`,
    [incident.id],
  );
  return { ...incident, affectedJurisdictions, notifications };
}

function assertPast(name: string, value: Date, notBefore?: Date): void {
  if (value.getTime() > Date.now() + CLOCK_SKEW_MS) throw badUserInput(`${name} cannot be in the future`);
  if (notBefore && value < notBefore) throw badUserInput(`${name} cannot be before the incident was discovered`);
}

interface DeclareInput {
  kind: string;
  discoveredAt: Date;
  affectedCount: number;
  affectedJurisdictions: { jurisdiction: string; affectedCount: number }[];
  actingAsBusinessAssociate: boolean;
}

function validateDeclaration(input: DeclareInput): void {
  assertPast('discoveredAt', input.discoveredAt);
  if (!Number.isInteger(input.affectedCount) || input.affectedCount < 0 || input.affectedCount > 1_000_000_000) {
    throw badUserInput('affectedCount must be a whole number from 0 to 1,000,000,000');
  }
  const seen = new Set<string>();
  let total = 0;
  for (const { jurisdiction, affectedCount } of input.affectedJurisdictions) {
    if (!isUsJurisdiction(jurisdiction)) throw badUserInput(`"${jurisdiction}" is not a US state or territory code`, { field: 'affectedJurisdictions' });
    if (seen.has(jurisdiction)) throw badUserInput(`${jurisdiction} is listed twice`, { field: 'affectedJurisdictions' });
    if (!Number.isInteger(affectedCount) || affectedCount < 0) throw badUserInput('affected counts must be whole numbers, 0 or more');
    seen.add(jurisdiction);
    total += affectedCount;
  }
  if (total > input.affectedCount) throw badUserInput('the jurisdictions count more affected people than affectedCount');
}

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
    },
    Query: {
      incidents: async (_parent, args, { caller }) => {
        await authorize(service, caller, 'incident.read', { type: 'Incident', id: null });
        return runInOrganization(service, caller, async (em) => {
          const rows = await em.execute<IncidentRow[]>(
            `select ${INCIDENT_COLUMNS} from audit.incidents ${args.status ? 'where status = ?' : ''} order by declared_at desc`,
            args.status ? [args.status] : [],
          );
          await recordAudit(em, caller, { action: 'VIEW', resourceType: 'Incident', outcome: 'SUCCESS', reason: 'list' });
          return Promise.all(rows.map((row) => withDetails(em, row)));
        });
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
    },
    Mutation: {
      declareIncident: async (_parent, args, { caller }) => {
        validateDeclaration(args.input);
        await authorize(service, caller, 'incident.manage', { type: 'Incident', id: null });
        return runInOrganization(service, caller, async (em, organizationId) => {
          const id = randomUUID();
          const { input } = args;
          await em.execute(
            `insert into audit.incidents (id, organization_id, kind, discovered_at, declared_by, affected_count, acting_as_business_associate)
             values (?, ?, ?, ?, ?, ?, ?)`,
            [id, organizationId, input.kind, input.discoveredAt.toISOString(), caller.userId, input.affectedCount, input.actingAsBusinessAssociate],
          );
          for (const { jurisdiction, affectedCount } of input.affectedJurisdictions) {
            await em.execute(
              `insert into audit.incident_jurisdictions (incident_id, organization_id, jurisdiction, affected_count) values (?, ?, ?, ?)`,
              [id, organizationId, jurisdiction, affectedCount],
            );
          }
          await recordAudit(em, caller, { action: 'CREATE', resourceType: 'Incident', resourceId: id, outcome: 'SUCCESS', reason: `kind:${input.kind.toLowerCase()}` });
          return withDetails(em, (await findIncident(em, id))!);
        });
      },

      recordIncidentNotification: async (_parent, args, { caller }) => {
        const { incidentId, obligation, jurisdiction, notifiedAt } = args.input;
        if (jurisdiction && !isUsJurisdiction(jurisdiction)) throw badUserInput(`"${jurisdiction}" is not a US state or territory code`);
        if (OBLIGATIONS_BY_JURISDICTION.has(obligation) && !jurisdiction) throw badUserInput(`a ${obligation} notification names its jurisdiction`);
        await authorize(service, caller, 'incident.manage', { type: 'Incident', id: incidentId });
        return runInOrganization(service, caller, async (em, organizationId) => {
          const incident = await findIncident(em, incidentId);
          if (!incident) throw notFound('Incident');
          if (incident.status === 'CLOSED') throw conflict('The incident is closed');
          assertPast('notifiedAt', notifiedAt, new Date(incident.discoveredAt));
          await em.execute(
            `insert into audit.incident_notifications (id, incident_id, organization_id, obligation, jurisdiction, notified_at, recorded_by)
             values (?, ?, ?, ?, ?, ?, ?)`,
            [randomUUID(), incidentId, organizationId, obligation, jurisdiction ?? null, notifiedAt.toISOString(), caller.userId],
          );
          await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'Incident', resourceId: incidentId, outcome: 'SUCCESS', reason: `notified:${obligation.toLowerCase()}` });
          return withDetails(em, incident);
        });
      },

      closeIncident: async (_parent, args, { caller }) => {
        await authorize(service, caller, 'incident.manage', { type: 'Incident', id: args.id });
        return runInOrganization(service, caller, async (em) => {
          const incident = await findIncident(em, args.id);
          if (!incident) throw notFound('Incident');
          if (incident.status === 'CLOSED') throw conflict('The incident is already closed');
          await em.execute(`update audit.incidents set status = 'CLOSED' where id = ?`, [args.id]);
          await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'Incident', resourceId: args.id, outcome: 'SUCCESS', reason: 'closed' });
          return withDetails(em, { ...incident, status: 'CLOSED' });
        });
      },
    },
  };
}
