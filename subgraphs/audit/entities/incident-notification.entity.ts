// audit.incident_notifications: each notification made for an incident's obligations.
import { defineEntity, p } from '@mikro-orm/core';
import { R, readsEveryRow, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Incident } from './incident.entity.ts';

export const IncidentNotificationSchema = defineEntity({
  name: 'IncidentNotification',
  schema: 'audit',
  tableName: 'incident_notifications',
  properties: {
    id: p.uuid().primary(),
    incident: () => p.manyToOne(Incident),
    organizationId: p.uuid(),
    obligation: p.enum(['INDIVIDUALS', 'MEDIA', 'HHS', 'COVERED_ENTITY', 'STATE_REGULATOR']),
    jurisdiction: p.text().nullable().check(`jurisdiction ~ '^[A-Z]{2}$'`),
    notifiedAt: p.datetime(),
    recordedBy: p.uuid(),
    recordedAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'incident_notifications_incident', properties: ['incident'] }],
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), readsEveryRow('worker_reads', R.worker)],
});

export class IncidentNotification extends IncidentNotificationSchema.class {}
IncidentNotificationSchema.setClass(IncidentNotification);

export const incidentNotificationGrants: TableGrants = { table: 'audit.incident_notifications', roles: { [R.audit]: ['select', 'insert'], [R.worker]: ['select'] } };
