// audit.incidents: security incidents (possible breaches). Structured fields only: no free text
// that could carry PHI. The incident tables have no owner policy (the migration made none).
// The worker (the breach-notification workflow's activities) changes the facts and the status.
import { defineEntity, p } from '@mikro-orm/core';
import { everyRow, R, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';

export const IncidentSchema = defineEntity({
  name: 'Incident',
  schema: 'audit',
  tableName: 'incidents',
  properties: {
    id: p.uuid().primary(),
    organizationId: p.uuid(),
    kind: p.enum(['LOST_DEVICE', 'THEFT', 'HACKING', 'UNAUTHORIZED_ACCESS', 'IMPROPER_DISPOSAL', 'MISDIRECTED_DISCLOSURE', 'OTHER']),
    discoveredAt: p.datetime(),
    declaredAt: p.datetime().defaultRaw('now()'),
    declaredBy: p.uuid(),
    affectedCount: p.integer().check('affected_count >= 0'),
    actingAsBusinessAssociate: p.boolean(),
    status: p.enum(['OPEN', 'CLOSED']).default('OPEN'),
    /** Why it closed: handled to the end, or a risk assessment showed a low probability of compromise (164.402). */
    closedAs: p.enum(['RESOLVED', 'NOT_A_BREACH']).nullable(),
    closedAt: p.datetime().nullable(),
    /** The customer's contractual notice window, fixed at declaration (from the organization's incident settings unless given). */
    contractNoticeHours: p.integer().default(72).check('contract_notice_hours >= 1 and contract_notice_hours <= 8760'),
    /** The organization's IANA time zone at declaration: calendar-year ends and local deadlines. */
    timeZone: p.text().default('America/New_York').check(`length(time_zone) <= 64`),
    /** When its breach-notification workflow was started; null until then (Temporal was down: the sweep starts it). */
    workflowStartedAt: p.datetime().nullable(),
  },
  checks: [{ name: 'incidents_check', expression: 'discovered_at <= declared_at' }],
  // The list of an organization's incidents, newest first, and its count (incidents, totalCount).
  indexes: [{ name: 'incidents_organization_declared', properties: ['organizationId', 'declaredAt', 'id'] }],
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), everyRow('worker_maintains', R.worker)],
});

export class Incident extends IncidentSchema.class {}
IncidentSchema.setClass(Incident);

export const incidentGrants: TableGrants = {
  table: 'audit.incidents',
  roles: { [R.audit]: ['select', 'insert', { update: ['workflow_started_at'] }], [R.worker]: ['select', { update: ['affected_count', 'status', 'closed_as', 'closed_at', 'workflow_started_at'] }] },
};
