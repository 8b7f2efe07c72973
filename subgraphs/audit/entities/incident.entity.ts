// audit.incidents: security incidents (possible breaches). Structured fields only: no free text
// that could carry PHI. The incident tables have no owner policy (the migration made none).
import { defineEntity, p } from '@mikro-orm/core';
import { R, readsEveryRow, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';

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
  },
  checks: [{ name: 'incidents_check', expression: 'discovered_at <= declared_at' }],
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), readsEveryRow('worker_reads', R.worker)],
});

export class Incident extends IncidentSchema.class {}
IncidentSchema.setClass(Incident);

export const incidentGrants: TableGrants = {
  table: 'audit.incidents',
  roles: { [R.audit]: ['select', 'insert', { update: ['status'] }], [R.worker]: ['select'] },
};
