// audit.incident_remediations: what an incident's review commits to, each with an owner (a member
// of the organization) and a due date, tracked until done.
import { defineEntity, p } from '@mikro-orm/core';
import { R, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Incident } from './incident.entity.ts';

export const IncidentRemediationSchema = defineEntity({
  name: 'IncidentRemediation',
  schema: 'audit',
  tableName: 'incident_remediations',
  properties: {
    id: p.uuid().primary(),
    incident: () => p.manyToOne(Incident),
    organizationId: p.uuid(),
    title: p.text().check('length(title) >= 3 and length(title) <= 200'),
    ownerId: p.uuid(),
    dueOn: p.date(),
    status: p.enum(['OPEN', 'DONE']).default('OPEN'),
    doneAt: p.datetime().nullable(),
    doneBy: p.uuid().nullable(),
    createdBy: p.uuid(),
    createdAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'incident_remediations_incident', properties: ['incident'] }],
  checks: [{ name: 'incident_remediations_done', expression: `(status = 'DONE') = (done_at is not null)` }],
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit)],
});

export class IncidentRemediation extends IncidentRemediationSchema.class {}
IncidentRemediationSchema.setClass(IncidentRemediation);

export const incidentRemediationGrants: TableGrants = { table: 'audit.incident_remediations', roles: { [R.audit]: ['select', 'insert', { update: ['status', 'done_at', 'done_by'] }] } };
